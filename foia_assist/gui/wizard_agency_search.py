"""The wizard's agency page finds its agency in the directory.

`DirectoryPicker` puts an `AgencySearchBox` on the page. Picking an agency fills its name, the
jurisdiction whose law applies (page 1 follows when it differs), its level and notes (a tribal
agency's warning that state law may not reach it) and the contacts known for it. When the
request is finished, the contacts on the page are recorded for that agency in the contact
book; contacts that differ from the recorded ones are replaced only if the user says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from foia_assist.errors import UserError
from foia_assist.gui.agency_search import AgencySearchBox
from foia_assist.services.agency_contacts import AgencyEntry, Contact, ContactBook, ContactConflict

if TYPE_CHECKING:
    from foia_assist.domain.request import Agency

Ask = Callable[[str, str], bool]  # (title, question) -> yes?


class DirectoryPicker:
    def __init__(
        self,
        page: Any,
        book: ContactBook,
        select_jurisdiction: Callable[[str], None],
        at: int = 0,
    ) -> None:
        self.page = page
        self.book = book
        self.select_jurisdiction = select_jurisdiction
        self.entry: AgencyEntry | None = None
        self.box = AgencySearchBox(book)
        self.info = QLabel()
        self.info.setAccessibleName("About the agency picked")
        self.info.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Find it in the d&irectory of US police agencies and federal FOIA offices:")
        label.setBuddy(self.box.query)
        column.addWidget(label)
        column.addWidget(self.box)
        column.addWidget(self.info)
        page.layout().insertWidget(at, holder)
        self.box.picked.connect(self.fill)
        page.name.textEdited.connect(self._name_edited)

    def set_jurisdiction(self, code: str | None) -> None:
        self.box.set_state(code)

    def fill(self, entry: AgencyEntry) -> None:
        """The page's fields from the agency picked (contacts left as typed where unknown)."""
        self.entry = entry
        p, c = self.page, entry.contact
        p.name.setText(entry.name)
        if c.records_officer:
            p.officer.setText(c.records_officer)
        if c.address:
            p.address.setPlainText(c.address)
        if c.email:
            p.email.setText(c.email)
        if c.portal_url:
            p.portal.setText(c.portal_url)
        if entry.jurisdiction:
            self.select_jurisdiction(entry.jurisdiction)
        level = getattr(p, "level", None)  # the page's level choice, where it has one
        if level is not None:
            found = level.findData(entry.level.value)
            if found >= 0:
                level.setCurrentIndex(found)
        self.info.setText(describe(entry))

    def _name_edited(self, text: str) -> None:
        if self.entry is not None and text.strip() != self.entry.name:
            self.entry = None  # a different agency now: nothing is recorded against the pick
            self.info.setText("")

    def picked_id(self) -> str:
        return self.entry.id if self.entry else ""

    def restore(self, agency_id: str) -> None:
        if not agency_id:
            return
        try:
            self.entry = self.book.entry(agency_id)
        except UserError:
            self.entry = None
            return
        self.info.setText(describe(self.entry))

    def save(self, agency: Agency, ask: Ask) -> bool:
        """Record the page's contacts for the agency picked; False when nothing was picked
        (the caller keeps its own address-book save)."""
        if self.entry is None:
            return False
        contact = Contact(agency.email, agency.address, agency.portal_url, agency.records_officer)
        if contact.is_empty():
            return True
        try:
            self.book.set_contact(self.entry.id, contact)
        except ContactConflict as exc:
            if ask("Replace the recorded contacts?", f"{exc}. Replace them with these?"):
                self.book.set_contact(self.entry.id, contact, replace=True)
        return True


def describe(e: AgencyEntry) -> str:
    law = e.jurisdiction or "none (no rule file)"
    where = ", ".join(p for p in (e.county and f"{e.county} County", e.state) if p)
    source = "" if e.own else f" [{e.id}]"
    text = (
        f"{e.type.value} agency, {e.level.value} level, {where}; law that applies: {law}{source}."
    )
    c = e.contact
    if c.is_empty() and c.checked:
        # Nothing recorded by the user (an empty contact is never saved): the date is when
        # the directory looked for the agency's contact and found none (FBI, ATF: trial C6).
        text += (
            f" No contact in the directory (looked for on {c.checked}): enter the one you "
            "find, it is kept for next time."
        )
    elif c.is_empty():
        text += " No contact recorded yet: enter the one you find, it is kept for next time."
    elif c.source or c.checked:
        who = "published by the agency" if e.published else "recorded by you"
        source = f": {c.source}" if c.source else ""
        text += f" Contacts {who}{source} ({c.checked or 'no date'})."
    if e.note:
        text += " " + e.note
    return text

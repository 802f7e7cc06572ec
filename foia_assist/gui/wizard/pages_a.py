"""Wizard pages 1-3: jurisdiction, agency, records."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.jurisdictions import Jurisdiction
from foia_assist.domain.request import Agency, is_valid_email, is_valid_url
from foia_assist.gui.wizard.records_widget import RecordsWidget
from foia_assist.gui.wizard_agency_search import DirectoryPicker

if TYPE_CHECKING:
    from foia_assist.gui.wizard.wizard import RequestWizard

CodeRole = Qt.ItemDataRole.UserRole
ERROR_STYLE = "QLabel { color: #a40000; }"


def residency_warning(j: Jurisdiction) -> str:
    """Plain words when only residents may use the law (or it is unsettled), with what to do."""
    if j.residents_only is True:
        return (
            f"Only residents may use the {j.law_name}. {j.requesters.note} If you do not live "
            f"in {j.name}, ask someone who does (a local newspaper, a resident or an "
            "organisation there) to send the request in their name."
        )
    if j.residents_only is None:
        return f"Whether non-residents may use the {j.law_name} is unsettled: {j.requesters.note}"
    return ""


def jurisdiction_html(j: Jurisdiction) -> str:
    r = j.response
    parts = [
        f"<h3 style='margin:0'>{html.escape(j.name)}: {html.escape(j.law_name)}</h3>",
        f"<p>{html.escape(j.citation)}</p>",
        f"<p><b>First response:</b> {html.escape(r.period_in_words())} "
        f"to {html.escape(r.summary)} ({html.escape(r.citation)}).</p>",
    ]
    if j.extension is not None:
        days = (
            f"{j.extension.days} {j.extension.day_type.value if j.extension.day_type else ''} days"
            if j.extension.days is not None
            else "more time (no number set)"
        )
        parts.append(
            f"<p><b>Extension:</b> {html.escape(days)} ({html.escape(j.extension.citation)}). "
            f"{html.escape(_capital(j.extension.conditions.strip().rstrip('.')))}.</p>"
        )
    for later in j.later_clocks:
        tracked = (
            " The tracker follows this clock once you log the request." if later.tracked else ""
        )
        parts.append(
            f"<p><b>{html.escape(later.name)}</b> ({html.escape(later.period_in_words())}, "
            f"counted from {html.escape(later.starts)}): {html.escape(later.summary)} "
            f"({html.escape(later.citation)}).{tracked}</p>"
        )
    warning = residency_warning(j)
    if warning:
        parts.append(f"<p style='color:#a40000'><b>Who may ask:</b> {html.escape(warning)}</p>")
    else:
        parts.append(f"<p><b>Who may ask:</b> {html.escape(j.requesters.note)}</p>")
    if not r.fixed:
        parts.append(
            "<p style='color:#a40000'><b>No fixed deadline:</b> the law says "
            f"“{html.escape(r.wording or 'no number of days')}”.</p>"
        )
    appeal = j.appeal
    if appeal.deadline_days is not None and appeal.deadline_day_type is not None:
        when = f" Deadline: {appeal.deadline_days} {appeal.deadline_day_type.value} days."
    else:
        when = ""
    cite = f" ({html.escape(appeal.citation)})" if appeal.citation else ""
    parts.append(f"<p><b>If denied:</b> {html.escape(appeal.route)}{cite}{html.escape(when)}</p>")
    parts.append(
        f"<p><b>Holidays:</b> business days skip {html.escape(_holiday_source(j))}"
        f" ({html.escape(j.holidays.citation)}).</p>"
    )
    if j.notes:
        parts.append(f"<p><b>Notes and open questions:</b> {html.escape(j.notes)}</p>")
    links = "".join(f"<li>{_source_html(source)}</li>" for source in (j.statute_url, *j.sources))
    holidays_checked = (
        f"; holidays checked {j.holidays.verified.isoformat()}" if j.holidays.verified else ""
    )
    parts.append(f"<p><b>Sources</b></p><ul style='margin-top:0'>{links}</ul>")
    parts.append(
        f"<p style='color:#555'>Rules checked {j.verified.isoformat()}{holidays_checked} "
        f"(confidence: {j.confidence.value}). Not legal advice.</p>"
    )
    return "".join(parts)


def _holiday_source(j: Jurisdiction) -> str:
    if j.holidays.subdiv is None:
        return "federal legal public holidays"
    return f"{j.name} state holidays"


def _source_html(source: str) -> str:
    """A source line, its leading URL made a link (the rest is a description)."""
    url, _, rest = source.partition(" ")
    if url.startswith(("https://", "http://")):
        tail = f" {html.escape(rest)}" if rest else ""
        return f"<a href='{html.escape(url, quote=True)}'>{html.escape(url)}</a>{tail}"
    return html.escape(source)


class JurisdictionPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("1. Which law?")
        self.setSubTitle("Choose the state whose agency holds the records (federal FOIA: US).")
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type a state, code or law name…")
        self.filter.setAccessibleName("Search jurisdictions")
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Jurisdictions")
        for j in wizard.deps.jurisdictions:
            item = QListWidgetItem(f"{j.code} — {j.name}: {j.short_name}, {_period(j)}")
            item.setData(CodeRole, j.code)
            item.setToolTip(j.law_name)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._changed)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(True)
        self.detail.setAccessibleName("About this law")
        row.addWidget(self.list, 1)
        row.addWidget(self.detail, 1)
        layout.addLayout(row)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = f"{item.text()} {item.toolTip()}".casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def _changed(self, *_: Any) -> None:
        j = self.jurisdiction()
        self.detail.setHtml(jurisdiction_html(j) if j else "")
        self.completeChanged.emit()

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(CodeRole) == code:
                self.list.setCurrentRow(i)
                return

    def jurisdiction(self) -> Jurisdiction | None:
        item = self.list.currentItem()
        return self.w.deps.jurisdictions.find(str(item.data(CodeRole))) if item else None

    def isComplete(self) -> bool:  # noqa: N802
        return self.jurisdiction() is not None


def _period(j: Jurisdiction) -> str:
    return j.response.period_in_words() if j.response.fixed else "no fixed deadline"


class AgencyPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("2. Which agency?")
        self.setSubTitle(
            "Find it in the directory, pick one from your address book or enter a new one."
        )
        layout = QVBoxLayout(self)
        self.book = QComboBox()
        self.book.setAccessibleName("Address book")
        self.book.currentIndexChanged.connect(self._from_book)
        form = QFormLayout()
        form.addRow("From your &address book:", self.book)
        self.name = QLineEdit()
        self.name.setAccessibleName("Agency name")
        self.name.setPlaceholderText("e.g. Springfield Police Department")
        self.officer = QLineEdit()
        self.officer.setAccessibleName("Records officer")
        self.officer.setPlaceholderText("e.g. Public Records Officer")
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("Postal address")
        self.address.setMaximumHeight(70)
        self.address.setTabChangesFocus(True)
        self.email = QLineEdit()
        self.email.setAccessibleName("Records email address")
        self.portal = QLineEdit()
        self.portal.setAccessibleName("Records portal web address")
        self.portal.setPlaceholderText("https://…")
        self.save_to_book = QCheckBox("Save this agency in my address book")
        self.save_to_book.setAccessibleName("Save this agency in my address book")
        self.save_to_book.setChecked(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setAccessibleName("Problems with the agency details")
        self.problem.setWordWrap(True)
        form.addRow("Agency &name:", self.name)
        form.addRow("&Attention:", self.officer)
        form.addRow("&Postal address:", self.address)
        form.addRow("&Email:", self.email)
        form.addRow("Web p&ortal:", self.portal)
        form.addRow("", self.save_to_book)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for edit in (self.name, self.email, self.portal):
            edit.textChanged.connect(self._validate)
        self._stored: list[Any] = []
        book = wizard.deps.contact_book
        self.directory = (
            DirectoryPicker(self, book, wizard.jurisdiction_page.select) if book else None
        )

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.jurisdiction_page.jurisdiction()
        if self.directory is not None:
            self.directory.set_jurisdiction(j.code if j else None)
        self._stored = self.w.deps.agencies(j.code) if j else []
        self.book.blockSignals(True)
        self.book.clear()
        self.book.addItem("New agency", None)
        for stored in self._stored:
            self.book.addItem(stored.agency.name, stored.id)
        self.book.blockSignals(False)
        self._validate()

    def _from_book(self, index: int) -> None:
        if index <= 0 or index > len(self._stored):
            return
        a = self._stored[index - 1].agency
        self.name.setText(a.name)
        self.officer.setText(a.records_officer)
        self.address.setPlainText(a.address)
        self.email.setText(a.email)
        self.portal.setText(a.portal_url)
        self.save_to_book.setChecked(False)

    def problems(self) -> list[str]:
        out = []
        if not self.name.text().strip():
            out.append("Enter the agency's name.")
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            out.append(f"“{email}” is not a valid email address.")
        url = self.portal.text().strip()
        if url and not is_valid_url(url):
            out.append("The portal address must start with http:// or https://.")
        return out

    def _validate(self, *_: Any) -> None:
        self.problem.setText(" ".join(self.problems()) if self.name.text().strip() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.problems()

    def agency(self, code: str) -> Agency:
        return Agency(
            name=self.name.text().strip(),
            jurisdiction=code,
            address=self.address.toPlainText().strip(),
            email=self.email.text().strip(),
            portal_url=self.portal.text().strip(),
            records_officer=self.officer.text().strip(),
        )

    def state(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "officer": self.officer.text(),
            "address": self.address.toPlainText(),
            "email": self.email.text(),
            "portal": self.portal.text(),
            "directory_id": self.directory.picked_id() if self.directory else "",
        }

    def restore(self, s: dict[str, Any]) -> None:
        self.name.setText(str(s.get("name", "")))
        self.officer.setText(str(s.get("officer", "")))
        self.address.setPlainText(str(s.get("address", "")))
        self.email.setText(str(s.get("email", "")))
        self.portal.setText(str(s.get("portal", "")))
        if self.directory is not None:
            self.directory.restore(str(s.get("directory_id", "")))


class RecordsPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("3. Which records?")
        self.setSubTitle(
            "Tick what to ask for; each category explains what it covers and how to get it."
        )
        layout = QVBoxLayout(self)
        self.records = RecordsWidget(wizard.deps.catalogue)
        self.records.changed.connect(self._changed)
        layout.addWidget(self.records)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.jurisdiction_page.jurisdiction()
        self.records.set_jurisdiction(j.code if j else "", self.w.deps.today())
        self._changed()

    def _changed(self) -> None:
        self.problem.setText(self.records.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.records.problem()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

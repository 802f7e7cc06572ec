"""Choose the records to ask for: the FRT catalogue as a checklist. Reused by bulk export."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.catalogue import Catalogue, Category
from foia_assist.domain.request import Records
from foia_assist.gui.event_dialog import from_qdate, to_qdate
from foia_assist.gui.widgets.date_field import DateField

IdRole = Qt.ItemDataRole.UserRole
# A first visit starts with the categories most requests need.
DEFAULT_CATEGORIES = ("contracts", "trials", "audit-logs", "policies")


def category_html(c: Category) -> str:
    exemptions = ", ".join(c.exemptions)
    parts = [
        f"<h3 style='margin:0'>{html.escape(c.title)}</h3>",
        f"<p>{html.escape(c.explanation)}</p>",
        f"<p><b>Tip:</b> {html.escape(c.tip)}</p>",
    ]
    if exemptions:
        parts.append(f"<p><b>Agencies may cite:</b> {html.escape(exemptions)}</p>")
    return "".join(parts)


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.replace("\n", sep).split(sep) if x.strip())


class RecordsWidget(QWidget):
    """Emits `changed` on any edit; `records()` gives the `Records` chosen."""

    changed = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._jurisdiction = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        self.categories = QListWidget()
        self.categories.setAccessibleName("Record categories")
        for c in catalogue.categories:
            item = QListWidgetItem(c.title)
            item.setData(IdRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = c.id in DEFAULT_CATEGORIES
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setToolTip(c.explanation)
            self.categories.addItem(item)
        self.categories.currentItemChanged.connect(self._show_category)
        self.categories.itemChanged.connect(lambda _: self.changed.emit())
        self.explain = QTextBrowser()
        self.explain.setAccessibleName("What this category covers")
        top.addWidget(self.categories, 2)
        top.addWidget(self.explain, 3)
        layout.addLayout(top, 1)

        self.state_law = QCheckBox()
        self.state_law.setAccessibleName("Ask for the records the state's FRT law requires")
        self.state_law.setChecked(True)
        self.state_law.toggled.connect(lambda _: self.changed.emit())
        self.state_law_text = QLabel()
        self.state_law_text.setWordWrap(True)
        layout.addWidget(self.state_law)
        layout.addWidget(self.state_law_text)

        lower = QHBoxLayout()
        vendors_box = QGroupBox("Vendors to name")
        vl = QVBoxLayout(vendors_box)
        self.vendors = QListWidget()
        self.vendors.setAccessibleName("Vendors to name")
        # Long names ("Idemia (formerly MorphoTrust) (MorphoFace …)") wrap instead of hiding
        # behind a horizontal scrollbar.
        self.vendors.setWordWrap(True)
        self.vendors.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.vendors.setResizeMode(QListWidget.ResizeMode.Adjust)
        for v in catalogue.vendors:
            item = QListWidgetItem(v.label())
            item.setData(IdRole, v.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(f"{v.label()}. {v.note}".strip() if v.note else v.label())
            self.vendors.addItem(item)
        self.vendors.itemChanged.connect(lambda _: self.changed.emit())
        vl.addWidget(self.vendors)
        lower.addWidget(vendors_box, 5)

        more = QGroupBox("Dates, your own items, search terms")
        form = QFormLayout(more)
        self.use_dates = QCheckBox("Use one date range for everything")
        self.use_dates.setAccessibleName("Use one date range for everything")
        self.use_dates.setToolTip("Otherwise each category uses its own sensible default range.")
        self.date_from = DateField()
        self.date_to = DateField()
        for edit, name in ((self.date_from, "Records from"), (self.date_to, "Records to")):
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _: self.changed.emit())
        self.date_from.setDate(to_qdate(date(2018, 1, 1)))
        self.use_dates.toggled.connect(self._toggle_dates)
        form.addRow(self.use_dates)
        form.addRow("Fr&om:", self.date_from)
        form.addRow("&To:", self.date_to)
        self.custom = QPlainTextEdit()
        self.custom.setAccessibleName("Your own items, one per line")
        self.custom.setPlaceholderText("One item per line, e.g. emails with Clearview AI")
        self.custom.setMaximumHeight(70)
        self.custom.setTabChangesFocus(True)  # a Tab moves on; it never lands in a letter item
        self.custom.textChanged.connect(self.changed.emit)
        form.addRow("O&wn items:", self.custom)
        self.terms = QLineEdit()
        self.terms.setAccessibleName("Search terms, separated by commas")
        self.terms.setPlaceholderText(", ".join(catalogue.default_search_terms))
        self.terms.setToolTip("Leave empty to use the suggested terms and the vendors' names.")
        self.terms.textChanged.connect(lambda _: self.changed.emit())
        form.addRow("&Search terms:", self.terms)
        lower.addWidget(more, 6)
        layout.addLayout(lower, 1)
        self.categories.setCurrentRow(0)

    # -- jurisdiction-specific part -----------------------------------------------------------

    def set_jurisdiction(
        self, code: str, today: date | None = None, level: str | None = None, agency: str = ""
    ) -> None:
        """Show the state's FRT law for this kind of agency (`level`: "state", "local"…; None:
        not known; `agency`: its name). A law that does not reach the agency is not offered:
        its note says why (the letter leaves it out too), and the tick is kept for a change of
        agency."""
        self._jurisdiction = code
        if today is not None and not self.use_dates.isChecked():
            self.date_to.setDate(to_qdate(today))
        law = self.catalogue.state_law(code) if code else None
        other_section = law is not None and law.not_for(agency)
        reaches = law is not None and law.reaches(level) and not other_section
        self.state_law.setVisible(reaches)
        self.state_law_text.setVisible(law is not None)
        if law is None:
            return
        if other_section:
            # Virginia: a campus police department's FRT records fall under § 23.1-815.1.
            self.state_law_text.setText(
                f"{html.escape(law.name)} ({html.escape(law.citation)}) is not asked of "
                f"{html.escape(agency)}: its name marks it as an agency another section "
                f"governs. <i>{html.escape(law.not_for_note)}</i>"
            )
            return
        if not reaches:
            self.state_law_text.setText(
                f"{html.escape(law.name)} ({html.escape(law.citation)}) reaches only "
                f"{html.escape(law.reach())}, so the letter to this "
                f"{html.escape(str(level))} agency does not ask for the records it requires. "
                f"<i>{html.escape(law.levels_note)}</i>"
            )
            return
        self.state_law.setText(f"Also ask for the records {law.name} ({law.citation}) requires")
        records = "".join(f"<li>{html.escape(r)}</li>" for r in law.records)
        self.state_law_text.setText(
            f"<ul style='margin:0'>{records}</ul><i>{html.escape(law.verify_note)} "
            f"(checked {law.verified.isoformat()})</i>"
        )

    def has_state_law(self) -> bool:
        return bool(self._jurisdiction) and self.catalogue.state_law(self._jurisdiction) is not None

    # -- values -------------------------------------------------------------------------------

    def _checked(self, widget: QListWidget) -> tuple[str, ...]:
        return tuple(
            str(widget.item(i).data(IdRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        )

    def records(self) -> Records:
        dated = self.use_dates.isChecked()
        return Records(
            categories=self._checked(self.categories),
            vendors=self._checked(self.vendors),
            date_from=from_qdate(self.date_from.date()) if dated else None,
            date_to=from_qdate(self.date_to.date()) if dated else None,
            custom_items=_split(self.custom.toPlainText(), "\n"),
            search_terms=_split(self.terms.text(), ","),
            include_state_frt_law=self.state_law.isChecked(),
        )

    def problem(self) -> str:
        """Why the choice can't be used yet, in plain words ('' when it can)."""
        r = self.records()
        if not r.categories and not r.custom_items:
            return "Choose at least one category or write an item of your own."
        if r.date_from and r.date_to and r.date_from > r.date_to:
            return "The 'from' date is after the 'to' date."
        return ""

    def state(self) -> dict[str, Any]:
        r = self.records()
        return {
            "categories": list(r.categories),
            "vendors": list(r.vendors),
            "use_dates": self.use_dates.isChecked(),
            "date_from": from_qdate(self.date_from.date()).isoformat(),
            "date_to": from_qdate(self.date_to.date()).isoformat(),
            "custom": self.custom.toPlainText(),
            "terms": self.terms.text(),
            "state_law": self.state_law.isChecked(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        for widget, key in ((self.categories, "categories"), (self.vendors, "vendors")):
            wanted = set(state.get(key, []))
            for i in range(widget.count()):
                item = widget.item(i)
                on = item.data(IdRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for edit, key in ((self.date_from, "date_from"), (self.date_to, "date_to")):
            try:
                edit.setDate(to_qdate(date.fromisoformat(str(state.get(key)))))
            except ValueError:
                pass
        self.use_dates.setChecked(bool(state.get("use_dates", False)))
        self.custom.setPlainText(str(state.get("custom", "")))
        self.terms.setText(str(state.get("terms", "")))
        self.state_law.setChecked(bool(state.get("state_law", True)))

    def _toggle_dates(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def _show_category(self, item: QListWidgetItem | None, _: Any = None) -> None:
        if item is None:
            return
        c = self.catalogue.category(str(item.data(IdRole)))
        self.explain.setHtml(category_html(c) if c else "")

"""Step 1: which law. A filterable list of jurisdictions and a summary of the chosen law.

The choice is never hidden: a selection the filter hides is cleared (Next is then off), the
chosen law is named under the list, and Enter or Down in the filter picks the first match.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.jurisdictions import Jurisdiction
from foia_assist.gui.accessible import with_clear_button
from foia_assist.gui.wizard.draft_banner import DraftBanner
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.law_summary import jurisdiction_html

CodeRole = Qt.ItemDataRole.UserRole


def _period(j: Jurisdiction) -> str:
    return j.response.period_in_words() if j.response.fixed else "no fixed deadline"


def chosen_law_text(j: Jurisdiction | None) -> str:
    """'Texas — Public Information Act' in bold, for the top of every later step."""
    if j is None:
        return "No law chosen yet."
    return f"Law: <b>{html.escape(j.name)}</b> — {html.escape(j.law_name)}"


class JurisdictionPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(1, "Which law?"))
        self.setSubTitle("Choose the state whose agency holds the records (federal FOIA: US).")
        layout = QVBoxLayout(self)
        search_row = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("A state, code or law name; Enter picks the first match…")
        self.filter.setAccessibleName("Search jurisdictions")
        with_clear_button(self.filter, "the search")
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.filter)
        search_row.addWidget(search_label)
        search_row.addWidget(self.filter, 1)
        layout.addLayout(search_row)
        # Made after the search (first in the focus chain), shown above it.
        self.draft_banner = DraftBanner()
        layout.insertWidget(0, self.draft_banner)
        self.chosen = QLabel(chosen_law_text(None))
        self.chosen.setAccessibleName("Chosen law")
        self.chosen.setTextFormat(Qt.TextFormat.RichText)
        self.chosen.setWordWrap(True)
        self.no_match = QLabel()
        self.no_match.setAccessibleName("No jurisdiction matches")
        self.no_match.hide()
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
        layout.addWidget(self.no_match)
        layout.addLayout(row, 1)
        layout.addWidget(self.chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self._pick_first()
                self.list.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isComplete():
                # The first Enter picks the first match (and shows its law); the next one
                # goes on to step 2 as Enter does in any wizard.
                self._pick_first()
                return True
        return super().eventFilter(watched, event)

    def visible_rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = f"{item.text()} {item.toolTip()}".casefold()
            item.setHidden(bool(needle) and needle not in hay)
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            # A choice the user can no longer see must not decide the letter's law.
            self.list.setCurrentRow(-1)
            self.list.clearSelection()
        shown = self.visible_rows()
        self.no_match.setText(f"No state or law matches “{text.strip()}”." if not shown else "")
        self.no_match.setVisible(not shown)

    def _pick_first(self) -> None:
        current = self.list.currentItem()
        if current is not None and not current.isHidden():
            return
        shown = self.visible_rows()
        if shown:
            self.list.setCurrentRow(shown[0])

    def _changed(self, *_: Any) -> None:
        j = self.jurisdiction()
        self.detail.setHtml(jurisdiction_html(j) if j else "")
        self.chosen.setText(chosen_law_text(j))
        self.completeChanged.emit()

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(CodeRole) == code:
                self.list.setCurrentRow(i)
                return

    def jurisdiction(self) -> Jurisdiction | None:
        item = self.list.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return self.w.deps.jurisdictions.find(str(item.data(CodeRole)))

    def isComplete(self) -> bool:  # noqa: N802
        return self.jurisdiction() is not None

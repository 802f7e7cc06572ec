"""Step 5: the letter as the agency will read it, the deadline it starts, what to check."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWizardPage

from foia_assist.gui.styles import warning_color
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.jurisdiction_page import chosen_law_text
from foia_assist.gui.wizard.law_banner import law_banner


class ReviewPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(5, "Review the letter"))
        self.setSubTitle("Read it as the agency will. Go Back to change anything.")
        page = QVBoxLayout(self)
        self.law = law_banner()
        page.addWidget(self.law)
        layout = QHBoxLayout()
        page.addLayout(layout, 1)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Letter preview")
        layout.addWidget(self.preview, 3)
        side = QVBoxLayout()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.deadline.setAccessibleName("Deadline if sent today")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings")
        # Each legal sentence of the letter with the fact behind it: citation, the law's words,
        # source and date checked (or the rule-file table it comes from).
        self.law_behind = QTextBrowser()
        self.law_behind.setAccessibleName("The law behind this letter")
        self.law_behind.setOpenExternalLinks(True)
        side.addWidget(self.deadline)
        side.addWidget(self.warnings)
        side.addWidget(self.law_behind, 1)
        layout.addLayout(side, 2)
        self.ok = False

    def initializePage(self) -> None:  # noqa: N802
        self.refresh()

    def refresh(self) -> None:
        self.law.setText(chosen_law_text(self.w.chosen_jurisdiction()))
        review = self.w.review()
        self.ok = review.error == ""
        if review.error:
            error = html.escape(review.error)
            self.preview.setHtml(f"<p style='color:{warning_color()}'>{error}</p>")
        else:
            self.preview.setHtml(review.letter_html)
        self.deadline.setText(review.deadline_text)
        self.law_behind.setHtml(review.law_html)
        warnings = [*review.warnings]
        self.warnings.setText(
            "<b>Before you send:</b><ul>"
            + "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
            + "</ul>"
            if warnings
            else ""
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.ok

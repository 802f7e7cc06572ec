"""The requester's details as form rows: one widget set for the wizard, bulk and settings.

Mnemonics avoid N, B, D and F (the wizard's Next, Back, Save draft and Finish) and E
(the bulk dialog's Export)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPlainTextEdit

from foia_assist.domain.request import Requester


class RequesterFields:
    """Adds name, organisation, address, email, phone, state of residence and the news-media
    box to `form`; `fill` shows a `Requester`, `requester` reads one back."""

    def __init__(self, form: QFormLayout) -> None:
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(80)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.residence = QLineEdit()
        self.residence.setPlaceholderText("e.g. Virginia (some laws let only residents ask)")
        for widget, label, accessible in (
            (self.name, "Na&me:", "Your name"),
            (self.organisation, "Or&ganisation:", "Your organisation"),
            (self.address, "&Address:", "Your postal address"),
            (self.email, "Emai&l:", "Your email address"),
            (self.phone, "P&hone:", "Your phone"),
            (self.residence, "State you li&ve in:", "State where you live"),
        ):
            widget.setAccessibleName(accessible)
            form.addRow(label, widget)
        self.news_media = QCheckBox("I ask as a member of the news media")
        self.news_media.setAccessibleName("News media requester")
        form.addRow(self.news_media)

    def fill(self, r: Requester) -> None:
        self.name.setText(r.name)
        self.organisation.setText(r.organisation)
        self.address.setPlainText(r.address)
        self.email.setText(r.email)
        self.phone.setText(r.phone)
        self.residence.setText(r.residence)
        self.news_media.setChecked(r.news_media)

    def requester(self) -> Requester:
        return Requester(
            name=self.name.text().strip(),
            organisation=self.organisation.text().strip(),
            address=self.address.toPlainText().strip(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            news_media=self.news_media.isChecked(),
            residence=self.residence.text().strip(),
        )

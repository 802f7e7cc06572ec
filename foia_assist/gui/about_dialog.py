"""Help › About: version, data sources and when they were checked, licence, where data lives."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from foia_assist import __version__

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def about_html(ctx: AppContext) -> str:
    from foia_assist.services.about import LICENCE, data_locations, data_sources

    sources = "".join(
        f"<li>{html.escape(s.what)}: {html.escape(s.source)}; checked {html.escape(s.checked)}."
        "</li>"
        for s in data_sources(ctx.jurisdictions)
    )
    places = "".join(
        f"<li>{html.escape(what)}: <code>{html.escape(where)}</code></li>"
        for what, where in data_locations(ctx.paths)
    )
    return (
        f"<h3>FOIA Assist {html.escape(__version__)}</h3>"
        "<p>Write, track and export public-records requests about police facial "
        "recognition. <b>Not legal advice</b>: every deadline shows its source; check the "
        "statute before relying on a date.</p>"
        f"<p><b>Data sources</b></p><ul>{sources}</ul>"
        f"<p><b>Where your data lives</b></p><ul>{places}</ul>"
        f"<p><b>Licence:</b> {html.escape(LICENCE)}.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About FOIA Assist")
        self.setAccessibleName("About FOIA Assist")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("About FOIA Assist")
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html(ctx))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

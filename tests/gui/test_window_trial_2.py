"""Problems found in the second trial of the window as its users would use it.

See docs/verification/window-trial-2026-12-03b.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from foia_assist.app import AppContext


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF())
            + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def dark_palette() -> Iterator[QPalette]:
    """A dark system palette (as Qt's GTK theme gives with Adwaita:dark), put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    for role, colour in (
        (QPalette.ColorRole.Window, "#353535"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#2d2d2d"),
        (QPalette.ColorRole.Text, "#eeeeee"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        yield dark
    finally:
        app.setPalette(before)


def _colours(text: str) -> list[QColor]:
    return [QColor(c) for c in re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})", text)]


def test_a_laws_warnings_and_source_lines_stay_readable_on_a_dark_palette(
    qtbot: Any, gui_ctx: AppContext, dark_palette: QPalette
) -> None:
    """D1: under a dark palette Virginia's "Who may ask" warning on step 1 was dark red on
    dark grey (about 2:1, barely visible) and the agency list's source line dark grey."""
    from foia_assist.gui.agency_search import AgencySearchBox
    from foia_assist.gui.wizard.law_summary import facts_html, jurisdiction_html

    base = dark_palette.color(QPalette.ColorRole.Base)
    window = dark_palette.color(QPalette.ColorRole.Window)
    va = gui_ctx.jurisdictions.get("VA")
    summary = jurisdiction_html(va) + facts_html(va)
    assert "Who may ask" in summary
    colours = _colours(summary)
    assert colours, "the summary sets its warning and source colours"
    for colour in colours:
        assert _contrast(colour, base) >= 4.5, colour.name()

    box = AgencySearchBox(gui_ctx.contact_book)
    qtbot.addWidget(box)
    (credit,) = _colours(box.credit.styleSheet())
    assert _contrast(credit, window) >= 4.5, credit.name()


def test_the_same_colours_on_a_light_palette_are_unchanged(gui_ctx: AppContext) -> None:
    """The light palette keeps the colours it had (dark red warning, grey source line)."""
    from foia_assist.gui.wizard.law_summary import jurisdiction_html

    assert "color:#a40000" in jurisdiction_html(gui_ctx.jurisdictions.get("VA"))

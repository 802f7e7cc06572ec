"""The few colours the window sets itself; everything else follows the system palette.

Error text is dark red on a light palette and a light red on a dark one, so it stays
readable in either (checked by tests with a dark palette). The same holds for the other
colours set here: the residents-only and "no fixed deadline" warnings in a law's summary,
the grey of source lines and notes, and the brown of a caution. Each was a fixed dark colour
and almost vanished on a dark palette (window trial 2026-12-03b, D1).
"""

from __future__ import annotations

ERROR_STYLE = "QLabel { color: #a40000; }"
ERROR_STYLE_DARK = "QLabel { color: #ff9a9a; }"

# (on a light palette, on a dark one); each at least 4.5:1 against its background.
WARNING = ("#a40000", "#ff9a9a")
MUTED = ("#555555", "#b8b8b8")
CAUTION = ("#7a4d00", "#ffcf70")


def is_dark() -> bool:
    from PySide6.QtGui import QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if is_dark() else pair[0]


def error_style() -> str:
    return ERROR_STYLE_DARK if is_dark() else ERROR_STYLE


def warning_color() -> str:
    """For a warning inside rich text (a law's summary): red, light on a dark palette."""
    return _pick(WARNING)


def muted_color() -> str:
    """For secondary text (sources, "not legal advice"): grey, light on a dark palette."""
    return _pick(MUTED)


def muted_style(extra: str = "") -> str:
    return f"QLabel {{ color: {muted_color()}; {extra}}}"


def caution_style() -> str:
    return f"QLabel {{ color: {_pick(CAUTION)}; }}"

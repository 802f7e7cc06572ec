"""Windows never open larger than the screen they are on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QScrollArea

# (`scroll_when_short` imports its classes and `Qt` itself: the main window's start-up uses
# only `fit_to_screen`, and importing `Qt` builds the enums of the whole namespace.)

# Room kept for the window manager's title bar and borders while they are not known yet (a
# window not yet shown has no frame). Without it a 640-pixel-high window on a 640-pixel
# screen pushed its own bottom edge, the wizard's Next/Finish buttons, off the screen.
FRAME_ALLOWANCE = QSize(8, 40)


def frame_extra(window: QWidget) -> QSize:
    """What the frame adds to the window's size: measured once shown, estimated before."""
    measured = window.frameGeometry().size() - window.geometry().size()
    if measured.width() > 0 or measured.height() > 0:
        return measured
    return FRAME_ALLOWANCE


def fit_to_screen(window: QWidget) -> None:
    """Shrink to the screen's free area, frame included (an 800×600 screen, a size saved on a
    bigger one)."""
    screen = window.screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    extra = frame_extra(window)
    width = min(window.width(), free.width() - extra.width())
    height = min(window.height(), free.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        window.move(free.topLeft())


def scroll_when_short(page: QWidget) -> QScrollArea:
    """Move `page`'s layout into a frameless scroll area filling the page: when the screen is
    short, the page scrolls instead of squeezing its rows on top of each other."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWizardPage

    inner = QWidget()
    layout = page.layout()
    if layout is not None:
        inner.setLayout(layout)  # Qt takes the layout from the page
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    # Not a stop of its own: the wizard gives a new page's first focusable widget the focus,
    # and that was the scroll area, drawn nowhere (typing after Alt+N went nowhere).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Named for a screen reader all the same (as the page).
    title = page.title() if isinstance(page, QWizardPage) else page.windowTitle()
    area.setAccessibleName(page.accessibleName() or title or "Page")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area

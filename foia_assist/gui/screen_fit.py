"""Windows never open larger than the screen they are on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
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


def fit_to_screen(
    window: QWidget, preferred: QSize | None = None, free: QRect | None = None
) -> None:
    """Shrink to the screen's free area, frame included (an 800×600 screen, a size saved on a
    bigger one); with `preferred`, also grow towards it where the screen has room (at
    1440×900 the wizard stayed 1000×680 and its step 2 scrolled: trial W4). `free` is the
    screen's free area (default: the window's screen's)."""
    if free is None:
        screen = window.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
    extra = frame_extra(window)
    wanted = window.size() if preferred is None else window.size().expandedTo(preferred)
    width = min(wanted.width(), free.width() - extra.width())
    height = min(wanted.height(), free.height() - extra.height())
    if (width, height) == (window.width(), window.height()):
        return
    shrunk = width < window.width() or height < window.height()
    window.resize(width, height)
    if shrunk:
        window.move(free.topLeft())
    elif not free.contains(window.frameGeometry()):
        # Grown past the screen's edge where it stood: back inside (a dialog not shown yet
        # is centred on its parent by Qt when it is).
        x = max(free.left(), min(window.x(), free.right() - width - extra.width()))
        y = max(free.top(), min(window.y(), free.bottom() - height - extra.height()))
        window.move(x, y)


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

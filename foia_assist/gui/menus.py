"""The main window's menus and toolbar: File, View and Help.

Shortcuts are set at once (Ctrl+N works as soon as the window is shown), always through
`setShortcuts` with a list: PySide6's `setShortcut` makes it build the enums of the whole
`Qt` namespace on first use (about 20 ms), `setShortcuts([...])` does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class MainMenus:
    actions: dict[str, QAction] = field(default_factory=dict)


def build_menus(window: QMainWindow, slots: dict[str, Callable[[], Any]]) -> MainMenus:
    """Menus whose items call `slots[name]`; returns the actions by name."""
    menus = MainMenus()
    bar = window.menuBar()
    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.setAccessibleName("Main toolbar")

    def act(menu: QMenu, name: str, text: str, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, window)
        slot = slots[name]
        action.triggered.connect(lambda _=False: slot())
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        menu.addAction(action)
        menus.actions[name] = action
        return action

    file_menu = bar.addMenu("&File")
    act(file_menu, "new", "&New request…", QKeySequence.StandardKey.New)
    act(file_menu, "bulk", "B&ulk export from a CSV…", "Ctrl+Shift+B")
    act(file_menu, "campaign", "Ca&mpaign from the agency directory…")
    file_menu.addSeparator()
    act(file_menu, "ics", "Export deadlines to &calendar (ICS)…")
    act(file_menu, "csv", "Export table to CS&V…")  # C is the calendar's
    act(file_menu, "backup", "&Back up requests…")
    act(file_menu, "restore", "&Restore from a backup…")
    file_menu.addSeparator()
    act(file_menu, "settings", "&Settings…", "Ctrl+,")
    act(file_menu, "data", "Open &data folder")
    file_menu.addSeparator()
    act(file_menu, "quit", "&Quit", QKeySequence.StandardKey.Quit)

    view_menu = bar.addMenu("&View")
    act(
        view_menu,
        "refresh",
        "&Refresh",
        ["F5", "Ctrl+R"],
        "Read the requests again (the window also does when another program changes them).",
    )
    act(view_menu, "find", "&Find…", QKeySequence.StandardKey.Find, "Search the requests.")
    act(view_menu, "clear_filters", "&Clear filters", "Ctrl+Shift+F")
    act(
        view_menu,
        "search_attachments",
        "Search &attachments…",
        "Ctrl+Shift+A",
        "Search the text of every reply and released record.",
    )

    help_menu = bar.addMenu("&Help")
    act(help_menu, "about", "&About FOIA Assist…")

    for name in ("new", "bulk", "ics", "backup", "settings", "refresh"):
        tools.addAction(menus.actions[name])
    return menus

"""Where the window keeps its geometry and last choices (an ini file, never the registry)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from foia_assist.paths import AppPaths

WINDOW_SETTINGS_FILE = "window.ini"


def window_settings(paths: AppPaths) -> QSettings:
    """Window geometry and last choices: an ini file in the config folder, never the registry.

    Keeping it beside settings.json means `--data-dir` and tests isolate it too.
    """
    return QSettings(str(paths.config_dir / WINDOW_SETTINGS_FILE), QSettings.Format.IniFormat)

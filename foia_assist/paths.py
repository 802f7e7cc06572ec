"""Where things live: the one module that knows file locations.

Bundled data (`resources/`, `letter_templates/`) ships inside the wheel under
`foia_assist/_bundled/`; in a source checkout it sits at the repository root.
User data lives under the platformdirs folders unless `FOIA_ASSIST_DATA_DIR`
(or `--data-dir`) points elsewhere. Nothing here touches the disk at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "foia-assist"
DATA_DIR_ENV = "FOIA_ASSIST_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    """Read-only legal data, FRT catalogue and other shipped resources."""
    return _bundled("resources")


def letter_templates_dir() -> Path:
    """Read-only DOCX letter templates shipped with the app."""
    return _bundled("letter_templates")


@dataclass(frozen=True)
class AppPaths:
    """User-writable locations. Build one with `from_environment()` or `under()`."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "foia-assist.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        """The case file's kept files, one per SHA-256 (storage/blob_store.py)."""
        return self.data_dir / "attachments"

    @property
    def user_templates_dir(self) -> Path:
        return self.data_dir / "templates"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything below one folder (tests, `--data-dir`, portable use)."""
        root = Path(root)
        return cls(data_dir=root, config_dir=root / "config", log_dir=root / "logs")

    @classmethod
    def from_environment(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        override = data_dir or os.environ.get(DATA_DIR_ENV)
        if override:
            return cls.under(Path(override).expanduser())
        from platformdirs import PlatformDirs

        dirs = PlatformDirs(APP_DIR_NAME, appauthor=False)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            config_dir=Path(dirs.user_config_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    def ensure(self) -> AppPaths:
        for path in (self.data_dir, self.config_dir, self.log_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self

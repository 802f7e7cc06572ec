"""`foia-assist install-desktop-entry [--remove]`: FOIA Assist in the Linux application menu."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "install-desktop-entry",
        help="add FOIA Assist (with its icon) to your desktop's application menu (Linux)",
    )
    p.add_argument("--remove", action="store_true", help="take the menu entry out again")
    p.set_defaults(handler=run)


def _program() -> Path:
    """The `foia-assist` program of this installation (its absolute path)."""
    beside = Path(sys.executable).parent / "foia-assist"
    if beside.exists():
        return beside.absolute()
    found = shutil.which("foia-assist")
    if found:
        return Path(found).absolute()
    raise UserError("cannot find the foia-assist program to put in the menu entry")


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services import desktop_entry

    if not sys.platform.startswith("linux"):
        raise UserError(
            "menu entries are for Linux desktops; on macOS and Windows start "
            "foia-assist from the folder you installed it in"
        )
    home = desktop_entry.data_home()
    if args.remove:
        removed = desktop_entry.remove(home)
        if not removed:
            print("FOIA Assist had no menu entry to remove.")
        for path in removed:
            print(f"Removed {path}")
        return 0
    files = desktop_entry.install(home, _program())
    for path in files.all():
        print(f"Wrote {path}")
    print("FOIA Assist is in your application menu (log out and in if it does not show yet).")
    return 0

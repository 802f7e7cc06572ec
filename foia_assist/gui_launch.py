"""Start the desktop window. Kept apart so the CLI never imports Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def launch_gui(ctx: AppContext) -> int:
    from foia_assist.gui.main import run

    return run(ctx)

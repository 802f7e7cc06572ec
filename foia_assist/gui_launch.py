"""Start the desktop window. Kept apart so the CLI never imports Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def launch_gui(ctx: AppContext) -> int:
    import sys

    from foia_assist.display_check import display_problem

    problem = display_problem()
    if problem:
        print(f"foia-assist: {problem}", file=sys.stderr)  # noqa: T201
        return 2
    from foia_assist.gui.main import run

    return run(ctx)

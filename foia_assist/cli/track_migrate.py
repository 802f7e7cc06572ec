"""`foia-assist track migrate --to URL [--replace]`: copy the whole tracker to another database.

The source is the tracker this command runs on (`--database`, else the data folder's file);
the target is a SQLite file (a path or `sqlite:///path`) or a PostgreSQL server
(`postgresql://user@host/db`). See `services/tracker_migration.py` for what is copied and
how the copy is checked.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def register(tsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mg = tsub.add_parser(
        "migrate",
        help="copy the whole tracker to another database (a SQLite file or PostgreSQL)",
        description="Copies requests, events, reminders, letter records, contacts and "
        "attachments (with their bytes and text) to the database at URL, then checks the "
        "copy: the counts, a SHA-256 over all the data, and every attachment's bytes. A "
        "target that already holds a tracker is refused unless --replace.",
    )
    mg.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="a SQLite file (path or sqlite:///path) or postgresql://user@host:port/db",
    )
    mg.add_argument("--replace", action="store_true", help="replace everything the target holds")
    mg.set_defaults(handler=run_migrate)


def run_migrate(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.tracker_migration import migrate

    source = ctx.tracker_side
    target = ctx.open_other_tracker(args.to)
    try:
        last = ""
        shown = -1
        for step in migrate(source, target, replace=args.replace):
            last = step.message
            if step.total:  # bytes copied / checked: about every tenth, and the last
                tenth = step.done * 10 // step.total
                if tenth == shown and step.done != step.total:
                    continue
                shown = tenth
            print(step.message, file=sys.stderr)
        print(last)
    finally:
        target.db.close()
    return 0

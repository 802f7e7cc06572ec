"""Command-line interface over the same services as the window.

Each command lives in its own module in this package and exposes
`register(subparsers)`, which adds a sub-parser whose default `handler` is
`handler(args, ctx) -> int`. Problems the user can fix raise `UserError` and
become one line on stderr with exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence

from foia_assist import __version__
from foia_assist.errors import UserError

# Order here is the order in `--help`. A module that does not exist yet is skipped.
COMMAND_MODULES = (
    "jurisdictions",
    "law",
    "deadline",
    "letter",
    "track",
    "bulk",
    "search",
    "agencies",
    "desktop_entry",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UserError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="foia-assist",
        description="Draft, track and bulk-export public-records requests about police "
        "facial recognition. Run with no command to open the window. Not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"foia-assist {__version__}")
    parser.add_argument("--data-dir", help="keep all user data in this folder")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="the tracker's database: a SQLite file (path or sqlite:///path) or a team's "
        "PostgreSQL (postgresql://user@host:port/dbname?sslmode=verify-full&sslrootcert=CA); "
        "default: $FOIA_ASSIST_DATABASE, then the database_url setting, then the file in the "
        "data folder. The password comes from the keyring, PGPASSWORD or ~/.pgpass",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"foia_assist.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"foia_assist.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def run_cli(argv: Sequence[str]) -> int:
    from foia_assist.app import AppContext, build_context
    from foia_assist.domain.calendars import CalendarRangeError

    ctx: AppContext | None = None
    try:
        args = build_parser().parse_args(list(argv))
        ctx = build_context(args.data_dir, args.database)
        if args.command is None:
            from foia_assist.gui_launch import launch_gui

            return launch_gui(ctx)
        return int(args.handler(args, ctx))
    except UserError as exc:
        print(f"foia-assist: {exc}", file=sys.stderr)
        return exc.exit_code
    except CalendarRangeError as exc:  # a stored date or extension beyond the counted years
        print(f"foia-assist: cannot compute a deadline: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("foia-assist: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an output path that is a folder, under a file, not writable…
        # fileio writes a temp file beside the target, then renames it onto the target.
        where = str(exc.filename2 or exc.filename or "")
        temp = re.fullmatch(r"(.*?)\.([^/\\]+)\.[^./\\]+\.part", where)
        if temp:  # name the user's file, not our temporary one beside it
            where = temp.group(1) + temp.group(2)
        reason = exc.strerror or str(exc)
        print(f"foia-assist: cannot write or read {where}: {reason}", file=sys.stderr)
        return 2
    finally:
        if ctx is not None:
            ctx.close()  # the one tracker session every command shares

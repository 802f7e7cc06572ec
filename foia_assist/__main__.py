"""`foia-assist`: with a command, the CLI; with none, the desktop window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from foia_assist.cli import run_cli

    return run_cli(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())

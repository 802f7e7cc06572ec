"""What the CLI's commands share: dates as argparse types and the option-text check.

The tracker session is the composition root's (`ctx.tracker`, closed by `run_cli`); spec
files are read by `foia_assist.storage.spec_files`. Command modules import this module,
never each other.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.domain.request import RequestSpec

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> date:
    """An argparse `type` for a YYYY-MM-DD date.

    It raises `UserError`, not `ArgumentTypeError`: argparse lets it through, so the user
    gets one line (argparse's own error would add the usage)."""
    value = text.strip()
    if not _ISO_DATE.fullmatch(value):
        raise UserError(f"malformed date {text!r}: use YYYY-MM-DD, e.g. 2026-11-23")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"malformed date {text!r}: no such day") from None


def date_option(option: str) -> Callable[[str], date]:
    """An argparse `type` for a date option whose error names the option ("--sent: ...")."""

    def parse(text: str) -> date:
        try:
            return iso_date(text)
        except UserError as exc:
            raise UserError(f"{option}: {exc}") from None

    parse.__name__ = f"date for {option}"
    return parse


def check_option(value: str | None, option: str, *, multiline: bool = False) -> None:
    """Refuse control characters in an option's text, naming the option."""
    from foia_assist.services.tracker import check_text

    if value:
        check_text(value, option, multiline=multiline)


LEVELS = ("federal", "state", "local", "tribal")


def add_level_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--level",
        choices=LEVELS,
        help="the kind of agency (overrides agency.level): local is a city, county, special "
        "district, school or university",
    )


def with_level(spec: RequestSpec, level: str | None) -> RequestSpec:
    """`spec` with the agency level from `--level`, if given."""
    if not level:
        return spec
    from foia_assist.domain.jurisdictions import Level

    return spec.with_agency(level=Level(level))

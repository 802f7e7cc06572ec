"""What the app says about itself: when its rules were checked, its data sources, where data lives.

Used by the window's footer and Help › About (and open to the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from foia_assist.domain.jurisdictions import Jurisdiction
    from foia_assist.paths import AppPaths

LICENCE = "MIT"


def checked_span(days: Iterable[date]) -> str:
    """'2026-11-02', or 'between 2026-10-01 and 2026-11-20', or 'unknown'."""
    dates = sorted(set(days))
    if not dates:
        return "unknown"
    if dates[0] == dates[-1]:
        return dates[0].isoformat()
    return f"between {dates[0].isoformat()} and {dates[-1].isoformat()}"


def footer_text(jurisdictions: Iterable[Jurisdiction]) -> str:
    return footer_for_dates(j.verified for j in jurisdictions)


def quick_footer_text() -> str:
    """The same words from the rule files' dates alone (before the rules are loaded)."""
    from foia_assist.paths import resources_dir
    from foia_assist.storage.rule_dates import verified_dates

    return footer_for_dates(verified_dates(resources_dir() / "jurisdictions"))


def footer_for_dates(days: Iterable[date]) -> str:
    checked = checked_span(days)
    return (
        f"Not legal advice — rules last checked {checked}; each deadline shows its source. "
        "Check the statute before relying on a date."
    )


@dataclass(frozen=True)
class DataSource:
    what: str
    source: str
    checked: str


def data_sources(jurisdictions: Iterable[Jurisdiction]) -> list[DataSource]:
    """The rule files and holiday calendars, with where they come from and when checked."""
    import importlib.metadata

    items = list(jurisdictions)
    try:
        holidays_version = importlib.metadata.version("holidays")
    except importlib.metadata.PackageNotFoundError:
        holidays_version = "unknown"
    holiday_days = [j.holidays.verified for j in items if j.holidays.verified is not None]
    return [
        DataSource(
            f"Public-records laws of {len(items)} jurisdictions (deadlines, appeals, who may ask)",
            "each statute's official text, linked from the jurisdiction's page",
            checked_span(j.verified for j in items),
        ),
        DataSource(
            "Public holidays that business days skip",
            f"the holidays library {holidays_version}; each law's page cites its holiday rule",
            checked_span(holiday_days),
        ),
        agency_directory_source(),
    ]


def agency_directory_source() -> DataSource:
    """The agency directory the wizard and campaigns search (it was missing from About)."""
    from foia_assist.paths import resources_dir
    from foia_assist.storage.agency_directory_files import FEDERAL_FILE, read_federal_list

    try:
        federal = read_federal_list(resources_dir() / "agencies" / FEDERAL_FILE)
    except (OSError, ValueError):
        federal = []
    checked = [date.fromisoformat(a.contact_checked) for a in federal if a.contact_checked]
    return DataSource(
        "US police agencies (the agency directory)",
        "the FBI Crime Data Explorer's list (Uniform Crime Reporting program), as published "
        "in 2018, public domain US government data; federal FOIA offices' contacts as read "
        "on each agency's own page",
        f"federal contacts {checked_span(checked)}",
    )


def data_locations(paths: AppPaths) -> list[tuple[str, str]]:
    return [
        ("Your requests and letters' records", str(paths.data_dir)),
        ("Settings", str(paths.config_dir)),
        ("Logs", str(paths.log_dir)),
    ]

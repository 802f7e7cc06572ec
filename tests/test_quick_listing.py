"""The start-up list (`services.quick_listing`): from stored clock summaries it has due dates
at once, without reading rules or importing `holidays`; otherwise statuses only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import AppPaths, resources_dir
from foia_assist.services.quick_listing import quick_list
from foia_assist.services.rules_fingerprint import rules_fingerprint
from foia_assist.services.tracker import TrackerService

TODAY = date(2026, 11, 2)


def _spec(code: str) -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": f"{code} police", "jurisdiction": code},
            "requester": {"name": "Ana"},
            "records": {"categories": ["contracts"]},
        }
    )


def _fill(paths: AppPaths, jurisdictions) -> list:  # type: ignore[no-untyped-def,type-arg]
    tracker = TrackerService.open(paths, jurisdictions, CalendarCache())
    try:
        for i, code in enumerate(("CA", "NY", "TX")):
            day = date(2026, 10, 1 + i)
            tracker.add_request(_spec(code), today=day, sent=day, method="email")
        return tracker.list_requests(TODAY)  # records the rules' fingerprint
    finally:
        tracker.close()


def test_current_summaries_are_the_start_up_list_with_due_dates(
    app_paths: AppPaths, jurisdictions
) -> None:  # type: ignore[no-untyped-def]
    full = _fill(app_paths, jurisdictions)
    quick = quick_list(app_paths, TODAY)
    assert quick.complete
    assert quick.rows == full
    assert all(r.due is not None for r in quick.rows)


def test_stale_summaries_give_statuses_only(app_paths: AppPaths, jurisdictions) -> None:  # type: ignore[no-untyped-def]
    full = _fill(app_paths, jurisdictions)
    tracker = TrackerService.open(
        app_paths,
        jurisdictions,
        CalendarCache(),
    )
    with tracker.requests.db.transaction() as conn:  # as if the app's rules had changed
        conn.execute("UPDATE clock_summary_rules SET fingerprint = 'older rules'")
    tracker.close()
    quick = quick_list(app_paths, TODAY)
    assert not quick.complete
    assert [(r.id, r.status) for r in quick.rows] == [(r.id, r.status) for r in full]
    assert all(r.due is None for r in quick.rows)


def test_the_start_up_list_imports_no_holiday_data(app_paths: AppPaths, jurisdictions) -> None:  # type: ignore[no-untyped-def]
    _fill(app_paths, jurisdictions)
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from foia_assist.paths import AppPaths\n"
        "from foia_assist.services.quick_listing import quick_list\n"
        f"q = quick_list(AppPaths.under({str(app_paths.data_dir)!r}), date(2026, 11, 2))\n"
        "assert q.complete and len(q.rows) == 3 and all(r.due for r in q.rows), q\n"
        "print(sorted(m for m in ('holidays', 'foia_assist.domain.list_due', "
        "'foia_assist.storage.rule_files') if m in sys.modules))\n"
    )
    assert _fresh_python(code) == "[]"


def test_a_changed_rule_file_changes_the_fingerprint(tmp_path: Path) -> None:
    rules = tmp_path / "jurisdictions"
    shutil.copytree(resources_dir() / "jurisdictions", rules)
    first = rules_fingerprint(rules)
    assert rules_fingerprint(rules) == first  # stable
    path = rules / "CA.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert rules_fingerprint(rules) != first


def test_an_empty_tracker_is_listed_without_the_fingerprint_or_the_events_module(
    app_paths: AppPaths, jurisdictions
) -> None:  # type: ignore[no-untyped-def]
    """The welcome page's start (a tracker with no request, which never stores a rules
    fingerprint): an empty, complete list, without hashing the rule files or importing the
    events' module (the statuses-only path took as long as the rest of the start-up)."""
    TrackerService.open(app_paths, jurisdictions, CalendarCache()).close()  # the file exists
    assert app_paths.database.is_file()
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from foia_assist.paths import AppPaths\n"
        "from foia_assist.services import rules_fingerprint\n"
        "from foia_assist.services.quick_listing import quick_list\n"
        f"q = quick_list(AppPaths.under({str(app_paths.data_dir)!r}), date(2026, 11, 2))\n"
        "assert q.complete and q.rows == [], q\n"
        "print(rules_fingerprint.default_fingerprint.cache_info().currsize, sorted(m for m in "
        "('foia_assist.domain.lifecycle', 'foia_assist.storage.requests_repo') "
        "if m in sys.modules))\n"
    )
    assert _fresh_python(code) == "0 []"


def _fresh_python(code: str) -> str:
    """What `code` prints in a fresh interpreter (nothing imported beforehand), stripped."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env=dict(os.environ, PYTHONPATH=str(root)),
        check=True,
    )
    return done.stdout.strip()

"""Build `tests/fixtures/db/schema_vN.sqlite3`: a small database of the current schema.

Run once per released schema (`python tools/make_fixture_db.py`) and commit the file; never
rebuild an older one. Tests open each fixture to prove later versions still read (and
migrate) it. Data goes in through the repositories, so no SQL lives here.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foia_assist.domain.lifecycle import (  # noqa: E402
    Event,
    EventKind,
    Letter,
    Method,
    Reminder,
    TrackedRequest,
)
from foia_assist.domain.request import Agency, RequestSpec  # noqa: E402
from foia_assist.storage.agencies_repo import AgenciesRepository  # noqa: E402
from foia_assist.storage.database import LATEST_SCHEMA, Database  # noqa: E402
from foia_assist.storage.requests_repo import RequestsRepository  # noqa: E402

SPEC = {
    "agency": {"name": "Federal Bureau of Investigation", "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez", "email": "ana@example.org", "news_media": True},
    "records": {"categories": ["contracts", "audit_logs"], "vendors": ["Clearview AI"]},
    "options": {"fee_waiver": True, "fee_waiver_justification": "public interest; news"},
    "subject": 'FRT records; contracts, "audits"',
}


def build(target: Path) -> None:
    if target.exists():
        target.unlink()
    with Database.open(target, target.parent / "unused-backups") as db:
        # Schema 6: events and changes record who made them, and when.
        clock = lambda: datetime(2026, 11, 20, 9, 30)  # noqa: E731
        requests = RequestsRepository(db, author="Ana Núñez", clock=clock)
        agencies = AgenciesRepository(db)
        spec = RequestSpec.from_dict(SPEC)
        requests.add(
            TrackedRequest(
                id=None,
                spec=spec,
                jurisdiction="US",
                agency=spec.agency.name,
                created=date(2026, 10, 1),
                tracking_number="FOIA-2026-00042",
                letters=(Letter("request", "letters/fbi.docx", "ab" * 32, date(2026, 10, 1)),),
                events=(
                    Event(EventKind.DRAFTED, date(2026, 10, 1)),
                    Event(EventKind.SENT, date(2026, 10, 2), method=Method.MAIL),
                    Event(EventKind.RECEIVED, date(2026, 10, 6)),
                    Event(EventKind.CLARIFICATION_REQUESTED, date(2026, 10, 9), note="scope?"),
                    Event(EventKind.CLARIFICATION_ANSWERED, date(2026, 10, 14)),
                    Event(EventKind.EXTENSION, date(2026, 10, 30), days=10),
                    Event(EventKind.DENIED, date(2026, 11, 20), exemptions=("b(7)(E)", "b(6)")),
                ),
                reminders=(
                    Reminder(date(2027, 1, 5), "appeal?"),
                    Reminder(date(2026, 11, 1), "call them", done=date(2026, 11, 2)),
                ),
            )
        )
        requests.add(TrackedRequest(None, spec, "US", "Drafted only", date(2026, 11, 1)))
        agencies.add(
            Agency(
                "Federal Bureau of Investigation",
                "US",
                "170 Marcel Drive, Winchester, VA 22602",
                "foipaquestions@fbi.gov",
                "https://efoia.fbi.gov/",
                "Record/Information Dissemination Section",
            )
        )
    # One self-contained file: no -wal or -shm beside it.
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tests" / "fixtures" / "db", help="folder to write to"
    )
    args = parser.parse_args()
    target = args.out / f"schema_v{LATEST_SCHEMA}.sqlite3"
    build(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

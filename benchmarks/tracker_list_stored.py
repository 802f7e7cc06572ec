"""Tracker list from stored clock summaries vs the current way, 100,000 requests, same run.

Builds the database of `benchmarks/tracker_list.py` (seeded: ~500,000 events over every
jurisdiction), then in a fresh child process:

- rebuilds every clock summary once (what a rule change costs at the next start);
- times the current way, `TrackerService.compute_requests` (ListDue over every request's
  events), and the stored way, `TrackerService.list_requests` (one query over
  `clock_summary`, with its up-to-date check), best of 5 each, for the same day;
- checks that both give the same status, sent date, due date, days left and reminder for
  EVERY request, on three days (a day passing changes no stored date), and times the
  overdue / due-soon filters decided in SQL;
- optionally times 4 clients (processes) logging 1,000 events each at once, and checks all
  4,000 were kept and the summaries still equal the computed list.

Targets (issue 15): <= 0.3 s on SQLite, <= 0.5 s on PostgreSQL.

`--postgresql` does the same on a throwaway PostgreSQL server started for the run
(tests/postgres_server.py: initdb + pg_ctl in a temporary folder, as `nobody` under root;
that server runs with fsync off, which flatters writes, not reads).

Run: .venv/bin/python benchmarks/tracker_list_stored.py [--requests 100000] [--clients 4]
     [--postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tracker_list import TODAY, build, generated_requests  # noqa: E402

from foia_assist.domain.calendars import CalendarCache  # noqa: E402
from foia_assist.paths import AppPaths, resources_dir  # noqa: E402
from foia_assist.services.tracker import TrackerService  # noqa: E402
from foia_assist.storage.clock_summary_repo import SummaryQuery  # noqa: E402
from foia_assist.storage.rule_files import load_jurisdictions  # noqa: E402

TARGETS = {"sqlite": 0.3, "postgresql": 0.5}
DAYS = (TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=45))


def _open(data_dir: Path) -> TrackerService:
    """The tracker in `data_dir`, or the PostgreSQL database FOIA_ASSIST_DATABASE names."""
    jurisdictions = load_jurisdictions(resources_dir() / "jurisdictions")
    url = os.environ.get("FOIA_ASSIST_DATABASE")
    if not url:
        return TrackerService.open(AppPaths.under(data_dir), jurisdictions, CalendarCache())
    from foia_assist.storage.database_open import open_database
    from foia_assist.storage.database_url import parse_database_url

    target = parse_database_url(url).with_password(os.environ["PGPASSWORD"])  # type: ignore[union-attr]
    db = open_database(target, data_dir / "backups")
    return TrackerService.over(db, jurisdictions, CalendarCache())


def build_into(tracker: TrackerService, n: int, seed: int) -> tuple[int, int, float]:
    """`tracker_list.build`'s requests (same seed, same data) added to `tracker`."""
    codes = tracker.jurisdictions.codes()
    requests, n_events = generated_requests(codes, n, seed)
    t0 = time.perf_counter()
    if tracker.requests.db.dialect == "postgresql":
        _copy_into_postgresql(tracker, requests)  # add_many: one round trip per row
    else:
        tracker.requests.add_many(requests)
    return len(codes), n_events, time.perf_counter() - t0


def _copy_into_postgresql(tracker: TrackerService, requests: list) -> None:  # type: ignore[type-arg]
    """The same rows `RequestsRepository.add_many` writes, by COPY (a benchmark's load, not
    the app's: the app adds requests a few at a time)."""
    from foia_assist.storage.requests_repo import _event_params

    with tracker.requests.db.transaction() as conn:
        with conn.raw.cursor() as cur:
            with cur.copy(
                "COPY requests (id, spec_json, jurisdiction, agency_name, created, "
                "tracking_number) FROM STDIN"
            ) as copy:
                for rid, r in enumerate(requests, 1):
                    spec = json.dumps(r.spec.to_dict(), ensure_ascii=False, sort_keys=True)
                    copy.write_row((rid, spec, r.jurisdiction, r.agency, r.created.isoformat(), ""))
            with cur.copy(
                "COPY events (request_id, kind, date, days, new_date, note, method, "
                "message_id, exemptions, partial, author) FROM STDIN"
            ) as copy:
                for rid, r in enumerate(requests, 1):
                    for e in r.events:
                        copy.write_row(_event_params(rid, e, e.author))
        conn.ids_set_explicitly("requests")
        conn.execute("ANALYZE")


CPU: dict[str, float] = {}  # best CPU time of each timed thing (less affected by load)


def _best(fn, runs: int, label: str = "") -> tuple[float, list[float], object]:  # type: ignore[no-untyped-def]
    times, cpu, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if label:
        CPU[label] = min(cpu)
    return min(times), times, result


def _key(r):  # type: ignore[no-untyped-def]
    return (r.id, r.status, r.sent, r.due, r.days_left, r.next_reminder, r.agency, r.jurisdiction)


def child(data_dir: Path, runs: int) -> None:
    tracker = _open(data_dir)
    t0 = time.perf_counter()
    written = 0
    progress = tracker.summaries.ensure_current()
    try:
        while True:
            next(progress)
    except StopIteration as done:
        written = done.value
    rebuild_s = time.perf_counter() - t0
    tracker.compute_requests(date(2026, 1, 2))  # warm the calendars for the current way
    computed_s, computed_runs, computed = _best(
        lambda: tracker.compute_requests(TODAY), runs, "computed"
    )
    stored_s, stored_runs, stored = _best(lambda: tracker.list_requests(TODAY), runs, "stored")
    mismatches = 0
    checked = 0
    for day in DAYS:
        a = tracker.compute_requests(day)
        b = tracker.list_requests(day)
        checked += len(a)
        mismatches += len(a) != len(b)
        mismatches += sum(1 for x, y in zip(a, b, strict=False) if _key(x) != _key(y))
    soon = (TODAY + timedelta(days=7)).isoformat()
    overdue_s, _, overdue = _best(
        lambda: tracker.list_filtered(TODAY, SummaryQuery(due_before=TODAY.isoformat())), runs
    )
    soon_s, _, due_soon = _best(
        lambda: tracker.list_filtered(
            TODAY, SummaryQuery(due_from=TODAY.isoformat(), due_until=soon)
        ),
        runs,
    )
    by_due_s, _, _ = _best(lambda: tracker.list_requests(TODAY, order="due"), runs)
    expected_overdue = sum(1 for r in computed if r.overdue)  # type: ignore[union-attr]
    print(
        json.dumps(
            {
                "rows": len(stored),  # type: ignore[arg-type]
                "rebuild_s": rebuild_s,
                "rebuilt": written,
                "computed_s": computed_s,
                "computed_runs": computed_runs,
                "stored_s": stored_s,
                "stored_runs": stored_runs,
                "checked": checked,
                "mismatches": mismatches,
                "overdue_s": overdue_s,
                "overdue": len(overdue),  # type: ignore[arg-type]
                "overdue_expected": expected_overdue,
                "soon_s": soon_s,
                "soon": len(due_soon),  # type: ignore[arg-type]
                "by_due_s": by_due_s,
                "cpu": CPU,
            }
        )
    )
    tracker.close()


def client(data_dir: Path, seed: int, n: int, start_at: float) -> None:
    """One of several processes logging `n` events at once (notes on random requests)."""
    tracker = _open(data_dir)
    ids = [r.id for r in tracker.list_requests(TODAY)]
    rng = random.Random(seed)
    while time.time() < start_at:
        time.sleep(0.001)
    t0 = time.perf_counter()
    for i in range(n):
        tracker.log_event(rng.choice(ids), "note", TODAY, note=f"client {seed} event {i}")
    print(json.dumps({"seconds": time.perf_counter() - t0}))
    tracker.close()


def clients(data_dir: Path, count: int, n: int) -> dict[str, object]:
    tracker = _open(data_dir)
    with tracker.requests.db.reading() as conn:
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    tracker.close()
    start_at = time.time() + 3.0  # every client loaded and waiting before the first write
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--client", str(data_dir), "--seed", str(seed)]
            + ["--events", str(n), "--start-at", str(start_at)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(count)
    ]
    outs = [p.communicate()[0] for p in procs]
    if any(p.returncode for p in procs):
        raise SystemExit("a client failed")
    wall = time.time() - start_at
    per_client = [json.loads(o.strip().splitlines()[-1])["seconds"] for o in outs]
    tracker = _open(data_dir)
    with tracker.requests.db.reading() as conn:
        after = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    same = tracker.list_requests(TODAY) == tracker.compute_requests(TODAY)
    tracker.close()
    return {
        "wall_s": wall,
        "per_client_s": per_client,
        "kept": after - before,
        "expected": count * n,
        "summaries_equal": same,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clients", type=int, default=0, help="concurrent writers (e.g. 4)")
    parser.add_argument("--events", type=int, default=1000, help="events per client")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument(
        "--postgresql", action="store_true", help="on a throwaway PostgreSQL server instead"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--client", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs)
        return 0
    if args.client:
        client(args.client, args.seed, args.events, args.start_at)
        return 0
    backend = "postgresql" if args.postgresql else "sqlite"
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.keep or Path(tmp)
        try:  # the throwaway server is stopped whatever fails, the load included
            if args.postgresql:
                server = _start_postgresql()
                built = build_into(_open(data_dir), args.requests, args.seed)
            elif not AppPaths.under(data_dir).database.exists():
                built = build(data_dir, args.requests, args.seed)
            else:
                built = None
            if built is not None:
                n_codes, n_events, secs = built
                print(
                    f"Built {args.requests:,} requests, {n_events:,} events over {n_codes} "
                    f"jurisdictions in {secs:.1f} s ({backend})"
                )
            out = _run_child(data_dir, args.runs)
            concurrent = clients(data_dir, args.clients, args.events) if args.clients else None
        finally:
            if server is not None:
                server.stop()
                shutil.rmtree(server.root, ignore_errors=True)
    _report(json.loads(out.strip().splitlines()[-1]), backend, concurrent, args)
    r = json.loads(out.strip().splitlines()[-1])
    return 0 if r["stored_s"] <= TARGETS[backend] and r["mismatches"] == 0 else 1


def _start_postgresql():  # type: ignore[no-untyped-def]
    """A throwaway server and a fresh database at the latest schema, named by the
    environment for this process and its children (FOIA_ASSIST_DATABASE, PGPASSWORD)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_server import SUPERUSER_PASSWORD, PostgresServer, free_port

    server = PostgresServer(Path(tempfile.mkdtemp(prefix="foia-bench-pg-")), free_port())
    server.start()
    name = server.fresh_database()
    os.environ["FOIA_ASSIST_DATABASE"] = server.url(name)
    os.environ["PGPASSWORD"] = SUPERUSER_PASSWORD
    return server


def _run_child(data_dir: Path, runs: int) -> str:
    return subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _report(r: dict, backend: str, concurrent: dict | None, args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    target = TARGETS[backend]
    print(f"List {r['rows']:,} requests with status and due date on {TODAY} ({backend}):")
    runs = ", ".join(f"{x:.3f}" for x in r["computed_runs"])
    print(
        f"  current way (ListDue over every request)  {r['computed_s']:.3f} s wall, "
        f"{r['cpu']['computed']:.3f} s CPU; wall runs: {runs}"
    )
    runs = ", ".join(f"{x:.3f}" for x in r["stored_runs"])
    print(
        f"  stored clock summaries                    {r['stored_s']:.3f} s wall, "
        f"{r['cpu']['stored']:.3f} s CPU; wall runs: {runs}"
    )
    print(f"  speed-up                                  {r['computed_s'] / r['stored_s']:.1f}x")
    print(f"  sorted by due date (SQL ORDER BY)         {r['by_due_s']:.3f} s")
    print(
        f"  overdue filter (SQL, due < day shown)     {r['overdue_s']:.3f} s, {r['overdue']:,} "
        f"rows (computed way: {r['overdue_expected']:,})"
    )
    print(f"  due within 7 days (SQL)                   {r['soon_s']:.3f} s, {r['soon']:,} rows")
    print(
        f"  rebuild of every summary (rules changed)  {r['rebuild_s']:.2f} s "
        f"for {r['rebuilt']:,} requests"
    )
    print(
        f"  check: {r['mismatches']} mismatches in status, sent, due, days left and reminder "
        f"over {r['checked']:,} rows ({r['rows']:,} requests x {len(DAYS)} days: "
        f"{', '.join(str(d) for d in DAYS)})"
    )
    print(
        f"  machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work "
        "inflates wall time; CPU time is less affected)"
    )
    if concurrent:
        per = ", ".join(f"{x:.1f}" for x in concurrent["per_client_s"])  # type: ignore[attr-defined]
        print(
            f"{args.clients} clients x {args.events:,} events at once ({backend}): "
            f"{concurrent['wall_s']:.1f} s wall (per client: {per} s); kept "
            f"{concurrent['kept']:,} of {concurrent['expected']:,}; summaries equal the "
            f"computed list afterwards: {concurrent['summaries_equal']}"
        )
    ok = r["stored_s"] <= target and r["mismatches"] == 0
    print(
        f"Target <= {target} s on {backend} (<= 0.3 s SQLite, <= 0.5 s PostgreSQL): "
        f"{'met' if ok else 'NOT met'} ({r['stored_s']:.3f} s, {r['mismatches']} mismatches)"
    )


if __name__ == "__main__":
    sys.exit(main())

"""An ICS calendar of open deadlines and reminders, for any calendar app.

Each deadline and reminder is one all-day event with a display alarm the day before. UIDs are
stable (`request-<id>-response@foia-assist`), so importing a newer file updates events rather
than duplicating them. icalendar escapes `;`, `,` and newlines in text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar
from icalendar import Event as IcsEvent

from foia_assist.domain.appeal_clocks import APPEAL, APPEAL_DECISION
from foia_assist.domain.clock_readings import ClockState
from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.tracker import RequestView, TrackerService

PRODID = "-//FOIA Assist//Tracker//EN"
UID_DOMAIN = "foia-assist"
ALARM_BEFORE = timedelta(days=1)
NOT_ADVICE = "Computed by FOIA Assist from the law's rules; not legal advice. Check the statute."


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    summary: str
    description: str


def request_uid(request_id: int, what: str) -> str:
    return f"request-{request_id}-{what}@{UID_DOMAIN}"


def entries_for(view: RequestView) -> list[CalendarEntry]:
    """Open deadlines (response, appeal, the decision on an appeal) and upcoming reminders of
    one request."""
    r = view.request
    rid = r.id if r.id is not None else 0
    who = f"{r.agency} ({r.jurisdiction})"
    tracking = f"\nAgency tracking number: {r.tracking_number}" if r.tracking_number else ""
    out: list[CalendarEntry] = []
    for clock in view.clocks:
        if clock.due is None or clock.state not in (ClockState.RUNNING, ClockState.PAUSED):
            continue
        if clock.name == APPEAL:
            what = "appeal"
            summary = f"Last day to appeal: {who}, request #{rid}"
        elif clock.name == APPEAL_DECISION:
            what = "appeal-decision"
            summary = f"Decision on the appeal due: {who}, request #{rid}"
        else:
            # The first clock keeps the UID it always had; later clocks get their own.
            first = clock.name == view.jurisdiction.response.name
            what = "response" if first else "clock-" + _slug(clock.name)
            summary = f"{clock.name} due from {who}, request #{rid}"
        paused = "\nThe clock is paused." if clock.state is ClockState.PAUSED else ""
        out.append(
            CalendarEntry(
                request_uid(rid, what),
                clock.due,
                summary,
                f"{summary}{tracking}{paused}\n\n{clock.explanation}\n\n{NOT_ADVICE}",
            )
        )
    for reminder in view.reminders:
        note = reminder.note or "check on this request"
        summary = f"Reminder: {who}, request #{rid}: {note}"
        out.append(
            CalendarEntry(
                request_uid(rid, f"reminder-{reminder.id}"),
                reminder.due,
                summary,
                f"{summary}{tracking}\nStatus: {view.facts.status.value}",
            )
        )
    return out


def build_calendar(entries: Iterable[CalendarEntry], stamp: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "FOIA Assist deadlines")
    utc_stamp = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    for entry in entries:
        ev = IcsEvent()
        ev.add("uid", entry.uid)
        ev.add("dtstamp", utc_stamp)
        ev.add("dtstart", entry.day)
        ev.add("dtend", entry.day + timedelta(days=1))
        ev.add("summary", entry.summary)
        ev.add("description", entry.description)
        ev.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", -ALARM_BEFORE)
        ev.add_component(alarm)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def calendar_entries(tracker: TrackerService, today: date) -> list[CalendarEntry]:
    """Entries for every request with an open date or an upcoming reminder."""
    entries: list[CalendarEntry] = []
    for row in tracker.list_requests(today):
        if row.due is None and row.next_reminder is None:
            continue
        entries.extend(entries_for(tracker.view(row.id, today)))
    return entries


def export_ics(tracker: TrackerService, path: Path, *, today: date, stamp: datetime) -> int:
    """Write the calendar atomically; returns the number of events."""
    entries = calendar_entries(tracker, today)
    atomic_write_bytes(path, build_calendar(entries, stamp))
    return len(entries)


def _slug(name: str) -> str:
    """A UID-safe form of a clock's name: 'Substantive response' -> 'substantive-response'."""
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())

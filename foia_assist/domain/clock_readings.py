"""What a clock of a tracked request reads on a given day: its state, due date, days left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ClockState(StrEnum):
    NOT_STARTED = "not started"  # not sent yet
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"  # the agency responded (or the appeal was filed)
    STOPPED = "stopped"  # withdrawn
    NO_DEADLINE = "no deadline"  # the law sets no number of days


@dataclass(frozen=True)
class ClockReading:
    name: str  # "Determination", "Appeal", ...
    state: ClockState
    due: date | None
    days_left: int | None  # calendar days from `today` to `due`; negative when past
    explanation: str
    citation: str = ""
    start: date | None = None  # day 0 of the count, once known
    met_on: date | None = None  # when the clock was met (state MET)

    @property
    def late_by(self) -> int | None:
        """Days the clock was met after its due date (None: on time, or not met)."""
        if self.met_on is None or self.due is None or self.met_on <= self.due:
            return None
        return (self.met_on - self.due).days

    @property
    def state_text(self) -> str:
        """The state in words: "met late (3 days after the due date)" rather than just "met"."""
        late = self.late_by
        if self.state is ClockState.MET and late is not None:
            return f"met late ({late} day{'s' if late != 1 else ''} after the due date)"
        return self.state.value

    @property
    def overdue(self) -> bool:
        return self.state in (ClockState.RUNNING, ClockState.PAUSED) and (
            self.days_left is not None and self.days_left < 0
        )

"""Where a bulk export is: the dialog's one state, and what each state allows."""

from __future__ import annotations

from enum import StrEnum


class ExportState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    CANCELLING = "cancelling"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    FAILED = "failed"

    @property
    def busy(self) -> bool:
        """A job is on the thread pool: the tabs and Close wait for it."""
        return self in (ExportState.RUNNING, ExportState.CANCELLING)

    @property
    def ended(self) -> bool:
        return self in (ExportState.FINISHED, ExportState.CANCELLED, ExportState.FAILED)

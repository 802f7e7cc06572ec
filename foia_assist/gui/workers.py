"""Run Qt-free generator jobs on a thread pool and turn their yields into signals.

Services write long jobs as generators that yield progress objects and `return` a result.
`Job` runs one on `QThreadPool`; each yield becomes `progress(object)`, the return value
`finished(object)`, an exception `failed(object)`, and a cancel (checked between yields,
closing the generator so its `finally` blocks run) `cancelled()`. Signals cross back to
the GUI thread queued, so the window never waits on the job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

JobFactory = Callable[[], Generator[Any, None, Any]]


class JobSignals(QObject):
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()  # after any of finished / failed / cancelled


class Job(QRunnable):
    """One generator job. Keep the `Job` (the `JobRunner` does) until `done` fires."""

    def __init__(self, factory: JobFactory, name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; Qt must not delete it under us
        self.factory = factory
        self.name = name
        self.signals = JobSignals()
        self.attachments: list[object] = []  # e.g. its progress dialog, kept alive with it
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        signals = self.signals
        try:
            gen = self.factory()
            while True:
                if self._cancel.is_set():
                    gen.close()
                    signals.cancelled.emit()
                    return
                try:
                    item = next(gen)
                except StopIteration as stop:
                    signals.finished.emit(stop.value)
                    return
                signals.progress.emit(item)
        except BaseException as exc:  # the job's error goes to the GUI, never lost
            signals.failed.emit(exc)
        finally:
            signals.done.emit()


# Every started job, until it ends: a job must outlive whatever started it (a closed
# dialog, a collected runner), or Qt would run a deleted object.
_ALIVE: set[Job] = set()


class JobRunner(QObject):
    """Starts jobs and keeps them alive until they end."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()

    def start(
        self,
        factory: JobFactory,
        name: str = "",
        *,
        progress: Callable[[Any], None] | None = None,
        finished: Callable[[Any], None] | None = None,
        failed: Callable[[Any], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Start a job; the callbacks are connected first, so no signal is missed."""
        return self.submit(
            self.prepare(
                factory,
                name,
                progress=progress,
                finished=finished,
                failed=failed,
                cancelled=cancelled,
            )
        )

    def prepare(
        self,
        factory: JobFactory,
        name: str = "",
        *,
        progress: Callable[[Any], None] | None = None,
        finished: Callable[[Any], None] | None = None,
        failed: Callable[[Any], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """A job with its callbacks connected, not started yet (`submit` starts it)."""
        job = Job(factory, name)
        s = job.signals
        for signal, slot in (
            (s.progress, progress),
            (s.finished, finished),
            (s.failed, failed),
            (s.cancelled, cancelled),
        ):
            if slot is not None:
                signal.connect(slot)
        return job

    def submit(self, job: Job) -> Job:
        """Start a job built by the caller (connect its signals before calling this)."""
        self._running.add(job)
        _ALIVE.add(job)
        job.signals.done.connect(lambda: self._finished(job))
        self.pool.start(job)
        return job

    def _finished(self, job: Job) -> None:
        self._running.discard(job)
        _ALIVE.discard(job)

    @property
    def running(self) -> int:
        return len(self._running)

    def is_running(self, job: Job | None) -> bool:
        """Whether `job` was started here and has not ended yet."""
        return job is not None and job in self._running

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        return bool(self.pool.waitForDone(msecs))


@dataclass(frozen=True)
class ProgressView:
    done: int
    total: int  # 0: unknown (busy indicator)
    text: str


def describe_progress(item: Any) -> ProgressView:
    """Read any service's progress object: done/total/message or similar names, or str()."""

    def first(*names: str) -> Any:
        for n in names:
            value = getattr(item, n, None)
            if value is not None:
                return value
        return None

    done = first("done", "current", "index", "count_done")
    total = first("total", "count", "of")
    text = first("message", "text", "label", "description")
    if isinstance(done, int) and isinstance(total, int) and total > 0:
        return ProgressView(min(done, total), total, str(text or f"{done} of {total}"))
    return ProgressView(0, 0, str(text if text is not None else item))

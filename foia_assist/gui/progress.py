"""A progress dialog with Cancel, driven by a `Job`'s signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from foia_assist.gui.workers import Job, JobFactory, JobRunner, describe_progress


class JobProgressDialog(QProgressDialog):
    """Shows a job's progress; Cancel asks the job to stop at its next step.

    The dialog is window-modal but not blocking: the event loop keeps running.
    """

    def __init__(self, job: Job, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.job = job
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)  # quick jobs never flash a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(380)
        self.canceled.connect(self._on_cancel)
        job.signals.progress.connect(self._on_progress)
        job.signals.done.connect(self._on_done)

    def _on_progress(self, item: Any) -> None:
        view = describe_progress(item)
        self.setMaximum(view.total)
        self.setValue(view.done)
        self.setLabelText(view.text)

    def _on_cancel(self) -> None:
        self.setLabelText("Cancelling…")
        self.job.cancel()

    def _on_done(self) -> None:
        self.close()
        self.deleteLater()


def run_with_progress(
    runner: JobRunner,
    factory: JobFactory,
    title: str,
    parent: QWidget | None,
    *,
    finished: Callable[[Any], None] | None = None,
    failed: Callable[[Any], None] | None = None,
    cancelled: Callable[[], None] | None = None,
) -> Job:
    """Start `factory` as a job with a progress dialog; every signal is connected first."""
    job = Job(factory, title)
    job.attachments.append(JobProgressDialog(job, title, parent))
    for signal, slot in (
        (job.signals.finished, finished),
        (job.signals.failed, failed),
        (job.signals.cancelled, cancelled),
    ):
        if slot is not None:
            signal.connect(slot)
    return runner.submit(job)

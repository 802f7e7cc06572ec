"""Generator jobs on the thread pool: progress, result, failure, cancel; the crash handler."""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from foia_assist.errors import UserError
from foia_assist.gui.crash import CrashHandler
from foia_assist.gui.workers import Job, JobRunner, describe_progress


def counting(n: int) -> Generator[tuple[int, int], None, str]:
    for i in range(n):
        yield (i, n)
    return f"counted {n}"


def test_progress_then_result(qtbot: Any) -> None:
    runner = JobRunner()
    seen: list[Any] = []
    results: list[Any] = []
    job = runner.start(lambda: counting(3), progress=seen.append, finished=results.append)
    qtbot.waitUntil(lambda: results == ["counted 3"])
    assert seen == [(0, 3), (1, 3), (2, 3)]
    qtbot.waitUntil(lambda: runner.running == 0)
    assert not job.cancel_requested


def test_signals_arrive_in_the_gui_thread(qtbot: Any) -> None:
    threads: list[str] = []
    worker_threads: list[str] = []

    def job() -> Generator[int, None, None]:
        worker_threads.append(threading.current_thread().name)
        yield 1

    runner = JobRunner()
    j = Job(job)
    j.signals.progress.connect(lambda _: threads.append(threading.current_thread().name))
    # Connect the blocker before the job starts: a signal emitted with no receiver is lost.
    with qtbot.waitSignal(j.signals.done, timeout=5000):
        runner.submit(j)
    qtbot.waitUntil(lambda: threads != [])
    assert threads == [threading.main_thread().name]
    assert worker_threads and worker_threads != threads


def test_failure_is_delivered(qtbot: Any) -> None:
    def broken() -> Generator[int, None, None]:
        yield 1
        raise UserError("the agency address is missing")

    failures: list[BaseException] = []
    runner = JobRunner()
    runner.start(broken, failed=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], UserError)
    assert str(failures[0]) == "the agency address is missing"


def test_cancel_stops_between_yields_and_closes_the_generator(qtbot: Any) -> None:
    started = threading.Event()
    release = threading.Event()
    cleaned: list[bool] = []

    def slow() -> Generator[int, None, str]:
        try:
            for i in range(1000):
                started.set()
                release.wait(5)
                yield i
            return "finished all"
        finally:
            cleaned.append(True)

    results: list[Any] = []
    cancelled: list[bool] = []
    runner = JobRunner()
    job = runner.start(slow, finished=results.append, cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: cancelled == [True])
    assert results == []
    assert cleaned == [True]


def test_describe_progress_reads_common_shapes() -> None:
    class P:
        done, total, message = 2, 5, "Letter 2 of 5"

    assert describe_progress(P()).text == "Letter 2 of 5"
    assert (describe_progress(P()).done, describe_progress(P()).total) == (2, 5)
    busy = describe_progress("Connecting…")
    assert (busy.total, busy.text) == (0, "Connecting…")


def test_progress_dialog_cancel_button_cancels_the_job(qtbot: Any) -> None:
    from foia_assist.gui.progress import run_with_progress

    release = threading.Event()

    def slow() -> Generator[str, None, None]:
        for i in range(100):
            release.wait(5)
            yield f"step {i}"

    cancelled: list[bool] = []
    runner = JobRunner()
    job = run_with_progress(runner, slow, "Working", None, cancelled=lambda: cancelled.append(True))
    from foia_assist.gui.progress import JobProgressDialog

    (dialog,) = job.attachments
    assert isinstance(dialog, JobProgressDialog)
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    qtbot.waitUntil(lambda: cancelled == [True])
    assert job.cancel_requested


def test_crash_handler_logs_and_shows(tmp_path: Path) -> None:
    shown: list[tuple[str, str]] = []
    handler = CrashHandler(tmp_path / "logs", show_dialog=lambda t, x: shown.append((t, x)))
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        path = handler.handle(exc)
    assert path is not None and path.parent == tmp_path / "logs"
    text = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in text and "Traceback" in text
    assert len(shown) == 1 and str(path) in shown[0][1]


def test_crash_handler_shows_user_errors_plainly(tmp_path: Path) -> None:
    shown: list[tuple[str, str]] = []
    handler = CrashHandler(tmp_path / "logs", show_dialog=lambda t, x: shown.append((t, x)))
    assert handler.handle(UserError("the date is in the future")) is None
    assert shown == [("FOIA Assist", "the date is in the future")]
    assert not (tmp_path / "logs").exists()


def test_crash_handler_installs_as_excepthook(tmp_path: Path) -> None:
    import sys

    shown: list[tuple[str, str]] = []
    handler = CrashHandler(tmp_path / "logs", show_dialog=lambda t, x: shown.append((t, x)))
    before = sys.excepthook
    handler.install()
    try:
        assert sys.excepthook == handler.excepthook
        try:
            raise RuntimeError("from a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        handler.uninstall()
    assert sys.excepthook is before
    assert len(list((tmp_path / "logs").glob("crash-*.log"))) == 1
    assert "RuntimeError: from a slot" in shown[0][1]


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single_jobs(qtbot: Any, n: int) -> None:
    results: list[Any] = []
    JobRunner().start(lambda: counting(n), finished=results.append)
    qtbot.waitUntil(lambda: results == [f"counted {n}"])

"""GUI fixtures: offscreen Qt, a temporary data folder, no real keyring, no modal dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from foia_assist.app import AppContext  # noqa: E402
from foia_assist.paths import AppPaths  # noqa: E402
from foia_assist.storage.secrets import MemorySecretStore  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/gui/ carries the `gui` marker (`pytest -m "not gui"` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@dataclass
class Modals:
    """Records what the window would have shown in a modal dialog, and scripted answers."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)
    passwords: list[str | None] = field(default_factory=list)  # answers, in order
    answer_yes: bool = True
    previews: list[tuple[str, str, list[str]]] = field(default_factory=list)  # letters shown
    done: list[tuple[str, str, Any]] = field(default_factory=list)  # "written" confirmations


@pytest.fixture
def modals(monkeypatch: pytest.MonkeyPatch) -> Modals:
    from foia_assist.gui import messages

    m = Modals()

    def ask_password(parent: Any, title: str, text: str) -> str | None:
        m.questions.append((title, text))
        return m.passwords.pop(0) if m.passwords else None

    def ask_yes_no(parent: Any, title: str, text: str) -> bool:
        m.questions.append((title, text))
        return m.answer_yes

    monkeypatch.setattr(messages, "show_error", lambda p, t, x: m.errors.append((t, x)))
    monkeypatch.setattr(messages, "show_info", lambda p, t, x: m.infos.append((t, x)))
    monkeypatch.setattr(messages, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(messages, "ask_password", ask_password)

    def confirm_preview(parent: Any, title: str, html: str, warnings: list[str]) -> bool:
        m.previews.append((title, html, warnings))
        return m.answer_yes

    monkeypatch.setattr(messages, "confirm_preview", confirm_preview)
    monkeypatch.setattr(messages, "show_done", lambda p, t, x, path: m.done.append((t, x, path)))
    return m


@pytest.fixture
def gui_ctx(tmp_path: Path, modals: Modals) -> AppContext:
    ctx = AppContext(paths=AppPaths.under(tmp_path / "data").ensure())
    ctx.secrets = MemorySecretStore()  # type: ignore[misc]
    return ctx


@pytest.fixture(autouse=True)
def _no_dangling_jobs(qapp: Any) -> Iterator[None]:
    """Fail a test that leaves a worker running (napari's _dangling_qthread_pool)."""
    from PySide6.QtCore import QThreadPool

    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(10_000), "a background job was still running after the test"


TODAY = date(2026, 11, 26)


@dataclass
class DialogScript:
    """Answers modal dialogs: each entry fills one dialog and says whether to accept it."""

    steps: list[Callable[[Any], bool]] = field(default_factory=list)
    seen: list[Any] = field(default_factory=list)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogScript:
    from foia_assist.gui import messages

    script = DialogScript()

    def run_dialog(dialog: Any) -> bool:
        script.seen.append(dialog)
        assert script.steps, f"unexpected dialog {type(dialog).__name__}"
        return script.steps.pop(0)(dialog)

    monkeypatch.setattr(messages, "run_dialog", run_dialog)
    monkeypatch.setattr(messages, "open_path", lambda path: True)
    return script


def requester() -> Any:
    from foia_assist.domain.request import Requester

    return Requester(name="Ana Díaz", email="ana@example.org", address="12 Elm St")


def spec(name: str, code: str, email: str = "") -> Any:
    from foia_assist.domain.request import Agency, Records, RequestSpec

    return RequestSpec(
        agency=Agency(name=name, jurisdiction=code, email=email),
        requester=requester(),
        records=Records(categories=("contracts", "policies")),
    )


@pytest.fixture
def make_window(qtbot: Any, gui_ctx: AppContext) -> Callable[[], Any]:
    from foia_assist.gui.main_window import MainWindow

    def make() -> Any:
        window = MainWindow(gui_ctx, today=lambda: TODAY)
        # A listing slower than SYNC_RELOAD_SECONDS (0.15 s) moves later reloads to the thread
        # pool, and a loaded test machine crosses it at random: tests that expect the table
        # current as soon as an action returns then flake. Here the limit is far above any
        # test's listing; tests of the pool path set `_list_seconds` or the limit themselves.
        window.SYNC_RELOAD_SECONDS = 5.0
        qtbot.addWidget(window)
        return window

    return make

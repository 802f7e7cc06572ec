"""Start-up (issue 12): the list of requests, with due dates, comes before the detail pane.

The window is shown with a "Loading" page; just after, the table is built and filled from the
stored clock summaries (no rules, no events' model); the detail pane is built once the list
has been painted, or whenever it is first needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from conftest import TODAY, spec

from foia_assist.gui.requests_model import COL_AGENCY, COL_DUE

ROOT = Path(__file__).resolve().parents[2]


def _add_requests(ctx: Any) -> list[int]:
    ids = []
    for i, (name, code) in enumerate(
        [("Los Angeles Police Department", "CA"), ("Seattle Police Department", "WA")]
    ):
        day = date(2026, 10, 1 + i)
        ids.append(
            int(ctx.tracker.add_request(spec(name, code), today=day, sent=day, method="email"))
        )
    return ids


# Runs in a fresh interpreter, so that `sys.modules` says what the first list needed. It
# calls the step `_load_then_report` starts with (list from the stored summaries, building
# the pages it shows them in) without the full load, which would import the rest on the
# pool meanwhile.
_CHILD = """
import enum, json, sys, time
from datetime import date

# Which Python enums PySide6 builds (on first use of each Qt type): "GlobalColor" is one of
# the ~100 of the `Qt` namespace, which it builds all at once (~20 ms).
built = []
_create = enum.EnumType._create_
def _record(cls, class_name, *args, **kwargs):
    built.append(class_name)
    return _create(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = _record

from foia_assist.app import AppContext
from foia_assist.gui.main import ensure_application
from foia_assist.gui.main_window import MainWindow
from foia_assist.gui.requests_model import COL_AGENCY, COL_DUE
from foia_assist.paths import AppPaths

app = ensure_application(sys.argv[:1])
ctx = AppContext(paths=AppPaths.under(DATA))
w = MainWindow(ctx, today=lambda: date.fromisoformat(TODAY), defer_load=True)
w.show()
app.processEvents()
w._show_quick_rows()
watched = ("foia_assist.gui.detail_pane", "foia_assist.domain.lifecycle",
           "foia_assist.domain.jurisdictions", "foia_assist.domain.request",
           "foia_assist.storage.settings", "foia_assist.storage.rule_files", "holidays")
listed = {
    "on_screen": w.stack.currentWidget() is w.tracker_page,
    "rows": [[w.proxy.index(i, COL_AGENCY).data(), w.proxy.index(i, COL_DUE).data()]
             for i in range(w.proxy.rowCount())],
    "detail_built": w.detail_built,
    "slot_width": w.splitter.sizes()[1],
    "imported": [m for m in watched if m in sys.modules],
    "qt_namespace": "GlobalColor" in built,
    "sorting": w.table.isSortingEnabled(),
}
deadline = time.monotonic() + 20
while not w.detail_built and time.monotonic() < deadline:
    app.processEvents()  # paints the list; the pane is built just after
pane = w.detail if w.detail_built else None
after = {
    "detail_built": w.detail_built,
    "in_place": pane is not None and w.splitter.widget(1) is pane,
    "pane_width": w.splitter.sizes()[1],
    "title": pane.title.text() if pane is not None else "",
    "qt_namespace": "GlobalColor" in built,
    "sorting": w.table.isSortingEnabled(),
    "indicator": w.table.horizontalHeader().sortIndicatorSection(),
    "ascending": w.table.horizontalHeader().sortIndicatorOrder().name == "AscendingOrder",
    "rows_after": [[w.proxy.index(i, COL_AGENCY).data(), w.proxy.index(i, COL_DUE).data()]
                   for i in range(w.proxy.rowCount())],
}
w.close()
print(json.dumps({"listed": listed, "after": after}))
"""


def _run_child(template: str, gui_ctx: Any) -> Any:
    """Run a start-up script in a fresh interpreter on the test's data folder (nothing
    imported beforehand); its last line of output, as JSON."""
    code = template.replace("DATA", repr(str(gui_ctx.paths.data_dir))).replace(
        "TODAY", repr(TODAY.isoformat())
    )
    home = gui_ctx.paths.data_dir.parent / "home"
    home.mkdir()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_list_has_due_dates_and_the_detail_pane_follows(gui_ctx: Any) -> None:
    _add_requests(gui_ctx)
    expected = [
        [r.agency, r.due.isoformat() if r.due else None]
        for r in sorted(gui_ctx.tracker.list_requests(TODAY), key=lambda r: r.due or TODAY)
    ]
    assert all(due for _, due in expected)
    gui_ctx.close()
    out = _run_child(_CHILD, gui_ctx)
    listed, after = out["listed"], out["after"]
    # The requests are on screen with their due dates (sorted by due date, as the table is)...
    assert listed["on_screen"]
    assert listed["rows"] == expected
    # ...before the detail pane, the events' model, the rules or the settings' checks.
    assert not listed["detail_built"]
    assert listed["imported"] == []
    # ...and before PySide6 builds the `Qt` namespace's enums: the table's sorting (the
    # rows are in due-date order already) waits for the paint.
    assert not listed["qt_namespace"] and not listed["sorting"]
    # Once the list has been painted, the pane takes its place beside the table.
    assert listed["slot_width"] >= 280
    assert after["detail_built"] and after["in_place"]
    assert after["pane_width"] >= 280
    assert "Select a request" in after["title"]
    # Then the header sorts, by due date as the rows already are (they do not move).
    assert after["qt_namespace"]  # (the check above can see it)
    assert after["sorting"] and after["indicator"] == COL_DUE and after["ascending"]
    assert after["rows_after"] == listed["rows"]


def test_deferred_start_builds_the_pane_and_shows_the_selected_request(
    qtbot: Any, gui_ctx: Any
) -> None:
    from foia_assist.gui.main_window import MainWindow

    ids = _add_requests(gui_ctx)
    window = MainWindow(gui_ctx, today=lambda: TODAY, defer_load=True)
    qtbot.addWidget(window)
    window.show()
    window.after_show()
    # (Until the full load: these requests were never listed, so no rules fingerprint is
    # stored and the start-up list has no due dates; the test raced the load for them.)
    qtbot.waitUntil(
        lambda: window.pages_built and window.model.rowCount() == 2 and not window.data_loading,
        timeout=30_000,
    )
    dues = {
        window.proxy.index(i, COL_AGENCY).data(): window.proxy.index(i, COL_DUE).data()
        for i in range(2)
    }
    assert dues == {
        r.agency: r.due.isoformat() for r in gui_ctx.tracker.list_requests(TODAY) if r.due
    }
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)  # full load in
    assert window.detail_built
    assert window.splitter.widget(1) is window.detail
    assert window.select_request(ids[1])
    assert window.detail.view is not None and window.detail.view.request.id == ids[1]
    assert window.detail.record_button.isEnabled()
    assert window.seen_version() == window.detail.view.request.version


def test_the_detail_pane_is_built_on_first_use(qtbot: Any, gui_ctx: Any) -> None:
    from foia_assist.gui.main_window import MainWindow

    window = MainWindow(gui_ctx, today=lambda: TODAY, defer_load=True)
    qtbot.addWidget(window)
    window.build_pages()
    assert not window.detail_built
    assert window.seen_version() is None  # asks without building it
    pane = window.detail  # first use
    assert window.detail_built and window.detail is pane
    assert window.splitter.widget(1) is pane and window.splitter.count() == 2
    assert pane.minimumWidth() == 280


_WELCOME_CHILD = """
import json, sys, time
from datetime import date
from foia_assist.app import AppContext
from foia_assist.gui.main import ensure_application
from foia_assist.gui.main_window import MainWindow
from foia_assist.paths import AppPaths

app = ensure_application(sys.argv[:1])
ctx = AppContext(paths=AppPaths.under(DATA))
w = MainWindow(ctx, today=lambda: date.fromisoformat(TODAY), defer_load=True)
w.show()
app.processEvents()
w._show_quick_rows()
watched = ("foia_assist.gui.tracker_page", "foia_assist.gui.requests_model",
           "foia_assist.domain.lifecycle")
ready = {
    "welcome": w.stack.currentWidget() is w.welcome,
    "pages_built": w.pages_built,
    "imported": [m for m in watched if m in sys.modules],
    "new_shortcut": w.new_action.shortcut().toString(),
}
deadline = time.monotonic() + 20
while not w.pages_built and time.monotonic() < deadline:
    app.processEvents()  # paints the welcome; the tracker page is built just after
after = {
    "pages_built": w.pages_built,
    "welcome": w.stack.currentWidget() is w.welcome,
    "tracker_at_1": w.pages_built and w.stack.widget(1) is w.tracker_page,
    "loading_at_2": w.stack.widget(2) is w.loading,
}
w.close()
print(json.dumps({"ready": ready, "after": after}))
"""


def test_a_first_start_shows_the_welcome_before_building_the_tracker_page(gui_ctx: Any) -> None:
    gui_ctx.tracker  # noqa: B018  (the database file exists, with no request)
    gui_ctx.close()
    out = _run_child(_WELCOME_CHILD, gui_ctx)
    ready, after = out["ready"], out["after"]
    # The welcome page is on screen, with Ctrl+N already set, before the tracker page, its
    # table model or the events' module exist...
    assert ready["welcome"] and not ready["pages_built"]
    assert ready["imported"] == []
    assert ready["new_shortcut"] == "Ctrl+N"
    # ...and the tracker page follows once the welcome has been painted (still showing it).
    assert after["pages_built"] and after["welcome"]
    assert after["tracker_at_1"] and after["loading_at_2"]

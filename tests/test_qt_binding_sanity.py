"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to `None` on every call of a method that
returns void (measured: -1 per `QFont.setPointSizeF`), so a long session or a bulk PDF
export (about 200 letters) ends in "Fatal Python error: none_dealloc". 6.11.3 is correct.
This test fails if the pinned binding is ever upgraded to a broken release.
"""

from __future__ import annotations

import gc
import sys

import pytest


@pytest.mark.usefixtures("qapp")
def test_void_qt_calls_keep_none_refcount() -> None:
    from PySide6.QtGui import QFont, QTextDocument

    font = QFont()
    document = QTextDocument()
    calls = 500

    def void_calls() -> None:
        for _ in range(calls):
            font.setPointSizeF(11.0)
            document.setDocumentMargin(0)

    void_calls()  # warm up caches
    gc.collect()
    before = sys.getrefcount(None)
    void_calls()
    gc.collect()
    lost = before - sys.getrefcount(None)
    # A correct binding loses nothing; the broken one loses one per call (1,000 here).
    assert lost < calls // 10, f"None lost {lost} references over {2 * calls} void Qt calls"

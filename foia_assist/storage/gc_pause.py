"""Pause Python's cyclic garbage collector while a listing builds many small tuples."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Hundreds of thousands of small acyclic tuples: the cyclic collector would only rescan
    them again and again (a 100,000-request list took up to twice as long), so it is paused
    while they are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

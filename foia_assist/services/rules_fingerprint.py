"""The fingerprint of what the stored clock summaries depend on besides the events.

Apart from `clock_summaries` so that the window's first list (`quick_listing`) can check it
without importing the events' module, the rules or the clocks: it reads files only.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path

from foia_assist import __version__

# Bump when what a summary holds or how it is worked out changes without a rule file,
# holiday data or app version changing: every stored summary is then rebuilt.
SUMMARY_FORMAT = "2"  # 2: appeal dates on the request's own route; "Appeal decision"


def rules_fingerprint(jurisdictions_dir: Path) -> str:
    """What the summaries depend on besides the events: the rule files, the `holidays`
    package's version, the code that counts days (the domain package) and the app version.

    Read from files only: `holidays` is not imported (start-up compares this before any
    rule is loaded)."""
    h = hashlib.sha256()
    h.update(f"format {SUMMARY_FORMAT}\napp {__version__}\n".encode())
    for path in sorted(jurisdictions_dir.rglob("*")):
        if path.is_file():
            h.update(f"rule {path.relative_to(jurisdictions_dir).as_posix()}\n".encode())
            h.update(path.read_bytes())
    domain = Path(__file__).resolve().parent.parent / "domain"
    for path in sorted(domain.glob("*.py")):
        h.update(f"code {path.name}\n".encode())
        h.update(path.read_bytes())
    spec = importlib.util.find_spec("holidays")  # finds the package without importing it
    if spec is not None and spec.origin:
        version = Path(spec.origin).parent / "version.py"
        h.update(b"holidays\n")
        h.update(version.read_bytes() if version.is_file() else spec.origin.encode())
    return h.hexdigest()


@functools.cache
def default_fingerprint() -> str:
    """`rules_fingerprint` of the bundled rules (read once per run: the files do not change
    under a running app)."""
    from foia_assist.paths import resources_dir

    return rules_fingerprint(resources_dir() / "jurisdictions")

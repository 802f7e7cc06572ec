"""The layers, enforced over every import in the package: module-level ones, lazy ones inside
functions and `TYPE_CHECKING` ones alike (an AST walk, no exceptions list).

    domain  <-  storage  <-  services  <-  cli | gui

- `domain` is pure: it imports only `domain` (and `errors`).
- `storage` adds the shared I/O helpers (`fileio`, `paths`); `services` adds `storage`.
- `cli` and `gui` are adapters over services and never import each other.
- The launcher is the one place that knows both adapters: `__main__` (the `foia-assist`
  entry point), `app` (the composition root: builds storage and services, hands the window's
  PDF renderer to the services) and `gui_launch` (opens the window without the CLI importing
  Qt). They may import anything; `cli` and `gui` may import `app` (the context every command
  and the window use) and `cli` may import `gui_launch` (no command opens the window).
- No module imports, directly or through others, a module that imports it back.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterable
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "foia_assist"

_FOUNDATION = {"foia_assist", "foia_assist.errors"}  # the package's __init__ and its errors
_IO_HELPERS = {"foia_assist.fileio", "foia_assist.paths"}
_LAUNCHER = {"foia_assist.__main__", "foia_assist.app", "foia_assist.gui_launch"}

# What each part of the package may import (prefixes of module names).
ALLOWED: dict[str, set[str]] = {
    "foia_assist.domain": {"foia_assist.domain", *_FOUNDATION},
    "foia_assist.storage": {
        "foia_assist.domain",
        "foia_assist.storage",
        *_FOUNDATION,
        *_IO_HELPERS,
    },
    "foia_assist.services": {
        "foia_assist.domain",
        "foia_assist.storage",
        "foia_assist.services",
        *_FOUNDATION,
        *_IO_HELPERS,
    },
    "foia_assist.cli": {
        "foia_assist.domain",
        "foia_assist.storage",
        "foia_assist.services",
        "foia_assist.cli",
        "foia_assist.app",
        "foia_assist.gui_launch",
        *_FOUNDATION,
        *_IO_HELPERS,
    },
    "foia_assist.gui": {
        "foia_assist.domain",
        "foia_assist.storage",
        "foia_assist.services",
        "foia_assist.gui",
        "foia_assist.app",
        *_FOUNDATION,
        *_IO_HELPERS,
    },
    "foia_assist.errors": set(),
    "foia_assist.fileio": {"foia_assist.errors"},
    "foia_assist.paths": {"foia_assist.errors"},
    **{launcher: {"foia_assist"} for launcher in _LAUNCHER},
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_names(source: str, module: str, is_package: bool) -> set[str]:
    """Every module name `source` imports, wherever the import stands (relative ones resolved;
    `from a import b` gives both `a` and `a.b`, since b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, *([node.module] if node.module else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _package_graph(modules: dict[str, str], packages: set[str]) -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""

    def resolve(name: str) -> str | None:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            candidate = ".".join(parts[:i])
            if candidate in modules:
                return candidate
        return None

    graph: dict[str, set[str]] = {}
    for module, source in modules.items():
        found = {resolve(n) for n in imported_names(source, module, module in packages)}
        graph[module] = {m for m in found if m is not None and m != module}
    return graph


def _read_package() -> tuple[dict[str, str], set[str]]:
    modules, packages = {}, set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        modules[name] = path.read_text(encoding="utf-8")
        if path.name == "__init__.py":
            packages.add(name)
    return modules, packages


def _part(module: str) -> str:
    for part in sorted(ALLOWED, key=len, reverse=True):
        if _within(module, [part]):
            return part
    return module  # the package's own __init__


def _within(module: str, prefixes: Iterable[str]) -> bool:
    # "foia_assist" (the package's __init__) names itself only, not everything under it.
    return any(module == p or (p != "foia_assist" and module.startswith(p + ".")) for p in prefixes)


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, imports in sorted(graph.items()):
        part = _part(module)
        if part in _LAUNCHER:
            continue
        allowed = ALLOWED.get(part, _FOUNDATION)
        for target in sorted(imports):
            if not _within(target, allowed):
                out.append(f"{module} imports {target}")
    return out


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph) + 100))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_every_import_follows_the_layers() -> None:
    modules, packages = _read_package()
    assert len(modules) > 50
    assert layer_violations(_package_graph(modules, packages)) == []


def test_no_import_cycles() -> None:
    modules, packages = _read_package()
    assert import_cycles(_package_graph(modules, packages)) == []


def test_the_guard_sees_lazy_type_checking_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from foia_assist.cli.track import run_add\n"
        "def f():\n"
        "    import foia_assist.gui.main\n"
        "    from ..storage import database\n"
        "    from . import deadlines\n"
    )
    modules = {
        "foia_assist.domain.x": source,
        "foia_assist.domain.deadlines": "",
        "foia_assist.cli.track": "",
        "foia_assist.gui.main": "",
        "foia_assist.storage.database": "",
    }
    graph = _package_graph(modules, set())
    assert graph["foia_assist.domain.x"] == {
        "foia_assist.cli.track",
        "foia_assist.gui.main",
        "foia_assist.storage.database",
        "foia_assist.domain.deadlines",
    }
    assert layer_violations(graph) == [
        "foia_assist.domain.x imports foia_assist.cli.track",
        "foia_assist.domain.x imports foia_assist.gui.main",
        "foia_assist.domain.x imports foia_assist.storage.database",
    ]


def test_the_guard_refuses_cli_and_gui_importing_each_other_and_finds_cycles() -> None:
    graph = {
        "foia_assist.cli.bulk": {"foia_assist.gui.bulk_dialog"},
        "foia_assist.gui.bulk_dialog": {"foia_assist.cli.bulk"},
        "foia_assist.services.a": {"foia_assist.services.b"},
        "foia_assist.services.b": {"foia_assist.services.c"},
        "foia_assist.services.c": {"foia_assist.services.a"},
        "foia_assist.app": {"foia_assist.gui.pdf_backend"},  # the launcher may
    }
    assert layer_violations(graph) == [
        "foia_assist.cli.bulk imports foia_assist.gui.bulk_dialog",
        "foia_assist.gui.bulk_dialog imports foia_assist.cli.bulk",
    ]
    assert import_cycles(graph) == [
        ["foia_assist.cli.bulk", "foia_assist.gui.bulk_dialog"],
        ["foia_assist.services.a", "foia_assist.services.b", "foia_assist.services.c"],
    ]


def test_every_library_the_package_imports_is_declared_with_an_exact_pin() -> None:
    """A library imported but only pulled in by another (python-docx by docxtpl) must still be
    declared: the other may drop it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = dict(spec.split("==", 1) for spec in project["dependencies"])
    assert all(pins.values()), project["dependencies"]
    declared = {name.lower().replace("_", "-") for name in pins}
    providers = packages_distributions()
    modules, packages = _read_package()
    missing = set()
    for module, source in modules.items():
        for name in imported_names(source, module, module in packages):
            top = name.split(".")[0]
            if not top or top == "foia_assist" or top in sys.stdlib_module_names:
                continue
            dists = {d.lower().replace("_", "-") for d in providers.get(top, [top])}
            if not dists & declared:
                missing.add(f"{module} imports {top} ({', '.join(sorted(dists))})")
    assert sorted(missing) == []

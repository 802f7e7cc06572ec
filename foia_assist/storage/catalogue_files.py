"""Load and validate the FRT records catalogue in `resources/frt/`.

Three TOML files: `categories.toml` (definition, defaults, categories), `vendors.toml`
(vendors, shared systems) and `state-laws.toml`. A problem is reported as
`CatalogueFileError` naming the file and the dotted field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from foia_assist.domain.catalogue import (
    Catalogue,
    Category,
    DefaultRange,
    Definition,
    RangeKind,
    SharedSystem,
    StateLaw,
    Vendor,
)
from foia_assist.domain.typed_fields import TypedFields

CATEGORIES_FILE = "categories.toml"
VENDORS_FILE = "vendors.toml"
STATE_LAWS_FILE = "state-laws.toml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogueFileError(ValueError):
    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        super().__init__(f"{Path(file).name}: field '{field}': {problem}")
        self.file = str(file)
        self.field = field
        self.problem = problem


class _Table(TypedFields):
    """Typed access to one TOML table of the catalogue."""

    def __init__(self, file: Path, data: Any, prefix: str = "") -> None:
        if not isinstance(data, Mapping):
            raise CatalogueFileError(file, prefix.rstrip(".") or "(file)", "expected a table")
        super().__init__(data, prefix)
        self.file = file

    def error(self, field: str, problem: str) -> CatalogueFileError:
        return CatalogueFileError(self.file, field, problem)

    def _get(self, key: str, required: bool) -> Any:
        return self.take(key, required)

    def text(self, key: str, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, got {type(value).__name__}")
        if required and not value.strip():
            raise self.fail(key, "must not be empty")
        return " ".join(value.split())  # TOML line continuations leave runs of spaces

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not _SLUG.match(value):
            raise self.fail(key, f"{value!r} is not a slug (lower-case words joined by '-')")
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        out = []
        for where, item in self.text_items(key, required):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(where, "expected non-empty text")
            out.append(" ".join(item.split()))
        if required and not out:
            raise self.fail(key, "must list at least one entry")
        return tuple(out)

    def integer(self, key: str, required: bool = False) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "expected a whole number")
        if value < 1:
            raise self.fail(key, "must be at least 1")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def day(self, key: str, required: bool = True) -> date | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.fail(key, "expected a date (YYYY-MM-DD, unquoted)")
        return value

    def table(self, key: str) -> _Table:
        return _Table(self.file, self._get(key, True), f"{self.prefix}{key}.")

    def tables(self, key: str, required: bool = True) -> list[_Table]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "expected one or more [[" + key + "]] tables")
        return [
            _Table(self.file, item, f"{self.prefix}{key}[{i}].") for i, item in enumerate(value)
        ]

    def done(self) -> None:
        self.check_unknown()


def _read(file: Path) -> _Table:
    try:
        with open(file, "rb") as fh:
            return _Table(file, tomllib.load(fh))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueFileError(file, "(syntax)", str(exc)) from None
    except OSError as exc:
        raise CatalogueFileError(file, "(file)", exc.strerror or str(exc)) from None


def _range(t: _Table) -> DefaultRange:
    raw = t.text("range")
    try:
        kind = RangeKind(raw)
    except ValueError:
        allowed = ", ".join(k.value for k in RangeKind)
        raise t.fail("range", f"{raw!r} is not one of: {allowed}") from None
    value = t.integer("value")
    since = t.day("since", required=False)
    if kind in (RangeKind.YEARS, RangeKind.MONTHS) and value is None:
        raise t.fail("value", f"needed when range is {kind.value!r}")
    if kind is RangeKind.SINCE and since is None:
        raise t.fail("since", "needed when range is 'since'")
    if kind not in (RangeKind.YEARS, RangeKind.MONTHS) and value is not None:
        raise t.fail("value", f"only used with range 'years' or 'months', not {kind.value!r}")
    if kind is not RangeKind.SINCE and since is not None:
        raise t.fail("since", "only used with range 'since'")
    return DefaultRange(kind=kind, value=value, since=since)


def _unique(items: list[_Table], ids: list[str], key: str = "id") -> None:
    seen: set[str] = set()
    for table, value in zip(items, ids, strict=True):
        if value in seen:
            raise table.fail(key, f"{value!r} appears twice")
        seen.add(value)


def _categories(
    t: _Table,
) -> tuple[Definition, tuple[Category, ...], tuple[str, ...], tuple[str, ...]]:
    d = t.table("definition")
    definition = Definition(
        text=d.text("text"), exclusions=d.text("exclusions"), sources=d.texts("sources", True)
    )
    d.done()
    defaults = t.table("defaults")
    terms = defaults.texts("search_terms", required=True)
    custodians = defaults.texts("custodians", required=True)
    defaults.texts("sources")
    defaults.done()
    tables = t.tables("categories")
    cats = []
    for c in tables:
        cats.append(
            Category(
                id=c.slug("id"),
                title=c.text("title"),
                explanation=c.text("explanation"),
                wording=c.text("wording"),
                default_range=_range(c),
                tip=c.text("tip"),
                exemptions=c.texts("exemptions"),
                sources=c.texts("sources", required=True),
                vendor_dates=c.flag("vendor_dates", False),
                uses_search_terms=c.flag("uses_search_terms", False),
            )
        )
        if "exemptions" not in c.data:
            raise c.fail("exemptions", "missing (use [] when none are commonly claimed)")
        c.done()
    _unique(tables, [c.id for c in cats])
    return definition, tuple(cats), terms, custodians


def _vendors(t: _Table) -> tuple[tuple[Vendor, ...], tuple[SharedSystem, ...]]:
    tables = t.tables("vendors")
    vendors = []
    for v in tables:
        vendors.append(
            Vendor(
                id=v.slug("id"),
                name=v.text("name"),
                products=v.texts("products"),
                domains=v.texts("domains"),
                sources=v.texts("sources", required=True),
                since=v.day("since", required=False),
                note=v.text("note", required=False),
                terms=v.texts("terms"),
            )
        )
        v.done()
    _unique(tables, [v.id for v in vendors])
    sys_tables = t.tables("shared_systems", required=False)
    systems = []
    for s in sys_tables:
        codes = s.texts("jurisdictions")
        for i, code in enumerate(codes):
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise s.fail(f"jurisdictions[{i}]", f"{code!r} is not a two-letter code")
        systems.append(
            SharedSystem(
                id=s.slug("id"),
                name=s.text("name"),
                jurisdictions=codes,
                sources=s.texts("sources", required=True),
                note=s.text("note", required=False),
            )
        )
        s.done()
    _unique(sys_tables, [s.id for s in systems])
    return tuple(vendors), tuple(systems)


def _state_laws(t: _Table) -> tuple[StateLaw, ...]:
    tables = t.tables("laws")
    laws = []
    for law in tables:
        code = law.text("jurisdiction")
        if len(code) != 2 or not code.isalpha() or not code.isupper():
            raise law.fail("jurisdiction", f"{code!r} is not a two-letter code")
        verified = law.day("verified")
        assert verified is not None
        levels = law.texts("levels")
        for level in levels:
            if level not in ("state", "local"):
                raise law.fail("levels", f"{level!r} is not 'state' or 'local'")
        levels_note = law.text("levels_note", required=bool(levels))
        not_for = tuple(w.casefold() for w in law.texts("not_for_names"))
        for word in not_for:
            if not word.isalpha():
                raise law.fail("not_for_names", f"{word!r} is not one word of letters")
        not_for_note = law.text("not_for_note", required=bool(not_for))
        version = law.text("version", required=False)
        laws.append(
            StateLaw(
                jurisdiction=code,
                name=law.text("name"),
                citation=law.text("citation"),
                records=law.texts("records", required=True),
                wording=law.text("wording"),
                sources=law.texts("sources", required=True),
                verified=verified,
                verify_note=law.text("verify_note"),
                text_changed=law.flag("text_changed", False),
                levels=levels,
                levels_note=levels_note,
                not_for_names=not_for,
                not_for_note=not_for_note,
                version=version,
            )
        )
        law.done()
    _unique(tables, [law.jurisdiction for law in laws], key="jurisdiction")
    return tuple(laws)


def load_catalogue(folder: Path) -> Catalogue:
    """Read the three catalogue files in `folder` (normally `resources_dir() / "frt"`)."""
    cat_t = _read(folder / CATEGORIES_FILE)
    verified = cat_t.day("verified")
    cat_t.texts("sources")
    definition, categories, terms, custodians = _categories(cat_t)
    cat_t.done()

    ven_t = _read(folder / VENDORS_FILE)
    ven_t.day("verified")
    ven_t.texts("sources")
    vendors, systems = _vendors(ven_t)
    ven_t.done()

    law_t = _read(folder / STATE_LAWS_FILE)
    laws = _state_laws(law_t)
    law_t.done()

    assert verified is not None
    return Catalogue(
        definition=definition,
        categories=categories,
        vendors=vendors,
        shared_systems=systems,
        state_laws=laws,
        default_search_terms=terms,
        default_custodians=custodians,
        verified=verified,
    )

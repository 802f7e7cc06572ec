"""Letter rendering engine: compile a DOCX template once, render many letters quickly and safely.

`LetterTemplate.load(path)` reads the DOCX once, runs docxtpl's own XML preprocessing
(`patch_xml`) once per templated part (main document, headers, footers, footnotes) and compiles
each part once in a Jinja `ImmutableSandboxedEnvironment(autoescape=True,
undefined=StrictUndefined)`. Every other ZIP member is kept as its raw compressed bytes.
`render_docx(context)` renders the compiled parts, checks that each result is well-formed XML,
applies docxtpl's post-processing (line breaks, `fix_tables`, `fix_docpr_ids`) and writes a new
ZIP in memory with `zipfile` in which the untouched members are not compressed again per letter
(`docx_package.PackageWriter`). No python-docx object
model is built per letter. The document text equals what docxtpl's own
`DocxTemplate.render(ctx, jinja_env=ImmutableSandboxedEnvironment(autoescape=True,
undefined=StrictUndefined))` + `save()` produces (tested in tests/test_render.py).

The jobs live apart: the sandbox and the static safety check in `template_sandbox`, docxtpl's
post-processing in `docx_fixups`, reading and writing the ZIP package in `docx_package`.

Safety:
- values are XML-escaped (`AT&T <Doe>` stays intact); `Markup` values (docxtpl `RichText`,
  `Listing`) are trusted XML and must be built by the app, never from raw user text;
- a newline in a value becomes a line break (`<w:br/>`), a tab a tab, `\\r\\n` counts as one
  newline; other control characters that XML forbids are dropped;
- templates cannot reach Python internals: the sandbox refuses `_`-prefixed and other unsafe
  attributes and mutating methods; `range`, `lipsum`, `cycler`, `joiner`, `self`, `include`,
  `import` and `extends` are refused; `*` and `**` are bounded. Every problem surfaces as
  `TemplateProblem` (a `UserError`) naming the template, never as a traceback.
- Not bounded: a template with deeply nested loops over large context lists can still run long;
  callers rendering untrusted templates in bulk should use a worker timeout.

Rendering many letters in parallel: a `LetterTemplate` pickles as `(name, original bytes)` and
recompiles in the receiving process (a few milliseconds), so send it ONCE per worker, not once
per letter, e.g.::

    _TEMPLATE: LetterTemplate | None = None

    def _init(name: str, data: bytes) -> None:
        global _TEMPLATE
        _TEMPLATE = LetterTemplate.from_bytes(name, data)

    def _render(context: dict[str, object]) -> bytes:
        assert _TEMPLATE is not None
        return _TEMPLATE.render_docx(context)

    with ProcessPoolExecutor(2, initializer=_init, initargs=(tpl.name, tpl.source_bytes)) as ex:
        for docx in ex.map(_render, contexts, chunksize=25): ...

Contexts must be picklable (plain dicts, strings, numbers, dates, lists). Within one process
`render_docx` is thread-safe, but Jinja rendering holds the GIL, so use processes for speed.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template, meta
from jinja2.exceptions import TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from foia_assist.errors import UserError
from foia_assist.services.letters.docx_fixups import (
    fix_docpr_ids,
    fix_tables,
    patch_xml,
    resolve_listing,
)
from foia_assist.services.letters.docx_package import (
    SAFE_PARSER,
    DamagedPackage,
    PackageWriter,
    read_member,
    templated_parts,
)
from foia_assist.services.letters.template_sandbox import (
    TEXT_ENV,
    XML_ENV,
    XML_ILLEGAL,
    make_environment,
    unsafe_constructs,
)

__all__ = ["LetterTemplate", "TemplateProblem", "make_environment"]

_CORE_PROPS = "docProps/core.xml"
# The core properties docxtpl renders (author, comments, identifier, language, subject, title).
_CORE_FIELDS = (
    "{http://purl.org/dc/elements/1.1/}creator",
    "{http://purl.org/dc/elements/1.1/}description",
    "{http://purl.org/dc/elements/1.1/}identifier",
    "{http://purl.org/dc/elements/1.1/}language",
    "{http://purl.org/dc/elements/1.1/}subject",
    "{http://purl.org/dc/elements/1.1/}title",
)
_XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAX_MEMBER = 64 * 1024 * 1024  # a letter template part larger than this is not a letter


class TemplateProblem(UserError):
    """A letter template is damaged, unsafe, uses unknown names or fails to render."""

    def __init__(self, template: str, problems: list[str] | tuple[str, ...]) -> None:
        self.template = template
        self.problems = tuple(problems)
        super().__init__(f"Letter template '{template}': " + "; ".join(self.problems))


@dataclass
class _XmlPart:
    """One templated XML part: docxtpl-preprocessed source and its compiled template."""

    member: str
    source: str
    body: bool  # the main document: fix_tables / fix_docpr_ids apply
    template: Template | None = None


@dataclass
class _CoreField:
    tag: str
    template: Template


class LetterTemplate:
    """A DOCX letter template compiled once; `render_docx` makes one letter per context."""

    def __init__(self, name: str, data: bytes) -> None:
        # Use LetterTemplate.load or LetterTemplate.from_bytes.
        self.name = name
        self.source_bytes = data
        self._package: PackageWriter | None = None
        self._parts: dict[str, _XmlPart] = {}
        self._core_fields: list[_CoreField] = []
        self._core_root: Any = None
        self._problems: list[str] = []
        self._variables: set[str] = set()
        self._read_package(data)
        self._compile()

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> LetterTemplate:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise TemplateProblem(Path(path).name, [f"cannot be read ({exc.strerror})"]) from exc
        return cls(Path(path).name, data)

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> LetterTemplate:
        return cls(name, data)

    def __reduce__(self) -> tuple[Callable[[str, bytes], LetterTemplate], tuple[str, bytes]]:
        # Compiled Jinja code does not pickle; the bytes do, and recompiling is cheap.
        return (LetterTemplate.from_bytes, (self.name, self.source_bytes))

    def _fail(self, problem: str) -> TemplateProblem:
        return TemplateProblem(self.name, [problem])

    def _read_package(self, data: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise self._fail("not a DOCX file (it is not a ZIP archive)") from exc
        names = {info.filename for info in infos}
        try:
            templated = templated_parts(archive, names)
        except DamagedPackage as exc:
            raise self._fail(str(exc)) from exc
        members: list[tuple[zipfile.ZipInfo, bytes | None]] = []
        for info in infos:
            if info.flag_bits & 0x1:
                raise self._fail(f"not a DOCX file ({info.filename} is encrypted)")
            if info.file_size > _MAX_MEMBER or info.compress_size > _MAX_MEMBER:
                raise self._fail(f"not a letter template ({info.filename} is too large)")
            if info.filename in templated:
                xml = self._xml_text(archive, info.filename)
                self._parts[info.filename] = _XmlPart(
                    info.filename, patch_xml(xml), body=templated[info.filename]
                )
                members.append((info, None))
                continue
            if info.filename == _CORE_PROPS:
                self._read_core_properties(archive)
                if self._core_fields:
                    members.append((info, None))
                    continue
            try:
                members.append((info, read_member(archive, info)))
            except DamagedPackage as exc:
                raise self._fail(str(exc)) from exc
        self._package = PackageWriter(members)

    def _parse_member(self, archive: zipfile.ZipFile, member: str) -> Any:
        try:
            return etree.fromstring(archive.read(member), SAFE_PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, zlib.error) as exc:
            raise self._fail(f"damaged DOCX ({member} is not valid XML)") from exc

    def _xml_text(self, archive: zipfile.ZipFile, member: str) -> str:
        # Same serialisation docxtpl uses (pretty_print must stay off for patch_xml).
        root = self._parse_member(archive, member)
        return str(etree.tostring(root, encoding="unicode", pretty_print=False))

    def _read_core_properties(self, archive: zipfile.ZipFile) -> None:
        root = self._parse_member(archive, _CORE_PROPS)
        for tag in _CORE_FIELDS:
            element = root.find(tag)
            text = element.text if element is not None else None
            if text and ("{{" in text or "{%" in text or "{#" in text):
                compiled = self._compile_source(text, TEXT_ENV, _CORE_PROPS)
                if compiled is not None:
                    self._core_fields.append(_CoreField(tag, compiled))
        if self._core_fields:
            self._core_root = root

    # -- compilation and static checks --------------------------------------------------------

    def _compile(self) -> None:
        for part in self._parts.values():
            # docxtpl puts each paragraph on its own line so Jinja's line numbers mean something.
            part.source = re.sub(r"<w:p([ >])", r"\n<w:p\1", part.source)
            part.template = self._compile_source(part.source, XML_ENV, part.member)

    def _compile_source(
        self, source: str, env: ImmutableSandboxedEnvironment, member: str
    ) -> Template | None:
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            self._problems.append(_describe(exc, source, member, "syntax error"))
            return None
        unsafe = sorted(set(unsafe_constructs(tree)))
        self._problems.extend(f"{problem} (in {_label(member)})" for problem in unsafe)
        try:
            self._variables |= meta.find_undeclared_variables(tree) - set(env.globals)
            if unsafe:
                return None
            return env.from_string(source)
        except TemplateSyntaxError as exc:  # e.g. an unknown filter, found when compiling
            self._problems.append(_describe(exc, source, member, "syntax error"))
            return None

    @property
    def variables(self) -> frozenset[str]:
        """Top-level names the template reads from the context."""
        return frozenset(self._variables)

    def check(self, allowed: Mapping[str, object]) -> None:
        """Raise TemplateProblem listing syntax errors, unsafe constructs and unknown names."""
        problems = list(self._problems)
        unknown = sorted(self._variables - set(allowed))
        problems.extend(f"unknown variable '{name}'" for name in unknown)
        if problems:
            raise TemplateProblem(self.name, problems)

    # -- rendering ----------------------------------------------------------------------------

    def render_docx(self, context: Mapping[str, object]) -> bytes:
        """Render one letter; returns the DOCX bytes. Raises TemplateProblem, never a traceback."""
        if self._problems:
            raise TemplateProblem(self.name, self._problems)
        ctx = dict(context)
        rendered: dict[str, bytes] = {}
        for part in self._parts.values():
            rendered[part.member] = self._render_part(part, ctx)
        if self._core_fields:
            rendered[_CORE_PROPS] = self._render_core(ctx)
        assert self._package is not None  # set by _read_package
        return self._package.write(rendered)

    def _run(self, template: Template, ctx: dict[str, object], member: str, source: str) -> str:
        try:
            return template.render(ctx)
        except TemplateError as exc:
            raise TemplateProblem(self.name, [_describe(exc, source, member, "")]) from exc
        except Exception as exc:  # noqa: BLE001 - any failure inside template code is a template problem
            problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise TemplateProblem(
                self.name, [f"cannot be rendered ({problem}) (in {_label(member)})"]
            ) from exc

    def _render_part(self, part: _XmlPart, ctx: dict[str, object]) -> bytes:
        assert part.template is not None
        xml = self._run(part.template, ctx, part.member, part.source)
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if any(ch in xml for ch in "\t\n\a\f"):
            xml = resolve_listing(xml)
        try:
            root = etree.fromstring(xml.encode("utf-8"), SAFE_PARSER)
        except etree.XMLSyntaxError as exc:
            # With autoescape this means the template's tags break the document structure
            # (or trusted Markup was malformed). docxtpl would silently drop content here.
            raise TemplateProblem(
                self.name, [f"produced a damaged document ({exc}) (in {_label(part.member)})"]
            ) from exc
        if part.body:
            fix_tables(root)
            fix_docpr_ids(root)
        return _XML_DECL + bytes(etree.tostring(root, encoding="UTF-8"))

    def _render_core(self, ctx: dict[str, object]) -> bytes:
        root = copy.deepcopy(self._core_root)  # a copy per letter keeps rendering thread-safe
        for field in self._core_fields:
            value = self._run(field.template, ctx, _CORE_PROPS, "")
            element = root.find(field.tag)
            element.text = XML_ILLEGAL.sub("", value)
        return _XML_DECL + bytes(etree.tostring(root, encoding="UTF-8"))


def _label(member: str) -> str:
    """A reader's name for a DOCX part ("letter body" rather than word/document.xml)."""
    base = posixpath.basename(member)
    if member == _CORE_PROPS:
        return "document properties"
    for word, label in (
        ("header", "page header"),
        ("footer", "page footer"),
        ("footnote", "footnotes"),
    ):
        if base.startswith(word):
            return f"{label} {member}"
    return "letter body"


def _describe(exc: TemplateError, source: str, member: str, kind: str) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    where = f"in {_label(member)}"
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int) and lineno > 0 and source:
        where += f", line {lineno}"
        lines = source.splitlines()
        if lineno <= len(lines):
            snippet = " ".join(re.sub(r"<[^>]+>", "", lines[lineno - 1]).split())
            if snippet:
                where += f' near "{snippet[:60]}"'
    prefix = f"{kind}: " if kind else ""
    return f"{prefix}{message} ({where})"

"""Letter rendering engine: compile a DOCX template once, render many letters quickly and safely.

`LetterTemplate.load(path)` reads the DOCX once, runs docxtpl's own XML preprocessing
(`patch_xml`) once per templated part (main document, headers, footers, footnotes) and compiles
each part once in a Jinja `ImmutableSandboxedEnvironment(autoescape=True,
undefined=StrictUndefined)`. Every other ZIP member is kept as its raw compressed bytes.
`render_docx(context)` renders the compiled parts, checks that each result is well-formed XML,
applies docxtpl's post-processing (line breaks, `fix_tables`, `fix_docpr_ids`) and writes a new
ZIP in memory that copies the untouched members without recompressing them. No python-docx object
model is built per letter. The document text equals what docxtpl's own
`DocxTemplate.render(ctx, jinja_env=ImmutableSandboxedEnvironment(autoescape=True,
undefined=StrictUndefined))` + `save()` produces (tested in tests/test_render.py).

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
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, meta, nodes
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError
from jinja2.runtime import Context
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
    ImmutableSandboxedEnvironment,
)
from lxml import etree
from markupsafe import Markup

from foia_assist.errors import UserError

__all__ = ["LetterTemplate", "TemplateProblem", "make_environment"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PART_RELS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
}
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
_MAX_REPEAT = 1_000_000  # longest string/list a template may build with `*`
_MAX_POW_BITS = 100_000

# Globals Jinja offers by default that a letter never needs and that help attacks or
# denial of service (range(10**9), lipsum(10**6)).
_REMOVED_GLOBALS = ("range", "lipsum", "cycler", "joiner")
_FORBIDDEN_NAMES = frozenset({*_REMOVED_GLOBALS, "self"})
_UNSAFE_ATTRS = frozenset(
    UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | {"mro", "format", "format_map"}
)
# Characters XML 1.0 forbids. \t and \n are kept; \a (new paragraph) and \f (page break) are
# kept because docxtpl's listing post-processing turns them into markup.
_XML_ILLEGAL = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# docxtpl's preprocessing and listing resolution do not use instance state; one inert instance
# lets us call them exactly as docxtpl does.
_DOCXTPL = DocxTemplate(io.BytesIO())


class TemplateProblem(UserError):
    """A letter template is damaged, unsafe, uses unknown names or fails to render."""

    def __init__(self, template: str, problems: list[str] | tuple[str, ...]) -> None:
        self.template = template
        self.problems = tuple(problems)
        super().__init__(f"Letter template '{template}': " + "; ".join(self.problems))


class _LetterEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox plus bounds on `*` and `**`, so a template cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and abs(left).bit_length() * right > _MAX_POW_BITS
        ):
            raise SecurityError("the power is too large for a letter template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(count, int)
                    and len(seq) * count > _MAX_REPEAT
                ):
                    raise SecurityError("the repeated text is too long for a letter template")
        return super().call_binop(context, operator, left, right)


def _finalize(value: Any) -> Any:
    # Applied to every {{ }} value before escaping. Markup (RichText, Listing) is trusted XML.
    if isinstance(value, str) and not isinstance(value, Markup):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _XML_ILLEGAL.sub("", value)
    return value


def make_environment(*, autoescape: bool = True) -> ImmutableSandboxedEnvironment:
    """The Jinja environment letter templates run in (autoescape off only for plain-text fields)."""
    env = _LetterEnvironment(
        autoescape=autoescape, undefined=StrictUndefined, finalize=_finalize, auto_reload=False
    )
    for name in _REMOVED_GLOBALS:
        env.globals.pop(name, None)
    return env


_XML_ENV = make_environment(autoescape=True)
_TEXT_ENV = make_environment(autoescape=False)


@dataclass(frozen=True)
class _RawMember:
    """A ZIP member copied as-is: its local header fields and compressed bytes."""

    name: bytes
    flags: int
    method: int
    dos_time: int
    dos_date: int
    crc: int
    size: int
    raw: bytes


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
        self._members: list[tuple[str, _RawMember]] = []
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
        main = self._main_part_name(archive, names)
        if main not in names:
            raise self._fail(f"not a DOCX file (no {main})")
        templated = {main: True}
        rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        if rels in names:
            for target in self._related_parts(archive, rels, posixpath.dirname(main)):
                if target in names:
                    templated.setdefault(target, False)
        for info in infos:
            if info.flag_bits & 0x1:
                raise self._fail(f"not a DOCX file ({info.filename} is encrypted)")
            if info.file_size > _MAX_MEMBER or info.compress_size > _MAX_MEMBER:
                raise self._fail(f"not a letter template ({info.filename} is too large)")
            if info.filename in templated:
                xml = self._xml_text(archive, info.filename)
                self._parts[info.filename] = _XmlPart(
                    info.filename, _DOCXTPL.patch_xml(xml), body=templated[info.filename]
                )
                self._members.append((info.filename, _raw_member(self.name, data, info)))
            elif info.filename == _CORE_PROPS:
                self._read_core_properties(archive)
                self._members.append((info.filename, _raw_member(self.name, data, info)))
            else:
                self._members.append((info.filename, _raw_member(self.name, data, info)))

    @staticmethod
    def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str:
        if "_rels/.rels" in names:
            try:
                root = etree.fromstring(archive.read("_rels/.rels"), _SAFE_PARSER)
            except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
                return "word/document.xml"
            for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
                if rel.get("Type") == _OFFICE_DOC and rel.get("TargetMode") != "External":
                    return str(rel.get("Target", "")).lstrip("/")
        return "word/document.xml"

    def _related_parts(self, archive: zipfile.ZipFile, rels: str, base: str) -> Iterator[str]:
        try:
            root = etree.fromstring(archive.read(rels), _SAFE_PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
            raise self._fail(f"damaged DOCX ({rels} is not valid XML)") from exc
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") in _PART_RELS and rel.get("TargetMode") != "External":
                target = str(rel.get("Target", ""))
                if target.startswith("/"):
                    yield target.lstrip("/")
                else:
                    yield posixpath.normpath(posixpath.join(base, target))

    def _parse_member(self, archive: zipfile.ZipFile, member: str) -> Any:
        try:
            return etree.fromstring(archive.read(member), _SAFE_PARSER)
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
                compiled = self._compile_source(text, _TEXT_ENV, _CORE_PROPS)
                if compiled is not None:
                    self._core_fields.append(_CoreField(tag, compiled))
        if self._core_fields:
            self._core_root = root

    # -- compilation and static checks --------------------------------------------------------

    def _compile(self) -> None:
        for part in self._parts.values():
            # docxtpl puts each paragraph on its own line so Jinja's line numbers mean something.
            part.source = re.sub(r"<w:p([ >])", r"\n<w:p\1", part.source)
            part.template = self._compile_source(part.source, _XML_ENV, part.member)

    def _compile_source(
        self, source: str, env: ImmutableSandboxedEnvironment, member: str
    ) -> Template | None:
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            self._problems.append(_describe(exc, source, member, "syntax error"))
            return None
        unsafe = sorted(set(_unsafe_constructs(tree)))
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
        return _write_zip(
            _deflated(name, member, rendered[name]) if name in rendered else member
            for name, member in self._members
        )

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
            xml = _resolve_listing(xml)
        try:
            root = etree.fromstring(xml.encode("utf-8"), _SAFE_PARSER)
        except etree.XMLSyntaxError as exc:
            # With autoescape this means the template's tags break the document structure
            # (or trusted Markup was malformed). docxtpl would silently drop content here.
            raise TemplateProblem(
                self.name, [f"produced a damaged document ({exc}) (in {_label(part.member)})"]
            ) from exc
        if part.body:
            _fix_tables(root)
            _fix_docpr_ids(root)
        return _XML_DECL + bytes(etree.tostring(root, encoding="UTF-8"))

    def _render_core(self, ctx: dict[str, object]) -> bytes:
        root = copy.deepcopy(self._core_root)  # a copy per letter keeps rendering thread-safe
        for field in self._core_fields:
            value = self._run(field.template, ctx, _CORE_PROPS, "")
            element = root.find(field.tag)
            element.text = _XML_ILLEGAL.sub("", value)
        return _XML_DECL + bytes(etree.tostring(root, encoding="UTF-8"))


# -- static safety analysis -----------------------------------------------------------------------


def _unsafe_constructs(tree: nodes.Template) -> Iterator[str]:
    for node in tree.find_all(
        (nodes.Getattr, nodes.Getitem, nodes.Name, nodes.Include, nodes.Import, nodes.FromImport)
    ):
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_") or node.attr in _UNSAFE_ATTRS:
                yield f"unsafe attribute '{node.attr}'"
        elif isinstance(node, nodes.Getitem):
            arg = node.arg
            if (
                isinstance(arg, nodes.Const)
                and isinstance(arg.value, str)
                and (arg.value.startswith("_") or arg.value in _UNSAFE_ATTRS)
            ):
                yield f"unsafe attribute '{arg.value}'"
        elif isinstance(node, nodes.Name):
            if node.ctx == "load" and node.name in _FORBIDDEN_NAMES:
                yield f"'{node.name}' is not allowed in letter templates"
        else:
            yield f"'{type(node).__name__.lower()}' is not allowed in letter templates"
    for _ in tree.find_all(nodes.Extends):
        yield "'extends' is not allowed in letter templates"
    for call in tree.find_all(nodes.Filter):
        if call.name == "attr":
            # |attr('__class__') is refused by the sandbox at render time; flag it early too.
            for arg in call.args:
                if isinstance(arg, nodes.Const) and str(arg.value).startswith("_"):
                    yield f"unsafe attribute '{arg.value}'"


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


# -- docxtpl post-processing, ported to work on our tree ------------------------------------------


def _resolve_listing(xml: str) -> str:
    # docxtpl's resolve_listing, run only on paragraphs that contain \t \n \a or \f
    # (identical output; most paragraphs are skipped cheaply).
    def paragraph(m: re.Match[str]) -> str:
        text = m.group(0)
        if not any(ch in text for ch in "\t\n\a\f"):
            return text
        return str(_DOCXTPL.resolve_listing(text))

    return re.sub(r"<w:p(?: [^>]*)?>.*?</w:p>", paragraph, xml, flags=re.DOTALL)


def _fix_tables(root: Any) -> None:
    """docxtpl's fix_tables: keep w:tblGrid consistent when {%tc %} loops change cell counts."""
    for table in root.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(_W + "gridCol")
        to_add = 0
        for row in table.iter(_W + "tr"):
            cells = row.findall(_W + "tc")
            if len(columns) + to_add < len(cells):
                to_add = len(cells) - len(columns)
        if to_add > 0:
            width = sum(float(c.get(_W + "w")) for c in columns if c.get(_W + "w") is not None)
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                for c in columns:
                    c.set(_W + "w", str(int(float(c.get(_W + "w")) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, _W + "gridCol", {_W + "w": str(int(new_average))})
        columns = grid.findall(_W + "gridCol")
        widest = 0
        for row in table.iter(_W + "tr"):
            span = 0
            for cell in row.findall(_W + "tc"):
                props = cell.find(_W + "tcPr")
                grid_span = None if props is None else props.find(_W + "gridSpan")
                span += int(grid_span.get(_W + "val")) if grid_span is not None else 1
            widest = max(widest, span)
        to_remove = len(columns) - widest
        if to_remove > 0:
            removed = 0.0
            for c in columns[-to_remove:]:
                removed += float(c.get(_W + "w"))
                grid.remove(c)
            left = grid.findall(_W + "gridCol")
            extra = int(removed / len(left)) if left else 0
            for c in left:
                c.set(_W + "w", str(int(float(c.get(_W + "w")) + extra)))


def _fix_docpr_ids(root: Any) -> None:
    """docxtpl's fix_docpr_ids: loops copy drawings, so renumber their ids (from 1001)."""
    for number, element in enumerate(root.iter(f"{{{_WP_NS}}}docPr"), start=1001):
        element.attrib["id"] = str(number)


# -- ZIP writing without recompressing untouched members ------------------------------------------

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def _raw_member(template: str, data: bytes, info: zipfile.ZipInfo) -> _RawMember:
    try:
        header = _LOCAL.unpack_from(data, info.header_offset)
    except struct.error:
        header = (0,)
    if header[0] != 0x04034B50:
        raise TemplateProblem(template, [f"damaged DOCX (bad ZIP entry {info.filename})"])
    start = info.header_offset + _LOCAL.size + header[9] + header[10]
    raw = data[start : start + info.compress_size]
    year, month, day, hour, minute, second = info.date_time
    if year < 1980:
        year, month, day, hour, minute, second = 1980, 1, 1, 0, 0, 0
    return _RawMember(
        name=info.filename.encode("utf-8"),
        flags=0x800 if not info.filename.isascii() else 0,
        method=info.compress_type,
        dos_time=(hour << 11) | (minute << 5) | (second // 2),
        dos_date=((year - 1980) << 9) | (month << 5) | day,
        crc=info.CRC,
        size=info.file_size,
        raw=raw,
    )


def _deflated(name: str, like: _RawMember, data: bytes) -> _RawMember:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packer.compress(data) + packer.flush()
    return _RawMember(
        like.name, like.flags, zipfile.ZIP_DEFLATED, like.dos_time, like.dos_date,
        zlib.crc32(data), len(data), raw,
    )  # fmt: skip


def _write_zip(members: Iterator[_RawMember] | Any) -> bytes:
    out = io.BytesIO()
    central: list[bytes] = []
    for m in members:
        offset = out.tell()
        out.write(
            _LOCAL.pack(
                0x04034B50,
                20,
                m.flags,
                m.method,
                m.dos_time,
                m.dos_date,
                m.crc,
                len(m.raw),
                m.size,
                len(m.name),
                0,
            )  # fmt: skip
        )
        out.write(m.name)
        out.write(m.raw)
        central.append(
            _CENTRAL.pack(
                0x02014B50,
                20,
                20,
                m.flags,
                m.method,
                m.dos_time,
                m.dos_date,
                m.crc,
                len(m.raw),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + m.name
        )
    directory = b"".join(central)
    start = out.tell()
    out.write(directory)
    out.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()

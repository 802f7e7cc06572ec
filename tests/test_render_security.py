"""Letter templates escape values and cannot reach Python internals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from foia_assist.errors import UserError
from foia_assist.services.letters.render import LetterTemplate, TemplateProblem


def one_paragraph_template(tmp_path: Path, text: str, name: str = "t.docx") -> Path:
    d = docx.Document()
    d.add_paragraph("Before")
    d.add_paragraph(text)
    d.add_paragraph("After")
    path = tmp_path / name
    d.save(path)
    return path


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize(
    "value",
    [
        "AT&T <Doe>",
        "\"quotes\" 'apos'",
        "<b>not bold</b> </w:t></w:r></w:p><w:p>",
        "]]> <!-- --> &amp; &#x41;",
        "{{ 7*7 }} {% if true %}x{% endif %}",
        "Ümlaut – “curly” € 😀",
    ],
)
def test_values_come_out_intact(tmp_path: Path, value: str) -> None:
    path = one_paragraph_template(tmp_path, "Name: {{ name }}")
    data = LetterTemplate.load(path).render_docx({"name": value})
    assert paragraphs(data) == ["Before", f"Name: {value}", "After"]


def test_value_in_attribute_position_is_escaped(tmp_path: Path) -> None:
    # A value that lands inside an XML attribute cannot break out of it.
    path = one_paragraph_template(tmp_path, "x")
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:p>", b'<w:p w:rsidR="{{ rsid }}">', 1
    )
    crafted = tmp_path / "attr.docx"
    with zipfile.ZipFile(crafted, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    data = LetterTemplate.load(crafted).render_docx({"rsid": '"/><w:p evil="1'})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    assert b"evil=" not in etree.tostring(root).replace(b"evil=&quot;", b"")
    assert paragraphs(data)[:3] == ["Before", "x", "After"]


def test_control_characters_do_not_damage_the_document(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "Note: {{ note }}")
    data = LetterTemplate.load(path).render_docx({"note": "a\x00b\x1bc\ufffed"})
    assert paragraphs(data) == ["Before", "Note: abcd", "After"]


ATTACKS = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__()|length }}",
    "globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "self": "{{ self }}",
    "self_module": "{{ self._TemplateReference__context }}",
    "lipsum": "{{ lipsum.__globals__ }}",
    "lipsum_call": "{{ lipsum(100000) }}",
    "range": "{% for i in range(10**9) %}x{% endfor %}",
    "joiner": "{{ joiner.__init__ }}",
    "getitem": "{{ name['__class__'] }}",
    "attr_filter": "{{ name|attr('__class__') }}",
    "func_globals": "{{ name.upper.__self__ }}",
    "format": "{{ '{0.__class__}'.format(name) }}",
    "include": "{% include 'secret.txt' %}",
    "import": "{% import 'os' as os %}",
    "extends": "{% extends 'base.xml' %}",
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attacks_are_refused_at_render_and_by_check(tmp_path: Path, attack: str) -> None:
    path = one_paragraph_template(tmp_path, ATTACKS[attack], name=f"{attack}.docx")
    tpl = LetterTemplate.load(path)
    with pytest.raises(TemplateProblem) as rendered:
        tpl.render_docx({"name": "x"})
    with pytest.raises(TemplateProblem) as checked:
        tpl.check({"name": "x"})
    for info in (rendered, checked):
        assert isinstance(info.value, UserError)
        assert f"'{attack}.docx'" in str(info.value)
        assert "\n" not in str(info.value)
        assert "uid=" not in str(info.value)


def test_runtime_sandbox_catches_what_static_checks_cannot_see(tmp_path: Path) -> None:
    # The attribute name is computed, so only the sandbox sees it.
    path = one_paragraph_template(tmp_path, "{{ name|attr('__cla' ~ 'ss__') }}")
    tpl = LetterTemplate.load(path)
    with pytest.raises(TemplateProblem, match=r"t\.docx.*unsafe"):
        tpl.render_docx({"name": "x"})


def test_mutating_context_objects_is_refused(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "{{ items.append(4) }}{{ items|length }}")
    items = [1, 2, 3]
    with pytest.raises(TemplateProblem, match="unsafe"):
        LetterTemplate.load(path).render_docx({"items": items})
    assert items == [1, 2, 3]


@pytest.mark.parametrize(
    "expression",
    ["{{ 'x' * 100000000 }}", "{{ 10 ** 1000000 }}", "{{ [1] * 10**8 }}"],
)
def test_resource_bombs_are_refused(tmp_path: Path, expression: str) -> None:
    path = one_paragraph_template(tmp_path, expression)
    with pytest.raises(TemplateProblem, match="too l"):
        LetterTemplate.load(path).render_docx({})


def test_small_arithmetic_still_works(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "{{ 2 ** 10 }} {{ '-' * 3 }} {{ n * 2 }}")
    assert paragraphs(LetterTemplate.load(path).render_docx({"n": 21}))[1] == "1024 --- 42"


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "Dear {{ name }", name="broken.docx")
    tpl = LetterTemplate.load(path)  # loading a broken template works; check and render report
    with pytest.raises(TemplateProblem) as info:
        tpl.check({"name": "x"})
    message = str(info.value)
    assert "'broken.docx'" in message and "syntax error" in message
    assert "line 3" in message and 'near "Dear {{ name }' in message
    with pytest.raises(TemplateProblem, match="broken.docx"):
        tpl.render_docx({"name": "x"})


def test_unknown_filter_is_reported(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "{{ name|shout }}")
    with pytest.raises(TemplateProblem, match="No filter named 'shout'"):
        LetterTemplate.load(path).check({"name": "x"})


def test_runtime_errors_become_template_problems(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "{{ 1 / n }}")
    with pytest.raises(TemplateProblem, match="ZeroDivisionError"):
        LetterTemplate.load(path).render_docx({"n": 0})


def test_check_reports_every_problem_at_once(tmp_path: Path) -> None:
    path = one_paragraph_template(tmp_path, "{{ a.__class__ }} {{ b }} {{ range(3) }}")
    with pytest.raises(TemplateProblem) as info:
        LetterTemplate.load(path).check({"a": 1})
    problems = info.value.problems
    assert any("'__class__'" in p for p in problems)
    assert any("'range' is not allowed" in p for p in problems)
    assert "unknown variable 'b'" in problems

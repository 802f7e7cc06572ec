"""The sandbox letter templates run in, and the static check that refuses unsafe templates.

Templates cannot reach Python internals: the sandbox refuses `_`-prefixed and other unsafe
attributes and mutating methods; `range`, `lipsum`, `cycler`, `joiner`, `self`, `include`,
`import` and `extends` are refused; `*` and `**` are bounded. Values are finalized before
escaping: `\\r\\n` counts as one newline and characters XML forbids are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
    ImmutableSandboxedEnvironment,
)
from markupsafe import Markup

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
XML_ILLEGAL = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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
        return XML_ILLEGAL.sub("", value)
    return value


def make_environment(*, autoescape: bool = True) -> ImmutableSandboxedEnvironment:
    """The Jinja environment letter templates run in (autoescape off only for plain-text fields)."""
    env = _LetterEnvironment(
        autoescape=autoescape, undefined=StrictUndefined, finalize=_finalize, auto_reload=False
    )
    for name in _REMOVED_GLOBALS:
        env.globals.pop(name, None)
    return env


XML_ENV = make_environment(autoescape=True)
TEXT_ENV = make_environment(autoescape=False)


def unsafe_constructs(tree: nodes.Template) -> Iterator[str]:
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

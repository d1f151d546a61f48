"""`when:` skip logic and computed `default:` values, as sandboxed Jinja over earlier answers.

Questionnaires may come from third parties, so expressions run in Jinja's immutable sandbox with
a chainable undefined: an unanswered question reads as empty instead of failing the interview.

The usual conditions (`origin != 'documentaire'`, `perimeter_type in ['commune', …]`, joined by
`and`, `or`, `not`) mean the same in Jinja and in Python: they are read by a small evaluator
that needs no Jinja at all (importing and compiling Jinja is most of a `set`'s start-up).
Anything else — a filter, a test, an attribute, a call — goes to Jinja, as before.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

_Check = Callable[[Mapping[str, Any]], bool]


@cache
def _env() -> Any:
    from jinja2 import ChainableUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=ChainableUndefined, autoescape=False)


def is_template(value: str) -> bool:
    return "{{" in value or "{%" in value


def syntax_error(source: str, expression: bool) -> str | None:
    """A one-line description of a syntax error in `source`, or None."""
    from jinja2 import TemplateSyntaxError

    try:
        if expression:
            _compiled_expression(source)
        else:
            _compiled_template(source)
    except TemplateSyntaxError as exc:
        return f"{exc.message} (in {source!r})"
    return None


@cache
def _compiled_expression(source: str) -> Any:
    return _env().compile_expression(source, undefined_to_none=True)


@cache
def _compiled_template(source: str) -> Any:
    return _env().from_string(source)


def is_shown(when: str | None, context: Mapping[str, Any]) -> bool:
    """Whether a question applies; a broken condition shows the question rather than hide it."""
    return not when or _evaluated(when, context, broken=True)


def holds(when: str, context: Mapping[str, Any]) -> bool:
    """Whether a condition holds; a broken one does not (other words are only used when sure)."""
    return _evaluated(when, context, broken=False)


def _evaluated(when: str, context: Mapping[str, Any], broken: bool) -> bool:
    """The condition's truth: by the small evaluator when it reads it, else by Jinja; `broken`
    when Jinja cannot evaluate it either."""
    simple = _simple(when)
    if simple is not None:
        with contextlib.suppress(_AskJinja):
            return simple(context)
    from jinja2.exceptions import SecurityError, TemplateError

    try:
        return bool(_compiled_expression(when)(**context))
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, LookupError):
        return broken


def computed_default(default: Any, context: Mapping[str, Any]) -> Any:
    """A literal default as is; a template default rendered over the answers ("" when it fails)."""
    if not isinstance(default, str) or not is_template(default):
        return default
    lookup = _lookup(default)
    if lookup is not None:
        return lookup(context)
    from jinja2.exceptions import SecurityError, TemplateError

    try:
        return _compiled_template(default).render(**context).strip()
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, LookupError):
        return ""


# --- the usual conditions, without Jinja ----------------------------------------------------------

_MISSING = (
    object()
)  # an unanswered question: equal to nothing, in nothing, false (Jinja's undefined)
_JINJA_WORDS = frozenset({"true", "false", "none", "True", "False", "None", "loop"})
_DICT_WORDS = frozenset(dir(dict))  # `item.keys` is the method in Jinja, not the field


class _AskJinja(Exception):
    """A value the evaluator leaves to Jinja (`item.rate` of an item that is no mapping)."""


_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


@cache
def _simple(when: str) -> _Check | None:
    """`when` as a plain function when it is a usual condition, else None (Jinja reads it)."""
    try:
        tree = ast.parse(when.strip(), mode="eval")
    except (SyntaxError, ValueError):
        return None
    return _node(tree.body)


def _node(node: ast.expr) -> _Check | None:
    if isinstance(node, ast.BoolOp):
        parts = [_node(value) for value in node.values]
        if any(part is None for part in parts):
            return None
        checks = [part for part in parts if part is not None]
        if isinstance(node.op, ast.And):
            return lambda context: all(check(context) for check in checks)
        return lambda context: any(check(context) for check in checks)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _node(node.operand)
        return None if inner is None else (lambda context: not inner(context))
    if isinstance(node, ast.Name | ast.Attribute):
        read = _operand(node)
        return None if read is None else (lambda context: _truth(read(context)))
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        compare = _COMPARE.get(type(node.ops[0]))
        left, right = _operand(node.left), _literal(node.comparators[0])
        if compare is None or left is None or right is None:
            return None
        if isinstance(node.ops[0], ast.In | ast.NotIn) and isinstance(right, str | int | float):
            return None  # a number, or a word searched in a text: Jinja's business
        return lambda context: compare(left(context), right)
    return None


def _operand(node: ast.expr) -> Callable[[Mapping[str, Any]], Any] | None:
    if isinstance(node, ast.Name) and node.id not in _JINJA_WORDS and not node.id.startswith("_"):
        name = node.id
        return lambda context: context.get(name, _MISSING)
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "item"
        and node.attr not in _DICT_WORDS
        and not node.attr.startswith("_")
    ):
        field = node.attr
        return lambda context: _field(context.get("item", _MISSING), field)
    value = _literal(node)
    if value is None:
        return None
    return lambda context: value


def _field(item: Any, field: str) -> Any:
    """`item.FIELD` as Jinja reads it from a mapping (missing: undefined)."""
    if item is _MISSING or item is None:
        return _MISSING if item is _MISSING else _ask_jinja()
    if isinstance(item, Mapping):
        return item.get(field, _MISSING)
    return _ask_jinja()


def _ask_jinja() -> Any:
    raise _AskJinja


def _literal(node: ast.expr) -> Any:
    """A string or number, or a list or tuple of them; None for anything else."""
    if isinstance(node, ast.Constant) and type(node.value) in (str, int, float):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        items = [_literal(item) for item in node.elts]
        if any(item is None for item in items):
            return None
        return items if isinstance(node, ast.List) else tuple(items)
    return None


_ONE_EXPRESSION = re.compile(r"\{\{(.*)\}\}", re.S)


@cache
def _lookup(template: str) -> Callable[[Mapping[str, Any]], str] | None:
    """A default that only looks a value up in a table written out, `{{ {'a': 'x', …}.get(item.
    source, '') }}`, as a plain function (the table of the funding families); else None."""
    match = _ONE_EXPRESSION.fullmatch(template.strip())
    if match is None or is_template(match[1]):
        return None
    try:
        call = ast.parse(match[1].strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "get"
        and isinstance(call.func.value, ast.Dict)
        and not call.keywords
        and len(call.args) == 2
    ):
        return None
    keys = [_literal(key) if key is not None else None for key in call.func.value.keys]
    values = [_literal(value) for value in call.func.value.values]
    read, fallback = _operand(call.args[0]), _literal(call.args[1])
    if None in keys or None in values or read is None or not isinstance(fallback, str):
        return None
    if any(isinstance(key, list | tuple) for key in keys):
        return None
    table = dict(zip(keys, values, strict=True))

    def looked_up(context: Mapping[str, Any]) -> str:
        try:
            value = read(context)
        except _AskJinja:
            value = _MISSING
        try:
            found = table.get(value, fallback) if value is not _MISSING else fallback
        except TypeError:  # an unhashable value: Jinja fails, and the default is ""
            return ""
        return str(found).strip()

    return looked_up


def _truth(value: Any) -> bool:
    return value is not _MISSING and bool(value)

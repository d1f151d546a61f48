"""`when:` skip logic and computed `default:` values, as sandboxed Jinja over earlier answers.

Questionnaires may come from third parties, so expressions run in Jinja's immutable sandbox with
a chainable undefined: an unanswered question reads as empty instead of failing the interview.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment


@cache
def _env() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=ChainableUndefined, autoescape=False)


def is_template(value: str) -> bool:
    return "{{" in value or "{%" in value


def syntax_error(source: str, expression: bool) -> str | None:
    """A one-line description of a syntax error in `source`, or None."""
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
    if not when:
        return True
    try:
        return bool(_compiled_expression(when)(**context))
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, LookupError):
        return True


def holds(when: str, context: Mapping[str, Any]) -> bool:
    """Whether a condition holds; a broken one does not (other words are only used when sure)."""
    try:
        return bool(_compiled_expression(when)(**context))
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, LookupError):
        return False


def computed_default(default: Any, context: Mapping[str, Any]) -> Any:
    """A literal default as is; a template default rendered over the answers ("" when it fails)."""
    if not isinstance(default, str) or not is_template(default):
        return default
    try:
        return _compiled_template(default).render(**context).strip()
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError, LookupError):
        return ""

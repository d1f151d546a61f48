"""`when:` conditions: the usual ones are read without Jinja, and mean exactly what Jinja says."""

from __future__ import annotations

import itertools
import subprocess
import sys
from typing import Any

import pytest

from coconstruct.model import conditions
from coconstruct.model.questionnaire import load

USUAL = [
    "origin in ['documentaire', 'mixte']",
    "perimeter_type != 'commune'",
    "origin == 'atelier' and not late",
    "a or b",
    "not a",
    "n == 3",
    "n in [1, 2.5]",
    "origin not in ('documentaire',)",
    "a and b or not c",
    "tags in [['a']]",
    "item.rate",
    "item.source == 'mecenat' or item.kind != 'x'",
]
VALUES: list[Any] = [None, "documentaire", "atelier", "commune", "", 0, 1, 3, 2.5, ["a"], True]


def contexts() -> list[dict[str, Any]]:
    names = ("origin", "perimeter_type", "late", "a", "b", "c", "n", "tags", "item")
    found: list[dict[str, Any]] = [{}]
    found += [{name: value} for name in names for value in VALUES]
    found += [
        {"a": a, "b": b, "c": c}
        for a, b, c in itertools.product(VALUES[:5], VALUES[:5], VALUES[:3])
    ]
    found += [{"item": {"rate": value, "source": value}} for value in VALUES]
    return found


def jinja_says(when: str, context: dict[str, Any]) -> bool:
    """What Jinja alone decides (a condition that fails shows its question)."""
    try:
        return bool(conditions._compiled_expression(when)(**context))
    except TypeError:
        return True


@pytest.mark.parametrize("when", USUAL)
def test_usual_conditions_agree_with_jinja(when: str) -> None:
    assert conditions._simple(when) is not None, f"{when} should be read without Jinja"
    for context in contexts():
        assert conditions.is_shown(when, context) is jinja_says(when, context), (when, context)


@pytest.mark.parametrize(
    "when",
    [
        "x is defined",
        "x | length > 2",
        "'a' ~ b == 'ab'",
        "x.y == 1",
        "item.keys",
        "true",
        "x in 'abc'",
        "x > 2",
    ],
)
def test_other_conditions_go_to_jinja(when: str) -> None:
    assert conditions._simple(when) is None
    context = {"x": "abcd", "b": "b"}
    assert conditions.is_shown(when, context) is jinja_says(when, context)


def test_every_condition_of_the_builtin_questionnaire_is_read_without_jinja() -> None:
    whens = {
        question.when
        for top in load("territoire").questions()
        for question in [top, *(top.fields or [])]
        if question.when
    }
    assert whens
    assert [when for when in whens if conditions._simple(when) is None] == []


def test_checking_conditions_does_not_import_jinja() -> None:
    code = (
        "import sys\n"
        "from coconstruct.model import conditions\n"
        "assert conditions.is_shown(\"origin != 'documentaire'\", {'origin': 'atelier'})\n"
        "print('jinja2' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


FAMILY = "{{ {'subventions': 'public', 'mecenat': 'prive', 3: 'trois'}.get(item.source, '') }}"


@pytest.mark.parametrize(
    "item",
    [
        {"source": "subventions"},
        {"source": "mecenat"},
        {"source": "autre"},
        {"source": 3},
        {},
        {"source": None},
        {"source": ["a"]},
        {"source": ""},
    ],
)
def test_a_default_looked_up_in_a_table_is_computed_as_jinja_computes_it(
    item: dict[str, Any],
) -> None:
    assert conditions._lookup(FAMILY) is not None
    jinja = conditions._compiled_template(FAMILY)
    try:
        expected = jinja.render(item=item).strip()
    except TypeError:
        expected = ""
    assert conditions.computed_default(FAMILY, {"item": item}) == expected


def test_the_builtin_funding_family_is_computed_without_jinja() -> None:
    family = load("territoire").question("funding").field("family")  # type: ignore[union-attr]
    assert conditions._lookup(family.default) is not None
    other = "{% if volunteering_hours %}{{ (volunteering_hours * 12) | round | int }}{% endif %}"
    assert conditions._lookup(other) is None

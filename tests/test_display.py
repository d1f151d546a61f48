"""One answer as a room reads it (coconstruct/model/display.py), the same on the review screen, in
`show` and in `set`'s summary: numbers grouped the French way, estimates said as such."""

from __future__ import annotations

import pytest

from coconstruct.model import display
from coconstruct.model.questionnaire import load

NBSP, NNBSP = "\u00a0", "\u202f"
TERRITOIRE = load("territoire")
POPULATION = TERRITOIRE.question("population")
AMOUNT = TERRITOIRE.question("funding").field("amount")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (8499, f"8{NNBSP}499{NBSP}habitants"),
        (1200.5, f"1{NNBSP}200,5{NBSP}habitants"),
        ("~8499", f"≈{NBSP}8{NNBSP}499{NBSP}habitants"),
        (">=700000", f"au moins 700{NNBSP}000{NBSP}habitants"),
    ],
)
def test_a_count_is_grouped_with_its_unit_and_an_estimate_said_as_one(
    value: object, shown: str
) -> None:
    assert display.answer(POPULATION, value, "fr") == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (640000, f"640{NNBSP}000{NBSP}€"),
        ("~200000", f"≈{NBSP}200{NNBSP}000{NBSP}€"),
        ("15000-20000", f"15{NNBSP}000{NBSP}€ à 20{NNBSP}000{NBSP}€"),
        ("unknown", "montant non connu"),
    ],
)
def test_an_amount_is_said_as_sure_as_it_is(value: object, shown: str) -> None:
    assert display.answer(AMOUNT, value, "fr") == shown


def test_a_value_that_is_no_number_is_shown_as_written() -> None:
    assert display.answer(POPULATION, "beaucoup", "fr") == "beaucoup"

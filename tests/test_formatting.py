"""Figures as a reader of the roadmap counts them: one rule for every number the tool prints."""

from __future__ import annotations

import pytest

from coconstruct.model.formatting import formatter


@pytest.mark.parametrize(
    ("lang", "share", "shown"),
    [
        ("fr", 1 / 8, "13\u202f%"),  # 1 dot of 8: 12,5 % is 13 %, as 3 of 8 (37,5 %) is 38 %
        ("fr", 3 / 8, "38\u202f%"),
        ("en", 1 / 8, "13%"),
        ("fr", 0.285, "29\u202f%"),
    ],
)
def test_halves_round_up_in_shares(lang: str, share: float, shown: str) -> None:
    assert formatter(lang).percent(share).replace("\xa0", "\u202f") == shown


def test_halves_round_up_in_numbers_and_money() -> None:
    fr = formatter("fr")
    assert [fr.number(2.5), fr.number(3.5), fr.number(6.25, 1)] == ["3", "4", "6,3"]
    assert fr.money(1200.125) == "1\u202f200,13\u00a0€"  # to the cent, half up
    assert fr.money(1200.001) == "1\u202f200\u00a0€"  # nothing left at the cent: whole euros


def test_money_typed_to_the_cent_keeps_its_cents_at_any_size() -> None:
    fr, en = formatter("fr"), formatter("en")
    assert fr.money(12500.5) == "12\u202f500,50\u00a0€"
    assert en.money(12500.5) == "€12,500.50"
    assert fr.money(12500) == "12\u202f500\u00a0€"
    assert fr.compact_money(12500.5) == "13\u00a0k€"  # a key figure is an order of magnitude


def test_a_unit_is_said_once_and_agrees_with_the_figure() -> None:
    fr, en = formatter("fr"), formatter("en")
    hours = {"money": False, "unit": "heures par an", "unit_one": "heure par an"}
    assert fr.amount("1500-2000", **hours) == "1\u202f500 à 2\u202f000\u00a0heures par an"
    people = {"money": False, "unit": "personnes", "unit_one": "personne"}
    assert [fr.amount(n, **people) for n in (0, 1, 2)] == [
        "0\u00a0personne",
        "1\u00a0personne",
        "2\u00a0personnes",
    ]
    assert fr.amount(">=1", **people) == "au moins 1\u00a0personne"
    people_en = {"money": False, "unit": "people", "unit_one": "person"}
    assert [en.amount(n, **people_en) for n in (0, 1, 2)] == [
        "0\u00a0people",
        "1\u00a0person",
        "2\u00a0people",
    ]


def test_an_approximate_date_is_said_as_the_roadmap_says_it() -> None:
    from coconstruct.model.display import answer
    from coconstruct.model.questionnaire import load

    q = load("territoire")
    year = q.question("population_year")
    assert year is not None
    assert answer(year, "2021-10", "fr") == "octobre 2021"
    assert answer(year, "2026-11-19", "fr") == "19 novembre 2026"
    assert answer(year, 2021, "fr") == "2021"

"""Dates and amounts as real data gives them: a year, a month, an estimate, a floor, unknown."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coconstruct.model.amounts import Amount, AmountError
from coconstruct.model.dates import ApproxDate, DateError
from coconstruct.model.formatting import Formatter


@pytest.mark.parametrize(
    ("typed", "stored", "said_fr", "said_en"),
    [
        ("2014", 2014, "2014", "2014"),
        ("10/2016", "2016-10", "oct. 2016", "Oct 2016"),
        ("2016-10", "2016-10", "oct. 2016", "Oct 2016"),
        ("oct. 2016", "2016-10", "oct. 2016", "Oct 2016"),
        ("octobre 2016", "2016-10", "oct. 2016", "Oct 2016"),
        ("T2 2025", "2025-Q2", "T2\u00a02025", "Q2\u00a02025"),
        ("Q2 2025", "2025-Q2", "T2\u00a02025", "Q2\u00a02025"),
        ("15/03/2027", "2027-03-15", "15 mars 2027", "Mar 15, 2027"),
        ("2027-03-15", "2027-03-15", "15 mars 2027", "Mar 15, 2027"),
    ],
)
def test_a_date_is_kept_and_shown_as_said(
    typed: str, stored: object, said_fr: str, said_en: str
) -> None:
    date = ApproxDate.parse(typed, "fr")
    assert date.stored() == stored
    assert ApproxDate.from_stored(stored) == date
    assert date.said("fr") == said_fr and date.said("en") == said_en


@pytest.mark.parametrize("typed", ["31/02/2020", "13/2020", "2", "demain", "T5 2020", "1750"])
def test_what_is_no_date_is_refused_in_the_users_language(typed: str) -> None:
    with pytest.raises(DateError, match=r"n'est pas une date|is not a date"):
        ApproxDate.parse(typed, "fr")


def test_approximate_dates_compare_by_the_days_they_cover() -> None:
    year, month, day = ApproxDate(2016), ApproxDate(2016, 10), ApproxDate(2017, 3, 1)
    assert year < month < day
    assert year.start == dt.date(2016, 1, 1) and year.end == dt.date(2016, 12, 31)
    assert not year.surely_before(month)  # 2016 and October 2016 overlap: no conflict
    assert month.surely_before(day)


@pytest.mark.parametrize(
    ("typed", "kind", "stored", "said"),
    [
        ("1 200,50", "exact", 1200.5, "1\u202f200,50\u00a0€"),  # typed to the cent: shown so
        ("~200 000", "estimate", "~200000", "≈\u00a0200\u202f000\u00a0€"),
        ("environ 200 000 €", "estimate", "~200000", "≈\u00a0200\u202f000\u00a0€"),
        ("plus de 700 000", "floor", ">=700000", "au moins 700\u202f000\u00a0€"),
        ("> 700 000", "floor", ">=700000", "au moins 700\u202f000\u00a0€"),
        ("15–20 k€", "range", "15000-20000", "15\u202f000\u00a0€ à 20\u202f000\u00a0€"),
        (
            "entre 15 000 et 20 000",
            "range",
            "15000-20000",
            "15\u202f000\u00a0€ à 20\u202f000\u00a0€",
        ),
        ("inconnu", "unknown", "unknown", "montant non connu"),
        ("?", "unknown", "unknown", "montant non connu"),
    ],
)
def test_an_amount_is_kept_and_shown_as_said(
    typed: str, kind: str, stored: object, said: str
) -> None:
    amount = Amount.parse(typed, "fr", money=True)
    assert amount.kind == kind and amount.stored() == stored
    assert Amount.from_stored(stored) == amount
    assert Formatter("fr").amount(stored) == said


def test_an_unknown_amount_gives_no_figure_and_a_floor_no_top() -> None:
    assert Amount.parse("inconnu", "fr").central is None
    floor = Amount.parse("plus de 700 000", "fr")
    assert floor.low == 700_000 and floor.high is None and not floor.known


@pytest.mark.parametrize("typed", ["abc", "12 %", "18 000 € par emploi"])
def test_what_is_no_amount_is_refused(typed: str) -> None:
    with pytest.raises(AmountError):
        Amount.parse(typed, "fr")


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["exact", "estimate", "floor"]))
def test_every_stored_amount_reads_back(number: int, kind: str) -> None:
    amount = Amount(kind, float(number), None if kind == "floor" else float(number))
    assert Amount.from_stored(amount.stored()) == amount


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.sampled_from(["year", "month", "quarter", "day"]),
)
def test_every_stored_date_reads_back(day: dt.date, precision: str) -> None:
    date = {
        "year": ApproxDate(day.year),
        "month": ApproxDate(day.year, day.month),
        "quarter": ApproxDate(day.year, quarter=(day.month - 1) // 3 + 1),
        "day": ApproxDate(day.year, day.month, day.day),
    }[precision]
    assert ApproxDate.from_stored(date.stored()) == date
    assert ApproxDate.parse(date.typed("fr"), "fr") == date
    assert ApproxDate.parse(date.typed("en"), "en") == date

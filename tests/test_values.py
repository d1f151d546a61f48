from __future__ import annotations

import re

import pytest

from coconstruct.model import questionnaire as qmod
from coconstruct.model import values
from coconstruct.model.values import InvalidValue

Q = qmod.load("territoire")


def question(qid: str, field: str | None = None) -> qmod.Question:
    found = Q.question(qid)
    assert found is not None
    if field:
        found = found.field(field)
        assert found is not None
    return found


@pytest.mark.parametrize(
    ("raw", "lang", "expected"),
    [
        ("1 200,50", "fr", 1200.5),
        ("1\u202f200", "fr", 1200),
        ("450 000 €", "fr", 450000),
        ("1,200.50", "en", 1200.5),
        ("1 200", "en", 1200),
        ("0,5", "fr", 0.5),
        # the other language's way, or a spreadsheet's: never a figure a hundred times off
        ("1,5", "en", 1.5),
        ("12 500,50", "en", 12500.5),
        ("12500,50", "en", 12500.5),
        ("12.500,50", "en", 12500.5),
        ("12,500.50", "fr", 12500.5),
        ("1,250,000", "fr", 1250000),
        ("1.250.000", "fr", 1250000),
        ("12,500", "en", 12500),
        ("12,500", "fr", 12.5),
        ("0.500", "fr", 0.5),
        ("−3,5", "fr", -3.5),
        ("1234,567", "en", 1234.57),  # no grouping before it: a decimal comma (to the cent)
        ("1234.567", "fr", 1234.57),
    ],
)
def test_numbers_typed_the_french_or_english_way(raw: str, lang: str, expected: float) -> None:
    assert values.parse(question("in_kind_value"), raw, lang) == expected


@pytest.mark.parametrize("raw", ["1,25,000", "12..5", "1.2,3.4", "12,50,0", "10 20", "1 50"])
def test_numbers_whose_marks_make_no_sense_are_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="is not a number"):
        values.parse(question("population"), raw, "en")


def test_a_number_that_reads_two_ways_is_asked_again_not_guessed() -> None:
    """`12.500` in French: twelve thousand five hundred, or twelve and a half."""
    with pytest.raises(InvalidValue) as refused:
        values.parse(question("in_kind_value"), "12.500 €", "fr")
    assert str(refused.value) == (
        "« 12.500 € » peut se lire 12\u202f500 ou 12,5 : "
        "tapez-le sans le point, ou avec une virgule"
    )


def test_a_percentage_may_be_typed_with_its_sign() -> None:
    assert values.parse(question("target_public_share"), "12 %", "fr") == 12


def test_money_keeps_cents() -> None:
    assert values.parse(question("in_kind_value"), "12,345", "fr") == 12.35


@pytest.mark.parametrize("raw", ["2027-03-15", "15/03/2027", "15/03/27", "15.03.2027"])
def test_dates(raw: str) -> None:
    # stored as ISO text: the same form as a month (`2027-03`) or a year (`2027`)
    assert values.parse(question("workshop_date"), raw, "fr") == "2027-03-15"


def test_bad_values_get_a_message_in_the_users_language() -> None:
    with pytest.raises(InvalidValue, match="n'est pas un nombre"):
        values.parse(question("population"), "beaucoup", "fr")
    with pytest.raises(InvalidValue, match="is not a date"):
        values.parse(question("workshop_date"), "31/02/2027", "en")
    with pytest.raises(InvalidValue, match="répondez oui ou non"):
        values.parse(question("agreement"), "peut-être", "fr")


def test_choices_by_id_or_label_in_any_language() -> None:
    domain = question("needs", "domain")
    assert values.parse(domain, "social", "fr") == "social"
    assert values.parse(domain, "Environnemental", "fr") == "environnemental"
    assert values.parse(domain, "economic", "en") == "economique"
    with pytest.raises(InvalidValue, match="not one of the choices"):
        values.parse(domain, "culture", "en")


def test_multiselect_and_references_are_comma_separated() -> None:
    served = question("actions", "needs_served")
    items = {"needs": [("N1", "Mobilité des jeunes"), ("N2", "Logement")]}
    assert values.parse(served, "N2, mobilité des jeunes", "fr", items) == ["N2", "N1"]
    with pytest.raises(InvalidValue, match="N7"):
        values.parse(served, "N7", "fr", items)
    assert values.parse(question("sdgs"), "odd1, odd17", "fr") == ["odd1", "odd17"]


def test_booleans_in_both_languages() -> None:
    agreement = question("agreement")
    assert [values.parse(agreement, raw, "fr") for raw in ("oui", "Non", "yes", "n")] == [
        True,
        False,
        True,
        False,
    ]


def test_rules_min_max_and_required() -> None:
    population = question("population")
    assert values.check(population, -3, "fr") == ["Une population ne peut pas être négative."]
    assert values.check(question("staff_fte"), -1, "en") == ["must be at least 0"]
    assert values.check(question("territory_name"), None, "en") == ["an answer is required"]
    assert values.check(question("target_public_share"), 140, "en") == [
        "a percentage is between 0 and 100"
    ]
    assert values.check(question("needs", "priority"), 9, "en")[0].startswith("9 is not one")


def test_text_answers_are_normalised_as_typed() -> None:
    assert values.parse(question("territory_name"), " Val\r\nd\u2028Orbie\u0300re\x07 ", "fr") == (
        "Val d Orbière"
    )
    assert values.parse(question("vision"), "ligne 1\r\nligne 2\n\n", "fr") == "ligne 1\nligne 2"


def test_the_two_readings_offered_are_the_number_s_own() -> None:
    with pytest.raises(
        InvalidValue, match=re.escape("« 10.000 » peut se lire 10\u202f000 ou 10 :")
    ):
        values.parse(question("in_kind_value"), "10.000", "fr")
    with pytest.raises(InvalidValue, match=re.escape("« 1e30 » est trop grand")):
        values.parse(question("in_kind_value"), "1e30", "fr")

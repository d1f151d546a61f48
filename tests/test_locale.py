"""One object per language: its words, formats, typed numbers and dates, punctuation and CSV
dialect (coconstruct/language/locales.py). What each says is what users read: French first."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from coconstruct.language.locales import (
    LANGUAGES,
    LOCALES,
    Locale,
    locale_for,
    locale_of_csv_delimiter,
    month_numbers,
)
from coconstruct.model.amounts import Amount, UnclearNumber, read_decimal
from coconstruct.model.dates import ApproxDate
from coconstruct.model.formatting import Formatter

NNBSP = "\u202f"  # babel's French thousands separator
NBSP = "\u00a0"
ROOT = Path(__file__).parent.parent
FR, EN = locale_for("fr"), locale_for("en")


# --- which locale -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "given"),
    [("fr", "fr"), ("en", "en"), ("fr-FR", "fr"), ("fr_CA", "fr"), ("FR", "fr"), ("en-GB", "en")],
)
def test_a_language_tag_gets_its_language(asked: str, given: str) -> None:
    assert locale_for(asked).code == given


@pytest.mark.parametrize("asked", ["de", "pt-BR", "", "x"])
def test_a_language_the_tool_does_not_speak_gets_english(asked: str) -> None:
    """English is the language messages are written in: every one of them exists there."""
    assert locale_for(asked) is locale_for("en")
    assert locale_for(asked).message("Saved {file}", file="a.yaml") == "Saved a.yaml"


def test_french_comes_first_and_every_language_has_a_catalog_but_english() -> None:
    assert LANGUAGES[0] == "fr"
    for code in LANGUAGES:
        mo = ROOT / "coconstruct/language/locale" / code / "LC_MESSAGES/coconstruct.po"
        assert mo.exists() or code == "en", f"{code} has no catalog"


def test_every_language_names_twelve_months_and_the_same_rules() -> None:
    for loc in LOCALES.values():
        assert len(loc.months) == 12, loc.code
        assert all(word == word.lower() and word.isascii() for m in loc.months for word in m)


def test_a_word_typed_for_a_month_means_one_month_whatever_the_language() -> None:
    seen: dict[str, int] = {}
    for loc in LOCALES.values():
        for number, words in enumerate(loc.months, 1):
            for word in words:
                assert seen.setdefault(word, number) == number, f"{word}: two months"
    assert month_numbers() == seen
    assert month_numbers()["fevr"] == 2 and month_numbers()["sep"] == 9


# --- words ---------------------------------------------------------------------------------------


def test_messages_and_their_plurals_come_from_the_catalog() -> None:
    assert FR.message("Saved {file}", file="a.yaml") == "a.yaml enregistré"
    assert EN.message("Saved {file}", file="a.yaml") == "Saved a.yaml"
    singular, plural = (
        "Copied {n} template file into {folder}",
        "Copied {n} template files into {folder}",
    )
    said = [FR.plural_message(singular, plural, n, folder="x") for n in (0, 1, 2)]
    assert said == [
        "0 fichier de gabarit copié dans x",  # French: 0 is singular
        "1 fichier de gabarit copié dans x",
        "2 fichiers de gabarit copiés dans x",
    ]
    assert EN.plural_message(singular, plural, 0, folder="x") == "Copied 0 template files into x"


def test_plural_categories_follow_each_language() -> None:
    """« 0 personne », « 1,5 personne » in French; "0 people", "1.5 people" in English."""
    assert [FR.plural_form(n) for n in (0, 1, 1.5, 2)] == ["one", "one", "one", "other"]
    assert [EN.plural_form(n) for n in (0, 1, 1.5, 2)] == ["other", "one", "other", "other"]


def test_french_elides_de_before_a_vowel_and_english_never() -> None:
    assert FR.elide("l’atelier de octobre 2021") == "l’atelier d’octobre 2021"
    assert FR.elide("l’atelier de mars 2021") == "l’atelier de mars 2021"
    assert FR.elide("vue de Évreux") == "vue d’Évreux"
    assert EN.elide("de octobre") == "de octobre"


# --- punctuation ---------------------------------------------------------------------------------


def test_french_puts_a_space_before_colons_and_semicolons() -> None:
    assert f"Besoins servis{FR.colon} N1{FR.semicolon} N3" == f"Besoins servis{NBSP}: N1{NBSP}; N3"
    assert f"Needs{EN.colon} N1{EN.semicolon} N3" == "Needs: N1; N3"


def test_plain_text_colons_use_ordinary_spaces() -> None:
    """The terminal and git's text views: a plain space (a no-break one shows as garbage in
    some terminals and diffs)."""
    assert f"Statut{FR.plain_colon}brouillon" == "Statut : brouillon"
    assert f"Status{EN.plain_colon}draft" == "Status: draft"


# --- numbers, money, percentages, dates ---------------------------------------------------------


def test_numbers_money_and_percentages_in_each_language() -> None:
    assert FR.number(1234567.5, "#,##0.0") == f"1{NNBSP}234{NNBSP}567,5"
    assert EN.number(1234567.5, "#,##0.0") == "1,234,567.5"
    assert FR.money(1200.5, "EUR") == f"1{NNBSP}200,50{NBSP}€"
    assert EN.money(1200.5, "EUR") == "€1,200.50"
    assert FR.percent(0.24) == f"24{NBSP}%"
    assert EN.percent(0.24) == "24%"
    assert FR.currency_symbol("EUR") == EN.currency_symbol("EUR") == "€"
    assert (FR.decimal_symbol, FR.group_symbol) == (",", NNBSP)
    assert (EN.decimal_symbol, EN.group_symbol) == (".", ",")


def test_the_formatter_says_amounts_with_the_locales_formats() -> None:
    fr, en = Formatter("fr"), Formatter("en")
    assert fr.money(1200) == f"1{NNBSP}200{NBSP}€" and en.money(1200) == "€1,200"
    assert fr.compact_money(3_300_000) == f"3,3{NBSP}M€"
    assert fr.percent(0.125) == f"13{NBSP}%"  # half up, as people count
    assert fr.amount(">=700000") == f"au moins 700{NNBSP}000{NBSP}€"
    assert fr.amount(0, money=False, unit="personnes", unit_one="personne") == "0\u00a0personne"
    assert en.amount(0, money=False, unit="people", unit_one="person") == "0\u00a0people"


def test_days_months_and_quarters_as_said() -> None:
    day = dt.date(2026, 11, 19)
    assert FR.date(day, "long") == "19 novembre 2026"
    assert EN.date(day, "long") == "November 19, 2026"
    assert FR.date(day, "MMM y") == "nov. 2026"
    assert ApproxDate(2025, quarter=2).said("fr") == f"T2{NBSP}2025"
    assert ApproxDate(2025, quarter=2).said("en") == f"Q2{NBSP}2025"


# --- as people type them ------------------------------------------------------------------------


def test_dates_typed_back_in_each_language() -> None:
    day = ApproxDate(2027, 3, 15)
    assert [day.typed("fr"), day.typed("en")] == ["15/03/2027", "2027-03-15"]
    month = ApproxDate(2027, 3)
    assert [month.typed("fr"), month.typed("en")] == ["03/2027", "2027-03"]
    quarter = ApproxDate(2027, quarter=1)
    assert [quarter.typed("fr"), quarter.typed("en")] == ["T1 2027", "Q1 2027"]
    for loc in LOCALES.values():  # what is typed back reads again as the same date
        for date in (day, month, quarter):
            assert ApproxDate.parse(date.typed(loc.code)) == date


def test_a_quarter_is_read_by_any_language_s_letter_or_word() -> None:
    for loc in LOCALES.values():
        for said in (
            f"{loc.quarter}2 2025",
            f"2025-{loc.quarter}2",
            *(f"{word} 2 2025" for word in loc.quarter_words),
        ):
            assert ApproxDate.parse(said) == ApproxDate(2025, quarter=2), said


def test_a_spreadsheet_shows_dates_as_the_language_types_them() -> None:
    assert FR.sheet_date_format == "DD/MM/YYYY"
    assert EN.sheet_date_format == "YYYY-MM-DD"


@pytest.mark.parametrize(
    ("typed", "lang", "number"),
    [
        ("12 500,50", "fr", "12500.50"),
        ("12,500", "en", "12500"),
        ("12,500", "fr", "12.500"),
        ("1,5", "en", "1.5"),
        ("12.5", "fr", "12.5"),
        ("1.250.000", "fr", "1250000"),
    ],
)
def test_numbers_as_people_type_them_read_by_the_languages_marks(
    typed: str, lang: str, number: str
) -> None:
    assert read_decimal(typed, lang) == Decimal(number)


def test_a_french_number_that_reads_two_ways_is_refused() -> None:
    with pytest.raises(UnclearNumber):
        read_decimal("12.500", "fr")
    assert read_decimal("12.500", "en") == Decimal("12.5")


def test_the_words_around_an_amount_are_read_in_any_language() -> None:
    """An answers file in French may say "about 200 000": each language's words are read in
    every file (folded: lower case, no accents, as the reader compares them)."""
    for loc in LOCALES.values():
        words = loc.amounts
        for word in words.unknown:
            assert Amount.parse(word, "fr").kind == "unknown", word
        for word in words.about:
            assert Amount.parse(f"{word} 200 000", "fr") == Amount("estimate", 2e5, 2e5), word
        for word in words.at_least:
            assert Amount.parse(f"{word} 700 000", "en") == Amount("floor", 7e5, None), word
        for word in words.or_more:
            assert Amount.parse(f"700 000 {word}", "fr") == Amount("floor", 7e5, None), word
        for word in words.to:
            for first in ("", *words.between):
                said = f"{first} 15 000 {word} 20 000".strip()
                assert Amount.parse(said, "fr") == Amount("range", 15e3, 2e4), said
        for word, multiplier in words.scales:
            assert Amount.parse(f"3 {word}", "fr").low == 3 * multiplier, word
    assert Amount.parse("15 a 20 k€", "fr") == Amount("range", 15e3, 2e4)


# --- CSV -----------------------------------------------------------------------------------------


def test_each_language_writes_csv_its_spreadsheets_read() -> None:
    """French Excel splits on semicolons and reads `1200,5`; English Excel commas, `1200.5`."""
    assert (FR.csv_delimiter, FR.csv_number("1200.5")) == (";", "1200,5")
    assert (EN.csv_delimiter, EN.csv_number("1200.5")) == (",", "1200.5")
    assert locale_of_csv_delimiter(";") == "fr"
    assert locale_of_csv_delimiter(",") == "en"
    assert locale_of_csv_delimiter("\t") is None


# --- one place -----------------------------------------------------------------------------------

_BRANCH = re.compile(r"""(==|!=)\s*["'](fr|en)["']|["'](fr|en)["']\s*(==|!=)""")


def test_no_language_is_tested_by_its_code_outside_the_language_layer() -> None:
    """A rule of a language is data of its Locale: `lang == "fr"` elsewhere is a rule that a
    new language would miss."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("coconstruct", "templates")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".j2", ".js", ".html") and "language" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _BRANCH.search(line)
    ]
    assert found == []


def test_the_language_layer_imports_nothing_of_coconstruct() -> None:
    for path in (ROOT / "coconstruct/language").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports = re.findall(r"^\s*(?:from|import) (coconstruct\.\S+)", text, re.M)
        assert all(name.startswith("coconstruct.language") for name in imports), path


def test_babel_waits_until_something_is_formatted() -> None:
    """Looking a locale up, its words and punctuation need no babel: `--help` stays instant."""
    code = (
        "import sys; from coconstruct.language.locales import locale_for; "
        "loc = locale_for('fr'); loc.message('Saved {file}', file='x'); loc.colon; "
        "loc.typed_date(__import__('datetime').date(2027, 3, 15)); "
        "assert 'babel' not in sys.modules, 'babel imported'; "
        "loc.number(1); assert 'babel' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_locale_is_data() -> None:
    """Adding a language is one entry: a Locale is made of values, its behaviour follows."""
    fields = Locale.__dataclass_fields__
    assert {"code", "name", "csv_delimiter", "typed_day", "months"} <= set(fields)
    assert len(LOCALES) == len(LANGUAGES) == len({loc.name for loc in LOCALES.values()})


@pytest.mark.parametrize(
    ("lang", "unit", "said"),
    [
        # typed in the plural, as the questionnaire asks: the singular where it is sure
        ("fr", "personnes", ("0 personne", "1 personne", "3 personnes")),
        ("fr", "emplois", ("0 emploi", "1 emploi", "3 emplois")),
        ("fr", "logements", ("0 logement", "1 logement", "3 logements")),
        ("fr", "heures par an", ("0 heure par an", "1 heure par an", "3 heures par an")),
        (
            "fr",
            "tonnes de déchets",
            ("0 tonne de déchets", "1 tonne de déchets", "3 tonnes de déchets"),
        ),
        # typed in the singular: the plural where it is sure
        ("fr", "bénévole", ("0 bénévole", "1 bénévole", "3 bénévoles")),
        ("fr", "bateau", ("0 bateau", "1 bateau", "3 bateaux")),
        # not sure: as typed, after « × », never made to look as if it agreed
        ("fr", "mois", ("0 × mois", "1 × mois", "3 mois")),
        (
            "fr",
            "jeunes accompagnés",
            ("0 × jeunes accompagnés", "1 × jeunes accompagnés", "3 jeunes accompagnés"),
        ),
        ("fr", "journal", ("0 journal", "1 journal", "3 × journal")),
        # symbols and acronyms do not change
        ("fr", "ETP", ("0 ETP", "1 ETP", "3 ETP")),
        ("fr", "m²", ("0 m²", "1 m²", "3 m²")),
        ("en", "jobs", ("0 jobs", "1 job", "3 jobs")),
        ("en", "people", ("0 people", "1 person", "3 people")),
        ("en", "hours per year", ("0 hours per year", "1 hour per year", "3 hours per year")),
        ("en", "volunteer", ("0 volunteers", "1 volunteer", "3 volunteers")),
        ("en", "city", ("0 cities", "1 city", "3 cities")),
        ("en", "boxes", ("0 boxes", "1 × boxes", "3 boxes")),
        ("en", "box", ("0 × box", "1 box", "3 × box")),
        ("en", "kWh", ("0 kWh", "1 kWh", "3 kWh")),
    ],
)
def test_a_unit_typed_as_free_text_agrees_only_where_it_is_sure(
    lang: str, unit: str, said: tuple[str, str, str]
) -> None:
    fmt = Formatter(lang)
    shown = tuple(fmt.amount(n, money=False, unit=unit).replace(NBSP, " ") for n in (0, 1, 3))
    assert shown == said

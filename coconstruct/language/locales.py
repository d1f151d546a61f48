"""Everything that depends on the language, in one object: `locale_for(lang)`.

A `Locale` is one language's rules, written as data (`LOCALES`: one entry per language), and
what follows from them:
- its words and plural rules: the gettext catalog (`messages.msg` and `nmsg` read it);
- its numbers, money, percentages and dates (babel's locale data, loaded the first time
  something is formatted: `--help` and `validate` never import babel);
- numbers and dates as people type them (`1 200,50` or `1,200.50`, `15/03/2027` or ISO);
- its typography: French puts a space before « : » and « ; » and elides « de » before a vowel;
- the CSV dialect its spreadsheets read without asking (`;` and `1200,5` in French).

Adding a language is one entry here and one catalog (`locale/<code>/LC_MESSAGES/`). The
user's own language is `messages.ui_language()`; which language a browser asks for
(Accept-Language) is `negotiation.negotiate`. Imports nothing of coconstruct.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from coconstruct.language.units import ENGLISH, FRENCH, UnitWords, agreeing

DOMAIN = "coconstruct"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE = "en"  # messages are written in English: it needs no catalog
NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class AmountWords:
    """The words people type around an amount, folded (lower case, no accents): « environ
    200 000 », « au moins 700 000 », « 15 à 20 k€ », « non connu »."""

    unknown: tuple[str, ...]  # the whole answer: no figure is known
    about: tuple[str, ...]  # before an estimate
    at_least: tuple[str, ...]  # before a floor
    or_more: tuple[str, ...]  # after a floor
    between: tuple[str, ...]  # before a range
    to: tuple[str, ...]  # between a range's ends
    scales: tuple[tuple[str, int], ...]  # after a figure: its multiplier


@dataclass(frozen=True)
class Locale:
    """One language's rules, and the formats, parsing and words that follow from them."""

    code: str  # the ISO 639-1 code answers files and `--lang` use, and babel's locale
    name: str  # as its speakers write it, for a language menu
    spaced_punctuation: bool  # a space before « : » and « ; » (no-break in documents)
    quarter: str  # a quarter's letter: « T2 2025 », "Q2 2025"
    quarter_words: tuple[str, ...]  # typed before a quarter's number too: « trimestre 2 2025 »
    typed_day: str  # a day as people type it (strftime): 15/03/2027, 2027-03-15
    typed_month: str  # a month as people type it: 03/2027, 2027-03
    csv_delimiter: str  # CSV files: the cell separator a spreadsheet in this language splits on
    csv_decimal: str  # and the decimal mark it reads a number with (no grouping)
    months: tuple[tuple[str, ...], ...]  # words typed for each month (no accents, lower case)
    amounts: AmountWords  # words typed around an amount
    units: UnitWords  # a unit typed as free text, said of one or of several (units.py)
    # a date known not to be known, typed whole (besides the amounts' `unknown` words)
    unknown_date: tuple[str, ...] = ()
    elisions: tuple[tuple[str, str], ...] = ()  # (pattern, replacement): « de octobre » → d’o…

    # --- words -----------------------------------------------------------------------------

    @cached_property
    def catalog(self) -> gettext.NullTranslations:
        """The compiled catalog (English, the source language, needs none)."""
        if self.code == SOURCE:
            return gettext.NullTranslations()
        try:
            return gettext.translation(DOMAIN, LOCALE_DIR, languages=[self.code])
        except FileNotFoundError:
            # the .mo is built, not committed: a source tree nobody built has none
            raise FileNotFoundError(
                f"{LOCALE_DIR / self.code / 'LC_MESSAGES' / DOMAIN}.mo is not compiled: "
                "run `make` (or `pip install -e .`)"
            ) from None

    def message(self, text: str, /, **values: object) -> str:
        """`text` in this language, its `{placeholders}` filled."""
        translated = self.catalog.gettext(text)
        return translated.format(**values) if values else translated

    def plural_message(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """A message that agrees with `n` by the catalog's plural rule; `{n}` is filled."""
        return self.catalog.ngettext(singular, plural, n).format(n=n, **values)

    def plural_form(self, number: float) -> str:
        """CLDR's plural category of a number: « 1,5 personne » is `one` in French, not in
        English."""
        return str(self.babel.plural_form(number))

    def unit(self, unit: str, number: float) -> str | None:
        """A unit typed as free text agreeing with `number` by the plural rule (« 0 personne »
        and « 1 bénévole » in French, "0 people" in English); None when it cannot be said
        safely (units.py)."""
        return agreeing(unit, self.plural_form(abs(number)) == "one", self.units)

    def elide(self, text: str) -> str:
        """`text` with the language's elisions made: « de octobre » → « d’octobre »."""
        for pattern, replacement in self.elisions:
            text = re.sub(pattern, replacement, text)
        return text

    # --- punctuation -----------------------------------------------------------------------

    @property
    def colon(self) -> str:
        """A colon as documents write it, the space after left to the caller: « Besoins
        servis : » (a no-break space before), "Needs:"."""
        return (NO_BREAK if self.spaced_punctuation else "") + ":"

    @property
    def semicolon(self) -> str:
        """« N1 ; N3 » (a no-break space before), "N1; N3"."""
        return (NO_BREAK if self.spaced_punctuation else "") + ";"

    @property
    def plain_colon(self) -> str:
        """A colon between a label and its value in plain text (the terminal, git's text
        views), spaces included: « Statut : brouillon », "Status: draft"."""
        return (" " if self.spaced_punctuation else "") + ": "

    # --- numbers, money, percentages, dates (babel) -----------------------------------------

    @cached_property
    def babel(self) -> Any:
        """babel's locale: its data is loaded here, the first time something is formatted."""
        from babel import Locale as BabelLocale

        return BabelLocale.parse(self.code)

    def number(self, value: Any, pattern: str | None = None) -> str:
        """A number by a CLDR pattern (`#,##0.0`), or by the language's own."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, format=pattern, locale=self.babel))

    def money(
        self, value: Any, currency: str, pattern: str | None = None, currency_digits: bool = True
    ) -> str:
        """An amount with its currency: `1 200,50 €`, `€1,200.50`."""
        from babel.numbers import format_currency

        return str(
            format_currency(
                value,
                currency,
                format=pattern,
                currency_digits=currency_digits,
                locale=self.babel,
            )
        )

    def compact_money(self, value: Any, currency: str, digits: int) -> str:
        """An amount by its order of magnitude: `3,3 M €`, `€3.3M`."""
        from babel.numbers import format_compact_currency

        return str(
            format_compact_currency(value, currency, locale=self.babel, fraction_digits=digits)
        )

    def percent(self, share: Any, pattern: str | None = None) -> str:
        """A share (0.24) as a percentage: `24 %`, `24%`."""
        from babel.numbers import format_percent

        return str(format_percent(share, format=pattern, locale=self.babel))

    def date(self, day: dt.date, pattern: str = "medium") -> str:
        """A day by a CLDR style or pattern: `19 nov. 2026`, `Nov 19, 2026`, `mars 2027`."""
        from babel.dates import format_date

        return str(format_date(day, format=pattern, locale=self.babel))

    @property
    def money_pattern(self) -> str:
        """The CLDR pattern of an amount with cents (`#,##0.00 ¤`)."""
        return str(self.babel.currency_formats["standard"].pattern)

    @property
    def percent_pattern(self) -> str:
        return str(self.babel.percent_formats[None].pattern)

    def currency_symbol(self, currency: str) -> str:
        from babel.numbers import get_currency_symbol

        return str(get_currency_symbol(currency, locale=self.babel))

    @property
    def decimal_symbol(self) -> str:
        """The decimal mark its numbers are written with: `,` in French."""
        from babel.numbers import get_decimal_symbol

        return str(get_decimal_symbol(self.babel))

    @property
    def group_symbol(self) -> str:
        """The mark that groups thousands: a narrow no-break space in French, `,` in English."""
        from babel.numbers import get_group_symbol

        return str(get_group_symbol(self.babel))

    # --- dates as typed ----------------------------------------------------------------------

    def typed_date(self, day: dt.date) -> str:
        """A day as people type it back: `15/03/2027`, `2027-03-15`."""
        return day.strftime(self.typed_day)

    def typed_month_of(self, day: dt.date) -> str:
        """A month as people type it back: `03/2027`, `2027-03`."""
        return day.strftime(self.typed_month)

    @property
    def sheet_date_format(self) -> str:
        """`typed_day` as a spreadsheet's number format: `DD/MM/YYYY`, `YYYY-MM-DD`."""
        return self.typed_day.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY")

    # --- CSV -------------------------------------------------------------------------------

    def csv_number(self, text: str) -> str:
        """A plain number's text (`1200.5`) as a spreadsheet in this language reads it."""
        return text.replace(".", self.csv_decimal)


_FRENCH = Locale(
    code="fr",
    name="Français",
    spaced_punctuation=True,
    quarter="T",
    quarter_words=("trimestre", "trim"),
    typed_day="%d/%m/%Y",
    typed_month="%m/%Y",
    csv_delimiter=";",  # French Excel splits CSV on semicolons: the comma is the decimal mark
    csv_decimal=",",
    months=(
        ("janvier", "janv"),
        ("fevrier", "fevr", "fev"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("aout",),
        ("septembre", "sept"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("decembre", "dec"),
    ),
    units=FRENCH,
    amounts=AmountWords(
        unknown=(
            "inconnu",
            "inconnue",
            "non connu",
            "non connue",
            "nc",
            "n.c.",
            "non communique",
            "non publie",
            "montant non connu",
            "montant inconnu",
        ),
        about=("environ", "env.", "env", "pres de"),
        at_least=("plus de", "au moins", "au-dela de", "au dela de"),
        or_more=("et plus", "ou plus"),
        between=("entre",),
        to=("a", "et"),
        scales=(
            ("mille", 1_000),
            ("million", 1_000_000),
            ("millions", 1_000_000),
            ("md", 1_000_000_000),
            ("mds", 1_000_000_000),
            ("mrd", 1_000_000_000),
            ("milliard", 1_000_000_000),
            ("milliards", 1_000_000_000),
        ),
    ),
    unknown_date=(
        "date inconnue",
        "date non connue",
        "annee inconnue",
        "annee non connue",
        "non datee",
        "non date",
    ),
    elisions=((r"\bde ([aeiouéèêâîôûAEIOUÉ])", "d’\\1"),),
)
_ENGLISH = Locale(
    code="en",
    name="English",
    spaced_punctuation=False,
    quarter="Q",
    quarter_words=(),
    typed_day="%Y-%m-%d",
    typed_month="%Y-%m",
    csv_delimiter=",",
    csv_decimal=".",
    months=(
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    units=ENGLISH,
    amounts=AmountWords(
        unknown=("unknown", "not known", "n/a"),
        about=("approx.", "approx", "about", "around", "circa", "ca.", "ca"),
        at_least=("more than", "at least", "over"),
        or_more=("or more",),
        between=("between",),
        to=("to", "and"),
        scales=(("thousand", 1_000), ("million", 1_000_000), ("billion", 1_000_000_000)),
    ),
    unknown_date=(
        "unknown date",
        "date unknown",
        "date not known",
        "unknown year",
        "year unknown",
        "year not known",
        "undated",
    ),
)

#: the languages the tool speaks, French first (the default); each has a catalog but English
LOCALES = {locale.code: locale for locale in (_FRENCH, _ENGLISH)}
LANGUAGES = tuple(LOCALES)


@cache
def locale_for(lang: str) -> Locale:
    """The locale of a language code (`fr`, `fr-FR`, `fr_CA`, `EN`); a language the tool does
    not speak gets English, the language its messages are written in."""
    return LOCALES.get(lang.replace("_", "-").split("-")[0].lower(), LOCALES[SOURCE])


def locale_of_csv_delimiter(delimiter: str) -> str | None:
    """The language whose spreadsheets write CSV with this delimiter (`;`: French), if any."""
    return next((code for code, loc in LOCALES.items() if loc.csv_delimiter == delimiter), None)


def amount_words() -> AmountWords:
    """The words typed around an amount in every language the tool speaks, each once: an
    answers file in French may well say « about 200 000 »."""
    every = [loc.amounts for loc in LOCALES.values()]
    return AmountWords(
        **{
            name: tuple(dict.fromkeys(word for words in every for word in getattr(words, name)))
            for name in AmountWords.__dataclass_fields__
        }
    )


def unknown_date_words() -> frozenset[str]:
    """Every whole answer that says a date is not known, in any language the tool speaks:
    `inconnue`, `date non connue`, `unknown`…"""
    return frozenset(
        word
        for loc in LOCALES.values()
        for word in (*loc.amounts.unknown, *loc.unknown_date, "?", "??")
    )


def quarter_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(letters, words) typed for a quarter in every language the tool speaks: `t`, `q`;
    `trimestre`."""
    letters = tuple(dict.fromkeys(loc.quarter.lower() for loc in LOCALES.values()))
    words = tuple(dict.fromkeys(word for loc in LOCALES.values() for word in loc.quarter_words))
    return letters, words


def month_numbers() -> dict[str, int]:
    """Every word typed for a month, in any language the tool speaks: `oct` → 10."""
    return {
        word: number
        for loc in LOCALES.values()
        for number, words in enumerate(loc.months, 1)
        for word in words
    }

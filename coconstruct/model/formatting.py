"""Numbers, money, percentages and dates as a reader of each language expects them.

One formatter for every screen and page: the interview, `show`, `set`'s summary and the report
print the same answer the same way (`1 200 €` in French, `€1,200` in English). The language's
formats come from its `Locale` (language/locales.py, babel underneath); the formatter decides
what to say of an answer: its decimals, its rounding, how sure it is (≈, ≥, « ou plus »).
"""

from __future__ import annotations

import contextlib
import decimal
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.model.amounts import Ratio, Sum
from coconstruct.model.dates import is_unknown
from coconstruct.model.values import as_amount, as_date, as_number

NONE = "–"  # shown for a value nobody gave


class Formatter:
    """Locale-aware formatting for one language and one currency."""

    def __init__(self, lang: str, currency: str = "EUR", units_in: str | None = None) -> None:
        self.lang = lang
        self.locale = locale_for(lang)
        # the language units typed as free text are written in (the answers file's): an English
        # « people » agrees as English does, never as « peoples » in a French roadmap
        self.units = locale_for(units_in) if units_in else self.locale
        self.currency = currency
        self._whole_money = self.locale.money_pattern.replace(".00", "")

    def number(self, value: Any, digits: int = 0) -> str:
        if isinstance(value, Ratio):  # a template of before `factor` and `ratio`
            value = value.value
        if not _is_number(value):
            return NONE
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        with _half_up_context():
            return self.locale.number(value, fmt)

    def figure(self, value: Any) -> str:
        """A figure as given, every decimal kept (up to 6): `1 500`, `12,5` in French."""
        if not _is_number(value):
            return NONE
        return self.number(value, _decimals(value))

    def money(self, value: Any) -> str:
        """`1 200 €` for whole amounts, `12 500,50 €` for an amount with cents, whatever its size:
        a funding line typed to the cent is shown as typed, never rounded to a euro it is not
        (`compact_money` is the rounded key figure)."""
        if not _is_number(value):
            return NONE
        cents = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if cents == cents.to_integral_value():
            return self.locale.money(
                _half_up(value), self.currency, self._whole_money, currency_digits=False
            )
        return self.locale.money(cents, self.currency)

    def compact_money(self, value: Any, down: bool = False) -> str:
        """`3,3 M€`: for key figures, where the order of magnitude matters. `down` rounds
        toward zero: a floor (« ≥ 1 550 000 € ») must not be shown above itself (« ≥ 1,5 M€ »,
        not « ≥ 1,6 M€ »)."""
        if not _is_number(value):
            return NONE
        if abs(value) < 10_000:
            return self.money(value)
        # one decimal while it matters (3.3 M), none past two digits (178 k, 42 M)
        scale = 1000 ** int(math.log10(abs(value)) // 3)
        digits = 1 if abs(value) / scale < 10 else 0
        if down:
            step = scale / 10**digits
            value = math.trunc(value / step) * step
        return (
            self.locale.compact_money(value, self.currency, digits)
            .replace("\u00a0M\u00a0€", "\u00a0M€")
            .replace("\u00a0k\u00a0€", "\u00a0k€")
        )

    def total(self, value: Sum | None, compact: bool = False) -> str:
        """A sum of amounts as sure as its parts (`amounts.Sum`): `1 200 €` when every part is
        exact; `≈ 21 000 €` when some are estimates or ranges; `≥ 16 000 €` when it is open (a
        floor, or an amount not known) and the rest exact; `≈ 21 000 € ou plus` when both. An
        approximate sum is rounded to three significant digits, never written to the euro."""
        if value is None or not value.figured:
            return NONE
        number = rounded(value.value) if value.approximate else value.value
        floor = value.open and not value.approximate
        shown = self.compact_money(number, down=floor) if compact else self.money(number)
        if value.approximate and value.open:
            return msg("{value} or more", self.lang, value="≈\u00a0" + shown)
        if value.approximate:
            return "≈\u00a0" + shown
        if value.open:
            return "≥\u00a0" + shown
        return shown

    def ratio(self, value: Ratio | None, digits: int = 0) -> str:
        """A share as sure as its parts: `24 %`, or `≈ 24 %` when it rests on an estimate, a
        range or a floor."""
        if value is None:
            return NONE
        shown = self.percent(value.value, digits)
        return "≈\u00a0" + shown if value.approximate else shown

    def factor(self, value: Ratio | None) -> str:
        """How many times, as sure as its parts: `1,4`, `0,25`, or `≈ 1,4` when it rests on an
        estimate, a range or a floor (two significant digits below 1: never « 0,0 fois »)."""
        if value is None:
            return NONE
        shown = self.number(value.value, 1 if value.value >= 0.95 else 2)
        return "≈\u00a0" + shown if value.approximate else shown

    def percent(self, share: Any, digits: int = 0) -> str:
        """A share between 0 and 1 as a percentage."""
        if isinstance(share, Ratio):  # a template of before `ratio`
            share = share.value
        if not _is_number(share):
            return NONE
        pattern = self.locale.percent_pattern
        if digits:
            pattern = pattern.replace("0", "0." + "0" * digits, 1)
        with _half_up_context():
            return self.locale.percent(share, pattern)

    def percent_as_given(self, share: Any) -> str:
        """A share someone typed, with the decimals they typed (up to 2): `15,5 %`, `10 %`."""
        if isinstance(share, Ratio):
            share = share.value
        if not _is_number(share):
            return NONE
        return self.percent(share, min(_decimals(round(share * 100, 6)), 2))

    def signed(self, value: Any, digits: int = 0) -> str:
        if not _is_number(value):
            return NONE
        text = self.number(abs(value), digits)
        rounded = round(value, digits)
        return ("+" if rounded > 0 else "−" if rounded < 0 else "") + text

    def date(self, value: Any, style: str = "long") -> str:
        """As said: `19 novembre 2026`, `oct. 2016`, `T2 2025`, `2014`.

        `style` is a babel date format (short, medium, long, or a pattern) for a day; a month,
        quarter or year is shown as it was given, never as a made-up day.
        """
        date = as_date(value)
        if date is None:
            if is_unknown(value):
                return msg("date not known", self.lang)
            return NONE if value in (None, "") else str(value)
        if date.precision == "day":
            return self.locale.date(date.start, style)
        return date.said(self.lang, "long" if style in ("long", "full") else "medium")

    def numeric_date(self, value: Any) -> str:
        """How a date is typed back: `15/03/2027`, `03/2027`, `2014` (ISO in English)."""
        date = as_date(value)
        if is_unknown(value):
            return msg("date not known", self.lang)
        if date is None:
            return NONE if value in (None, "") else str(value)
        return date.typed(self.lang)

    def month(self, value: Any) -> str:
        """`mars 2027` for a day or a month, `T1 2027` or `2027` as given."""
        date = as_date(value)
        if date is None:
            return NONE
        return (
            date.said(self.lang)
            if date.precision in ("year", "quarter")
            else self.locale.date(date.start, "MMM y")
        )

    def amount(
        self,
        value: Any,
        money: bool = True,
        unit: str = "",
        precise: bool = False,
        unit_one: str = "",
        typed_unit: bool = False,
    ) -> str:
        """An exact or approximate answer as said: `1 200 €`, `≈ 200 000 €`, `au moins 700 000 €`,
        `15 000 à 20 000 €`, `montant non connu` (or a count with its unit).

        `precise` keeps every decimal a figure has (`≈ 1 200,50 €`, not `≈ 1 201 €`): for text
        that is read back as typed (an export). `unit_one` is the unit said of one, where the
        language's plural rule says so (« 0 personne », « 1 personne », « 2 personnes »);
        `typed_unit`: `unit` was typed in the answers (it agrees in the language it is in)."""
        amount = as_amount(value)
        if amount is None:
            return NONE if value in (None, "") else str(value)

        def one(number: float) -> str:
            whole = float(number).is_integer()
            if money:
                if precise and not whole:
                    return self.locale.money(number, self.currency)
                return self.money(number)
            return self.number(number, _decimals(number) if precise else min(_decimals(number), 2))

        if amount.kind == "unknown" and not money:
            return msg("unknown", self.lang)  # a count: « inconnu », not « montant non connu »
        said = amount.said(self.lang, one)
        if money or not unit:
            return said
        # the unit once, after the figures (« 1 500 à 2 000 heures par an »), agreeing with the
        # last: « 0 personne » in French, « 1 person » in English. A unit typed as free text
        # (an indicator's « emplois ») agrees where the language's rules are sure of it; where
        # not, it is shown as typed after « × » rather than made to look as if it agreed
        last = amount.high if amount.kind == "range" else amount.low
        if last is None:
            return f"{said}\u00a0{unit}"
        if unit_one and self.locale.plural_form(abs(last)) == "one":
            return f"{said}\u00a0{unit_one}"
        words = self.units if typed_unit else self.locale
        agreed = words.unit(unit, last) if not unit_one else unit
        if agreed is None:
            return f"{said}\u00a0×\u00a0{unit}"
        return f"{said}\u00a0{agreed}"


def colon(lang: str) -> str:
    """A colon as the language writes it: « Besoins servis : » (no-break space), "Needs:"."""
    return locale_for(lang).colon


def semicolon(lang: str) -> str:
    return locale_for(lang).semicolon


def rounded(value: float, digits: int = 3) -> float:
    """An approximate figure to `digits` significant digits (255 501 → 256 000), half up."""
    if not value or not math.isfinite(value):
        return value
    exponent = math.floor(math.log10(abs(value))) - digits + 1
    if exponent <= 0:
        return value
    step = Decimal(10) ** exponent
    return float((Decimal(str(value)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def _half_up_context() -> contextlib.AbstractContextManager[decimal.Context]:
    """Halves round up, as people count (12,5 % → 13 %, like 37,5 % → 38 %), where babel would
    round them to even (12 %)."""
    return decimal.localcontext(rounding=decimal.ROUND_HALF_UP)


def _half_up(value: float) -> int:
    """Money rounds half up, as people count (1 200,50 € → 1 201 €), not to even."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimals(value: float) -> int:
    """As many decimals as a figure has, up to 6 (`1 200,75` stays `1 200,75`)."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@cache
def formatter(lang: str, currency: str = "EUR") -> Formatter:
    """The formatter of a language and currency (made once per process)."""
    return Formatter(lang, currency)


def _is_number(value: Any) -> bool:
    return as_number(value) is not None

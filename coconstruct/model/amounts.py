"""Amounts and counts as real workshop data gives them: exact, estimated, a floor, a range, or
known not to be known.

"Environ 200 000 €", "plus de 700 000 €", "15 à 20 k€", "montant non publié": each is an answer.
An `Amount` keeps what was said, is stored in a short form that diffs well and reads by hand
(`200000`, `~200000`, `>=700000`, `15000-20000`, `unknown`), and gives the analysis an interval
(`low`, `high`; `high` is None for a floor, both are None when unknown), never a made-up figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coconstruct.language.locales import amount_words, locale_for
from coconstruct.language.messages import msg

KINDS = ("exact", "estimate", "floor", "range", "unknown")

_WORDS = amount_words()  # every language's: « environ », "about", « au moins », "at least"…


def _either(words: Any) -> str:
    """An alternation of literal words, the longest first (`environ` before `env`)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _spoken(words: Any) -> str:
    """`_either`, each word whole (`a` in « 15 a 20 », never inside « 15 ans »)."""
    return "|".join(rf"\b{re.escape(word)}\b" for word in sorted(words, key=len, reverse=True))


_UNKNOWN = {"?", "??", *_WORDS.unknown}
_ESTIMATE = re.compile(rf"^(?:~|≈|≃|{_either(_WORDS.about)})\s*")
_FLOOR = re.compile(rf"^(?:>=|≥|>|{_either(_WORDS.at_least)})\s*")
_FLOOR_AFTER = re.compile(rf"\s*(?:\+|{_either(_WORDS.or_more)})$")
_RANGE = re.compile(
    rf"^(?:{_either(_WORDS.between)})?\s*(.+?)\s*(?:-|–|—|{_spoken(_WORDS.to)})\s*(.+)$"
)
_MULTIPLIER = {"k": 1_000, "m": 1_000_000, **dict(_WORDS.scales)}
_SCALE = re.compile(rf"\s*({_either(_MULTIPLIER)})\s*$")
_CURRENCY = re.compile(r"(€|eur\b|euros?\b|\$)", re.I)
_STORED = re.compile(
    r"^(?:(?P<unknown>unknown)|~(?P<estimate>[\d.]+)|>=(?P<floor>[\d.]+)|"
    r"(?P<low>[\d.]+)-(?P<high>[\d.]+))$"
)


#: the largest figure an answer may hold (in absolute value): past it a figure is a typo (`1e30`)
#: or one that no float keeps to the unit (`123456789012345678`), and babel's decimals overflow
LIMIT = 10**15


class AmountError(ValueError):
    """Text that is no amount; the message is in the user's language."""

    unclear: UnclearNumber | None = None  # a number that reads two ways, when that is why


class NotANumber(AmountError):
    """Text that is no number at all (not a number too big, nor one that reads two ways)."""


class TooBig(AmountError):
    """A number, but beyond `LIMIT`."""


class ReversedRange(AmountError):
    """`20 000-15 000`: a range that goes down, refused rather than turned round unsaid."""


def magnitude_problem(value: Any, lang: str) -> str | None:
    """The one rule on the size of a figure, typed or stored: NaN and infinities are no number,
    a figure beyond `LIMIT` is too big; None for a figure within it (or no number at all)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = _decimal(value)
    if not number.is_finite():
        shown = ("-" if number.is_signed() else "") + (".nan" if number.is_nan() else ".inf")
        return msg("{value!r} is not a number", lang, value=shown)
    if number.copy_abs() > LIMIT:
        return too_big(str(value) if isinstance(value, int) else f"{value:.3g}", lang)
    return None


def within_limit(value: int | float | Decimal) -> bool:
    """A finite figure no bigger than `LIMIT`."""
    number = _decimal(value)
    return number.is_finite() and number.copy_abs() <= LIMIT


def _decimal(value: int | float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def too_big(value: str, lang: str) -> str:
    return msg(
        "“{value}” is too big (at most {limit})",
        lang,
        value=value,
        limit=locale_for(lang).number(LIMIT),
    )


@dataclass(frozen=True)
class Amount:
    kind: str  # one of KINDS
    low: float | None = None
    high: float | None = None

    # --- reading -------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, lang: str, money: bool = False, whole: bool = False) -> Amount:
        """Typed text: `1 200,50`, `~200 000`, `plus de 700 000`, `15-20 k€`, `inconnu`…

        `whole`: a count, so a mark that could group thousands does (`12.500` and `12,500` are
        12 500 in either language); a reversed range (`20 000-15 000`) is refused with its
        reading offered (ReversedRange), where a figure is typed by a person."""
        raw = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).strip()
        folded = _fold(raw)
        if folded in _UNKNOWN:
            return cls("unknown")
        body = _CURRENCY.sub("", folded).strip()
        if found := _ESTIMATE.match(body):
            value = _number(body[found.end() :], lang, money, raw, whole)
            return cls("estimate", value, value)
        if found := _FLOOR.match(body):
            return cls("floor", _number(body[found.end() :], lang, money, raw, whole), None)
        if found := _FLOOR_AFTER.search(body):
            return cls("floor", _number(body[: found.start()], lang, money, raw, whole), None)
        if (found := _RANGE.match(body)) and not _is_number(body, lang):
            first, second = found.groups()
            scale = _SCALE.search(second)
            if scale and not _SCALE.search(first):
                first = first + scale.group(0)  # `15-20 k€`: both ends in thousands
            low = _number(first, lang, money, raw, whole)
            high = _number(second, lang, money, raw, whole)
            if low > high:
                reading = second.strip() + "-" + first.strip()
                raise ReversedRange(
                    msg(
                        "“{value}”: the range goes down; did you mean {reading}?",
                        lang,
                        value=raw,
                        reading=reading,
                    )
                )
            return cls("range", low, high) if low != high else cls("exact", low, low)
        value = _number(body, lang, money, raw, whole)
        return cls("exact", value, value)

    @classmethod
    def from_stored(cls, value: Any) -> Amount | None:
        """A value as an answers file holds it (`200000`, `'~200000'`, `unknown`…), or None."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            if not within_limit(value):
                return None
            return cls("exact", float(value), float(value))
        if not isinstance(value, str):
            return None
        found = _STORED.match(value.strip())
        if found is None:
            return None
        if found["unknown"]:
            return cls("unknown")
        if found["estimate"]:
            number = _stored_number(found["estimate"])
            return None if number is None else cls("estimate", number, number)
        if found["floor"]:
            number = _stored_number(found["floor"])
            return None if number is None else cls("floor", number, None)
        low, high = _stored_number(found["low"]), _stored_number(found["high"])
        if low is None or high is None or low > high:
            return None
        return cls("range", low, high)

    # --- what it means -------------------------------------------------------------------------

    @property
    def known(self) -> bool:
        """A figure to compute with (exact or estimated); a floor or a range is only a bound."""
        return self.kind in ("exact", "estimate")

    @property
    def whole(self) -> bool:
        """Every figure it gives is a whole number (what a count can be)."""
        return all(v is None or float(v).is_integer() for v in (self.low, self.high))

    @property
    def central(self) -> float | None:
        """The one figure to use where one is needed: exact, estimate, middle of a range, the
        floor itself (a lower bound: shares using it say so); None when unknown."""
        if self.kind == "range" and self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low

    # --- writing -------------------------------------------------------------------------------

    def stored(self) -> int | float | str:
        """The short form an answers file keeps."""
        if self.kind == "exact":
            return _plain(self.low)
        if self.kind == "unknown":
            return "unknown"
        if self.kind == "estimate":
            return f"~{_plain(self.low)}"
        if self.kind == "floor":
            return f">={_plain(self.low)}"
        return f"{_plain(self.low)}-{_plain(self.high)}"

    def said(self, lang: str, number: Any) -> str:
        """As people say it, each figure written by `number` (a formatter's money or number):
        « 1 200 € », « ≈ 200 000 € », « au moins 700 000 € », « 15 000 à 20 000 € »,
        « montant non connu »."""
        if self.kind == "unknown":
            return msg("not known", lang)
        if self.kind == "exact":
            return str(number(self.low))
        if self.kind == "estimate":
            return "≈\u00a0" + str(number(self.low))
        if self.kind == "floor":
            return msg("at least {value}", lang, value=number(self.low))
        return msg("{low} to {high}", lang, low=number(self.low), high=number(self.high))


def _number(text: str, lang: str, money: bool, raw: str, whole: bool = False) -> float:
    text = text.strip()
    multiplier = 1
    if scale := _SCALE.search(text):
        multiplier = _MULTIPLIER[scale.group(1)]
        text = text[: scale.start()].strip()
    number = said_decimal(text, lang, raw, whole) * multiplier
    if abs(number) > LIMIT:
        raise TooBig(too_big(raw, lang))
    if money:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(number)


def _is_number(text: str, lang: str) -> bool:
    """`-5` is a number, not a range; `1-2` is a range."""
    try:
        _number(text, lang, False, text)
    except TooBig:
        return True  # a number, said too big by whoever reads it
    except AmountError:
        return False
    return True


_SPACE = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMERAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:X\d{3})+")
_SPACED = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d*)?")  # « 12 500 », « 1 250 000,50 »


class UnclearNumber(ValueError):
    """`12.500` typed in French: twelve thousand five hundred, or twelve and a half?"""

    def __init__(self, whole: str, decimal: str) -> None:
        super().__init__(whole, decimal)
        self.whole, self.decimal = whole, decimal

    def message(self, raw: str, lang: str) -> str:
        return msg(
            "“{value}” could be {whole} or {decimal}: type it without the dot, or with a comma",
            lang,
            value=raw,
            whole=self.whole,
            decimal=self.decimal,
        )


def read_decimal(text: str, lang: str, count: bool = False) -> Decimal:
    """A number as a person types it, in the language's way or the other's: `12 500,50`,
    `12500.50`, `12,500.50`, `12.500,50`, `1,5` and `0.5` in either language.

    Spaces group thousands (`1 50` and `10 20` are no number). With both a comma and a dot, the
    last one is the decimal mark; one of them several times groups thousands (`1,250,000`,
    `1.250.000`). One mark once is the decimal mark (`1,5`: 1.5 in English too, never 15),
    except when it could group thousands (one to three digits before it, three after): then
    the language says (`12,500` is 12500 in English, 12.5 in French), and `12.500` in French,
    which could be either, is refused (UnclearNumber) rather than guessed. With `count`,
    such a mark groups thousands in either language: 12,5 people cannot be.
    Raises ValueError for anything else; the number is finite."""
    text = text.strip().replace("\u2212", "-")
    spaced = _SPACE.sub(" ", text)
    sign = spaced[:1] if spaced[:1] in "+-" else ""
    spaced = spaced[len(sign) :].strip()
    if " " in spaced and not _SPACED.fullmatch(spaced):
        raise ValueError(text)
    body = spaced.replace(" ", "")
    marks = [ch for ch in body if ch in ",."]
    if len(set(marks)) == 2:
        decimal = marks[-1]
        group = "," if decimal == "." else "."
        whole, _, fraction = body.rpartition(decimal)
        if group in fraction or not _is_grouped(whole, group):
            raise ValueError(text)
        body = whole.replace(group, "") + "." + fraction
    elif len(marks) > 1:
        if not _is_grouped(body, marks[0]):
            raise ValueError(text)
        body = body.replace(marks[0], "")
    elif marks:
        mark = marks[0]
        whole, _, fraction = body.partition(mark)
        if _is_grouped(body, mark) and whole.strip("0"):
            locale = locale_for(lang)
            if count or mark == locale.group_symbol:
                body = whole + fraction
            elif mark != locale.decimal_symbol:
                kept = fraction.rstrip("0")
                decimal = f"{sign}{whole}" + (f",{kept}" if kept else "")
                raise UnclearNumber(f"{sign}{whole}\u202f{fraction}", decimal)
        body = body.replace(mark, ".")
    if not _NUMERAL.fullmatch(sign + body):
        raise ValueError(text)
    number = Decimal(sign + body)
    if number.copy_abs() > LIMIT * 10**9:  # past any figure, scale words included: a typo
        raise TooBig(text)
    return number


def said_decimal(text: str, lang: str, raw: str, whole: bool = False) -> Decimal:
    """`read_decimal`, its refusals said in `lang` about `raw` (what the person typed): the one
    place that says a typed number is too big, reads two ways or is no number."""
    try:
        return read_decimal(text, lang, count=whole)
    except TooBig:
        raise TooBig(too_big(raw, lang)) from None
    except UnclearNumber as exc:
        error = AmountError(exc.message(raw, lang))
        error.unclear = exc
        raise error from None
    except ValueError:
        raise NotANumber(_not_a_number(raw, lang)) from None


def _is_grouped(digits: str, group: str) -> bool:
    """`1,250,000`: one to three digits, then groups of three."""
    return bool(_GROUPED.fullmatch(digits.replace(group, "X")))


def _not_a_number(raw: str, lang: str) -> str:
    return msg(
        "“{value}” is not a number (1,200, ~200,000, at least 700,000, 15,000-20,000 or unknown)",
        lang,
        value=raw,
    )


def _stored_number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if within_limit(number) else None


def _plain(value: float | None) -> int | float:
    if value is None:
        return 0
    return int(value) if float(value).is_integer() else value


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Sum:
    """A sum of amounts, as sure as its parts: the one rule for every total, row, year and key
    figure (docs/analysis.md, §0).

    `value` is the central figure: each part at its central figure (an exact amount or an
    estimate as given, a range at its middle, a floor at its floor), a part not known at
    nothing. The sum is *exact* only when every part is exact; *approximate* (≈) when a part
    is an estimate or a range; *open* (it may be more: ≥) when a part is a floor or not known.
    Adding sums adds their values and keeps both marks, so a total is always the sum of its
    rows and is never surer than the least sure of them."""

    value: float = 0.0
    figured: int = 0  # parts with a figure
    unknown: int = 0  # parts said or left unknown: counted for nothing, the sum is open
    approximate: bool = False  # some part an estimate or a range
    floor: bool = False  # some part a floor

    @classmethod
    def of(cls, parts: Any) -> Sum:
        """The sum of `(amount, part)` pairs: `part` of each amount (a one-off amount over
        several years counts for its share of each); an amount None or unknown is unknown."""
        out = cls()
        for amount, part in parts:
            out = out + cls.one(amount, part)
        return out

    @classmethod
    def one(cls, amount: Amount | None, part: float = 1.0) -> Sum:
        figure = amount.central if amount is not None else None
        if amount is None or figure is None:
            return cls(unknown=1)
        return cls(
            figure * part,
            figured=1,
            approximate=amount.kind in ("estimate", "range"),
            floor=amount.kind == "floor",
        )

    def __add__(self, other: Sum) -> Sum:
        return Sum(
            self.value + other.value,
            self.figured + other.figured,
            self.unknown + other.unknown,
            self.approximate or other.approximate,
            self.floor or other.floor,
        )

    @property
    def open(self) -> bool:
        """The parts may add up to more: a floor, or a part not known."""
        return self.floor or self.unknown > 0

    @property
    def exact(self) -> bool:
        return not self.approximate and not self.open

    @property
    def exact_figures(self) -> bool:
        """The figured parts are exact (parts not known aside): a share of them is exact."""
        return not self.approximate and not self.floor

    def known(self) -> Sum:
        """The same sum, its parts not known left aside (a table names them apart)."""
        return Sum(self.value, self.figured, 0, self.approximate, self.floor)

    def ratio(self, whole: Sum) -> Ratio | None:
        """This sum's share of `whole` (of their figured parts); None when `whole` is zero."""
        if whole.value <= 0:
            return None
        return Ratio(self.value / whole.value, not (self.exact_figures and whole.exact_figures))


@dataclass(frozen=True)
class Ratio:
    """A share, and whether it rests on an estimate, a range or a floor (« ≈ 24 % »)."""

    value: float
    approximate: bool = False

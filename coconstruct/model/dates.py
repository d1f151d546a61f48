"""Dates as real workshop data gives them: a year, a month, a quarter or a day.

"Depuis 2014", "octobre 2016", "T2 2025": a year or a month is an answer, not a missing day. An
`ApproxDate` keeps exactly what was said, is stored as the ISO prefix (`2014`, `2016-10`,
`2025-Q2`, `2016-10-03`, so files stay diff-clean), is shown as said (« 2014 », « oct. 2016 »,
« T2 2025 », « 3 oct. 2016 »), and compares by the span of days it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from coconstruct.language.locales import (
    locale_for,
    month_numbers,
    quarter_words,
    unknown_date_words,
)
from coconstruct.language.messages import msg

YEARS = (1800, 2200)  # a year outside is a typing slip, not a date

# Month names and abbreviations a person types, in any language the tool speaks (no accents).
_MONTH_OF = month_numbers()
_QUARTER_LETTERS, _QUARTER_WORDS = quarter_words()
_QUARTER = "[" + "".join(_QUARTER_LETTERS) + "]"  # `T2 2025`, `Q2 2025`, `2025-Q2`
# « trimestre 2 2025 »: a letter, or a word and spaces
_QUARTER_SAID = "|".join(
    [_QUARTER] + [rf"{word}\s*" for word in sorted(_QUARTER_WORDS, key=len, reverse=True)]
)
_QUARTER_FIRST = re.compile(rf"(?:{_QUARTER_SAID})\s*([1-4])\s*[-/ ]?\s*(\d{{4}})")
_ISO = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|[Qq]([1-4])))?$")
#: what a file stores for a date known not to be known (« inconnue », "unknown"): an answer,
#: said « date non connue », never placed on a time axis nor counted in a year
UNKNOWN = "unknown"
_UNKNOWN_WORDS = unknown_date_words()
# a period typed in one answer: `2019-2020`, `2019 – 2020`, `de 2019 à 2020`, `03/2019 - 2020`
_YEARS = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{4})$")
_PERIOD = re.compile(r"^(?:de |du |from )?(.+?)\s+(?:-|–|—|a|au|to|until)\s+(.+)$")


def is_unknown(value: Any) -> bool:
    """A stored date answer that says the date is not known."""
    return isinstance(value, str) and value.strip().lower() == UNKNOWN


def typed_unknown(text: str) -> bool:
    """Typed text that says a date is not known: `inconnue`, `date non connue`, `unknown`…"""
    return _fold(" ".join(text.split())).strip(" .") in _UNKNOWN_WORDS


def parse_period(text: str, lang: str | None = None) -> tuple[ApproxDate, ApproxDate] | None:
    """A period typed in one answer (`2019-2020`, `de mars 2019 à 2020`): its first and its last
    date, in order; None when the text is not two dates."""
    folded = _fold(" ".join(text.split()))
    found = _YEARS.fullmatch(folded) or _PERIOD.fullmatch(folded)
    if found is None:
        return None
    first, last = (ApproxDate._read(part.strip()) for part in found.groups())
    if first is None or last is None or last.surely_before(first):
        return None
    return first, last


class DateError(ValueError):
    """Text that is no date; the message is in the user's language."""


@dataclass(frozen=True, order=False)
class ApproxDate:
    """A year, optionally a quarter or a month, optionally a day of that month."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    # --- reading -------------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, lang: str | None = None) -> ApproxDate:
        """Typed text: `2014`, `10/2016`, `2016-10`, `oct. 2016`, `T2 2025`, `15/03/2027`…"""
        raw = " ".join(text.strip().split())
        found = cls._read(raw)
        if found is None:
            raise DateError(
                msg(
                    "“{value}” is not a date (2027, 03/2027, mars 2027, T1 2027 or 15/03/2027)",
                    lang,
                    value=text.strip(),
                )
            )
        return found

    @classmethod
    def from_stored(cls, value: Any) -> ApproxDate | None:
        """A value as an answers file holds it (`2014`, `'2016-10'`, `2025-Q2`), or None."""
        if isinstance(value, bool):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            return cls(value) if YEARS[0] <= value <= YEARS[1] else None
        if isinstance(value, str):
            found = _ISO.match(value.strip())
            return cls._checked(*found.groups()) if found else None
        return None

    @classmethod
    def _read(cls, raw: str) -> ApproxDate | None:
        folded = _fold(raw).replace(",", " ").strip()
        if found := _ISO.match(folded.upper()):
            return cls._checked(*found.groups())
        if found := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", folded):
            day, month, year = found.groups()
            return cls._checked(_year(year), month, day)
        if found := re.fullmatch(r"(\d{1,2})[/.](\d{4})", folded):
            month, year = found.groups()
            return cls._checked(year, month)
        if found := _QUARTER_FIRST.fullmatch(folded):
            quarter, year = found.groups()
            return cls._checked(year, quarter=quarter)
        if found := re.fullmatch(rf"(\d{{4}})\s*[-/ ]?\s*{_QUARTER}([1-4])", folded):
            year, quarter = found.groups()
            return cls._checked(year, quarter=quarter)
        if found := re.fullmatch(r"(?:(\d{1,2})(?:er)?\s+)?([a-z]+)\.?\s+(\d{4})", folded):
            day, name, year = found.groups()
            month = _MONTH_OF.get(name)
            return cls._checked(year, month, day) if month else None
        return None

    @classmethod
    def _checked(
        cls,
        year: Any,
        month: Any = None,
        day: Any = None,
        quarter: Any = None,
    ) -> ApproxDate | None:
        y = int(year)
        m = int(month) if month else None
        d = int(day) if day else None
        q = int(quarter) if quarter else None
        if not YEARS[0] <= y <= YEARS[1] or (m is not None and not 1 <= m <= 12):
            return None
        if d is not None and (m is None or not 1 <= d <= calendar.monthrange(y, m)[1]):
            return None
        return cls(y, m, d, q)

    # --- what it means -------------------------------------------------------------------------

    @property
    def precision(self) -> str:
        """day, month, quarter or year."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "quarter" if self.quarter is not None else "year"

    @property
    def start(self) -> dt.date:
        """The first day it covers."""
        if self.quarter is not None:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day it covers."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.quarter is not None:
            last = 3 * self.quarter
            return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end

    def __lt__(self, other: ApproxDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: ApproxDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def surely_before(self, other: ApproxDate) -> bool:
        """Every day of this one comes before every day of `other` (2016 before 2017-03)."""
        return self.end < other.start

    # --- writing -------------------------------------------------------------------------------

    def stored(self) -> int | str:
        """The ISO prefix an answers file keeps: a year as a number (`2014`), else text."""
        if self.precision == "year":
            return self.year
        if self.precision == "quarter":
            return f"{self.year}-Q{self.quarter}"
        if self.precision == "month":
            return f"{self.year}-{self.month:02d}"
        return self.start.isoformat()

    def typed(self, lang: str) -> str:
        """As a person types it back (`03/2027`, `T1 2027`, `15/03/2027`, ISO in English)."""
        locale = locale_for(lang)
        if self.precision == "year":
            return str(self.year)
        if self.precision == "quarter":
            return f"{locale.quarter}{self.quarter} {self.year}"
        if self.precision == "month":
            return locale.typed_month_of(self.start)
        return locale.typed_date(self.start)

    def said(self, lang: str, style: str = "medium") -> str:
        """As people say it: « 2014 », « oct. 2016 », « T2 2025 », « 3 oct. 2016 » (babel)."""
        locale = locale_for(lang)
        if self.precision == "year":
            return str(self.year)
        if self.precision == "quarter":
            return f"{locale.quarter}{self.quarter}\u00a0{self.year}"
        if self.precision == "month":
            return locale.date(self.start, "MMMM y" if style == "long" else "MMM y")
        return locale.date(self.start, style)


def _year(text: str) -> str:
    return text if len(text) == 4 else f"20{text}"


def _fold(text: str) -> str:
    """Lower case, no accents: `févr.` reads like `fevr.`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

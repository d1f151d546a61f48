"""What every indicator rests on: its base, the threshold below which it is no conclusion, and
careful reading of answers that may be partial or invalid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.model import values

#: below this many items, a figure is no conclusion ("données insuffisantes")
MIN_ITEMS = 3
#: …nor when it rests on less than this share of the items it could rest on
MIN_SHARE = 0.5
#: statuses of an action given up or on hold: it serves no need and its budget is in no total
#: (it stays in the action table, with its status)
DROPPED = ("abandonnee", "suspendue")


@dataclass(frozen=True)
class Base:
    """How many items a figure rests on, out of how many it could rest on (`3 of 5 needs`)."""

    n: int
    of: int

    @property
    def sufficient(self) -> bool:
        """At least MIN_ITEMS items, and at least MIN_SHARE of them: see docs/analysis.md."""
        return self.n >= MIN_ITEMS and self.n >= MIN_SHARE * self.of

    @property
    def complete(self) -> bool:
        return self.of > 0 and self.n == self.of

    @property
    def missing(self) -> int:
        return self.of - self.n


def items(answers: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """A list answer's items that have an id (the others cannot be referred to)."""
    raw = answers.get(key)
    if not isinstance(raw, list):
        return []
    return [i for i in raw if isinstance(i, dict) and not values.is_empty(i.get("id"))]


def level(value: Any) -> int | None:
    """A 1–5 scale level, or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= 5 else None


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def refs(value: Any) -> list[str]:
    """A reference answer (one id or a list of ids) as a list of ids."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def mean(numbers: Iterable[float | int | None]) -> float | None:
    present = [n for n in numbers if n is not None]
    return sum(present) / len(present) if present else None


def count(keys: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in keys:
        if isinstance(key, str) and key:
            counts[key] = counts.get(key, 0) + 1
    return counts


def ordered(keys: set[str], order: Sequence[str]) -> list[str]:
    """Keys in a reference order, unknown ones after, alphabetically."""
    known = [k for k in order if k in keys]
    return known + sorted(keys - set(known))


def whole_year(value: Any) -> int | None:
    """A year answer (`2027`, or a date answer given as a year)."""
    date = values.as_date(value)
    if date is not None:
        return date.year
    number = values.as_number(value)
    return int(number) if number is not None and number.is_integer() else None


def whole(value: Any, least: int = 0) -> int | None:
    """A count answer (`12`, `12.0`): a whole number from `least` up, or None.

    An approximate count (`~12`, `10-15`, `unknown`) or anything else is no count: left out.
    """
    number = values.as_number(value)
    if number is None or not number.is_integer() or number < least:
        return None
    return int(number)


def dropped(action: Mapping[str, Any]) -> bool:
    """Abandoned or suspended (`DROPPED`): left out of the needs served and the plan's budget."""
    return text(action.get("status")) in DROPPED

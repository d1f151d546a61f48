"""One grant reported twice: two funding lines from the same funder for the same period whose
amounts differ, each as its own sources give it.

A site documented from sources often meets one grant in two documents (an annual report, a
funder's press release) with two figures. Entered as two lines, it would be counted twice in the
year's plan. Two lines are suspect only when everything says so: the same funder (case and spaces
aside), the same known period (`period_start`–`period_end`, a single year when one is missing),
two known amounts that differ, and different citations (each line citing sources, not the same
ones). Two distinct grants of one funder in one year, both read in the same document, stay
silent; so do lines with no sources, an unknown amount or an undated one. A warning, never an
error: only the person who read the sources knows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from coconstruct.language.messages import msg
from coconstruct.model.dates import is_unknown
from coconstruct.model.values import as_amount
from coconstruct.model.yamlio.read import position

LIST = "funding"


@dataclass(frozen=True)
class Suspect:
    """Two funding lines that may be one grant: their ids and their sources, the second line's
    index in the list (where the warning points)."""

    first: str
    first_sources: tuple[str, ...]
    second: str
    second_sources: tuple[str, ...]
    index: int


def _period(line: Mapping[str, Any]) -> tuple[str, str] | None:
    start, end = line.get("period_start"), line.get("period_end")
    start, end = start if start not in (None, "") else end, end if end not in (None, "") else start
    if start in (None, "") or is_unknown(start) or is_unknown(end):
        return None
    return str(start), str(end)


def _amount(line: Mapping[str, Any]) -> tuple[float | None, float | None] | None:
    amount = as_amount(line.get("amount"))
    if amount is None or amount.kind == "unknown":
        return None
    return amount.low, amount.high


def _sources(line: Mapping[str, Any]) -> tuple[str, ...]:
    cited = line.get("sources")
    if isinstance(cited, str):
        cited = [cited]
    return tuple(sorted({str(s) for s in cited})) if isinstance(cited, list) else ()


def suspects(answers: Mapping[str, Any]) -> Iterator[Suspect]:
    """Each pair of funding lines that may be one grant reported twice, in the list's order (a
    line is named once, with the first line it may repeat)."""
    lines = answers.get(LIST)
    seen: dict[tuple[str, tuple[str, str]], list[tuple[str, Any, tuple[str, ...]]]] = {}
    for index, line in enumerate(lines if isinstance(lines, list) else []):
        if not isinstance(line, Mapping):
            continue
        funder = " ".join(str(line.get("funder") or "").split()).casefold()
        period, amount, sources = _period(line), _amount(line), _sources(line)
        if not funder or period is None or amount is None or not sources:
            continue
        earlier = seen.setdefault((funder, period), [])
        first = next((e for e in earlier if e[1] != amount and e[2] != sources), None)
        if first is not None:
            yield Suspect(first[0], first[2], str(line.get("id", "")), sources, index)
        earlier.append((str(line.get("id", "")), amount, sources))


def warnings(
    answers: Any, plain: Mapping[str, Any], lang: str
) -> Iterator[tuple[tuple[int, int] | None, str, str]]:
    """`validate`'s warnings (position, answer path, message): at the second line's amount,
    naming the first line and the sources of both."""
    lines = answers.get(LIST) if isinstance(answers, Mapping) else None
    if not isinstance(lines, list):
        return
    for pair in suspects(plain):
        line = lines[pair.index]
        at = position(line, "amount") if isinstance(line, Mapping) else None
        first, second = f"{LIST}[{pair.first}]", f"{LIST}[{pair.second}]"
        yield (
            at or position(lines, pair.index),
            second,
            msg(
                "same funder and same period as {first} ({first_sources}), a different amount "
                "according to its sources ({sources}) — the same funding counted twice?",
                lang,
                first=first,
                first_sources=", ".join(pair.first_sources),
                sources=", ".join(pair.second_sources),
            ),
        )

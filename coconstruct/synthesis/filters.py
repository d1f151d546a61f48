"""The HTML synthesis' filters: which territories a reader keeps in the tables, by département,
origin of the data, year and type of actor; and what each territory's row carries for them
(its keys) and for sorting (its numbers). The page's script (templates/synthesis.js) only hides
rows and orders them; without it every row shows, in the portfolio's order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from coconstruct.language.messages import msg
from coconstruct.report.parts import Phrase, Words
from coconstruct.synthesis.territory import Territory

NONE_KEY = "-"  # the option of the territories that do not say (no département, no date)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int  # territories it keeps


@dataclass(frozen=True)
class Filter:
    key: str  # the row's data attribute: data-<key>
    label: Phrase
    options: tuple[Option, ...]
    many: bool = False  # a territory holds several values (its types of actors)


@dataclass(frozen=True)
class Filters:
    """The filters of the territories' tables; `shown` says how many rows a filter leaves, its
    `{n}` and `{of}` filled by the page's script."""

    title: Phrase
    every: Phrase  # the option that keeps every territory
    reset: Phrase
    shown: str
    sort_hint: Phrase
    filters: tuple[Filter, ...]  # only those that can leave a territory out


def keys(t: Territory) -> dict[str, str]:
    """A territory's values for the filters, as its rows carry them."""
    year = t.date_order[0].year if t.date_order is not None else None
    return {
        "departement": t.departement or NONE_KEY,
        "origin": t.origin,
        "year": str(year) if year is not None else NONE_KEY,
        "actors": " ".join(sorted(t.partner_types)),
    }


def numbers(t: Territory) -> dict[str, str]:
    """The numbers a column sorts by where its text is compact (`2,3 M€`, a date), '' when
    unknown: the row's data-sort values."""

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    start = t.date_order[0] if t.date_order is not None else None
    return {
        "date": start.strftime("%Y%m%d") if start is not None else "",
        "money": number(t.money.value),
        "budget": number(t.budget.value),
    }


def build(territories: Sequence[Territory], labels: dict[str, dict[str, str]], w: Words) -> Filters:
    lang = w.lang
    every = len(territories)
    not_given = msg("not given", lang)
    rows = [keys(t) for t in territories]

    def single(key: str, label: Phrase, names: dict[str, str], ordered: bool) -> Filter:
        counts = Counter(row[key] for row in rows)

        def order(value: str) -> tuple[bool, int, str]:  # years: the latest first
            year = -int(value) if ordered and value.isdigit() else 0
            return (value == NONE_KEY, year, str(names.get(value) or value).casefold())

        values = sorted(counts, key=order)
        return Filter(
            key,
            label,
            tuple(
                Option(v, not_given if v == NONE_KEY else names.get(v, v), counts[v])
                for v in values
            ),
        )

    types = Counter(key for row in rows for key in row["actors"].split())
    names = labels.get("partners.actor_type", {})
    order = list(names)
    actors = Filter(
        "actors",
        w.gettext("Type of actor"),
        tuple(
            Option(key, names.get(key, key), types[key])
            for key in sorted(
                types, key=lambda k: (order.index(k) if k in order else len(order), k)
            )
        ),
        many=True,
    )
    candidates = (
        single("departement", w.gettext("Département"), {}, False),
        single("origin", w.gettext("Origin of the data"), labels.get("origin", {}), False),
        single("year", w.gettext("Year"), {}, True),
        actors,
    )
    return Filters(
        title=w.gettext("Filter the territories"),
        every=w.gettext("All"),
        reset=w.gettext("Show every territory"),
        shown=msg("Territories shown: {n} of {of}", lang, n="{n}", of="{of}"),
        sort_hint=w.gettext("A column's header sorts the table by it; again, the other way."),
        filters=tuple(
            f for f in candidates if len(f.options) > 1 or any(o.count < every for o in f.options)
        ),
    )

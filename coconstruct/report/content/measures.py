"""The measures of the results, year by year, and the figures sources disagree on (issue 22).

Beside the results chart, a table gives each indicator's figure in each year that has one (the
year's latest measure, its date and its sources), so that every point of the chart can be read
with its evidence. Two figures of the same date that differ are never reduced to one: they stand
side by side, each with its sources, and a note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report.content.material import Material, with_sources
from coconstruct.report.parts import Below, Cell, Phrase, Table, cell

#: the most years the table shows side by side (the latest ones); the rest is in the data annex
YEARS_SHOWN = 8


@dataclass(frozen=True)
class YearRow:
    """One indicator, its figure in each year of the table (None: no measure that year)."""

    id: str
    title: Any
    # by year: (figures, date, cites); several figures when sources disagree, each with its
    # sources written in (cites empty then)
    years: tuple[tuple[tuple[str, ...], str, Sequence[int]] | None, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        out = [cell(self.id), cell(self.title, strong=True)]
        for year in self.years:
            if year is None:
                out.append(cell("–"))
            else:
                figures, date, cites = year
                below = (*(Below(f) for f in figures[1:]), Below(date, em=True))
                out.append(Cell(figures[0], cites=cites, below=below))
        return tuple(out)


@dataclass(frozen=True)
class ByYear:
    table: Table[YearRow]
    earlier: Phrase | None  # « Earlier years are in the data annex », when some are left out


def by_year(m: Material) -> ByYear:
    """Each measured indicator's figure year by year: the latest measure of each year."""
    w = m.words
    found = {i.id: i for i in m.analysis.results.indicators}
    rows_by_year: list[tuple[str, Any, dict[int, tuple[tuple[str, ...], str, Sequence[int]]]]] = []
    years: set[int] = set()
    for item in m.items["indicators"]:
        indicator = found.get(item["id"])
        if indicator is None or not indicator.measures:
            continue
        entries = {e["id"]: e for e in item["series"]}
        latest: dict[int, list[Any]] = {}  # year → the measures of its latest date
        for measure in indicator.measures:  # by date
            year = measure.date.year
            same = latest.get(year)
            if same and str(same[0].date.stored()) == str(measure.date.stored()):
                same.append(measure)
            else:
                latest[year] = [measure]
        cells: dict[int, tuple[tuple[str, ...], str, Sequence[int]]] = {}
        for year, group in latest.items():
            shown = [entries[g.id] for g in group if g.id in entries]
            if not shown:
                continue
            if len({e["value_text"] for e in shown}) > 1:  # sources disagree: every figure
                cells[year] = (tuple(with_sources(e) for e in shown), shown[0]["date_text"], ())
            else:
                cites = sorted({n for e in shown for n in e["cites"]})
                cells[year] = ((shown[0]["value_text"],), shown[0]["date_text"], cites)
        years |= set(cells)
        rows_by_year.append((item["id"], item["title"], cells))
    ordered = sorted(years)
    kept = ordered[-YEARS_SHOWN:]
    table = Table(
        w.gettext("Measures year by year"),
        (w.gettext("Indicator"), *(Phrase(str(year), {}) for year in kept)),
        tuple(
            YearRow(id_, title, tuple(cells.get(year) for year in kept))
            for id_, title, cells in rows_by_year
        ),
    )
    earlier = (
        w.ngettext(
            "{n} earlier year is in the data annex.",
            "{n} earlier years are in the data annex.",
            len(ordered) - len(kept),
        )
        if len(ordered) > len(kept)
        else None
    )
    return ByYear(table, earlier)


def conflicts(m: Material) -> tuple[Phrase, ...]:
    """One sentence per date whose figures differ: every figure with its sources."""
    w, out = m.words, []
    for item in m.items["indicators"]:
        for group in item.get("conflicts") or ():
            out.append(
                w.gettext(
                    "Sources disagree on {indicator} in {date}: {figures}. Every figure is "
                    "shown; none is used for a progress.",
                    indicator=f"{item['id']} · {item['title']}",
                    date=group[0]["date_text"],
                    figures=", ".join(with_sources(e) for e in group),
                )
            )
    return tuple(out)

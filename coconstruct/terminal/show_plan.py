"""`show`'s action plan: one line per action (leads by name, start–end, budget, status) and a
text calendar by quarter, or by year when the plan is long, for the projector.

Dates are shown as given (a year, a month, a quarter), budgets as the roadmap says them; an
action without a start is named under the calendar, an open end runs on or is marked unknown:
nothing is dropped and nothing made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len

from coconstruct.analysis import Span
from coconstruct.analysis.base import refs
from coconstruct.language.messages import msg
from coconstruct.model import display, origin, values
from coconstruct.model.dates import ApproxDate

if TYPE_CHECKING:
    from rich.table import Table

    from coconstruct.terminal.show import _View

#: at most this many quarters side by side (when they fit); a longer plan is drawn by year
QUARTERS = 24
FILLED, RUNS_ON, UNKNOWN_END = "█", "░", "?"


def upcoming(view: _View, actions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions still ahead or running, the soonest next date first: a start still to come,
    else the end of what is running; finished, abandoned or undated ones last."""
    plan = view.result.plan
    over = set(plan.finished) | set(plan.dropped)

    def when(action: dict[str, Any]) -> tuple[int, dt.date]:
        start, end = values.as_date(action.get("start")), values.as_date(action.get("end"))
        if str(action.get("id")) in over:
            return 2, dt.date.max
        if action.get("status") == "en_cours" and end is not None:
            return 0, end.end
        if start is not None:
            return 0, start.start
        return 1, dt.date.max

    return sorted(actions, key=when)


def plan_table(
    view: _View, actions: Sequence[dict[str, Any]], title: str, width: int, cut: bool = True
) -> Table:
    """Action · leads · start–end · budget · status; `cut`: one line each (long titles end in
    « … »: the section's view gives them whole)."""
    question = view.q.question("actions")
    table = view.table(
        title,
        msg("Action", view.lang),
        msg("Led by", view.lang),
        msg("When", view.lang),
        msg("Budget", view.lang),
        view.label(view.field(question, "status")) or msg("Status", view.lang),
        grow=None,
    )
    narrow = width < 110
    _cut(table, 0, ratio=3, cut=cut)
    _cut(table, 1, ratio=2, cut=cut)
    status = view.field(question, "status")
    short = [
        (span(view, a), budget(view, a), display.answer(status, a.get("status"), view.lang))
        if status is not None
        else (span(view, a), budget(view, a), "")
        for a in actions
    ]
    for index, column in enumerate(table.columns[2:]):  # never cut: dates, amounts, a status
        column.no_wrap = True
        cells = [cell_len(row[index]) for row in short]
        column.width = max([*cells, cell_len(str(column.header)), 1])
    table.columns[-1].width = (table.columns[-1].width or 0) + 1  # rich takes one for its edge
    if not cut:  # whole words: each column as wide as its longest word at least
        table.expand = False
        named = [f"{a.get('id', '')} · {a.get('title') or ''}" for a in actions]
        led = [leads(view, a, short=narrow) for a in actions]
        longest = [
            max((cell_len(w) for c in cells for w in c.split()), default=1)
            for cells in (named, led)
        ]
        fixed = sum(c.width or 0 for c in table.columns[2:]) + 3 * (len(table.columns) - 1)
        room = max(width - fixed, sum(longest))
        table.columns[1].width = max(longest[1], room // 2)
        table.columns[0].width = max(longest[0], room - table.columns[1].width)
    for action in actions:
        table.add_row(
            view.escape(f"{action.get('id', '')} · {action.get('title') or ''}"),
            view.escape(leads(view, action, short=narrow)),
            view.escape(span(view, action)),
            view.escape(budget(view, action)),
            view.show(view.field(question, "status"), action.get("status")),
        )
    if not actions:
        table.add_row(view.none_yet(), "", "", "", "")
    return table


def _cut(table: Any, index: int, ratio: int, cut: bool) -> None:
    """One line, cut with « … », sharing the room by `ratio`; else wrapped between words."""
    column = table.columns[index]
    column.no_wrap, column.overflow = cut, "ellipsis" if cut else "fold"
    column.ratio = ratio if cut else None  # whole: sized to their words (min_width)


def leads(view: _View, action: dict[str, Any], short: bool = False) -> str:
    """The leads by name (the code beside it when there is room): « Val'Entraide (P6) »."""
    names = dict(view.items.get("partners", ()))
    out = []
    for ref in refs(action.get("leads")):
        name = names.get(str(ref))
        if name is None:
            out.append(str(ref))
        else:
            out.append(name if short else f"{name} ({ref})")
    return ", ".join(out) or "—"


def span(view: _View, action: dict[str, Any]) -> str:
    """« mars 2027 – déc. 2027 », « 2019 → » (runs on), « T2 2025 – ? »; « — » without a start."""
    start, end = values.as_date(action.get("start")), values.as_date(action.get("end"))
    if start is None:
        return "—" if end is None else f"? – {_said(view, end)}"
    if end is not None:
        return f"{_said(view, start)} – {_said(view, end)}"
    if action.get("status") == "en_cours":
        return f"{_said(view, start)} →"
    return f"{_said(view, start)} – ?"


def _said(view: _View, date: ApproxDate) -> str:
    return view.fmt.month(date.stored())


def budget(view: _View, action: dict[str, Any]) -> str:
    question = view.field(view.q.question("actions"), "budget")
    value = action.get("budget")
    if question is None or values.is_empty(value):
        return "—"
    return view.fmt.amount(value)


def calendar(view: _View, actions: Sequence[dict[str, Any]], width: int) -> Iterator[str]:
    """The plan as bars over quarters (or years), one line per dated action, as rich markup."""
    plan = view.result.plan
    spans = {s.id: s for s in plan.timeline}
    if not spans:
        return
    first = min(s.first_day for s in spans.values())
    ends = [s.last_day for s in spans.values() if s.last_day is not None]
    # what runs on runs to the workshop, at least (a documented site: to its data's date)
    reference = origin.reference_date(view.answers)
    if reference is not None and plan.open_ended:
        ends.append(reference.end)
    last = max(ends + [s.first_day for s in spans.values()])
    quarters = (last.year - first.year) * 4 + (last.month - 1) // 3 - (first.month - 1) // 3 + 1
    by_quarter = quarters <= QUARTERS and 14 + 3 * quarters <= width
    periods = _periods(first, last, by_quarter)
    cell = 3 if by_quarter else 5
    label = max(12, min(32, width - cell * len(periods) - 2))
    if label + cell * len(periods) > width:  # too many years for the width: the last ones
        periods = periods[-max(1, (width - 14) // cell) :]
        label = 12
    yield "[bold cyan]" + msg("Calendar", view.lang) + "[/]"
    for header in _headers(view, periods, by_quarter, cell):
        yield view.escape((" " * label + header).rstrip())
    for action in actions:
        found = spans.get(str(action.get("id")))
        if found is None:
            continue
        name = _fit(f"{action.get('id')} {action.get('title') or ''}", label - 1)
        yield view.escape(name.ljust(label)) + _bar(found, periods, by_quarter, cell)
    legend = [f"{FILLED} " + msg("planned", view.lang)]
    if plan.open_ended:
        legend.append(f"{RUNS_ON} " + msg("runs on, no end date", view.lang))
    if any(s.end is None and not s.runs_on for s in spans.values()):
        legend.append(f"{UNKNOWN_END} " + msg("end not known", view.lang))
    yield "[dim]" + view.escape("   ".join(legend)) + "[/]"
    if plan.undated:
        yield view.escape(
            msg(
                "{label}: {value}",
                view.lang,
                label=msg("Without a start date", view.lang),
                value=", ".join(plan.undated),
            )
        )


def _periods(first: dt.date, last: dt.date, by_quarter: bool) -> list[tuple[int, int]]:
    if not by_quarter:
        return [(year, 0) for year in range(first.year, last.year + 1)]
    out = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def _bounds(period: tuple[int, int], by_quarter: bool) -> tuple[dt.date, dt.date]:
    year, quarter = period
    if not by_quarter:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, following - dt.timedelta(days=1)


def _headers(view: _View, periods: list[tuple[int, int]], by_quarter: bool, cell: int) -> list[str]:
    """The years over their columns, then the quarters (« T1 T2 … »), when drawn by quarter."""
    if not by_quarter:
        return ["".join(str(year).ljust(cell) for year, _ in periods)]
    years = ""
    for index, (year, quarter) in enumerate(periods):
        # over its first quarter; a year shown by one quarter only has no room for its number
        room = (index == 0 and quarter < 4) or quarter == 1
        if room and len(years) <= index * cell:
            years = years.ljust(index * cell) + str(year)
    quarters = "".join(
        ApproxDate(year, None, None, quarter).said(view.lang).split("\u00a0")[0].ljust(cell)
        for year, quarter in periods
    )
    return [years, quarters]


def _bar(found: Span, periods: list[tuple[int, int]], by_quarter: bool, cell: int) -> str:
    """One action's line: filled where it runs, ░ on after a start with no end when it is in
    progress, one « ? » after the start when its end is not known."""
    start, end = found.first_day, found.last_day
    out, marked = [], False
    for period in periods:
        first, last = _bounds(period, by_quarter)
        if last < start or (end is not None and first > end):
            out.append(" " * cell)
        elif first <= (end or start):
            out.append(f"[green]{FILLED * (cell - 1)}[/] ")
        elif found.runs_on:
            out.append(f"[dim]{RUNS_ON * (cell - 1)}[/] ")
        elif not marked:
            out.append(f"[yellow]{UNKNOWN_END}[/]" + " " * (cell - 1))
            marked = True
        else:
            out.append(" " * cell)
    return "".join(out).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

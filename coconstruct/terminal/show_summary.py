"""`show` on one screen: progress by section, the most pressing needs, the money at a glance,
the plan's next steps and the open points, fitted to the rows and columns of the terminal.

What does not fit is shortened, never silently: a panel shows its first items and says how many
more there are; `--section NAME` and `--all` give the rest.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from coconstruct.analysis.open_points import KINDS
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import display
from coconstruct.report import wording
from coconstruct.terminal import show_plan

if TYPE_CHECKING:
    from rich.console import RenderableType

    from coconstruct.terminal.show import _View

#: from this width, the needs and the money's table go side by side
SIDE_BY_SIDE = 120
#: from this width, the sections go in two columns
TWO_COLUMNS = 100
#: the most items a panel lists, and the fewest before a panel is left out
MOST, FEWEST = 5, 2


def summary(view: _View, width: int, height: int, command: str) -> RenderableType:
    """The largest summary that fits `height` rows at `width` columns (one row is left for the
    shell's prompt): panels list fewer items, then the least useful panels go."""
    import io

    from rich.console import Console, Group

    measure = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    options = measure.options.update(width=width)
    # (items per panel, money as a table, as two lines or left out, needs shown)
    candidates: list[tuple[int, str, bool]] = [(top, "table", True) for top in (5, 4, 3)]
    candidates += [(top, "lines", True) for top in (5, 4, 3, 2)]
    candidates += [(FEWEST, "lines", False), (FEWEST, "", False)]
    heights: dict[tuple[object, ...], int] = {}  # a part's rows, rendered once for all candidates

    def rows(key: tuple[object, ...], part: RenderableType) -> int:
        if key not in heights:
            heights[key] = len(measure.render_lines(part, options, pad=False))
        return heights[key]

    for top, money, needs in candidates:
        parts = _parts(view, width, top, money, needs, command)
        shown = Group(Group(*(part for _, part in parts)))
        if sum(rows(key, part) for key, part in parts) <= height - 1:
            return shown
    return shown  # the smallest: `show` pages it


def _panels(
    view: _View, width: int, top: int, money: str, needs: bool, command: str
) -> list[RenderableType]:
    """Title, progress, needs and money, next steps, open points, the hint."""
    from rich.console import Group

    return [Group(*(part for _, part in _parts(view, width, top, money, needs, command)))]


def _parts(
    view: _View, width: int, top: int, money: str, needs: bool, command: str
) -> list[tuple[tuple[object, ...], RenderableType]]:
    """The summary's parts, one under the other, each with what its rows depend on (a part
    with the same key is the same text, whatever the candidate: it is measured once)."""
    from rich.table import Table

    out: list[tuple[tuple[object, ...], RenderableType]] = []
    out += [(("title", number), part) for number, part in enumerate(view.title()[:2])]
    out += [(("blank",), ""), (("progress",), progress(view, width))]
    ranked = top_needs(view, top) if needs else None
    funding = view.money_glance() if money == "table" else None
    if ranked is not None and funding is not None and width >= SIDE_BY_SIDE:
        grid = Table.grid(expand=True, padding=(0, 3))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(ranked, funding)
        out += [(("blank",), ""), (("grid", top), grid)]
    else:
        for key, panel in ((("needs", top), ranked), (("funding",), funding)):
            if panel is not None:
                out += [(("blank",), ""), (key, panel)]
    if money == "lines" and (said := money_lines(view)) is not None:
        out += [(("blank",), ""), (("money lines",), said)]
    steps = next_steps(view, top, width)
    if steps is not None:
        out += [(("blank",), ""), (("steps", top), steps)]
    out += [(("blank",), ""), (("open points",), open_points(view))]
    hint = msg("More: {command} --section NAME, or --all.", view.lang, command=command)
    out.append((("hint",), "[dim]" + view.escape(hint) + "[/]"))
    return out


def money_lines(view: _View) -> RenderableType | None:
    """The money in two lines: the total and how sure it is, then each family's share."""
    from rich.text import Text

    funding = view.q.question("funding")
    family = view.field(funding, "family")
    if funding is None or family is None:
        return None
    money = view.result.money
    title = msg("Funding plan", view.lang)
    if money.year is not None:
        title = f"{title} {money.year}"
    if not money.lines:
        return Text.from_markup(f"[bold cyan]{view.escape(title)}[/]  " + view.none_yet())
    said = [view.fmt.total(money.sum)]
    if money.secured_share is not None:
        said.append(msg("{share} secured", view.lang, share=view.fmt.ratio(money.secured_ratio)))
    head = f"[bold cyan]{view.escape(title)}[/]  [bold]{view.escape(' · '.join(said))}[/]"
    shares = []
    for share in money.by_family:
        if not share.lines:
            continue
        if money.mix_reliable:
            amount = view.fmt.ratio(share.ratio)
        else:  # no share: the amount as the roadmap says it
            amount = view.fmt.total(share.sum.known()) if share.amount else ""
        if share.unknown:
            unknown = nmsg("{n} not known", "{n} not known", share.unknown, view.lang)
            amount = f"{amount} + {unknown}" if amount else unknown
        shares.append(f"{view.show(family, share.key)} {view.escape(amount)}")
    reason = wording.mix_reason(money, view.lang)
    if reason:
        note = msg("Shares are not given: {reason}.", view.lang, reason=reason)
    elif not money.base.complete:
        note = nmsg(
            "Shares of the {n} line with an amount, of {of}; not known: {names}",
            "Shares of the {n} lines with an amount, of {of}; not known: {names}",
            money.base.n,
            view.lang,
            of=money.base.of,
            names=", ".join(line.funder for line in money.unknown_lines),
        )
    else:
        note = ""
    body = " · ".join(shares) + (f" [dim]({view.escape(note)})[/]" if note else "")
    return Text.from_markup(head + "\n" + body, overflow="fold")


def progress(view: _View, width: int) -> RenderableType:
    """Answers by section, in two columns of sections when there is room."""
    from rich.table import Table

    sections = view.q.sections
    if width < TWO_COLUMNS or len(sections) < 4:
        return view.completeness(sections)
    half = (len(sections) + 1) // 2
    grid = Table.grid(expand=True, padding=(0, 3))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    left = view.completeness(sections[:half], compact=True)
    right = view.completeness(sections[half:], compact=True)
    right.title = " "
    grid.add_row(left, right)
    return grid


def top_needs(view: _View, top: int) -> RenderableType | None:
    """The most pressing needs (priority and urgency), with how many others there are."""
    needs, items = view.list_parts("needs")
    priority = view.field(needs, "priority")
    if needs is None or priority is None:
        return None
    urgency = view.field(needs, "urgency")
    by_id = {str(item.get("id")): item for item in items}
    ranked = [s.id for s in view.result.scissors.needs if s.id in by_id]
    ranked += [key for key in by_id if key not in ranked]
    table = view.table(
        msg("Most pressing needs", view.lang),
        msg("Id", view.lang),
        view.label(needs),
        view.label(priority),
        *([view.label(urgency)] if urgency else []),
    )
    table.columns[1].no_wrap, table.columns[1].overflow = True, "ellipsis"
    for key in ranked[:top]:
        item = by_id[key]
        row = [view.escape(key), view.escape(item.get("title") or "")]
        row.append(display.level(item.get("priority"), priority))
        if urgency:
            row.append(display.level(item.get("urgency"), urgency))
        table.add_row(*row)
    if not items:
        table.add_row("", view.none_yet(), *[""] * (len(table.columns) - 2))
    more = len(ranked) - top
    if more > 0:
        table.caption = nmsg("and {n} more", "and {n} more", more, view.lang)
        table.caption_justify = "left"
    return table


def next_steps(view: _View, top: int, width: int) -> RenderableType | None:
    """The actions ahead, soonest first, and the next meeting."""
    from rich.console import Group

    question = view.q.question("actions")
    if question is None:
        return None
    _, actions = view.list_parts("actions")
    ahead = show_plan.upcoming(view, actions)
    over = set(view.result.plan.finished) | set(view.result.plan.dropped)
    ahead = [a for a in ahead if str(a.get("id")) not in over]
    table = show_plan.plan_table(view, ahead[:top], msg("Next steps", view.lang), width)
    more = len(ahead) - top
    if more > 0:
        table.caption = nmsg("and {n} more", "and {n} more", more, view.lang)
        table.caption_justify = "left"
    meeting = view.q.question("next_meeting")
    if meeting is None or not view.answers.get("next_meeting"):
        return table
    said = view.show(meeting, view.answers["next_meeting"])
    agenda = view.answers.get("next_meeting_agenda")
    if agenda:
        said = f"{said} — {view.escape(agenda)}"
    line = msg("{label}: {value}", view.lang, label=view.label(meeting), value="\x00")
    line = view.escape(line).replace("\x00", said)
    from rich.text import Text

    text = Text.from_markup(line, overflow="ellipsis")
    text.no_wrap = True
    return Group(table, text)


def open_points(view: _View) -> RenderableType:
    """How many points are open, by kind, with the items they are about (the roadmap's annex
    lists the same, one per line)."""
    from rich.console import Group
    from rich.text import Text

    points = view.result.open_points
    heading = msg("Open items", view.lang)
    title = Text(f"{heading} ({len(points)})" if points else heading, style="bold cyan")
    if not points:
        return Group(title, "[green]" + msg("No open items.", view.lang) + "[/]")
    kinds = Counter(p.kind for p in points)
    parts = []
    for kind in KINDS:
        if not kinds[kind]:
            continue
        about = [p.path for p in points if p.kind == kind]
        shown = ", ".join(about[:6] if all(p.on_item for p in points if p.kind == kind) else [])
        if len(about) > 6 or not shown:
            shown = str(len(about))
        parts.append(msg("{label}: {value}", view.lang, label=why(kind, view.lang), value=shown))
    body = Text(" · ".join(parts), overflow="fold")
    return Group(title, body)


def why(kind: str, lang: str) -> str:
    """Why a point is open, as the roadmap's annex says it."""
    return {
        "deferred": msg("marked “to review” during the workshop", lang),
        "missing": msg("required answer missing", lang),
        "need_gap": msg("need without a partner or an action", lang),
        "no_lead": msg("action without a lead", lang),
        "no_budget": msg("action without a budget", lang),
        "unknown_amount": msg("amount not known", lang),
    }[kind]


__all__ = ["summary"]

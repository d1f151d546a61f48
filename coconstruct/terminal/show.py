"""`show`: where the workshop stands, for the projector between two sessions.

Completeness per section, needs by domain and priority, resources by type and strain, partners,
the funding mix as bars, open and deferred items. Every figure is the analysis' own
(coconstruct/analysis.py), formatted as the report formats it: `show` and the roadmap never
disagree. Panels about needs, resources, partners and money appear when the questionnaire has
those questions (the built-in `territoire` does); any other questionnaire still gets completeness,
answers and open items. Built with rich only: `show` must start instantly (no questionary,
weasyprint or matplotlib).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from coconstruct import analysis
from coconstruct.editing.editor import Editor
from coconstruct.errors import UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import display, origin
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.formatting import formatter
from coconstruct.model.questionnaire import Question, Questionnaire, Section, text
from coconstruct.model.validation import validate
from coconstruct.report import wording

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

WIDE = 140  # from this width, panels go side by side

_TREND_ARROW = {
    "forte_hausse": "⇈",
    "hausse": "↗",
    "stable": "→",
    "baisse": "↘",
    "forte_baisse": "⇊",
}


def render(
    doc: AnswersFile,
    questionnaire: Questionnaire,
    lang: str,
    width: int,
    section: str | None = None,
    height: int | None = None,
    command: str = "coconstruct show",
) -> RenderableType:
    """The view as one rich renderable, laid out for `width` columns: with a `height`, the
    one-screen summary that fits it; without, every panel (`--all`); or one section in full."""
    from rich.console import Group

    from coconstruct.model.variants import for_answers

    questionnaire = for_answers(questionnaire, doc.plain())  # a documented site's words
    view = _View(doc, questionnaire, lang, wide=width >= WIDE, width=width)
    if section is not None:
        found = questionnaire.section(section)
        if found is None:
            known = ", ".join(s.id for s in questionnaire.sections)
            raise UsageError(
                msg(
                    "--section {section}: no such section (sections: {known})",
                    lang,
                    section=section,
                    known=known,
                ),
                lang=lang,
            )
        from coconstruct.terminal.show_section import section_detail

        return Group(*view.title(), view.completeness([found]), *section_detail(view, found))
    if height is not None:
        from coconstruct.terminal.show_summary import summary

        return summary(view, width, height, command)
    progress = view.completeness(questionnaire.sections)
    needs, resources, partners, money = (
        view.needs(),
        view.resources(),
        view.partners(),
        view.money(),
    )
    open_items = view.open_items()
    if width < WIDE:
        panels = [progress, needs, resources, partners, money, open_items]
        return Group(*view.title(), *_spaced(p for p in panels if p is not None))
    from rich.table import Table

    grid = Table.grid(expand=True, padding=(0, 3))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(progress, Group(*_spaced(p for p in (money, open_items) if p is not None)))
    if needs is not None or resources is not None:
        grid.add_row("", "")
        grid.add_row(needs or "", resources or "")
    rest = [partners] if partners is not None else []
    return Group(*view.title(), grid, *_spaced(rest, before=True))


def _spaced(panels: Iterable[RenderableType], before: bool = False) -> Iterator[RenderableType]:
    """Panels with a blank line between them, so that each reads as a block on a projector."""
    for index, panel in enumerate(panels):
        if index or before:
            yield ""
        yield panel


class _View:
    def __init__(
        self,
        doc: AnswersFile,
        questionnaire: Questionnaire,
        lang: str,
        wide: bool = False,
        width: int = 80,
    ) -> None:
        self.doc, self.q, self.lang, self.wide, self.width = doc, questionnaire, lang, wide, width
        self.editor = Editor(doc, questionnaire, lang)
        self.answers = self.editor.answers()
        self.items = self.editor.items()
        self.result = analysis.analyse(self.answers, questionnaire, doc.deferred)
        self.fmt = formatter(lang, questionnaire.currency)
        self.bar = 8 if wide or width < 100 else 16  # the money bars: half a screen, or narrow

    # --- helpers ---------------------------------------------------------------------------------

    def label(self, question: Question | None) -> str:
        return text(question.label, self.lang) if question is not None else ""

    def show(self, question: Question | None, value: Any) -> str:
        """An answer as rich markup (user text is escaped)."""
        if question is None:
            return ""
        return _escape(display.answer(question, value, self.lang, self.items, self.q.currency))

    def list_parts(self, list_id: str) -> tuple[Question | None, list[dict[str, Any]]]:
        question = self.q.question(list_id)
        raw = self.answers.get(list_id)
        items = [i for i in raw if isinstance(i, dict)] if isinstance(raw, list) else []
        return question, items

    def field(self, list_question: Question | None, field_id: str) -> Question | None:
        return list_question.field(field_id) if list_question is not None else None

    def table(self, title: str, *columns: str, grow: int | None = 1) -> Table:
        """A table whose column `grow` takes the room left; the others never wrap (all wrap when
        `grow` is None)."""
        from rich import box
        from rich.table import Table

        table = Table(
            title=title,
            title_justify="left",
            title_style="bold cyan",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            expand=True,
        )
        for index, column in enumerate(columns):
            if grow is None or index == grow:
                table.add_column(column, ratio=1 if index == grow else None, overflow="fold")
            else:
                table.add_column(column, no_wrap=True)
        return table

    def group_row(self, table: Table, title: str, count: int) -> None:
        cells = [""] * len(table.columns)
        cells[1] = f"[bold]{title}[/] [dim]({count})[/]"
        table.add_row(*cells)

    # --- header and progress ---------------------------------------------------------------------

    def title(self) -> list[RenderableType]:
        from rich.text import Text

        territory = self.answers.get("territory_name") or self.doc.path.stem
        bar = Text(f" {territory}", style="bold white on blue", justify="left", end="\n")
        bar.pad_right(500)  # cropped to the width: a full-width bar
        bar.no_wrap, bar.overflow = True, "crop"
        status = msg("final", self.lang) if self.doc.status == "final" else msg("draft", self.lang)
        done = self.result.completeness
        # a documented site is no workshop: its origin, not the questionnaire's title
        documented = not origin.workshop_held(self.answers)
        details = [
            msg("Documentary sources", self.lang) if documented else text(self.q.title, self.lang),
            status,
            msg(
                "{answered} answers of {applicable}",
                self.lang,
                answered=done.answered,
                applicable=done.applicable,
            ),
        ]
        date_question = self.q.question("workshop_date")
        if date_question is not None and self.answers.get("workshop_date") and not documented:
            details.insert(1, self.show(date_question, self.answers["workshop_date"]))
        as_of = self.q.question("as_of")
        if as_of is not None and self.answers.get("as_of"):
            details.insert(
                1 + (len(details) > 3),
                msg(
                    "data up to date: {date}",
                    self.lang,
                    date=self.show(as_of, self.answers["as_of"]),
                ),
            )
        return [bar, Text(" · ".join(details), style="bold"), ""]

    def completeness(self, sections: list[Section], compact: bool = False) -> Table:
        """Answers by section; `compact` (half a screen) leaves out the missing and to-review
        columns when none of these sections has any (the open points count them)."""
        wanted = {s.id for s in sections}
        rows = [d for d in self.result.completeness.sections if d.section in wanted]
        counts = not compact or any(d.missing_required or d.deferred for d in rows)
        table = self.table(
            msg("Progress by section", self.lang),
            msg("Section", self.lang),
            msg("Answered", self.lang),
            "",
            *((msg("Missing", self.lang), msg("To review", self.lang)) if counts else ()),
            grow=0,
        )
        for done in rows:
            section = self.q.section(done.section)
            share = done.answered / done.applicable if done.applicable else 1.0
            colour = "green" if share >= 1 else "yellow" if share >= 0.5 else "red"
            missing, deferred = len(done.missing_required), len(done.deferred)
            narrow = self.wide or compact  # half a screen: a short bar
            cells = [
                text(section.title, self.lang) if section else done.section,  # cut if compact
                f"{done.answered}/{done.applicable}",
                f"[{colour}]{_bar(share, 6 if narrow else 10)}[/]",
            ]
            if counts:
                cells.append(f"[red]{missing}[/]" if missing else "·")
                cells.append(f"[magenta]{deferred}[/]" if deferred else "·")
            table.add_row(*cells)
        if compact:
            table.columns[0].no_wrap, table.columns[0].overflow = True, "ellipsis"
        return table

    # --- panels ------------------------------------------------------------------------------

    def needs(self) -> RenderableType | None:
        needs, items = self.list_parts("needs")
        domain, priority = self.field(needs, "domain"), self.field(needs, "priority")
        if needs is None or domain is None or priority is None:
            return None
        urgency = self.field(needs, "urgency")
        columns = [msg("Id", self.lang), self.label(needs), self.label(priority)]
        table = self.table(
            msg("Needs by domain and priority", self.lang),
            *columns,
            *([self.label(urgency)] if urgency else []),
        )
        for choice, group in _grouped(items, "domain", domain):
            self.group_row(table, self.show(domain, choice), len(group))
            for item in sorted(group, key=lambda i: -(analysis.level(i.get("priority")) or 0)):
                row = [
                    _escape(item.get("id", "")),
                    _escape(item.get("title") or ""),
                    display.level(item.get("priority"), priority),
                ]
                if urgency:
                    row.append(display.level(item.get("urgency"), urgency))
                table.add_row(*row)
        if not items:
            table.add_row("", self._none_yet(), *[""] * (len(columns) - 1))
        return table

    def resources(self) -> RenderableType | None:
        resources, items = self.list_parts("resources")
        kind, availability = self.field(resources, "type"), self.field(resources, "availability")
        if resources is None or kind is None or availability is None:
            return None
        trend = self.field(resources, "trend")
        strained = {r.id for r in self.result.scissors.resources if r.strained}
        table = self.table(
            msg("Resources by type and strain", self.lang),
            msg("Id", self.lang),
            self.label(resources),
            self.label(availability),
            msg("Trend", self.lang),
        )
        for choice, group in _grouped(items, "type", kind):
            self.group_row(table, self.show(kind, choice), len(group))
            for item in sorted(group, key=lambda i: analysis.level(i.get("availability")) or 0):
                direction = str(item.get("trend") or "")
                shown_trend = (
                    f"{_TREND_ARROW.get(direction, '')} {self.show(trend, direction or None)}"
                )
                warn = " [bold red]⚠[/]" if str(item.get("id")) in strained else ""
                table.add_row(
                    _escape(item.get("id", "")),
                    _escape(item.get("title") or ""),
                    display.level(item.get("availability"), availability),
                    shown_trend.strip(" —") + warn,
                )
        if not items:
            table.add_row("", self._none_yet(), "", "")
        else:
            table.caption = "⚠ " + msg("under strain: scarce or decreasing", self.lang)
            table.caption_justify = "left"
        return table

    def partners(self) -> RenderableType | None:
        partners, items = self.list_parts("partners")
        if partners is None:
            return None
        wanted = ["actor_type", "alliance_form", "commitment"]
        if self.wide:
            wanted += ["attitude", "needs_addressed"]
        fields = [f for f in (self.field(partners, w) for w in wanted) if f is not None]
        table = self.table(
            msg("Partners", self.lang),
            msg("Id", self.lang),
            self.label(self.field(partners, "name")),
            *[self.label(f) for f in fields],
        )
        table.columns[1].ratio = 3
        for column in table.columns[2:]:  # choice labels may be long: they share the room
            column.no_wrap, column.overflow, column.ratio = False, "fold", 2
        for item in items:
            cells = []
            for f in fields:
                value = item.get(f.id)
                if f.kind.cites is not None and isinstance(value, list):
                    cells.append(_escape(", ".join(map(str, value))))  # ids: short
                else:
                    cells.append(self.show(f, value))
            table.add_row(_escape(item.get("id", "")), _escape(item.get("name") or ""), *cells)
        if not items:
            table.add_row("", self._none_yet(), *["" for _ in fields])
        return table

    def money(self, glance: bool = False) -> RenderableType | None:
        """The funding plan by family; at a glance (the summary): without bars and targets."""
        funding = self.q.question("funding")
        family = self.field(funding, "family")
        amount = self.field(funding, "amount")
        if funding is None or family is None or amount is None:
            return None
        money = self.result.money
        title = msg("Funding plan", self.lang)
        if money.year is not None:
            title = f"{title} {money.year}"
        bars = () if glance else ("",)
        table = self.table(title, self.label(family), *bars, "%", self.label(amount), grow=0)
        for share in money.by_family:
            if not share.lines:
                continue
            note = ""
            target = (money.target or {}).get(share.key)
            if target is not None and not glance:
                shown = self.fmt.percent_as_given(target)
                note = " [dim](" + msg("target {share}", self.lang, share=shown) + ")[/]"
            # as the roadmap says it: the known part as sure as its lines, then how many lines
            # have no figure (named in the caption)
            shown_amount = self.fmt.total(share.sum.known()) if share.amount else ""
            if share.unknown:
                unknown = nmsg("{n} not known", "{n} not known", share.unknown, self.lang)
                shown_amount = f"{shown_amount} + {unknown}" if shown_amount else unknown
            shown_share = self.fmt.ratio(share.ratio) if money.mix_reliable else "–"
            bar = f"[cyan]{_bar(share.share or 0, self.bar)}[/]" if money.mix_reliable else ""
            table.add_row(
                self.show(family, share.key),
                *((bar,) if not glance else ()),
                f"{shown_share}{note}",
                shown_amount or "–",
            )
        unclassified = sum(money.figures.get(line.id) or 0 for line in money.unclassified)
        if money.unclassified:  # no share: without a family, no family's share is known
            table.add_row(
                msg("Not classified", self.lang), *bars, "–", self.fmt.money(unclassified)
            )
        if money.lines:
            secured = money.secured_share
            total = self.fmt.total(money.sum)
            table.add_row(
                "[bold]" + msg("Total", self.lang) + "[/]",
                *(
                    (f"[green]{_bar(secured, self.bar)}[/]" if secured is not None else "",)
                    * len(bars)
                ),
                # of the known amounts: the caption says on how many lines
                msg("{share} secured", self.lang, share=self.fmt.ratio(money.secured_ratio))
                if secured is not None
                else "",
                f"[bold]{total}[/]",
            )
            reason = wording.mix_reason(money, self.lang)
            if reason:
                table.caption = msg("Shares are not given: {reason}.", self.lang, reason=reason)
                table.caption_justify = "left"
            elif not money.base.complete:
                names = ", ".join(line.funder for line in money.unknown_lines)
                table.caption = nmsg(
                    "Shares of the {n} line with an amount, of {of}; not known: {names}",
                    "Shares of the {n} lines with an amount, of {of}; not known: {names}",
                    money.base.n,
                    self.lang,
                    of=money.base.of,
                    names=names,
                )
                table.caption_justify = "left"
        else:
            table.add_row(self._none_yet(), *bars, "", "")
        return table

    def money_glance(self) -> RenderableType | None:
        return self.money(glance=True)

    def open_items(self) -> RenderableType:
        from rich.console import Group
        from rich.markup import escape
        from rich.text import Text

        lines: list[str] = []
        for path in self.doc.deferred:
            lines.append(f"[magenta]↻ {escape(self.editor.describe(path))}[/]")
        for problem in validate(self.doc, self.q):
            colour = "red" if problem.severity == "error" else "yellow"
            line = problem.message
            if problem.question:
                where = self.editor.describe(problem.question)
                line = msg("{label}: {value}", self.lang, label=where, value=line)
            lines.append(f"[{colour}]• {escape(line)}[/]")
        # the analysis' open points about items, as the roadmap's annex lists them (deferred
        # answers and missing required ones are above, as validate says them)
        from coconstruct.terminal.show_summary import why

        for point in self.result.open_points:
            if point.on_item:
                about = dict(self.items.get(_list_of(point.kind), ())).get(point.path, "")
                named = f"{point.path} · {about}" if about else point.path
                line = msg(
                    "{label}: {value}", self.lang, label=why(point.kind, self.lang), value=named
                )
                lines.append(f"[yellow]• {escape(line)}[/]")
        nothing = "[green]" + msg("No open items.", self.lang) + "[/]"
        body = "\n".join(lines) if lines else nothing
        return Group(Text(msg("Open items", self.lang), style="bold cyan"), body)

    def _none_yet(self) -> str:
        return "[italic]" + msg("Nothing yet.", self.lang) + "[/]"

    none_yet = _none_yet

    @staticmethod
    def escape(value: Any) -> str:
        return _escape(value)


def _grouped(
    items: list[dict[str, Any]], key: str, question: Question
) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    """Items grouped by a choice field, in the order of the choices (unknown values last)."""
    order = [c.id for c in question.choices or []]
    seen = order + sorted({i.get(key) for i in items if i.get(key) not in order}, key=str)
    for choice in seen:
        group = [i for i in items if i.get(key) == choice]
        if group:
            yield choice, group


def _list_of(kind: str) -> str:
    """The list whose item an open point is about."""
    return {"need_gap": "needs", "unknown_amount": "funding"}.get(kind, "actions")


def _escape(value: Any) -> str:
    from rich.markup import escape

    return escape(str(value))


def _bar(share: float, width: int) -> str:
    share = min(max(share, 0.0), 1.0)
    full = round(share * width)
    return "█" * full + "░" * (width - full)


__all__ = ["WIDE", "render"]

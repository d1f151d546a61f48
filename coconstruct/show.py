"""`show`: where the workshop stands, for the projector between two sessions.

Completeness per section, needs by domain and priority, resources by type and tension, partners,
the money mix as bars, open and deferred items. Panels about needs, resources, partners and money
appear when the questionnaire has those questions (the built-in `territoire` does); any other
questionnaire still gets completeness, answers and open items. Built with rich only: `show` must
start instantly, so no questionary, weasyprint or matplotlib here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coconstruct import conditions, display, values
from coconstruct.answers import AnswersFile
from coconstruct.errors import UsageError
from coconstruct.i18n import msg
from coconstruct.questionnaire import Question, Questionnaire, Section, text
from coconstruct.validation import validate

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

WIDE = 140  # from this width, panels go side by side

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "answers": "réponses",
        "completeness": "Avancement par section",
        "section": "Section",
        "answered": "Répondu",
        "missing": "Manquant",
        "deferred": "À revoir",
        "needs": "Besoins par domaine et priorité",
        "resources": "Ressources par type et tension",
        "tension_note": "en tension : peu disponible ou en baisse",
        "trend": "Tendance",
        "partners": "Partenaires",
        "money": "Plan de financement",
        "secured": "acquis",
        "target": "cible",
        "total": "Total",
        "open": "Points ouverts",
        "nothing_open": "Aucun point ouvert.",
        "none_yet": "Rien pour l'instant.",
        "status_draft": "brouillon",
        "status_final": "final",
        "id": "Id",
    },
    "en": {
        "answers": "answers",
        "completeness": "Progress by section",
        "section": "Section",
        "answered": "Answered",
        "missing": "Missing",
        "deferred": "To review",
        "needs": "Needs by domain and priority",
        "resources": "Resources by type and tension",
        "tension_note": "under strain: scarce or decreasing",
        "trend": "Trend",
        "partners": "Partners",
        "money": "Funding plan",
        "secured": "secured",
        "target": "target",
        "total": "Total",
        "open": "Open items",
        "nothing_open": "No open items.",
        "none_yet": "Nothing yet.",
        "status_draft": "draft",
        "status_final": "final",
        "id": "Id",
    },
}

_TREND_ARROW = {
    "forte_hausse": "⇈",
    "hausse": "↗",
    "stable": "→",
    "baisse": "↘",
    "forte_baisse": "⇊",
}


@dataclass(frozen=True)
class Progress:
    section: Section
    shown: int
    answered: int
    missing_required: int
    deferred: int


def render(
    doc: AnswersFile,
    questionnaire: Questionnaire,
    lang: str,
    width: int,
    section: str | None = None,
) -> RenderableType:
    """The whole view as one rich renderable, laid out for `width` columns."""
    from rich.console import Group

    view = _View(doc, questionnaire, lang, wide=width >= WIDE)
    if section is not None:
        found = questionnaire.section(section)
        if found is None:
            known = ", ".join(s.id for s in questionnaire.sections)
            raise UsageError(f"--section {section}: no such section (sections: {known})")
        return Group(*view.title(), view.completeness([found]), *view.section_detail(found))
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
        self, doc: AnswersFile, questionnaire: Questionnaire, lang: str, wide: bool = False
    ) -> None:
        self.doc, self.q, self.lang, self.wide = doc, questionnaire, lang, wide
        self.answers = doc.plain()
        self.items = values.items_index(questionnaire, self.answers)
        self.deferred = doc.deferred

    # --- helpers ---------------------------------------------------------------------------------

    def word(self, key: str) -> str:
        return _WORDS.get(self.lang, _WORDS["en"])[key]

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
        status = self.word("status_final" if self.doc.status == "final" else "status_draft")
        details = [
            text(self.q.title, self.lang),
            status,
            f"{self.doc.count()} {self.word('answers')}",
        ]
        date_question = self.q.question("workshop_date")
        if date_question is not None and self.answers.get("workshop_date"):
            details.insert(1, self.show(date_question, self.answers["workshop_date"]))
        return [bar, Text(" · ".join(details), style="bold"), ""]

    def progress(self, section: Section) -> Progress:
        shown = answered = missing = 0
        deferred = 0
        for question in section.questions:
            if not conditions.is_shown(question.when, self.answers):
                continue
            shown += 1
            value = self.answers.get(question.id)
            if not values.is_empty(value):
                answered += 1
            elif question.required:
                missing += 1
            if any(p == question.id or p.startswith(f"{question.id}[") for p in self.deferred):
                deferred += 1
        return Progress(section, shown, answered, missing, deferred)

    def completeness(self, sections: list[Section]) -> RenderableType:
        table = self.table(
            self.word("completeness"),
            self.word("section"),
            self.word("answered"),
            "",
            self.word("missing"),
            self.word("deferred"),
            grow=0,
        )
        for progress in (self.progress(s) for s in sections):
            share = progress.answered / progress.shown if progress.shown else 1.0
            colour = "green" if share >= 1 else "yellow" if share >= 0.5 else "red"
            table.add_row(
                text(progress.section.title, self.lang),
                f"{progress.answered}/{progress.shown}",
                f"[{colour}]{_bar(share, 10)}[/]",
                f"[red]{progress.missing_required}[/]" if progress.missing_required else "·",
                f"[magenta]{progress.deferred}[/]" if progress.deferred else "·",
            )
        return table

    # --- panels ------------------------------------------------------------------------------

    def needs(self) -> RenderableType | None:
        needs, items = self.list_parts("needs")
        domain, priority = self.field(needs, "domain"), self.field(needs, "priority")
        if needs is None or domain is None or priority is None:
            return None
        urgency = self.field(needs, "urgency")
        columns = [self.word("id"), self.label(needs), self.label(priority)]
        table = self.table(
            self.word("needs"), *columns, *([self.label(urgency)] if urgency else [])
        )
        for choice, group in _grouped(items, "domain", domain):
            self.group_row(table, self.show(domain, choice), len(group))
            for item in sorted(group, key=lambda i: -_number(i.get("priority"))):
                row = [
                    _escape(item.get("id", "")),
                    _escape(item.get("title") or ""),
                    display.level(item.get("priority"), priority),
                ]
                if urgency:
                    row.append(display.level(item.get("urgency"), urgency))
                table.add_row(*row)
        if not items:
            table.add_row("", f"[italic]{self.word('none_yet')}[/]", *[""] * (len(columns) - 1))
        return table

    def resources(self) -> RenderableType | None:
        resources, items = self.list_parts("resources")
        kind, availability = self.field(resources, "type"), self.field(resources, "availability")
        if resources is None or kind is None or availability is None:
            return None
        trend = self.field(resources, "trend")
        table = self.table(
            self.word("resources"),
            self.word("id"),
            self.label(resources),
            self.label(availability),
            self.word("trend"),
        )
        for choice, group in _grouped(items, "type", kind):
            self.group_row(table, self.show(kind, choice), len(group))
            for item in sorted(group, key=lambda i: _number(i.get("availability"))):
                level = _number(item.get("availability"))
                direction = str(item.get("trend") or "")
                tension = (0 < level <= 2) or direction in ("baisse", "forte_baisse")
                shown_trend = (
                    f"{_TREND_ARROW.get(direction, '')} {self.show(trend, direction or None)}"
                )
                table.add_row(
                    _escape(item.get("id", "")),
                    _escape(item.get("title") or ""),
                    display.level(item.get("availability"), availability),
                    shown_trend.strip(" —") + (" [bold red]⚠[/]" if tension else ""),
                )
        if not items:
            table.add_row("", f"[italic]{self.word('none_yet')}[/]", "", "")
        else:
            table.caption = f"⚠ {self.word('tension_note')}"
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
            self.word("partners"),
            self.word("id"),
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
                if f.type == "reference" and isinstance(value, list):
                    cells.append(_escape(", ".join(map(str, value))))  # ids: short
                else:
                    cells.append(self.show(f, value))
            table.add_row(_escape(item.get("id", "")), _escape(item.get("name") or ""), *cells)
        if not items:
            table.add_row("", f"[italic]{self.word('none_yet')}[/]", *["" for _ in fields])
        return table

    def money(self) -> RenderableType | None:
        funding, items = self.list_parts("funding")
        family = self.field(funding, "family")
        if funding is None or family is None or self.field(funding, "amount") is None:
            return None
        table = self.table(
            self.word("money"),
            self.label(family),
            "",
            "%",
            self.label(self.field(funding, "amount")),
            grow=0,
        )
        totals: dict[Any, float] = {}
        secured = 0.0
        for item in items:
            amount = _number(item.get("amount"))
            totals[item.get("family")] = totals.get(item.get("family"), 0.0) + amount
            if item.get("secured") is True:
                secured += amount
        grand = sum(totals.values())
        targets = {
            "public": "target_public_share",
            "prive": "target_private_share",
            "revenus_activite": "target_earned_share",
        }
        for key in [*(c.id for c in family.choices or []), None]:
            if key not in totals:
                continue
            share = totals[key] / grand if grand else 0.0
            target = self.answers.get(targets.get(str(key), ""))
            note = ""
            if isinstance(target, int | float) and not isinstance(target, bool):
                shown = display.percent(target / 100, self.lang)
                note = f" [dim]({self.word('target')} {shown})[/]"
            table.add_row(
                self.show(family, key) if key is not None else "?",
                f"[cyan]{_bar(share, 16)}[/]",
                f"{_percent(share, self.lang)}{note}",
                display.money(totals[key], self.lang, self.q.currency),
            )
        if grand:
            table.add_row(
                f"[bold]{self.word('total')}[/]",
                f"[green]{_bar(secured / grand, 16)}[/]",
                f"{_percent(secured / grand, self.lang)} {self.word('secured')}",
                f"[bold]{display.money(grand, self.lang, self.q.currency)}[/]",
            )
        else:
            table.add_row(f"[italic]{self.word('none_yet')}[/]", "", "", "")
        return table

    def open_items(self) -> RenderableType:
        from rich.console import Group
        from rich.markup import escape
        from rich.text import Text

        lines: list[str] = []
        for path in self.deferred:
            lines.append(f"[magenta]↻ {escape(path)}[/] {escape(self.path_label(path))}")
        for problem in validate(self.doc, self.q):
            colour = "red" if problem.severity == "error" else "yellow"
            where = f"{problem.question}: " if problem.question else ""
            lines.append(f"[{colour}]• {escape(where)}[/]{escape(problem.message)}")
        body = "\n".join(lines) if lines else f"[green]{self.word('nothing_open')}[/]"
        return Group(Text(self.word("open"), style="bold cyan"), body)

    def path_label(self, path: str) -> str:
        base, _, rest = path.partition("[")
        question = self.q.question(base)
        if question is None:
            return ""
        if not rest:
            return f"— {self.label(question)}"
        item_id, _, field_id = rest.partition("].")
        field = question.field(field_id)
        return f"— {item_id} › {self.label(field)}" if field else ""

    # --- one section ---------------------------------------------------------------------------

    def section_detail(self, section: Section) -> Iterator[RenderableType]:
        table = self.table(
            text(section.title, self.lang),
            msg("Question", self.lang),
            msg("Answer", self.lang),
            grow=None,
        )
        lists = []
        for question in section.questions:
            shown = conditions.is_shown(question.when, self.answers)
            value = self.answers.get(question.id)
            if not shown and values.is_empty(value):
                continue
            answer = self.show(question, value)
            if question.id in self.deferred:
                answer += "  [magenta](" + msg("to review", self.lang) + ")[/]"
            if not shown:
                answer += "  " + msg("(no longer applies)", self.lang)
            table.add_row(_escape(self.label(question)), answer)
            if question.is_list and isinstance(value, list) and value:
                lists.append(question)
        yield table
        for question in lists:
            yield self.items_table(question)

    def items_table(self, question: Question) -> RenderableType:
        """A list's items with their short fields (long text is in the file and the report)."""
        _, items = self.list_parts(question.id)
        title = question.field(question.item_title or "")
        short = [
            f
            for f in question.fields or []
            if f is not title and f.type not in ("text", "textarea")
        ][:5]
        fields = ([title] if title else []) + short
        table = self.table(
            self.label(question), self.word("id"), *[self.label(f) for f in fields], grow=None
        )
        for index, column in enumerate(table.columns):
            column.ratio = None if index == 0 else 3 if index == 1 and title else 2
            column.no_wrap = index == 0
        for item in items:
            table.add_row(
                _escape(item.get("id", "")), *[self.show(f, item.get(f.id)) for f in fields]
            )
        return table


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


def _escape(value: Any) -> str:
    from rich.markup import escape

    return escape(str(value))


def _percent(share: float, lang: str) -> str:
    return display.percent(round(share, 2), lang)


def _bar(share: float, width: int) -> str:
    share = min(max(share, 0.0), 1.0)
    full = round(share * width)
    return "█" * full + "░" * (width - full)


def _number(value: Any) -> float:
    return values.as_number(value) or 0.0

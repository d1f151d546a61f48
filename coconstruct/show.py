"""`show`: where the workshop stands, for the projector between two sessions.

Completeness per section, needs by domain and priority, resources by type and tension, partners,
the money mix as bars, open and deferred items. Panels about needs, resources, partners and money
appear when the questionnaire has those questions (the built-in `territoire` does); any other
questionnaire still gets completeness, answers and open items. Built with rich only: `show` must
start instantly, so no questionary, weasyprint or matplotlib here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coconstruct import conditions, display, values
from coconstruct.answers import AnswersFile
from coconstruct.errors import UsageError
from coconstruct.messages import msg
from coconstruct.questionnaire import Question, Questionnaire, Section, text
from coconstruct.validation import items_index, validate

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
        "tension": "tension",
        "partners": "Partenaires",
        "money": "Plan de financement",
        "secured": "dont acquis",
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
        "tension": "tension",
        "partners": "Partners",
        "money": "Funding plan",
        "secured": "of which secured",
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


def _word(key: str, lang: str) -> str:
    return _WORDS.get(lang, _WORDS["en"])[key]


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

    view = _View(doc, questionnaire, lang)
    if section is not None:
        found = questionnaire.section(section)
        if found is None:
            known = ", ".join(s.id for s in questionnaire.sections)
            raise UsageError(f"--section {section}: no such section (sections: {known})")
        return Group(view.title(), view.completeness([found]), *view.section_detail(found))
    panels = [p for p in view.panels() if p is not None]
    if width < WIDE:
        return Group(
            view.title(), view.completeness(questionnaire.sections), *panels, view.open_items()
        )
    from rich.table import Table

    left, right = panels[: (len(panels) + 1) // 2], panels[(len(panels) + 1) // 2 :]
    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(
        Group(view.completeness(questionnaire.sections), *left), Group(*right, view.open_items())
    )
    return Group(view.title(), grid)


class _View:
    def __init__(self, doc: AnswersFile, questionnaire: Questionnaire, lang: str) -> None:
        self.doc, self.q, self.lang = doc, questionnaire, lang
        self.answers = doc.plain()
        self.items = items_index(questionnaire, self.answers)
        self.deferred = doc.deferred

    # --- helpers ---------------------------------------------------------------------------------

    def label(self, question: Question | None) -> str:
        return text(question.label, self.lang) if question is not None else ""

    def show(self, question: Question | None, value: Any) -> str:
        if question is None:
            return ""
        return display.answer(question, value, self.lang, self.items, self.q.currency)

    def list_parts(self, list_id: str) -> tuple[Question | None, list[dict[str, Any]]]:
        question = self.q.question(list_id)
        raw = self.answers.get(list_id)
        items = [i for i in raw if isinstance(i, dict)] if isinstance(raw, list) else []
        return question, items

    def field(self, list_question: Question | None, field_id: str) -> Question | None:
        return list_question.field(field_id) if list_question is not None else None

    def table(self, title: str, *columns: str) -> Table:
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
        for column in columns:
            table.add_column(column, overflow="fold")
        return table

    # --- header and progress ---------------------------------------------------------------------

    def title(self) -> RenderableType:
        from rich.text import Text

        territory = self.answers.get("territory_name") or self.doc.path.stem
        status = _word("status_final" if self.doc.status == "final" else "status_draft", self.lang)
        line = Text.assemble(
            (f" {territory} ", "bold white on blue"),
            "  ",
            (text(self.q.title, self.lang), "bold"),
        )
        date_question = self.q.question("workshop_date")
        details = [status, f"{self.doc.count()} {_word('answers', self.lang)}"]
        if date_question is not None and self.answers.get("workshop_date"):
            details.insert(0, self.show(date_question, self.answers["workshop_date"]))
        line.append("  ·  " + " · ".join(details))
        return line

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
            _word("completeness", self.lang),
            _word("section", self.lang),
            _word("answered", self.lang),
            "",
            _word("missing", self.lang),
            _word("deferred", self.lang),
        )
        table.columns[2].overflow = "crop"
        table.columns[2].no_wrap = True
        for progress in (self.progress(s) for s in sections):
            share = progress.answered / progress.shown if progress.shown else 1.0
            colour = "green" if share >= 1 else "yellow" if share >= 0.5 else "red"
            table.add_row(
                text(progress.section.title, self.lang),
                f"{progress.answered}/{progress.shown}",
                f"[{colour}]{_bar(share, 12)}[/]",
                f"[red]{progress.missing_required}[/]" if progress.missing_required else "·",
                f"[magenta]{progress.deferred}[/]" if progress.deferred else "·",
            )
        return table

    # --- panels ------------------------------------------------------------------------------

    def panels(self) -> Iterator[RenderableType | None]:
        yield self.needs()
        yield self.resources()
        yield self.partners()
        yield self.money()

    def needs(self) -> RenderableType | None:
        needs, items = self.list_parts("needs")
        domain, priority = self.field(needs, "domain"), self.field(needs, "priority")
        if needs is None or domain is None or priority is None:
            return None
        urgency = self.field(needs, "urgency")
        table = self.table(
            _word("needs", self.lang),
            self.label(domain),
            _word("id", self.lang),
            self.label(needs),
            self.label(priority),
            *([self.label(urgency)] if urgency else []),
        )
        order: dict[Any, int] = {c.id: i for i, c in enumerate(domain.choices or [])}
        ranked = sorted(
            items, key=lambda i: (order.get(i.get("domain"), 99), -_number(i.get("priority")))
        )
        previous = None
        for item in ranked:
            shown_domain = self.show(domain, item.get("domain"))
            row = [
                f"[bold]{shown_domain}[/]" if shown_domain != previous else "",
                str(item.get("id", "")),
                str(item.get("title") or ""),
                _dots(item.get("priority"), priority),
            ]
            if urgency:
                row.append(_dots(item.get("urgency"), urgency))
            table.add_row(*row)
            previous = shown_domain
        if not items:
            table.add_row("", "", f"[italic]{_word('none_yet', self.lang)}[/]", "")
        return table

    def resources(self) -> RenderableType | None:
        resources, items = self.list_parts("resources")
        kind, availability = self.field(resources, "type"), self.field(resources, "availability")
        if resources is None or kind is None or availability is None:
            return None
        trend = self.field(resources, "trend")
        table = self.table(
            _word("resources", self.lang),
            self.label(kind),
            _word("id", self.lang),
            self.label(resources),
            self.label(availability),
            self.label(trend) if trend else "",
        )
        order: dict[Any, int] = {c.id: i for i, c in enumerate(kind.choices or [])}
        ranked = sorted(
            items, key=lambda i: (order.get(i.get("type"), 99), _number(i.get("availability")))
        )
        previous = None
        for item in ranked:
            shown_kind = self.show(kind, item.get("type"))
            level = _number(item.get("availability"))
            direction = str(item.get("trend") or "")
            tension = (0 < level <= 2) or direction in ("baisse", "forte_baisse")
            arrow = _TREND_ARROW.get(direction, "")
            flag = f" [bold red]⚠ {_word('tension', self.lang)}[/]" if tension else ""
            table.add_row(
                f"[bold]{shown_kind}[/]" if shown_kind != previous else "",
                str(item.get("id", "")),
                str(item.get("title") or ""),
                _dots(item.get("availability"), availability),
                f"{arrow} {self.show(trend, item.get('trend')) if trend else ''}".strip() + flag,
            )
            previous = shown_kind
        if not items:
            table.add_row("", "", f"[italic]{_word('none_yet', self.lang)}[/]", "", "")
        return table

    def partners(self) -> RenderableType | None:
        partners, items = self.list_parts("partners")
        if partners is None:
            return None
        fields = [self.field(partners, f) for f in ("actor_type", "alliance_form", "commitment")]
        present = [f for f in fields if f is not None]
        table = self.table(
            _word("partners", self.lang),
            _word("id", self.lang),
            self.label(self.field(partners, "name")),
            *[self.label(f) for f in present],
        )
        for item in items:
            table.add_row(
                str(item.get("id", "")),
                str(item.get("name") or ""),
                *[self.show(f, item.get(f.id)) for f in present],
            )
        if not items:
            table.add_row("", f"[italic]{_word('none_yet', self.lang)}[/]", *["" for _ in present])
        return table

    def money(self) -> RenderableType | None:
        funding, items = self.list_parts("funding")
        family = self.field(funding, "family")
        if funding is None or family is None or self.field(funding, "amount") is None:
            return None
        table = self.table(
            _word("money", self.lang),
            self.label(family),
            "",
            "%",
            self.label(self.field(funding, "amount")),
        )
        table.columns[1].no_wrap = True
        table.columns[1].overflow = "crop"
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
        for choice in [*(family.choices or []), None]:
            key = choice.id if choice is not None else None
            if key not in totals:
                continue
            share = totals[key] / grand if grand else 0.0
            target = self.answers.get(targets.get(str(key), ""))
            note = (
                f"  ({_word('target', self.lang)} {display.number(target, self.lang)} %)"
                if isinstance(target, int | float) and not isinstance(target, bool)
                else ""
            )
            table.add_row(
                self.show(family, key) if key is not None else "?",
                f"[cyan]{_bar(share, 20)}[/]",
                f"{display.number(round(share * 100), self.lang)}{note}",
                display.money(totals[key], self.lang, self.q.currency),
            )
        if grand:
            table.add_row(
                f"[bold]{_word('total', self.lang)}[/]",
                f"[green]{_bar(secured / grand, 20)}[/]",
                f"{_word('secured', self.lang)} "
                f"{display.number(round(secured / grand * 100), self.lang)}",
                f"[bold]{display.money(grand, self.lang, self.q.currency)}[/]",
            )
        else:
            table.add_row(f"[italic]{_word('none_yet', self.lang)}[/]", "", "", "")
        return table

    def open_items(self) -> RenderableType:
        from rich.markup import escape
        from rich.text import Text

        lines: list[str] = []
        for path in self.deferred:
            lines.append(f"[magenta]↻ {escape(path)}[/] {escape(self.path_label(path))}")
        for problem in validate(self.doc, self.q):
            colour = "red" if problem.severity == "error" else "yellow"
            where = f"{problem.question}: " if problem.question else ""
            lines.append(f"[{colour}]• {escape(where)}[/]{escape(problem.message)}")
        body = "\n".join(lines) if lines else f"[green]{_word('nothing_open', self.lang)}[/]"
        title = Text(_word("open", self.lang), style="bold cyan")
        from rich.console import Group

        return Group(title, body, "")

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
            msg("run_col_question", self.lang),
            msg("run_col_answer", self.lang),
        )
        lists = []
        for question in section.questions:
            shown = conditions.is_shown(question.when, self.answers)
            value = self.answers.get(question.id)
            if not shown and values.is_empty(value):
                continue
            answer = self.show(question, value)
            if question.id in self.deferred:
                answer += f"  [magenta]({msg('run_deferred_tag', self.lang)})[/]"
            if not shown:
                answer += f"  {msg('run_not_applicable', self.lang)}"
            table.add_row(self.label(question), answer)
            if question.is_list and isinstance(value, list) and value:
                lists.append(question)
        yield table
        for question in lists:
            yield self.items_table(question)

    def items_table(self, question: Question) -> RenderableType:
        _, items = self.list_parts(question.id)
        fields = [f for f in question.fields or [] if f.type != "textarea"][:6]
        table = self.table(
            self.label(question), _word("id", self.lang), *[self.label(f) for f in fields]
        )
        for item in items:
            table.add_row(str(item.get("id", "")), *[self.show(f, item.get(f.id)) for f in fields])
        return table


def _bar(share: float, width: int) -> str:
    share = min(max(share, 0.0), 1.0)
    full = round(share * width)
    return "█" * full + "░" * (width - full)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def _dots(value: Any, question: Question) -> str:
    """A level as ●●●○○, out of the scale's highest level."""
    top = max((c.id for c in question.choices or [] if isinstance(c.id, int)), default=5)
    if isinstance(value, bool) or not isinstance(value, int):
        return "—"
    return "●" * value + "○" * max(top - value, 0)

"""`show --section NAME`: every question of a section with its answer, then each list as a
table; the action plan as one line per action and a calendar (show_plan.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg, nmsg
from coconstruct.model import conditions, display, values
from coconstruct.model.questionnaire import Question, Section, text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from coconstruct.terminal.show import _View


def section_detail(view: _View, section: Section) -> Iterator[RenderableType]:
    """Every question of a section with its answer, then each list as a table: the action
    plan as one line per action and a calendar. A question without an answer says so: a
    question skipped or never asked is not shown as answered."""
    table = view.table(
        text(section.title, view.lang),
        msg("Question", view.lang),
        msg("Answer", view.lang),
        grow=None,
    )
    lists = []
    for question in section.questions:
        shown = conditions.is_shown(question.when, view.answers)
        value = view.answers.get(question.id)
        if not shown and values.is_empty(value):
            continue
        listed = question.is_list and isinstance(value, list) and bool(value)
        if listed:  # its items are in a table below
            count = len(value) if isinstance(value, list) else 0
            answer = view.escape(nmsg("{n} item", "{n} items", count, view.lang))
        elif values.is_empty(value):
            answer = "[dim italic]" + msg("Not answered yet.", view.lang) + "[/]"
        else:
            answer = view.show(question, value)
        if question.id in view.doc.deferred:
            answer += "  [magenta](" + msg("to review", view.lang) + ")[/]"
        if not shown:
            answer += "  " + msg("(no longer applies)", view.lang)
        table.add_row(view.escape(view.label(question)), answer)
        if listed:
            lists.append(question)
    yield table
    # the plan last: its table and calendar close the section, where a pager ends
    for question in sorted(lists, key=lambda q: q.id == "actions"):
        yield ""
        if question.id == "actions":
            yield from plan(view, question)
        else:
            yield items_table(view, question)


def plan(view: _View, question: Question) -> Iterator[RenderableType]:
    """The action plan: one line per action, then the calendar."""
    from coconstruct.terminal import show_plan

    _, actions = view.list_parts(question.id)
    yield show_plan.plan_table(view, actions, view.label(question), view.width, cut=False)
    lines = list(show_plan.calendar(view, actions, view.width))
    if lines:
        yield ""
        yield "\n".join(lines)


def items_table(view: _View, question: Question) -> RenderableType:
    """A list's items with their short fields (long text is in the file and the report),
    laid out as the interview lays out a list: columns sized to their content, words never
    broken, levels as ●●●○○."""
    from rich import box
    from rich.table import Table

    from coconstruct.terminal import columns

    _, items = view.list_parts(question.id)
    title = question.field(question.item_title or "")
    short = [f for f in question.fields or [] if f is not title and not f.kind.words][:5]
    fields = ([title] if title else []) + short
    headers = [msg("Id", view.lang), *[view.label(f) for f in fields]]
    rows = [
        [str(item.get("id", "")), *[_plain(view, f, item.get(f.id)) for f in fields]]
        for item in items
    ]
    # box.SIMPLE_HEAD: a padding cell each side and a divider between two columns
    layout = columns.fit(headers, rows, view.width, title=1 if title else None, gap=3)
    table = Table(
        title=view.label(question),
        title_justify="left",
        title_style="bold cyan",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for index, width in zip(layout.kept, layout.widths, strict=True):
        table.add_column(headers[index], width=width, no_wrap=index == 0, overflow="fold")
    for row in rows:
        table.add_row(*[view.escape(row[index]) for index in layout.kept])
    return table


def _plain(view: _View, question: Question, value: Any) -> str:
    """A cell of a list's table, as text: a level as ●●●○○ (« — » when it is none)."""
    if (gauge := question.kind.gauge(value)) is not None:
        return gauge
    return display.answer(question, value, view.lang, view.items, view.q.currency)

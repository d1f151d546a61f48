"""Terminal output shared by commands: rich consoles and the questionnaire tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coconstruct.questionnaire import Question, Questionnaire, text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.tree import Tree


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


_TYPE_LABEL = {
    "fr": {
        "required": "obligatoire",
        "when": "si",
        "default": "défaut",
        "min": "min.",
        "timebox": "min",
        "items": "liste",
    },
    "en": {
        "required": "required",
        "when": "if",
        "default": "default",
        "min": "min",
        "timebox": "min",
        "items": "list",
    },
}


def print_questionnaire(q: Questionnaire, lang: str) -> None:
    from rich.tree import Tree

    words = _TYPE_LABEL.get(lang, _TYPE_LABEL["en"])
    root = Tree(
        f"[bold]{text(q.title, lang)}[/]  [dim]{q.id} v{q.version} · {', '.join(q.languages)}[/]"
    )
    for number, section in enumerate(q.sections, 1):
        timebox = f"  [dim]{section.timebox} {words['timebox']}[/]" if section.timebox else ""
        branch = root.add(
            f"[bold cyan]{number}. {text(section.title, lang)}[/]  [dim]{section.id}[/]{timebox}"
        )
        for question in section.questions:
            _add_question(branch, question, lang, words)
    console().print(root)


def _add_question(branch: Tree, question: Question, lang: str, words: dict[str, str]) -> None:
    from rich.markup import escape

    flags = []
    if question.required:
        flags.append(f"[red]{words['required']}[/]")
    if question.when:
        flags.append(f"[magenta]{words['when']} {escape(question.when)}[/]")
    if question.default is not None:
        flags.append(f"[dim]{words['default']} {escape(str(question.default))}[/]")
    kind: str = question.type
    if kind == "reference":
        kind = f"→ {question.to}{'[]' if question.multiple else ''}"
    elif kind == "list":
        kind = f"{words['items']} {question.item_prefix}1, {question.item_prefix}2…"
    node = branch.add(
        f"{escape(text(question.label, lang))}  [green]{question.id}[/] "
        f"[yellow]{escape(kind)}[/] " + " ".join(flags)
    )
    if question.choices:
        choices = " · ".join(f"{c.id}={text(c.label, lang)}" for c in question.choices)
        node.add(f"[dim]{escape(choices)}[/]")
    for field in question.fields or []:
        _add_question(node, field, lang, words)

"""The interview in a terminal: questionary prompts under a rich header, made for a projector.

This is the only module that imports questionary. Each screen is cleared and redrawn: a coloured
header bar (territory, section n/N, question k/K, minutes spent against the timebox), the question
in bold with its help underneath, then the prompt, so the room reads one thing at a time.

Navigation uses control keys bound on every prompt, listed in a hint line on every screen:

- Ctrl-B: previous question (B for back; also "before"). Escape was ruled out: prompt_toolkit
  waits to see whether an Escape starts a longer key sequence, so it reacts late and it is the
  first key of Esc-Enter. Arrow keys were ruled out: they move the cursor and the selection.
- Ctrl-R: set the question aside to come back to it later ("à Revoir").
- Ctrl-C or Ctrl-D: quit; every answer given is already saved.

Control keys work the same in every prompt (text, lists, menus) and never collide with an answer,
unlike typed special answers such as `<`, which would be valid text in a text field.

In a multi-line answer, Enter adds a line and Enter on an empty line finishes (Alt-Enter too):
people type one or two sentences, and "press Enter twice" is easy to say to a room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from questionary import Choice

from coconstruct.interview import BACK, DEFER, Ask, Header, Menu, Table
from coconstruct.messages import msg

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_NONE = "\x00none"  # questionary cannot tell a None value from "no value": stand-in for "no answer"
_FILTER_FROM = 8  # longer choice lists can be filtered by typing

STYLE = questionary.Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansicyan bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansigreen"),
        ("instruction", "fg:ansiyellow"),
        ("text", ""),
    ]
)


class TerminalPrompter:
    """The `Prompter` of a live workshop: one cleared screen per question."""

    def __init__(self, lang: str, console: Console | None = None) -> None:
        from coconstruct.console import console as make_console

        self.lang = lang
        self.console = console or make_console()
        self._notices: list[str] = []

    # --- Prompter -------------------------------------------------------------------------------

    def notice(self, message: str) -> None:
        self._notices.append(message)

    def ask(self, request: Ask) -> Any:
        from rich.markup import escape

        question = request.question
        label = escape(request.label)
        if question.required:
            label += f"  [yellow]({msg('run_required', self.lang)})[/]"
        if request.deferred:
            label += f"  [magenta]({msg('run_deferred_tag', self.lang)})[/]"
        self._screen(
            request.header,
            label,
            request.help,
            error=request.error,
            hint=self._format_hint(request),
        )
        kind = request.kind
        validate = _validator(request)
        prompt: questionary.Question
        if kind in ("text", "textarea"):
            prompt = questionary.text(
                "",
                default=request.text,
                validate=validate,
                qmark="›",
                style=STYLE,
                multiline=kind == "textarea",
                instruction=msg("run_textarea_hint", self.lang) + "\n"
                if kind == "textarea"
                else None,
            )
            if kind == "textarea":
                _finish_on_empty_line(prompt)
        elif kind == "checkbox":
            chosen = request.current if isinstance(request.current, list) else []
            choices = [
                Choice(o.label, o.value, checked=o.value in chosen, description=o.help or None)
                for o in request.options
            ]
            many = len(choices) >= _FILTER_FROM
            prompt = questionary.checkbox(
                "",
                choices=choices,
                validate=lambda selected: request.check(selected) or True,
                qmark="›",
                style=STYLE,
                use_jk_keys=not many,
                use_search_filter=many,
                instruction=msg("run_checkbox_hint", self.lang),
            )
        else:
            prompt = self._select(request.options, request.current, scale=question.type == "scale")
        reply = self._run(prompt, can_defer=True)
        return None if reply == _NONE else reply

    def choose(self, menu: Menu) -> Any:
        from rich.markup import escape

        self._screen(
            menu.header,
            escape(menu.title),
            menu.help,
            table=menu.table,
            error=menu.error,
            hint=msg("run_list_hint" if menu.can_defer else "run_menu_hint", self.lang),
        )
        prompt = self._select(menu.options, menu.default)
        reply = self._run(prompt, can_defer=menu.can_defer)
        return None if reply == _NONE else reply

    # --- drawing ------------------------------------------------------------------------------

    def _screen(
        self,
        header: Header,
        title: str,
        help_text: str,
        table: Table | None = None,
        error: str | None = None,
        hint: str = "",
    ) -> None:
        from rich.markup import escape

        out = self.console
        out.clear()
        out.print(header_bar(header, self.lang, out.width))
        if header.where:
            out.print(f"[bold cyan]{escape(header.where)}[/]")
        out.print()
        out.print(title, style="bold", highlight=False)
        if help_text:
            out.print(escape(help_text))
        if table is not None and table.rows:
            out.print(render_table(table))
        elif table is not None:
            out.print(f"[italic]{msg('run_list_empty', self.lang)}[/]")
        for notice in self._notices:
            out.print(f"[green]• {escape(notice)}[/]")
        self._notices.clear()
        if error:
            out.print(f"[bold red]✗ {escape(error)}[/]")
        out.print(f"[yellow]{escape(hint)}[/]")

    def _format_hint(self, request: Ask) -> str:
        hint = msg("run_nav_hint", self.lang)
        extra = _format_example(request, self.lang)
        return f"{extra}  ·  {hint}" if extra else hint

    def _select(self, options: Any, current: Any, scale: bool = False) -> questionary.Question:
        choices = [
            Choice(o.label, _NONE if o.value is None else o.value, description=o.help or None)
            for o in options
        ]
        values = [c.value for c in choices]
        default = _NONE if current is None and _NONE in values else current
        if default not in values:
            default = None
        many = len(choices) >= _FILTER_FROM and not scale
        return questionary.select(
            "",
            choices=choices,
            default=default,
            qmark="›",
            style=STYLE,
            use_shortcuts=scale,
            use_jk_keys=not many,
            use_search_filter=many,
            instruction=msg("run_select_hint", self.lang) if many else " ",
        )

    def _run(self, prompt: questionary.Question, can_defer: bool) -> Any:
        app = prompt.application
        app.key_bindings = merge_key_bindings(
            [app.key_bindings or KeyBindings(), _navigation(can_defer)]
        )
        return prompt.unsafe_ask()


def _navigation(can_defer: bool) -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-b", eager=True)
    def _back(event: KeyPressEvent) -> None:
        event.app.exit(result=BACK)

    if can_defer:

        @bindings.add("c-r", eager=True)
        def _defer(event: KeyPressEvent) -> None:
            event.app.exit(result=DEFER)

    @bindings.add("c-d", eager=True)
    def _eof(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError)

    @bindings.add("c-c", eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt)

    return bindings


def _finish_on_empty_line(prompt: questionary.Question) -> None:
    bindings = KeyBindings()

    @Condition
    def on_empty_last_line() -> bool:
        document = prompt.application.current_buffer.document
        return document.text.strip() == "" or (
            document.is_cursor_at_the_end and document.current_line == ""
        )

    @bindings.add("enter", filter=on_empty_last_line, eager=True)
    def _finish(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        buffer.text = buffer.text.rstrip("\n")
        buffer.validate_and_handle()

    @bindings.add("escape", "enter")
    def _finish_now(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def _validator(request: Ask) -> Any:
    def validate(typed: str) -> bool | str:
        return request.check(typed) or True

    return validate


def _format_example(request: Ask, lang: str) -> str:
    kind = request.question.type
    examples = {
        "date": {"fr": "15/03/2027 ou 2027-03-15", "en": "2027-03-15 or 15/03/2027"},
        "money": {"fr": "en euros : 12 500 ou 1 200,50", "en": "in euros: 12,500 or 1,200.50"},
        "percent": {"fr": "entre 0 et 100 : 12 ou 12,5 %", "en": "between 0 and 100: 12 or 12.5%"},
    }
    if kind in examples:
        return examples[kind][lang if lang in ("fr", "en") else "en"]
    if kind == "number" and request.question.unit:
        from coconstruct.questionnaire import text

        return text(request.question.unit, lang)
    return ""


def header_bar(header: Header, lang: str, width: int) -> RenderableType:
    """The bar on top of every screen, white on blue so that it reads from the back of a room."""
    from rich.table import Table as Grid
    from rich.text import Text

    section = msg("run_section", lang, n=header.section_number, total=header.section_count)
    left = Text.assemble(
        (f" {header.territory}", "bold"),
        "  ·  ",
        f"{section} : " if lang == "fr" else f"{section}: ",
        (header.section, "bold"),
    )
    minutes = int(header.elapsed_seconds // 60)
    if header.timebox_minutes:
        spent = msg("run_minutes", lang, spent=minutes, box=header.timebox_minutes)
    else:
        spent = msg("run_minutes_open", lang, spent=minutes)
    over = bool(header.timebox_minutes and minutes > header.timebox_minutes)
    right = Text.assemble(
        msg("run_question", lang, n=header.question_number, total=header.question_count),
        "  ·  ",
        (f"⏱ {spent} ", "bold yellow" if over else ""),
    )
    grid = Grid.grid(expand=True, padding=0)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(left, right)
    grid.style = "white on blue"
    return grid


def render_table(table: Table) -> RenderableType:
    from rich import box
    from rich.table import Table as RichTable

    out = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for index, column in enumerate(table.columns):
        out.add_column(
            column,
            style="bold" if index == 0 else None,
            overflow="fold",
            max_width=None if index else 8,
        )
    for row in table.rows:
        out.add_row(*row)
    return out

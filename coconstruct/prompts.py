"""The interview in a terminal: questionary prompts under a rich header, made for a projector.

This is the only module that imports questionary. Each screen is cleared and redrawn: a blue bar
(territory, section n/N, question k/K, minutes spent against the timebox), the question in bold
with its help underneath, a hint line naming the keys, then the answer field, so that the room
reads one thing at a time.

Navigation is done with control keys bound on every prompt, named on every screen:

- Ctrl-B goes back to the previous question (B for back).
- Ctrl-R sets the question aside to come back to it later ("à Revoir").
- Ctrl-C or Ctrl-D quits; every answer given is already saved.

Why control keys: they work the same in every prompt (text, lists, menus) and can never be an
answer, unlike a typed `<`, which is valid text. Escape was ruled out because prompt_toolkit waits
to see whether it starts a longer sequence (it reacts late, and Esc-Enter ends a multi-line text);
arrow keys were ruled out because they move the cursor and the selection.

Choosing is made quick too: typing filters a list of choices (accents optional, `mecenat` finds
« Mécénat »), a digit answers a scale at once, and in a multi-line answer Enter on an empty line
finishes ("press Enter twice" is easy to say to a room; Alt-Enter works too).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import prompt_toolkit.application.application as _pt_application
import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice
from questionary.prompts.common import InquirerControl

from coconstruct.i18n import msg
from coconstruct.interview import BACK, DEFER, Ask, Header, Menu, Table
from coconstruct.text import fold

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_NONE = "\x00none"  # questionary cannot tell a None value from "no value": stand-in for "no answer"

# Every prompt_toolkit Application builds its default key bindings (emacs, vi, mouse…) afresh: some
# 5 ms each, and a questionary select makes three Applications, for every screen. The bindings are
# stateless (handlers reach the running app through their event), so one set is shared.
for _name in ("load_key_bindings", "load_page_navigation_bindings"):
    setattr(_pt_application, _name, functools.cache(getattr(_pt_application, _name)))

STYLE = questionary.Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansicyan bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansigreen"),
        ("instruction", "fg:ansiyellow"),
        ("search_none", "fg:ansired bold"),
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
        title = f"[bold]{escape(request.label)}[/]"
        if question.required:
            title += "  [yellow](" + msg("required", self.lang) + ")[/]"
        if request.deferred:
            title += "  [magenta](" + msg("to review", self.lang) + ")[/]"
        kind = request.kind
        scale = question.type == "scale"
        keys = []
        if kind == "textarea":
            keys.append(msg("Enter on an empty line to finish", self.lang))
        elif kind == "checkbox":
            keys.append(msg("Space: tick · Enter: confirm", self.lang))
        elif scale:
            keys.append(msg("a digit answers", self.lang))
        if kind in ("select", "checkbox") and not scale and len(request.options) > 5:
            keys.append(msg("type to filter", self.lang))
        keys.append(
            msg(
                "Ctrl-B previous · Ctrl-R review later · Ctrl-C quit (everything is saved)",
                self.lang,
            )
        )
        self._screen(
            request.header, title, request.help, error=request.error, hint=" · ".join(keys)
        )
        prompt: questionary.Question
        if kind in ("text", "textarea"):
            prompt = questionary.text(
                "",
                default=request.text,
                qmark="›",
                style=STYLE,
                multiline=kind == "textarea",
                instruction="\n" if kind == "textarea" else _unit(request, self.lang),
            )
            if kind == "textarea":
                _finish_on_empty_line(prompt)
        elif kind == "checkbox":
            chosen = request.current if isinstance(request.current, list) else []
            choices = [
                Choice(o.label, o.value, checked=o.value in chosen, description=o.help or None)
                for o in request.options
            ]
            prompt = questionary.checkbox(
                "",
                choices=choices,
                qmark="›",
                style=STYLE,
                use_jk_keys=False,
                use_search_filter=True,
                instruction=" ",
            )
            _french_filter(prompt, self.lang)
            _scrolling(prompt)
            _summary_in_language(prompt, self.lang)
        else:
            prompt = self._select(request.options, request.current, scale=scale)
        reply = self._run(prompt, can_defer=True)
        return None if reply == _NONE else reply

    def choose(self, menu: Menu) -> Any:
        from rich.markup import escape

        if menu.can_defer:
            keys = [
                msg(
                    "↑↓ then Enter · Ctrl-B previous · Ctrl-R review later · Ctrl-C quit", self.lang
                )
            ]
        else:
            keys = [
                msg(
                    "↑↓ then Enter · Ctrl-B previous · Ctrl-C quit (everything is saved)", self.lang
                )
            ]
        if len(menu.options) > 5:
            keys.insert(0, msg("type to filter", self.lang))
        self._screen(
            menu.header,
            f"[bold]{escape(menu.title)}[/]",
            menu.help,
            table=menu.table,
            error=menu.error,
            hint=" · ".join(keys),
        )
        reply = self._run(self._select(menu.options, menu.default), can_defer=menu.can_defer)
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
        out.print(title)
        if help_text:
            out.print(escape(help_text))
        if table is not None and table.rows:
            out.print(render_table(table))
        elif table is not None:
            out.print("[italic]" + msg("No items yet.", self.lang) + "[/]")
        for notice in self._notices:
            out.print(f"[green]• {escape(notice)}[/]")
        self._notices.clear()
        if error:
            out.print(f"[bold red]✗ {escape(error)}[/]")
        if hint:
            out.print(f"[yellow]{escape(hint)}[/]")

    def _select(self, options: Any, current: Any, scale: bool = False) -> questionary.Question:
        # A scale is answered with its level's digit (0 for no answer, when 0 is not a level);
        # other lists filter as one types.
        levels = {str(o.value) for o in options if o.value is not None}
        choices = [
            Choice(
                o.label,
                _NONE if o.value is None else o.value,
                description=o.help or None,
                shortcut_key=_digit(o.value, levels) if scale else None,
            )
            for o in options
        ]
        values = [c.value for c in choices]
        default = _NONE if current is None and _NONE in values else current
        if default not in values:
            default = None
        prompt = questionary.select(
            "",
            choices=choices,
            default=default,
            qmark="›",
            style=STYLE,
            use_shortcuts=scale,
            use_jk_keys=False,
            use_search_filter=not scale,
            instruction=" ",  # the keys are named above: a wrapped prompt line hides the list
        )
        _plain_descriptions(prompt)
        _scrolling(prompt)
        if scale:
            _answer_with_digits(prompt, choices)
        else:
            _french_filter(prompt, self.lang)
        return prompt

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


def _closeness(wanted: str, title: str) -> int:
    """0: the title itself, 1: a title starting with it, 2: a title containing it."""
    if title.strip() == wanted.strip():
        return 0
    return 1 if title.startswith(wanted) else 2


class _FoldingControl(InquirerControl):  # type: ignore[misc]
    """questionary's list, filtered by what is typed whatever its accents or case."""

    nothing_matches = ""  # said under the filter when it matches no choice

    @property
    def filtered_choices(self) -> list[Any]:
        if not self.search_filter:
            return list(self.choices)
        wanted = fold(self.search_filter)
        found = [c for c in self.choices if isinstance(c.title, str) and wanted in fold(c.title)]
        self.found_in_search = bool(found)
        # the pointer lands on the first one: `hausse` means « Hausse », not « Forte hausse »
        found.sort(key=lambda c: _closeness(wanted, fold(str(c.title))))
        return found or list(self.choices)

    def get_search_string_tokens(self) -> Any:
        tokens = super().get_search_string_tokens()  # type: ignore[no-untyped-call]
        if tokens is not None and self.search_filter and not self.found_in_search:
            tokens.append(("class:search_none", f"  ✗ {self.nothing_matches}"))
        return tokens


def _scrolling(prompt: questionary.Question) -> None:
    """Let a long list of choices scroll when the screen is short, around the pointer.

    questionary gives the list all the height it asks for; on a projector with a large font
    (80×24), seventeen choices under a question do not fit, and prompt_toolkit then draws none.
    The list never grows past its choices either: the typed filter is drawn right under it, not
    at the bottom of the terminal where nobody looks.
    """
    from prompt_toolkit.filters import Always
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.dimension import Dimension

    for container in prompt.application.layout.walk():
        if isinstance(container, Window) and isinstance(container.content, InquirerControl):
            control = container.content

            def height(control: InquirerControl = control) -> Dimension:
                return Dimension(min=min(3, control.choice_count))

            container.height = height
            container.dont_extend_height = Always()


def _french_filter(prompt: questionary.Question, lang: str) -> None:
    """Typing filters the choices, accented letters included; no match, no answer.

    questionary only listens to ASCII keys for its filter, and when nothing matches it shows
    every choice with the first one under the pointer, so Enter would answer at random.
    """
    controls = [
        c for c in prompt.application.layout.find_all_controls() if isinstance(c, InquirerControl)
    ]
    if not controls:
        return
    control = controls[0]
    control.__class__ = _FoldingControl
    control.nothing_matches = msg("no choice matches (Backspace to correct)", lang)  # type: ignore[attr-defined]
    for other in prompt.application.layout.find_all_controls():
        # the line under the list was bound to the filter's text before the class changed
        text = getattr(other, "text", None)
        if getattr(text, "__func__", None) is InquirerControl.get_search_string_tokens:
            other.text = control.get_search_string_tokens  # type: ignore[attr-defined]
    bindings = KeyBindings()

    @bindings.add(Keys.Any)
    def _letter(event: KeyPressEvent) -> None:
        if len(event.data) == 1 and event.data.isprintable():
            control.add_search_character(event.data)  # type: ignore[arg-type]  # str works

    @Condition
    def nothing_matches() -> bool:
        return bool(control.search_filter) and not control.found_in_search

    @bindings.add("enter", filter=nothing_matches, eager=True)
    def _refuse(event: KeyPressEvent) -> None:
        """Nothing is chosen while the typed filter matches no choice."""

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def _summary_in_language(prompt: questionary.Question, lang: str) -> None:
    """Once a multiselect is answered, sum it up in the interview's language.

    questionary writes `done (2 selections)` (or `done`) in English; one choice stays its label.
    Its prompt line is the `message` of a PromptSession reached through the prompt's line prefix.
    """
    from prompt_toolkit.shortcuts import PromptSession

    control = next(
        c for c in prompt.application.layout.find_all_controls() if isinstance(c, InquirerControl)
    )
    for window in prompt.application.layout.find_all_windows():
        session = getattr(getattr(window.get_line_prefix, "func", None), "__self__", None)
        if isinstance(session, PromptSession):
            break
    else:
        return
    questionary_tokens: Any = session.message  # questionary's get_prompt_tokens()

    def tokens() -> Any:
        fragments = questionary_tokens()
        count = len(control.selected_options)
        if not control.is_answered or count == 1:
            return fragments
        summary = msg("{n} choices", lang, n=count) if count else msg("none chosen", lang)
        return [(style, summary if "answer" in style else text) for style, text in fragments]

    session.message = tokens


def _digit(value: Any, levels: set[str]) -> str | bool:
    """The key that answers a level of a scale at once (False: none, questionary shows `-)`)."""
    if value is None:
        return "0" if "0" not in levels else False
    return str(value) if len(str(value)) == 1 else False


def _answer_with_digits(prompt: questionary.Question, choices: list[Choice]) -> None:
    """On a scale, the level's digit is the answer: one key for the room's vote."""
    bindings = KeyBindings()
    for choice in choices:
        if isinstance(choice.shortcut_key, str):

            def answer(event: KeyPressEvent, value: Any = choice.value) -> None:
                event.app.exit(result=value)

            bindings.add(choice.shortcut_key, eager=True)(answer)
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


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


def _unit(request: Ask, lang: str) -> str | None:
    """What to type, next to where it is typed: `(habitants)`, `(€)`, `(JJ/MM/AAAA)`."""
    from coconstruct.questionnaire import text

    kind = request.question.type
    fr = lang == "fr"
    if kind == "date":
        return "(JJ/MM/AAAA)" if fr else "(YYYY-MM-DD)"
    if kind == "money":
        return "(€)" if request.currency == "EUR" else f"({request.currency})"
    if kind == "percent":
        return "(%)"
    if kind == "number" and request.question.unit:
        return f"({text(request.question.unit, lang)})"
    return None


def _plain_descriptions(prompt: questionary.Question) -> None:
    """Show a choice's help without questionary's English "Description:" prefix."""
    for control in prompt.application.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            tokens = control.text

            def without_prefix(tokens: Any = tokens) -> Any:
                return [
                    (style, "  ↳ " + part[len("  Description: ") :])
                    if part.startswith("  Description: ")
                    else (style, part)
                    for style, part, *_ in tokens()
                ]

            control.text = without_prefix


def header_bar(header: Header, lang: str, width: int) -> RenderableType:
    """The bar on top of every screen, white on blue so that it reads from the back of a room.

    When the line is too long the territory's name gives way first: the section and the clock
    are what the room needs.
    """
    from rich.cells import cell_len
    from rich.text import Text

    if not header.section_count:  # before the interview starts: just the file's name
        return Text(f" {header.territory}".ljust(width), style="bold white on blue", no_wrap=True)
    colon = " : " if lang == "fr" else ": "
    section = msg("Section {n}/{total}", lang, n=header.section_number, total=header.section_count)
    minutes = int(header.elapsed_seconds // 60)
    if header.timebox_minutes:
        spent = msg("{spent} min / {box}", lang, spent=minutes, box=header.timebox_minutes)
    else:
        spent = msg("{spent} min", lang, spent=minutes)
    over = bool(header.timebox_minutes and minutes > header.timebox_minutes)
    question = msg(
        "question {n}/{total}", lang, n=header.question_number, total=header.question_count
    )
    middle = f"  ·  {section}{colon}{header.section}"
    right = f"{question}  ·  ⏱ {spent} "
    room = width - cell_len(middle) - cell_len(right) - 3
    territory = header.territory
    if cell_len(territory) > max(room, 12):
        territory = territory[: max(room, 12) - 1] + "…"
    bar = Text.assemble(
        (f" {territory}", "bold"),
        middle[: len(middle) - len(header.section)],
        (header.section, "bold"),
        style="white on blue",
        no_wrap=True,
        overflow="ellipsis",
    )
    gap = width - cell_len(bar.plain) - cell_len(right)
    bar.append(" " * max(gap, 1))
    bar.append(right, style="bold yellow" if over else "")
    bar.truncate(width, overflow="ellipsis")
    return bar


def render_table(table: Table) -> RenderableType:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    out = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for index, column in enumerate(table.columns):
        out.add_column(
            column,
            style="bold" if index == 0 else None,
            overflow="fold",
            max_width=None if index else 8,
        )
    for row in table.rows:
        out.add_row(*(Text(cell) for cell in row))  # answers are text, never rich markup
    return out

"""The interview in a terminal: questionary prompts under a rich header, made for a projector.

Each screen is cleared and redrawn: a blue bar (territory, section n/N, question k/K, minutes
spent against the timebox), the question in bold with its help underneath, a hint line naming the
keys (keys.py binds them), then the answer field, so that the room reads one thing at a time.
Choosing is made quick too: typing filters a list of choices (accents optional, `mecenat` finds
« Mécénat »).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary import Choice, Separator
from rich.cells import cell_len

from coconstruct.interview import Ask, Header, Menu, Table
from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg, nmsg
from coconstruct.model.question_types.common import Entry
from coconstruct.terminal import columns, keys, prompt_patches

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_NONE = "\x00none"  # questionary cannot tell a None value from "no value": stand-in for "no answer"

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
        from coconstruct.terminal.console import console as make_console

        self.lang = lang
        self.console = console or make_console()
        prompt_patches.share_default_bindings()
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
        entry = request.entry
        typed = entry.typed
        scale = entry is Entry.LEVEL
        # how to answer is said where one answers (the prompt's line) when it is long, the
        # rest on the line of keys above; Ctrl-C says what it loses where something can be lost
        answering = []
        if entry is Entry.SEVERAL:
            answering.append(msg("type to filter", self.lang))
            quit_key = msg("Ctrl-C quit (ticks not confirmed are lost)", self.lang)
        elif typed:
            quit_key = msg("Ctrl-C quit (what is being typed is lost)", self.lang)
        else:
            answering.append(
                msg("a digit answers", self.lang) if scale else msg("↑↓ then Enter", self.lang)
            )
            if not scale:
                answering.append(msg("type to filter", self.lang))
            quit_key = msg("Ctrl-C quit", self.lang)
        navigation = [msg("Ctrl-B previous", self.lang), msg("Ctrl-R review later", self.lang)]
        navigation.append(quit_key)
        width, _ = self._fit_to_terminal()
        if typed:
            lines = len(columns.wrap(request.text, max(width - 4, 10))) if request.text else 1
            needs = lines + 1
        else:
            needs = min(len(request.options), MIN_LIST_ROWS) + 1
        used = self._screen(
            request.header,
            title,
            request.help,
            error=request.error,
            hint=hint_lines(answering, navigation, width),
            needs=needs,
        )
        prompt: questionary.Question
        if typed:
            lines_typed = entry is Entry.LINES
            prompt = questionary.text(
                "",
                default=request.text,
                qmark="›",
                style=STYLE,
                multiline=lines_typed,
                instruction=(
                    msg("Enter on an empty line to finish", self.lang) + "\n"
                    if lines_typed
                    else request.unit
                ),
            )
            if lines_typed:
                keys.finish_on_empty_line(prompt)
        elif entry is Entry.SEVERAL:
            chosen = request.current if isinstance(request.current, list) else []
            choices = [
                Choice(
                    columns.shorten(o.label, width - CHOICE_INDENT - 3),
                    o.value,
                    checked=o.value in chosen,
                    description=o.help or None,
                )
                for o in request.options
            ]
            prompt = questionary.checkbox(
                "",
                choices=choices,
                qmark="›",
                style=STYLE,
                use_jk_keys=False,
                use_search_filter=True,
                instruction=msg("Space: tick (Tab while filtering) · Enter: confirm", self.lang),
            )
            prompt_patches.french_filter(prompt, self.lang, several=True)
            prompt_patches.scrolling(prompt, self._rows_left(used))
            prompt_patches.summary_in_language(prompt, self.lang)
        else:
            choices = self._choices(request.options)
            prompt = self._select(choices, request.current, scale=scale)
            prompt_patches.scrolling(prompt, self._rows_left(used))
        reply = self._run(prompt, can_defer=True)
        return None if reply == _NONE else reply

    def choose(self, menu: Menu) -> Any:
        from rich.markup import escape

        width, _ = self._fit_to_terminal()
        several = len(menu.options) + len(menu.table.keys if menu.table else ()) > 1
        answering = [msg("↑↓ then Enter", self.lang)] if several else []  # a title card: Enter
        if menu.filter and several:
            answering.append(msg("type to filter", self.lang))
        navigation = [msg("Ctrl-B previous", self.lang)]
        if menu.can_defer:
            navigation.append(msg("Ctrl-R review later", self.lang))
        navigation.append(msg("Ctrl-C quit", self.lang))
        table = menu.table
        rows: list[Any] = []
        message = ""
        if table is not None and table.keys and table.rows:
            message, rows = table_choices(table, width - CHOICE_INDENT - 1)
            if menu.options:
                rows.append(Separator(" "))
        choices = rows + self._choices(menu.options)
        lines = sum(_lines(c) for c in choices)
        used = self._screen(
            menu.header,
            f"[bold]{escape(menu.title)}[/]",
            menu.help,
            table=None if table is not None and table.keys else table,
            error=menu.error,
            hint=hint_lines(answering, navigation, width),
            needs=min(lines, MIN_LIST_ROWS) + 1,
        )
        search = menu.filter and several
        prompt = self._select(choices, menu.default, search=search, message=message)
        prompt_patches.scrolling(prompt, self._rows_left(used))
        prompt_patches.highlight_rows(prompt)
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
        hint: list[str] | None = None,
        needs: int = 1,
    ) -> int:
        """Clear the screen and draw what comes above the prompt, within the terminal's height
        less the `needs` rows the prompt wants: the header bar, the question's title, the error
        and the keys always show; the help, a table and the blank line under the bar give way.
        Returns how many rows were drawn."""
        from rich.markup import escape
        from rich.text import Text

        out = self.console
        width, height = out.width, out.height
        fixed: list[RenderableType] = [header_bar(header, self.lang, width)]
        if header.where:
            fixed.append(Text(columns.shorten(header.where, width), style="bold cyan"))
        above = len(fixed)
        fixed.append(title)
        after: list[RenderableType] = []
        for notice in self._notices:
            after.append(f"[green]• {escape(notice)}[/]")
        self._notices.clear()
        if error:
            after.append(f"[bold red]✗ {escape(error)}[/]")
        for line in hint or []:
            after.append(Text(line, style="yellow"))
        room = height - needs - SAFETY - sum(self._height(r) for r in fixed + after)
        middle: list[RenderableType] = []
        blank = room > 0
        room -= 1 if blank else 0
        if help_text and room > 0:
            wrapped = [
                line for part in help_text.splitlines() for line in columns.wrap(part, width)
            ]
            if len(wrapped) > room:
                wrapped = columns.wrap(" ".join(help_text.split()), width, room)
            middle.append(Text("\n".join(wrapped)))
            room -= len(wrapped)
        if table is not None and table.rows:
            middle.extend(static_table(table, width, max(room, 2), self.lang))
        elif table is not None:
            middle.append("[italic]" + msg("No items yet.", self.lang) + "[/]")
        drawn = fixed[:above] + ([""] if blank else []) + fixed[above:] + middle + after
        out.clear()
        for renderable in drawn:
            out.print(renderable)
        return sum(self._height(r) for r in drawn)

    def _fit_to_terminal(self) -> tuple[int, int]:
        """The terminal's size now, as prompt_toolkit sees it: read from the terminal itself,
        not from COLUMNS and LINES, which a shell or a parent process may have left stale (the
        drawing above the prompt and the prompt would not agree)."""
        try:
            size = os.get_terminal_size(self.console.file.fileno())
        except (AttributeError, OSError, ValueError):
            return self.console.width, self.console.height
        self.console.size = (size.columns, size.lines)
        return size.columns, size.lines

    def _height(self, renderable: RenderableType) -> int:
        return len(self.console.render_lines(renderable, self.console.options, pad=False))

    def _rows_left(self, used: int) -> int:
        """The rows a list of choices may take under what was drawn: the rest of the screen but
        the prompt's own line, so that nothing above scrolls away."""
        return max(self.console.height - used - 1 - SAFETY, 3)

    def _choices(self, options: Any) -> list[Choice]:
        width = self.console.width - CHOICE_INDENT - 1
        return [
            Choice(
                columns.shorten(o.label, width),
                _NONE if o.value is None else o.value,
                description=o.help or None,
            )
            for o in options
        ]

    def _select(
        self,
        choices: list[Any],
        current: Any,
        scale: bool = False,
        search: bool = True,
        message: str = "",
    ) -> questionary.Question:
        # A scale is answered with its level's digit (0 for no answer, when 0 is not a level);
        # other lists filter as one types.
        if scale:
            levels = {str(c.value) for c in choices if c.value != _NONE}
            for choice in choices:
                value = None if choice.value == _NONE else choice.value
                choice.shortcut_key = keys.digit(value, levels)
        values = [c.value for c in choices if not isinstance(c, Separator)]
        default = _NONE if current is None and _NONE in values else current
        if default not in values:
            default = None
        search = search and not scale
        prompt = questionary.select(
            message,
            choices=choices,
            default=default,
            qmark="›",
            style=STYLE,
            use_shortcuts=scale,
            use_jk_keys=False,
            use_search_filter=search,
            instruction=" ",  # the keys are named above: a wrapped prompt line hides the list
        )
        prompt_patches.plain_descriptions(prompt)
        if scale:
            keys.answer_with_digits(prompt, choices)
        elif search:
            prompt_patches.french_filter(prompt, self.lang)
        return prompt

    def _run(self, prompt: questionary.Question, can_defer: bool) -> Any:
        app = prompt.application
        app.key_bindings = merge_key_bindings(
            [app.key_bindings or KeyBindings(), keys.navigation(can_defer)]
        )
        return prompt.unsafe_ask()


#: the rows a list of choices keeps at least, when the help above must give way
MIN_LIST_ROWS = 8
#: one row left free at the bottom: a terminal scrolls when the last row is written to
SAFETY = 1
#: a choice starts after the pointer: ` » `
CHOICE_INDENT = 3
#: a row of a table of choices takes at most this many lines (its screen shows the rest)
ROW_LINES = 3
#: fewer columns rather than rows taller than this on average (a list is scrolled through)
TALL = 1.5


def hint_lines(keys: list[str], navigation: list[str], width: int) -> list[str]:
    """The keys named on one line when they fit, else the answering keys on one line and the
    navigation on the next; never a line broken inside a key's words."""
    sep = " · "
    whole = sep.join(keys + navigation)
    if cell_len(whole) <= width:
        return [whole]
    lines: list[str] = []
    for group in (keys, navigation):
        line = ""
        for part in group:
            if line and cell_len(line + sep + part) > width:
                lines.append(line)
                line = part
            else:
                line = line + sep + part if line else part
        if line:
            lines.append(line)
    return lines


def table_choices(table: Table, width: int) -> tuple[str, list[Choice]]:
    """A table's rows as choices (its column titles as the prompt's line), laid out to `width`:
    columns sized to their content, empty ones dropped, long text wrapped at words."""
    rows = table.rows

    def fit(rows: tuple[tuple[str, ...], ...]) -> columns.Layout:
        return columns.fit(
            table.columns,
            rows,
            width,
            title=table.title,
            keep=table.keep,
            tall=table.tall or TALL,
            drop=table.drop,
        )

    layout = fit(rows)
    if table.coded:
        # the codes beside the names where they cost no line and no column
        coded = fit(table.coded)
        if coded.kept == layout.kept and _height(table.coded, coded) <= _height(rows, layout):
            rows, layout = table.coded, coded
    titles = columns.header_lines(table.columns, layout)
    header = " " + ("\n" + " " * CHOICE_INDENT).join(titles)
    choices = []
    for key, row, both in zip(table.keys, rows, table.coded or rows, strict=True):
        lines = columns.row_lines(row, layout, ROW_LINES)
        tokens = [("class:row", lines[0])]
        tokens += [("class:row", "\n" + " " * CHOICE_INDENT + line) for line in lines[1:]]
        choice = Choice(tokens, key)
        prompt_patches.set_search_text(choice, " ".join(both))  # « P6 » finds it too
        choices.append(choice)
    return header, choices


def _height(rows: tuple[tuple[str, ...], ...], layout: columns.Layout) -> int:
    return sum(len(columns.row_lines(row, layout, ROW_LINES)) for row in rows)


def static_table(table: Table, width: int, room: int, lang: str) -> list[RenderableType]:
    """A table to read (not to choose from), in at most `room` rows: the first rows, then how
    many more there are."""
    from rich.text import Text

    layout = columns.fit(
        table.columns, table.rows, width, title=table.title, keep=table.keep, tall=TALL
    )
    titles = columns.header_lines(table.columns, layout)
    out: list[RenderableType] = [Text("\n".join(titles), style="bold")]
    used = len(titles)
    for index, row in enumerate(table.rows):
        lines = columns.row_lines(row, layout, ROW_LINES)
        left = len(table.rows) - index
        if used + len(lines) > room - (1 if left > 1 else 0) and index:
            more = nmsg("… and {n} more", "… and {n} more", left, lang)
            out.append(Text(more, style="italic"))
            break
        out.append(Text("\n".join(lines)))
        used += len(lines)
    return out


def _lines(choice: Any) -> int:
    title = choice.title
    if isinstance(title, list):
        return 1 + sum(str(part[1]).count("\n") for part in title)
    return 1


#: the fewest cells the territory's name keeps in the header bar
TERRITORY_ROOM = 28


def middle_cut(text: str, width: int) -> str:
    """`text` in `width` cells at most, its middle replaced by « … »: a name's start and end say
    which it is (« Communauté de co…Quatre Vallées »)."""
    if len(text) <= width:
        return text
    keep = max(width - 1, 2)
    head = (keep + 1) // 2
    tail = keep - head
    return text[:head].rstrip() + "…" + (text[-tail:].lstrip() if tail else "")


def header_bar(header: Header, lang: str, width: int) -> RenderableType:
    """The bar on top of every screen, white on blue so that it reads from the back of a room.

    When the line is too long the territory's name gives way first: the section and the clock
    are what the room needs.
    """
    from rich.cells import cell_len
    from rich.text import Text

    if not header.section_count:  # before the interview starts: just the file's name
        return Text(f" {header.territory}".ljust(width), style="bold white on blue", no_wrap=True)
    colon = locale_for(lang).plain_colon
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
    lead = f"  ·  {section}{colon}"
    right = f"{question}  ·  ⏱ {spent} "
    # what is left for the two names: the territory keeps its start and its end (« Communauté
    # de co…Quatre Vallées »), readable at 100 columns; the section's title gives way first
    room = width - cell_len(lead) - cell_len(right) - 3
    least = min(TERRITORY_ROOM, room * 3 // 5)  # narrow terminals keep the clock whole
    named = min(cell_len(header.territory), max(room - cell_len(header.section), least))
    territory = middle_cut(header.territory, named)
    title = header.section
    if cell_len(title) > max(room - cell_len(territory), 8):
        title = title[: max(room - cell_len(territory), 8) - 1].rstrip() + "…"
    bar = Text.assemble(
        (f" {territory}", "bold"),
        lead,
        (title, "bold"),
        style="white on blue",
        no_wrap=True,
        overflow="ellipsis",
    )
    gap = width - cell_len(bar.plain) - cell_len(right)
    bar.append(" " * max(gap, 1))
    bar.append(right, style="bold yellow" if over else "")
    bar.truncate(width, overflow="ellipsis")
    return bar

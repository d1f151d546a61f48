"""The questionary and prompt_toolkit internals the terminal interview relies on, in one place.

Written for questionary 2.1 and prompt_toolkit 3.0 (pyproject caps both below their next major
version). Each function here reaches past the public API for one reason, given in its docstring;
tests/test_prompt_patches.py checks that every internal named here still exists and still has
the shape we use, and fails loudly, naming it, when an upgrade moves it.
"""

from __future__ import annotations

import functools
from typing import Any

import prompt_toolkit.application.application as pt_application
import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary.prompts.common import InquirerControl, Separator

from coconstruct.language.messages import msg
from coconstruct.model.text import fold

WRITTEN_FOR = {"questionary": "2.1", "prompt_toolkit": "3.0"}

#: what we use of questionary's InquirerControl (the list of choices) and of prompt_toolkit
INTERNALS = {
    InquirerControl: (
        "search_filter",
        "found_in_search",
        "filtered_choices",
        "get_search_string_tokens",
        "add_search_character",
        "choice_count",
        "is_answered",
        "selected_options",
        "choices",
        "text",
    ),
    pt_application: ("load_key_bindings", "load_page_navigation_bindings"),
}


def share_default_bindings() -> None:
    """Build prompt_toolkit's default key bindings once per process, not once per screen.

    Every Application builds them afresh (emacs, vi, mouse…): some 5 ms each, and a questionary
    select makes three Applications for every screen. They are stateless (handlers reach the
    running app through their event), so one set is shared. Called by the terminal prompter only:
    nothing changes for a process that does not run an interview.
    """
    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        loader = getattr(pt_application, name)
        if not hasattr(loader, "cache_info"):
            setattr(pt_application, name, functools.cache(loader))


def closeness(wanted: str, title: str) -> int:
    """0: the title itself, 1: a title starting with it, 2: a title containing it."""
    if title.strip() == wanted.strip():
        return 0
    return 1 if title.startswith(wanted) else 2


def set_search_text(choice: Any, text: str) -> None:
    """What typing matches in a choice whose title is laid out on several lines (a table's row):
    its cells' whole text, not the wrapped and shortened lines."""
    choice.coconstruct_search = text


def search_text(choice: Any) -> str:
    """The text a typed filter looks into: set by `set_search_text`, else the title's."""
    said = getattr(choice, "coconstruct_search", None)
    if said is not None:
        return str(said)
    if isinstance(choice.title, list):
        return "".join(str(part[1]) for part in choice.title)
    return str(choice.title)


class _FoldingControl(InquirerControl):  # type: ignore[misc]
    """questionary's list, filtered by what is typed whatever its accents or case."""

    nothing_matches = ""  # said under the filter when it matches no choice

    @property
    def filtered_choices(self) -> list[Any]:
        if not self.search_filter:
            return list(self.choices)
        wanted = fold(self.search_filter)
        found = [
            c
            for c in self.choices
            if not isinstance(c, Separator) and wanted in fold(search_text(c))
        ]
        self.found_in_search = bool(found)
        # the pointer lands on the first one: `hausse` means « Hausse », not « Forte hausse »
        found.sort(key=lambda c: closeness(wanted, fold(search_text(c))))
        return found or list(self.choices)

    def get_search_string_tokens(self) -> Any:
        tokens = super().get_search_string_tokens()  # type: ignore[no-untyped-call]
        if tokens is not None and self.search_filter and not self.found_in_search:
            tokens.append(("class:search_none", f"  ✗ {self.nothing_matches}"))
        return tokens


def scrolling(prompt: questionary.Question, rows: int | None = None) -> None:
    """Let a long list of choices scroll around the pointer, in at most `rows` rows.

    questionary gives the list all the height it asks for: a list taller than the room left under
    the question pushes the header and the question off the top of the screen (and one taller
    than the terminal is not drawn at all). Here the list takes at most `rows` (the room the
    prompter measured), two fewer while a typed filter is shown under it, and scrolls; a
    scrollbar on the right says that there is more, and the two lines under the pointer stay in
    view (the rest of a row on several lines). The list never grows past its choices either:
    the typed filter is drawn right under it, not at the bottom of the terminal where nobody looks.
    """
    from prompt_toolkit.filters import Always
    from prompt_toolkit.layout import ConditionalMargin, ScrollbarMargin, ScrollOffsets, Window
    from prompt_toolkit.layout.dimension import Dimension

    for container in prompt.application.layout.walk():
        if isinstance(container, Window) and isinstance(container.content, InquirerControl):
            control = container.content

            def most(control: InquirerControl = control) -> int | None:
                if rows is None:
                    return None
                return max(rows - (2 if control.search_filter else 0), 1)

            def height(control: InquirerControl = control) -> Dimension:
                top = most(control)
                least = min(3, control.choice_count)
                if top is None:
                    return Dimension(min=least)
                return Dimension(min=min(least, top), max=top)

            @Condition
            def taller(control: InquirerControl = control) -> bool:
                top = most(control)
                if top is None:
                    return False
                tokens: Any = control.text
                lines = 1 + sum(str(part[1]).count("\n") for part in tokens())
                return lines > top

            container.height = height
            container.dont_extend_height = Always()
            # the pointed choice is seen whole (a table's row takes up to three lines)
            container.scroll_offsets = ScrollOffsets(bottom=2)
            container.right_margins = [
                ConditionalMargin(ScrollbarMargin(display_arrows=True), filter=taller)
            ]


def highlight_rows(prompt: questionary.Question) -> None:
    """Show the pointed row of a table in the highlighted style, all its lines.

    questionary highlights a pointed choice only when its title is plain text; a table's row is
    a list of styled parts (`class:row`), drawn here as the pointed one when it follows the
    pointer, up to the line break that ends the choice.
    """
    for control in prompt.application.layout.find_all_controls():
        if isinstance(control, InquirerControl):
            tokens = control.text

            def highlighted(tokens: Any = tokens) -> Any:
                out, pointed = [], False
                for style, part, *rest in tokens():
                    if style == "class:pointer":
                        pointed = True
                    elif style == "" and part == "\n":
                        pointed = False
                    if pointed and style == "class:row":
                        style = "class:highlighted"
                    out.append((style, part, *rest))
                return out

            control.text = highlighted


def french_filter(prompt: questionary.Question, lang: str, several: bool = False) -> None:
    """Typing filters the choices, accented letters included; no match, no answer. Ctrl-U
    clears the filter, Home and End go to the first and the last choice shown.

    questionary only listens to ASCII keys for its filter, and when nothing matches it shows
    every choice with the first one under the pointer, so Enter would answer at random.
    `several` (a checkbox): Space ticks only while nothing is typed, so that a filter takes
    spaces (« Lot Habitat »); Tab ticks at any time; nothing is ticked while nothing matches.
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

    @bindings.add("c-u", eager=True)
    def _clear(event: KeyPressEvent) -> None:
        control.search_filter = None
        control.pointed_at = _first(control)

    @bindings.add("home", eager=True)
    def _home(event: KeyPressEvent) -> None:
        control.pointed_at = _first(control)

    @bindings.add("end", eager=True)
    def _end(event: KeyPressEvent) -> None:
        shown = control.filtered_choices
        control.pointed_at = next(
            (i for i in range(len(shown) - 1, -1, -1) if _selectable(shown[i])), 0
        )

    if several:

        @Condition
        def filtering() -> bool:
            return bool(control.search_filter)

        @bindings.add(" ", filter=filtering, eager=True)
        def _space(event: KeyPressEvent) -> None:
            control.add_search_character(" ")  # type: ignore[arg-type]  # str works

        @bindings.add("tab", filter=~nothing_matches, eager=True)
        def _tick(event: KeyPressEvent) -> None:
            pointed = control.get_pointed_at()
            if not _selectable(pointed):
                return
            if pointed.value in control.selected_options:
                control.selected_options.remove(pointed.value)
            else:
                control.selected_options.append(pointed.value)

        @bindings.add("tab", filter=nothing_matches, eager=True)
        def _no_tick(event: KeyPressEvent) -> None:
            """Nothing is ticked while the typed filter matches no choice."""

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def _selectable(choice: Any) -> bool:
    return not isinstance(choice, Separator) and not getattr(choice, "disabled", None)


def _first(control: Any) -> int:
    shown = control.filtered_choices
    return next((i for i, c in enumerate(shown) if _selectable(c)), 0)


def summary_in_language(prompt: questionary.Question, lang: str) -> None:
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


def plain_descriptions(prompt: questionary.Question) -> None:
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

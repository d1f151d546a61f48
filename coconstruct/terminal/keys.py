"""The keys bound on the interview's prompts, named on every screen.

Navigation is done with control keys bound on every prompt:

- Ctrl-B goes back to the previous question (B for back).
- Ctrl-R sets the question aside to come back to it later ("à Revoir").
- Ctrl-C or Ctrl-D quits; every answer given is already saved.

Why control keys: they work the same in every prompt (text, lists, menus) and can never be an
answer, unlike a typed `<`, which is valid text. Escape was ruled out because prompt_toolkit waits
to see whether it starts a longer sequence (it reacts late, and Esc-Enter ends a multi-line text);
arrow keys were ruled out because they move the cursor and the selection.

Answering is made quick too: a digit answers a scale at once, and in a multi-line answer Enter on
an empty line finishes ("press Enter twice" is easy to say to a room; Alt-Enter works too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings

from coconstruct.interview import BACK, DEFER

if TYPE_CHECKING:
    import questionary
    from questionary import Choice


def navigation(can_defer: bool) -> KeyBindings:
    """Ctrl-B back, Ctrl-R review later (`can_defer`), Ctrl-D and Ctrl-C quit."""
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


def digit(value: Any, levels: set[str]) -> str | bool:
    """The key that answers a level of a scale at once (False: none, questionary shows `-)`)."""
    if value is None:
        return "0" if "0" not in levels else False
    return str(value) if len(str(value)) == 1 else False


def answer_with_digits(prompt: questionary.Question, choices: list[Choice]) -> None:
    """On a scale, the level's digit is the answer: one key for the room's vote."""
    bindings = KeyBindings()
    for choice in choices:
        if isinstance(choice.shortcut_key, str):

            def answer(event: KeyPressEvent, value: Any = choice.value) -> None:
                event.app.exit(result=value)

            bindings.add(choice.shortcut_key, eager=True)(answer)
    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def finish_on_empty_line(prompt: questionary.Question) -> None:
    """In a multi-line answer, Enter on an empty line finishes (Alt-Enter at once)."""
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

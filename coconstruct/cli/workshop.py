"""The live workshop: the interview (`run`) and the room's phones (`serve`, `run --serve`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from coconstruct.cli import completion
from coconstruct.cli.app import (
    DotsOpt,
    LangOpt,
    LanOpt,
    PortOpt,
    QuestionnaireOpt,
    app,
    check_lang,
    say,
)
from coconstruct.cli.translation import Command
from coconstruct.errors import CoconstructError, ExitCode, UsageError
from coconstruct.language.messages import N_, msg, nmsg, ui_language


@app.command(cls=Command)
def run(
    file: Annotated[
        Path,
        typer.Argument(
            help="The answers file (created when missing).", dir_okay=False, metavar="FILE"
        ),
    ],
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = None,
    section: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--section",
            "-s",
            help="Start at this section (its id, e.g. besoins).",
            metavar="SECTION",
            autocompletion=completion.sections,
        ),
    ] = None,
    ask: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--ask",
            "-a",
            help="Ask only these questions, e.g. --ask population "
            "--ask 'needs[N2].priority' (repeat, or separate with commas).",
        ),
    ] = None,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve", help="Also open the room to phones (as coconstruct serve) while you type."
        ),
    ] = False,
    lan: LanOpt = False,
    port: PortOpt = 8765,
    dots: DotsOpt = 5,
) -> None:
    """Run the workshop live: one question at a time, every answer saved at once.

    Creates FILE when it is missing, otherwise resumes at the first question without an answer.
    Ctrl-B goes back, Ctrl-R sets a question aside to review later, Ctrl-C saves and quits.
    With --serve, the room votes and proposes post-its from its phones meanwhile.

    Example: coconstruct run atelier.yaml --lang fr
    """
    from coconstruct.errors import UsageError
    from coconstruct.language.messages import msg
    from coconstruct.model import fsio
    from coconstruct.model.answers_file import locked

    check_lang(lang)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            msg("run needs an interactive terminal (stdin and stdout are not a terminal)"),
            hint=msg(
                "from a script, fill answers with: coconstruct set {file} QUESTION=VALUE, "
                "then check them with: coconstruct validate {file}",
                file=file,
            ),
        )
    from coconstruct.interview import Interview, open_or_create
    from coconstruct.terminal.prompts import TerminalPrompter

    paths = [part.strip() for value in ask or [] for part in value.split(",") if part.strip()]
    prompter = TerminalPrompter(lang or ui_language())
    with locked(file):
        for removed in fsio.clean_stale_temp_files(file):
            prompter.notice(
                msg(
                    "Removed a temp file left by an interrupted session: {name}",
                    prompter.lang,
                    name=removed.name,
                )
            )
        try:
            doc, q = open_or_create(file, prompter, prompter.lang, questionnaire, lang)
        except (KeyboardInterrupt, EOFError):
            say(msg("Interrupted: {file} was not created.", prompter.lang, file=file), err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if serve:
            session = _interview_serving(
                file, doc, q, prompter, lang, paths, section, lan, port, dots
            )
        else:
            session = Interview(doc, q, prompter, lang=lang)
            prompter.lang = session.lang
            _migration_notice(doc, prompter, session.lang)
            if _asked(session, doc, paths, section):
                _interrupted(session, file)
    n = session.editor.answered()
    say(msg("Saved {n} answers to {file}", session.lang, n=n, file=file), style="green")
    say(msg("Next: coconstruct show {file} · coconstruct validate {file}", session.lang, file=file))


def _asked(session: Any, doc: Any, paths: list[str], section: str | None) -> bool:
    """Ask the questions (only `paths`, else from `section` on); True when interrupted."""
    try:
        if paths:
            session.ask_only(paths)
        else:
            session.run(section)
    except (KeyboardInterrupt, EOFError):
        doc.save()  # already saved after each answer; this makes sure of it
        return True
    return False


def _migration_notice(doc: Any, prompter: Any, lang: str) -> None:
    from coconstruct.model.migrations import notice

    if said := notice(doc, saves=True, lang=lang):
        prompter.notice(said)


def _interrupted(session: Any, file: Path) -> NoReturn:
    saved = msg("Saved {n} answers to {file}", session.lang, n=session.editor.answered(), file=file)
    say(
        f"\n{saved} — " + msg("resume with: coconstruct run {file}", session.lang, file=file),
        err=True,
    )
    raise typer.Exit(ExitCode.INTERRUPTED)


def _interview_serving(
    file: Path,
    doc: Any,
    q: Any,
    prompter: Any,
    lang: str | None,
    paths: list[str],
    section: str | None,
    lan: bool,
    port: int,
    dots: int,
) -> Any:
    """`run --serve`: the interview in this thread, the room's server in another, one Editor."""
    from coconstruct import serve as room
    from coconstruct.editing.editor import Editor
    from coconstruct.interview import Interview

    editor = Editor(doc, q, lang)
    workshop = room.Workshop(editor)
    service = room.RoomService.open(workshop, _check_dots(dots, editor.lang))
    sock = room.bind("0.0.0.0" if lan else "127.0.0.1", port, editor.lang)
    urls = room.urls(service, sock, lan)
    service.join_url = urls.join
    _room_banner(service, urls, editor.lang)
    say(msg("Press Enter to start the interview.", editor.lang))
    try:
        input()
    except (KeyboardInterrupt, EOFError):
        sock.close()
        settled = service.settled
        service.close(remove_journal=settled)
        if not settled:  # a room resumed with its vote open: say how to take it up again
            _room_closed(service, settled, file, editor.lang)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    shared = room.SharedPrompter(prompter, workshop.lock, service.interview_idle)
    session = Interview(doc, q, shared, lang=lang, editor=editor)
    prompter.lang = session.lang
    _migration_notice(doc, prompter, session.lang)
    with room.background(service, sock), workshop.lock:
        interrupted = _asked(session, doc, paths, section)
    # the server has stopped: nothing writes to the journal any more
    settled = service.settled
    service.close(remove_journal=settled)
    _room_closed(service, settled, file, session.lang)
    if interrupted:
        _interrupted(session, file)
    return session


def _check_dots(dots: int, lang: str | None = None) -> int:
    if not 1 <= dots <= 20:
        raise UsageError(msg("--dots {value}: choose from 1 to 20", lang, value=dots), lang=lang)
    return dots


def _room_banner(service: Any, urls: Any, lang: str) -> None:
    """The two URLs and the QR code to join, as the room's server starts."""
    snapshot = service.snapshot
    name = snapshot.territory or service.workshop.doc.path.name
    if service.resumed:
        say(
            nmsg(
                "Room resumed for {name}: {n} participant, voting {state}",
                "Room resumed for {name}: {n} participants, voting {state}",
                len(service.room.participants),
                lang,
                name=name,
                state=_voting_word(service.room.voting, lang),
            ),
            style="bold",
        )
    else:
        say(
            nmsg(
                "Room open for {name}: {n} dot per person",
                "Room open for {name}: {n} dots per person",
                service.room.dots,
                lang,
                name=name,
            ),
            style="bold",
        )
    say("  " + msg("Participants (phones, the QR code below): {url}", lang, url=urls.join))
    say("  " + msg("Facilitator (keep it to yourself): {url}", lang, url=urls.admin))
    say("  " + msg("Projector: {url}", lang, url=urls.screen))
    if not urls.lan:
        say(
            "  " + msg("Only this computer can connect; add --lan to let phones in.", lang),
            style="yellow",
        )
    from coconstruct.terminal.console import colours

    coloured = colours()
    for line in _qr_lines(urls.join, dark_text=not coloured and _light_terminal()):
        say(line, style=QR_STYLE)
    if not coloured:
        say("  " + msg("If a phone does not read this code, scan it on the projector.", lang))
    say(msg("Ctrl-C stops the server; every vote is on disk as soon as it is counted.", lang))


# The terminal QR code draws its light modules (and its quiet zone) as blocks in the text's colour,
# its dark ones as spaces: right on a dark terminal, a negative on a light one, which many phones'
# cameras do not read. With colours on, its own: blocks in white on black, on any terminal.
# Without colours, the terminal's own, as far as it says (COLORFGBG); the projector's page shows
# the code dark on white in any case.
QR_STYLE = "bright_white on black"
_NEGATIVE = str.maketrans("█▀▄ ", " ▄▀█")
_LAST_NEGATIVE = str.maketrans("▀ ", " ▀")  # the upper half swapped, the lower left blank


def _qr_lines(url: str, dark_text: bool = False) -> list[str]:
    """The QR code of `url` as half-block characters, two rows of modules a line; with
    `dark_text`, its dark modules are the blocks (text dark on a light terminal)."""
    import io

    import segno

    code = segno.make(url, error="m")
    out = io.StringIO()
    code.terminal(out=out, compact=True)
    lines = out.getvalue().splitlines()
    if not dark_text:
        return lines
    negative = [line.translate(_NEGATIVE) for line in lines]
    if code.symbol_size(scale=1, border=4)[1] % 2:  # an odd last row: its lower half is no module
        negative[-1] = lines[-1].translate(_LAST_NEGATIVE)
    return negative


def _light_terminal() -> bool:
    """Whether the terminal says its background is light (COLORFGBG: « 0;15 », rxvt, Konsole,
    iTerm2); not knowing, it is taken as dark, as most terminals are."""
    background = os.environ.get("COLORFGBG", "").rpartition(";")[2]
    return background in ("7", "15")


def _voting_word(state: str, lang: str) -> str:
    words = {"open": N_("open"), "closed": N_("closed"), "not_started": N_("not started")}
    return msg(words.get(state, state), lang)


@app.command(cls=Command)
def serve(
    file: Annotated[
        Path,
        typer.Argument(help="The answers file of the workshop.", dir_okay=False, metavar="FILE"),
    ],
    host: Annotated[
        str, typer.Option(help="The address to listen on.", metavar="ADDRESS")
    ] = "127.0.0.1",
    port: PortOpt = 8765,
    lan: LanOpt = False,
    dots: DotsOpt = 5,
    lang: LangOpt = None,
    questionnaire: QuestionnaireOpt = None,
) -> None:
    """Open the room to phones: they vote with dots and propose post-its; the projector shows it.

    Prints the participants' URL with a QR code and the facilitator's URL. Accepted post-its and
    the closed vote are written to FILE with the checks of set; every vote is on disk as soon as
    it is counted, in a journal beside FILE, so a restart resumes the room. Nothing leaves this
    computer.

    Example: coconstruct serve atelier.yaml --lan --dots 5
    """
    from coconstruct import serve as room
    from coconstruct.editing.editor import Editor
    from coconstruct.model import fsio
    from coconstruct.model.answers_file import locked
    from coconstruct.model.validation import load_checked

    check_lang(lang)
    with locked(file):
        fsio.clean_stale_temp_files(file)
        doc, q = load_checked(file, questionnaire)
        editor = Editor(doc, q)
        _check_dots(dots, editor.lang)
        workshop = room.Workshop(editor)
        service = room.RoomService.open(workshop, dots)
        service.lang = q.lang(lang or editor.lang)
        from coconstruct.model.migrations import notice

        if said := notice(doc, saves=False, lang=service.lang):
            say(said, err=True, style="yellow")
        try:
            sock = room.bind("0.0.0.0" if lan else host, port, service.lang)
        except CoconstructError:
            service.close(remove_journal=not service.resumed and service.settled)
            raise
        urls = room.urls(service, sock, lan)
        service.join_url = urls.join
        _room_banner(service, urls, service.lang)
        room.run(service, sock)
        settled = service.settled
        service.close(remove_journal=settled)
    _room_closed(service, settled, file, service.lang)


def _room_closed(service: Any, settled: bool, file: Path, lang: str) -> None:
    """What the room leaves behind as its server stops (`serve`, `run --serve`): its counts, and
    when the vote is still open or post-its wait (their journal kept, nothing in the file yet),
    how to take it up again."""
    counts = service.counts()
    say(
        msg(
            "Room closed: {participants}, {dots}, {ideas}",
            lang,
            participants=nmsg("{n} participant", "{n} participants", counts["participants"], lang),
            dots=nmsg("{n} dot placed", "{n} dots placed", counts["dots_placed"], lang),
            ideas=nmsg("{n} post-it", "{n} post-its", len(service.room.ideas), lang),
        ),
        style="green",
    )
    if not settled:
        say(
            msg(
                "Voting is still open or post-its are waiting: coconstruct serve {file} "
                "resumes the room with the same URLs.",
                lang,
                file=file,
            )
        )

"""The live workshop: the interview (`run`) and the room's phones (`serve`, `run --serve`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from coconstruct.cli import completion
from coconstruct.cli import room as room_cli
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
from coconstruct.language.messages import msg, ui_language


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
    lan_admin: room_cli.LanAdminOpt = False,
    show_admin: room_cli.ShowAdminOpt = False,
    behind_proxy: room_cli.BehindProxyOpt = False,
    hide_results: room_cli.HideResultsOpt = False,
    public_url: room_cli.PublicUrlOpt = None,
) -> None:
    """Run the workshop live: one question at a time, every answer saved at once.

    Creates FILE when it is missing, otherwise resumes at the first question without an answer.
    Ctrl-B goes back, Ctrl-R sets a question aside to review later, Ctrl-C saves and quits.
    With --serve, the room votes and proposes post-its from its phones meanwhile.

    Example: coconstruct run atelier.yaml --lang fr
    """
    from coconstruct.language.messages import msg
    from coconstruct.model import fsio
    from coconstruct.model.locking import locked

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
            listen = {
                "lan": lan,
                "port": port,
                "dots": dots,
                "show_admin": show_admin,
                "access": _access(lan_admin, behind_proxy),
                "hide_results": hide_results,
                "public_url": public_url,
            }
            session = _interview_serving(file, doc, q, prompter, lang, paths, section, listen)
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
    listen: dict[str, Any],
) -> Any:
    """`run --serve`: the interview in this thread, the room's server in another, one Editor.

    The server serves from the first screen on: the room scans the QR code while the
    facilitator reads the URLs, before Enter starts the interview."""
    from coconstruct import serve as room
    from coconstruct.editing.editor import Editor
    from coconstruct.interview import Interview

    editor = Editor(doc, q, lang)
    public_url = room.public_url_of(listen["public_url"], editor.lang)
    workshop = room.Workshop(editor)
    service = room.RoomService.open(workshop, room_cli.check_dots(listen["dots"], editor.lang))
    try:
        sock = room.bind("0.0.0.0" if listen["lan"] else "127.0.0.1", listen["port"], editor.lang)
    except CoconstructError:
        service.close(remove_journal=not service.resumed)
        raise
    urls = room.urls(service, sock, listen["lan"], public_url)
    service.join_url = urls.join
    service.short_url = urls.short
    service.hide_results = listen["hide_results"]
    interrupted = False
    session = None
    with room.background(service, sock, listen["access"]):
        room_cli.announce(service, urls, file, listen["show_admin"], editor.lang)
        say(msg("Press Enter to start the interview.", editor.lang))
        try:
            input()
        except (KeyboardInterrupt, EOFError):
            interrupted = True
        if not interrupted:
            shared = room.SharedPrompter(
                prompter, workshop.lock, service.interview_idle, service.interview_section
            )
            with workshop.lock:
                session = Interview(doc, q, shared, lang=lang, editor=editor)
                prompter.lang = session.lang
                _migration_notice(doc, prompter, session.lang)
                interrupted = _asked(session, doc, paths, section)
    # the server has stopped: nothing writes to the journal any more
    room_cli.closed(service, file, session.lang if session else editor.lang)
    if session is None:
        raise typer.Exit(ExitCode.INTERRUPTED)
    if interrupted:
        _interrupted(session, file)
    return session


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
    lan_admin: room_cli.LanAdminOpt = False,
    show_admin: room_cli.ShowAdminOpt = False,
    behind_proxy: room_cli.BehindProxyOpt = False,
    hide_results: room_cli.HideResultsOpt = False,
    public_url: room_cli.PublicUrlOpt = None,
) -> None:
    """Open the room to phones: they vote with dots and propose post-its; the projector shows it.

    Prints the participants' URL with a QR code and the projector's; the facilitator's page opens
    from this computer only, its URL kept in a file beside FILE (--show-admin prints it).
    Accepted post-its and the closed vote are written to FILE with the checks of set; every vote
    is on disk as soon as it is counted, in a journal beside FILE, so a restart resumes the room
    with the same URLs. Nothing leaves this computer.

    Example: coconstruct serve atelier.yaml --lan --dots 5
    """
    from coconstruct import serve as room
    from coconstruct.editing.editor import Editor
    from coconstruct.model import fsio
    from coconstruct.model.locking import locked
    from coconstruct.model.validation import load_checked

    check_lang(lang)
    with locked(file):
        fsio.clean_stale_temp_files(file)
        doc, q = load_checked(file, questionnaire)
        editor = Editor(doc, q)
        room_cli.check_dots(dots, editor.lang)
        public = room.public_url_of(public_url, lang or editor.lang)
        workshop = room.Workshop(editor)
        service = room.RoomService.open(workshop, dots)
        service.lang = q.lang(lang or editor.lang)
        from coconstruct.model.migrations import notice

        if said := notice(doc, saves=False, lang=service.lang):
            say(said, err=True, style="yellow")
        try:
            sock = room.bind("0.0.0.0" if lan else host, port, service.lang)
        except CoconstructError:
            service.close(remove_journal=not service.resumed)
            raise
        urls = room.urls(service, sock, lan, public)
        service.join_url = urls.join
        service.short_url = urls.short
        service.hide_results = hide_results
        room_cli.announce(service, urls, file, show_admin, service.lang)
        room.run(service, sock, _access(lan_admin, behind_proxy))
        room_cli.closed(service, file, service.lang)


def _access(lan_admin: bool, behind_proxy: bool) -> Any:
    from coconstruct.serve import Access

    return Access(lan_admin=lan_admin, behind_proxy=behind_proxy)

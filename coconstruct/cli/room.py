"""What `serve` and `run --serve` say as the room opens and closes: its URLs, the QR code, where
the facilitator's address is, and what is kept for the next time (no command here: workshop.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from coconstruct.cli.app import say
from coconstruct.errors import UsageError
from coconstruct.language.messages import N_, msg, nmsg

LanAdminOpt = Annotated[
    bool,
    typer.Option(
        "--lan-admin",
        help="Let the facilitator's page open from another computer of the network too "
        "(by default, from this one only).",
    ),
]
ShowAdminOpt = Annotated[
    bool,
    typer.Option(
        "--show-admin",
        help="Print the facilitator's URL (by default it is kept in a file beside FILE, "
        "since the terminal is often on the projector).",
    ),
]
BehindProxyOpt = Annotated[
    bool,
    typer.Option(
        "--behind-proxy",
        help="A tunnel or proxy on this computer forwards the phones: trust its X-Forwarded-For "
        "to tell them apart.",
    ),
]
PublicUrlOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--public-url",
        help="The address a tunnel gives the room (https://abc.example.net): the QR code and the "
        "printed URLs use it.",
        metavar="URL",
    ),
]
HideResultsOpt = Annotated[
    bool,
    typer.Option(
        "--hide-results",
        help="Keep the dots off the projector and the phones until the vote closes "
        "(the facilitator still sees them).",
    ),
]


def check_dots(dots: int, lang: str | None = None) -> int:
    if not 1 <= dots <= 20:
        raise UsageError(msg("--dots {value}: choose from 1 to 20", lang, value=dots), lang=lang)
    return dots


def announce(service: Any, urls: Any, file: Path, show_admin: bool, lang: str) -> None:
    """The URLs and the QR code to join, as the room's server starts; the facilitator's URL
    goes to a file beside the answers (mode 0600), printed only with --show-admin."""
    from coconstruct import serve as room

    kept = room.write_admin_file(file, urls.admin)
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
    if urls.short:
        say("  " + msg("Or type on a phone: {url}", lang, url=urls.short))
    say("  " + msg("Projector: {url}", lang, url=urls.screen))
    if show_admin:
        say("  " + msg("Facilitator (keep it to yourself): {url}", lang, url=urls.admin))
    else:
        say(
            "  "
            + msg(
                "Facilitator: open the address kept in {file} on this computer "
                "(--show-admin prints it)",
                lang,
                file=kept,
            )
        )
    if not urls.lan and not urls.public:
        say(
            "  " + msg("Only this computer can connect; add --lan to let phones in.", lang),
            style="yellow",
        )
    from coconstruct.terminal.console import colours

    coloured = colours()
    for line in qr_lines(urls.join, dark_text=not coloured and _light_terminal()):
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


def qr_lines(url: str, dark_text: bool = False) -> list[str]:
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


def closed(service: Any, file: Path, lang: str) -> None:
    """The room's server has stopped: its journal goes once the room is over (vote closed and
    written, no post-it waiting), else it stays, and with it the URLs for the next start; the
    counts are said, and how to take the room up again."""
    from coconstruct import serve as room

    finished = service.finished
    service.close(remove_journal=finished)
    if finished:
        room.admin_file(file).unlink(missing_ok=True)
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
    if finished:
        return
    if service.questions.waiting:
        say(
            msg(
                "The open question has answers not yet written: coconstruct serve {file} "
                "resumes the room with the same URLs and its words.",
                lang,
                file=file,
            )
        )
    elif service.settled:
        say(
            msg(
                "The room is kept until its vote is closed: coconstruct serve {file} opens it "
                "again with the same URLs.",
                lang,
                file=file,
            )
        )
    else:
        say(
            msg(
                "Voting is still open or post-its are waiting: coconstruct serve {file} "
                "resumes the room with the same URLs.",
                lang,
                file=file,
            )
        )

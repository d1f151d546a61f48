"""`coconstruct serve`: the room takes part from its phones; the answers file stays the truth.

    room.py         the room's state and rules: participants, dots, post-its, voting (no I/O)
    journal.py      every change as one JSON line beside the answers file, on disk before "yes"
    shared_file.py  the answers file through the one Editor, under one lock (shared with `run`)
    service.py      requests → records → journal → events; post-its and results → the file
    broker.py       the live events, one queue per page listening
    views.py        what the pages read of the room (the state as JSON)
    limits.py       rate limits per participant and per address (in memory)
    tokens.py       the tokens of the three URLs and the short code, kept as long as the room
    timer.py        the projector's timer: the facilitator's, else the interview's section
    routes/         the HTTP routes, one module per audience (phones, facilitator, projector…)
    app.py          the web application: the routes assembled, the security headers (starlette)
    pages.py        the pages in the reader's language, from the one catalog
    server.py       the socket, uvicorn, the URLs; alone or in a thread beside the interview

Nothing here is imported by `coconstruct --help`: starlette and uvicorn load with `serve` only.
"""

from __future__ import annotations

from coconstruct.serve.server import (
    Access,
    Urls,
    admin_file,
    background,
    bind,
    public_url_of,
    run,
    urls,
    write_admin_file,
)
from coconstruct.serve.service import RoomService
from coconstruct.serve.shared_file import SharedPrompter, Workshop

__all__ = [
    "Access",
    "RoomService",
    "SharedPrompter",
    "Urls",
    "Workshop",
    "admin_file",
    "background",
    "bind",
    "public_url_of",
    "run",
    "urls",
    "write_admin_file",
]

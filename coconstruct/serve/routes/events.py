"""What every page reads, with either token: the room as it is, then each change as it happens.

    GET /api/TOKEN/state    the needs with their dots and the counts (`?participant=ID`: theirs);
                            with the facilitator's token, the post-its and problems too (views.py);
                            the projector's token reads what every phone reads
    GET /api/TOKEN/events   server-sent events, one per change (broker.py)

A page reads the state, then listens; each time it (re)connects it reads the state again, so a
phone that slept misses nothing. A phone's address holds a few streams at most (a page and its
reloads), and a stream that stops reading is dropped rather than slow the room.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from coconstruct.serve import limits, views
from coconstruct.serve.broker import Stream
from coconstruct.serve.routes.guards import (
    ADMIN,
    ROOM,
    SCREEN,
    ServedRoom,
    address,
    check_api,
    check_participant,
    language,
    served,
    too_many,
)

KEEP_ALIVE = 15  # seconds of quiet before a comment line keeps proxies and phones connected
RETRY_MS = 2000  # how soon a browser reconnects after losing the stream
STREAM_BUSY_WAIT = 5  # the seconds a phone is told to wait when its address holds too many


async def state(request: Request) -> Response:
    role = check_api(request, ROOM, SCREEN, ADMIN, signed=True)
    service = served(request).service
    lang = language(request)
    participant = request.query_params.get("participant")
    if role == ROOM:
        check_participant(request, participant)
    if role == ADMIN:
        return JSONResponse(views.facilitator_state(service, lang))
    return JSONResponse(views.room_state(service, lang, participant))


async def events(request: Request) -> Response:
    """A phone that names its participant (`?participant=ID`) holds a few streams of its own;
    the others a few per address."""
    role = check_api(request, ROOM, SCREEN, ADMIN, signed=True)
    room = served(request)
    where, most = address(request), limits.STREAMS_PER_ADDRESS
    if role == ROOM:
        signer = check_participant(request, request.query_params.get("participant"))
        if signer is not None:
            where, most = "participant " + signer, limits.STREAMS_PER_PARTICIPANT
    if role == ROOM and room.streams[where] >= most:
        raise too_many(STREAM_BUSY_WAIT)
    queue = room.service.broker.listen(admin=role == ADMIN)
    room.streams[where] += 1
    return StreamingResponse(
        _stream(room, queue, where),
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )


async def _stream(room: ServedRoom, queue: Stream, where: str) -> AsyncIterator[bytes]:
    """`hello` with the voting state, then the events as they come, several at once if waiting."""
    try:
        hello = json.dumps({"voting": room.service.room.voting})
        yield f"retry: {RETRY_MS}\nevent: hello\ndata: {hello}\n\n".encode()
        while True:
            try:
                chunk = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if chunk is None:
                return
            parts = [chunk]
            while not queue.empty():
                more = queue.get_nowait()
                if more is None:
                    yield b"".join(parts)
                    return
                parts.append(more)
            yield b"".join(parts)
    finally:
        room.service.broker.leave(queue)
        room.streams[where] -= 1
        if not room.streams[where]:
            del room.streams[where]


ROUTES = [
    Route("/api/{token}/state", state),
    Route("/api/{token}/events", events),
]

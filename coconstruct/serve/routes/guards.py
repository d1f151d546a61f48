"""What every route of the room checks before it acts, and how a refusal is answered.

Who calls is told by the token in the path: the participants' or the facilitator's, and a wrong
token is the very answer of a path that does not exist (404). Phones are rate-limited by address
(limits.py), bodies are small JSON objects, and every refusal is `{"error", "message"}` in the
reader's language: `?lang=`, else the browser's Accept-Language, else the room's own language.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from coconstruct.language.messages import LANGUAGES, N_
from coconstruct.language.negotiation import negotiate
from coconstruct.serve import limits
from coconstruct.serve.room import Refused
from coconstruct.serve.service import RoomService

Role = Literal["room", "admin"]
ROOM: Role = "room"
ADMIN: Role = "admin"
BODY_LIMIT = 4096


@dataclass
class ServedRoom:
    """The room as its routes reach it (`request.app.state.room`): the service, and what the
    server itself remembers of its callers (in memory only, never written)."""

    service: RoomService
    limiter: limits.Limiter = field(default_factory=limits.Limiter)
    streams: Counter[str] = field(default_factory=Counter)  # live-event streams per address


def served(request: Request) -> ServedRoom:
    """The room this request is for."""
    room = request.app.state.room
    assert isinstance(room, ServedRoom)
    return room


def check_page(request: Request, *allowed: Role) -> Role:
    """Who the token in the path says the caller is; a 404 when it is none of `allowed`."""
    token = request.path_params.get("token", "").encode()  # non-ASCII: no match, not a crash
    tokens = served(request).service.tokens
    if ROOM in allowed and secrets.compare_digest(token, tokens.room.encode()):
        return ROOM
    if ADMIN in allowed and secrets.compare_digest(token, tokens.admin.encode()):
        return ADMIN
    raise HTTPException(404)  # the very answer of a path that does not exist


def check_api(request: Request, *allowed: Role) -> Role:
    """`check_page`, and a phone's address held to its rate (the facilitator's never is)."""
    role = check_page(request, *allowed)
    if role == ROOM:
        limit(request, "address", address(request), limits.REQUESTS_PER_ADDRESS)
    return role


def address(request: Request) -> str:
    return request.client.host if request.client else "?"


def limit(request: Request, scope: str, key: str, rate: limits.Rate) -> None:
    """Refuse with 429 (and how long to wait) when `key` went beyond `rate` in `scope`."""
    wait = served(request).limiter.take(scope, key, rate)
    if wait > 0:
        raise too_many(max(1, round(wait)))


def too_many(seconds: int) -> Refused:
    return Refused(
        429, "rate_limited", N_("Too many requests: wait {n} s and try again"), n=seconds
    )


def language(request: Request) -> str:
    """The reader's language: the page's switch (`?lang=`), the browser's, or the room's."""
    wanted = request.query_params.get("lang", "")
    if wanted in LANGUAGES:
        return wanted
    return negotiate(request.headers.get("accept-language")) or served(request).service.lang


async def read_json(request: Request) -> dict[str, Any]:
    """The request's body: a JSON object of at most `BODY_LIMIT` bytes, or `{}` when empty."""
    size = request.headers.get("content-length")
    if size is not None and (not size.isdigit() or int(size) > BODY_LIMIT):
        raise Refused(413, "too_large", N_("The request is too large"))
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > BODY_LIMIT:
            raise Refused(413, "too_large", N_("The request is too large"))
    if not data:
        return {}
    if "json" not in request.headers.get("content-type", ""):
        raise Refused(415, "not_json", N_("Send JSON (Content-Type: application/json)"))
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "bad_json", N_("The request is not valid JSON")) from None
    if not isinstance(value, dict):
        raise Refused(400, "bad_json", N_("The request is not a JSON object"))
    return value


async def answer_refusal(request: Request, refused: Exception) -> Response:
    """A `Refused` raised by any route, as the JSON the pages show (status, code, message)."""
    assert isinstance(refused, Refused)
    headers = {}
    if refused.status == 429:
        headers["retry-after"] = str(refused.values.get("n", 1))
    return JSONResponse(
        {"error": refused.code, "message": refused.text(language(request))},
        refused.status,
        headers=headers,
    )

"""What every route of the room checks before it acts, and how a refusal is answered.

Who calls is told by the token in the path: the participants', the projector's (it reads, never
decides) or the facilitator's, and a wrong token is the very answer of a path that does not exist
(404). The facilitator's token opens nothing but from the laptop itself (a loopback address, no
proxy's header) unless the room was started with `--lan-admin`: a photo of the facilitator's
screen gives a phone no power. Phones are rate-limited by address (limits.py), bodies are small
JSON objects, and every refusal is `{"error", "message"}` in the reader's language: the page's
switch (`?lang=`), else the answers file's.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from coconstruct.language.messages import LANGUAGES, N_
from coconstruct.serve import limits, pages
from coconstruct.serve.room import Refused
from coconstruct.serve.service import RoomService

Role = Literal["room", "admin", "screen"]
ROOM: Role = "room"
ADMIN: Role = "admin"
SCREEN: Role = "screen"
BODY_LIMIT = 4096
# the headers a proxy or a tunnel adds: a request carrying one came from elsewhere, whatever the
# socket's address says (a tunnel's client connects from the laptop itself)
FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")


@dataclass
class ServedRoom:
    """The room as its routes reach it (`request.app.state.room`): the service, and what the
    server itself remembers of its callers (in memory only, never written)."""

    service: RoomService
    lan_admin: bool = False  # --lan-admin: the facilitator's token opens from any address
    behind_proxy: bool = False  # --behind-proxy: X-Forwarded-For from loopback names the phone
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
    if SCREEN in allowed and secrets.compare_digest(token, tokens.screen.encode()):
        return SCREEN
    if (
        ADMIN in allowed
        and secrets.compare_digest(token, tokens.admin.encode())
        and (served(request).lan_admin or from_laptop(request))
    ):
        return ADMIN
    raise HTTPException(404)  # the very answer of a path that does not exist


def from_laptop(request: Request) -> bool:
    """The request comes from the computer running the room, and no proxy: a loopback address,
    or the very address the server listens on (`--host 192.168.1.23`: the laptop reaching its
    own interface connects from it)."""
    if any(name in request.headers for name in FORWARDED):
        return False
    client = request.client.host if request.client else ""
    server = request.scope.get("server") or ("", 0)
    return _loopback(client) or (bool(client) and client == server[0])


def check_api(request: Request, *allowed: Role, signed: bool = False) -> Role:
    """`check_page`, and a phone's request held to its address's rate (the facilitator's never
    is); `signed`: the route names its participant and calls `check_participant` instead."""
    role = check_page(request, *allowed)
    if role == ROOM and not signed:
        limit(request, "address", address(request), limits.REQUESTS_PER_ADDRESS)
    return role


def check_participant(request: Request, participant: Any) -> str | None:
    """A phone's request that names its participant: held to that participant's rate once
    joined, so that eighty phones behind one address (a venue's NAT, a tunnel) are not held
    back together; a request naming no one known is held to its address's. The key it was
    held by is returned when it is a participant's (for the streams it may hold)."""
    known = served(request).service.room.participants
    if isinstance(participant, str) and participant in known:
        limit(request, "participant", participant, limits.REQUESTS_PER_PARTICIPANT)
        return participant
    limit(request, "address", address(request), limits.REQUESTS_PER_ADDRESS)
    return None


def address(request: Request) -> str:
    """The phone's address, what its rates are kept by: the socket's; with --behind-proxy, the
    one a proxy or tunnel on this laptop says (the last of X-Forwarded-For: the one it saw)."""
    host = request.client.host if request.client else "?"
    if served(request).behind_proxy and _loopback(host):
        forwarded = request.headers.get("x-forwarded-for", "").rpartition(",")[2].strip()
        if forwarded:
            try:
                return str(ipaddress.ip_address(forwarded))
            except ValueError:
                return "?"  # a header no proxy writes: all such requests share one rate
    return host


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    """The reader's language: the page's switch (`?lang=`), else the answers file's (a room
    works in one language, whatever the laptop's or a phone's browser says)."""
    wanted = request.query_params.get("lang", "")
    if wanted in LANGUAGES:
        return wanted
    return served(request).service.lang


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
    body = {"error": refused.code, "message": refused.text(language(request))}
    if refused.field:
        body["field"] = refused.field
    return JSONResponse(body, refused.status, headers=headers)


async def not_found(request: Request, _: Exception) -> Response:
    """A wrong token, a refused address or a path that does not exist: one answer for all, in
    the room's language (JSON for the API, a page for a person)."""
    lang = language(request)
    if request.url.path.startswith("/api/"):
        refused = Refused(404, "not_found", N_("This address leads to no room"))
        return JSONResponse({"error": refused.code, "message": refused.text(lang)}, 404)
    return HTMLResponse(pages.render("missing.html.j2", lang, token=""), 404)

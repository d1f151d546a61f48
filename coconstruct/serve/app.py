"""The web server's routes: the three pages, their files, and the JSON API they use.

    GET  /j/ROOM                       the participants' page (phones)
    GET  /a/ADMIN                      the facilitator's page
    GET  /a/ADMIN/screen               the projector's page
    GET  /static/…                     scripts, styles, fonts (served from here, never a CDN)
    POST /api/ROOM/join                → 201 {"participant": ID, "dots": N}
    GET  /api/TOKEN/state              the needs with their votes, the counts (`?participant=ID`)
    POST, DELETE /api/ROOM/votes       {"participant": ID, "item": "N3"} → {"dots_left": K}
    POST /api/ROOM/ideas               a post-it → 202 {"idea": ID}
    GET  /api/TOKEN/events             server-sent events, one per change
    POST /api/ADMIN/ideas/ID/accept|merge|reject, /api/ADMIN/voting/open|close

A wrong token is a path that does not exist: the same 404. Every answer carries a strict
Content-Security-Policy (scripts and styles from this server only, no inline script), no referrer
(the URLs hold the tokens), no caching of the pages and the API.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coconstruct.language.messages import LANGUAGES, N_, msg
from coconstruct.serve import limits, pages
from coconstruct.serve.room import Refused
from coconstruct.serve.service import DESCRIPTION_MAX, TITLE_MAX, RoomService

BODY_LIMIT = 4096
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
STATIC_FILES = {
    "room.css": "text/css",
    "common.js": "text/javascript",
    "join.js": "text/javascript",
    "screen.js": "text/javascript",
    "admin.js": "text/javascript",
}
FONTS = (
    "inter-latin-400-normal.woff2",
    "inter-latin-600-normal.woff2",
    "inter-latin-700-normal.woff2",
)
ROOM, ADMIN = "room", "admin"


class Headers:
    """Adds the security headers to every answer, 404s and errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name for name, _ in headers}
                headers += [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(service: RoomService) -> Starlette:
    limiter = limits.Limiter()
    tokens = service.tokens

    def role(request: Request, *allowed: str) -> str:
        token = request.path_params.get("token", "")
        if ROOM in allowed and secrets.compare_digest(token, tokens.room):
            return ROOM
        if ADMIN in allowed and secrets.compare_digest(token, tokens.admin):
            return ADMIN
        raise HTTPException(404)  # the very answer of a path that does not exist

    def address(request: Request) -> str:
        return request.client.host if request.client else "?"

    def language(request: Request) -> str:
        wanted = request.query_params.get("lang", "")
        if wanted in LANGUAGES:
            return wanted
        best, best_q = "", 0.0
        for part in request.headers.get("accept-language", "").split(","):
            code, _, params = part.strip().partition(";")
            q = 1.0
            if params.strip().startswith("q="):
                try:
                    q = float(params.strip()[2:])
                except ValueError:
                    q = 0.0
            if code[:2].lower() in LANGUAGES and q > best_q:
                best, best_q = code[:2].lower(), q
        return best or service.lang

    def limited(scope: str, key: str, rate: limits.Rate) -> None:
        wait = limiter.take(scope, key, rate)
        if wait > 0:
            raise Refused(
                429,
                "rate_limited",
                N_("Too many requests: wait {n} s and try again"),
                n=max(1, round(wait)),
            )

    async def body(request: Request) -> dict[str, Any]:
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

    def api(
        *allowed: str,
    ) -> Callable[[Callable[[Request, str], Awaitable[Response]]], Callable[..., Any]]:
        """An API endpoint: token checked, address limited, refusals as JSON in the reader's
        language."""

        def wrap(handler: Callable[[Request, str], Awaitable[Response]]) -> Callable[..., Any]:
            async def endpoint(request: Request) -> Response:
                who = role(request, *allowed)
                try:
                    if who == ROOM:
                        limited("address", address(request), limits.REQUESTS_PER_ADDRESS)
                    return await handler(request, who)
                except Refused as refused:
                    headers = {}
                    if refused.status == 429:
                        headers["retry-after"] = str(refused.values.get("n", 1))
                    return JSONResponse(
                        {"error": refused.code, "message": refused.text(language(request))},
                        refused.status,
                        headers=headers,
                    )

            return endpoint

        return wrap

    # --- pages --------------------------------------------------------------------------------

    def page(name: str, request: Request, lang: str, **context: Any) -> HTMLResponse:
        html = pages.render(name, lang, **context)
        return HTMLResponse(html)

    async def join_page(request: Request) -> Response:
        role(request, ROOM)
        lang = language(request)
        kinds = service.workshop.kinds
        forms = [
            {
                "list": list_id,
                "name": pages.list_names(lang)[list_id],
                "category": kind.category.id,
                "category_label": _label(kind.category.label, lang),
                "choices": [
                    (str(c.id), _label(c.label, lang)) for c in kind.category.choices or []
                ],
                "title_label": _label(kind.title.label, lang),
            }
            for list_id, kind in kinds.items()
        ]
        return page(
            "join.html.j2",
            request,
            lang,
            token=tokens.room,
            forms=forms,
            snapshot=service.snapshot,
            title_max=TITLE_MAX,
            description_max=DESCRIPTION_MAX,
        )

    async def admin_page(request: Request) -> Response:
        role(request, ADMIN)
        lang = language(request)
        return page(
            "admin.html.j2",
            request,
            lang,
            token=tokens.admin,
            join_url=service.join_url,
            qr=pages.qr_svg(service.join_url, 4),
            snapshot=service.snapshot,
            list_names=pages.list_names(lang),
        )

    async def screen_page(request: Request) -> Response:
        role(request, ADMIN)
        lang = language(request)
        return page(
            "screen.html.j2",
            request,
            lang,
            token=tokens.admin,
            join_url=service.join_url,
            qr=pages.qr_svg(service.join_url, 10),
            snapshot=service.snapshot,
        )

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name in STATIC_FILES:
            path = pages.STATIC / name
            media = STATIC_FILES[name]
        elif name in FONTS:
            from coconstruct.report.environment import builtin_templates

            path = builtin_templates() / "fonts" / name
            media = "font/woff2"
        else:
            raise HTTPException(404)
        return FileResponse(path, media_type=media, headers={"cache-control": "no-cache"})

    # --- API ----------------------------------------------------------------------------------

    @api(ROOM)
    async def join(request: Request, who: str) -> Response:
        await body(request)
        limited("join", address(request), limits.JOINS_PER_ADDRESS)
        participant = await service.join()
        return JSONResponse({"participant": participant, "dots": service.room.dots}, 201)

    @api(ROOM, ADMIN)
    async def state(request: Request, who: str) -> Response:
        lang = language(request)
        if who == ADMIN:
            return JSONResponse(service.admin_state(lang))
        return JSONResponse(service.state(lang, request.query_params.get("participant")))

    @api(ROOM)
    async def votes(request: Request, who: str) -> Response:
        data = await body(request)
        participant = data.get("participant")
        service.room.participant(participant)
        limited("votes", str(participant), limits.VOTES_PER_PARTICIPANT)
        if request.method == "DELETE":
            left = await service.unvote(participant, data.get("item"))
        else:
            left = await service.vote(participant, data.get("item"))
        return JSONResponse({"dots_left": left})

    @api(ROOM)
    async def ideas(request: Request, who: str) -> Response:
        data = await body(request)
        participant = data.get("participant")
        service.room.participant(participant)
        limited("ideas", str(participant), limits.IDEAS_PER_PARTICIPANT)
        idea = await service.propose(participant, data, language(request))
        return JSONResponse({"idea": idea}, 202)

    @api(ADMIN)
    async def settle(request: Request, who: str) -> Response:
        data = await body(request)
        idea = request.path_params["idea"]
        action = request.path_params["action"]
        if action == "accept":
            item = await service.accept(idea, data)
        elif action == "merge":
            item = await service.merge(idea, data.get("item"))
        elif action == "reject":
            await service.reject(idea)
            return JSONResponse({"idea": idea, "status": "rejected"})
        else:
            raise HTTPException(404)
        return JSONResponse({"idea": idea, "item": item})

    @api(ADMIN)
    async def voting(request: Request, who: str) -> Response:
        await body(request)
        action = request.path_params["action"]
        if action == "open":
            await service.open_voting()
            return JSONResponse({"voting": service.room.voting})
        if action == "close":
            results = await service.close_voting()
            return JSONResponse({"voting": service.room.voting, **results})
        raise HTTPException(404)

    streams: dict[str, int] = {}

    @api(ROOM, ADMIN)
    async def events(request: Request, who: str) -> Response:
        where = address(request)
        if who == ROOM and streams.get(where, 0) >= limits.STREAMS_PER_ADDRESS:
            raise Refused(
                429, "rate_limited", N_("Too many requests: wait {n} s and try again"), n=5
            )
        queue = service.broker.listen(admin=who == ADMIN)
        streams[where] = streams.get(where, 0) + 1

        async def stream() -> AsyncIterator[bytes]:
            try:
                hello = json.dumps({"voting": service.room.voting})
                yield f"retry: 2000\nevent: hello\ndata: {hello}\n\n".encode()
                while True:
                    try:
                        chunk = await asyncio.wait_for(queue.get(), 15)
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
                service.broker.leave(queue)
                streams[where] -= 1
                if not streams[where]:
                    del streams[where]

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )

    routes = [
        Route("/j/{token}", join_page),
        Route("/a/{token}", admin_page),
        Route("/a/{token}/screen", screen_page),
        Route("/static/{name}", static),
        Route("/api/{token}/join", join, methods=["POST"]),
        Route("/api/{token}/state", state),
        Route("/api/{token}/votes", votes, methods=["POST", "DELETE"]),
        Route("/api/{token}/ideas", ideas, methods=["POST"]),
        Route("/api/{token}/ideas/{idea}/{action}", settle, methods=["POST"]),
        Route("/api/{token}/voting/{action}", voting, methods=["POST"]),
        Route("/api/{token}/events", events),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(Headers)
    return app


def _label(local: Any, lang: str) -> str:
    from coconstruct.model.questionnaire import text

    return text(local, lang)


__all__ = ["create_app", "msg"]

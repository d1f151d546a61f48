"""The room's web application: the routes of every audience (routes/), the security headers.

    GET  /j/ROOM                       the participants' page (phones)
    GET  /a/ADMIN                      the facilitator's page (from the laptop only: guards.py)
    GET  /s/SCREEN                     the projector's page (reads the room, decides nothing)
    GET  /static/…                     scripts, styles, fonts (served from here, never a CDN)
    POST /api/ROOM/join                → 201 {"participant": ID, "dots": N}
    GET  /api/TOKEN/state              the needs with their votes, the counts (`?participant=ID`)
    POST, DELETE /api/ROOM/votes       {"participant": ID, "item": "N3"} → {"dots_left": K}
    POST /api/ROOM/ideas               a post-it → 202 {"idea": ID}
    GET  /api/TOKEN/events             server-sent events, one per change
    POST /api/ADMIN/ideas/ID/accept|merge|reject, /api/ADMIN/voting/open|close

Each line is a route of routes/participants.py, facilitator.py, projector.py, events.py or files.py.
A wrong token, or the facilitator's from another computer (without --lan-admin), is a path that
does not exist: the same 404, a page in the room's language. Every answer carries a strict
Content-Security-Policy (scripts and styles from this server only, no inline script), no referrer
(the URLs hold the tokens), no caching of the pages and the API.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coconstruct.serve.room import Refused
from coconstruct.serve.routes import events, facilitator, files, guards, participants, projector
from coconstruct.serve.service import RoomService

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


def create_app(
    service: RoomService, lan_admin: bool = False, behind_proxy: bool = False
) -> Starlette:
    """The room's routes, its refusals answered as JSON, every answer with the security headers."""
    app = Starlette(
        routes=[
            *participants.ROUTES,
            *facilitator.ROUTES,
            *projector.ROUTES,
            *events.ROUTES,
            *files.ROUTES,
        ],
        exception_handlers={Refused: guards.answer_refusal, 404: guards.not_found},
    )
    app.state.room = guards.ServedRoom(service, lan_admin=lan_admin, behind_proxy=behind_proxy)
    app.add_middleware(Headers)
    return app


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

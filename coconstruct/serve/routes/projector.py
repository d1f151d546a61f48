"""The projector's route: the needs wall, the counts and the QR code to join, for 1920×1080.

GET /s/SCREEN   the projector's page: its own token, which reads the room and decides nothing,
               so that the address projected in the browser's bar opens no facilitator's power
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from coconstruct.serve import pages
from coconstruct.serve.routes.guards import SCREEN, check_page, language, served

QR_SCALE = 10  # read from the back of the room


async def page(request: Request) -> Response:
    check_page(request, SCREEN)
    service = served(request).service
    lang = language(request)
    html = pages.render(
        "screen.html.j2",
        lang,
        token=service.tokens.screen,
        join_url=service.join_url,
        short_url=service.short_url,
        qr=pages.qr_svg(service.join_url, QR_SCALE, lang),
        snapshot=service.snapshot,
    )
    return HTMLResponse(html)


ROUTES = [Route("/s/{token}", page)]

"""The pages' files: scripts and styles from serve/static/, fonts from the report's templates.

    GET /static/NAME   only the names listed here; anything else is a 404

Served by coconstruct itself, so that the room works on a Wi-Fi without the internet and the
Content-Security-Policy can allow this server only.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from coconstruct.report.environment import builtin_templates
from coconstruct.serve import pages

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


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    path: Path
    if name in STATIC_FILES:
        path, media = pages.STATIC / name, STATIC_FILES[name]
    elif name in FONTS:
        path, media = builtin_templates() / "fonts" / name, "font/woff2"
    else:
        raise HTTPException(404)
    # revalidated on each load: a new version of coconstruct is never shown with old scripts
    return FileResponse(path, media_type=media, headers={"cache-control": "no-cache"})


ROUTES = [Route("/static/{name}", static)]

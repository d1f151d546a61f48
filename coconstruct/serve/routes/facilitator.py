"""The facilitator's routes: their page, the post-its to settle, the vote to open and close.

    GET  /a/ADMIN                                 the facilitator's page
    POST /api/ADMIN/ideas/ID/accept|merge|reject  → {"idea": ID, "item": "N13"} (rejected: status)
    POST /api/ADMIN/ideas/ID/undo                 → {"idea": ID, "status": "open"}: it waits again
    POST /api/ADMIN/voting/open|close             → {"voting": …}; close adds the votes written
    GET  /api/ADMIN/results.csv                   the needs ranked by dots, for a spreadsheet
    GET  /api/ADMIN/wall.png                      the same as a picture, for the minutes
    POST /api/ADMIN/timer                         {"minutes": N, "label": …}: the projector's
    POST /api/ADMIN/question                      {"text": …} opens the open question
    POST /api/ADMIN/question/close                closes it, its words written to the file

Accepting, merging and closing write to the answers file (in a worker thread): the answer comes
once the file is saved, or says why it could not be.
"""

from __future__ import annotations

import datetime as dt

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from coconstruct.language.messages import N_
from coconstruct.serve import pages, views
from coconstruct.serve.routes.guards import (
    ADMIN,
    check_api,
    check_page,
    language,
    read_json,
    served,
)

QR_SCALE = 4  # a corner of the facilitator's page


async def page(request: Request) -> Response:
    check_page(request, ADMIN)
    service = served(request).service
    lang = language(request)
    html = pages.render(
        "admin.html.j2",
        lang,
        token=service.tokens.admin,
        screen=service.tokens.screen,
        join_url=service.join_url,
        qr=pages.qr_svg(service.join_url, QR_SCALE, lang),
        snapshot=service.snapshot,
        list_names=pages.list_names(lang),
    )
    return HTMLResponse(html)


async def settle(request: Request) -> Response:
    """A post-it accepted as a new item (its title and kind may be corrected), merged, rejected."""
    check_api(request, ADMIN)
    data = await read_json(request)
    service = served(request).service
    idea = request.path_params["idea"]
    action = request.path_params["action"]
    if action == "accept":
        item = await service.accept(idea, data)
    elif action == "merge":
        item = await service.merge(idea, data.get("item"))
    elif action == "reject":
        await service.reject(idea)
        return JSONResponse({"idea": idea, "status": "rejected"})
    elif action == "undo":
        await service.undo(idea)
        return JSONResponse({"idea": idea, "status": "open"})
    else:
        raise HTTPException(404)
    return JSONResponse({"idea": idea, "item": item})


async def timer(request: Request) -> Response:
    """`{"minutes": N, "label": "…"}` starts the projector's timer; `{"minutes": 0}` stops it."""
    check_api(request, ADMIN)
    data = await read_json(request)
    service = served(request).service
    service.set_timer(data.get("minutes"), data.get("label"))
    return JSONResponse({"timer": service.timer_state()})


async def results_csv(request: Request) -> Response:
    """The needs ranked by their dots, as a spreadsheet in the reader's language reads it: its
    delimiter (`;` in French), UTF-8 with a BOM, text that looks like a formula neutralised."""
    import csv
    import io

    from coconstruct.language.locales import locale_for
    from coconstruct.language.messages import msg
    from coconstruct.tables.spreadsheets import csv_text

    check_api(request, ADMIN)
    service = served(request).service
    lang = language(request)
    state = views.facilitator_state(service, lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=locale_for(lang).csv_delimiter, lineterminator="\r\n")
    writer.writerow(
        [msg(word, lang) for word in (N_("rank"), N_("id"), N_("title"), N_("domain"), N_("dots"))]
    )
    domains = state["domains"]
    by_id = {need["id"]: need for need in state["needs"]}
    for row in views.ranked(state["needs"]):
        domain = by_id[row["id"]]["domain"]
        writer.writerow(
            [
                row["rank"],
                row["id"],
                csv_text(row["title"]),
                csv_text(domains.get(domain, domain or "")),
                row["votes"],
            ]
        )
    name = service.workshop.doc.path.stem + "-" + msg("results", lang) + ".csv"
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


async def question(request: Request) -> Response:
    """`{"text": "En un mot, le territoire en 2030 ?"}` opens the question to the phones."""
    check_api(request, ADMIN)
    data = await read_json(request)
    questions = served(request).service.questions
    await questions.open(data.get("text"))
    return JSONResponse({"question": questions.state()})


async def question_close(request: Request) -> Response:
    """Close the question: its words, their counts and its base go to the answers file."""
    check_api(request, ADMIN)
    await read_json(request)
    questions = served(request).service.questions
    written = await questions.close()
    return JSONResponse({"question": questions.state(), **written})


async def wall_png(request: Request) -> Response:
    """The wall as a PNG: the needs ranked by dots, coloured by domain, with the vote's base."""
    import asyncio

    from coconstruct.language.messages import msg, nmsg
    from coconstruct.serve.export import WallRow, wall_png

    check_api(request, ADMIN)
    service = served(request).service
    lang = language(request)
    state = views.facilitator_state(service, lang)
    by_id = {need["id"]: need for need in state["needs"]}
    rows = [
        WallRow(r["rank"], r["id"], r["title"], by_id[r["id"]]["domain"], r["votes"])
        for r in views.ranked(state["needs"])
    ]
    counted = msg(
        "{voters}, {dots}",
        lang,
        voters=nmsg("{n} voter", "{n} voters", state["voters"], lang),
        dots=nmsg("{n} dot placed", "{n} dots placed", state["dots_placed"], lang),
    )
    words = {
        "closed": N_("Dot vote, closed: {counts}"),
        "open": N_("Dot vote under way, at {time}: {counts}"),
        "not_started": N_("Dot vote not started yet: {counts}"),
    }
    subtitle = msg(
        words[service.room.voting], lang, counts=counted, time=dt.datetime.now().strftime("%H:%M")
    )
    title = service.snapshot.territory or service.snapshot.title or msg("The workshop", lang)
    picture = await asyncio.to_thread(
        wall_png, title, subtitle, rows, state["domains"], msg("No need on the wall yet.", lang)
    )
    name = service.workshop.doc.path.stem + "-" + msg("wall", lang) + ".png"
    return Response(
        picture,
        media_type="image/png",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


async def voting(request: Request) -> Response:
    check_api(request, ADMIN)
    await read_json(request)
    service = served(request).service
    action = request.path_params["action"]
    if action == "open":
        await service.open_voting()
        return JSONResponse({"voting": service.room.voting})
    if action == "close":
        results = await service.close_voting()
        return JSONResponse({"voting": service.room.voting, **results})
    raise HTTPException(404)


ROUTES = [
    Route("/a/{token}", page),
    Route("/api/{token}/ideas/{idea}/{action}", settle, methods=["POST"]),
    Route("/api/{token}/voting/{action}", voting, methods=["POST"]),
    Route("/api/{token}/results.csv", results_csv),
    Route("/api/{token}/wall.png", wall_png),
    Route("/api/{token}/timer", timer, methods=["POST"]),
    Route("/api/{token}/question", question, methods=["POST"]),
    Route("/api/{token}/question/close", question_close, methods=["POST"]),
]

"""The phones' routes: the participants' page, joining, placing and taking back dots, post-its.

    GET          /j/ROOM              the participants' page
    GET          /CODE                the short code typed: a redirect to the participants' page
    POST         /api/ROOM/join       → 201 {"participant": ID, "dots": N}
    POST, DELETE /api/ROOM/votes      {"participant": ID, "item": "N3"} → {"dots_left": K}
    POST         /api/ROOM/ideas      a post-it → 202 {"idea": ID}
    POST         /api/ROOM/words      {"participant": ID, "text": "one to three words"} → 202

A participant is the random id the join gave; each is held to its own rate of dots and post-its
besides its address's (limits.py). Every "yes" is said once the journal holds the change.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from coconstruct.model.questionnaire import text
from coconstruct.serve import limits, pages
from coconstruct.serve.routes.guards import (
    ROOM,
    address,
    check_api,
    check_page,
    check_participant,
    language,
    limit,
    read_json,
    served,
)
from coconstruct.serve.service import RoomService


async def page(request: Request) -> Response:
    check_page(request, ROOM)
    service = served(request).service
    lang = language(request)
    html = pages.render(
        "join.html.j2",
        lang,
        token=service.tokens.room,
        forms=_postit_forms(service, lang),
        snapshot=service.snapshot,
    )
    return HTMLResponse(html)


async def short(request: Request) -> Response:
    """The short code typed in a phone's address bar: the participants' page. Each try costs
    the address some of its rate, so guessing codes gets nowhere."""
    limit(request, "code", address(request), limits.CODES_PER_ADDRESS)
    typed = request.path_params["code"].upper().encode()
    service = served(request).service
    if not service.tokens.code or not secrets.compare_digest(typed, service.tokens.code.encode()):
        raise HTTPException(404)
    return RedirectResponse(f"/j/{service.tokens.room}", 303)


async def join(request: Request) -> Response:
    check_api(request, ROOM)
    await read_json(request)
    limit(request, "join", address(request), limits.JOINS_PER_ADDRESS)
    service = served(request).service
    participant = await service.join()
    return JSONResponse({"participant": participant, "dots": service.room.dots}, 201)


async def vote(request: Request) -> Response:
    """POST places a dot on the item, DELETE takes one back."""
    check_api(request, ROOM, signed=True)
    data = await read_json(request)
    service = served(request).service
    participant = data.get("participant")
    check_participant(request, participant)
    service.room.participant(participant)  # an unknown one is refused before it uses a rate
    limit(request, "votes", str(participant), limits.VOTES_PER_PARTICIPANT)
    if request.method == "DELETE":
        left = await service.unvote(participant, data.get("item"))
    else:
        left = await service.vote(participant, data.get("item"))
    return JSONResponse({"dots_left": left})


async def propose(request: Request) -> Response:
    check_api(request, ROOM, signed=True)
    data = await read_json(request)
    service = served(request).service
    participant = data.get("participant")
    check_participant(request, participant)
    proposal = service.check_proposal(participant, data, language(request))
    # only a post-it the room takes counts against the phone's allowance: fumbling the form
    # (a field left empty, a title too long) is said, and costs nothing
    limit(request, "ideas", str(participant), limits.IDEAS_PER_PARTICIPANT)
    idea = await service.propose(proposal)
    return JSONResponse({"idea": idea}, 202)


async def answer(request: Request) -> Response:
    """The open question answered: one to three words (they replace the phone's earlier ones)."""
    check_api(request, ROOM, signed=True)
    data = await read_json(request)
    check_participant(request, data.get("participant"))
    questions = served(request).service.questions
    participant, question, said = questions.check_answer(data.get("participant"), data.get("text"))
    # as for post-its, an answer refused (no word, too many) costs the phone nothing
    limit(request, "words", participant, limits.WORDS_PER_PARTICIPANT)
    await questions.answer(participant, question, said)
    return JSONResponse({"question": question.number, "words": said}, 202)


def _postit_forms(service: RoomService, lang: str) -> list[dict[str, Any]]:
    """What the post-it form offers for each list: its name, its kind's label and choices."""
    names = pages.list_names(lang)
    return [
        {
            "list": list_id,
            "name": names[list_id],
            "category": kind.category.id,
            "category_label": text(kind.category.label, lang),
            "choices": [(str(c.id), text(c.label, lang)) for c in kind.category.choices or []],
        }
        for list_id, kind in service.workshop.kinds.items()
    ]


ROUTES = [
    Route("/j/{token}", page),
    Route("/api/{token}/join", join, methods=["POST"]),
    Route("/api/{token}/votes", vote, methods=["POST", "DELETE"]),
    Route("/api/{token}/ideas", propose, methods=["POST"]),
    Route("/api/{token}/words", answer, methods=["POST"]),
    Route("/{code}", short),
]

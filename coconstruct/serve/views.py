"""What the pages read of the room (`GET /api/TOKEN/state`): the needs and their dots, the counts,
and for the facilitator the post-its and the problems, as JSON values in the reader's language.

A participant's view names no one else: their own dots and post-its only; the facilitator's
counts who has not voted, never who. With `--hide-results`, the phones and the projector read no
need's dots until the vote closes (no herd voting); the facilitator still does. Once the vote is
closed, `results` ranks the needs (ties share a rank, the next rank skips: 1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coconstruct.model.questionnaire import Question, text
from coconstruct.serve.room import ACCEPTED, CLOSED, MERGED, REJECTED, WAITING, Idea
from coconstruct.serve.service import RoomService
from coconstruct.serve.shared_file import Item

SETTLED_SHOWN = 20  # the facilitator's "dealt with" list: the latest ones


def room_state(
    service: RoomService, lang: str, participant: Any = None, facilitator: bool = False
) -> dict[str, Any]:
    """The wall as every page sees it; with a known `participant`, their dots and post-its."""
    snapshot = service.snapshot
    room = service.room
    votes = room.votes(snapshot.ids())
    needs = service.workshop.kinds.get("needs")
    hidden = service.results_hidden and not facilitator
    state: dict[str, Any] = {
        "territory": snapshot.territory,
        "title": snapshot.title,
        "dots": room.dots,
        **service.counts(),
        "hidden": hidden,
        "timer": service.timer_state(),
        "domains": _choices(needs.category if needs else None, lang),
        "needs": [
            {
                "id": n.id,
                "title": n.title,
                "domain": n.category,
                "votes": None if hidden else votes.get(n.id, 0),
            }
            for n in snapshot.needs
        ],
        "question": service.questions.state(),
        "me": None,
    }
    if room.voting == CLOSED:
        state["results"] = ranked(state["needs"])
    found = room.participants.get(participant) if isinstance(participant, str) else None
    if found is not None:
        mine: dict[str, int] = {}
        for item in found.votes:
            if item in snapshot.ids():
                mine[item] = mine.get(item, 0) + 1
        state["me"] = {
            "participant": found.id,
            "votes": mine,
            "dots_left": room.dots_left(found, snapshot.ids()),
            "ideas": [i.public() for i in room.ideas.values() if i.participant == found.id],
            "words": (service.questions.state(found.id) or {}).get("mine", []),
        }
    return state


def facilitator_state(service: RoomService, lang: str) -> dict[str, Any]:
    """The wall, plus what the facilitator decides on: post-its, each list's items, problems."""
    state = room_state(service, lang, facilitator=True)
    snapshot = service.snapshot
    ideas = service.room.ideas.values()
    state["not_voted"] = state["participants"] - state["voters"]
    state["ideas"] = [
        {**_idea(i), "similar": alike(i.title, snapshot.items.get(i.list, ()))}
        for i in ideas
        if i.status in (WAITING, "writing")
    ]
    state["settled"] = [
        _idea(i) for i in reversed(list(ideas)) if i.status in (ACCEPTED, MERGED, REJECTED)
    ][:SETTLED_SHOWN]
    state["kinds"] = {
        list_id: {
            "category": kind.category.id,
            "choices": _choices(kind.category, lang),
            "items": [{"id": i.id, "title": i.title} for i in snapshot.items.get(list_id, ())],
        }
        for list_id, kind in service.workshop.kinds.items()
    }
    state["problem"] = service.problem.text(lang) if service.problem else None
    state["results_written"] = service.results_written
    state["question_written"] = service.questions.written
    state["file"] = str(service.workshop.doc.path.name)
    return state


def alike(title: str, items: Sequence[Item], shown: int = 3) -> list[dict[str, Any]]:
    """The items whose title is the post-it's or alike to it (rapidfuzz, as `synthesis` compares
    need titles: accents, case and small words aside), most alike first: a merge to suggest."""
    from rapidfuzz import fuzz

    from coconstruct.synthesis.similar import SIMILARITY, key

    wanted = key(title)
    found = []
    for item in items:
        score = fuzz.ratio(wanted, key(item.title))
        if score >= SIMILARITY:
            found.append((score, item))
    found.sort(key=lambda pair: -pair[0])
    return [
        {"id": item.id, "title": item.title, "same": score == 100} for score, item in found[:shown]
    ]


def ranked(needs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The needs by their dots, most first (the file's order among equals); equals share a rank."""
    order = sorted(needs, key=lambda need: -(need["votes"] or 0))
    results: list[dict[str, Any]] = []
    for position, need in enumerate(order, 1):
        tied = results and results[-1]["votes"] == (need["votes"] or 0)
        rank = results[-1]["rank"] if tied else position
        results.append(
            {"id": need["id"], "title": need["title"], "votes": need["votes"] or 0, "rank": rank}
        )
    return results


def _choices(question: Question | None, lang: str) -> dict[str, str]:
    if question is None:
        return {}
    return {str(c.id): text(c.label, lang) for c in question.choices or []}


def _idea(idea: Idea) -> dict[str, Any]:
    # a post-it being written to the file still waits, as far as the page can tell
    return {**idea.public(), "status": WAITING if idea.status == "writing" else idea.status}

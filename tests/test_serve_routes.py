"""The room's routes called in this process, without a server or a socket (httpx → ASGI).

What a phone, the facilitator and the projector get from each route: tokens, languages,
refusals, the journal on disk before a "yes", the live events. The same routes under a real
server are tests/test_cli_serve.py; in a real browser, tests/test_serve_browser.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import draft_example
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coconstruct.editing.editor import Editor
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked
from coconstruct.serve import RoomService, Workshop, limits
from coconstruct.serve.app import create_app
from coconstruct.serve.journal import journal_path
from coconstruct.serve.service import Tokens

ROOM, ADMIN, SCREEN = "r" * 22, "a" * 32, "s" * 22
PHONE = ("127.0.1.7", 50000)
LAN_PHONE = ("192.0.2.44", 50000)  # another computer of the network (TEST-NET: no packet sent)


@dataclass
class Room:
    app: Starlette
    service: RoomService
    path: Path


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    doc, q = load_checked(draft_example(tmp_path))
    service = RoomService.open(Workshop(Editor(doc, q)), 5)
    service.tokens = Tokens(ROOM, ADMIN, SCREEN)  # known, so that the tests can name them
    service.join_url = f"http://192.0.2.1:8765/j/{ROOM}"
    service.lang = "fr"  # the room's own language, when the reader's says nothing
    yield Room(create_app(service), service, doc.path)
    service.close(remove_journal=False)


def run(
    room: Room,
    scenario: Callable[[httpx.AsyncClient], Awaitable[None]],
    app: ASGIApp | None = None,
    source: tuple[str, int] = PHONE,
) -> None:
    """Play `scenario` against the room's app, on one event loop, from one phone's address."""

    async def main() -> None:
        transport = httpx.ASGITransport(app=app or room.app, client=source)
        async with httpx.AsyncClient(transport=transport, base_url="http://room") as client:
            await scenario(client)

    asyncio.run(main())


async def join(client: httpx.AsyncClient) -> str:
    answer = await client.post(f"/api/{ROOM}/join")
    assert answer.status_code == 201
    return str(answer.json()["participant"])


# --- tokens ---------------------------------------------------------------------------------


def wrong_tokens() -> list[str]:
    return ["nope", ROOM[:-1], ROOM + "x", "%C3%A9t%C3%A9", "%E2%82%AC" * 8, ADMIN.upper()]


def test_every_route_answers_a_wrong_token_as_a_path_that_does_not_exist(room: Room) -> None:
    routes = [r for r in room.app.routes if isinstance(r, Route) and "{token}" in r.path]
    assert len(routes) >= 10  # every page and endpoint that takes a token, found by the router

    async def scenario(client: httpx.AsyncClient) -> None:
        for route in routes:
            for method in sorted(route.methods or {"GET"}):
                for token in wrong_tokens():
                    path = route.path.format(token=token, idea="1", action="accept")
                    answer = await client.request(method, path)
                    where = "/api/no/such/path" if path.startswith("/api/") else "/no/such/path"
                    nowhere = await client.request(method, where)
                    assert answer.status_code == 404, (method, path)
                    assert answer.text == nowhere.text
                    assert "content-security-policy" in answer.headers

    run(room, scenario)


def test_the_participants_token_opens_none_of_the_facilitators_routes(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        for method, path in [
            ("GET", f"/a/{ROOM}"),
            ("GET", f"/s/{ROOM}"),
            ("POST", f"/api/{ROOM}/voting/open"),
            ("POST", f"/api/{ROOM}/ideas/1/accept"),
        ]:
            assert (await client.request(method, path)).status_code == 404
        for method, path in [("GET", f"/j/{ADMIN}"), ("POST", f"/api/{ADMIN}/join")]:
            assert (await client.request(method, path)).status_code == 404
        assert room.service.room.voting == "not_started"
        phone_page = (await client.get(f"/j/{ROOM}")).text
        state = (await client.get(f"/api/{ROOM}/state")).text
        assert ADMIN not in phone_page + state

    run(room, scenario)


def test_the_facilitators_token_opens_nothing_from_another_computer(room: Room) -> None:
    """A photo of the facilitator's screen gives a phone no power: from any address but the
    laptop's own (or through a proxy or tunnel), the token is a path that does not exist."""
    doors = [
        ("GET", f"/a/{ADMIN}"),
        ("GET", f"/api/{ADMIN}/state"),
        ("GET", f"/api/{ADMIN}/events"),
        ("POST", f"/api/{ADMIN}/voting/open"),
        ("POST", f"/api/{ADMIN}/ideas/1/reject"),
    ]

    async def from_the_network(client: httpx.AsyncClient) -> None:
        nowhere = await client.get("/no/such/path")
        for method, path in doors:
            answer = await client.request(method, path)
            assert answer.status_code == 404, path
        assert (await client.get(f"/a/{ADMIN}")).text == nowhere.text
        assert (await client.get(f"/j/{ROOM}")).status_code == 200  # the phones' page opens
        assert (await client.get(f"/s/{SCREEN}")).status_code == 200  # and the projector's

    run(room, from_the_network, source=LAN_PHONE)

    async def through_a_tunnel(client: httpx.AsyncClient) -> None:
        for header in ("x-forwarded-for", "forwarded", "x-real-ip"):
            answer = await client.get(f"/api/{ADMIN}/state", headers={header: "203.0.113.9"})
            assert answer.status_code == 404, header
        assert (await client.get(f"/api/{ADMIN}/state")).status_code == 200  # the laptop

    run(room, through_a_tunnel)
    assert room.service.room.voting == "not_started"

    async def allowed(client: httpx.AsyncClient) -> None:
        assert (await client.get(f"/a/{ADMIN}")).status_code == 200
        assert (await client.post(f"/api/{ADMIN}/voting/open")).status_code == 200

    run(room, allowed, app=create_app(room.service, lan_admin=True), source=LAN_PHONE)
    assert room.service.room.voting == "open"

    async def own_interface() -> None:  # `--host 192.0.2.44`: the laptop reaches its own address
        transport = httpx.ASGITransport(app=room.app, client=("192.0.2.44", 50001))
        async with httpx.AsyncClient(transport=transport, base_url="http://192.0.2.44") as client:
            assert (await client.get(f"/api/{ADMIN}/state")).status_code == 200
            other = await client.get(f"/api/{ADMIN}/state", headers={"host": "192.0.2.1"})
            assert other.status_code == 200  # the server's address, not what the Host header says

    asyncio.run(own_interface())


def test_the_projectors_token_reads_the_room_and_decides_nothing(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        page = await client.get(f"/s/{SCREEN}")
        assert page.status_code == 200 and ADMIN not in page.text
        assert f'data-token="{SCREEN}"' in page.text
        state = (await client.get(f"/api/{SCREEN}/state")).json()
        assert len(state["needs"]) == 12 and "ideas" not in state
        for method, path in [
            ("POST", f"/api/{SCREEN}/voting/open"),
            ("POST", f"/api/{SCREEN}/join"),
            ("POST", f"/api/{SCREEN}/ideas/1/accept"),
            ("GET", f"/a/{SCREEN}"),
            ("GET", f"/j/{SCREEN}"),
        ]:
            assert (await client.request(method, path)).status_code == 404, path
        admin_page = (await client.get(f"/a/{ADMIN}")).text
        assert f'href="/s/{SCREEN}"' in admin_page

    run(room, scenario)


def test_a_wrong_address_gets_a_page_in_the_rooms_language(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        page = await client.get("/j/old-token", headers={"accept-language": "en"})
        assert page.status_code == 404
        assert '<html lang="fr">' in page.text
        assert "Cette adresse ne mène à aucune salle" in page.text
        api = await client.get("/api/old-token/state")
        assert api.json() == {
            "error": "not_found",
            "message": "Cette adresse ne mène à aucune salle",
        }
        english = await client.get("/j/old-token?lang=en")
        assert "This address leads to no room" in english.text

    run(room, scenario)


def test_behind_a_proxy_the_forwarded_address_keys_the_limits(room: Room) -> None:
    """--behind-proxy: a tunnel on the laptop forwards every phone from loopback; each phone's
    own address (X-Forwarded-For) is what its rates are kept by. Without it, the header is
    ignored: every request counts against the socket's address."""

    async def joins(client: httpx.AsyncClient, phones: int) -> list[int]:
        statuses = []
        for n in range(phones):
            answer = await client.post(
                f"/api/{ROOM}/join", headers={"x-forwarded-for": f"203.0.113.{n + 1}"}
            )
            statuses.append(answer.status_code)
        return statuses

    async def behind(client: httpx.AsyncClient) -> None:
        for _ in range(3):  # three joins from each of 40 forwarded phones
            assert set(await joins(client, 40)) == {201}

    run(room, behind, app=create_app(room.service, behind_proxy=True), source=("127.0.0.1", 1))

    async def ignored(client: httpx.AsyncClient) -> None:
        statuses = await joins(client, 200)
        assert 429 in statuses  # one address: its joins are limited

    run(room, ignored, source=("127.0.0.1", 2))


# --- languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "header", "language"),
    [
        ("", "fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("", "en-GB,en;q=0.9", "fr"),  # the file's language, whatever the browser says
        ("", "fr;q=0.4, en;q=0.6", "fr"),
        ("?lang=fr", "en-US", "fr"),
        ("?lang=en", "fr-FR", "en"),  # the page's switch beats the file
        ("", "de-DE", "fr"),  # none of ours: the room's language
        ("", "*", "fr"),
        ("", "garbage;;q=x", "fr"),
        ("?lang=de", "en", "fr"),  # a switch to a language we lack is ignored
    ],
)
def test_pages_and_refusals_speak_the_readers_language(
    room: Room, query: str, header: str, language: str
) -> None:
    titles = {"fr": "Proposer un post-it", "en": "Propose a post-it"}
    refusals = {"fr": "Participant inconnu", "en": "Unknown participant"}

    async def scenario(client: httpx.AsyncClient) -> None:
        headers = {"accept-language": header}
        page = await client.get(f"/j/{ROOM}{query}", headers=headers)
        assert f'<html lang="{language}">' in page.text and titles[language] in page.text
        refused = await client.post(
            f"/api/{ROOM}/votes{query}", json={"participant": "x", "item": "N1"}, headers=headers
        )
        assert refused.status_code == 403
        assert refused.json()["message"].startswith(refusals[language])

    run(room, scenario)


# --- the phones -----------------------------------------------------------------------------


def test_a_phone_joins_places_and_takes_back_dots(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        me = await join(client)
        vote = {"participant": me, "item": "N3"}
        closed = await client.post(f"/api/{ROOM}/votes?lang=en", json=vote)
        assert (closed.status_code, closed.json()["error"]) == (409, "voting_not_started")
        assert (await client.post(f"/api/{ADMIN}/voting/open")).json() == {"voting": "open"}
        for left in (4, 3):
            placed = await client.post(f"/api/{ROOM}/votes", json=vote)
            assert (placed.status_code, placed.json()) == (200, {"dots_left": left})
        back = await client.request("DELETE", f"/api/{ROOM}/votes", json=vote)
        assert back.json() == {"dots_left": 4}
        state = (await client.get(f"/api/{ROOM}/state", params={"participant": me})).json()
        assert state["me"]["votes"] == {"N3": 1} and state["me"]["dots_left"] == 4
        assert state["voters"] == 1 and state["dots_placed"] == 1
        stranger = (await client.get(f"/api/{ROOM}/state", params={"participant": "x"})).json()
        assert stranger["me"] is None

    run(room, scenario)


def test_the_journal_holds_each_change_before_the_phone_hears_yes(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order of what happens: the disk flush (with the record in the file), then the answer."""
    happened: list[tuple[str, Any]] = []
    journal = journal_path(room.path)
    flush = os.fdatasync

    def flushed(fd: int) -> None:
        flush(fd)
        last = journal.read_bytes().splitlines()[-1]
        happened.append(("on disk", json.loads(last)["t"]))

    monkeypatch.setattr(os, "fdatasync", flushed)
    app = room.app

    async def watched(scope: Scope, receive: Receive, send: Send) -> None:
        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                happened.append(("answer", message["status"]))
            await send(message)

        await app(scope, receive, answer)

    room.service.room.voting = "open"

    async def scenario(client: httpx.AsyncClient) -> None:
        me = await join(client)
        await client.post(f"/api/{ROOM}/votes", json={"participant": me, "item": "N3"})
        await client.post(f"/api/{ROOM}/votes", json={"participant": me, "item": "N99"})

    run(room, scenario, watched)
    assert happened == [
        ("on disk", "join"),
        ("answer", 201),
        ("on disk", "vote"),
        ("answer", 200),
        ("answer", 404),  # refused: nothing written
    ]


def test_a_post_it_reaches_the_facilitator_who_accepts_it_into_the_file(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        me = await join(client)
        postit = {"participant": me, "list": "needs", "title": "Un lieu <b>le soir</b>"}
        refused = await client.post(f"/api/{ROOM}/ideas?lang=en", json=postit)
        assert (refused.status_code, refused.json()["error"]) == (422, "missing")
        sent = await client.post(f"/api/{ROOM}/ideas", json={**postit, "domain": "social"})
        assert (sent.status_code, sent.json()) == (202, {"idea": "1"})
        waiting = (await client.get(f"/api/{ADMIN}/state")).json()["ideas"]
        assert [(i["id"], i["title"], i["status"]) for i in waiting] == [
            ("1", "Un lieu <b>le soir</b>", "open")
        ]
        accepted = await client.post(f"/api/{ADMIN}/ideas/1/accept", json={"title": "Un lieu"})
        assert accepted.json() == {"idea": "1", "item": "N13"}
        again = await client.post(f"/api/{ADMIN}/ideas/1/reject?lang=en")
        assert (again.status_code, again.json()["error"]) == (409, "settled")
        unknown = await client.post(f"/api/{ADMIN}/ideas/1/shred")
        assert unknown.status_code == 404
        mine = (await client.get(f"/api/{ROOM}/state", params={"participant": me})).json()
        assert mine["me"]["ideas"][0]["status"] == "accepted"

    run(room, scenario)
    titles = {str(n["id"]): n["title"] for n in AnswersFile.load(room.path).items("needs")}
    assert titles["N13"] == "Un lieu"


def test_closing_the_vote_answers_with_the_results_written(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        early = await client.post(f"/api/{ADMIN}/voting/close?lang=en")
        assert (early.status_code, early.json()["error"]) == (409, "not_open")
        await client.post(f"/api/{ADMIN}/voting/open")
        me = await join(client)
        await client.post(f"/api/{ROOM}/votes", json={"participant": me, "item": "N5"})
        closed = await client.post(f"/api/{ADMIN}/voting/close")
        assert closed.json() == {"voting": "closed", "votes": {"N5": 1}, "voters": 1}
        assert (await client.post(f"/api/{ADMIN}/voting/reopen")).status_code == 404
        admin = (await client.get(f"/api/{ADMIN}/state")).json()
        assert admin["results_written"] and admin["not_voted"] == 0

    run(room, scenario)
    votes = {str(n["id"]): n.get("votes") for n in AnswersFile.load(room.path).items("needs")}
    assert votes["N5"] == 1 and sum(votes.values()) == 1


# --- what every request is held to -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        (b"x" * 5000, "application/json", 413, "too_large"),
        (b'{"participant": 1}', "text/plain", 415, "not_json"),
        (b"{", "application/json", 400, "bad_json"),
        (b"[1, 2]", "application/json", 400, "bad_json"),
    ],
)
def test_bodies_are_small_json_objects(
    room: Room, content: bytes, content_type: str, status: int, code: str
) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        answer = await client.post(
            f"/api/{ROOM}/join", content=content, headers={"content-type": content_type}
        )
        assert (answer.status_code, answer.json()["error"]) == (status, code)

    run(room, scenario)
    assert room.service.room.participants == {}


def test_an_address_that_joins_too_often_is_told_how_long_to_wait(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        answers = [
            await client.post(f"/api/{ROOM}/join?lang=en")
            for _ in range(int(limits.JOINS_PER_ADDRESS.burst) + 1)
        ]
        assert [a.status_code for a in answers].count(201) == limits.JOINS_PER_ADDRESS.burst
        held = answers[-1]
        wait = held.headers["retry-after"]  # the bucket refills while the room comes in
        assert held.status_code == 429
        assert 1 <= int(wait) <= round(1 / limits.JOINS_PER_ADDRESS.per_second)
        assert held.json()["message"] == f"Too many requests: wait {wait} s and try again"
        admin = await client.get(f"/api/{ADMIN}/state")  # the facilitator is never held back
        assert admin.status_code == 200

    run(room, scenario)


def test_files_are_the_listed_ones_only(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        script = await client.get("/static/join.js")
        assert script.headers["content-type"].startswith("text/javascript")
        assert script.headers["cache-control"] == "no-cache"
        font = await client.get("/static/inter-latin-400-normal.woff2")
        assert font.headers["content-type"] == "font/woff2" and font.content[:4] == b"wOF2"
        for name in ("nope.js", "..%2Fapp.py", "pages.py"):
            assert (await client.get(f"/static/{name}")).status_code == 404

    run(room, scenario)


# --- the live events -------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def listening(app: ASGIApp, token: str, address: str) -> AsyncIterator[asyncio.Queue[Any]]:
    """An events stream held open like a page holds it: its status, then its chunks."""
    received: asyncio.Queue[Any] = asyncio.Queue()
    gone = asyncio.Event()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/api/{token}/events",
        "raw_path": f"/api/{token}/events".encode(),
        "query_string": b"",
        "headers": [(b"host", b"room")],
        "client": (address, 50000),
        "server": ("room", 80),
        "root_path": "",
    }

    async def receive() -> Message:
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = {k.decode(): v.decode() for k, v in message.get("headers", [])}
            await received.put((message["status"], headers))
        elif message.get("body"):
            await received.put(message["body"].decode())

    task = asyncio.create_task(app(scope, receive, send))
    try:
        yield received
    finally:
        gone.set()
        await asyncio.wait_for(task, 5)


async def opened(stream: asyncio.Queue[Any]) -> tuple[int, dict[str, str]]:
    """How the stream was answered: its status and headers."""
    status, headers = await asyncio.wait_for(stream.get(), 5)
    return int(status), headers


async def next_event(stream: asyncio.Queue[Any]) -> str:
    """The stream's next chunk of events."""
    return str(await asyncio.wait_for(stream.get(), 5))


def test_events_say_hello_then_each_vote_and_only_the_facilitator_hears_problems(
    room: Room,
) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await client.post(f"/api/{ADMIN}/voting/open")
        me = await join(client)
        async with (
            listening(room.app, ROOM, PHONE[0]) as phone,
            listening(room.app, ADMIN, "127.0.0.1") as facilitator,
        ):
            for stream in (phone, facilitator):
                status, headers = await opened(stream)
                assert (status, headers["content-type"]) == (
                    200,
                    "text/event-stream; charset=utf-8",
                )
                assert await next_event(stream) == (
                    'retry: 2000\nevent: hello\ndata: {"voting": "open"}\n\n'
                )
            await client.post(f"/api/{ROOM}/votes", json={"participant": me, "item": "N3"})
            for stream in (phone, facilitator):
                event = await next_event(stream)
                assert "event: votes\n" in event
                data = json.loads(event.split("data: ", 1)[1])
                assert data == {"item": "N3", "votes": 1, "voters": 1, "dots_placed": 1}
            room.service.broker.publish("problem", {"message": "disk full"}, admin_only=True)
            room.service.broker.publish("needs", {})
            assert "event: problem" in await next_event(facilitator)
            assert "event: needs" in await next_event(phone)  # the problem never reached it
        assert room.service.broker.listeners == {}  # both streams let go

    run(room, scenario)


def test_an_address_holds_a_few_streams_at_most(room: Room) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        most = limits.STREAMS_PER_ADDRESS
        async with contextlib.AsyncExitStack() as stack:
            streams = [
                await stack.enter_async_context(listening(room.app, ROOM, PHONE[0]))
                for _ in range(most)
            ]
            for stream in streams:
                assert (await opened(stream))[0] == 200
            async with listening(room.app, ROOM, PHONE[0]) as one_more:
                status, headers = await opened(one_more)
                assert (status, headers["retry-after"]) == (429, "5")
                refusal = json.loads(await next_event(one_more))
                assert refusal["error"] == "rate_limited"
            async with listening(room.app, ROOM, "127.0.1.8") as other_phone:
                assert (await opened(other_phone))[0] == 200
        async with listening(room.app, ROOM, PHONE[0]) as again:  # the pages closed: room again
            assert (await opened(again))[0] == 200

    run(room, scenario)

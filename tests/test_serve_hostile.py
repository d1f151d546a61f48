"""The room facing hostile input: clear 4xx answers, nothing stored that should not be, still up."""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

import pytest
from serving import draft_example, room_in_thread

from coconstruct.serve import limits
from coconstruct.serve.journal import journal_path


@pytest.fixture
def room(tmp_path: Path):
    with room_in_thread(draft_example(tmp_path)) as running:
        yield running


def journal_lines(room) -> list[dict]:
    lines = journal_path(room.path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def test_bodies_over_4_kb_are_refused(room) -> None:
    me = room.join()
    big = {
        "participant": me,
        "list": "needs",
        "title": "x",
        "domain": "social",
        "description": "y" * 5000,
    }
    answer = room.client.post(f"/api/{room.room}/ideas", json=big)
    assert (answer.status_code, answer.json()["message"]) == (413, "The request is too large")

    def chunks():
        yield b'{"participant": "' + me.encode() + b'", "title": "'
        for _ in range(10):
            yield b"z" * 1000  # no Content-Length: counted as it arrives
        yield b'"}'

    streamed = room.client.post(
        f"/api/{room.room}/ideas", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert room.admin_state()["ideas"] == []


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"{not json", "application/json", 400, "The request is not valid JSON"),
        (b"[1, 2]", "application/json", 400, "The request is not a JSON object"),
        (b"\xff\xfe", "application/json", 400, "The request is not valid JSON"),
        (b'{"item": "N1"}', "text/plain", 415, "Send JSON (Content-Type: application/json)"),
        (
            b'{"participant": 12, "item": "N1"}',
            "application/json",
            403,
            "Unknown participant: join the room again",
        ),
    ],
)
def test_malformed_requests_get_a_clear_4xx(room, body, content_type, status, message) -> None:
    answer = room.client.post(
        f"/api/{room.room}/votes", content=body, headers={"content-type": content_type}
    )
    assert (answer.status_code, answer.json()["message"]) == (status, message)


def test_unknown_and_odd_items_are_404(room) -> None:
    me = room.join()
    room.admin_post("voting/open")
    for item in ("N0", "N1000", "", None, 3, ["N1"], {"id": "N1"}, "N1 ", "n1", "../N1"):
        answer = room.client.post(f"/api/{room.room}/votes", json={"participant": me, "item": item})
        assert answer.status_code == 404, item
    assert room.state(me)["me"]["dots_left"] == 5
    assert [r["t"] for r in journal_lines(room)] == ["join", "open"]


def test_markup_and_template_code_in_post_its_stay_text(room) -> None:
    me = room.join()
    title = "<script>alert(1)</script> {{ 7*7 }} {% include '/etc/passwd' %}"
    answer = room.client.post(
        f"/api/{room.room}/ideas",
        json={
            "participant": me,
            "list": "needs",
            "title": title,
            "domain": "social",
            "description": "<img src=x onerror=alert(1)> ${7*7}",
        },
    )
    assert answer.status_code == 202
    idea = answer.json()["idea"]
    assert room.admin_state()["ideas"][0]["title"] == title  # JSON: the page writes it as text
    for page in (f"/a/{room.admin}", f"/s/{room.screen}", f"/j/{room.room}"):
        assert "<script>alert" not in room.client.get(page).text
    assert room.admin_post(f"ideas/{idea}/accept").json()["item"] == "N13"
    text = room.path.read_text(encoding="utf-8")
    assert "title: <script>alert(1)</script> {{ 7*7 }} {% include '/etc/passwd' %}" in text
    assert room.client.get(f"/s/{room.screen}").status_code == 200


def test_lengths_are_limited(room) -> None:
    me = room.join()
    long_title = room.client.post(
        f"/api/{room.room}/ideas",
        json={"participant": me, "list": "needs", "title": "t" * 121, "domain": "social"},
    )
    assert long_title.status_code == 422
    long_line = room.client.post(
        f"/api/{room.room}/ideas",
        json={
            "participant": me,
            "list": "needs",
            "title": "t",
            "domain": "social",
            "description": "d" * 281,
        },
    )
    assert (long_line.status_code, long_line.json()["message"]) == (
        422,
        "The description is too long (280 characters at most)",
    )
    assert [r["t"] for r in journal_lines(room)] == ["join"]


@pytest.mark.slow
def test_ten_thousand_joins_from_one_address_are_held_back(room) -> None:
    answers = [room.client.post(f"/api/{room.room}/join").status_code for _ in range(10_000)]
    # the burst (a room coming in at once), and a few refilled while the loop ran
    assert answers.count(201) <= limits.JOINS_PER_ADDRESS.burst + 15
    assert answers.count(429) == 10_000 - answers.count(201)
    refused = room.client.post(f"/api/{room.room}/join")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["message"].startswith("Too many requests: wait")
    assert room.admin_state()["participants"] == answers.count(201)
    assert sum(r["t"] == "join" for r in journal_lines(room)) == answers.count(201)
    with room.phone(7) as phone:  # another phone is still welcome
        assert phone.post(f"/api/{room.room}/join").status_code == 201


def test_a_participant_tapping_too_fast_is_slowed_down(room) -> None:
    people = [room.join() for _ in range(2)]
    room.admin_post("voting/open")
    codes = []
    for _ in range(40):
        codes.append(room.vote(people[0], "N1").status_code)
        codes.append(room.vote(people[0], "N1", "DELETE").status_code)
    assert 429 in codes
    assert room.vote(people[1], "N2").status_code == 200  # the others are not held back


def test_wrong_tokens_in_numbers_are_all_404_and_the_room_stays_up(room) -> None:
    import secrets

    for _ in range(300):
        token = secrets.token_urlsafe(16)
        assert room.client.post(f"/api/{token}/join").status_code == 404
        assert room.client.get(f"/a/{token}").status_code == 404
    assert room.state()["participants"] == 0
    assert room.client.post(f"/api/{room.room}/join").status_code == 201


@pytest.mark.slow  # waits 5 s for an answer to a request that never ends
def test_garbage_on_the_socket_does_not_bring_the_server_down(room) -> None:
    host, port = room.base.removeprefix("http://").split(":")
    for garbage in (
        b"\x00\xff" * 2000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + b"a" * 70000,
        b"POST /api/x/join HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    ):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(garbage)
            with contextlib.suppress(TimeoutError, ConnectionError):
                sock.recv(1024)
    assert room.client.post(f"/api/{room.room}/join").status_code == 201

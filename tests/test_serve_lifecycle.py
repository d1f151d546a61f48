"""The room's life across a workshop: served from the first screen of `run --serve`, the same
URLs after a restart until its vote is closed, the facilitator's address kept off the projector,
and a new vote written over the one a file already holds."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import httpx
import pexpect
import pytest
from serving import draft_example, room_in_thread, start_run_serve, start_serve, stop

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import questionnaire_for, validate
from coconstruct.serve import limits
from coconstruct.serve.journal import journal_path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    draft_example(tmp_path)
    return tmp_path


def test_run_serve_serves_while_its_first_screen_waits_for_enter(spawn, workdir: Path) -> None:
    """The room scans the QR code while the facilitator reads the URLs: the pages and the API
    answer before Enter starts the interview; Ctrl-C there keeps the room and its URLs."""
    child = spawn("run", "atelier.yaml", "--serve", "--port", "0", "--lang", "en")
    child.expect(r"Participants \(phones, the QR code below\): (http://[0-9.:]+)/j/([\w-]+)")
    base, room_token = child.match.group(1), child.match.group(2)
    child.expect(r"Projector: http://[0-9.:]+/s/([\w-]+)")
    screen = child.match.group(1)
    child.expect_exact("Press Enter to start the interview.")
    with httpx.Client(base_url=base, timeout=5) as client:
        assert client.get(f"/j/{room_token}").status_code == 200
        assert client.get(f"/s/{screen}").status_code == 200
        me = client.post(f"/api/{room_token}/join").json()["participant"]
    child.send("\x03")
    child.expect_exact("Room closed: 1 participant, 0 dots placed, 0 post-its")
    child.expect(r"The room is kept until its vote is closed:\s+coconstruct serve\s+atelier\.yaml")
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.exitstatus == 130
    again = start_serve(workdir / "atelier.yaml")
    try:
        assert (again.room.room, again.room.screen) == (room_token, screen)
        assert again.room.state(me)["me"]["dots_left"] == 5
    finally:
        stop(again)


def test_the_terminal_names_the_projectors_url_and_keeps_the_facilitators_in_a_file(
    tmp_path: Path,
) -> None:
    path = draft_example(tmp_path)
    running = start_serve(path, show_admin=False)
    try:
        kept = tmp_path / ".atelier.yaml.facilitator"
        assert f"/a/{running.room.admin}" not in running.output
        assert f"/s/{running.room.screen}" in running.output
        assert ".atelier.yaml.facilitator" in running.output
        assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
        assert kept.read_text().strip().endswith(f"/a/{running.room.admin}")
        assert running.room.client.get(f"/a/{running.room.admin}").status_code == 200
    finally:
        stop(running)


def test_a_restart_before_the_vote_keeps_the_urls_and_the_phones(tmp_path: Path) -> None:
    """Ten phones joined, no vote yet, Ctrl-C: the next start has the same three URLs (the
    projected QR code and the printed ones still work) and knows the ten phones."""
    path = draft_example(tmp_path)
    first = start_serve(path)
    try:
        phones = [first.room.join(first.room.phone(n)) for n in range(10)]
    finally:
        out = stop(first)
    assert "Room closed: 10 participants, 0 dots placed, 0 post-its" in out
    assert "The room is kept until its vote is closed" in out
    assert journal_path(path).exists()
    again = start_serve(path)
    try:
        room = again.room
        assert (room.room, room.admin, room.screen) == (
            first.room.room,
            first.room.admin,
            first.room.screen,
        )
        assert "Room resumed" in again.output
        assert room.state()["participants"] == 10
        room.admin_post("voting/open")
        assert room.vote(phones[3], "N2").json() == {"dots_left": 4}
        assert room.admin_post("voting/close").status_code == 200
    finally:
        out = stop(again)
    # the vote is closed and written: the room is over, its journal and the kept URL go
    assert "The room is kept" not in out and "Voting is still open" not in out
    assert not journal_path(path).exists()
    assert not (tmp_path / ".atelier.yaml.facilitator").exists()
    fresh = start_serve(path)
    try:
        assert fresh.room.room != first.room.room  # a new room, a new vote
    finally:
        stop(fresh)


def test_45_phones_close_a_vote_over_a_file_that_holds_one_of_38_voters(tmp_path: Path) -> None:
    """A territory votes again at each workshop: this room's totals replace the earlier vote's,
    as one consistent change, though it has more voters than the earlier one allowed."""
    path = draft_example(tmp_path)
    before = AnswersFile.load(path)
    assert before.get("vote_voters") == 38
    with room_in_thread(path) as room:
        room.admin_post("voting/open")
        expected: dict[str, int] = {}
        for n in range(45):
            phone = room.phone(n)
            me = room.join(phone)
            for k in range(5):
                item = f"N{1 + (n + k) % 12}"
                answer = phone.post(
                    f"/api/{room.room}/votes", json={"participant": me, "item": item}
                )
                assert answer.status_code == 200, answer.text
                expected[item] = expected.get(item, 0) + 1
            phone.close()
        closed = room.admin_post("voting/close")
        assert closed.status_code == 200, closed.text
        assert closed.json()["voters"] == 45
    doc = AnswersFile.load(path)
    assert doc.get("vote_voters") == 45 and doc.get("vote_dots") == 5
    votes = {str(n["id"]): n.get("votes") for n in doc.items("needs")}
    assert votes == {f"N{i}": expected.get(f"N{i}", 0) for i in range(1, 13)}
    assert sum(votes.values()) == 225
    assert not [p for p in validate(doc, questionnaire_for(doc)) if p.severity == "error"]


def test_a_short_code_to_type_leads_to_the_participants_page(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    running = start_serve(path)
    try:
        import re

        typed = re.search(r"Or type on a phone: (\S+)/([A-Z0-9]{6})\s", running.output)
        assert typed is not None
        code = typed[2]
        client = running.room.client
        answer = client.get(f"/{code.lower()}", follow_redirects=False)  # any case
        assert (answer.status_code, answer.headers["location"]) == (303, f"/j/{running.room.room}")
        screen = client.get(f"/s/{running.room.screen}").text
        assert f"/{code}</strong>" in screen
        most = int(limits.CODES_PER_ADDRESS.burst)  # a room typing it at once, the right one too
        wrong = [client.get("/ZZZZZZ").status_code for _ in range(most + 20)]
        assert wrong[: most - 2] == [404] * (most - 2) and wrong.count(429) >= 10
    finally:
        stop(running)
    again = start_serve(path)
    try:
        assert f"/{code}" in again.output  # kept with the room, as its URLs are
    finally:
        stop(again)


def test_the_projectors_timer_from_the_facilitator_and_from_the_interviews_section(
    spawn, workdir: Path
) -> None:
    """`run --serve`: the section the interview is in counts down its timebox on the projector;
    the facilitator's own timer takes its place until stopped."""
    child, base, room_token, admin = start_run_serve(spawn)
    child.expect_exact("Press Enter to start the interview.")
    with httpx.Client(base_url=base, timeout=5) as client:
        assert client.get(f"/api/{room_token}/state").json()["timer"] is None
        child.send("\r")
        child.expect_exact("Workshop venue")
        child.expect_exact("›")
        deadline = 50
        timer = None
        while timer is None and deadline:  # the interview tells the room as the question shows
            timer = client.get(f"/api/{room_token}/state").json()["timer"]
            deadline -= 1
            if timer is None:
                child.expect(pexpect.TIMEOUT, timeout=0.1)
        assert timer is not None
        assert timer["label"] == "The workshop and the territory" and timer["total"] == 30 * 60
        assert 0 < timer["remaining"] <= 30 * 60
        own = client.post(f"/api/{admin}/timer", json={"minutes": 5, "label": "Pause"})
        assert own.status_code == 200
        mine = client.get(f"/api/{room_token}/state").json()["timer"]
        assert (mine["label"], mine["total"]) == ("Pause", 300) and 299 <= mine["remaining"] <= 300
        assert client.post(f"/api/{admin}/timer", json={"minutes": "five"}).status_code == 422
        assert client.post(f"/api/{room_token}/timer", json={"minutes": 1}).status_code == 404
        client.post(f"/api/{admin}/timer", json={"minutes": 0})
        back = client.get(f"/api/{room_token}/state").json()["timer"]
        assert back["label"] == "The workshop and the territory"
    child.send("\x03")
    child.expect(pexpect.EOF, timeout=20)


def test_the_earlier_vote_stays_readable_in_the_files_history(tmp_path: Path) -> None:
    """The room writes its totals as one change of the file: in git, `log` says what each
    need had before and has now, and the earlier vote is still there to read."""
    from gitrepo import coconstruct, commit, git, repo

    path = repo(tmp_path / "workshop", source=draft_example(tmp_path))
    with room_in_thread(path) as room:
        room.admin_post("voting/open")
        for n in range(45):
            phone = room.phone(n)
            me = room.join(phone)
            for k in range(5):
                phone.post(f"/api/{room.room}/votes", json={"participant": me, "item": f"N{1 + k}"})
            phone.close()
        assert room.admin_post("voting/close").status_code == 200
    commit(path.parent, "Atelier du 7 décembre")
    earlier = git(path.parent, "show", "HEAD~1:atelier.yaml").stdout
    assert "vote_voters: 38" in earlier
    assert AnswersFile.load(path).get("vote_voters") == 45
    log = coconstruct(path.parent, "log", "atelier.yaml")
    assert log.returncode == 0, log.stderr
    assert "Atelier du 7 décembre" in log.stdout and "Atelier du 19 novembre" in log.stdout

    assert "→ 45 gommettes" in log.stdout  # the file's language; N1 to N5 got 45 dots each

"""`coconstruct serve`: the room joins, votes and proposes post-its; the file gets the results."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pexpect
import pytest
from serving import draft_example, room_in_thread, start_run_serve, start_serve, stop

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import validate
from coconstruct.serve.journal import journal_path


@pytest.fixture
def room(tmp_path: Path):
    with room_in_thread(draft_example(tmp_path)) as running:
        yield running


def test_a_participant_spends_their_dots_and_takes_one_back(room) -> None:
    me = room.join()
    refused = room.vote(me, "N3")
    assert refused.status_code == 409
    assert refused.json()["message"] == "Voting has not started yet"
    assert room.admin_post("voting/open").json() == {"voting": "open"}
    assert [room.vote(me, item).json()["dots_left"] for item in ("N3", "N3", "N5", "N1", "N2")] == [
        4,
        3,
        2,
        1,
        0,
    ]
    full = room.vote(me, "N4")
    assert full.status_code == 409
    assert full.json()["message"] == "You have no dot left: take one back first"
    assert room.vote(me, "N3", "DELETE").json() == {"dots_left": 1}
    nothing_there = room.vote(me, "N9", "DELETE")
    assert (nothing_there.status_code, nothing_there.json()["message"]) == (
        409,
        "You have no dot on this need",
    )
    state = room.state(me)
    assert state["me"]["votes"] == {"N3": 1, "N5": 1, "N1": 1, "N2": 1}
    assert state["me"]["dots_left"] == 1
    assert {n["id"]: n["votes"] for n in state["needs"]}["N3"] == 1


def test_unknown_items_and_participants_are_refused(room) -> None:
    me = room.join()
    room.admin_post("voting/open")
    unknown = room.vote(me, "N99")
    assert (unknown.status_code, unknown.json()["error"]) == (404, "unknown_item")
    not_a_need = room.vote(me, "R1")
    assert not_a_need.status_code == 404
    stranger = room.vote("someone-else", "N3")
    assert (stranger.status_code, stranger.json()["message"]) == (
        403,
        "Unknown participant: join the room again",
    )


def test_closing_the_vote_writes_the_results_with_the_editing_core(room) -> None:
    room.admin_post("voting/open")
    alice, bob, carol = room.join(), room.join(), room.join()  # carol does not vote
    for who, items in ((alice, ["N3", "N3", "N5"]), (bob, ["N3", "N1"])):
        for item in items:
            assert room.vote(who, item).status_code == 200
    admin = room.admin_state()
    assert (admin["participants"], admin["voters"], admin["not_voted"]) == (3, 2, 1)
    closed = room.admin_post("voting/close")
    assert closed.json() == {"voting": "closed", "votes": {"N3": 3, "N5": 1, "N1": 1}, "voters": 2}
    late = room.vote(carol, "N3")
    assert (late.status_code, late.json()["message"]) == (409, "Voting is closed")

    text = room.path.read_text(encoding="utf-8")
    assert text.startswith("# Exemple fictif")  # comments kept, as every save keeps them
    doc = AnswersFile.load(room.path)
    votes = {str(item["id"]): item.get("votes") for item in doc.items("needs")}
    assert votes["N3"] == 3 and votes["N5"] == 1 and votes["N1"] == 1 and votes["N2"] == 0
    assert doc.get("vote_voters") == 2 and doc.get("vote_dots") == 5
    assert str(doc.get("vote_date")) == admin_date(room)
    from coconstruct.model.validation import questionnaire_for

    errors = [p for p in validate(doc, questionnaire_for(doc)) if p.severity == "error"]
    assert errors == []


def test_a_room_bigger_than_the_last_vote_closes_its_vote(room) -> None:
    """The file's last vote had 38 voters: a room where a need gets more dots than it had then
    still writes its results (the voters and dots are not checked against the old counts)."""
    room.admin_post("voting/open")
    people = [room.join() for _ in range(7)]
    for who in people:
        for _ in range(5):
            assert room.vote(who, "N1").status_code == 200  # 35 dots, 31 in the file before
    closed = room.admin_post("voting/close")
    assert closed.status_code == 200, closed.text
    doc = AnswersFile.load(room.path)
    votes = {str(item["id"]): item.get("votes") for item in doc.items("needs")}
    assert votes["N1"] == 35 and sum(votes.values()) == 35
    assert doc.get("vote_voters") == 7


def admin_date(room) -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def test_a_post_it_accepted_becomes_the_next_item(room) -> None:
    me = room.join()
    sent = room.client.post(
        f"/api/{room.room}/ideas",
        json={
            "participant": me,
            "list": "needs",
            "title": "Un local pour les jeunes",
            "domain": "social",
            "description": "Le foyer a fermé en 2024",
        },
    )
    assert sent.status_code == 202
    idea = sent.json()["idea"]
    assert room.state()["ideas_open"] == 1
    waiting = room.admin_state()["ideas"]
    assert [(i["title"], i["category"], i["status"]) for i in waiting] == [
        ("Un local pour les jeunes", "social", "open")
    ]
    accepted = room.admin_post(f"ideas/{idea}/accept")
    assert accepted.json() == {"idea": idea, "item": "N13"}
    again = room.admin_post(f"ideas/{idea}/accept")
    assert (again.status_code, again.json()["message"]) == (
        409,
        "This post-it was already dealt with",
    )
    item = AnswersFile.load(room.path).item("needs", "N13")
    assert dict(item) == {
        "id": "N13",
        "title": "Un local pour les jeunes",
        "domain": "social",
        "description": "Le foyer a fermé en 2024",
    }
    mine = room.state(me)["me"]["ideas"]
    assert [(i["status"], i["item"]) for i in mine] == [("accepted", "N13")]
    assert "N13" in {n["id"] for n in room.state()["needs"]}  # the phones can vote on it now


def test_a_post_it_merged_joins_an_item_and_one_rejected_is_not_kept(room) -> None:
    me = room.join()

    def propose(title: str) -> str:
        answer = room.client.post(
            f"/api/{room.room}/ideas",
            json={
                "participant": me,
                "list": "partners",
                "title": title,
                "actor_type": "media",
                "description": "La radio du pays",
            },
        )
        assert answer.status_code == 202, answer.text
        return str(answer.json()["idea"])

    first, second = propose("Radio Orbière"), propose("Spam")
    merged = room.admin_post(f"ideas/{first}/merge", item="P1")
    assert merged.json() == {"idea": first, "item": "P1"}
    contribution = AnswersFile.load(room.path).item("partners", "P1")["contribution"]
    assert contribution.endswith("\nRadio Orbière — La radio du pays")
    assert room.admin_post(f"ideas/{second}/reject").status_code == 200
    assert "Spam" not in room.path.read_text(encoding="utf-8")
    statuses = [(i["title"], i["status"]) for i in room.state(me)["me"]["ideas"]]
    assert statuses == [("Radio Orbière", "merged"), ("Spam", "rejected")]


def test_a_post_it_is_checked_with_the_questionnaires_rules(room) -> None:
    me = room.join()

    def send(**body: object) -> httpx.Response:
        return room.client.post(
            f"/api/{room.room}/ideas", json={"participant": me, **body}, params={"lang": "fr"}
        )

    no_kind = send(list="needs", title="Eau")
    assert (no_kind.status_code, no_kind.json()["message"]) == (
        422,
        "Un post-it a besoin d'un titre et d'un type",
    )
    bad_choice = send(list="needs", title="Eau", domain="culture")
    assert bad_choice.status_code == 422
    assert "culture" in bad_choice.json()["message"]
    too_long = send(list="needs", title="x" * 121, domain="social")
    assert too_long.status_code == 422
    unknown_list = send(list="actions", title="Faire", domain="social")
    assert unknown_list.status_code == 422
    assert room.admin_state()["ideas"] == []


def test_a_wrong_token_is_a_path_that_does_not_exist(room) -> None:
    missing = room.client.get("/nothing/here")
    api_missing = room.client.get("/api/nothing/here")
    assert missing.status_code == api_missing.status_code == 404
    wrong = "x" * len(room.room)
    for method, path in [
        ("GET", f"/j/{wrong}"),
        ("GET", f"/a/{wrong}"),
        ("GET", f"/s/{wrong}"),
        ("GET", f"/api/{wrong}/state"),
        ("POST", f"/api/{wrong}/join"),
        ("GET", f"/api/{wrong}/events"),
        ("POST", f"/api/{wrong}/voting/close"),
        # each token opens its own doors only
        ("GET", f"/a/{room.room}"),
        ("POST", f"/api/{room.room}/voting/open"),
        ("POST", f"/api/{room.room}/ideas/1/accept"),
        ("GET", f"/j/{room.admin}"),
        ("POST", f"/api/{room.admin}/join"),
        # the projector's reads, never decides
        ("GET", f"/a/{room.screen}"),
        ("POST", f"/api/{room.screen}/voting/open"),
        ("POST", f"/api/{room.screen}/join"),
        ("GET", f"/s/{room.admin}"),
    ]:
        answer = room.client.request(method, path)
        nowhere = missing if not path.startswith("/api/") else api_missing
        assert (answer.status_code, answer.content) == (404, nowhere.content), path
        assert answer.headers["content-type"] == nowhere.headers["content-type"]
    assert room.state()["participants"] == 0 and room.state()["voting"] == "not_started"


def test_the_admin_token_never_reaches_the_participants(room) -> None:
    me = room.join()
    seen = [room.client.get(f"/j/{room.room}").text, json.dumps(room.state(me))]
    for name in ("room.css", "common.js", "join.js", "screen.js", "admin.js"):
        seen.append(room.client.get(f"/static/{name}").text)
    with room.client.stream("GET", f"/api/{room.room}/events") as events:
        seen.append(next(events.iter_text()))
    assert room.admin not in "".join(seen)
    assert room.room in seen[0]


def test_pages_carry_a_strict_content_security_policy(room) -> None:
    for path in (f"/j/{room.room}", f"/a/{room.admin}", f"/s/{room.screen}"):
        answer = room.client.get(path)
        assert answer.status_code == 200
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert "<script>" not in answer.text.replace('<script type="application/json"', "")
        assert "http://" not in answer.text.replace(room.base, "")  # nothing from elsewhere
    font = room.client.get("/static/inter-latin-400-normal.woff2")
    assert (font.status_code, font.headers["content-type"]) == (200, "font/woff2")


def test_the_pages_speak_the_files_language_unless_the_page_switches(room) -> None:
    room.service.lang = "fr"  # the answers file's
    french = room.client.get(f"/j/{room.room}", headers={"accept-language": "en-GB,en;q=0.9"})
    english = room.client.get(f"/j/{room.room}?lang=en")
    assert "Proposer un post-it" in french.text and '<html lang="fr">' in french.text
    assert "Propose a post-it" in english.text
    screen = room.client.get(f"/s/{room.screen}", headers={"accept-language": "en-US"})
    assert "Rejoignez avec votre téléphone" in screen.text
    strings = room.client.get(f"/a/{room.admin}?lang=fr").text
    assert "Clore le vote et écrire les résultats" in strings


def test_events_tell_each_vote_as_it_is_counted(room) -> None:
    me = room.join()
    room.admin_post("voting/open")
    received: list[str] = []
    ready = threading.Event()

    def listen() -> None:
        with httpx.stream("GET", f"{room.base}/api/{room.admin}/events", timeout=10) as events:
            for line in events.iter_lines():
                received.append(line)
                ready.set()
                if line.startswith("data:") and '"item":"N7"' in line:
                    return

    listener = threading.Thread(target=listen)
    listener.start()
    assert ready.wait(10)
    room.vote(me, "N7")
    room.vote(me, "N7")
    listener.join(10)
    votes = [json.loads(line[5:]) for line in received if '"item":"N7"' in line]
    assert votes[0] == {"item": "N7", "votes": 1, "voters": 1, "dots_placed": 1}


def test_serve_holds_the_file_lock_and_a_restart_keeps_the_room(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    first = start_serve(path)
    try:
        second = start_serve_refused(path)
        assert "is in use by another coconstruct" in second
        room = first.room
        me = room.join()
        room.admin_post("voting/open")
        assert room.vote(me, "N2").status_code == 200
    finally:
        out = stop(first)
    assert "Voting is still open" in out
    again = start_serve(path)
    try:
        assert again.room.room == first.room.room  # the same URLs: phones reconnect
        assert "Room resumed" in again.output
        assert again.room.state(me)["me"]["dots_left"] == 4
        assert again.room.admin_post("voting/close").status_code == 200
    finally:
        out = stop(again)
    assert "Room closed: 1 participant, 1 dot placed, 0 post-its" in out
    assert not journal_path(path).exists()  # everything is in the file: nothing else is kept


def start_serve_refused(path: Path) -> str:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "coconstruct", "serve", str(path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": "/usr/bin:/bin", "COCONSTRUCT_LANG": "en"},
    )
    assert result.returncode == 1
    return result.stderr


def test_the_terminal_qr_code_is_the_participants_url_light_on_dark_on_any_terminal(
    tmp_path: Path,
) -> None:
    """Its light modules are blocks in the text's colour: with colours on, white on black, so
    that a light terminal does not show a negative many phones cannot read."""
    import re

    import segno

    running = start_serve(draft_example(tmp_path), env={"FORCE_COLOR": "1"})
    output = running.output + stop(running)
    sgr = re.compile(r"\x1b\[([0-9;]*)m")
    drawn = [line for line in output.splitlines() if line and set(sgr.sub("", line)) <= set("█▀▄ ")]
    assert drawn
    for line in drawn:  # each line opens with bright white on black
        opening = sgr.match(line)
        assert opening is not None and {"97", "40"} <= set(opening[1].split(";")), repr(line)
    dark = []  # the modules, two rows a line: a space is dark, a block light
    for line in (sgr.sub("", line) for line in drawn):
        dark.append([ch in " ▄" for ch in line])
        dark.append([ch in " ▀" for ch in line])
    code = segno.make(f"{running.room.base}/j/{running.room.room}", error="m")
    expected = [[bool(module) for module in row] for row in code.matrix_iter(border=4)]
    assert dark[: len(expected)] == expected


def test_a_port_in_use_is_one_clear_line(tmp_path: Path, cli) -> None:
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = cli("serve", draft_example(tmp_path), "--port", str(port), "--lang", "en")
    finally:
        taken.close()
    assert result.code == 2
    assert result.err.splitlines()[0] == f"Error: port {port} is already in use"


def test_dots_are_between_1_and_20(tmp_path: Path, cli) -> None:
    result = cli("serve", draft_example(tmp_path), "--dots", "30")
    assert result.code == 2
    assert "--dots 30" in result.err


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    draft_example(tmp_path)
    return tmp_path


def test_run_serve_the_facilitator_types_while_the_room_votes(spawn, workdir: Path) -> None:
    """One process, one document: neither the interview nor the room overwrites the other."""
    import re

    child, base, room_token, admin = start_run_serve(spawn)
    child.expect_exact("Press Enter to start the interview.")
    child.send("\r")
    child.expect_exact("Workshop venue")
    child.expect_exact("›")
    with httpx.Client(base_url=base, timeout=10) as client:
        me = client.post(f"/api/{room_token}/join").json()["participant"]
        client.post(f"/api/{admin}/voting/open")
        assert client.post(
            f"/api/{room_token}/votes", json={"participant": me, "item": "N2"}
        ).json() == {"dots_left": 4}
        idea = client.post(
            f"/api/{room_token}/ideas",
            json={"participant": me, "list": "resources", "title": "La halle", "type": "humaine"},
        ).json()["idea"]
        assert client.post(f"/api/{admin}/ideas/{idea}/accept").json()["item"] == "R12"
        assert client.post(f"/api/{admin}/voting/close").status_code == 200
    child.send("\x15")  # Ctrl-U: clear the current answer
    child.send("Salle des fêtes\r")
    child.expect_exact("Room closed: 1 participant, 1 dot placed, 1 post-it")
    after = child.read()  # until the end: nothing waits, so nothing to resume
    assert "Voting is still open" not in after
    assert "Saved" in after
    child.close()
    assert child.exitstatus == 0
    doc = AnswersFile.load(workdir / "atelier.yaml")
    assert doc.get("workshop_place") == "Salle des fêtes"
    assert doc.item("resources", "R12")["title"] == "La halle"
    assert doc.item("needs", "N2")["votes"] == 1
    assert doc.get("vote_voters") == 1
    assert re.match(r"# Exemple fictif", (workdir / "atelier.yaml").read_text(encoding="utf-8"))
    assert not journal_path(workdir / "atelier.yaml").exists()


def test_a_need_typed_in_the_interview_reaches_the_phones(room) -> None:
    """`run --serve`: when the interview waits for the facilitator again, the room reads the
    document they share and the phones can vote on what was just typed."""
    import time

    from coconstruct.editing.assignments import apply

    workshop = room.service.workshop
    with workshop.lock:  # as the interview holds it while it works
        apply(
            workshop.editor, ["needs[+].title=Garder l'école du village", "needs[+].domain=social"]
        )
        workshop.editor.save()
    room.service.interview_idle()  # what SharedPrompter calls before each prompt
    deadline = time.monotonic() + 10
    while "N13" not in {n["id"] for n in room.state()["needs"]}:
        assert time.monotonic() < deadline, "the new need never reached the room"
        time.sleep(0.02)
    me = room.join()
    room.admin_post("voting/open")
    assert room.vote(me, "N13").json() == {"dots_left": 4}


def test_ctrl_c_in_run_serve_keeps_the_room_for_the_next_session(spawn, workdir: Path) -> None:
    child, base, room_token, admin = start_run_serve(spawn)
    child.expect_exact("Press Enter to start the interview.")
    child.send("\r")
    child.expect_exact("Workshop venue")
    with httpx.Client(base_url=base, timeout=10) as client:
        me = client.post(f"/api/{room_token}/join").json()["participant"]
        client.post(f"/api/{admin}/voting/open")
        client.post(f"/api/{room_token}/votes", json={"participant": me, "item": "N4"})
    child.send("\x03")
    # the vote is still open: not in the file yet, and the facilitator is told where it is
    child.expect_exact("Room closed: 1 participant, 1 dot placed, 0 post-its")
    child.expect(
        r"Voting is still open or post-its are waiting:\s+coconstruct serve\s+atelier\.yaml"
    )
    child.expect_exact("resume with: coconstruct run atelier.yaml")
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.exitstatus == 130
    resumed = start_serve(workdir / "atelier.yaml")
    try:
        assert resumed.room.room == room_token
        assert resumed.room.state(me)["me"]["votes"] == {"N4": 1}
    finally:
        stop(resumed)


def test_lan_urls_give_phones_the_laptops_address(tmp_path: Path) -> None:
    from coconstruct.editing.editor import Editor
    from coconstruct.model.validation import load_checked
    from coconstruct.serve import RoomService, Workshop, bind, urls
    from coconstruct.serve.server import lan_address

    doc, q = load_checked(draft_example(tmp_path))
    service = RoomService.open(Workshop(Editor(doc, q)), 5)
    sock = bind("0.0.0.0", 0)  # --lan: every interface (nothing connects to it here)
    try:
        found = urls(service, sock, lan=True)
    finally:
        sock.close()
        service.close(remove_journal=True)
    port = found.admin.split(":")[2].split("/")[0]
    host = lan_address() or "127.0.0.1"
    assert found.join == f"http://{host}:{port}/j/{service.tokens.room}"
    assert found.admin.startswith(f"http://127.0.0.1:{port}/a/{service.tokens.admin}")


def test_without_colours_the_qr_code_follows_a_light_terminal(tmp_path: Path) -> None:
    """NO_COLOR on a terminal that says its background is light (COLORFGBG): the dark modules
    are the blocks, in the text's dark colour; and the projector is named as the way out."""
    import segno

    running = start_serve(draft_example(tmp_path), env={"NO_COLOR": "1", "COLORFGBG": "0;15"})
    output = running.output + stop(running)
    assert "\x1b[" not in output
    drawn = [line for line in output.splitlines() if line and set(line) <= set("█▀▄ ")]
    dark = []  # a block is dark now
    for line in drawn:
        dark.append([ch in "█▀" for ch in line])
        dark.append([ch in "█▄" for ch in line])
    code = segno.make(f"{running.room.base}/j/{running.room.room}", error="m")
    expected = [[bool(module) for module in row] for row in code.matrix_iter(border=4)]
    assert dark[: len(expected)] == expected
    assert len(dark) <= len(expected) + 1 and not any(dark[len(expected) :][0])  # no dark bar
    assert "If a phone does not read this code, scan it on the projector." in output


@pytest.mark.slow  # a server of its own, read from its terminal
def test_public_url_gives_the_tunnels_address_to_the_qr_code_and_the_printed_urls(
    tmp_path: Path,
) -> None:
    """`--public-url`: the phones come through a tunnel; the QR codes and the printed URLs name
    the tunnel's address, the facilitator's stays on this computer."""
    import os
    import re
    import signal
    import subprocess
    import sys

    import httpx
    import segno

    path = draft_example(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "coconstruct", "serve", str(path), "--port", "0", "--lang", "en",
         "--show-admin", "--public-url", "https://salle.example.net/"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "COCONSTRUCT_LANG": "en", "NO_COLOR": "1"},
    )  # fmt: skip
    assert proc.stdout is not None
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        output = "".join(lines)
        join = re.search(r"Participants \(phones, the QR code below\): (\S+)/j/(\S+)", output)
        assert join is not None and join[1] == "https://salle.example.net"
        assert "Or type on a phone: salle.example.net/" in output
        assert "Projector: https://salle.example.net/s/" in output
        assert "add --lan" not in output  # the phones come through the tunnel, not the Wi-Fi
        local = re.search(
            r"Facilitator \(keep it to yourself\): (http://127\.0\.0\.1:\d+)/a/", output
        )
        assert local is not None
        drawn = [line.rstrip("\n") for line in lines if line.strip() and set(line) <= set("█▀▄ \n")]
        dark = []
        for line in drawn:
            dark.append([ch in " ▄" for ch in line])
            dark.append([ch in " ▀" for ch in line])
        code = segno.make(f"https://salle.example.net/j/{join[2]}", error="m")
        expected = [[bool(module) for module in row] for row in code.matrix_iter(border=4)]
        assert dark[: len(expected)] == expected
        screen = re.search(r"/s/(\S+)", output)
        assert screen is not None
        page = httpx.get(f"{local[1]}/s/{screen[1]}").text
        assert f"https://salle.example.net/j/{join[2]}" in page
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)


@pytest.mark.parametrize(
    "url", ["salle.example.net", "ftp://salle.example.net", "https://salle.example.net/room"]
)
def test_a_public_url_that_is_not_a_tunnels_address_is_one_clear_line(
    tmp_path: Path, cli, url: str
) -> None:
    result = cli("serve", draft_example(tmp_path), "--public-url", url, "--lang", "en")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"Error: --public-url {url}: give the address the tunnel gives, such as "
        "https://abc.example.net (http or https, no path)"
    )

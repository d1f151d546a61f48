"""The room through crashes and full disks: every acknowledged vote survives, phones keep their
dots, a failed write says why and loses nothing already written."""

from __future__ import annotations

import contextlib
import random
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from conftest import small_tmpfs
from serving import draft_example, start_serve, stop

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import questionnaire_for, validate
from coconstruct.serve import journal
from coconstruct.serve.journal import journal_path

NEEDS = [f"N{i}" for i in range(1, 13)]


def test_a_torn_last_line_of_the_journal_was_never_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / ".atelier.yaml.room"
    path.write_bytes(
        b'{"t":"room","v":1,"room":"r","admin":"a","dots":5}\n'
        b'{"t":"join","p":"p1"}\n'
        b'{"t":"vote","p":"p1","i":"N3"}\n'
        b'{"t":"vote","p":"p1","i":'  # the crash came here
    )
    header, records, size = journal.read(path)
    assert header is not None and header["dots"] == 5
    assert records == [{"t": "join", "p": "p1"}, {"t": "vote", "p": "p1", "i": "N3"}]
    assert path.read_bytes()[:size].endswith(b'"N3"}\n')


@pytest.mark.slow
def test_kill_9_while_the_room_votes_loses_no_acknowledged_vote(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    server = start_serve(path)
    room = server.room
    room.admin_post("voting/open")
    phones = [room.phone(i) for i in range(24)]
    people = [room.join(phone) for phone in phones]
    acked: dict[str, Counter[str]] = {p: Counter() for p in people}
    in_flight: dict[str, str | None] = dict.fromkeys(people)
    stop_voting = threading.Event()

    def vote(person: str, seed: int) -> None:
        rng = random.Random(seed)
        client = phones[seed]
        for _ in range(5):
            if stop_voting.is_set():
                return
            item = rng.choice(NEEDS)
            in_flight[person] = item
            try:
                answer = client.post(
                    f"/api/{room.room}/votes", json={"participant": person, "item": item}
                )
            except httpx.HTTPError:
                return  # killed while waiting: this one was not acknowledged
            if answer.status_code == 200:
                acked[person][item] += 1
            in_flight[person] = None
            time.sleep(rng.uniform(0, 0.05))

    threads = [threading.Thread(target=vote, args=(p, i)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    try:
        while sum(sum(c.values()) for c in acked.values()) < 40:
            assert time.monotonic() < deadline, f"votes stalled: {acked}"
            time.sleep(0.005)
    finally:
        server.proc.send_signal(signal.SIGKILL)  # mid-vote: some requests are on their way
        server.proc.wait()
    stop_voting.set()
    for thread in threads:
        thread.join(10)
    room.client.close()
    total_acked = sum(sum(c.values()) for c in acked.values())
    assert total_acked >= 40

    again = start_serve(path)
    try:
        assert again.room.room == room.room  # the same URL: the phones reconnect
        for person in people:
            me = again.room.state(person)["me"]  # the phone comes back with its id
            held = Counter(me["votes"])
            for item, count in acked[person].items():
                assert held[item] >= count, (person, item)  # nothing acknowledged is lost
            extra = sum(held.values()) - sum(acked[person].values())
            assert extra <= (1 if in_flight[person] else 0)  # nothing counted twice
            assert me["dots_left"] == 5 - sum(held.values())
        closed = again.room.admin_post("voting/close").json()
    finally:
        stop(again)
    doc = AnswersFile.load(path)
    written = {str(n["id"]): n.get("votes") for n in doc.items("needs")}
    assert sum(written.values()) == sum(closed["votes"].values())
    assert sum(written.values()) >= total_acked
    assert [p for p in validate(doc, questionnaire_for(doc)) if p.severity == "error"] == []


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"x" * 4096)
    return filler


def test_a_full_disk_refuses_votes_clearly_and_loses_nothing_written(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path, "1m") as disk:
        path = draft_example(disk)
        server = start_serve(path)
        room = server.room
        try:
            room.admin_post("voting/open")
            people = [room.join(room.phone(i)) for i in range(40)]
            assert room.vote(people[0], "N3").status_code == 200
            before = path.read_bytes()
            filler = fill(disk)
            refused = None
            acked = 1
            for person in people[1:]:  # every record needs room sooner or later
                for item in ("N1", "N2", "N4", "N5"):
                    answer = room.vote(person, item)
                    if answer.status_code != 200:
                        refused = answer
                        break
                    acked += 1
                if refused is not None:
                    break
            assert refused is not None, "the disk never filled up"
            assert refused.status_code == 503
            assert refused.json()["message"] == (
                "Not saved (No space left on device): tell the facilitator"
            )
            problem = room.admin_state()["problem"]
            assert problem.startswith("The room's journal could not be written")
            assert room.admin_state()["dots_placed"] == acked  # the refused vote is not counted
            not_closed = room.admin_post("voting/close")
            assert not_closed.status_code == 503
            assert "could not save (No space left on device)" in not_closed.json()["message"]
            assert room.admin_state()["voting"] == "open"
            assert path.read_bytes() == before  # the answers file is untouched
            filler.unlink()
            assert room.vote(people[-1], "N9").status_code == 200
            acked += 1
        finally:
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            room.client.close()
        again = start_serve(path)
        try:
            assert again.room.admin_state()["dots_placed"] == acked
            assert again.room.admin_post("voting/close").status_code == 200
        finally:
            stop(again)
        doc = AnswersFile.load(path)
        assert sum(int(n.get("votes") or 0) for n in doc.items("needs")) == acked
        assert not journal_path(path).exists()

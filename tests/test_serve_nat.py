"""A room behind one address without a proxy (a venue's NAT, a tunnel started without
--behind-proxy): eighty phones from the same address join, read, listen and vote, each held to
its own participant's rates; a script flooding from that address is still held back."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import httpx
import pytest
from serving import draft_example, room_in_thread, start_serve, stop

from coconstruct.serve import limits

PHONES = 80


@pytest.mark.slow  # eighty phones at once; benchmarks/serve.py --nat measures them
def test_eighty_phones_behind_one_address_all_join_listen_and_vote(tmp_path: Path) -> None:
    running = start_serve(draft_example(tmp_path))  # its own process: the phones have the GIL
    room = running.room
    try:
        room.admin_post("voting/open")

        async def phone(client: httpx.AsyncClient, number: int) -> tuple[int, int, int]:
            joined = await client.post(f"/api/{room.room}/join")
            me = joined.json()["participant"]
            read = await client.get(f"/api/{room.room}/state", params={"participant": me})
            async with client.stream(
                "GET", f"/api/{room.room}/events", params={"participant": me}
            ) as stream:
                listening = stream.status_code
                voted = [
                    (
                        await client.post(
                            f"/api/{room.room}/votes",
                            json={"participant": me, "item": f"N{1 + (number + k) % 12}"},
                        )
                    ).status_code
                    for k in range(2)
                ]
            assert read.status_code == 200
            return joined.status_code, listening, max(voted)

        async def everyone() -> list[tuple[int, int, int]]:
            limits_ = httpx.Limits(max_connections=2 * PHONES + 10)
            async with httpx.AsyncClient(base_url=room.base, timeout=20, limits=limits_) as c:
                return await asyncio.gather(*(phone(c, n) for n in range(PHONES)))

        answers = asyncio.run(everyone())  # all from 127.0.0.1, no proxy header
        assert answers == [(201, 200, 200)] * PHONES
        state = room.admin_state()
        assert state["participants"] == PHONES and state["dots_placed"] == PHONES * 2
    finally:
        stop(running)


def test_a_flood_from_one_address_is_still_held_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the address's rate made small, so that this machine's speed does not decide the test
    monkeypatch.setattr(limits, "REQUESTS_PER_ADDRESS", limits.Rate(burst=20, per_second=0.01))
    monkeypatch.setattr(limits, "CODES_PER_ADDRESS", limits.Rate(burst=10, per_second=0.01))
    with room_in_thread(draft_example(tmp_path)) as room:
        me = room.join()
        # reads naming no one known (none, or a made-up participant) are the address's
        url = f"/api/{room.room}/state"
        reads = [room.client.get(url, params={"participant": "made-up"}) for _ in range(30)]
        assert [r.status_code for r in reads].count(200) == 19  # 20, the join took one
        assert room.client.get(url).status_code == 429
        # but someone who joined from that address is held to their own rate
        assert room.client.get(url, params={"participant": me}).status_code == 200
        assert room.vote(me, "N3").status_code == 409  # voting not open: not held back
        codes = [room.client.get("/AAAAAA").status_code for _ in range(15)]
        assert codes.count(404) == 10 and codes.count(429) == 5  # guessing gets nowhere


def test_the_rates_hold_a_script_back_in_numbers() -> None:
    """Ten thousand requests in ten seconds from one address: the burst and the refill pass."""
    now = [0.0]
    limiter = limits.Limiter(clock=lambda: now[0])
    passed = {"join": 0, "read": 0, "code": 0}
    rates = {
        "join": limits.JOINS_PER_ADDRESS,
        "read": limits.REQUESTS_PER_ADDRESS,
        "code": limits.CODES_PER_ADDRESS,
    }
    for step in range(10_000):
        now[0] = step / 1000
        for scope, rate in rates.items():
            passed[scope] += limiter.take(scope, "203.0.113.9", rate) == 0
    assert passed["join"] <= 100 + 10 / 2 + 1
    assert passed["read"] <= 400 + 40 * 10 + 1
    assert passed["code"] <= 100 + 10 + 1


def test_a_participant_holds_a_few_streams_of_its_own(tmp_path: Path) -> None:
    with room_in_thread(draft_example(tmp_path)) as room:
        me = room.join()
        url = f"{room.base}/api/{room.room}/events?participant={me}"
        with contextlib.ExitStack() as stack:
            clients = [stack.enter_context(httpx.Client(timeout=10)) for _ in range(5)]
            statuses = [
                stack.enter_context(client.stream("GET", url)).status_code for client in clients
            ]
            assert statuses == [200] * limits.STREAMS_PER_PARTICIPANT + [429]
            assert "error" in json.loads(
                stack.enter_context(clients[0].stream("GET", url)).read() or b'{"error": 1}'
            )


@pytest.mark.parametrize("rate", [limits.JOINS_PER_ADDRESS, limits.CODES_PER_ADDRESS])
def test_a_room_comes_in_at_once_through_one_address(rate: limits.Rate) -> None:
    assert rate.burst >= PHONES

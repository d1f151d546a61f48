"""The room's pages when the server goes away and comes back (Chromium): the phone and the
projector say the connection is lost, a tap meanwhile is refused visibly and not counted, and
both recover by themselves once the server is back on the same address."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import draft_example, start_serve, stop
from test_serve_browser import PHONE, PROJECTOR

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_restart_is_said_on_the_phone_and_the_projector_and_nothing_is_lost(
    browser,
    tmp_path: Path,
) -> None:
    path = draft_example(tmp_path)
    port = free_port()
    first = start_serve(path, "--port", str(port))
    room = first.room
    room.admin_post("voting/open")
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(f"{room.base}/j/{room.room}")
    phone.wait_for_selector('.need[data-id="N3"] .plus:enabled')
    phone.click('.need[data-id="N3"] .plus')
    expect(phone.locator("#my-dots .left")).to_have_text("4 dots left")
    screen = browser.new_page(viewport=PROJECTOR)
    screen.goto(f"{room.base}/s/{room.screen}")
    expect(screen.locator('.card[data-id="N3"] .card-votes strong')).to_have_text("1")
    assert screen.locator("#connection").is_hidden()

    stop(first)  # the laptop's server stops (a restart, a crash)
    expect(phone.locator("#connection")).to_have_text("Connection lost: trying again…")
    expect(screen.locator("#connection")).to_have_text("Connection lost: trying again…")
    expect(phone.locator('.need[data-id="N5"] .plus')).to_be_disabled()  # no tap to lose

    # a tap already on its way when the server went: refused on the phone, not counted
    phone.evaluate(
        "() => document.querySelector('.need[data-id=\"N5\"] .plus').removeAttribute('disabled')"
    )
    phone.click('.need[data-id="N5"] .plus')
    expect(phone.locator("#vote-message")).to_have_text(
        "Not counted: the connection was lost. Tap again once it is back."
    )

    again = start_serve(path, "--port", str(port))
    try:
        expect(phone.locator("#connection")).to_be_hidden(timeout=20_000)
        expect(screen.locator("#connection")).to_be_hidden(timeout=20_000)
        expect(phone.locator("#vote-message")).to_have_text("")
        expect(phone.locator("#my-dots .left")).to_have_text("4 dots left")  # N5 never counted
        phone.click('.need[data-id="N5"] .plus')
        expect(phone.locator("#my-dots .left")).to_have_text("3 dots left")
        expect(screen.locator('.card[data-id="N5"] .card-votes strong')).to_have_text("1")
        state = again.room.state()
        assert {n["id"]: n["votes"] for n in state["needs"]}["N3"] == 1
        assert state["dots_placed"] == 2
    finally:
        stop(again)

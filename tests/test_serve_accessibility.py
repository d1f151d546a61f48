"""The room's pages, checked as an auditor would: axe-core (WCAG 2.1 A and AA) in Chromium on the
phone's, the facilitator's and the projector's pages, before, during and after the vote, and on
the page of a wrong address. Participants include older and visually impaired people, and public
bodies must publish accessible services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import axe_violations
from serving import draft_example, start_serve, stop

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}


def violations(context: Any, url: str, ready: str) -> list[str]:
    """The page's violations, each prefixed with the page it is on."""
    return [f"{url.rsplit('/', 2)[-2]} {v}" for v in axe_violations(context, url, ready)]


def test_every_page_of_the_room_in_every_state_has_no_axe_violation(
    browser,
    tmp_path: Path,
) -> None:
    running = start_serve(draft_example(tmp_path))
    room = running.room
    # axe is injected as a script of its own: the pages' policy (scripts from the server only)
    # is bypassed for the audit, not loosened
    contexts = {
        "phone": browser.new_context(viewport=PHONE, is_mobile=True, bypass_csp=True),
        "laptop": browser.new_context(viewport=LAPTOP, bypass_csp=True),
        "projector": browser.new_context(viewport=PROJECTOR, bypass_csp=True),
    }
    pages = [
        ("phone", f"{room.base}/j/{room.room}", '.need[data-id="N3"]'),
        ("laptop", f"{room.base}/a/{room.admin}", "#voting-state"),
        ("projector", f"{room.base}/s/{room.screen}", '.card[data-id="N3"]'),
    ]
    found: list[str] = []
    try:
        for context, url, ready in pages:  # before the vote
            found += violations(contexts[context], url, ready)
        me = room.join()
        room.client.post(
            f"/api/{room.room}/ideas",
            json={"participant": me, "list": "needs", "title": "Un tiers-lieu", "domain": "social"},
        )
        room.admin_post("voting/open")
        room.vote(me, "N3")
        for context, url, ready in pages:  # during, a post-it waiting
            found += violations(contexts[context], url, ready)
        room.admin_post("voting/close")
        for context, url, ready in [*pages, ("phone", f"{room.base}/j/nothing", "h1")]:
            found += violations(contexts[context], url, ready)
    finally:
        for context in contexts.values():
            context.close()
        stop(running)
    assert found == [], "\n".join(found)


def test_the_phones_page_at_200_percent_zoom_needs_no_sideways_scroll(
    browser,
    tmp_path: Path,
) -> None:
    """200 % zoom on a 390 px phone lays the page out in 195 CSS pixels: nothing is cut."""
    running = start_serve(draft_example(tmp_path))
    room = running.room
    page = browser.new_page(viewport={"width": 195, "height": 422}, device_scale_factor=4)
    try:
        room.admin_post("voting/open")
        page.goto(f"{room.base}/j/{room.room}")
        page.wait_for_selector('.need[data-id="N3"] .plus:enabled')
        page.click('.need[data-id="N3"] .plus')
        page.wait_for_selector('.need[data-id="N3"].chosen')
        assert "N3" not in page.inner_text("#announce")  # the need by its title, not its id
        assert page.inner_text("#announce").startswith("Dot placed on ")
        width = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert width <= 0
    finally:
        page.close()
        stop(running)

"""The room in a real browser (Debian's Chromium, driven by Playwright): a phone joins, votes and
proposes a post-it, the facilitator accepts it, the projector shows the vote."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import Process, draft_example, start_serve, stop

from coconstruct.model.answers_file import AnswersFile

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Process]:
    process = start_serve(draft_example(tmp_path))
    yield process
    stop(process)


class Watch:
    """What a page asked for and what went wrong in it: requests, console errors, CSP."""

    def __init__(self, page, base: str) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: message.type == "error" and self.problems.append(message.text),
        )
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.base = base

    def check(self) -> None:
        assert self.problems == []
        outside = [url for url in self.requests if not url.startswith((self.base, "data:"))]
        assert outside == []  # nothing fetched from the internet


def overflow(page) -> int:
    """How far the page is wider than the screen (0: nothing to scroll sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_a_phone_votes_and_proposes_the_facilitator_accepts_the_projector_shows_it(
    browser, server: Process, tmp_path: Path
) -> None:
    room = server.room
    admin_url = f"{room.base}/a/{room.admin}"
    admin = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-GB")
    admin_watch = Watch(admin, room.base)
    admin.goto(admin_url)
    admin.click("#open-voting")
    admin.wait_for_selector("#voting-state.open")

    screen = browser.new_page(viewport=PROJECTOR, locale="en-GB")
    screen_watch = Watch(screen, room.base)
    screen.goto(f"{room.base}/s/{room.screen}")
    screen.wait_for_selector('.card[data-id="N3"]')
    assert screen.inner_text('.card[data-id="N3"] .card-votes strong') == "0"

    phone = browser.new_page(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    phone_watch = Watch(phone, room.base)
    phone.goto(f"{room.base}/j/{room.room}")  # the room's language (the file's), not the phone's
    assert phone.get_attribute("html", "lang") == "en"
    phone.click('.langs a[hreflang="fr"]')  # the page's switch
    phone.wait_for_selector('html[lang="fr"] .need[data-id="N3"]')
    assert phone.inner_text("#my-dots .left") == "Il vous reste 5 gommettes"
    assert "Le vote est ouvert" in phone.inner_text("#status")

    started = time.monotonic()
    phone.click('.need[data-id="N3"] .plus')
    expect(screen.locator('.card[data-id="N3"] .card-votes strong')).to_have_text("1")
    shown_after = time.monotonic() - started
    print(f"projector showed the vote {shown_after * 1000:.0f} ms after the tap")
    phone.click('.need[data-id="N3"] .plus')
    phone.click('.need[data-id="N5"] .plus')
    expect(phone.locator("#my-dots .left")).to_have_text("Il vous reste 2 gommettes")
    phone.click('.need[data-id="N5"] .minus')
    expect(phone.locator("#my-dots .left")).to_have_text("Il vous reste 3 gommettes")

    hostile = 'Un local <img src=x onerror="window.pwned=1"> {{ 7*7 }}'
    phone.fill("#postit-title-input", hostile)
    phone.select_option("#category-needs", "social")
    phone.fill("#postit-description", "<script>window.pwned=2</script>")
    phone.click("#postit button[type=submit]")
    phone.wait_for_selector("#my-ideas .idea.open")
    assert phone.inner_text("#postit-message") == "Merci : votre post-it est chez l'animateur."
    assert phone.inner_text("#my-ideas .idea-title") == hostile  # shown as typed
    assert overflow(phone) <= 0
    phone.screenshot(path=str(tmp_path / "phone.png"))

    admin.wait_for_selector(".idea-card")
    assert admin.input_value(".idea-card .idea-title-input") == hostile
    assert admin.inner_text(".idea-card .idea-description") == "<script>window.pwned=2</script>"
    admin.screenshot(path=str(tmp_path / "admin.png"), full_page=True)
    admin.click(".idea-card .accept")
    admin.wait_for_selector("#settled .idea.accepted")
    assert "added as N13" in admin.inner_text("#settled")
    # the script fills the labels' counts: {voters}, {participants}, {n}
    expect(admin.locator("#counts")).to_have_text("Voters: 1 of 1 · not voted yet: 0")
    phone.wait_for_selector("#my-ideas .idea.accepted")
    assert phone.inner_text("#my-ideas .idea-status") == "votre besoin a été ajouté à la liste"
    screen.wait_for_selector('.card[data-id="N13"]')  # the new need is on the wall to vote on
    assert screen.inner_text("#participants") == "1"
    assert overflow(screen) <= 0
    screen.screenshot(path=str(tmp_path / "screen.png"))

    for page in (phone, admin, screen):
        assert page.evaluate("window.pwned") is None  # no markup of a post-it ever ran
    for watch in (admin_watch, screen_watch, phone_watch):
        watch.check()
    item = AnswersFile.load(room.path).item("needs", "N13")
    assert item["title"] == hostile and item["domain"] == "social"


def test_a_phone_that_reloads_keeps_its_dots(browser, server: Process) -> None:
    room = server.room
    room.admin_post("voting/open")
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    phone.goto(f"{room.base}/j/{room.room}")
    phone.wait_for_selector('.need[data-id="N7"]')
    phone.click('.need[data-id="N7"] .plus')
    expect(phone.locator("#my-dots .left")).to_have_text("4 dots left")
    phone.reload()
    phone.wait_for_selector('.need[data-id="N7"].chosen')
    assert phone.inner_text("#my-dots .left") == "4 dots left"
    assert room.admin_state()["participants"] == 1  # the same participant, not a new one


# Every join the page asks for waits this long, as on a slow network: the live events' first
# `hello` reloads the page (after 150 ms) while its first load is still joining.
SLOW_JOIN = """
const fetchNow = window.fetch.bind(window);
window.joins = 0;
window.fetch = async (url, options) => {
  if (String(url).includes("/join")) {
    window.joins += 1;
    await new Promise((resolve) => setTimeout(resolve, 800));
  }
  return fetchNow(url, options);
};
"""


def test_a_phone_on_a_slow_network_joins_once(browser, server: Process) -> None:
    room = server.room
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    phone.add_init_script(SLOW_JOIN)
    phone.goto(f"{room.base}/j/{room.room}")
    phone.wait_for_selector('.need[data-id="N7"]')
    phone.wait_for_timeout(1500)  # what a second load would have joined has arrived by now
    assert phone.evaluate("window.joins") == 1
    assert room.admin_state()["participants"] == 1  # one phone, one participant

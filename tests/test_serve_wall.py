"""The projector's wall in a real browser (Debian's Chromium): 18 and 40 needs fit 1920×1080
and 1280×720 with every title whole and inside the screen; the closed vote ranks the needs (a
podium, then the rest); --hide-results keeps the dots off the wall until the vote closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from serving import draft_example, start_serve, stop
from test_serve_browser import Watch

from coconstruct.editing.assignments import apply
from coconstruct.editing.editor import Editor
from coconstruct.model.validation import load_checked

pytestmark = pytest.mark.slow

SIZES = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]
DOMAINS = ["economique", "social", "environnemental", "societal"]
TITLES = [
    "Créer une maison de santé pluriprofessionnelle avec des permanences de spécialistes "
    "dans les bourgs éloignés",
    "Un bus à la demande",
    "Rénover les logements vacants des centres-bourgs pour les jeunes ménages et les saisonniers",
    "Fibre",
    "Maintenir les commerces de proximité",
    "Des jardins partagés au pied des immeubles et dans les cours d'école du territoire",
]


def with_needs(folder: Path, count: int) -> Path:
    """The example workshop (12 needs) with needs added up to `count`, titles short and long."""
    path = draft_example(folder)
    doc, q = load_checked(path)
    editor = Editor(doc, q)
    for n in range(12, count):
        title = f"{TITLES[n % len(TITLES)]} ({n + 1})"
        apply(editor, [f"needs[+].title={title}", f"needs[+].domain={DOMAINS[n % 4]}"])
    editor.save()
    return path


OUTSIDE = """
() => {
  const bad = [];
  for (const node of document.querySelectorAll(".card, .card-title")) {
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.left < 0 || r.top < 0 ||
        r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5 ||
        node.scrollWidth > node.clientWidth + 1) {
      bad.push(node.textContent.slice(0, 40));
    }
  }
  return bad;
}
"""


def check_wall(page, count: int) -> None:
    """Every need on the wall, whole and inside the screen, in a size still read from afar."""
    page.wait_for_function(f"() => document.querySelectorAll('.card').length === {count}")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    fitted = int(page.get_attribute("#wall", "data-fitted") or 0)
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")  # fit again with the fonts
    page.wait_for_function(
        f"() => Number(document.getElementById('wall').dataset.fitted) > {fitted}"
    )
    assert page.evaluate(OUTSIDE) == []
    size = float(
        page.evaluate("() => getComputedStyle(document.querySelector('.card-title')).fontSize")[:-2]
    )
    assert size >= 9
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("count", [18, 40])
def test_every_need_fits_the_projector_and_the_closed_vote_is_ranked(
    browser,
    tmp_path: Path,
    count: int,
) -> None:
    running = start_serve(with_needs(tmp_path, count))
    try:
        room = running.room
        pages = []
        for size in SIZES:
            page = browser.new_page(viewport=size, locale="fr-FR")
            watch = Watch(page, room.base)
            page.goto(f"{room.base}/s/{room.screen}")
            check_wall(page, count)
            page.screenshot(path=str(tmp_path / f"wall-{count}-{size['width']}.png"))
            pages.append((page, watch))
        room.admin_post("voting/open")
        placed = {"N14": 5, "N3": 4, "N7": 4, "N1": 2}  # N3 and N7 tie for second
        for item, dots in placed.items():
            for _ in range(dots):
                me = room.join(room.phone(len(item) + dots))
                assert room.vote(me, item).status_code == 200
        assert room.admin_post("voting/close").status_code == 200
        for page, watch in pages:
            page.wait_for_selector(".podium")
            check_wall(page, count)
            ranks = page.eval_on_selector_all(
                ".podium .card",
                "cards => cards.map(c => [c.dataset.id, c.querySelector('.rank').textContent])",
            )
            assert ranks == [["N14", "1"], ["N3", "2"], ["N7", "2"]]
            rest = page.eval_on_selector_all(".rest .card", "cards => cards.map(c => c.dataset.id)")
            assert rest[0] == "N1" and len(rest) == count - 3
            watch.check()
        pages[0][0].screenshot(path=str(tmp_path / f"ranked-{count}.png"))
    finally:
        stop(running)


def test_hidden_results_keep_the_dots_off_the_wall_until_the_vote_closes(
    browser,
    tmp_path: Path,
) -> None:
    running = start_serve(draft_example(tmp_path), "--hide-results")
    try:
        room = running.room
        room.admin_post("voting/open")
        me = room.join()
        assert room.vote(me, "N5").status_code == 200
        page = browser.new_page(viewport=SIZES[0], locale="en-GB")
        page.goto(f"{room.base}/s/{room.screen}")
        check_wall(page, 12)
        assert page.locator(".card-votes").count() == 0
        assert page.inner_text(".hidden-note") == "The dots are shown when the vote closes."
        assert page.inner_text("#dots-placed") == "1"  # how many, not on what
        phone_state = room.state(me)
        assert {n["votes"] for n in phone_state["needs"]} == {None}
        assert phone_state["me"]["votes"] == {"N5": 1}  # a phone still sees its own dots
        assert room.admin_state()["needs"][4]["votes"] == 1  # the facilitator sees them
        assert room.admin_post("voting/close").status_code == 200
        page.wait_for_selector(".podium")
        assert page.inner_text(".podium .card .card-title") == room.state()["results"][0]["title"]
        assert room.state()["results"][0] == {
            "id": "N5",
            "title": room.state()["needs"][4]["title"],
            "votes": 1,
            "rank": 1,
        }
    finally:
        stop(running)


def test_the_full_screen_qr_code_and_the_short_code_to_type(
    browser,
    tmp_path: Path,
) -> None:
    running = start_serve(draft_example(tmp_path))
    try:
        room = running.room
        page = browser.new_page(viewport=SIZES[1], locale="en-GB")
        page.goto(f"{room.base}/s/{room.screen}")
        check_wall(page, 12)
        code = page.inner_text(".join-code strong")
        assert code.startswith(room.base.removeprefix("http://") + "/") and len(code) > 6
        page.click("#qr-toggle")
        assert page.get_attribute("#qr-toggle", "aria-pressed") == "true"
        box = page.locator(".join-panel .qr").bounding_box()
        assert box is not None and box["height"] >= 0.6 * SIZES[1]["height"]
        assert page.locator(".join-code strong").is_visible()
        page.screenshot(path=str(tmp_path / "qr-full.png"))
        page.click("#qr-toggle")
        assert page.get_attribute("#qr-toggle", "aria-pressed") == "false"
    finally:
        stop(running)


def test_the_timer_set_on_the_facilitators_page_counts_down_on_the_projector(
    browser,
    tmp_path: Path,
) -> None:
    import re

    from playwright.sync_api import expect

    running = start_serve(draft_example(tmp_path))
    try:
        room = running.room
        screen = browser.new_page(viewport=SIZES[0], locale="en-GB")
        screen.goto(f"{room.base}/s/{room.screen}")
        check_wall(screen, 12)
        assert screen.locator("#timer").is_hidden()
        admin = browser.new_page(viewport={"width": 1280, "height": 800})
        admin.goto(f"{room.base}/a/{room.admin}")
        admin.fill("#timer-minutes", "10")
        admin.fill("#timer-label", "Pause café")
        admin.click("#timer-form button[type=submit]")
        expect(screen.locator("#timer .timer-label")).to_have_text("Pause café")
        expect(screen.locator("#timer .timer-left")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
        check_wall(screen, 12)  # the wall still fits under the header with its timer
        admin.click("#timer-stop")
        expect(screen.locator("#timer")).to_be_hidden()
    finally:
        stop(running)

"""Screenshots of the room's three pages for the README (docs/serve/*.png), in French.

A room of the example workshop, with a vote under way: 28 phones have placed their dots, three
post-its wait for the facilitator; then the vote closed, the projector's ranking; then an open
question, its word cloud on the projector. Needs Debian's Chromium (`make system-deps` installs
it).

    .venv/bin/python tools/serve_screenshots.py [FOLDER]
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS  # noqa: E402
from serving import draft_example, start_serve, stop  # noqa: E402

WEIGHTS = {
    "N3": 9,
    "N10": 8,
    "N5": 6,
    "N1": 5,
    "N6": 4,
    "N9": 3,
    "N2": 3,
    "N8": 2,
    "N4": 2,
    "N11": 1,
    "N7": 1,
    "N12": 1,
}
WORDS = [
    "solidaire vivant",
    "solidaire",
    "accueillant solidaire",
    "vivant jeune",
    "Écologique",
    "écologique solidaire",
    "connecté",
    "vivant",
    "ouvert vivant",
    "entraide",
    "solidaire, rural",
    "dynamique",
    "vivant écologique",
    "attractif",
    "entraide solidaire",
    "partagé",
    "résilient",
    "jeune vivant",
]
POSTITS = [
    ("needs", "Un lieu pour les jeunes le soir", "social", "Le foyer de Vernoux a fermé en 2024"),
    ("partners", "Radio Orbière", "media", "Pourrait relayer l'appel aux bénévoles"),
    ("resources", "La halle de Vernoux", "naturelle", "Libre le samedi après-midi"),
]


def main(out: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server = start_serve(draft_example(Path(folder)), "--lang", "fr")
        room = server.room
        try:
            room.admin_post("voting/open")
            rng = random.Random(19)
            needs, weights = list(WEIGHTS), list(WEIGHTS.values())
            for number in range(28):
                with room.phone(number) as phone:
                    me = room.join(phone)
                    for item in rng.choices(needs, weights, k=5 if number < 24 else 0):
                        phone.post(
                            f"/api/{room.room}/votes", json={"participant": me, "item": item}
                        )
                    if number < len(POSTITS):
                        kind, title, category, line = POSTITS[number]
                        key = {"needs": "domain", "resources": "type", "partners": "actor_type"}
                        phone.post(
                            f"/api/{room.room}/ideas",
                            json={
                                "participant": me,
                                "list": kind,
                                "title": title,
                                key[kind]: category,
                                "description": line,
                            },
                        )
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                phone = browser.new_page(
                    viewport={"width": 390, "height": 844},
                    device_scale_factor=2,
                    is_mobile=True,
                    has_touch=True,
                    locale="fr-FR",
                )
                phone.goto(f"{room.base}/j/{room.room}")
                phone.wait_for_selector('.need[data-id="N3"]')
                for item in ("N3", "N3", "N10"):
                    phone.click(f'.need[data-id="{item}"] .plus')
                expect(phone.locator("#my-dots .left")).to_contain_text("2")
                phone.evaluate("window.scrollTo(0, 0)")
                phone.screenshot(path=str(out / "phone.png"))
                screen = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
                screen.goto(f"{room.base}/s/{room.screen}")
                screen.wait_for_selector('.card[data-id="N3"]')
                screen.wait_for_timeout(800)  # the bars' growing animation
                screen.screenshot(path=str(out / "screen.png"))
                admin = browser.new_page(viewport={"width": 1366, "height": 900}, locale="fr-FR")
                admin.goto(f"{room.base}/a/{room.admin}")
                admin.wait_for_selector(".idea-card")
                admin.screenshot(path=str(out / "admin.png"))
                room.admin_post("voting/close")  # the wall ranks the needs
                screen.wait_for_selector(".podium")
                screen.wait_for_timeout(800)
                screen.screenshot(path=str(out / "results.png"))
                room.admin_post("question", text="En un mot, le territoire en 2030 ?")
                for number, words in enumerate(WORDS):
                    with room.phone(number) as phone:
                        me = room.join(phone)
                        phone.post(
                            f"/api/{room.room}/words", json={"participant": me, "text": words}
                        )
                screen.wait_for_selector(".cloud-word .sr-only >> text=/solidaire/")
                screen.wait_for_timeout(500)
                screen.screenshot(path=str(out / "cloud.png"))
                browser.close()
        finally:
            stop(server)
    for name in ("phone", "screen", "admin", "results", "cloud"):
        print(out / f"{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve")

"""The phone's post-it form: a refusal names its field and costs nothing of the allowance, the
limits are seen before sending (a counter, never a paste cut silently), and what became of a
post-it is said in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import draft_example, room_in_thread
from test_serve_browser import PHONE, Watch


@pytest.fixture
def room(tmp_path: Path):
    with room_in_thread(draft_example(tmp_path)) as running:
        yield running


def send(room, me: str, **fields: str):
    body = {"participant": me, "list": "needs", "domain": "social", **fields}
    return room.client.post(f"/api/{room.room}/ideas?lang=fr", json=body)


def test_a_refusal_names_its_field_and_costs_nothing_of_the_allowance(room) -> None:
    me = room.join()
    empty = send(room, me, title="")
    assert empty.status_code == 422
    assert empty.json()["field"] == "title"
    assert empty.json()["message"] == "Intitulé du besoin : une réponse est attendue"
    no_kind = send(room, me, title="Un tiers-lieu", domain="")
    assert no_kind.json()["field"] == "category"
    assert no_kind.json()["message"].startswith("Domaine : ")
    long = send(room, me, title="x" * 300)
    assert long.json()["field"] == "title"
    assert long.json()["message"] == "Intitulé du besoin : doit compter au plus 120 caractères"
    long_line = send(room, me, title="Un tiers-lieu", description="y" * 1000)
    assert long_line.json()["field"] == "description"
    for _ in range(10):  # fumbling the form: said each time, never « too many requests »
        assert send(room, me, title="").status_code == 422
    for n in range(6):  # the whole allowance is still there
        assert send(room, me, title=f"Idée {n}").status_code == 202
    assert send(room, me, title="Idée 7").status_code == 429


@pytest.mark.slow
def test_the_phone_marks_the_field_counts_the_characters_and_says_what_became_of_it(
    browser,
    room,
) -> None:
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    watch = Watch(phone, room.base)
    phone.goto(f"{room.base}/j/{room.room}?lang=fr")
    phone.wait_for_selector('.need[data-id="N3"]')
    assert phone.inner_text("#title-count") == "120 caractères au plus"
    phone.fill("#postit-title-input", "x" * 5000)  # a paste longer than allowed: kept whole
    assert len(phone.input_value("#postit-title-input")) == 5000
    expect(phone.locator("#title-count")).to_have_text("5000 sur 120 caractères")
    phone.select_option("#category-needs", "social")
    phone.click("#postit button[type=submit]")
    expect(phone.locator("#postit-title-input")).to_have_attribute("aria-invalid", "true")
    assert phone.inner_text("#postit-message") == "Le titre est trop long (120 caractères au plus)"
    phone.fill("#postit-title-input", "Un tiers-lieu au bourg")
    phone.click("#postit button[type=submit]")
    expect(phone.locator("#my-ideas .idea-status")).to_have_text("chez l’animateur")
    idea = room.admin_state()["ideas"][0]["id"]
    room.admin_post(f"ideas/{idea}/accept")
    expect(phone.locator("#my-ideas .idea-status")).to_have_text(
        "votre besoin a été ajouté à la liste"
    )
    assert "N13" not in phone.inner_text("#my-ideas")
    # the refused post-it's 422 is the browser's own line; nothing else went wrong
    watch.problems = [p for p in watch.problems if "status of 422" not in p]
    watch.check()

"""The facilitator's decisions on post-its, and taking them back: undo of accept, merge and
reject (what they wrote leaves the answers file), what « Dealt with » shows (what was written),
duplicates flagged with a merge to suggest, and refused when word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import draft_example, room_in_thread
from test_serve_browser import Watch

from coconstruct.model.answers_file import AnswersFile


@pytest.fixture
def room(tmp_path: Path):
    with room_in_thread(draft_example(tmp_path)) as running:
        yield running


def postit(room, me: str, title: str, description: str = "", list_id: str = "needs") -> str:
    kind = {"needs": ("domain", "social"), "resources": ("type", "humaine")}[list_id]
    answer = room.client.post(
        f"/api/{room.room}/ideas",
        json={
            "participant": me,
            "list": list_id,
            "title": title,
            kind[0]: kind[1],
            "description": description,
        },
    )
    assert answer.status_code == 202, answer.text
    return str(answer.json()["idea"])


def test_an_accepted_post_it_taken_back_leaves_the_file_and_waits_again(room) -> None:
    me = room.join()
    idea = postit(room, me, "Un tiers-lieu au bourg")
    accepted = room.admin_post(f"ideas/{idea}/accept", title="Un tiers-lieu numérique")
    assert accepted.json()["item"] == "N13"
    settled = room.admin_state()["settled"][0]
    assert settled["written"] == "Un tiers-lieu numérique"  # what the file got, not the phone's
    assert AnswersFile.load(room.path).item("needs", "N13")["title"] == "Un tiers-lieu numérique"

    assert room.admin_post(f"ideas/{idea}/undo").json() == {"idea": idea, "status": "open"}
    assert AnswersFile.load(room.path).item("needs", "N13") is None
    state = room.admin_state()
    assert [i["id"] for i in state["ideas"]] == [idea] and state["settled"] == []
    assert "N13" not in {n["id"] for n in room.state()["needs"]}
    mine = room.state(me)["me"]["ideas"][0]
    assert (mine["status"], mine["item"]) == ("open", None)
    assert room.admin_post(f"ideas/{idea}/accept").json()["item"] == "N13"  # decided again


def test_a_merge_taken_back_takes_its_line_off_the_description(room) -> None:
    before = AnswersFile.load(room.path).item("needs", "N3")["description"]
    me = room.join()
    idea = postit(room, me, "Navette le jeudi", "pour le marché")
    assert room.admin_post(f"ideas/{idea}/merge", item="N3").status_code == 200
    merged = AnswersFile.load(room.path).item("needs", "N3")["description"]
    assert merged == f"{before}\nNavette le jeudi — pour le marché"
    assert room.admin_state()["settled"][0]["written"] == "Navette le jeudi — pour le marché"
    assert room.admin_post(f"ideas/{idea}/undo").status_code == 200
    restored = AnswersFile.load(room.path).item("needs", "N3")["description"]
    assert restored == before.rstrip("\n")  # the block's final line break aside


def test_a_rejection_taken_back_and_what_cannot_be(room) -> None:
    me = room.join()
    idea = postit(room, me, "Une piscine")
    room.admin_post(f"ideas/{idea}/reject")
    assert room.admin_post(f"ideas/{idea}/undo").status_code == 200
    assert room.admin_state()["ideas"][0]["id"] == idea
    waiting = room.admin_post(f"ideas/{idea}/undo")  # nothing decided: nothing to undo
    assert (waiting.status_code, waiting.json()["error"]) == (409, "not_settled")
    assert room.admin_post("ideas/999/undo").status_code == 404
    # a need that the room already voted on stays: its dots would be lost
    room.admin_post(f"ideas/{idea}/accept")
    room.admin_post("voting/open")
    assert room.vote(me, "N13").status_code == 200
    kept = room.admin_post(f"ideas/{idea}/undo")
    assert (kept.status_code, kept.json()["error"]) == (409, "has_dots")
    assert kept.json()["message"] == "N13 already has dots: it stays"
    assert AnswersFile.load(room.path).item("needs", "N13") is not None


def test_duplicates_are_flagged_with_a_merge_to_suggest_and_refused_word_for_word(room) -> None:
    need = AnswersFile.load(room.path).item("needs", "N3")
    me = room.join()
    same = postit(room, me, need["title"].upper())  # the same words, another case
    alike = postit(room, me, need["title"] + " !")
    other = postit(room, me, "Une salle de concert")
    ideas = {i["id"]: i for i in room.admin_state()["ideas"]}
    assert ideas[same]["similar"][0] == {"id": "N3", "title": need["title"], "same": True}
    assert ideas[alike]["similar"][0]["id"] == "N3"
    assert ideas[other]["similar"] == []
    refused = room.admin_post(f"ideas/{same}/accept")
    assert (refused.status_code, refused.json()["error"]) == (409, "duplicate")
    assert refused.json()["message"] == (
        "N3 already has this title: merge the post-it into it, or change the title"
    )
    assert AnswersFile.load(room.path).item("needs", "N13") is None
    assert room.admin_post(f"ideas/{same}/accept", title="Autre chose").status_code == 200


@pytest.mark.slow
def test_the_facilitators_page_suggests_the_merge_shows_what_was_written_and_undoes(
    browser,
    room,
) -> None:
    need = AnswersFile.load(room.path).item("needs", "N3")
    me = room.join()
    postit(room, me, need["title"][:-1])  # one letter less: alike, not the same
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="en-GB")
    watch = Watch(page, room.base)
    page.goto(f"{room.base}/a/{room.admin}?lang=en")
    card = page.locator(".idea-card")
    expect(card.locator(".idea-similar")).to_have_text(f"Looks like N3 · {need['title']}")
    assert card.locator(".idea-target").input_value() == "N3"  # the merge suggested
    card.locator(".idea-title-input").fill("Un titre corrigé")
    card.locator(".accept").click()
    expect(page.locator("#settled .idea.accepted .idea-title")).to_have_text("Un titre corrigé")
    page.click("#settled .undo")
    expect(page.locator(".idea-card")).to_have_count(1)
    expect(page.locator("#settled .idea")).to_have_count(0)
    assert AnswersFile.load(room.path).item("needs", "N13") is None
    watch.check()


@pytest.mark.slow
def test_what_the_facilitator_types_on_a_card_survives_the_rooms_taps(browser, room) -> None:
    """Every phone's tap redraws the post-its: a title being corrected, a merge chosen and the
    cursor stay as the facilitator left them."""
    me = room.join()
    postit(room, me, "Un lieu pour les jeunes")
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page.goto(f"{room.base}/a/{room.admin}?lang=en")
    title = page.locator(".idea-card .idea-title-input")
    title.fill("Un tiers-lieu pour les jeunes")
    page.locator(".idea-card .idea-target").select_option("N3")
    title.focus()
    postit(room, room.join(), "Une salle de concert")  # the room goes on: a redraw
    expect(page.locator(".idea-card")).to_have_count(2)
    first = page.locator(".idea-card").first
    expect(first.locator(".idea-title-input")).to_have_value("Un tiers-lieu pour les jeunes")
    expect(first.locator(".idea-target")).to_have_value("N3")
    expect(first.locator(".idea-title-input")).to_be_focused()


def test_the_results_export_as_a_spreadsheet_in_the_rooms_language_reads_them(room) -> None:
    me = room.join()
    idea = postit(room, me, "=HYPERLINK(1)")  # a title a spreadsheet would run
    room.admin_post(f"ideas/{idea}/accept")
    room.admin_post("voting/open")
    for item in ("N5", "N5", "N2"):
        assert room.vote(me, item).status_code == 200
    answer = room.client.get(f"/api/{room.admin}/results.csv?lang=fr")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="atelier-résultats.csv"'
    text = answer.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "rang;id;intitulé;domaine;gommettes"
    title = AnswersFile.load(room.path).item("needs", "N5")["title"]
    assert lines[1].startswith(f"1;N5;{title};")
    assert lines[1].endswith(";2") and lines[2].startswith("2;N2;") and lines[2].endswith(";1")
    assert "'=HYPERLINK(1)" in text  # shown as typed, never run
    assert len(lines) == 14  # the header and the 13 needs
    assert room.client.get(f"/api/{room.room}/results.csv").status_code == 404
    page = room.client.get(f"/a/{room.admin}").text
    assert f'href="/api/{room.admin}/results.csv?lang=' in page


def test_a_post_it_that_would_leave_a_final_file_invalid_is_refused_and_waits(
    tmp_path: Path,
) -> None:
    """A final file stays valid in the room too: with a questionnaire that asks every need's
    priority, a post-it accepted as a need (no priority yet) is refused with the missing answer
    named; the file is unchanged and the post-it waits for a decision."""
    import shutil

    from serving import EXAMPLE

    from coconstruct.model.questionnaire import BUILTIN_DIR

    text = (BUILTIN_DIR / "territoire.yaml").read_text(encoding="utf-8")
    anchor = "          - id: priority\n            type: scale\n"
    assert anchor in text
    questionnaire = tmp_path / "territoire-priorites.yaml"
    questionnaire.write_text(
        text.replace(anchor, anchor + "            required: true\n"), encoding="utf-8"
    )
    path = tmp_path / "atelier.yaml"
    shutil.copy(EXAMPLE, path)
    source = path.read_text(encoding="utf-8")
    path.write_text(
        source.replace("questionnaire: territoire\n", f"questionnaire: {questionnaire.name}\n", 1),
        encoding="utf-8",
    )
    before = path.read_bytes()
    with room_in_thread(path) as room:
        me = room.join()
        idea = postit(room, me, "Un tiers-lieu au bourg")
        refused = room.admin_post(f"ideas/{idea}/accept")
        assert refused.status_code == 422, refused.text
        message = refused.json()["message"]
        assert "needs[N13].priority" in message  # the missing answer, named
        assert "--status draft" in message  # and how to go on
        assert path.read_bytes() == before
        state = room.admin_state()
        assert [i["id"] for i in state["ideas"]] == [idea] and state["settled"] == []
        assert "needs[N13].priority" in state["problem"]  # the facilitator's banner says it


def test_a_vote_that_would_leave_a_final_file_invalid_is_refused_and_stays_open(
    tmp_path: Path,
) -> None:
    """Closing the vote on a final file goes through the same check as a post-it: with a
    questionnaire that asks where the vote took place once a vote is dated, and a file with no
    vote yet, writing the room's results would leave that answer missing. The close is refused
    with the answer named (HTTP 422), the file is byte for byte as it was, the vote is open
    again and its dots are still in the room's journal (none lost, no close recorded)."""
    import shutil

    from serving import EXAMPLE

    from coconstruct.model.questionnaire import BUILTIN_DIR
    from coconstruct.serve.journal import journal_path, read

    text = (BUILTIN_DIR / "territoire.yaml").read_text(encoding="utf-8")
    anchor = "      - id: fragilities\n"
    assert text.count(anchor) == 1
    place = (
        "      - id: vote_place\n"
        '        when: "vote_date"\n'
        "        type: text\n"
        "        required: true\n"
        '        label: {fr: "Lieu du vote", en: "Where the vote took place"}\n\n'
    )
    questionnaire = tmp_path / "territoire-lieu-du-vote.yaml"
    questionnaire.write_text(text.replace(anchor, place + anchor), encoding="utf-8")
    path = tmp_path / "atelier.yaml"
    shutil.copy(EXAMPLE, path)
    source = path.read_text(encoding="utf-8")
    last_vote = "  vote_date: 2026-11-19\n  vote_voters: 38\n  vote_dots: 5\n"
    assert source.count(last_vote) == 1 and "status: final\n" in source
    path.write_text(
        source.replace(
            "questionnaire: territoire\n", f"questionnaire: {questionnaire.name}\n", 1
        ).replace(last_vote, ""),  # no vote yet: the place is not asked
        encoding="utf-8",
    )
    before = path.read_bytes()
    with room_in_thread(path) as room:
        assert room.admin_post("voting/open").status_code == 200
        alice, bob = room.join(), room.join()
        for who, item in ((alice, "N3"), (alice, "N3"), (bob, "N1")):
            assert room.vote(who, item).status_code == 200
        refused = room.admin_post("voting/close")
        assert refused.status_code == 422, refused.text
        message = refused.json()["message"]
        assert "vote_place" in message  # the missing answer, named
        assert "--status draft" in message  # and how to go on
        assert path.read_bytes() == before
        state = room.admin_state()
        assert state["voting"] == "open"
        assert "vote_place" in state["problem"]  # the facilitator's banner says it
        assert room.vote(bob, "N5").status_code == 200  # the room goes on voting
        assert room.state(bob)["me"]["dots_left"] == 3
    _, records = read(journal_path(path))[:2]
    dots = [(r["p"], r["i"]) for r in records if r.get("t") == "vote"]
    assert sorted(dots) == sorted([(alice, "N3"), (alice, "N3"), (bob, "N1"), (bob, "N5")])
    assert not any(r.get("t") == "close" for r in records)

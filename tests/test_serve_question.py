"""The room's open question: the facilitator opens it, phones send one to three words, the
projector shows them as a word cloud, closing writes the words, their counts and their base to
the answers file (a new item of `open_questions`, its words in `vision_words`)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from conftest import said
from serving import draft_example, room_in_thread, start_serve, stop

from coconstruct.model.validation import load_checked
from coconstruct.serve.words import count, fold, split

QUESTION = "En un mot, le territoire en 2030 ?"


def words_of(path: Path) -> tuple[list[dict], list[dict]]:
    doc, _ = load_checked(path)
    return list(doc.items("open_questions")), list(doc.items("vision_words"))


def test_words_are_folded_for_case_and_accents_and_counted_once_per_participant() -> None:
    assert fold("Écologique") == fold("ecologique") == fold("ÉCOLOGIQUE")
    assert split("  «Solidaire», vivre-ensemble ; aujourd'hui ") == [
        "Solidaire",
        "vivre-ensemble",
        "aujourd'hui",
    ]
    assert split("vivant Vivant VIVANT") == ["vivant"]  # one word said three times: once
    counted = count({"a": ["Solidaire", "vivant"], "b": ["solidaire"], "c": ["SOLIDAIRE", "vert"]})
    assert [(w.word, w.count) for w in counted] == [("Solidaire", 3), ("vert", 1), ("vivant", 1)]
    counted = count({"a": ["écologique"], "b": ["Écologique"], "c": ["écologique"]})
    assert [(w.word, w.count) for w in counted] == [("écologique", 3)]  # as most wrote it


def test_a_question_opened_answered_and_closed_writes_its_words_and_base(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    with room_in_thread(path) as room:
        phones = [room.phone(i) for i in range(4)]
        people = [room.join(phone) for phone in phones]
        answer = room.admin_post("question", text=f"  {QUESTION}  ")
        assert answer.status_code == 200
        assert answer.json()["question"]["text"] == QUESTION
        sent = ["Solidaire vivant", "solidaire, Écologique", "écologique", "vert"]
        for phone, person, text in zip(phones, people, sent, strict=True):
            answer = phone.post(
                f"/api/{room.room}/words", json={"participant": person, "text": text}
            )
            assert answer.status_code == 202, answer.text
        # a phone that answers again replaces its words: « vert » is no longer said
        answer = phones[3].post(
            f"/api/{room.room}/words", json={"participant": people[3], "text": "ouvert"}
        )
        assert answer.json()["words"] == ["ouvert"]
        state = room.state(people[0])
        assert state["question"]["respondents"] == 4
        assert state["question"]["words"] == [
            {"word": "Écologique", "count": 2},
            {"word": "Solidaire", "count": 2},
            {"word": "ouvert", "count": 1},
            {"word": "vivant", "count": 1},
        ]
        assert state["me"]["words"] == ["Solidaire", "vivant"]
        assert room.admin_state()["question"]["status"] == "open"

        closed = room.admin_post("question/close")
        assert closed.status_code == 200, closed.text
        assert closed.json()["item"] == "Q1" and closed.json()["respondents"] == 4
        late = phones[0].post(
            f"/api/{room.room}/words", json={"participant": people[0], "text": "x"}
        )
        assert late.status_code == 409 and late.json()["error"] == "no_question"
    questions, words = words_of(path)
    assert [(q["id"], q["text"], q["respondents"]) for q in questions] == [("Q1", QUESTION, 4)]
    assert questions[0]["date"] is not None
    assert [(w["word"], w["count"], w["question"]) for w in words] == [
        ("Écologique", 2, "Q1"),
        ("Solidaire", 2, "Q1"),
        ("ouvert", 1, "Q1"),
        ("vivant", 1, "Q1"),
    ]


def test_the_phones_are_told_what_is_wrong_with_their_words(tmp_path: Path) -> None:
    with room_in_thread(draft_example(tmp_path)) as room:
        me = room.join()

        def send(text: object, person: object = me) -> tuple[int, dict]:
            answer = room.client.post(
                f"/api/{room.room}/words", json={"participant": person, "text": text}
            )
            return answer.status_code, answer.json()

        assert send("vivant") == (
            409,
            {"error": "no_question", "message": "No question is open at the moment"},
        )
        assert room.admin_post("question", text="   ").status_code == 422
        room.admin_post("question", text=QUESTION)
        again = room.admin_post("question", text="Another?")
        assert again.status_code == 409 and again.json()["error"] == "question_open"
        assert send("un deux trois quatre")[1] == {
            "error": "too_many_words",
            "message": said("Three words at most: keep the ones that matter most", lang="en"),
            "field": "text",
        }
        assert send(" , ;")[1]["field"] == "text"
        assert send(None)[0] == 422
        assert send("x" * 41)[1]["error"] == "too_long"
        assert send("vivant", person="nobody")[0] == 403
        # refused answers cost the phone nothing of its allowance
        for _ in range(10):
            assert send("un deux trois quatre")[0] == 422
        assert send("vivant")[0] == 202
        french = room.client.post(
            f"/api/{room.room}/words?lang=fr",
            json={"participant": me, "text": "un deux trois quatre"},
        )
        assert french.json()["message"] == said(
            "Three words at most: keep the ones that matter most", lang="fr"
        )


def test_a_question_closed_without_answers_writes_nothing(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    before = path.read_bytes()
    with room_in_thread(path) as room:
        room.admin_post("question", text=QUESTION)
        closed = room.admin_post("question/close")
        assert closed.json() == {**closed.json(), "item": None, "respondents": 0}
        assert room.admin_post("question/close").status_code == 409
        assert room.admin_post("question", text="Et ensuite ?").status_code == 200
    assert path.read_bytes() == before


def test_a_close_written_just_before_a_crash_is_not_written_twice(tmp_path: Path) -> None:
    """The file holds the words but the journal not the close: the next start closes it."""
    from coconstruct.editing.editor import Editor
    from coconstruct.serve import RoomService, Workshop

    path = draft_example(tmp_path)
    with room_in_thread(path) as room:
        people = [room.join(room.phone(i)) for i in range(2)]
        room.admin_post("question", text=QUESTION)
        for person in people:
            room.client.post(
                f"/api/{room.room}/words", json={"participant": person, "text": "vivant"}
            )
        service = room.service
        assert isinstance(service, RoomService)
        service.workshop.write_words(QUESTION, service.today(), 2, [("vivant", 2)])
    doc, q = load_checked(path)
    resumed = RoomService.open(Workshop(Editor(doc, q)), 5)
    try:
        state = resumed.questions.state()
        assert state is not None and state["status"] == "closed" and state["item"] == "Q1"
        assert resumed.settled or resumed.room.voting != "open"
    finally:
        resumed.close(remove_journal=False)
    assert len(words_of(path)[0]) == 1


@pytest.mark.slow
def test_kill_9_loses_no_acknowledged_word(tmp_path: Path) -> None:
    path = draft_example(tmp_path)
    server = start_serve(path)
    room = server.room
    phones = [room.phone(i) for i in range(6)]
    people = [room.join(phone) for phone in phones]
    room.admin_post("question", text=QUESTION)
    for phone, person in zip(phones, people, strict=True):
        answer = phone.post(
            f"/api/{room.room}/words", json={"participant": person, "text": "Solidaire vert"}
        )
        assert answer.status_code == 202
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait()
    again = start_serve(path)
    assert again.room.room == room.room  # the same URLs
    assert again.room.admin_state()["question"]["respondents"] == 6
    said_at_stop = stop(again)  # Ctrl-C with the words not yet written: the room is kept
    assert "The open question has answers not yet written" in " ".join(said_at_stop.split())
    third = start_serve(path)
    try:
        assert third.room.admin_state()["question"]["respondents"] == 6
        assert third.room.admin_post("question/close").status_code == 200
    finally:
        stop(third)
    questions, words = words_of(path)
    assert questions[0]["respondents"] == 6
    assert [(w["word"], w["count"]) for w in words] == [("Solidaire", 6), ("vert", 6)]


PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.mark.slow
def test_a_phone_answers_and_the_projector_shows_the_cloud_with_no_axe_violation(
    browser, tmp_path: Path
) -> None:
    """The three pages with a question open: a phone types its words, the projector's cloud
    shows them live (each word also in a list, with its count, for screen readers), and
    axe-core finds nothing on the phone's, the facilitator's and the projector's pages."""
    from conftest import axe_violations

    running = start_serve(draft_example(tmp_path))
    room = running.room
    contexts = {
        "phone": browser.new_context(viewport=PHONE, is_mobile=True, bypass_csp=True),
        "laptop": browser.new_context(viewport=LAPTOP, bypass_csp=True),
        "projector": browser.new_context(viewport=PROJECTOR, bypass_csp=True),
    }
    try:
        room.admin_post("question", text=QUESTION)
        screen = contexts["projector"].new_page()
        screen.goto(f"{room.base}/s/{room.screen}")
        screen.wait_for_selector("#cloud:not([hidden]) .cloud-empty")
        assert screen.is_hidden("#wall")
        phone = contexts["phone"].new_page()
        phone.goto(f"{room.base}/j/{room.room}")
        phone.wait_for_selector("#question:not([hidden])")
        assert phone.inner_text("#question-text") == QUESTION
        phone.fill("#words-input", "Solidaire, vivant")
        phone.click("#words-form button[type=submit]")
        phone.wait_for_selector("#words-message.ok")
        assert "Solidaire, vivant" in phone.inner_text("#words-message")
        # live: the projector hears of the answer and draws the words, biggest most said
        screen.wait_for_selector(".cloud-word >> text=vivant")
        spoken = screen.locator(".cloud-word .sr-only").all_inner_texts()
        assert sorted(spoken) == ["Solidaire: 1", "vivant: 1"]
        other = room.phone(7)
        person = room.join(other)
        other.post(f"/api/{room.room}/words", json={"participant": person, "text": "solidaire"})
        screen.wait_for_selector(".cloud-word .sr-only >> text=Solidaire: 2")
        big = screen.eval_on_selector_all(
            ".cloud-word",
            "nodes => nodes.map(n => [n.textContent, parseFloat(getComputedStyle(n).fontSize)])",
        )
        sizes = {text.split(":")[0]: size for text, size in big}
        assert sizes["SolidaireSolidaire"] > sizes["vivantvivant"]
        found = []
        for name, url, ready in [
            ("phone", f"{room.base}/j/{room.room}", "#question:not([hidden])"),
            ("laptop", f"{room.base}/a/{room.admin}", "#question-live:not([hidden])"),
            ("projector", f"{room.base}/s/{room.screen}", ".cloud-word"),
        ]:
            found += [f"{name} {v}" for v in axe_violations(contexts[name], url, ready)]
        assert found == [], "\n".join(found)
        # closed: the phone thanks, the projector is back to the wall, the cloud a button away
        room.admin_post("question/close")
        phone.wait_for_selector("#words-closed:not([hidden])")
        screen.wait_for_selector("#wall:not([hidden])")
        screen.click("#view-toggle")
        screen.wait_for_selector("#cloud:not([hidden])")
    finally:
        for context in contexts.values():
            context.close()
        stop(running)

"""The one editing core: `set` and `run` leave the same file for the same edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_interview import MINI, Script, new_file

from coconstruct.editing.assignments import set_answers
from coconstruct.editing.editor import Editor
from coconstruct.interview import Interview
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.paths import AnswerPath, Spot
from coconstruct.model.validation import load_checked

# The same edits, as typed in the interview (`--ask` order) and as `set` assignments.
EDITS = [
    ("territory_name", "Val d'Orbière"),
    ("population", "1 200"),
    ("hours", "100"),
    ("hours_value", "1 200"),  # the computed default, accepted as proposed
    ("hours", "150"),  # …which then follows: 1 800
]
ITEM = [
    ("needs[+].title", "Mobilité des jeunes"),
    ("needs[N1].priority", 3),  # a scale is chosen in a list: the reply is the level
]


def by_interview(path: Path) -> Script:
    doc, q = load_checked(path)
    script = Script(*[(p, v) for p, v in EDITS], *[(p, v) for p, v in ITEM])
    session = Interview(doc, q, script)
    session.ask_only([p for p, _ in EDITS])
    session.ask_only(["needs[+].title", "needs[+].priority", "needs[+].why"])
    return script


def by_set(path: Path) -> None:
    for edit_path, value in EDITS:
        set_answers(path, [f"{edit_path}={value}"])
    set_answers(path, ["needs[+].title=Mobilité des jeunes", "needs[+].priority=3"])


def test_set_and_run_leave_the_same_bytes_for_the_same_edits(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "set").mkdir()
    ran, setted = new_file(tmp_path / "run"), new_file(tmp_path / "set")
    script = by_interview(ran)
    by_set(setted)
    assert AnswersFile.load(ran).get("hours_value") == 1800  # followed the new hours
    assert any("1 800" in n.replace("\u202f", " ") for n in script.notices)
    assert ran.read_bytes() == setted.read_bytes()


def test_set_follows_a_computed_default_and_says_so(tmp_path: Path) -> None:
    path = new_file(tmp_path, hours=100, hours_value=1200)
    result = set_answers(path, ["hours=20"])
    assert AnswersFile.load(path).get("hours_value") == 240
    lines = [change.describe(result.lang) for change in result.changes]
    assert lines[0] == "hours = 20"
    assert lines[1].startswith("hours_value = 240") and lines[1].endswith("(recalculé)")


def test_an_answer_changed_by_hand_does_not_follow(tmp_path: Path) -> None:
    path = new_file(tmp_path, hours=100, hours_value=999)
    set_answers(path, ["hours=20"])
    assert AnswersFile.load(path).get("hours_value") == 999


def test_removing_an_item_takes_its_fields_off_the_deferred_list(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    doc, q = load_checked(path)
    editor = Editor(doc, q)
    needs = q.question("needs")
    assert needs is not None
    spot, _ = editor.store(Spot(needs.fields[0], needs), "Eau")  # type: ignore[index]
    editor.defer(Spot(needs.fields[1], needs, spot.item_id))  # type: ignore[index]
    editor.defer(Spot(q.question("population")))  # type: ignore[arg-type]
    assert editor.deferred == ["needs[N1].priority", "population"]
    editor.remove_item(needs, "N1")
    assert editor.deferred == ["population"]


def test_paths_print_as_they_parse() -> None:
    for text in ("population", "needs[N2]", "needs[N2].priority", "needs[+].title"):
        assert str(AnswerPath.parse(text)) == text
    assert AnswerPath.parse("needs[N2].priority").within(AnswerPath("needs"))
    assert not AnswerPath.parse("needs_more").within(AnswerPath("needs"))


@pytest.mark.parametrize("text", ["", "Needs", "needs[", "needs[N1].", "needs[N 1]", "a.b"])
def test_a_path_that_does_not_parse_says_what_a_path_looks_like(text: str) -> None:
    from coconstruct.model.paths import PathError

    with pytest.raises(PathError, match="not an answer path"):
        AnswerPath.parse(text, "en")


def test_copy_of_mini_is_not_needed(tmp_path: Path) -> None:
    # new_file names MINI by absolute path: both files name the same questionnaire
    shutil.copy(MINI, tmp_path / "mini.yaml")
    assert (tmp_path / "mini.yaml").read_text() == MINI.read_text()

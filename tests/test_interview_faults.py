"""Interview faults in a real terminal: Ctrl-C and Ctrl-D at every kind of prompt save everything
and exit 130; a terminal resized in the middle of a prompt loses nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_cli_run import CTRL_C, CTRL_D, ENTER, MINI, Spawn, answer, finish

from coconstruct.editing.assignments import apply
from coconstruct.editing.editor import Editor
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import load

# (question path for --ask, text on screen above the prompt), one per kind of prompt
PROMPTS = [
    ("territory_name", "Territory name"),  # text
    ("kind", "Kind of territory"),  # select
    ("population", "Population"),  # number
    ("workshop_date", "Workshop date"),  # date
    ("needs", "Needs"),  # the menu of a list, its items as choices
    ("needs[N1].priority", "Priority"),  # scale
    ("needs[N1].urgent", "Urgent?"),  # boolean
    ("top_need", "Top need"),  # reference
    ("hours_value", "Value of volunteering"),  # money
    ("public_share", "Public share"),  # percent
    ("themes", "Themes"),  # multiselect
    ("notes", "Notes"),  # textarea
]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    q = load(str(tmp_path / "mini.yaml"))
    doc = AnswersFile.new(q, tmp_path / "atelier.yaml", "en", "mini.yaml")
    apply(
        Editor(doc, q),
        [
            "territory_name=Val d'Orbière",
            "kind=commune",
            "population=1200",
            "workshop_date=2027-03-15",
            "needs[+].title=Water",
            "needs[+].priority=3",
            "needs[+].urgent=yes",
            "needs[+].why=Drought",
            "top_need=N1",
            "hours=10",
            "hours_value=120",
            "public_share=40",
            "themes=mobilite",
            "notes=Line 1\nLine 2",
        ],
    )
    doc.save()
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
@pytest.mark.parametrize(("path", "label"), PROMPTS, ids=[p for p, _ in PROMPTS])
def test_quitting_at_any_prompt_keeps_every_answer(
    spawn: Spawn, workdir: Path, path: str, label: str, key: str
) -> None:
    before = (workdir / "atelier.yaml").read_text(encoding="utf-8")
    child = spawn("run", "atelier.yaml", "--ask", path)
    answer(child, label, key)
    child.expect_exact("Saved 15 answers to atelier.yaml — resume with: coconstruct run")
    assert finish(child) == 130
    assert (workdir / "atelier.yaml").read_text(encoding="utf-8") == before


@pytest.mark.slow
def test_a_resized_terminal_in_the_middle_of_a_prompt_loses_nothing(
    spawn: Spawn, workdir: Path
) -> None:
    child = spawn("run", "atelier.yaml", "--ask", "population,kind")
    answer(child, "Population", "\x15", "23")
    child.setwinsize(20, 60)  # the projector's resolution changes: SIGWINCH mid-prompt
    child.send("40")
    child.setwinsize(50, 160)
    child.send(ENTER)
    answer(child, "Kind of territory", CTRL_C)
    assert finish(child) == 130
    assert AnswersFile.load(workdir / "atelier.yaml").get("population") == 2340

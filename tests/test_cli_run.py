"""`coconstruct run` in a real pseudo-terminal (pexpect), keys pressed as in the room. A terminal
session takes about a second: they are marked slow (`make test` runs them, `make test-fast` not)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from conftest import EXAMPLE, Terminal

from coconstruct.model.answers_file import AnswersFile

MINI = Path(__file__).parent / "data" / "mini.yaml"

ENTER = "\r"
CTRL_B = "\x02"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_R = "\x12"
SPACE = " "
BACKSPACE = "\x7f"
DOWN = "\x1b[B"
UP = "\x1b[A"

Spawn = Callable[..., pexpect.spawn]
# the pyte tests' terminal (conftest's `screen` fixture) at a projector's sizes
Start = Callable[..., Terminal]
SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((120, 40), id="120x40")]
LARGE = Path(__file__).parent / "data" / "quatre-vallees.yaml"  # 30 partners, 20 needs


def to_partners_review(screen: Terminal) -> None:
    """From `run qv.yaml --section partenaires`'s first screen to its review: the partners'
    list continued, the absent actors left empty."""
    screen.wait_for("Commencer ▸")
    screen.send(ENTER)
    screen.wait_for("✓ Continuer")
    screen.send(ENTER)
    screen.wait_for("Acteurs absents à associer")
    screen.send(ENTER)
    screen.wait_for("Relecture : Cartographie des acteurs")


def pointed(lines: list[str]) -> str:
    """The choice under the pointer."""
    return next(line for line in lines if line.lstrip().startswith("»"))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    return tmp_path


def answer(child: pexpect.spawn, expected: str, *keys: str, shows: str = "") -> None:
    """Wait until `expected` (text above the prompt) is on screen, then the prompt, then `shows`
    (a choice drawn under it); type `keys`."""
    child.expect_exact(expected)
    child.expect_exact("›")  # the prompt itself is drawn: keys go to it
    if shows:
        child.expect_exact(shows)
    for key in keys:
        child.send(key)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0))


def answers(path: Path) -> dict[str, object]:
    return AnswersFile.load(path).plain()


def start_frame(child: pexpect.spawn) -> None:
    answer(child, "Setting the frame", ENTER)
    answer(child, "Territory name", "Val d'Orbière", ENTER)
    answer(child, "Kind of territory", ENTER, shows="Municipality")  # the first choice


@pytest.mark.slow
def test_a_whole_interview_in_a_terminal(spawn: Spawn, workdir: Path) -> None:
    child = spawn("run", "atelier.yaml", "--questionnaire", "mini.yaml", "--lang", "en")
    start_frame(child)
    answer(child, "INSEE code", "38185", ENTER)
    answer(child, "Population", "1,200", ENTER)
    answer(child, "Workshop date", "15/03/2027", ENTER)
    answer(child, "Review: Frame", ENTER)
    answer(child, "Needs", ENTER)  # the section card
    answer(child, "No items yet.", ENTER)  # + Add an item
    answer(child, "Title", "Water", ENTER)
    answer(child, "Priority", "3")  # a digit answers a scale at once
    answer(child, "Urgent?", "yes", ENTER)  # typing filters the choices
    answer(child, "Why is it urgent?", "Drought", ENTER)
    # the items are the list's first choices; typing filters them and the actions
    answer(child, "Needs", "continue", ENTER, shows="Water")
    answer(child, "Top need", "water", ENTER, shows="N1 · Water")  # found by its title
    answer(child, "Review: Needs", ENTER)
    answer(child, "Budget", ENTER)
    answer(child, "Volunteering hours", "10", ENTER)
    answer(child, "Value of volunteering", ENTER)  # keeps the computed 120
    answer(child, "Public share", "40 %", ENTER)
    answer(child, "Themes", SPACE, ENTER, shows="Mobility")
    answer(child, "Notes", "First line", ENTER, "Second line", ENTER, ENTER)
    answer(child, "Review: Budget", ENTER)
    answer(child, "End of the questionnaire", ENTER)
    child.expect_exact("Saved 16 answers to atelier.yaml")  # as show and the report count
    assert finish(child) == 0
    assert answers(workdir / "atelier.yaml") == {
        "territory_name": "Val d'Orbière",
        "kind": "commune",
        "code": "38185",
        "population": 1200,
        "workshop_date": "2027-03-15",
        "needs": [{"id": "N1", "title": "Water", "priority": 3, "urgent": True, "why": "Drought"}],
        "top_need": "N1",
        "hours": 10,
        "hours_value": 120,
        "public_share": 40,
        "themes": ["mobilite"],
        "notes": "First line\nSecond line",
    }


@pytest.mark.slow
def test_going_back_and_a_rule_shown_inline_in_french(spawn: Spawn, workdir: Path) -> None:
    child = spawn("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "fr", lang="fr")
    answer(child, "On pose le cadre", ENTER)
    answer(child, "Nom du territoire", "Val", ENTER)
    answer(child, "Type de territoire", CTRL_B)
    answer(child, "Nom du territoire", " d'Orbière", ENTER)  # the answer is there to complete
    # typing filters the choices, accents or not; Enter does nothing while nothing matches
    answer(
        child,
        "Type de territoire",
        "zz",
        ENTER,
        BACKSPACE,
        BACKSPACE,
        "regi",
        ENTER,
        shows="Région",
    )
    answer(child, "Population", "-3", ENTER)
    answer(child, "✗ doit valoir au moins 0", "\x15", "1 200,50", ENTER)  # Ctrl-U: clear
    answer(child, "Date de l’atelier", CTRL_C)
    child.expect_exact(
        "3 réponses enregistrées dans atelier.yaml — pour reprendre : coconstruct run atelier.yaml"
    )
    assert finish(child) == 130
    assert answers(workdir / "atelier.yaml") == {
        "territory_name": "Val d'Orbière",
        "kind": "region",
        "population": 1200.5,
    }


def row_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


@pytest.mark.slow
def test_the_typed_filter_is_shown_under_the_list(terminal: Callable[..., Terminal]) -> None:
    screen = terminal("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "fr", lang="fr")
    screen.wait_for("On pose le cadre")
    screen.send(ENTER)
    screen.wait_for("Nom du territoire")
    screen.send("Val", ENTER)
    screen.wait_for("Région")
    screen.send("rég")
    lines = screen.wait_for("» Région", "/ rég...")
    # right under the list, where the room is looking, not at the bottom of the terminal
    assert row_of(lines, "/ rég...") - row_of(lines, "» Région") <= 2
    screen.send(BACKSPACE, BACKSPACE, BACKSPACE, "xyz")
    lines = screen.wait_for("/ xyz...", "✗ aucun choix ne correspond")
    assert "/ xyz..." in lines[row_of(lines, "✗ aucun choix")]
    assert row_of(lines, "✗ aucun choix") - row_of(lines, "Région") <= 2
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.slow
def test_the_keys_say_in_english_what_ctrl_c_loses(terminal: Callable[..., Terminal]) -> None:
    # the French screens are read in test_cli_run_screens.py
    screen = terminal("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "en", lang="en")
    screen.wait_for("Setting the frame")
    screen.send(ENTER)
    hint = "Ctrl-B previous · Ctrl-R review later · Ctrl-C quit (what is being typed is lost)"
    lines = screen.wait_for("Territory name", hint)
    assert lines[row_of(lines, "Ctrl-B previous")] == hint
    screen.send("Val", ENTER)
    # a short list filters as typed, and says so; nothing typed is lost on Ctrl-C
    hint = "↑↓ then Enter · type to filter · Ctrl-B previous · Ctrl-R review later · Ctrl-C quit"
    lines = screen.wait_for("Kind of territory", "» Municipality", hint)
    assert lines[row_of(lines, "Ctrl-B previous")] == hint
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "typed", "saved"),
    [("fr", "hausse", "hausse"), ("en", "rise", "hausse"), ("en", "ris", "hausse")],
)
def test_an_exact_match_wins_over_a_longer_label(
    spawn: Spawn, workdir: Path, lang: str, typed: str, saved: str
) -> None:
    # « Forte hausse » comes first in the list and contains « hausse »
    shutil.copy(EXAMPLE, workdir / "val.yaml")
    child = spawn("run", "val.yaml", "--ask", "needs[N1].trend", "--lang", lang, lang=lang)
    answer(child, "Évolution du besoin" if lang == "fr" else "Trend of the need", typed, ENTER)
    assert finish(child) == 0
    assert AnswersFile.load(workdir / "val.yaml").plain()["needs"][0]["trend"] == saved  # type: ignore[index]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "summary"), [("fr", "2 choix"), ("en", "2 choices")])
def test_a_multiselect_is_summed_up_in_the_interview_language(
    spawn: Spawn, workdir: Path, lang: str, summary: str
) -> None:
    child = spawn(
        "run", "atelier.yaml", "-q", "mini.yaml", "--ask", "themes", "--lang", lang, lang=lang
    )
    answer(child, "Thèmes" if lang == "fr" else "Themes", SPACE, DOWN, SPACE, ENTER)
    child.expect_exact(summary)
    assert "selections" not in child.before
    assert finish(child) == 0
    assert answers(workdir / "atelier.yaml") == {"themes": ["mobilite", "sante"]}


@pytest.mark.slow
@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_quitting_saves_and_exits_130(spawn: Spawn, workdir: Path, key: str) -> None:
    child = spawn("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "en")
    start_frame(child)
    answer(child, "INSEE code", key)
    child.expect_exact(
        "Saved 2 answers to atelier.yaml — resume with: coconstruct run atelier.yaml"
    )
    assert finish(child) == 130
    assert answers(workdir / "atelier.yaml") == {
        "territory_name": "Val d'Orbière",
        "kind": "commune",
    }


@pytest.mark.slow
def test_a_question_set_aside_is_recorded(spawn: Spawn, workdir: Path) -> None:
    child = spawn("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "en")
    start_frame(child)
    answer(child, "INSEE code", CTRL_R)
    answer(child, "Population", CTRL_C)
    assert finish(child) == 130
    assert AnswersFile.load(workdir / "atelier.yaml").deferred == ["code"]


@pytest.mark.slow
def test_killed_in_the_middle_then_resumed(spawn: Spawn, workdir: Path) -> None:
    child = spawn("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "en")
    start_frame(child)
    answer(child, "INSEE code", "38185", ENTER)
    answer(child, "Population", "12")  # typed, not yet confirmed: the only thing to lose
    child.kill(signal.SIGKILL)
    child.close(force=True)
    stale = workdir / ".coconstruct-999999999-abc.atelier.yaml.tmp"  # a dead writer's leftover
    stale.write_text("partial", encoding="utf-8")

    child = spawn("run", "atelier.yaml", "--lang", "en")
    answer(child, "Setting the frame", ENTER)
    answer(child, "Population", "12", ENTER)  # resumes exactly there
    answer(child, "Workshop date", CTRL_C)
    assert finish(child) == 130
    assert answers(workdir / "atelier.yaml") == {
        "territory_name": "Val d'Orbière",
        "kind": "commune",
        "code": "38185",
        "population": 12,
    }
    assert not stale.exists()


@pytest.mark.slow
def test_a_second_run_on_the_same_file_is_refused(spawn: Spawn, workdir: Path) -> None:
    first = spawn("run", "atelier.yaml", "-q", "mini.yaml", "--lang", "en")
    answer(first, "Setting the frame")
    second = spawn("run", "atelier.yaml", "--lang", "en")
    second.expect_exact(f"atelier.yaml is in use by another coconstruct (process {first.pid}")
    assert finish(second) == 1
    first.send(CTRL_C)
    assert finish(first) == 130


def test_run_without_a_terminal_refuses_at_once(workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coconstruct", "run", "atelier.yaml"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=workdir,
        timeout=30,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
    )
    assert result.returncode == 2
    assert "Error: run needs an interactive terminal" in result.stderr
    assert "coconstruct set atelier.yaml" in result.stderr
    assert "coconstruct validate atelier.yaml" in result.stderr
    assert not (workdir / "atelier.yaml").exists()

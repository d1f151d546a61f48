"""Numbers and codes as people type them, in the interview on a projector's terminal (pyte, 100×30
and 120×40): a count reads « 12.500 » as 12 500 and refuses « 12,5 », a reversed range is refused
with its reading offered, a SIREN typed as printed is taken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, Terminal, said
from test_cli_run import BACKSPACE, ENTER, SIZES, Start, finish

from coconstruct.model.answers_file import AnswersFile

pytestmark = pytest.mark.slow


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "val.yaml")
    return tmp_path


def erase(screen: Terminal) -> None:
    """Empty the line: the current answer is prefilled, a refused one stays to be corrected."""
    screen.send(*[BACKSPACE] * 20)


@pytest.mark.parametrize("size", SIZES)
def test_a_count_as_people_type_it(terminal: Start, workdir: Path, size) -> None:
    screen = terminal("run", "val.yaml", "--ask", "population", lang="fr", size=size)
    screen.wait_for("Population du territoire")
    for typed, refusal in (
        ("12,5", said("“{value}” is not a whole number", value="12,5")),
        (
            "20 000-15 000",
            said(
                "“{value}”: the range goes down; did you mean {reading}?",
                value="20 000-15 000",
                reading="15 000-20 000",
            ),
        ),
    ):
        erase(screen)
        screen.send(typed, ENTER)
        screen.wait_for(refusal[:40])
    erase(screen)
    screen.wait_until(lambda lines: _typed(lines, ""))
    screen.send("12.500", ENTER)
    assert finish(screen.child) == 0
    assert AnswersFile.load(workdir / "val.yaml").plain()["population"] == 12500


@pytest.mark.parametrize("size", SIZES)
def test_a_siren_typed_as_printed(terminal: Start, workdir: Path, size) -> None:
    screen = terminal("run", "val.yaml", "--ask", "territory_code", lang="fr", size=size)
    screen.wait_for("Code officiel du territoire")
    erase(screen)
    screen.send("200 046 977", ENTER)
    assert finish(screen.child) == 0
    assert AnswersFile.load(workdir / "val.yaml").plain()["territory_code"] == "200046977"


def _typed(lines: list[str], text: str) -> None:
    """The prompt's line holds `text` after the unit."""
    line = next((line for line in lines if "(habitants)" in line), "")
    assert line.split("(habitants)")[-1].strip() == text, line


@pytest.mark.parametrize("size", SIZES)
def test_a_dates_placeholder_says_a_month_or_a_year_is_an_answer(
    terminal: Start, workdir: Path, size
) -> None:
    screen = terminal("run", "val.yaml", "--ask", "workshop_date", lang="fr", size=size)
    screen.wait_for("Date de l’atelier", said("(YYYY-MM-DD, YYYY-MM or YYYY)"))
    erase(screen)
    screen.send("11/2026", ENTER)
    assert finish(screen.child) == 0
    assert AnswersFile.load(workdir / "val.yaml").plain()["workshop_date"] == "2026-11"

"""The keys of the interview's lists on a projector's terminal (pyte, 100×30 and 120×40): a
multi-choice filter takes spaces, Tab ticks while filtering and never when nothing matches,
Ctrl-U clears the filter, Home and End go to the first and the last choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_cli_run import ENTER, SIZES, Start, finish, pointed

from coconstruct.model.answers_file import AnswersFile

TAB, CTRL_U, HOME, END = "\t", "\x15", "\x1b[H", "\x1b[F"

pytestmark = pytest.mark.slow


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "val.yaml")
    return tmp_path


@pytest.mark.parametrize("size", SIZES)
def test_a_filter_with_spaces_tab_ticks_ctrl_u_clears_home_and_end_move(
    terminal: Start, workdir: Path, size
) -> None:
    before = set(AnswersFile.load(workdir / "val.yaml").plain()["sdgs"])
    assert "odd1" not in before and "odd17" in before
    screen = terminal("run", "val.yaml", "--ask", "sdgs", lang="fr", size=size)
    screen.wait_for("Objectifs de développement durable visés", "ODD 1 – Pas de pauvreté")
    screen.send("pas de pauvrete")  # two words: Space types while a filter is typed
    lines = screen.wait_for("pas de pauvrete")
    assert "ODD 1 – Pas de pauvreté" in pointed(lines)
    screen.send(TAB)  # ticks ODD 1
    screen.send("xyz")  # nothing matches now: Tab ticks nothing
    screen.wait_for("aucun choix ne correspond")
    screen.send(TAB, CTRL_U)
    screen.wait_until(lambda lines: _no_filter(lines))
    screen.send(END)
    screen.wait_until(lambda lines: _pointing(lines, "ODD 17"))
    screen.send(TAB)  # unticks ODD 17
    screen.send(HOME)
    screen.wait_until(lambda lines: _pointing(lines, "ODD 1 –"))
    screen.send(ENTER)
    assert finish(screen.child) == 0
    after = set(AnswersFile.load(workdir / "val.yaml").plain()["sdgs"])
    assert after == (before | {"odd1"}) - {"odd17"}


def _no_filter(lines: list[str]) -> None:
    assert not any("xyz" in line for line in lines), "\n".join(lines)


def _pointing(lines: list[str], label: str) -> None:
    assert label in pointed(lines), pointed(lines)


@pytest.mark.parametrize("size", SIZES)
def test_the_header_keeps_the_territorys_start_and_end(
    terminal: Start, workdir: Path, size
) -> None:
    screen = terminal("run", "val.yaml", "--ask", "sdgs", lang="fr", size=size)
    lines = screen.wait_for("Objectifs de développement durable visés", "⏱")
    bar = lines[0]
    assert bar.startswith(" Communauté de") and "Val d'Orbière" in bar, bar  # « … » in between
    assert "⏱" in bar and "min" in bar  # the clock is never cut

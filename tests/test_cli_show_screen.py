"""`coconstruct show` on the projector: one screen that fits the terminal (pyte at 120×40 and
100×30), `--all` paged, `--section` of the plan as a table and a calendar, open points that are
the roadmap's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pexpect
import pytest
from conftest import EXAMPLE, SAINT_IVY, said
from rich.cells import cell_len

from coconstruct.model.answers_file import AnswersFile
from coconstruct.report import render

SIZES = [(120, 40), (100, 30)]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    shutil.copy(source, target)
    return target


def ended(terminal) -> list[str]:
    """The screen once the program has ended."""
    terminal.child.expect(pexpect.EOF)
    terminal.wait_until(lambda lines: None)
    terminal.stream.feed(terminal.child.before or "")
    return terminal.lines()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("source", [EXAMPLE, SAINT_IVY], ids=lambda p: p.stem)
def test_show_fits_one_screen(terminal, workdir: Path, source: Path, size, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # the terminal's own size, as in the room
    monkeypatch.delenv("LINES", raising=False)
    path = copy(source, workdir)
    screen = terminal("show", path.name, size=size)
    lines = screen.wait_for("--all")
    territory = AnswersFile.load(path).get("territory_name")
    # nothing scrolled off: the title is still the first line, the hint the last one written
    assert territory in lines[0]
    written = [line for line in lines if line.strip()]
    assert "--all" in written[-1]
    assert len(lines) == size[1]
    for wanted in ("Avancement par section", "Prochaines étapes", "Points ouverts"):
        assert any(wanted in line for line in lines), wanted
    assert any("Plan de financement" in line for line in lines), "\n".join(lines)
    if size == (120, 40):  # room for the most pressing needs beside the money
        assert any("Besoins les plus pressants" in line for line in lines)


def test_show_names_leads_and_dates_in_its_next_steps(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("LINES", "40")
    out = cli("show", example).out
    step = next(line for line in out.splitlines() if line.startswith("A1 · "))
    assert "Association Val'Entraide" in step
    assert "mars 2027 – déc. 2027" in step and "180\u202f000\u00a0€" in step
    assert "À lancer" in step
    assert "P6, P1" not in out  # names, not codes
    assert "Date du prochain rendez-vous : 21 janvier 2027" in out


def test_show_says_what_it_left_out(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("LINES", "40")
    out = cli("show", example).out
    # 12 needs, 5 shown; 11 actions still ahead, 5 shown
    assert "and 7 more" in out or "et 7 autres" in out
    assert "et 6 autres" in out


def test_the_open_points_are_the_roadmaps(cli, tmp_path: Path, monkeypatch) -> None:
    path = copy(SAINT_IVY, tmp_path)
    monkeypatch.setenv("LINES", "40")
    out = cli("show", path).out
    assert "Points ouverts (5)" in out
    line = out[out.index("Points ouverts (5)") :].splitlines()[1]
    shown = set(re.findall(r"\b[NAF]\d+\b", line))
    md = render(path, ["md"]).documents["md"].decode("utf-8")
    annex = md[md.index("Points ouverts\n") :]
    listed = set(re.findall(r"^\| ([NAF]\d+) · ", annex, flags=re.MULTILINE))
    # A1 is finished: its missing lead is no open point
    assert shown == listed == {"N2", "A3", "F1", "F2", "F6"}
    assert "5 points restent ouverts" in md  # the key message counts the same points


@pytest.mark.parametrize("width", [100, 120])
def test_the_plan_as_a_table_and_a_calendar(cli, example: Path, monkeypatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("show", example, "--section", "feuille_de_route")
    assert result.code == 0, result.err
    out = result.out.splitlines()
    assert [line for line in out if cell_len(line) > width] == []
    start = next(i for i, line in enumerate(out) if line.startswith("Action "))
    end = next(i for i, line in enumerate(out) if line.startswith("Calendrier"))
    rows = [line for line in out[start + 2 : end] if line.strip()]
    # a few lines an action (the leads' names whole), not eight to eleven
    assert len(rows) <= 11 * (3 if width >= 120 else 4)
    table = " ".join(" ".join(out[start:end]).split())
    for wanted in ("Porté par", "Quand", "Statut", "mars 2027 – déc. 2027", "1 600 000 €"):
        assert wanted.replace("\u202f", " ") in table.replace("\u202f", " ").replace("\xa0", " ")
    assert "Val'Entraide" in table and "P6, P1" not in table
    calendar = out[end : end + 16]
    assert calendar[1].split()[:2] == ["2027", "2028"]  # 2026 shows by one quarter only
    assert calendar[2].split()[:3] == ["T4", "T1", "T2"]
    a2 = next(line for line in calendar if line.startswith("A2 "))
    assert a2.count("██") == 14  # June 2027 to September 2030: 14 quarters
    assert any(line.startswith("█ prévu") for line in calendar)


def test_the_calendar_says_what_runs_on_and_what_has_no_date(cli, tmp_path: Path) -> None:
    path = copy(SAINT_IVY, tmp_path)
    out = cli("show", path, "--section", "feuille_de_route").out
    a2 = next(line for line in out.splitlines() if line.startswith("A2 Ouvrir"))
    assert "██ ░░" in a2  # in progress since 2017, no end date: it runs on
    assert "░ se poursuit, sans date de fin" in out
    assert "Sans date de début : A6" in out
    assert "2017 →" in out  # the table says it too


def test_a_section_never_calls_an_unasked_question_answered(cli, tmp_path: Path) -> None:
    path = copy(SAINT_IVY, tmp_path)
    out = cli("show", path, "--section", "feuille_de_route").out
    row = next(line for line in out.splitlines() if line.startswith("Comité technique"))
    assert said("Not answered yet.", lang="fr") in row


def test_all_and_a_section_together_is_a_usage_error(cli, example: Path) -> None:
    result = cli("show", example, "--all", "--section", "besoins")
    assert result.code == 2
    assert "--section" in result.err and "--all" in result.err


def test_show_all_is_paged_on_a_terminal(terminal, workdir: Path, monkeypatch) -> None:
    if shutil.which("less") is None:
        pytest.skip("less is not installed")
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.delenv("LESS", raising=False)
    path = copy(EXAMPLE, workdir)
    screen = terminal("show", path.name, "--all", size=(100, 30))
    lines = screen.wait_for("Communauté de communes du Val d'Orbière", "Avancement par section")
    assert "Points ouverts" not in "\n".join(lines)  # the end is on a later page
    screen.send("G")  # less: to the end
    screen.wait_for("Points ouverts")
    screen.send("q")
    screen.child.expect(pexpect.EOF)
    screen.child.close()
    assert screen.child.exitstatus == 0


def test_show_speaks_english_on_one_screen(cli, example: Path, monkeypatch) -> None:
    monkeypatch.setenv("LINES", "40")
    out = cli("show", example, "--lang", "en").out
    for wanted in ("Most pressing needs", "Next steps", "Led by", "Open items (3)", "--all"):
        assert wanted in out

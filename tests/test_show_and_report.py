"""`show` and the roadmap print the same figures: one analysis, one formatter."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked
from coconstruct.report import render
from coconstruct.terminal.show import render as show

WIDTH = 160


def shown(path: Path) -> str:
    from rich.console import Console

    doc, q = load_checked(path)
    console = Console(width=WIDTH, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(show(doc, q, doc.language, WIDTH))
    return console.export_text()


def markdown(path: Path) -> str:
    return render(path, ["md"]).documents["md"].decode("utf-8")


FAMILY = r"(Financements publics|Financements privés|Revenus d’activité)"
FAMILY_ROW = re.compile(FAMILY + r"\s.*?(\d+\s%).*?(\d[\d\s]*\s€)")


def figures(path: Path) -> int:
    """Every figure `show` prints about progress and money is the report's figure.

    Returns how many figures were compared, so that a test knows it compared some.
    """
    text, md = shown(path), markdown(path)
    compared = 1
    answered = re.search(r"(\d+) réponses sur (\d+)", text)
    assert answered, text
    assert f"**{answered[1]} / {answered[2]}**" in md
    for line in text.splitlines():
        found = re.search(r"(\d+)/(\d+)\s+[█░]", line)
        if found:  # a section's progress: the same pair in the report's annex
            assert f"| {found[1]} / {found[2]} |" in md, line
            compared += 1
        money = re.search(FAMILY_ROW, line)
        if money:
            family, share, amount = money[1], money[2], money[3].strip()
            row = next(r for r in md.splitlines() if r.startswith(f"| {family} |"))
            assert amount in row and share in row, (line, row)
            compared += 1
        total = re.search(r"Total\s.*?([≥≈]?\s?\d[\d\s]*\s€)\s*$", line)
        if total:  # as sure as it is: `≥ 1 320 000 €` when an amount is not known
            assert f"**{total[1]}**" in md, line
            compared += 1
    return compared


def test_the_example_gives_the_same_figures_in_show_and_the_report(example: Path) -> None:
    assert figures(example) == 1 + 6 + 3 + 1  # total answers, 6 sections, 3 families, total


def test_with_a_required_answer_removed_both_say_it_is_missing(example: Path) -> None:
    doc = AnswersFile.load(example)
    doc.set_status("draft")
    doc.unset("territory_name")
    doc.save()
    text = shown(example)
    row = next(line for line in text.splitlines() if line.startswith("L’atelier et le"))
    assert re.search(r"65/75\s+[█░]+\s+1\s+·", row), row  # one missing, nothing set aside
    assert "| Nom du territoire | réponse obligatoire manquante |" in markdown(example)
    figures(example)


FUNDING_FIELDS = ("amount", "source", "family", "secured")


@pytest.mark.slow  # ten partial files, each shown and rendered: 6 s of the inner loop
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    drop=st.lists(st.sampled_from(FUNDING_FIELDS), unique=True),
    lines=st.lists(st.integers(min_value=0, max_value=9), unique=True, max_size=6),
    negative=st.booleans(),
)
def test_partial_funding_gives_the_same_figures(
    tmp_path_factory: pytest.TempPathFactory, drop: list[str], lines: list[int], negative: bool
) -> None:
    path = tmp_path_factory.mktemp("partial") / "val-d-orbiere.yaml"
    shutil.copy(EXAMPLE, path)
    doc = AnswersFile.load(path)
    doc.set_status("draft")
    items = doc.items("funding")
    for index in lines:
        if index < len(items):
            for field in drop:
                items[index].pop(field, None)
    if negative and items:
        items[0]["amount"] = -5000  # invalid: left out by both, never added
    doc.save()
    figures(path)

"""`coconstruct validate`: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import said


def test_validate_reports_positions_and_exit_codes(cli, example: Path, tmp_path: Path) -> None:
    assert cli("validate", example).code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(example.read_text().replace("priority: 5", "priority: 12", 1))
    broken = tmp_path / "broken.yaml"
    broken.write_text("questionnaire: territoire\nanswers:\n  a: [1,\n")
    result = cli("validate", example, bad, broken)
    assert result.code == 1
    lines = result.out.splitlines()
    not_a_choice = said(
        "{value!r} is not one of the choices ({choices})", value=12, choices="1, 2, 3, 4, 5"
    )
    assert any(
        line.startswith(f"{bad}:") and line.endswith(f"].priority: {not_a_choice}")
        for line in lines
    )
    assert any(line.startswith(f"{broken}:4:1: ") for line in lines)
    assert "3 files checked: 2 errors, 0 warnings" in result.err


def test_validate_json_for_machines(cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(example.read_text().replace("status: final", "status: finished"))
    result = cli("validate", "--format", "json", example, bad)
    payload = json.loads(result.out)
    assert result.code == 1
    assert [f["ok"] for f in payload["files"]] == [True, False]
    problem = payload["files"][1]["problems"][0]
    assert problem["question"] == "status" and problem["line"] == 6 and problem["col"] == 9


def test_required_answers_are_warnings_in_draft_and_errors_once_final(cli, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    cli("new", path)
    required = f"territory_name: {said('an answer is required')}"
    draft = cli("validate", path)
    assert draft.code == 0 and f"{path}:6:10: {said('warning: ')}{required}" in draft.out
    path.write_text(path.read_text().replace("status: draft", "status: final"))  # by hand
    final = cli("validate", path)
    assert final.code == 1
    assert f"{path}:6:10: {required}" in final.out.splitlines()


def test_validate_only_answers_passes_over_other_yaml(cli, example: Path, tmp_path: Path) -> None:
    other = tmp_path / "ci.yaml"
    other.write_text("jobs:\n  test: {runs-on: ubuntu-latest}\n")
    assert cli("validate", example, other).code == 1  # named explicitly: not an answers file
    result = cli("validate", "--only-answers", example, other)
    assert result.code == 0 and "1 file checked: 0 errors" in result.err


def test_impossible_dates_and_votes_are_found_at_their_place(cli, example: Path) -> None:
    """A target before its baseline, and more dots on the needs than the room had: errors; a
    measure before its indicator's baseline is history: a warning, left out of the progress."""
    text = example.read_text()
    lines = text.splitlines()
    example.write_text(
        text.replace("  vote_voters: 38", "  vote_voters: 3")
        .replace("      target_date: 2027-12", "      target_date: 2020")
        .replace("      date: 2026-10\n", "      date: 2010\n")
    )
    result = cli("validate", example)
    assert result.code == 1
    needs = next(i for i, line in enumerate(lines, 1) if line == "  needs:") + 1
    target = next(i for i, line in enumerate(lines, 1) if "target_date: 2027-12" in line)
    measure = next(i for i, line in enumerate(lines, 1) if line == "      date: 2026-10")
    too_many = said(
        "“{field}” ({list}): {total} in all, more than the {most} possible ({product})",
        field="Gommettes reçues",
        list="Besoins du territoire",
        total=190,
        most=15,
        product="Nombre de votants 3 × Gommettes par personne 5",
    )
    earlier = said(
        "earlier than “{other}” ({date})",
        other="Date de la situation de départ",
        date="septembre 2026",
    )
    history = said(
        "earlier than “{other}” of {item} ({date})",
        other="Date de la situation de départ",
        item="Ind1",
        date="septembre 2026",
    )
    assert result.out.splitlines() == [
        f"{example}:{needs}:5: needs.votes: {too_many}",
        f"{example}:{target}:20: indicators[Ind1].target_date: {earlier}",
        f"{example}:{measure}:13: {said('warning: ')}measures[Mes1].date: {history}",
    ]
    assert "1 file checked: 2 errors, 1 warning" in result.err


def test_a_duplicate_key_is_one_error_among_the_others(cli, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    text = text.replace("  population: 23180\n", "  population: 23180\n  population: 23181\n", 1)
    text = text.replace("      priority: 5\n", "      priority: 9\n", 1)
    text = text.replace("  budget_year: 2027\n", "  budget_year: 2027\n  budget_year: 2028\n", 1)
    example.write_text(text, encoding="utf-8")
    result = cli("validate", example)
    assert result.code == 1
    lines = result.out.splitlines()
    duplicate = said("duplicate key {key}", key='"population"', lang="en")  # YAML: the tool's
    assert lines[0] == f"{example}:16:3: {duplicate}"
    assert any('duplicate key "budget_year"' in line for line in lines)
    not_a_choice = said(
        "{value!r} is not one of the choices ({choices})", value=9, choices="1, 2, 3, 4, 5"
    )
    assert any(line.endswith(f"].priority: {not_a_choice}") for line in lines)
    assert [int(line.split(":")[1]) for line in lines] == sorted(
        int(line.split(":")[1]) for line in lines
    )  # in the file's order
    assert "1 file checked: 3 errors, 0 warnings" in result.err
    # the file is left as it was: validate writes nothing
    assert example.read_text(encoding="utf-8") == text

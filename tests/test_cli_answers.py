"""`new`, `set`, `validate` and `schema`: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path

from coconstruct.answers import AnswersFile


def test_new_creates_an_empty_answers_file_and_never_overwrites(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    result = cli("new", path, "--lang", "en")
    assert result.code == 0, result.err
    assert f"Created {path} (questionnaire territoire v1, en)" in result.out
    text = path.read_text()
    assert (
        "questionnaire: territoire\nquestionnaire_version: 1\nlanguage: en\nstatus: draft\n" in text
    )
    path.write_text(text + "# mine\n")
    again = cli("new", path)
    assert again.code == 1
    assert f"Error: {path} already exists; nothing was changed" in again.err
    assert path.read_text().endswith("# mine\n")


def test_new_with_a_custom_questionnaire_records_its_relative_path(cli, tmp_path: Path) -> None:
    custom = tmp_path / "q" / "mine.yaml"
    custom.parent.mkdir()
    custom.write_text(
        "id: mine\nversion: 2\ntitle: {fr: Le mien, en: Mine}\nlanguages: [fr, en]\n"
        "sections:\n  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - {id: name, type: text, label: {fr: Nom, en: Name}, required: true}\n"
    )
    path = tmp_path / "a.yaml"
    assert cli("new", path, "--questionnaire", custom).code == 0
    assert "questionnaire: q/mine.yaml\nquestionnaire_version: 2\n" in path.read_text()
    assert cli("set", path, "name=Essai").code == 0
    assert cli("validate", path).code == 0


def test_set_edits_answers_and_keeps_everything_else(cli, example: Path) -> None:
    before = example.read_text()
    result = cli(
        "set",
        example,
        "population=24 100",
        "needs[N2].priority=5",
        "needs[+].title=Eau potable",
        "needs[+].domain=environnemental",
        "needs[+].priority=3",
        "sdgs=odd6, odd13",
    )
    assert result.code == 0, result.err
    # every line in the file's language (French here), values as the room reads them
    assert "  needs[N13].title = Eau potable\n" in result.out
    assert "  needs[N13].domain = Environnemental\n" in result.out
    assert "  population = 24\u202f100\xa0habitants\n" in result.out
    assert result.out.endswith("enregistré\n")
    after = example.read_text()
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert "  population: 24100" in changed
    assert "  sdgs: [odd6, odd13]" in changed
    doc = AnswersFile.load(example)
    assert doc.item("needs", "N2")["priority"] == 5  # type: ignore[index]
    assert doc.item("needs", "N13") == {
        "id": "N13",
        "title": "Eau potable",
        "domain": "environnemental",
        "priority": 3,
    }
    assert cli("validate", example).code == 0


def test_set_refuses_bad_values_and_changes_nothing(cli, example: Path) -> None:
    before = example.read_bytes()
    for args, message in [
        (["needs[N2].priority=7"], "needs[N2].priority : « 7 » n'est pas un choix possible"),
        (["population=beaucoup"], "population : « beaucoup » n'est pas un nombre"),
        (["actions[A1].needs_served=N1,N99"], "« N99 » ne désigne aucun élément de needs"),
        (["needs[N99].priority=2"], "needs[N99].priority : aucun élément N99 dans needs"),
        (["colour=blue"], "colour : pas de question colour"),
        (["population"], "population : CHEMIN=VALEUR attendu"),
    ]:
        result = cli("set", example, "vision=changed", *args)
        assert result.code == 2, args
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err
    assert example.read_bytes() == before


def test_set_status_final_only_for_a_complete_file(cli, example: Path, tmp_path: Path) -> None:
    example.write_text(example.read_text().replace("status: final", "status: draft"))
    assert cli("set", example, "--status", "final").code == 0
    assert "status: final" in example.read_text()
    draft = tmp_path / "draft.yaml"
    cli("new", draft)
    result = cli("set", draft, "territory_name=Val", "--status", "final")
    assert result.code == 2
    assert "le fichier ne peut pas être marqué final : 4 erreurs, dont " in result.err
    assert "status: draft" in draft.read_text() and "Val" not in draft.read_text()


def test_set_refuses_to_empty_a_required_answer_and_takes_a_label_start(cli, example: Path) -> None:
    result = cli("set", example, "territory_name=")
    assert result.code == 2 and "territory_name : une réponse est attendue" in result.err
    assert cli("set", example, "perimeter_type=Intercommunalité", "population=").code == 0
    text = example.read_text()
    assert "perimeter_type: intercommunalite" in text and "population:" not in text


def test_validate_reports_positions_and_exit_codes(cli, example: Path, tmp_path: Path) -> None:
    assert cli("validate", example).code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(example.read_text().replace("priority: 5", "priority: 12", 1))
    broken = tmp_path / "broken.yaml"
    broken.write_text("questionnaire: territoire\nanswers:\n  a: [1,\n")
    result = cli("validate", example, bad, broken)
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(
        line.startswith(f"{bad}:") and "priority: « 12 » n'est pas un choix" in line
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
    draft = cli("validate", path)
    assert draft.code == 0 and "attention : territory_name: une réponse est attendue" in draft.out
    path.write_text(path.read_text().replace("status: draft", "status: final"))  # by hand
    final = cli("validate", path)
    assert final.code == 1
    assert f"{path}:6:10: territory_name: une réponse est attendue" in final.out.splitlines()


def test_schema_lists_choices_as_enums(cli) -> None:
    result = cli("schema", "--lang", "en")
    schema = json.loads(result.out)
    needs = schema["properties"]["answers"]["properties"]["needs"]
    assert needs["items"]["properties"]["domain"]["enum"] == [
        "economique",
        "social",
        "environnemental",
        "societal",
        None,  # `domain:` left empty in the interview
    ]
    assert needs["items"]["properties"]["id"]["pattern"] == "^N[0-9]+$"
    served = schema["properties"]["answers"]["properties"]["actions"]["items"]["properties"][
        "needs_served"
    ]
    assert served["items"]["pattern"] == "^N[0-9]+$"


def test_validate_only_answers_passes_over_other_yaml(cli, example: Path, tmp_path: Path) -> None:
    other = tmp_path / "ci.yaml"
    other.write_text("jobs:\n  test: {runs-on: ubuntu-latest}\n")
    assert cli("validate", example, other).code == 1  # named explicitly: not an answers file
    result = cli("validate", "--only-answers", example, other)
    assert result.code == 0 and "1 file checked: 0 errors" in result.err

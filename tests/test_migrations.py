"""Answers files outlive questionnaire versions: migrations bring them up to date, lose nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, said

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.migrations import migrate
from coconstruct.model.validation import load_checked, questionnaire_for

V1_EXAMPLE = DATA / "val-d-orbiere-v1.yaml"
V1_RUN = DATA / "v1-made-by-run.yaml"
RENAMED = {"lead_partner": "leads"}  # version 1 → 2, field by field


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf of an answers tree by path, list items by id (`actions[A1].leads`)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, inner in value.items():
            out.update(leaves(inner, f"{path}.{key}" if path else str(key)))
    elif (
        isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value)
    ):
        for item in value:
            for key, inner in item.items():
                if key != "id":
                    out.update(leaves(inner, f"{path}[{item['id']}].{key}"))
    else:
        out[path] = value
    return out


@pytest.mark.parametrize("source", [V1_EXAMPLE, V1_RUN], ids=["example-as-shipped", "made-by-run"])
def test_a_v1_file_migrates_without_losing_a_value(cli, tmp_path: Path, source: Path) -> None:
    path = tmp_path / source.name
    shutil.copy(source, path)
    before = leaves(AnswersFile.load(path).plain())
    result = cli("migrate", path)
    assert result.code == 0, result.err
    # the file speaks French
    assert (
        said("{file}: migrated from version {old} to {new}", file=path, old=1, new=2) in result.out
    )
    doc = AnswersFile.load(path)
    after = leaves(doc.plain())
    for leaf, value in before.items():
        field = leaf.rsplit(".", 1)[-1]
        if field in RENAMED:
            new_leaf = leaf[: -len(field)] + RENAMED[field]
            assert after[new_leaf] == [value], leaf  # one lead → a list of one
        else:
            assert after[leaf] == value, leaf
    assert doc.data["questionnaire_version"] == 2
    assert "kept_by_migration" not in doc.data


def test_migration_keeps_comments_order_quoting_and_deferred_paths(tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(V1_RUN, path)
    doc = AnswersFile.load(path)
    migrate(doc, questionnaire_for(doc))
    doc.save()
    text = path.read_text(encoding="utf-8")
    assert "# A file as `coconstruct run` wrote it with version 1" in text
    assert re.search(r"\n      leads: \[P2\] +# the association runs it\n", text)
    assert "  territory_code: '53210'\n" in text  # quoting as written
    assert "  workshop_title:\n" in text  # seen but empty stays so
    assert AnswersFile.load(path).deferred == ["funding[F2].amount", "actions[A1].leads"]
    lines = text.splitlines()
    assert lines.index("  budget_year: 2026") < lines.index("  funding:")  # order kept


def test_migrating_twice_changes_nothing_the_second_time(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(V1_EXAMPLE, path)
    assert cli("migrate", path).code == 0
    once = path.read_bytes()
    again = cli("migrate", path)
    assert again.code == 0
    assert said("{file}: up to date (version {version})", file=path, version=2) in again.out
    assert path.read_bytes() == once


def test_dry_run_says_what_would_change_and_writes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(V1_RUN, path)
    before = path.read_bytes()
    result = cli("migrate", path, "--dry-run")
    assert result.code == 0
    would = "{file}: would go from version {old} to {new} (--dry-run: nothing written)"
    assert said(would, file=path, old=1, new=2) in result.out
    renamed = said(
        "{old} → {new} ({step})",
        old="actions[A1].lead_partner",
        new="actions[A1].leads",
        step=said("renamed"),
    )
    assert renamed in result.out
    assert said("{old}: {step}", old="funding[F1].recurrence", step=said("filled in")) in result.out
    assert "funding[F2].recurrence" not in result.out  # no amount: nothing to say it recurs
    assert path.read_bytes() == before


def test_validate_warns_about_an_outdated_file_and_says_so_in_json(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(V1_EXAMPLE, path)
    text = cli("validate", path)
    assert text.code == 0
    outdated = said(
        "written for version {version} of the questionnaire, which is at version {current}: "
        "coconstruct migrate {file} updates it",
        version=1,
        current=2,
        file=path,
    )
    assert f"{path}:4:24: {said('warning: ')}questionnaire_version: {outdated}" in text.out
    report = json.loads(cli("validate", path, "--format", "json").out)
    assert report["files"][0]["outdated"] is True


def test_show_and_set_read_an_outdated_file_and_say_so_once(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(V1_RUN, path)
    shown = cli("show", path, "--lang", "en")
    assert shown.code == 0
    assert shown.err.count("written for version 1 of its questionnaire: read as version 2") == 1
    assert AnswersFile.load(path).data["questionnaire_version"] == 1  # show writes nothing
    edited = cli("set", path, "population=2500")
    read_and_saved = said(
        "{file} was written for version {old} of its questionnaire: read as version {new}, "
        "and saved so",
        file=path,
        old=1,
        new=2,
    )
    assert edited.code == 0 and read_and_saved in edited.err
    assert AnswersFile.load(path).data["questionnaire_version"] == 2


def test_a_file_from_a_newer_version_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    path.write_text(
        V1_RUN.read_text(encoding="utf-8").replace(
            "questionnaire_version: 1", "questionnaire_version: 9"
        )
    )
    result = cli("migrate", path)
    assert result.code == 1
    newer = said(
        "{file} was written for version {version} of questionnaire {id}, newer than this "
        "coconstruct knows ({current})",
        file=path,
        version=9,
        id="territoire",
        current=2,
    )
    assert newer in result.err


# --- every kind of step, on a questionnaire of our own -------------------------------------------

STEPS_Q = """\
id: steps
version: 2
title: {fr: Étapes, en: Steps}
languages: [fr, en]
sections:
  - id: s
    title: {fr: S, en: S}
    questions:
      - {id: name, type: text, label: {fr: Nom, en: Name}}
      - {id: started, type: date, label: {fr: Début, en: Start}}
      - {id: cost, type: money, label: {fr: Coût, en: Cost}}
      - id: kind
        type: select
        label: {fr: Genre, en: Kind}
        choices: [{id: big, label: {fr: G, en: B}}, {id: small, label: {fr: P, en: S}}]
      - {id: note, type: textarea, label: {fr: Note, en: Note}}
      - id: places
        type: list
        item_prefix: L
        label: {fr: Lieux, en: Places}
        fields:
          - {id: title, type: text, label: {fr: Titre, en: Title}}
          - {id: owners, type: reference, to: places, multiple: true, label: {fr: Par, en: By}}
          - id: size
            type: select
            label: {fr: Taille, en: Size}
            choices: [{id: big, label: {fr: G, en: B}}, {id: small, label: {fr: P, en: S}}]
          - {id: ready, type: boolean, label: {fr: Prêt, en: Ready}}
migrations:
  - from: 1
    to: 2
    steps:
      - rename: title
        to: name
      - move: place
        to: "places[+].title"
      - rename: "places[].owner"
        to: "places[].owners"
      - to_list: "places[].owners"
      - map: "places[].size"
        values: {large: big, tiny: null}
      - map: kind
        values: {huge: big}
      - convert: started
        into: date
      - convert: cost
        into: money
      - set: "places[].ready"
        value: false
        when: "item.size == 'big'"
      - drop: colour
"""

STEPS_V1 = """\
questionnaire: steps.yaml
questionnaire_version: 1
language: fr
answers:
  title: Vieux nom  # renamed
  started: mars 2016
  cost: environ 20 000
  kind: huge
  colour: bleu
  place: La halle
  places:
    - id: L1
      title: Le moulin
      owner: L1
      size: large
    - id: L2
      title: La forge
      size: tiny
deferred: [title]
"""


def test_every_kind_of_step_and_nothing_lost(tmp_path: Path) -> None:
    (tmp_path / "steps.yaml").write_text(STEPS_Q, encoding="utf-8")
    path = tmp_path / "atelier.yaml"
    path.write_text(STEPS_V1, encoding="utf-8")
    doc, _ = load_checked(path)  # read through the migration, in memory
    answers = doc.plain()
    assert answers["name"] == "Vieux nom" and "title" not in answers
    assert answers["started"] == "2016-03" and answers["cost"] == "~20000"
    assert answers["kind"] == "big"
    assert answers["places"][0] == {
        "id": "L1",
        "title": "Le moulin",
        "owners": ["L1"],
        "size": "big",
        "ready": False,
    }
    assert answers["places"][1] == {"id": "L2", "title": "La forge"}  # tiny: nowhere to go
    assert answers["places"][2] == {"id": "L3", "title": "La halle"}  # moved into a new item
    kept = doc.data["kept_by_migration"]
    assert dict(kept) == {"places[L2].size": "tiny", "colour": "bleu"}
    assert doc.deferred == ["name"]
    doc.save()
    assert re.search(r"\n  name: Vieux nom +# renamed\n", path.read_text(encoding="utf-8"))


def test_a_value_that_does_not_convert_is_kept_aside_and_validate_says_so(
    cli, tmp_path: Path
) -> None:
    (tmp_path / "steps.yaml").write_text(STEPS_Q, encoding="utf-8")
    path = tmp_path / "atelier.yaml"
    path.write_text(STEPS_V1.replace("mars 2016", "un lundi"), encoding="utf-8")
    result = cli("migrate", path)
    assert result.code == 0
    kept = said(
        "{old}: kept aside under kept_by_migration ({step})", old="started", step=said("converted")
    )
    assert kept in result.out
    doc = AnswersFile.load(path)
    assert doc.data["kept_by_migration"]["started"] == "un lundi"
    check = cli("validate", path)
    gone_astray = said(
        "{path}: kept by a questionnaire migration; put it where it belongs, then delete it",
        path="started",
    )
    assert f"kept_by_migration: {gone_astray}" in check.out


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (
            "      - rename: title\n        to: name\n",
            "      - rename: title\n        to: nowhere\n",
        ),
        ("      - drop: colour\n", "      - drop: colour\n        set: name\n"),
        ("  - from: 1\n    to: 2\n", "  - from: 1\n    to: 3\n"),
    ],
    ids=["unknown-target", "two-actions", "skips-a-version"],
)
def test_a_broken_migration_is_named_with_its_place(
    cli, tmp_path: Path, broken: str, problem: str
) -> None:
    path = tmp_path / "steps.yaml"
    path.write_text(STEPS_Q.replace(broken, problem), encoding="utf-8")
    result = cli("questionnaires", "check", path)
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if x.startswith(f"{path}:"))
    assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line

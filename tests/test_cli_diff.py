"""`coconstruct diff`: every kind of change, by question and item id, in words and as data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import said, said_n
from gitrepo import EXAMPLE, commit, edit, repo

from coconstruct.model.answers_file import AnswersFile

DATA = Path(__file__).parent / "data"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    shutil.copy(EXAMPLE, old)
    shutil.copy(EXAMPLE, new)
    return old, new


def kinds(cli, old: Path, new: Path) -> list[tuple[str, str]]:
    result = cli("diff", old, new, "--format", "json")
    assert result.code == 0, result.err
    return [(c["kind"], c["path"]) for c in json.loads(result.out)["changes"]]


def test_the_same_file_has_no_change_and_exit_code_says_so(cli, pair) -> None:
    old, new = pair
    result = cli("diff", old, new, "--exit-code")
    assert result.code == 0
    assert said("no change") in result.out
    edit(new, "population=24000")
    assert cli("diff", old, new, "--exit-code").code == 1
    assert cli("diff", old, new).code == 0


def test_answers_changed_set_and_cleared_with_labels_and_formatted_values(cli, pair) -> None:
    old, new = pair
    edit(new, "needs[N3].priority=4", "population=24 100", "agreement=oui")
    edit(new, remove=("next_meeting",))
    assert kinds(cli, old, new) == [
        ("changed", "population"),
        ("changed", "needs[N3].priority"),
        ("changed", "agreement"),
        ("cleared", "next_meeting"),
    ]
    out = cli("diff", old, new).out
    out = out.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Population du territoire : 23 180 habitants → 24 100 habitants" in out
    assert "N3 « Rompre l'isolement des personnes âgées dans les hameaux » › Priorité" in out
    assert "5 · Essentielle → 4 · Forte" in out
    assert said("removed (was {value})", value="21 janvier 2027") in out


def test_the_file_language_is_used(cli, pair) -> None:
    old, new = pair
    edit(new, "needs[N3].priority=4")
    out = cli("diff", old, new).out
    assert "Priorité : 5 · Essentielle → 4 · Forte" in out
    assert said_n("{n} change", "{n} changes", 1) in out


def test_items_added_removed_moved_and_renamed_are_matched_by_id(cli, pair) -> None:
    old, new = pair
    edit(new, "needs[+].title=Accueillir les saisonniers", "needs[+].domain=economique")
    edit(new, "partners[P5].name=Taxis Orbière Services SARL")
    edit(new, remove=("partners[P4]",))
    doc = AnswersFile.load(new)
    doc.move_item("needs", "N5", -4)  # N5 goes first: one move, not twelve changes
    doc.save()
    found = kinds(cli, old, new)
    assert ("item-added", "needs[N13]") in found
    assert ("item-moved", "needs[N5]") in found
    assert ("item-removed", "partners[P4]") in found
    assert ("item-renamed", "partners[P5].name") in found
    assert [k for k, _ in found].count("item-moved") == 1
    # the actions citing P4 lose it (set --force): said with the partner's name
    out = cli("diff", old, new).out
    assert "− P4 · Orbière Emballages" in out
    assert said("moved: place {old} → {new}", old=5, new=1) in out
    renamed = said(
        "renamed: “{old}” → “{new}”",
        old="Taxis Orbière Services",
        new="Taxis Orbière Services SARL",
    )
    assert f"P5 : {renamed}" in out
    added = said("{id} “{title}”", id="N13", title="Accueillir les saisonniers")
    assert f"{added} : {said('added')} — Domaine : Économique" in out


def test_long_texts_are_a_word_diff(cli, pair, monkeypatch) -> None:
    old, new = pair
    text = new.read_text(encoding="utf-8")
    new.write_text(text.replace("Hors du bourg-centre,", "Hors du bourg-centre et de Valmorin,"))
    result = cli("diff", old, new, "--format", "json")
    change = json.loads(result.out)["changes"][0]
    assert change["path"] == "needs[N1].description"
    assert ["+", " et de Valmorin"] in change["words"]
    plain = cli("diff", old, new).out  # not a terminal: git's own notation
    assert "Hors du bourg-centre{+ et de Valmorin+}, aucune" in plain
    md = cli("diff", old, new, "--format", "md").out
    assert "Hors du bourg-centre **et de Valmorin**, aucune" in md


def test_deferred_status_and_several_choices(cli, pair) -> None:
    old, new = pair
    doc = AnswersFile.load(new)
    doc.set_deferred(["needs[N2].urgency"])
    doc.set_status("draft")
    doc.save()
    edit(new, "sdgs=odd6, odd8, odd3")
    found = kinds(cli, old, new)
    assert ("status", "status") in found
    assert ("deferred", "needs[N2].urgency") in found
    out = cli("diff", old, new).out
    assert f"{said('Status')} : {said('final')} → {said('draft')}" in out
    assert said("set aside, to review") in out
    assert "+ ODD 3" in out and "− ODD 10" in out
    assert [k for k, _ in kinds(cli, new, old)].count("undeferred") == 1


def test_approximate_amounts_and_dates_are_said_as_given(cli, pair) -> None:
    old, new = pair
    edit(new, "funding[F1].amount=~200000", "workshop_date=oct. 2026")
    out = cli("diff", old, new).out.replace("\u00a0", " ").replace("\u202f", " ")
    assert "640 000 € → ≈ 200 000 €" in out
    assert "19 novembre 2026 → octobre 2026" in out


def test_markdown_is_escaped_for_a_ticket(cli, pair) -> None:
    old, new = pair
    edit(new, "needs[N3].title=Rompre *l'isolement* | hameaux")
    md = cli("diff", old, new, "--format", "md").out
    assert md.startswith("**")
    assert "### Diagnostic partagé : les besoins" in md
    assert r"Rompre \*l'isolement\* \| hameaux" in md


def test_files_at_two_questionnaire_versions_are_compared_through_the_migrations(
    cli, tmp_path: Path
) -> None:
    old = tmp_path / "v1.yaml"
    shutil.copy(DATA / "val-d-orbiere-v1.yaml", old)
    new = tmp_path / "v2.yaml"
    shutil.copy(old, new)
    edit(new, "needs[N1].priority=3")  # saved at version 2
    assert "questionnaire_version: 2" in new.read_text(encoding="utf-8")
    found = kinds(cli, old, new)
    assert found == [("changed", "needs[N1].priority")]


def test_revisions_of_a_file_in_git(cli, tmp_path: Path, monkeypatch) -> None:
    path = repo(tmp_path / "repo")
    monkeypatch.chdir(path.parent)
    edit(path, "needs[N3].priority=4")
    commit(path.parent, "Comité de janvier")
    edit(path, "actions[A3].status=realisee")
    result = cli("diff", "atelier.yaml@HEAD~1", "atelier.yaml@HEAD", "--format", "json")
    assert [c["path"] for c in json.loads(result.out)["changes"]] == ["needs[N3].priority"]
    now = json.loads(cli("diff", "atelier.yaml@HEAD", "atelier.yaml", "--format", "json").out)
    assert [c["path"] for c in now["changes"]] == ["actions[A3].status"]
    assert now["old"]["date"] is not None
    bad = cli("diff", "atelier.yaml@nowhere", "atelier.yaml")
    assert bad.code == 1 and "nowhere: no such revision" in bad.err
    gone = cli("diff", "other.yaml@HEAD", "atelier.yaml")
    assert gone.code == 1 and "did not exist at HEAD" in gone.err


def test_outside_a_repository_a_revision_is_refused_in_one_line(cli, pair) -> None:
    old, _ = pair
    result = cli("diff", f"{old}@HEAD", old)
    assert result.code == 1
    assert "not in a git repository" in result.err
    assert "Traceback" not in result.err


def test_a_bad_format_is_a_usage_error(cli, pair) -> None:
    old, new = pair
    assert cli("diff", old, new, "--format", "xml").code == 2

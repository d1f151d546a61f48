"""`coconstruct log`: the workshop's history from git, one line per commit."""

from __future__ import annotations

from pathlib import Path

from conftest import said, said_n
from gitrepo import commit, edit, git, repo


def test_one_line_per_commit_with_counts_and_main_changes(cli, tmp_path: Path, monkeypatch) -> None:
    path = repo(tmp_path / "repo")
    monkeypatch.chdir(path.parent)
    edit(path, "needs[N3].priority=4", "actions[A3].status=realisee")
    commit(path.parent, "Comité de janvier")
    edit(path, "partners[+].name=Mutualité du Val", "partners[+].actor_type=association")
    edit(path, remove=("needs[N12]",))
    commit(path.parent, "Atelier de mars")
    (path.parent / "notes.txt").write_text("not the answers\n")
    git(path.parent, "add", "notes.txt")
    commit(path.parent, "Notes")  # does not change the file: not listed
    result = cli("log", "atelier.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    heads = [line for line in lines if not line.startswith(" ")]
    assert len(heads) == 3
    assert "Atelier de mars" in heads[0] and "Élodie Marchand" in heads[0]
    counts = [
        said_n("{n} need", "{n} needs", 11),
        said_n("{n} partner", "{n} partners", 13),
        said_n("{n} action", "{n} actions", 11),
    ]
    assert " · ".join(counts) in heads[0]
    assert "final" in heads[0]
    assert "Atelier du 19 novembre" in heads[2]
    assert said_n("{n} need", "{n} needs", 12) in heads[2]
    n3 = said(
        "{id} “{title}”", id="N3", title="Rompre l'isolement des personnes âgées dans les hameaux"
    )
    assert f"    ~ {n3} › Priorité : 5 · Essentielle → 4 · Forte" in lines
    p13 = said("{id} “{title}”", id="P13", title="Mutualité du Val")
    assert any(f"{p13} : {said('added')}" in line for line in lines)
    assert any("N12" in line and said("removed") in line for line in lines)
    assert lines[-1] == "    " + said("file created")
    limited = cli("log", "atelier.yaml", "-n", "1").out
    assert len([line for line in limited.splitlines() if not line.startswith(" ")]) == 1


def test_a_merge_is_compared_with_its_first_parent(cli, tmp_path: Path, monkeypatch) -> None:
    path = repo(tmp_path / "repo")
    monkeypatch.chdir(path.parent)
    git(path.parent, "checkout", "-qb", "other")
    edit(path, "needs[N1].priority=4")
    commit(path.parent, "other")
    git(path.parent, "checkout", "-q", "main")
    edit(path, "needs[N2].urgency=5")
    commit(path.parent, "main")
    git(path.parent, "merge", "-q", "other", "-m", "merge other")
    out = cli("log", "atelier.yaml", "-n", "1").out
    assert "merge other" in out
    assert "N1 « Se déplacer sans voiture » › Priorité" in out
    assert "N2" not in out


def test_outside_git_or_without_commits(cli, tmp_path: Path, example: Path) -> None:
    result = cli("log", example)
    assert result.code == 1 and "not in a git repository" in result.err
    path = repo(tmp_path / "repo")
    (path.parent / "new.yaml").write_text(path.read_text())
    result = cli("log", path.parent / "new.yaml")
    assert result.code == 0 and "no commit changed this file yet" in result.err

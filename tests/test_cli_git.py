"""`coconstruct git setup` and the drivers, in real git repositories: git diff prints the
semantic diff, git merge merges by item, a real conflict is marked around that answer only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepo import EXAMPLE, coconstruct, commit, edit, git, repo
from hypothesis import given, settings
from hypothesis import strategies as st

from coconstruct.history.merge import merge_texts
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import validate_path


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    """A repository with the example committed and the drivers set up."""
    path = repo(tmp_path / "repo")
    done = coconstruct(path.parent, "git", "setup")
    assert done.returncode == 0, done.stderr
    git(path.parent, "add", ".gitattributes")
    commit(path.parent, "coconstruct git setup")
    return path


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_setup_says_what_it_did_and_remove_undoes_it(tmp_path: Path) -> None:
    path = repo(tmp_path / "repo")
    (path.parent / ".gitattributes").write_text("*.png binary\n", encoding="utf-8")
    done = coconstruct(path.parent, "git", "setup")
    assert done.returncode == 0
    assert "diff.coconstruct.textconv" in done.stdout
    assert "merge.coconstruct.driver" in done.stdout
    assert "1 answers file uses the drivers" in done.stdout
    attributes = (path.parent / ".gitattributes").read_text(encoding="utf-8")
    assert attributes.startswith("*.png binary\n")
    assert "/atelier.yaml diff=coconstruct merge=coconstruct" in attributes
    again = coconstruct(path.parent, "git", "setup")  # idempotent
    assert (path.parent / ".gitattributes").read_text(encoding="utf-8") == attributes
    assert again.returncode == 0
    config = git(path.parent, "config", "--local", "--get", "merge.coconstruct.driver").stdout
    assert "git merge-driver %O %A %B %L %P" in config
    removed = coconstruct(path.parent, "git", "setup", "--remove")
    assert removed.returncode == 0
    assert (path.parent / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\n"
    assert (
        git(path.parent, "config", "--local", "--get-regexp", "coconstruct", check=False).stdout
        == ""
    )
    nothing = coconstruct(path.parent, "git", "setup", "--remove")
    assert "Nothing to remove" in nothing.stdout


def test_setup_adds_the_gitignore_lines_once_and_check_reports_them(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locks, the room's journal and kept address, a crashed write's temporary file: setup has
    git ignore them (keeping the user's lines), says so once, and --check names what is missing."""
    from conftest import said

    path = repo(tmp_path / "repo")
    folder = path.parent
    monkeypatch.chdir(folder)
    (folder / ".gitignore").write_text("*.pdf\n.*.lock\n", encoding="utf-8")
    done = cli("git", "setup")
    assert done.code == 0
    added = ".*.room .*.facilitator .coconstruct-*.tmp"
    note = "{file}: added {patterns} (files coconstruct keeps beside answers, not to commit)"
    assert said(note, "en", file=".gitignore", patterns=added) in done.out
    ignore = (folder / ".gitignore").read_text(encoding="utf-8")
    assert ignore.startswith("*.pdf\n.*.lock\n\n# coconstruct: ")  # the user's lines kept
    assert ignore.endswith("\n.*.room\n.*.facilitator\n.coconstruct-*.tmp\n")
    for written in (".atelier.yaml.lock", ".atelier.yaml.room", ".atelier.yaml.facilitator"):
        (folder / written).write_text("", encoding="utf-8")
    status = git(folder, "status", "--porcelain").stdout
    assert "atelier.yaml." not in status  # what the tool wrote beside the file: ignored
    again = cli("git", "setup")  # idempotent: nothing added, nothing said
    assert (folder / ".gitignore").read_text(encoding="utf-8") == ignore
    assert ".gitignore" not in again.out.replace(".gitattributes", "")
    removed = cli("git", "setup", "--remove")  # the lines stay: right without the drivers too
    assert removed.code == 0
    assert (folder / ".gitignore").read_text(encoding="utf-8") == ignore
    cli("git", "setup")
    (folder / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    checked = cli("git", "setup", "--check")
    assert checked.code == 1
    missing = "git does not ignore {patterns} yet (files coconstruct keeps beside answers)"
    assert said(missing, "en", patterns=", ".join([".*.lock", *added.split()])) in checked.err
    (folder / ".gitignore").write_text(".*\n!.gitignore\n!.gitattributes\n", encoding="utf-8")
    broad = cli("git", "setup")  # a broader rule of the user's already ignores them: no line
    assert (folder / ".gitignore").read_text(encoding="utf-8").count("coconstruct") == 0
    assert "added" not in broad.out


def test_setup_outside_a_repository_is_one_line(tmp_path: Path) -> None:
    done = coconstruct(tmp_path, "git", "setup")
    assert done.returncode == 1
    assert "not in a git repository" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_git_diff_log_and_show_print_the_semantic_diff(workshop: Path) -> None:
    folder = workshop.parent
    edit(workshop, "needs[N3].priority=4")
    diff = git(folder, "diff").stdout
    assert "-N3 › Priorité : 5 · Essentielle" in diff
    assert "+N3 › Priorité : 4 · Forte" in diff
    assert "@@ ### N3 · Rompre l'isolement des personnes âgées dans les hameaux" in diff
    assert "priority: 4" not in diff  # no YAML lines
    commit(folder, "Comité")
    assert "+N3 › Priorité : 4 · Forte" in git(folder, "log", "-p", "-1").stdout
    assert "+N3 › Priorité : 4 · Forte" in git(folder, "show", "HEAD").stdout


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_a_reordered_list_is_one_line_in_git_diff(workshop: Path) -> None:
    doc = AnswersFile.load(workshop)
    doc.move_item("needs", "N5", -4)
    doc.save()
    diff = git(workshop.parent, "diff", "-U0").stdout
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert len(changed) == 2, changed
    assert changed[1].startswith("+Besoins du territoire : N5, N1, N2, N3, N4, N6")


def branches(folder: Path, ours: tuple[str, ...], theirs: tuple[str, ...]) -> None:
    git(folder, "checkout", "-qb", "theirs")
    edit(folder / "atelier.yaml", *theirs)
    commit(folder, "theirs")
    git(folder, "checkout", "-q", "main")
    edit(folder / "atelier.yaml", *ours)
    commit(folder, "ours")


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_git_merge_of_different_items_keeps_both_edits(workshop: Path) -> None:
    folder = workshop.parent
    branches(
        folder,
        (
            "needs[N2].urgency=5",
            "needs[+].title=Soigner près de chez soi",
            "needs[+].domain=social",
            "actions[A1].needs_served=N1,N3,N13",
        ),
        (
            "needs[N1].priority=4",
            "needs[+].title=Accueillir les saisonniers",
            "needs[+].domain=economique",
            "actions[A2].needs_served=N2,N5,N13",
        ),
    )
    done = git(folder, "merge", "theirs", "-m", "merge", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    doc = AnswersFile.load(workshop)
    assert doc.item("needs", "N2")["urgency"] == 5
    assert doc.item("needs", "N1")["priority"] == 4
    assert doc.item("needs", "N13")["title"] == "Soigner près de chez soi"
    # both made an N13: theirs became N14, and what cited it follows
    assert doc.item("needs", "N14")["title"] == "Accueillir les saisonniers"
    assert list(doc.item("actions", "A2")["needs_served"]) == ["N2", "N5", "N14"]
    assert list(doc.item("actions", "A1")["needs_served"]) == ["N1", "N3", "N13"]
    assert validate_path(workshop) == []
    text = workshop.read_text(encoding="utf-8")
    assert text.startswith("# Exemple fictif")  # comments kept
    assert "  # --- L'atelier et le territoire" in text


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_a_real_conflict_is_marked_around_that_answer_only(workshop: Path) -> None:
    folder = workshop.parent
    branches(
        folder,
        ("needs[N3].priority=2", "needs[N5].urgency=1"),
        ("needs[N3].priority=3", "needs[N4].urgency=2"),
    )
    done = git(folder, "merge", "theirs", "-m", "merge", check=False)
    assert done.returncode != 0
    lines = workshop.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<<<<<<<"))
    assert lines[start : start + 5] == [
        "<<<<<<< ours (needs[N3].priority)",
        "      priority: 2",
        "=======",
        "      priority: 3",
        ">>>>>>> theirs (needs[N3].priority)",
    ]
    assert sum(line.startswith(("<<<<<<<", "=======", ">>>>>>>")) for line in lines) == 3
    # the other edits of both sides are in
    assert "      urgency: 1" in lines and "      urgency: 2" in lines
    problems = validate_path(workshop)
    assert [p.line for p in problems] == [start + 1, start + 3, start + 5]
    assert "conflict marker" in problems[0].message
    # choosing one side makes a valid file again
    del lines[start : start + 3]  # <<<<<<<, ours, =======
    del lines[start + 1]  # >>>>>>>
    workshop.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert validate_path(workshop) == []
    assert AnswersFile.load(workshop).item("needs", "N3")["priority"] == 3


def test_an_item_removed_on_one_side_and_changed_on_the_other_is_a_conflict(tmp_path: Path) -> None:
    base = EXAMPLE.read_text(encoding="utf-8")
    ours_path = tmp_path / "ours.yaml"
    theirs_path = tmp_path / "theirs.yaml"
    for path in (ours_path, theirs_path):
        shutil.copy(EXAMPLE, path)
    edit(ours_path, remove=("risks[K3]",))
    edit(theirs_path, "risks[K3].impact=5")
    merged = merge_texts(base, ours_path.read_text(), theirs_path.read_text(), ours_path)
    assert [c.path for c in merged.conflicts] == ["risks[K3]"]
    text = merged.text
    assert "<<<<<<< ours (risks[K3])\n=======\n    - id: K3\n" in text
    assert "      impact: 5\n" in text


def test_items_both_sides_added_keep_their_ids_in_order(tmp_path: Path) -> None:
    base = EXAMPLE.read_text(encoding="utf-8")
    ours_path = tmp_path / "ours.yaml"
    theirs_path = tmp_path / "theirs.yaml"
    for path in (ours_path, theirs_path):
        shutil.copy(EXAMPLE, path)
    edit(ours_path, "needs[+].title=Soigner près de chez soi", "needs[+].domain=social")
    edit(theirs_path, "needs[+].title=Accueillir les saisonniers", "needs[+].domain=economique")
    merged = merge_texts(base, ours_path.read_text(), theirs_path.read_text(), ours_path)
    assert not merged.conflicts
    ours_path.write_text(merged.text, encoding="utf-8")
    ids = [str(item["id"]) for item in AnswersFile.load(ours_path).items("needs")]
    assert ids[-2:] == ["N13", "N14"], ids  # theirs' N13, renumbered N14, after ours' N13
    assert AnswersFile.load(ours_path).item("needs", "N14")["title"] == "Accueillir les saisonniers"


def test_a_merge_never_leaves_a_final_file_invalid(tmp_path: Path, cli) -> None:
    """Each side keeps the target shares at 100 %; together they make 110 %. The final file is
    written as a draft, the merge is not concluded, and the problem is named."""
    from conftest import said_n

    base = tmp_path / "base.yaml"
    ours_path = tmp_path / "ours.yaml"
    theirs_path = tmp_path / "theirs.yaml"
    for path in (base, ours_path, theirs_path):
        shutil.copy(EXAMPLE, path)
    edit(ours_path, "target_public_share=60", "target_private_share=18")
    edit(theirs_path, "target_earned_share=32", "target_private_share=18")
    done = cli("git", "merge-driver", base, ours_path, theirs_path, "7", "atelier.yaml")
    assert done.code == 1, done.err
    problem = "target_public_share + target_private_share + target_earned_share"
    head = said_n(
        "{file}: the file is final and the merge would leave it invalid ({n} problem): "
        "{problems}; written as a draft",
        "{file}: the file is final and the merge would leave it invalid ({n} problems): "
        "{problems}; written as a draft",
        1,
        lang="en",
        file="atelier.yaml",
        problems="",
    ).split("(")[0]
    assert head in done.err and problem in done.err
    merged = AnswersFile.load(ours_path)
    assert merged.status == "draft"  # never final and invalid
    assert [merged.get(k) for k in ("target_public_share", "target_earned_share")] == [60, 32]
    # a clean merge of a final file stays final
    shutil.copy(EXAMPLE, ours_path)
    edit(ours_path, "target_public_share=60", "target_private_share=18")
    shutil.copy(EXAMPLE, theirs_path)
    assert cli("git", "merge-driver", base, ours_path, theirs_path, "7", "a.yaml").code == 0
    assert AnswersFile.load(ours_path).status == "final"


def test_a_file_that_is_not_answers_is_merged_line_by_line(tmp_path: Path) -> None:
    middle = "".join(f"k{n}: {n}\n" for n in range(5))
    for name, body in (
        ("base", f"a: 1\n{middle}b: 2\n"),
        ("ours", f"a: 3\n{middle}b: 2\n"),
        ("theirs", f"a: 1\n{middle}b: 4\n"),
    ):
        (tmp_path / name).write_text(body, encoding="utf-8")
    done = coconstruct(tmp_path, "git", "merge-driver", "base", "ours", "theirs", "7", "x.yaml")
    assert done.returncode == 0
    assert "merged line by line" in done.stderr
    assert (tmp_path / "ours").read_text() == f"a: 3\n{middle}b: 4\n"


# --- never lose an answer ----------------------------------------------------------------------

_BASE = AnswersFile.load(EXAMPLE)
_NEEDS = [str(i["id"]) for i in _BASE.items("needs")]
_RISKS = [str(i["id"]) for i in _BASE.items("risks")]
_SPOTS = [("needs", n, f) for n in _NEEDS for f in ("priority", "urgency")] + [
    ("risks", r, f) for r in _RISKS for f in ("likelihood", "impact")
]


@st.composite
def two_sides(draw: st.DrawFn) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int, int]:
    """Random edits of different answers on two branches, and new items on each."""
    spots = draw(st.lists(st.sampled_from(_SPOTS), min_size=0, max_size=12, unique=True))
    cut = draw(st.integers(0, len(spots)))
    levels = st.integers(1, 5)
    ours = [(f"{q}[{i}].{f}", draw(levels)) for q, i, f in spots[:cut]]
    theirs = [(f"{q}[{i}].{f}", draw(levels)) for q, i, f in spots[cut:]]
    return ours, theirs, draw(st.integers(0, 2)), draw(st.integers(0, 2))


def edited_example(path: Path, commands: list[list[str]]) -> str:
    """The example copied to `path`, edited by `coconstruct set` commands (one list of
    assignments each: `needs[+]` is a new item in each) through their core, and saved; its
    text. One load and one save for them all: a side of a merge costs a fraction of a second."""
    from coconstruct.editing.assignments import apply
    from coconstruct.editing.editor import Editor
    from coconstruct.model.validation import load_checked

    shutil.copy(EXAMPLE, path)
    editor = Editor(*load_checked(path))
    for assignments in commands:
        apply(editor, assignments)
    editor.save()
    return path.read_text(encoding="utf-8")


@pytest.mark.slow  # each example merges the whole example file: about a second of CPU
@settings(max_examples=12)
@given(two_sides())
def test_a_merge_of_non_overlapping_edits_keeps_every_edit(tmp_path_factory, sides) -> None:
    ours_edits, theirs_edits, ours_new, theirs_new = sides
    folder = tmp_path_factory.mktemp("merge")
    base_text = EXAMPLE.read_text(encoding="utf-8")
    texts = []
    for edits, new, name in ((ours_edits, ours_new, "ours"), (theirs_edits, theirs_new, "theirs")):
        commands = [[f"{p}={v}" for p, v in edits]]
        commands += [[f"needs[+].title={name} {n}", "needs[+].domain=social"] for n in range(new)]
        texts.append(edited_example(folder / f"{name}.yaml", commands))
    merged = merge_texts(base_text, texts[0], texts[1], folder / "atelier.yaml")
    assert merged.conflicts == []
    result = folder / "merged.yaml"
    result.write_text(merged.text, encoding="utf-8")
    assert [p for p in validate_path(result) if p.severity == "error"] == []
    doc = AnswersFile.load(result)
    for path, value in [*ours_edits, *theirs_edits]:
        list_id, rest = path.split("[", 1)
        item_id, field = rest.split("].")
        assert doc.item(list_id, item_id)[field] == value, path
    titles = [str(i.get("title")) for i in doc.items("needs")]
    for name, new in (("ours", ours_new), ("theirs", theirs_new)):
        for n in range(new):
            assert f"{name} {n}" in titles
    ids = [str(i["id"]) for i in doc.items("needs")]
    assert len(ids) == len(set(ids)) == len(_NEEDS) + ours_new + theirs_new


def _tool(folder: Path, *args: str, path: str) -> subprocess.CompletedProcess[str]:
    """`coconstruct ARGS` in a process of its own, with the PATH given (as git would run it)."""
    env = {**os.environ, "COCONSTRUCT_LANG": "en", "PATH": path}
    return subprocess.run(
        [sys.executable, "-m", "coconstruct", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_the_drivers_run_coconstruct_from_the_path_and_check_says_what_to_fix(
    tmp_path: Path,
) -> None:
    path = repo(tmp_path / "repo")
    folder = path.parent
    bin_dir = tmp_path / "bin"  # a `coconstruct` on the PATH, as a venv or pipx puts it
    bin_dir.mkdir()
    shim = bin_dir / "coconstruct"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m coconstruct "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    on_path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    assert _tool(folder, "git", "setup", path=on_path).returncode == 0
    textconv = git(folder, "config", "--local", "--get", "diff.coconstruct.textconv").stdout
    assert textconv.strip() == "coconstruct git textconv"  # no absolute path a move would break
    driver = git(folder, "config", "--local", "--get", "merge.coconstruct.driver").stdout
    assert driver.strip() == "coconstruct git merge-driver %O %A %B %L %P"
    checked = _tool(folder, "git", "setup", "--check", path=on_path)
    assert checked.returncode == 0, checked.stderr
    assert "The drivers are set up and git can run them." in checked.stdout
    # without it on the PATH git cannot run the drivers: --check says so, and what to run
    elsewhere = _tool(folder, "git", "setup", "--check", path="/usr/bin:/bin")
    assert elsewhere.returncode == 1
    assert "✗ git cannot run coconstruct (the drivers' command)" in elsewhere.stderr
    assert "To fix: coconstruct git setup" in elsewhere.stderr
    # a venv moved away: the interpreter recorded is gone
    git(
        folder,
        "config",
        "--local",
        "diff.coconstruct.textconv",
        "/gone/bin/python -m coconstruct git textconv",
    )
    moved = _tool(folder, "git", "setup", "--check", path=on_path)
    assert moved.returncode == 1
    assert "git cannot run /gone/bin/python -m coconstruct" in moved.stderr
    # a new answers file, and a section taken away
    shutil.copy(EXAMPLE, folder / "second.yaml")
    git(folder, "config", "--local", "--remove-section", "merge.coconstruct")
    both = _tool(folder, "git", "setup", "--check", path=on_path).stderr
    assert "second.yaml does not use the drivers yet" in both
    assert "merge.coconstruct.driver is not set in the repository's git config" in both
    assert "Traceback" not in both
    # setting up again fixes all
    assert _tool(folder, "git", "setup", path=on_path).returncode == 0
    assert _tool(folder, "git", "setup", "--check", path=on_path).returncode == 0


@pytest.mark.slow  # git, and the tool in processes of its own (as git runs the drivers)
def test_git_diff_during_a_conflict_shows_the_conflicting_answers(workshop: Path) -> None:
    folder = workshop.parent
    branches(
        folder,
        ("needs[N3].priority=2", "needs[N5].urgency=1"),
        ("needs[N3].priority=3", "needs[N4].urgency=2"),
    )
    assert git(folder, "merge", "theirs", "-m", "merge", check=False).returncode != 0
    shown = git(folder, "diff").stdout
    body = shown.split("@@@", 1)[1].splitlines()[1:]
    changed = [line for line in body if line.startswith(("++", "+ ", " +", "--"))]
    assert "<<<<<<< ours" in shown and ">>>>>>> theirs" in shown
    assert "N3 › Priorité : 2 · Modérée" in shown and "N3 › Priorité : 3 · Importante" in shown
    assert "priority: 2" not in shown  # not the raw YAML
    assert len(shown.splitlines()) < 40, shown
    assert changed == [  # the conflicting answer only, each side's
        "++<<<<<<< ours",
        " +N3 › Priorité : 2 · Modérée",
        "++=======",
        "+ N3 › Priorité : 3 · Importante",
        "++>>>>>>> theirs",
    ]

"""Workshops over time, in git: a semantic diff, merges by item, the history of a file.

    diff.py      two versions → changes by question id and item id (plain values)
    describe.py  changes in words, in the file's language
    show.py      the diff as text (a terminal, a projector), Markdown or JSON
    flat.py      one line per answer: what git's diff driver (textconv) compares
    merge.py     three versions → one, by question id and item id (git's merge driver)
    log.py       one line per commit that changed a file
    setup.py     `coconstruct git setup`: the drivers in .gitattributes and the local config
    git.py       git plumbing (show, log, config)

Every version is read as the other commands read a file (`AnswersFile`, the questionnaire's
migrations), and merges edit through the same document primitives as the Editor.
"""

from __future__ import annotations

from pathlib import Path

from coconstruct.history.diff import Diff, Version, compare, migrated
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import Questionnaire


def read_version(spec: str, comments: bool = False) -> Version:
    """A file (`atelier.yaml`) or a file at a git revision (`atelier.yaml@HEAD~3`)."""
    from coconstruct.history import git

    path, rev = git.split_spec(spec)
    if rev is None:
        return Version(AnswersFile.load(path, comments), str(path))
    found = git.show(path, rev)
    return Version(
        AnswersFile.parse(found.text, Path(found.name), comments), found.name, found.date
    )


def questionnaire_of(version: Version, override: str | None = None) -> Questionnaire:
    from coconstruct.model.validation import questionnaire_for

    doc = version.doc
    if override is None and not Path(doc.path).exists():
        # a version from git is named `file@rev`: its questionnaire is found beside the file
        real = AnswersFile(doc.data, Path(str(doc.path).rsplit("@", 1)[0]))
        return questionnaire_for(real)
    return questionnaire_for(doc, override)


def diff_versions(old_spec: str, new_spec: str, questionnaire: str | None = None) -> Diff:
    """The changes from one version to the other, both read at the questionnaire's version."""
    old, new = read_version(old_spec), read_version(new_spec)
    q = questionnaire_of(new, questionnaire)
    migrated(old.doc, q)
    migrated(new.doc, q)
    return compare(old, new, q)


__all__ = ["Diff", "Version", "compare", "diff_versions", "migrated", "read_version"]

"""A workshop's history from git: one entry per commit that changed its answers file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coconstruct.history import git
from coconstruct.history.describe import Said, describe
from coconstruct.history.diff import Version, compare, migrated
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import Questionnaire

COUNTED = ("needs", "partners", "actions")


@dataclass
class Entry:
    commit: git.Commit
    status: str
    counts: dict[str, int]  # needs, partners, actions: items in each list
    answers: int  # answers given, counted as `show` and the roadmap count them
    changes: list[Said] = field(default_factory=list)  # since the commit before (empty: created)
    created: bool = False
    unreadable: str | None = None  # the version could not be read (the reason)
    lang: str = "fr"  # the file's language, for the words


def history(path: Path, limit: int | None = None, questionnaire: str | None = None) -> list[Entry]:
    """Newest first; each version compared with its first parent's (none: the file was created)."""
    from coconstruct.errors import CoconstructError
    from coconstruct.model.completeness import completeness
    from coconstruct.model.validation import questionnaire_for

    folder = path.parent if str(path.parent) else Path(".")
    top = git.toplevel(folder)
    commits = git.commits(path, limit)
    q: Questionnaire | None = None
    cache: dict[str, Version | str | None] = {}  # commit → its version, why not, or None: absent

    def version(commit: str, repo_path: str) -> Version | str | None:
        nonlocal q
        if commit not in cache:
            name = f"{path}@{commit[:7]}"
            text = git.blob(commit, repo_path, top)
            if text is None:
                cache[commit] = None
                return None
            try:
                doc = AnswersFile.parse(text, Path(name), comments=False)
                if q is None:
                    q = questionnaire_for(AnswersFile(doc.data, path), questionnaire)
                cache[commit] = Version(migrated(doc, q), name)
            except CoconstructError as exc:
                cache[commit] = exc.message
        return cache[commit]

    entries = []
    for commit in commits:
        found = version(commit.commit, commit.path)
        if not isinstance(found, Version) or q is None:
            lang = q.languages[0] if q is not None else "fr"
            reason = found if isinstance(found, str) else ""
            entries.append(Entry(commit, "", {}, 0, unreadable=reason, lang=lang))
            continue
        plain = found.doc.plain()
        counts = {
            key: sum(1 for i in plain.get(key) or [] if isinstance(i, dict)) for key in COUNTED
        }
        entry = Entry(
            commit,
            found.doc.status,
            counts,
            completeness(plain, q).answered,
            lang=q.lang(found.doc.language),
        )
        older = version(commit.parents[0], commit.path) if commit.parents else None
        if older is None:
            entry.created = True
        elif isinstance(older, Version):
            entry.changes = describe(compare(older, found, q))
        entries.append(entry)
    return entries

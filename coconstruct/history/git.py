"""git plumbing, through the `git` program: a file at a revision, its history, the local config.

Nothing here writes a commit or touches the work tree: reading (`git show REV:./path`,
`git log`) and the repository's local configuration (`git config --local`) only.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg


class GitError(CoconstructError):
    """git is missing, the folder is no repository, or a revision names nothing."""


def run(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `cwd`; its output as text. A failure says git's own first line."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError(msg("git is not installed (or not on the PATH)")) from None
    if check and done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [""])[0].removeprefix("fatal: ")
        raise GitError(msg("git {command}: {reason}", command=args[0], reason=said))
    return done


def toplevel(folder: Path) -> Path:
    """The work tree holding `folder`, or GitError when it is in none."""
    done = run(["rev-parse", "--show-toplevel"], folder, check=False)
    if done.returncode != 0:
        raise GitError(
            msg("{folder} is not in a git repository", folder=folder),
            hint=msg("git init makes one"),
        )
    return Path(done.stdout.strip())


@dataclass(frozen=True)
class Revision:
    """A file as it was at a revision: its text, its name for messages, the commit's date."""

    text: str
    name: str  # atelier.yaml@HEAD~2
    commit: str
    date: str  # ISO 8601, the committer's date


def show(path: Path, rev: str) -> Revision:
    """`path` as it was at `rev` (any revision git understands: HEAD~3, a tag, a branch)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GitError(msg("{folder}: no such folder", folder=folder))
    toplevel(folder)
    done = run(["log", "-1", "--format=%H%x00%cI", rev, "--"], folder, check=False)
    if done.returncode != 0 or "\0" not in done.stdout:
        raise GitError(
            msg("{rev}: no such revision in the repository of {file}", rev=rev, file=path),
            hint=msg("a commit, a tag, a branch, or HEAD~N"),
        )
    commit, date = done.stdout.strip().split("\0", 1)
    blob = run(["show", f"{commit}:./{path.name}"], folder, check=False)
    if blob.returncode != 0:
        raise GitError(
            msg("{file} did not exist at {rev}", file=path, rev=rev),
            hint=msg("coconstruct log {file} lists the commits that changed it", file=path),
        )
    return Revision(blob.stdout, f"{path}@{rev}", commit, date)


def split_spec(spec: str) -> tuple[Path, str | None]:
    """`atelier.yaml@HEAD~3` → (atelier.yaml, HEAD~3); a file that exists is a file, even with
    an `@` in its name; otherwise the first `@` after an existing file's name splits."""
    if Path(spec).is_file() or "@" not in spec:
        return Path(spec), None
    for index, char in enumerate(spec):
        if char == "@" and index and Path(spec[:index]).is_file():
            return Path(spec[:index]), spec[index + 1 :] or "HEAD"
    name, _, rev = spec.partition("@")
    return Path(name), rev or "HEAD"


@dataclass(frozen=True)
class Commit:
    commit: str
    date: str  # ISO 8601 (author date)
    author: str
    subject: str
    path: str  # the file's path from the top of the work tree
    parents: tuple[str, ...] = ()


def commits(path: Path, limit: int | None = None) -> list[Commit]:
    """The commits that changed `path`, newest first (merges that changed it included)."""
    folder = path.parent if str(path.parent) else Path(".")
    toplevel(folder)
    prefix = run(["rev-parse", "--show-prefix"], folder).stdout.strip()
    args = ["log", "--format=%H%x00%aI%x00%an%x00%P%x00%s"]
    if limit:
        args.append(f"-n{limit}")
    done = run([*args, "--", path.name], folder)
    found = []
    for line in done.stdout.splitlines():
        if line.count("\0") < 4:
            continue
        commit, date, author, parents, subject = line.split("\0", 4)
        found.append(
            Commit(commit, date, author, subject, prefix + path.name, tuple(parents.split()))
        )
    return found


def blob(commit: str, repo_path: str, cwd: Path) -> str | None:
    """A file's text at a commit, by its path from the top of the work tree (None: not there)."""
    done = run(["show", f"{commit}:{repo_path}"], cwd, check=False)
    return done.stdout if done.returncode == 0 else None

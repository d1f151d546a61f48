"""Real git repositories in a temporary folder, for the tests of diff, git, log and --compare."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Élodie Marchand",
        "GIT_AUTHOR_EMAIL": "elodie@example.org",
        "GIT_COMMITTER_NAME": "Élodie Marchand",
        "GIT_COMMITTER_EMAIL": "elodie@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder.parent),
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    }
    return subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=check
    )


def repo(folder: Path, name: str = "atelier.yaml", source: Path = EXAMPLE) -> Path:
    """A repository with the example committed as `name`; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    target = folder / name
    shutil.copy(source, target)
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "Atelier du 19 novembre")
    return target


def commit(folder: Path, message: str) -> None:
    git(folder, "commit", "-qam", message)


def coconstruct(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`coconstruct ARGS` in a fresh process (as git runs the drivers)."""
    return subprocess.run(
        [sys.executable, "-m", "coconstruct", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
        check=False,
    )


def edit(path: Path, *assignments: str, remove: tuple[str, ...] = ()) -> None:
    """Edit through `coconstruct set`'s core (the one Editor), as a facilitator would."""
    from coconstruct.editing.assignments import set_answers

    set_answers(path, list(assignments), None, None, list(remove), force=True)

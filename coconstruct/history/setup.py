"""`coconstruct git setup`: git's diff and merge drivers for the answers files of a repository.

Two places, both local to the repository and both undone by `--remove`:
- `.gitattributes`: one line per answers file found (`atelier.yaml diff=coconstruct
  merge=coconstruct`), between two marker comments, so that the lines can be found again;
- `.git/config` (`git config --local`): the `diff.coconstruct` section (textconv: the file
  flattened to one line per answer; xfuncname: item headings after `@@`) and the
  `merge.coconstruct` section (the merge driver, by question and item id).
The drivers run `coconstruct` as found on the PATH when `git setup` ran there (a venv moved or
rebuilt keeps working, as long as its `coconstruct` is on the PATH git runs with), else
`python -m coconstruct` of the interpreter that ran `git setup`. `git setup --check` runs the
configured command as git would and says what to fix (`check`).
A third place, `.gitignore`, gets the patterns of the files the tool keeps beside an answers file
(`IGNORED`) when git does not ignore them yet; `--remove` leaves them: they are right without the
drivers too.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coconstruct.history import git
from coconstruct.history.flat import HEADING
from coconstruct.language.messages import N_
from coconstruct.model import fsio
from coconstruct.model.answers_file import looks_like_answers_file

DRIVER = "coconstruct"
BEGIN = "# coconstruct: answers files (coconstruct git setup; --remove takes these lines away)"
END = "# end of coconstruct"
# What the tool writes beside an answers file, never part of the workshop: the lock of a command
# editing it (model/locking.py), the room's journal and kept address (serve/journal.py,
# serve/server.py), the temporary file of an atomic write a crash left (model/fsio.py).
IGNORED = [".*.lock", ".*.room", ".*.facilitator", f"{fsio.TMP_PREFIX}*.tmp"]
IGNORE_HEADING = "# coconstruct: what it keeps beside answers files (locks, the room's journal)"


@dataclass
class SetupResult:
    top: Path
    files: list[str] = field(default_factory=list)  # answers files, relative to the top
    config: dict[str, str] = field(default_factory=dict)  # what was set (or removed)
    attributes: Path | None = None  # .gitattributes, when it was written
    ignored: list[str] = field(default_factory=list)  # the patterns added to .gitignore


def command() -> str:
    """How git runs the tool: `coconstruct` when it is on the PATH, else this interpreter's
    `python -m coconstruct` (an absolute path, which a moved venv breaks: `--check` says so)."""
    if shutil.which("coconstruct"):
        return "coconstruct"
    return f"{shlex.quote(sys.executable)} -m coconstruct"


@dataclass(frozen=True)
class Problem:
    """What `git setup --check` found wrong, and what to run to fix it."""

    what: str  # a message id, its values below
    values: dict[str, str]
    fix: str  # a command


def check(folder: Path) -> list[Problem]:
    """The drivers as git would run them: configured, runnable, covering every answers file."""
    top = git.toplevel(folder)
    setup_again = "coconstruct git setup"
    config: dict[str, str] = {}
    for key in config_entries():
        done = git.run(["config", "--local", "--get", key], top, check=False)
        if done.returncode == 0:
            config[key] = done.stdout.strip()
    problems = [
        Problem(N_("{key} is not set in the repository's git config"), {"key": key}, setup_again)
        for key in config_entries()
        if key not in config
    ]
    textconv = config.get(f"diff.{DRIVER}.textconv", "")
    if textconv.endswith(" git textconv"):
        run = textconv.removesuffix(" git textconv")
        done = subprocess.run(
            f"{run} --version", shell=True, cwd=top, capture_output=True, text=True, check=False
        )
        if done.returncode != 0 or not done.stdout.startswith("coconstruct"):
            problems.append(
                Problem(
                    N_("git cannot run {command} (the drivers' command): {reason}"),
                    {"command": run, "reason": _reason(done)},
                    setup_again,
                )
            )
        elif run != command():
            problems.append(
                Problem(
                    N_(
                        "the drivers run {command}, which another environment may not have; "
                        "{better} is found here"
                    ),
                    {"command": run, "better": command()},
                    setup_again,
                )
            )
    missing = not_ignored(top)
    if missing:
        problems.append(
            Problem(
                N_("git does not ignore {patterns} yet (files coconstruct keeps beside answers)"),
                {"patterns": ", ".join(missing)},
                setup_again,
            )
        )
    listed = _listed(top / ".gitattributes")
    for name in answers_files(top):
        if _pattern(name) not in listed:
            problems.append(
                Problem(N_("{file} does not use the drivers yet"), {"file": name}, setup_again)
            )
    return problems


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {done.returncode}"


def _listed(path: Path) -> set[str]:
    """The patterns of our block of .gitattributes."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    inside, found = False, set()
    for line in lines:
        if line == BEGIN:
            inside = True
        elif line == END:
            inside = False
        elif inside and line.strip():
            found.add(line.split(" diff=")[0])
    return found


def config_entries() -> dict[str, str]:
    run = command()
    return {
        f"diff.{DRIVER}.textconv": f"{run} git textconv",
        f"diff.{DRIVER}.xfuncname": f"^{HEADING}.*$",
        f"merge.{DRIVER}.name": "coconstruct: answers merged by question and item id",
        f"merge.{DRIVER}.driver": f"{run} git merge-driver %O %A %B %L %P",
    }


def answers_files(top: Path) -> list[str]:
    """The answers files of the work tree (tracked, or new and not ignored), from the top."""
    done = git.run(["ls-files", "--cached", "--others", "--exclude-standard", "-z"], top)
    names = sorted({n for n in done.stdout.split("\0") if n.endswith((".yaml", ".yml"))})
    return [n for n in names if looks_like_answers_file(top / n)]


def setup(folder: Path) -> SetupResult:
    top = git.toplevel(folder)
    result = SetupResult(top, answers_files(top))
    for key, value in config_entries().items():
        git.run(["config", "--local", key, value], top)
        result.config[key] = value
    lines = [f"{_pattern(name)} diff={DRIVER} merge={DRIVER}" for name in result.files]
    result.attributes = _write_block(top / ".gitattributes", lines)
    result.ignored = not_ignored(top)
    if result.ignored:
        _append_ignored(top / ".gitignore", result.ignored)
    return result


def not_ignored(top: Path) -> list[str]:
    """The patterns of IGNORED that git does not ignore yet, whichever file or rule would."""
    samples = {pattern.replace("*", "atelier.yaml"): pattern for pattern in IGNORED}
    done = git.run(["check-ignore", "--no-index", *samples], top, check=False)
    ignored = set(done.stdout.splitlines())
    return [pattern for sample, pattern in samples.items() if sample not in ignored]


def _append_ignored(path: Path, patterns: list[str]) -> None:
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    head = old.rstrip("\n") + "\n\n" if old.strip() else ""
    fsio.atomic_write(path, head + "\n".join([IGNORE_HEADING, *patterns]) + "\n")


def remove(folder: Path) -> SetupResult:
    top = git.toplevel(folder)
    result = SetupResult(top)
    for section in (f"diff.{DRIVER}", f"merge.{DRIVER}"):
        done = git.run(["config", "--local", "--remove-section", section], top, check=False)
        if done.returncode == 0:
            result.config[section] = ""
    result.attributes = _write_block(top / ".gitattributes", [])
    return result


def _pattern(name: str) -> str:
    """A path as a .gitattributes pattern: from the top (`/`), special characters escaped."""
    escaped = "".join(f"\\{c}" if c in " *?[]\\!#" else c for c in name)
    return "/" + escaped


def _write_block(path: Path, lines: list[str]) -> Path | None:
    """Our block of .gitattributes replaced by `lines` (none: taken away), the rest kept.

    Returns the path when the file changed; a .gitattributes left empty is deleted.
    """
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    kept, inside = [], False
    for line in old.splitlines():
        if line == BEGIN:
            inside = True
        elif line == END and inside:
            inside = False
        elif not inside:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    block = [BEGIN, *lines, END] if lines else []
    new_lines = kept + ([""] if kept and block else []) + block
    new = "\n".join(new_lines) + "\n" if new_lines else ""
    if new == old:
        return None
    if not new:
        path.unlink(missing_ok=True)
    else:
        fsio.atomic_write(path, new)
    return path

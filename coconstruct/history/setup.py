"""`coconstruct git setup`: git's diff and merge drivers for the answers files of a repository.

Two places, both local to the repository and both undone by `--remove`:
- `.gitattributes`: one line per answers file found (`atelier.yaml diff=coconstruct
  merge=coconstruct`), between two marker comments, so that the lines can be found again;
- `.git/config` (`git config --local`): the `diff.coconstruct` section (textconv: the file
  flattened to one line per answer; xfuncname: item headings after `@@`) and the
  `merge.coconstruct` section (the merge driver, by question and item id).
The commands run this Python (`python -m coconstruct`), whatever the PATH of the shell git runs.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coconstruct.history import git
from coconstruct.history.flat import HEADING
from coconstruct.model import fsio
from coconstruct.model.answers_file import looks_like_answers_file

DRIVER = "coconstruct"
BEGIN = "# coconstruct: answers files (coconstruct git setup; --remove takes these lines away)"
END = "# end of coconstruct"


@dataclass
class SetupResult:
    top: Path
    files: list[str] = field(default_factory=list)  # answers files, relative to the top
    config: dict[str, str] = field(default_factory=dict)  # what was set (or removed)
    attributes: Path | None = None  # .gitattributes, when it was written


def command() -> str:
    return f"{shlex.quote(sys.executable)} -m coconstruct"


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
    return result


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

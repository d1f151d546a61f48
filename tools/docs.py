"""The console examples of README.md and of the manual (docs/), made by running them.

Each example is a cog block (https://nedbatchelder.com/code/cog/) whose code calls `console()`:

    <!-- [[[cog console("coconstruct validate a.yaml", files={"a.yaml": "example"}) ]]] -->
    ```console
    $ coconstruct validate a.yaml
    …the real output…
    ```
    <!-- [[[end]]] -->

`make docs` runs every command again and writes what it printed; tests/test_docs_examples.py
does the same into a copy and fails when the docs no longer say what the tool prints (timings and
file sizes aside). The commands run in a fresh folder with the files named in `files`, so that
paths in the output are the ones a reader types.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "coconstruct" / "examples"
# what a file of an example is made from: a bundled example, a test fixture, or `new`
SOURCES = {
    "example": EXAMPLES / "val-d-orbiere.yaml",
    "saint-ivy": EXAMPLES / "saint-ivy-kermorvan.yaml",
    "example-v1": ROOT / "tests" / "data" / "val-d-orbiere-v1.yaml",
    "example-v1-small": ROOT / "tests" / "data" / "v1-made-by-run.yaml",
    "mini": ROOT / "tests" / "data" / "mini.yaml",  # a small questionnaire
}
WIDTH = "100"
# a repository where the example went through two workshops (fixed names and dates, so the same
# commits every time): the history the examples of diff, log and git setup read
TWO_WORKSHOPS = [
    "git init -q -b main",
    "git config user.name 'Élodie Marchand' && git config user.email elodie@example.org",
    "git add atelier.yaml",
    "GIT_AUTHOR_DATE=2026-11-19T18:00+01:00 GIT_COMMITTER_DATE=2026-11-19T18:00+01:00"
    " git commit -qm 'Atelier du 19 novembre'",
    "coconstruct set atelier.yaml 'needs[N3].priority=4' 'partners[+].name=Mutualité du Val'"
    " 'partners[+].actor_type=association' 'partners[+].commitment=implique'"
    " 'actions[A3].status=realisee' 'measures[+].indicator=Ind1' 'measures[+].date=2026-12'"
    " 'measures[+].value=60'",
    "GIT_AUTHOR_DATE=2026-12-01T18:00+01:00 GIT_COMMITTER_DATE=2026-12-01T18:00+01:00"
    " git commit -qam 'Comité de décembre'",
]
# spreadsheets an example reads (`files={"partenaires.xlsx": "partners-table"}`): a sheet's rows
_PARTNERS = [
    ["Nom", "Type d'acteur", "Niveau d'engagement", "Contact", "Remarque"],
    ["Mairie de Vernoux", "Collectivité territoriale", "Co-porteur", "Mathieu Rigal", "élu"],
    ["Les Jardins du Sorn", "Association", "Impliqué", None, None],
    ["Boulangerie Martin", "Entreprise", "Informé", None, "à relancer"],
    ["Radio Orbière FM", "Média", "Consulté", "Amandine Roux", None],
]
_SUBMITTED = "2026-11-20T09:30:00"
_KOBO = [  # a KoboToolbox export: metadata, a group prefix, English labels, typed cells
    [
        "start",
        "end",
        "financement/funder",
        "financement/Funding source",
        "financement/amount",
        "financement/Funding secured?",
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ],
    [
        _SUBMITTED,
        _SUBMITTED,
        "Conseil départemental",
        "Grants",
        640000,
        "yes",
        101,
        "9f1c",
        _SUBMITTED,
        1,
    ],
    [
        _SUBMITTED,
        _SUBMITTED,
        "Fondation Terres d'Orbière",
        "mecenat",
        120000,
        False,
        102,
        "a2b4",
        _SUBMITTED,
        2,
    ],
]
TABLES = {
    "partners-table": ("Feuil1", _PARTNERS),
    # B4 and C5 as someone typed them: not a type of actor, not a level of commitment
    "partners-table-typos": (
        "Feuil1",
        [
            *_PARTNERS[:3],
            [_PARTNERS[3][0], "Commerce", *_PARTNERS[3][2:]],
            [*_PARTNERS[4][:2], "consultee", *_PARTNERS[4][3:]],
        ],
    ),
    "kobo-funding": ("Financements", _KOBO),
}
__all__ = ["TWO_WORKSHOPS", "console"]


def console(
    commands: str | Sequence[str],
    files: Mapping[str, str] | None = None,
    edits: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    lang: str = "fr",
    before: Sequence[str] = (),
    shown: Sequence[str] | None = None,
) -> None:
    """Print a ```console block: each command after `$ `, then what it printed (stdout and
    stderr as a terminal shows them, in order).

    files: name → source (`example`, `saint-ivy`, `example-v1`, `new`, `empty` for a folder, a
    spreadsheet of TABLES), made before anything
    runs; edits: name → (old, new) text replacements made in those files (a broken answer for
    an example of an error); before: commands run first and not shown; shown: the command lines
    as printed, when they differ from what runs (a comment after it, a line continuation).
    """
    commands = [commands] if isinstance(commands, str) else list(commands)
    with tempfile.TemporaryDirectory(prefix="coconstruct-docs-") as folder:
        cwd = Path(folder)
        env = _environment(cwd, lang)
        for name, source in (files or {}).items():
            target = cwd / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source == "new":
                _run(f"coconstruct new {shlex.quote(name)} --lang {lang}", cwd, env)
            elif source == "empty":
                target.mkdir(parents=True, exist_ok=True)
            elif source in TABLES:
                _workbook(target, *TABLES[source])
            else:
                shutil.copy(SOURCES[source], target)
        for name, replacements in (edits or {}).items():
            path = cwd / name
            text = path.read_text(encoding="utf-8")
            for old, new in replacements:
                if old not in text:
                    raise ValueError(f"{name}: {old!r} is not in the file")
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
        for command in before:
            code, output = _run(command, cwd, env)
            if code:
                raise RuntimeError(f"{command}: exit {code}: {output}")
        lines = ["```console"]
        code = 0
        for index, command in enumerate(commands):
            lines.append("$ " + (shown[index] if shown else command))
            if command == "echo $?":  # the previous command's exit code, as the shell says it
                output = f"{code}\n"
            else:
                code, output = _run(command, cwd, env)
            output = output.replace(str(Path(sys.executable).parent), "/…")  # the venv's place
            lines += [line.rstrip() for line in output.rstrip("\n").split("\n") if output]
        lines.append("```")
    text = "\n".join(lines)
    try:
        import cog  # present while cog runs this block: its output goes into the file

        cog.outl(text)
    except ImportError:
        print(text)


def _workbook(path: Path, title: str, rows: list[list[object]]) -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:  # ISO date-times are date cells, as a survey tool writes them
        sheet.append([dt.datetime.fromisoformat(v) if v == _SUBMITTED else v for v in row])
    workbook.save(path)


_CACHE: list[str] = []  # one cache folder for every example of a run: charts drawn once


def _cache_folder() -> str:
    """The tool's cache for the examples: the tests' own when they run them, else a folder of
    this run's (never the user's ~/.cache, whose state would change what an example prints)."""
    if "COCONSTRUCT_CACHE_DIR" in os.environ:
        return os.environ["COCONSTRUCT_CACHE_DIR"]
    if not _CACHE:
        import atexit

        _CACHE.append(tempfile.mkdtemp(prefix="coconstruct-docs-cache-"))
        atexit.register(shutil.rmtree, _CACHE[0], ignore_errors=True)
    return _CACHE[0]


def _environment(cwd: Path, lang: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COCONSTRUCT_", "LC_", "LANG")) and key not in ("NO_COLOR",)
    }
    bin_folder = str(Path(sys.executable).parent)  # the venv's coconstruct
    env.update(
        COCONSTRUCT_LANG=lang,
        COCONSTRUCT_CACHE_DIR=_cache_folder(),
        COLUMNS=WIDTH,
        NO_COLOR="1",
        PATH=bin_folder + os.pathsep + env.get("PATH", ""),
        HOME=str(cwd),
        PYTHONUNBUFFERED="1",  # stdout and stderr in the order they were written
    )
    return env


def _run(command: str, cwd: Path, env: Mapping[str, str]) -> tuple[int, str]:
    """The command through a shell (pipes, redirections as a reader types them): its exit code,
    and what it printed, stdout and stderr in the order they came."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout

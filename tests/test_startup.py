"""Start-up stays instant: light commands never import the heavy libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import bare_env

HEAVY = (
    "weasyprint",
    "matplotlib",
    "questionary",
    "prompt_toolkit",
    "rich.markdown",
    "pypandoc",
    "docx",
    "odf",
    "pptx",
    "coconstruct.report.deck",
    "coconstruct.report.office",
    "openpyxl",
    "starlette",
    "uvicorn",
    "segno",
    "httptools",
    "uvloop",
    "coconstruct.serve",
)


def imported_modules(*args: str, cwd: Path) -> set[str]:
    """The modules `coconstruct ARGS` imports; the command must succeed (a command that failed
    early would import little, and prove nothing)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coconstruct", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env=bare_env(COCONSTRUCT_LANG="en"),
    )
    said = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
    assert result.returncode == 0, "\n".join(said)
    assert result.stdout.strip() or said, f"`coconstruct {' '.join(args)}` printed nothing"
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("serve", "--help"),
        ("validate", "{example}"),
        ("set", "{example}", "population=24000"),
        ("schema",),
    ],
)
def test_light_commands_do_not_import_heavy_libraries(args: tuple[str, ...], example: Path) -> None:
    argv = [a.format(example=example) for a in args]
    modules = imported_modules(*argv, cwd=example.parent)
    assert "coconstruct.cli" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == [], f"`coconstruct {' '.join(args)}` imported {heavy}"


def test_help_does_not_import_rich(tmp_path: Path) -> None:
    modules = imported_modules("--help", cwd=tmp_path)
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


@pytest.mark.parametrize("args", [("--help",), ("validate", "{example}"), ("schema",)])
def test_babel_waits_for_something_to_format(args: tuple[str, ...], example: Path) -> None:
    """The language's formats load babel's locale data (language/locales.py) the first time a
    number or a date is written, never to parse the command line or check a file."""
    argv = [a.format(example=example) for a in args]
    modules = imported_modules(*argv, cwd=example.parent)
    assert not any(m == "babel" or m.startswith("babel.") for m in modules)


@pytest.mark.parametrize(
    "args",
    [("set", "{example}", "population=24000"), ("validate", "{example}")],
)
def test_a_script_of_set_and_validate_builds_no_parameter_adapter_and_no_console(
    args: tuple[str, ...], example: Path
) -> None:
    """Only the invoked command is built, its texts and paths read without pydantic's adapters
    (cli/startup.py); the lines said to a pipe go out without rich; no Jinja for the usual
    `when:` conditions."""
    argv = [a.format(example=example) for a in args]
    modules = imported_modules(*argv, cwd=example.parent)
    for module in ("typer._adapters", "rich.console", "jinja2"):
        assert module not in modules, f"`coconstruct {' '.join(args)}` imported {module}"


def test_only_the_invoked_command_is_built_and_reads_as_the_whole_tree_does(
    cli, example: Path, tmp_path: Path
) -> None:
    from coconstruct.cli import app
    from coconstruct.cli.startup import command_for

    alone = command_for(app, ["set", str(example)])
    assert list(alone.commands) == ["set"]  # type: ignore[attr-defined]
    assert len(command_for(app, ["--help"]).commands) > 10  # type: ignore[attr-defined]
    assert len(command_for(app, ["git", "setup"]).commands) > 10  # type: ignore[attr-defined]
    refused = cli("set", tmp_path, "population=1")  # a folder where a file is expected
    assert refused.code == 2 and str(tmp_path) in refused.err
    assert cli("set", example, "--bogus").code == 2
    assert cli("validate", example).code == 0

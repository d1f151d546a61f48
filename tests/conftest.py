from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from coconstruct.cli import main

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `coconstruct ARGS…` in-process, as a user would type it; returns code, out, err."""
    monkeypatch.setenv("COCONSTRUCT_LANG", "en")
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # pragma: no cover
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example workshop."""
    target = tmp_path / "val-d-orbiere.yaml"
    shutil.copy(EXAMPLE, target)
    return target

"""`coconstruct demo`: the example workshop and its roadmap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, bare_env, said


@pytest.mark.slow  # the whole roadmap, Word and LibreOffice included (the PDF stubbed)
def test_demo_renders_the_example_roadmap(cli, tmp_path: Path, monkeypatch) -> None:
    from coconstruct.report import document

    rendered: list[str] = []
    original = document.render_format

    def without_pdf(prepared: document.Prepared, fmt: str) -> bytes:
        rendered.append(fmt)
        if fmt == "pdf":  # the PDF itself is checked by the session render; keep this test fast
            from coconstruct.errors import CoconstructError
            from coconstruct.report.pdf import PANGO_HINT

            raise CoconstructError("cannot make a PDF: weasyprint does not start", PANGO_HINT)
        return original(prepared, fmt)

    monkeypatch.setattr(document, "render_format", without_pdf)
    result = cli("demo", "--out", tmp_path / "demo")
    assert result.code == 0, result.err
    assert rendered == ["md", "html", "pdf", "docx", "odt", "pptx"]
    for suffix in ("md", "html", "docx", "odt", "pptx"):
        assert f"{suffix + ':':<9} {tmp_path / 'demo' / f'val-d-orbiere.{suffix}'}" in result.out
    assert "pdf:      not made: cannot make a PDF" in result.out
    assert (tmp_path / "demo" / "val-d-orbiere_charts" / "timeline.svg").exists()
    assert EXAMPLE.name in result.out


@pytest.mark.slow  # a whole demo, in a process of its own
def test_the_demo_says_how_to_call_a_coconstruct_the_shell_would_not_find(tmp_path: Path) -> None:
    venv_tool = Path(sys.executable).parent / "coconstruct"
    if not venv_tool.exists():
        pytest.skip("no coconstruct script beside this Python")
    bare = bare_env(COCONSTRUCT_LANG="en")  # PATH=/usr/bin:/bin: as after `make demo`
    done = subprocess.run(
        [str(venv_tool), "demo", "--out", "demo"],
        cwd=tmp_path,
        env=bare,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last == said(
        "coconstruct is not on your PATH: call it as {program}, or first run: source {activate}",
        "en",
        program=str(venv_tool),
        activate=str(venv_tool.parent / "activate"),
    )
    # as pasted in that shell, the command works
    again = subprocess.run(
        [str(venv_tool), "validate", "demo/val-d-orbiere.yaml"],
        cwd=tmp_path,
        env=bare,
        capture_output=True,
        check=False,
    )
    assert again.returncode == 0

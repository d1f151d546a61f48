"""`coconstruct demo`: the example workshop and its roadmap."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE


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
    assert rendered == ["md", "html", "pdf", "docx", "odt"]
    for suffix in ("md", "html", "docx", "odt"):
        assert f"{suffix + ':':<9} {tmp_path / 'demo' / f'val-d-orbiere.{suffix}'}" in result.out
    assert "pdf:      not made: cannot make a PDF" in result.out
    assert (tmp_path / "demo" / "val-d-orbiere_charts" / "timeline.svg").exists()
    assert EXAMPLE.name in result.out

"""`coconstruct render`, `templates export` and the demo's roadmap, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, Result, pdf_text


@pytest.mark.slow
def test_render_writes_every_format(
    example_roadmap: tuple[Path, Result],
) -> None:
    folder, result = example_roadmap
    assert result.code == 0, result.err
    assert "✗" not in result.err
    for suffix in ("md", "html", "pdf"):
        path = folder / f"val-d-orbiere.{suffix}"
        assert path.stat().st_size > 10_000
        assert f"{path}  (" in result.out
    assert "4 chart(s) in" in result.out
    text = pdf_text(folder / "val-d-orbiere.pdf")
    assert "Communauté de communes du Val d'Orbière" in text  # the running header
    assert "L’essentiel" in text and "Contexte et effet ciseau" in text


def test_render_some_formats_in_another_language_elsewhere(cli, example: Path) -> None:
    out = example.parent / "reports"
    result = cli("render", example, "-f", "html,md", "--lang", "en", "-o", out)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [
        ".coconstruct-manifest.json",
        "val-d-orbiere.html",
        "val-d-orbiere.md",
        "val-d-orbiere_charts",
    ]
    assert "At a glance" in (out / "val-d-orbiere.md").read_text(encoding="utf-8")
    assert not (example.parent / "val-d-orbiere.pdf").exists()


def test_render_refuses_an_unknown_format(cli, example: Path) -> None:
    result = cli("render", example, "-f", "md,rtf")
    assert result.code == 2
    assert "unknown format rtf: choose among md, html, pdf, docx, odt" in result.err
    assert not example.with_suffix(".md").exists()


def test_render_a_missing_file(cli, tmp_path: Path) -> None:
    result = cli("render", tmp_path / "nope.yaml", "-f", "md")
    assert result.code == 1
    assert "nope.yaml: no such file" in result.err
    assert "Traceback" not in result.err


def test_render_refuses_invalid_answers_with_their_place(cli, tmp_path: Path) -> None:
    answers = tmp_path / "atelier.yaml"
    answers.write_text(
        "questionnaire: territoire\nlanguage: en\nanswers:\n  population: many\n",
        encoding="utf-8",
    )
    result = cli("render", answers, "-f", "md", "-o", tmp_path)
    assert result.code == 1
    assert f"✗ {answers}:4:15: population: 'many' is not a number" in result.err
    assert f"Hint: see every problem with: coconstruct validate {answers}" in result.err
    assert not (tmp_path / "atelier.md").exists()


def test_a_template_error_names_file_and_line_without_traceback(cli, example: Path) -> None:
    brand = example.parent / "brand"
    brand.mkdir()
    (brand / "roadmap.md.j2").write_text("# {{ doc.title }}\n{{ doc.titel }}\n", encoding="utf-8")
    result = cli("render", example, "-f", "md", "--templates", brand, "-o", example.parent)
    assert result.code == 1
    assert f"{(brand / 'roadmap.md.j2').resolve()}:2: " in result.err
    assert "'titel'" in result.err and "Hint: fix the template" in result.err
    assert "Traceback" not in result.err


def test_templates_export_then_render_with_them(cli, example: Path) -> None:
    brand = example.parent / "charte"
    result = cli("templates", "export", brand)
    assert result.code == 0
    assert "Copied 37 template files into" in result.out
    css = brand / "roadmap.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* Cabinet Dupont */\n", encoding="utf-8")
    again = cli("templates", "export", brand)
    assert "37 files already there, kept" in again.out
    result = cli("render", example, "-f", "html", "--templates", brand, "-o", example.parent)
    assert result.code == 0, result.err
    assert "/* Cabinet Dupont */" in example.with_suffix(".html").read_text(encoding="utf-8")


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

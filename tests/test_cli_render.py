"""`coconstruct render` of one answers file, as a user runs it (batches: test_batch.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Result, pdf_text


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
    assert "6 charts in" in result.out
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
    # nothing written beside the answers file: every output went to -o
    assert sorted(p.name for p in example.parent.iterdir()) == ["reports", "val-d-orbiere.yaml"]


def test_render_refuses_an_unknown_format(cli, example: Path) -> None:
    result = cli("render", example, "-f", "md,rtf")
    assert result.code == 2
    assert "unknown format rtf: choose among md, html, pdf, docx, odt, pptx, odp" in result.err
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
    # Named as the user would type it from where they are (the example's folder here).
    assert "brand/roadmap.md.j2:2: " in result.err
    assert "'titel'" in result.err and "Hint: fix the template" in result.err
    assert "Traceback" not in result.err

"""`coconstruct templates`: copy the report templates, then render with them."""

from __future__ import annotations

from pathlib import Path


def test_templates_export_then_render_with_them(cli, example: Path) -> None:
    brand = example.parent / "charte"
    result = cli("templates", "export", brand)
    assert result.code == 0
    assert "Copied 52 template files into" in result.out
    css = brand / "roadmap.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* Cabinet Dupont */\n", encoding="utf-8")
    again = cli("templates", "export", brand)
    assert "52 files already there, kept" in again.out
    result = cli("render", example, "-f", "html", "--templates", brand, "-o", example.parent)
    assert result.code == 0, result.err
    assert "/* Cabinet Dupont */" in example.with_suffix(".html").read_text(encoding="utf-8")

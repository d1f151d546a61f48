"""`coconstruct templates`: copy the report templates, then render with them."""

from __future__ import annotations

from pathlib import Path

from coconstruct.report.environment import builtin_templates


def test_templates_export_then_render_with_them(cli, example: Path) -> None:
    shipped = sum(1 for path in builtin_templates().rglob("*") if path.is_file())
    brand = example.parent / "charte"
    result = cli("templates", "export", brand)
    assert result.code == 0
    assert f"Copied {shipped} template files into" in result.out
    css = brand / "roadmap.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* Cabinet Dupont */\n", encoding="utf-8")
    again = cli("templates", "export", brand)
    assert f"{shipped} files already there, kept" in again.out
    result = cli("render", example, "-f", "html", "--templates", brand, "-o", example.parent)
    assert result.code == 0, result.err
    assert "/* Cabinet Dupont */" in example.with_suffix(".html").read_text(encoding="utf-8")

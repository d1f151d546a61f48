"""`coconstruct templates`: copy the report templates, then render with them."""

from __future__ import annotations

from pathlib import Path

from conftest import said

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


def test_templates_export_copies_only_the_files_named(cli, tmp_path: Path) -> None:
    brand = tmp_path / "charte"
    result = cli("templates", "export", brand, "roadmap.css", "html/cover.j2", "md/*.j2")
    assert result.code == 0, result.err
    copied = sorted(p.relative_to(brand).as_posix() for p in brand.rglob("*") if p.is_file())
    shipped_md = sorted(
        f"md/{p.name}" for p in (builtin_templates() / "md").glob("*.j2") if p.is_file()
    )
    assert copied == sorted(["html/cover.j2", "roadmap.css", *shipped_md])


def test_templates_export_refuses_a_name_it_does_not_ship_and_copies_nothing(
    cli, tmp_path: Path
) -> None:
    brand = tmp_path / "charte"
    result = cli("templates", "export", brand, "roadmap.css", "covr.j2")
    assert result.code == 2
    assert said("no template file {name}", "en", name="covr.j2") in result.err
    assert "html/cover.j2" in result.err  # the closest names
    assert not brand.exists() or not any(brand.iterdir())

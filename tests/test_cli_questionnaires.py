"""`coconstruct questionnaires list`, `show` and `check`."""

from __future__ import annotations

from pathlib import Path


def test_list_shows_the_builtin(cli) -> None:
    result = cli("questionnaires", "list", "--lang", "fr")
    assert result.code == 0
    assert result.out.startswith("territoire")
    assert "Atelier" in result.out and "6 sections" in result.out


def test_show_prints_a_readable_tree(cli) -> None:
    result = cli("questionnaires", "show", "territoire", "--lang", "en")
    assert result.code == 0
    sections = [line for line in result.out.splitlines() if line.startswith(("├", "└"))]
    assert sections == [
        "├── 1. The workshop and the territory  atelier  30 min",
        "├── 2. Shared diagnosis: needs  besoins  75 min",
        "├── 3. Resources of the territory  ressources  45 min",
        "├── 4. Actor mapping and alliances  partenaires  70 min",
        "├── 5. Socio-economic model  modele  50 min",
        "└── 6. Roadmap  feuille_de_route  90 min",
    ]
    assert "│   ├── Needs of the territory  needs list N1, N2…" in result.out


def test_check_accepts_the_builtin_and_refuses_a_broken_file(cli, tmp_path: Path) -> None:
    builtin = Path(__file__).parent.parent / "coconstruct" / "questionnaires" / "territoire.yaml"
    ok = cli("questionnaires", "check", builtin)
    assert ok.code == 0 and "ok — territoire v2, 6 sections" in ok.out
    bad = tmp_path / "q.yaml"
    bad.write_text("id: q\nversion: 1\ntitle: {fr: Q}\nlanguages: [fr]\nsections: []\n")
    result = cli("questionnaires", "check", bad)
    assert result.code == 1
    assert f"{bad}:5:1: sections: List should have at least 1 item" in result.err


def test_check_counts_agree(cli, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "id: one\nversion: 1\ntitle: {fr: Un}\nlanguages: [fr]\nsections:\n"
        "  - id: s\n    title: {fr: S}\n    questions:\n"
        "      - {id: q, type: text, label: {fr: Q}}\n",
        encoding="utf-8",
    )
    result = cli("questionnaires", "check", one)
    assert result.code == 0 and "ok — one v1, 1 section, 1 question" in result.out

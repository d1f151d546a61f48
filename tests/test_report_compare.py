"""`render --compare`: the « Évolutions depuis l'atelier du … » section, in every format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import pdf_text
from gitrepo import commit, edit, git, repo


@pytest.fixture
def history(tmp_path: Path, monkeypatch) -> Path:
    """Three commits: the workshop, then a committee that moved needs, partners, actions and an
    indicator."""
    path = repo(tmp_path / "repo")
    monkeypatch.chdir(path.parent)
    edit(path, "needs[N3].priority=4", "actions[A3].status=realisee")
    commit(path.parent, "Comité")
    edit(
        path,
        "needs[+].title=Accueillir les saisonniers",
        "needs[+].domain=economique",
        "needs[+].priority=3",
        "partners[+].name=Mutualité du Val",
        "partners[+].actor_type=association",
        "partners[+].commitment=implique",
        "partners[P2].commitment=co_porteur",
        "measures[+].indicator=Ind1",
        "measures[+].date=2026-12",
        "measures[+].value=60",
    )
    edit(path, remove=("needs[N12]",))
    commit(path.parent, "Atelier de décembre")
    return path


def section(md: str) -> str:
    start = md.index("## 02 · Évolutions depuis")
    return md[start : md.index("## 03 ·", start)]


def test_the_section_says_what_moved_in_markdown_and_html(cli, history: Path) -> None:
    result = cli("render", "atelier.yaml", "--compare", "HEAD~2", "-f", "md,html", "-o", "out")
    assert result.code == 0, result.err
    md = (history.parent / "out" / "atelier.md").read_text(encoding="utf-8")
    assert "2. Évolutions depuis la version du" in md  # a commit's date
    text = section(md).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Nouveau besoin N13, Accueillir les saisonniers (priorité : Importante)." in text
    assert "Besoin N12 clos" in text
    assert (
        "Priorité de N3, Rompre l'isolement des personnes âgées dans les hameaux : Essentielle → Forte."  # noqa: E501
        in text
    )
    assert "Nouveau partenaire P13, Mutualité du Val (engagement : Impliqué)." in text
    assert "Engagement de P2, Conseil départemental : Impliqué → Co-porteur." in text
    assert (
        "Statut de A3, Organiser un réseau de visiteurs bénévoles dans les hameaux : En cours → Réalisée."  # noqa: E501
        in text
    )
    assert (
        "| Ind1 | Personnes âgées isolées visitées chaque semaine | 48 personnes (nov. 2026) | 60 personnes (déc. 2026) | 300 personnes |"  # noqa: E501
        in text
    )
    html = (history.parent / "out" / "atelier.html").read_text(encoding="utf-8")
    body = html[html.index('id="section-evolution"') :]
    body = body[: body.index("</section>")].replace("\u202f", " ").replace("\u00a0", " ")
    for sentence in re.findall(r"^- (.*)$", text, re.M):
        assert sentence.replace("'", "&#39;") in body, sentence
    for figure in ("48 personnes (nov. 2026)", "60 personnes (déc. 2026)", "300 personnes"):
        assert figure in body


def test_without_compare_there_is_no_such_section(cli, history: Path) -> None:
    cli("render", "atelier.yaml", "-f", "md", "-o", "out")
    md = (history.parent / "out" / "atelier.md").read_text(encoding="utf-8")
    assert "Évolutions" not in md
    assert "## 02 · Contexte et effet ciseau" in md


@pytest.mark.parametrize(
    ("date", "title"),
    [
        ("2026-03-12", "Évolutions depuis l’atelier du 12 mars 2026"),
        ("2021-10", "Évolutions depuis l’atelier d’octobre 2021"),
        ("2021-03", "Évolutions depuis l’atelier de mars 2021"),
        ("2021", "Évolutions depuis l’atelier de 2021"),
        ("2021-Q2", "Évolutions depuis l’atelier du T2 2021"),
    ],
)
def test_an_older_file_and_the_date_of_its_workshop(
    cli, history: Path, date: str, title: str
) -> None:
    older = history.parent / "mars.yaml"
    older.write_text(git(history.parent, "show", "HEAD~2:atelier.yaml").stdout, encoding="utf-8")
    edit(older, f"workshop_date={date}")
    result = cli("render", "atelier.yaml", "--compare", str(older), "-f", "md", "-o", "out")
    assert result.code == 0, result.err
    md = (history.parent / "out" / "atelier.md").read_text(encoding="utf-8")
    assert f"## 02 · {title}" in md.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_manifest_renders_again_when_the_compared_version_changes(cli, history: Path) -> None:
    args = ("render", "atelier.yaml", "-f", "md", "-o", "out")
    assert "1 to render" in cli(*args, "--compare", "HEAD~2").err
    assert "0 to render" in cli(*args, "--compare", "HEAD~2").err
    assert "1 to render" in cli(*args, "--compare", "HEAD~1").err
    assert "1 to render" in cli(*args).err


def test_a_revision_that_names_nothing_fails_that_file(cli, history: Path) -> None:
    result = cli("render", "atelier.yaml", "--compare", "nowhere", "-f", "md", "-o", "out")
    assert result.code == 1
    assert "nowhere" in result.err


@pytest.mark.slow
def test_the_section_is_in_the_pdf_and_the_word_document(cli, history: Path) -> None:
    result = cli("render", "atelier.yaml", "--compare", "HEAD~2", "-f", "pdf,docx", "-o", "out")
    assert result.code == 0, result.err
    text = pdf_text(history.parent / "out" / "atelier.pdf")
    assert "Évolutions depuis la version du" in text
    assert "Nouveau partenaire P13, Mutualité du Val" in text
    assert "60 personnes (déc. 2026)" in text
    from docx import Document

    words = "\n".join(
        p.text for p in Document(str(history.parent / "out" / "atelier.docx")).paragraphs
    )
    assert "Nouveau besoin N13, Accueillir les saisonniers" in words


def test_every_change_of_every_list_is_named_in_a_clients_words(
    cli, tmp_path: Path, monkeypatch
) -> None:
    """A branch removed A11 and changed a resource, a funding line, an indicator and a risk:
    the section names each, as `diff` knows them, and never the file or the revision."""
    path = repo(tmp_path / "repo")
    monkeypatch.chdir(path.parent)
    edit(
        path,
        "resources[R1].trend=stable",
        "funding[F1].amount=600000",
        "indicators[Ind1].target=250",
        "risks[+].title=Départ de la coordinatrice",
        "risks[+].likelihood=2",
        "risks[+].impact=4",
        remove=("actions[A11]", "risks[K1]"),
    )
    commit(path.parent, "Comité de pilotage")
    result = cli("render", "atelier.yaml", "--compare", "main~1", "-f", "md", "-o", "out")
    assert result.code == 0, result.err
    md = (path.parent / "out" / "atelier.md").read_text(encoding="utf-8")
    text = section(md).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Action A11 retirée du plan : Engager les jeunes dans la vie associative." in text
    assert (
        "R1 « Rivière de l'Orbière et nappe alluviale » › Évolution de la ressource : "
        "Baisse → Stable." in text
    )
    assert "F1 « Conseil départemental » › Montant : 640 000 € → 600 000 €." in text
    assert "Ind1 « Personnes âgées isolées visitées chaque semaine » › Cible : 300 → 250." in text
    assert "K1 « Baisse ou gel de la subvention départementale » : retiré." in text
    assert "K6 « Départ de la coordinatrice » : ajouté — Probabilité : 2 · Peu probable" in text
    for title in ("Actions", "Ressources", "Financements", "Indicateurs", "Risques"):
        assert f"### {title}\n" in text, title
    assert "atelier.yaml" not in text and "main~1" not in text and "@" not in text
    assert "6 changements en tout." in text

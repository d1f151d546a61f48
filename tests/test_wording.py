"""The tool's exact words, in French and in English, held here on purpose.

Logic tests name the tool's messages by key (`conftest.said`), so that a reworded sentence breaks
none of them. These snapshot tests keep, word for word, what a facilitator reads in both
languages after the commonest commands, so that a rewording is seen and reviewed here: update
them with the catalog. The README's console examples are snapshots too
(tests/test_docs_examples.py), and so are a few tests whose subject is the wording itself: the
French help (test_docs.py), approximate answers as `set` says them (test_cli_set.py), the charts'
alternative texts (test_accessibility.py), the keys lines of the interview (test_cli_run*.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE
from gitrepo import edit


@pytest.fixture(params=["fr", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, cli) -> str:
    """A user who speaks `lang`, with answers files in `lang` (after `cli`, which sets English)."""
    monkeypatch.setenv("COCONSTRUCT_LANG", request.param)
    return str(request.param)


def in_language(source: Path, name: str, lang: str) -> Path:
    """A copy of `source` whose answers are in `lang`: the tool speaks the file's language."""
    path = Path(name)
    text = source.read_text(encoding="utf-8")
    path.write_text(text.replace("\nlanguage: fr\n", f"\nlanguage: {lang}\n", 1), encoding="utf-8")
    return path


IMPOSSIBLE = {
    "fr": [
        "impossible.yaml:102:5: needs.votes: « Gommettes reçues » (Besoins du territoire) : 190 "
        "en tout, plus que les 15 possibles (Nombre de votants 3 × Gommettes par personne 5)",
        "impossible.yaml:942:20: indicators[Ind1].target_date: antérieur à « Date de la "
        "situation de départ » (septembre 2026)",
        "impossible.yaml:949:13: attention : measures[Mes1].date: antérieur à « Date de la "
        "situation de départ » de Ind1 (septembre 2026)",
        "1 fichier vérifié : 2 erreurs, 1 avertissement",
    ],
    "en": [
        "impossible.yaml:102:5: needs.votes: “Dots received” (Needs of the territory): 190 in "
        "all, more than the 15 possible (Number of voters 3 × Dots per person 5)",
        "impossible.yaml:942:20: indicators[Ind1].target_date: earlier than “Date of the "
        "baseline” (September 2026)",
        "impossible.yaml:949:13: warning: measures[Mes1].date: earlier than “Date of the "
        "baseline” of Ind1 (September 2026)",
        "1 file checked: 2 errors, 1 warning",
    ],
}


def test_validate_says_where_and_why(cli, lang: str) -> None:
    path = in_language(EXAMPLE, "impossible.yaml", lang)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  vote_voters: 38", "  vote_voters: 3")
        .replace("      target_date: 2027-12", "      target_date: 2020")
        .replace("      date: 2026-10\n", "      date: 2010\n"),
        encoding="utf-8",
    )
    result = cli("validate", path)
    assert result.code == 1
    assert [*result.out.splitlines(), result.err.strip()] == IMPOSSIBLE[lang]


REFUSED_FINAL = {
    "fr": [
        "Erreur : le fichier ne peut pas être marqué final : 3 erreurs, dont "
        "draft.yaml:6:10: perimeter_type: une réponse est attendue",
        "Conseil : le détail de chaque problème : coconstruct validate draft.yaml",
    ],
    "en": [
        "Error: cannot mark the file final: 3 errors, the first: "
        "draft.yaml:6:10: perimeter_type: an answer is required",
        "Hint: see every problem with: coconstruct validate draft.yaml",
    ],
}


def test_set_says_why_a_file_cannot_be_final(cli, lang: str) -> None:
    assert cli("new", "draft.yaml").code == 0
    path = in_language(Path("draft.yaml"), "draft.yaml", lang)
    result = cli("set", path, "territory_name=Val", "--status", "final")
    assert result.code == 2
    assert result.err.splitlines() == REFUSED_FINAL[lang]


DRY_RUN = {
    "fr": [
        "v1.yaml : passerait de la version 1 à la version 2 (--dry-run : rien n'est écrit)",
        "  actions[A1].lead_partner → actions[A1].leads (renommé)",
        "  actions[A1].leads : mis en liste",
        "  funding[F1].recurrence : renseigné",
    ],
    "en": [
        "v1.yaml: would go from version 1 to 2 (--dry-run: nothing written)",
        "  actions[A1].lead_partner → actions[A1].leads (renamed)",
        "  actions[A1].leads: made a list",
        "  funding[F1].recurrence: filled in",
    ],
}


def test_migrate_says_each_step(cli, lang: str) -> None:
    path = in_language(DATA / "v1-made-by-run.yaml", "v1.yaml", lang)
    result = cli("migrate", path, "--dry-run")
    assert result.code == 0, result.err
    assert result.out.splitlines() == DRY_RUN[lang]


CHANGES = {
    "fr": [
        "old.yaml → new.yaml : 3 changements",
        "Diagnostic partagé : les besoins",
        "  ~ N3 « Rompre l'isolement des personnes âgées dans les hameaux » › Priorité : "
        "5 · Essentielle → 4 · Forte",
        "Cartographie des acteurs et alliances",
        "  ~ P5 : renommé : « Taxis Orbière Services » → « Taxis Orbière Services SARL »",
        "Feuille de route",
        "  − Date du prochain rendez-vous : retirée (c’était 21 janvier 2027)",
    ],
    "en": [
        "old.yaml → new.yaml: 3 changes",
        "Shared diagnosis: needs",
        "  ~ N3 “Rompre l'isolement des personnes âgées dans les hameaux” › Priority: "
        "5 · Top priority → 4 · High",
        "Actor mapping and alliances",
        "  ~ P5: renamed: “Taxis Orbière Services” → “Taxis Orbière Services SARL”",
        "Roadmap",
        "  − Date of the next meeting: removed (was January 21, 2027)",
    ],
}


def test_diff_says_each_change(cli, lang: str) -> None:
    old = in_language(EXAMPLE, "old.yaml", lang)
    new = Path("new.yaml")
    shutil.copy(old, new)
    edit(new, "needs[N3].priority=4", "partners[P5].name=Taxis Orbière Services SARL")
    edit(new, remove=("next_meeting",))
    result = cli("diff", old, new)
    assert result.code == 0, result.err
    assert result.out.splitlines() == CHANGES[lang]


SYNTHESIS = {
    "fr": [
        "Cette synthèse réunit 1 territoire, dont 1 au statut final et 0 en brouillon.",
        "2 fichiers de réponses lus, de 1 territoire : la dernière version de chaque territoire "
        "compte, selon la date à laquelle ses données sont à jour, sinon celle de son atelier.",
        "Communauté de communes du Val d'Orbière, 2027 · hybridation 0,68 : financements "
        "publics 70 %",
        "1 version antérieure d’un territoire n’est pas comptée : la dernière version de son "
        "territoire l’est (--all-versions compte chaque version).",
    ],
    "en": [
        "This synthesis brings together 1 territory: 1 final, 0 in draft.",
        "2 answers files read, of 1 territory: the latest version of each territory counts, by "
        "the date its data is up to date as of, else its workshop date.",
        "Communauté de communes du Val d'Orbière, 2027 · hybridisation 0.68: public funding 70%",
        "1 earlier version of a territory is not counted: the latest version of its territory is "
        "(--all-versions counts every version).",
    ],
}


def test_the_synthesis_says_how_many_files_and_territories(cli, lang: str) -> None:
    folder = Path("answers")
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "val-2026.yaml")
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "workshop_date: 2026-11-19", "workshop_date: 2024-03-12"
    )
    (folder / "val-2024.yaml").write_text(text, encoding="utf-8")
    result = cli("synthesis", folder, "-o", "out", "-f", "md", "--lang", lang)
    assert result.code == 0, result.err
    md = Path("out/synthesis.md").read_text(encoding="utf-8")
    md = " ".join(md.replace("\u202f", " ").replace("\u00a0", " ").split())
    for sentence in SYNTHESIS[lang]:
        assert sentence in md, sentence


GITIGNORE = {
    "fr": [
        ".gitignore : ajout de .*.room .*.facilitator .coconstruct-*.tmp (fichiers que coconstruct "
        "garde à côté des réponses, à ne pas versionner)",
        "✗ git n’ignore pas encore .*.lock, .*.room, .*.facilitator, .coconstruct-*.tmp (fichiers "
        "que coconstruct garde à côté des réponses)",
        "Pour corriger : coconstruct git setup",
    ],
    "en": [
        ".gitignore: added .*.room .*.facilitator .coconstruct-*.tmp (files coconstruct keeps "
        "beside answers, not to commit)",
        "✗ git does not ignore .*.lock, .*.room, .*.facilitator, .coconstruct-*.tmp yet (files "
        "coconstruct keeps beside answers)",
        "To fix: coconstruct git setup",
    ],
}


FILTERS = {
    "fr": [
        "Filtrer les territoires",
        '<label for="filter-departement">Département</label>',
        '<option value="">Tous</option>',
        '<option value="Morbihan (56)">Morbihan (56) (1)</option>',
        '<option value="-">non renseigné (1)</option>',
        '<label for="filter-year">Année</label>',
        "Afficher tous les territoires",
        'data-shown="Territoires affichés : {n} sur {of}"',
        "L’en-tête d’une colonne trie le tableau par elle ; une seconde fois, dans l’autre sens.",
    ],
    "en": [
        "Filter the territories",
        '<label for="filter-departement">Département</label>',
        '<option value="">All</option>',
        '<option value="Morbihan (56)">Morbihan (56) (1)</option>',
        '<option value="-">not given (1)</option>',
        '<label for="filter-year">Year</label>',
        "Show every territory",
        'data-shown="Territories shown: {n} of {of}"',
        "A column's header sorts the table by it; again, the other way.",
    ],
}


def test_git_setup_says_what_it_has_git_ignore(cli, lang: str, tmp_path: Path, monkeypatch) -> None:
    from gitrepo import repo

    folder = repo(tmp_path / "repo").parent
    monkeypatch.chdir(folder)
    (folder / ".gitignore").write_text(".*.lock\n", encoding="utf-8")
    said = cli("git", "setup").out
    (folder / ".gitignore").unlink()
    checked = cli("git", "setup", "--check").err
    words = " ".join((said + checked).split())
    for sentence in GITIGNORE[lang]:
        assert sentence in words, sentence


def test_the_html_synthesis_filters_say(cli, lang: str) -> None:
    folder = Path("answers")
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    shutil.copy(EXAMPLE.parent / "saint-ivy-kermorvan.yaml", folder)
    result = cli("synthesis", folder, "-o", "out", "-f", "html", "--lang", lang)
    assert result.code == 0, result.err
    html = Path("out/synthesis.html").read_text(encoding="utf-8")
    for said in FILTERS[lang]:
        assert said in html, said

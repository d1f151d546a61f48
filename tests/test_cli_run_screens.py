"""What the room sees on `coconstruct run` with a large site (tests/data/quatre-vallees.yaml:
20 needs, 30 partners with long names, 15 actions), on a projector's terminal of 100×30 and of
120×40: read from the screen itself (pyte), keys pressed as in the room. Terminal sessions are
slow tests (`make test`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_cli_run import (
    BACKSPACE,
    CTRL_B,
    CTRL_C,
    DOWN,
    ENTER,
    LARGE,
    SIZES,
    UP,
    Start,
    finish,
    to_partners_review,
)

from coconstruct.editing.editor import Editor
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked

pytestmark = pytest.mark.slow


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(LARGE, tmp_path / "qv.yaml")
    return tmp_path


def header_on_top(lines: list[str], section: str) -> None:
    """The blue bar is the first row: the territory, the section, the question, the clock."""
    assert lines[0].startswith(" Communauté"), "\n".join(lines)
    assert f"Section {section}" in lines[0] and "question" in lines[0] and "⏱" in lines[0]


def row_of(lines: list[str], pattern: str) -> int:
    found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    assert found, f"{pattern!r} not on screen:\n" + "\n".join(lines)
    return found[0]


def item_row(lines: list[str], item: str) -> list[str]:
    """An item's row of a list screen: its first line and those under it (a long name wraps)."""
    start = row_of(lines, rf"^ [» ] {item}\b")
    rows = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("      ") or not line.strip():
            break
        rows.append(line)
    return rows


def title_of(rows: list[str]) -> str:
    """The text of a row's title column (after the id), its lines joined: the column ends where
    the next one starts, after two spaces or more."""
    first = rows[0]
    left = re.search(r"^ [» ] \S+\s+", first)
    assert left is not None, first
    after = re.search(r"\S(\s{2,})\S", first[left.end() :])
    right = left.end() + after.end() - 1 if after else len(first)
    return " ".join(" ".join(row[left.end() : right].split()) for row in rows).strip()


def in_order(text: str, words: str) -> bool:
    """Every word of `words` is in `text`, whole and in order (wrapped lines joined)."""
    return re.search(r"\s+".join(map(re.escape, words.split())), text) is not None


@pytest.mark.parametrize("size", SIZES)
def test_thirty_partners_scroll_under_the_header_the_question_and_the_column_titles(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    screen = terminal("run", "qv.yaml", "--ask", "partners", lang="fr", size=size)

    def at_the_end(lines: list[str]) -> None:
        header_on_top(lines, "4/6")
        assert "Partenaires et parties prenantes" in lines[2]
        titles = lines[row_of(lines, r"^›")]
        assert "Nom" in titles and "Type d’acteur" in titles
        assert row_of(lines, r"^ » ✓ Continuer") > row_of(lines, r"^   \+ Ajouter un autre élément")
        # the last item, right above the actions, whole: no name cut in the middle of a word
        last = title_of(item_row(lines, "P30"))
        assert last == "Fédération régionale des acteurs de la solidarité"

    screen.wait_until(at_the_end)

    def at_the_top(lines: list[str]) -> None:
        header_on_top(lines, "4/6")
        assert "Partenaires et parties prenantes" in lines[2]
        assert "Nom" in lines[row_of(lines, r"^›")]
        first = item_row(lines, "P1")
        assert first[0].startswith(" » P1")
        assert title_of(first) == "Communauté de communes du Pays de Berlière et des Quatre Vallées"
        assert "Collectivité" in first[0]

    screen.send(DOWN)  # from « Continuer », down is the first item: the list scrolls to the top
    screen.wait_until(at_the_top)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("path", "title", "first", "last"),
    [
        (
            "needs",
            "Besoins du territoire",
            "Se rendre à l'emploi et aux soins sans voiture depuis les hameaux du plateau",
            "Associer les habitants des hameaux aux décisions de l'intercommunalité",
        ),
        (
            "actions",
            "Plan d’actions",
            "Créer un service de transport à la demande vers les bourgs-centres",
            "Approvisionner les cantines en produits du plateau par une plateforme commune",
        ),
    ],
    ids=["needs", "actions"],
)
def test_twenty_needs_and_fifteen_actions_fit_the_screen(
    terminal: Start,
    workdir: Path,
    size: tuple[int, int],
    path: str,
    title: str,
    first: str,
    last: str,
) -> None:
    screen = terminal("run", "qv.yaml", "--ask", path, lang="fr", size=size)
    section = "2/6" if path == "needs" else "6/6"
    ids = "N" if path == "needs" else "A"
    count = 20 if path == "needs" else 15

    def at_the_end(lines: list[str]) -> None:
        header_on_top(lines, section)
        assert title in lines[2]
        assert title_of(item_row(lines, f"{ids}{count}")) == last

    def at_the_top(lines: list[str]) -> None:
        header_on_top(lines, section)
        assert title_of(item_row(lines, f"{ids}1")) == first

    screen.wait_until(at_the_end)
    screen.send(DOWN)
    screen.wait_until(at_the_top)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize("size", SIZES)
def test_an_item_is_changed_then_removed_and_the_cursor_follows(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    screen = terminal("run", "qv.yaml", "--ask", "partners", lang="fr", size=size)
    screen.wait_for("✓ Continuer")
    screen.send("P10", ENTER)  # typing filters the items too
    lines = screen.wait_for("✕ Supprimer cet élément")  # under the table, drawn after it
    header_on_top(lines, "4/6")
    assert lines[1].startswith("Partenaires et parties prenantes › P10 · Entreprise à but")
    titles = lines[row_of(lines, r"^›")]
    assert "Champ" in titles and "Réponse" in titles
    # a long answer wraps at words, and says where it was cut
    start = row_of(lines, "Apport au projet")
    contribution = [line[titles.index("Réponse") :] for line in lines[start : start + 3]]
    assert contribution[0].startswith("Emploie 48 salariés en CDI")
    assert contribution[2].endswith("…")
    # « territoire : recyclerie », typed with an ordinary space: the colon stays on its line
    assert not any(line.startswith(":") for line in contribution)
    shown = " ".join(contribution).removesuffix("…")
    written = AnswersFile.load(workdir / "qv.yaml").get("partners")[9]["contribution"]
    assert in_order(" ".join(written.split()), shown)  # the words as written, whole

    screen.send("niveau", ENTER)  # the field's row
    screen.wait_for("Où se situe l’acteur")  # its own screen (its label is in the table too)
    screen.send("co-porteur")
    screen.wait_for("/ co-porteur")
    screen.send(ENTER)
    lines = screen.wait_for(" » P10")
    assert item_row(lines, "P10")[0].startswith(" » P10")  # back on the item just changed

    screen.send(ENTER)
    screen.wait_for("✕ Supprimer cet élément")
    screen.send("suppr", ENTER)
    lines = screen.wait_for("Supprimer P10 · Entreprise à but d'emploi", " » Non")
    header_on_top(lines, "4/6")
    # a yes/no takes no typed filter: nothing happens, and ↓ then goes from « Non » to « Oui »
    # (the screen that shows « Oui » pointed at came after the typed keys)
    screen.send("oui", DOWN)
    lines = screen.wait_for(" » Oui")
    assert not any("/ oui" in line for line in lines)
    screen.send(ENTER)
    screen.wait_for("supprimé")

    def on_the_next_item(lines: list[str]) -> None:
        header_on_top(lines, "4/6")
        assert item_row(lines, "P11")[0].startswith(" » P11")  # never « Continuer »

    screen.wait_until(on_the_next_item)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130
    partners = AnswersFile.load(workdir / "qv.yaml").plain()["partners"]
    assert "P10" not in [p["id"] for p in partners]


def answered_example(path: Path, deferred: list[str]) -> None:
    """The bundled example at `path`, every question seen: `run` goes straight to the end."""
    doc = AnswersFile.load(EXAMPLE)
    doc.path = path
    for open_question in ("communes", "epci", "departement", "region"):
        doc.answers[open_question] = None
    doc.set_deferred(deferred)
    doc.save()


@pytest.mark.parametrize("size", SIZES)
def test_the_closing_screen_names_the_questions_set_aside_by_label(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    path = workdir / "val.yaml"
    deferred = [
        "territory_code",
        "funding[F2].amount",
        "needs[N2].priority",
        "partners[P12]",
        "funding[F6].source",
    ]
    answered_example(path, deferred)
    # the list, the item and the field, as the interview's header names them: one rule for
    # this screen and `show`
    assert [Editor(*load_checked(path)).describe(p) for p in deferred] == [
        "Code officiel du territoire",
        "Plan de financement › F2 · Communauté de communes du Val d'Orbière › Montant",
        "Besoins du territoire › N2 · Loger les jeunes actifs et les apprentis › Priorité",
        "Partenaires et parties prenantes › P12 · Hydrorives Conseil",
        "Plan de financement › F6 · Habitants, campagne de financement participatif pour "
        "l'épicerie itinérante › Source de financement",
    ]

    screen = terminal("run", "val.yaml", lang="fr", size=size)
    lines = screen.wait_for("↻ Reprendre les 5 questions à revoir", "✓ Terminer", "↑↓")
    assert lines[0].startswith(" Communauté") and "Section 6/6" in lines[0]
    shown = re.search(r"question (\d+)/(\d+)", lines[0])
    assert shown is not None and shown.group(1) == shown.group(2)
    # the table: the section's number, then the label, wrapped at words under its column (its
    # lines joined by one space give it back whole: no word was broken)
    top = row_of(lines, r"^Partie +À revoir$")
    column = lines[top].index("À revoir")
    rows: list[tuple[str, str]] = []
    for line in lines[top + 1 : row_of(lines, r"^↑↓")]:
        number, label = line[:column].strip(), line[column:]
        if number:
            rows.append((number, label))
        else:
            rows[-1] = (rows[-1][0], rows[-1][1] + " " + label)
    assert rows == [
        ("1", "Code officiel du territoire"),
        ("5", "Plan de financement › F2 · Communauté de communes du Val d'Orbière › Montant"),
        ("2", "Besoins du territoire › N2 · Loger les jeunes actifs et les apprentis › Priorité"),
        ("4", "Partenaires et parties prenantes › P12 · Hydrorives Conseil"),
        (
            "5",
            "Plan de financement › F6 · Habitants, campagne de financement participatif pour "
            "l'épicerie itinérante › Source de financement",
        ),
    ]
    screen_text = "\n".join(lines)
    assert "funding[" not in screen_text and "territory_code" not in screen_text
    assert "↻ Reprendre les 5 questions à revoir" in screen_text
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize("size", SIZES)
def test_a_review_shows_every_answer_beside_its_question(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    # long answers (a context of 900 characters, twelve needs): their column stays, each one
    # wrapped at words on three lines at most, an ellipsis where it was cut
    answered_example(workdir / "val.yaml", [])
    screen = terminal("run", "val.yaml", lang="fr", size=size)
    screen.wait_for("✓ Terminer")
    screen.send(UP, ENTER)  # « Relire une section »
    screen.wait_for(" » 1. L’atelier et le territoire")  # « Quelle section ? »
    screen.send(DOWN, ENTER)
    lines = screen.wait_for("Relecture : Diagnostic partagé : les besoins", "✓ Continuer")
    header_on_top(lines, "2/6")
    assert "question 7/7" in lines[0]
    titles = lines[row_of(lines, r"^›")]
    assert "Question" in titles and "Réponse" in titles
    answers = titles.index("Réponse")
    start = row_of(lines, r"^   1  +Contexte et effet ciseau")
    context = [line[answers:] for line in lines[start : start + 3]]
    assert context[0].startswith("Le Val d'Orbière regroupe 21 communes")
    assert context[2].endswith("…")
    needs = lines[row_of(lines, r"^   2  +Besoins du territoire")][answers:]
    assert needs.startswith("12 éléments : Se déplacer sans voiture")
    assert lines[row_of(lines, "Nombre de votants")][answers:] == "38 votants"
    screen.send(CTRL_C)
    assert finish(screen.child) == 130


@pytest.mark.parametrize("size", SIZES)
def test_the_next_sections_intro_comes_back_after_going_back(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    screen = terminal("run", "qv.yaml", "--section", "partenaires", lang="fr", size=size)
    to_partners_review(screen)
    screen.send(ENTER)
    lines = screen.wait_for("Section 5/6", "Commencer ▸")
    assert "Section 5/6" in lines[0]
    screen.send(CTRL_B)  # back into section 4…
    screen.wait_for("Acteurs absents à associer")
    screen.send(ENTER)
    screen.wait_for("Relecture : Cartographie des acteurs")
    screen.send(ENTER)  # …and forward again: the intro first, not « Année du budget décrit »
    lines = screen.wait_for("Section 5/6", "Modèle socio-économique", "Commencer ▸")
    assert "Section 5/6" in lines[0]
    assert "Modèle socio-économique" in "\n".join(lines)
    assert not any("Année du budget" in line for line in lines)
    screen.send(CTRL_C)
    assert finish(screen.child) == 130
    assert AnswersFile.load(workdir / "qv.yaml").get("budget_year") == 2025


@pytest.mark.parametrize("size", SIZES)
def test_the_keys_are_named_whole_and_ctrl_c_says_what_it_loses(
    terminal: Start, workdir: Path, size: tuple[int, int]
) -> None:
    width = size[0]
    screen = terminal(
        "run", "qv.yaml", "--ask", "sdgs,workshop_place,funding[F2].secured", lang="fr", size=size
    )
    lines = screen.wait_for(
        "Partenariats pour la réalisation des objectifs",
        "Espace : cocher (Tab pendant un filtre) · Entrée : valider",
        "(les coches non validées sont perdues)",
    )
    hint = [line for line in lines if "Ctrl-B précédente" in line or "tapez pour filtrer" in line]
    if width >= 120:
        assert hint == [
            "tapez pour filtrer · Ctrl-B précédente · Ctrl-R à revoir · "
            "Ctrl-C quitter (les coches non validées sont perdues)"
        ]
    assert any("Ctrl-C quitter (les coches non validées sont perdues)" in line for line in hint)
    screen.send(ENTER)
    # the answer, to correct; what is typed here is not saved yet
    lines = screen.wait_for("Salle des fêtes de Montrevel", "(la saisie en cours est perdue)")
    assert any(line.endswith("Ctrl-C quitter (la saisie en cours est perdue)") for line in lines)
    screen.send(ENTER)
    # a short list filters as a long one does, and says so
    lines = screen.wait_for("Financement acquis", "Non", "tapez pour filtrer")
    assert any("tapez pour filtrer" in line and "Ctrl-C quitter" in line for line in lines)
    screen.send("no")
    lines = screen.wait_for("/ no...")
    screen.send(BACKSPACE, BACKSPACE, CTRL_C)
    assert finish(screen.child) == 130

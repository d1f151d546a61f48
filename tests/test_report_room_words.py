"""The room's open questions in the roadmap's « Vision » part: the question, its base (the date,
the participants who answered), the words said more than once with their share of that base,
the others on one line; the same in Markdown and HTML, and in Word through the Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import said, said_n
from test_formats_agree import differences, markdown_sections, roadmap

WORDS = """\
questionnaire: territoire
questionnaire_version: 2
language: fr
status: draft
answers:
  territory_name: Val des Mots
  open_questions:
    - {id: Q1, text: "En un mot, le territoire en 2030 ?", date: 2026-12-08, respondents: 40}
    - {id: Q2, text: "Un mot pour nos voisins ?"}
  vision_words:
    - {id: W1, word: vivant, count: 9, question: Q1}
    - {id: W2, word: solidaire, count: 14, question: Q1}
    - {id: W3, word: vert, count: 1, question: Q1}
    - {id: W4, word: ouvert, count: 1, question: Q1}
    - {id: W5, word: accueil, count: 3, question: Q2}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    path = tmp_path_factory.mktemp("words") / "mots.yaml"
    path.write_text(WORDS, encoding="utf-8")
    return {lang: roadmap(path, lang) for lang in ("fr", "en")}


def vision(markdown: str, lang: str) -> str:
    title = said("Vision and shared ambition", lang=lang)
    return " ".join(markdown_sections(markdown)[str(title)])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_question_is_shown_with_its_base_and_its_words_most_said_first(
    rendered: dict[str, tuple[str, str]], lang: str
) -> None:
    markdown, html = rendered[lang]
    assert differences(markdown, html) == []
    text = vision(markdown, lang)
    assert said("The room's words", lang=lang) in markdown
    answered = said_n(
        "{n} participant answered, with one to three words",
        "{n} participants answered, with one to three words each",
        40,
        lang=lang,
    )
    assert str(answered).split()[1] in text  # « participants »
    # solidaire (14, 35 % of 40) before vivant (9, 23 %); those said once on one line
    lines = markdown.splitlines()
    solidaire = next(i for i, line in enumerate(lines) if "**solidaire**" in line)
    vivant = next(i for i, line in enumerate(lines) if "**vivant**" in line)
    assert solidaire < vivant
    assert "35" in lines[solidaire] and "23" in lines[vivant]
    assert any(line.startswith(said("Said once: {words}.", lang=lang, words="ouvert, vert"))
               for line in lines)  # fmt: skip


def test_no_share_is_given_without_its_base(rendered: dict[str, tuple[str, str]]) -> None:
    """Q2 does not say how many answered: « accueil » is said by 3, of a base not known."""
    markdown, _ = rendered["en"]
    lines = markdown.splitlines()
    row = next(line for line in lines if "**accueil**" in line)
    assert row.replace(" ", "") == "|**accueil**|3|–|"
    assert said("number of participants who answered not known", lang="en") in markdown


def test_a_roadmap_without_open_questions_has_no_room_words(tmp_path: Path) -> None:
    path = tmp_path / "vide.yaml"
    path.write_text(WORDS.split("  open_questions:")[0], encoding="utf-8")
    markdown, html = roadmap(path, "en")
    assert said("The room's words", lang="en") not in markdown + html


def test_word_reads_the_words_too(tmp_path: Path) -> None:
    """Word is made from the Markdown (pandoc): the words and their counts are in it."""
    pytest.importorskip("docx")
    from docx import Document

    from coconstruct.report import render

    path = tmp_path / "mots.yaml"
    path.write_text(WORDS, encoding="utf-8")
    result = render(path, ["docx"], lang="fr")
    out = tmp_path / "mots.docx"
    out.write_bytes(result.documents["docx"])
    document = Document(str(out))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "solidaire" in cells and "14" in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert said("The room's words", lang="fr") in text

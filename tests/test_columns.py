"""Tables laid out for a terminal (coconstruct/terminal/columns.py): columns sized to their
content, empty ones dropped, text wrapped at words, an ellipsis wherever text is cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from coconstruct.terminal import columns
from coconstruct.terminal.columns import fit, header_lines, row_lines, shorten, wrap

PARTNERS = ("", "Nom", "Type d’acteur", "Forme d’alliance", "Type de mécénat", "Objectif")
ROWS = [
    (
        "P1",
        "Communauté de communes du Pays de Berlière et des Quatre Vallées",
        "Collectivité territoriale",
        "Innovation sociétale",
        "—",
        "Relations avec les parties prenantes",
    ),
    ("P2", "Fromagerie coopérative", "Coopérative, SCIC", "Coopération économique", "—", ""),
    ("P3", "Radio Plateau FM", "Média", "Mécénat", "", "Relations avec les parties prenantes"),
]


def test_text_wraps_at_words_and_says_where_it_was_cut() -> None:
    assert wrap("Loger les apprentis et les saisonniers", 16) == [
        "Loger les",
        "apprentis et les",
        "saisonniers",
    ]
    assert wrap("Loger les apprentis et les saisonniers", 16, max_lines=2) == [
        "Loger les",
        "apprentis et…",
    ]
    assert wrap("Première ligne\nDeuxième", 40) == ["Première ligne", "Deuxième"]
    assert wrap("Anticonstitutionnellement", 10) == ["Anticonsti", "tutionnell", "ement"]
    # a number and its unit are never split: their spaces are no-break ones, kept as they are
    assert wrap("Population : 8\u202f499\u00a0habitants", 16) == [
        "Population :",
        "8\u202f499\u00a0habitants",
    ]


def test_french_punctuation_typed_after_a_space_stays_with_its_word() -> None:
    # typed with ordinary spaces, as people type: no line starts with « : » or « » »,
    # none ends with « « »
    text = "Emploie 48 salariés sur des activités utiles au territoire : recyclerie, livraisons"
    assert wrap(text, 59) == [
        "Emploie 48 salariés sur des activités utiles au",
        "territoire : recyclerie, livraisons",
    ]
    assert wrap("Atelier et chantier d'insertion « Les Jardins de la Berlière »", 33) == [
        "Atelier et chantier d'insertion",
        "« Les Jardins de la Berlière »",
    ]
    assert wrap("Financement acquis ? Oui, à 100 %", 19) == [
        "Financement",
        "acquis ? Oui, à",
        "100 %",
    ]
    assert wrap("« Quatre »", 40) == ["« Quatre »"]


def test_a_shortened_line_ends_with_an_ellipsis_at_a_word() -> None:
    assert shorten("Objectif principal du partenariat", 22) == "Objectif principal du…"
    assert shorten("Objectif principal du partenariat", 21) == "Objectif principal…"
    assert shorten("Court", 22) == "Court"
    assert shorten("  plusieurs\n lignes  ", 40) == "plusieurs lignes"


def test_columns_are_as_wide_as_their_content_when_the_table_fits() -> None:
    layout = fit(PARTNERS, ROWS, 200)
    assert layout.kept == (0, 1, 2, 3, 5)  # « Type de mécénat » holds nothing: dropped
    assert layout.widths == (2, 64, 25, 22, 36)
    assert layout.width == 64 + 25 + 22 + 36 + 2 + 2 * 4


def test_a_narrow_table_keeps_words_whole_and_the_title_column_wide() -> None:
    layout = fit(PARTNERS, ROWS, 96)
    assert layout.width <= 96
    title = layout.widths[layout.kept.index(1)]
    others = [w for i, w in zip(layout.kept, layout.widths, strict=True) if i > 1]
    assert all(title >= w for w in others)
    for row in ROWS:
        for line in row_lines(row, layout):
            assert cell_len(line) <= 96
    words = {word for row in ROWS for i in layout.kept for word in row[i].split()}
    shown = {word for row in ROWS for line in row_lines(row, layout) for word in line.split()}
    assert words <= shown  # no word broken in two


def test_columns_are_dropped_from_the_right_rather_than_rows_growing_tall() -> None:
    layout = fit(PARTNERS, ROWS, 96, tall=1.5)
    assert layout.kept[:2] == (0, 1)
    assert sum(len(row_lines(row, layout)) for row in ROWS) <= 1.5 * len(ROWS)
    assert fit(PARTNERS, ROWS, 96, keep=6).kept == (0, 1, 2, 3, 4, 5)  # kept when asked


def test_column_titles_wrap_at_words_on_three_lines_at_most() -> None:
    layout = columns.Layout((0, 1), (4, 8))
    assert header_lines(("Axe", "Besoins servis par l’action"), layout) == [
        "      Besoins",
        "      servis",
        "Axe   par…",
    ]
    assert header_lines(("Id", "Nom"), layout) == ["Id    Nom"]


def test_a_column_is_as_wide_as_its_title_on_two_lines() -> None:
    # « Porteurs de… » said nothing: the column takes the room of its title on two lines
    rows = [("A1", "Lancer un service de transport solidaire", "P6")]
    layout = fit(("", "Intitulé de l’action", "Porteurs de l’action"), rows, 96)
    titles = header_lines(("", "Intitulé de l’action", "Porteurs de l’action"), layout)
    assert "…" not in "".join(titles)
    assert any(line.endswith("Porteurs de l’action") for line in titles) or (
        titles[-2].endswith("Porteurs de") and titles[-1].endswith("l’action")
    )
    narrow = fit(("", "Intitulé de l’action", "Porteurs de l’action"), rows, 40)
    titles = header_lines(("", "Intitulé de l’action", "Porteurs de l’action"), narrow)
    assert "…" not in "".join(titles), titles


@given(
    st.lists(
        st.lists(st.text(alphabet="abcdé -—", max_size=40), min_size=4, max_size=4),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=30, max_value=140),
)
def test_every_line_fits_the_width(rows: list[list[str]], width: int) -> None:
    header = ("", "Titre", "Deuxième colonne", "Troisième")
    layout = fit(header, rows, width, tall=1.5)
    assert layout.width <= width
    for line in header_lines(header, layout):
        assert cell_len(line) <= width
    for row in rows:
        lines = row_lines(row, layout, 3)
        assert 1 <= len(lines) <= 3
        assert all(cell_len(line) <= width for line in lines)

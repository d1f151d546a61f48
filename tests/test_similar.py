"""Alike titles across territories (similar.py): the words that count, groups by leader."""

from __future__ import annotations

from coconstruct.synthesis.similar import SIMILARITY, groups, key


def titles_of(found: list[list[int]], titles: list[str]) -> list[list[str]]:
    return [[titles[i] for i in group] for group in found]


def test_a_title_is_compared_by_its_words_whatever_their_order_accents_or_case() -> None:
    assert key("Se déplacer pour travailler sans voiture") == "deplacer sans travailler voiture"
    assert key("VOITURE : se DÉPLACER sans !") == key("Se déplacer sans voiture")
    assert key("Access to the health centre") == "access centre health"
    assert key("« … »") == ""


def test_wordings_of_one_need_are_grouped_and_other_needs_are_not() -> None:
    titles = [
        "Se déplacer sans voiture",
        "Rompre l'isolement des personnes âgées dans les hameaux",
        "Se déplacer pour travailler sans voiture",
        "Région Bretagne",
        "Rompre l’isolement des personnes âgées",
        "Région Occitanie",
        "Mobilité des jeunes",
        "Mobilité des seniors",
        "Se déplacer sans voiture",
    ]
    found = titles_of(groups(titles), titles)
    assert found == [
        [
            "Se déplacer sans voiture",
            "Se déplacer pour travailler sans voiture",
            "Se déplacer sans voiture",
        ],
        [
            "Rompre l'isolement des personnes âgées dans les hameaux",
            "Rompre l’isolement des personnes âgées",
        ],
        ["Région Bretagne"],
        ["Région Occitanie"],
        ["Mobilité des jeunes"],
        ["Mobilité des seniors"],
    ]


def test_groups_never_grow_through_a_chain_of_small_differences() -> None:
    """Each title is alike to its neighbour, the ends are not alike: the first title leads,
    takes its neighbour, and the far end starts a group of its own."""
    chain = ["aaaa bbbb cccc", "aaaa bbbb cccc dddd", "bbbb cccc dddd", "cccc dddd eeee"]
    found = groups(chain, similarity=70)
    assert all(len(group) <= 2 for group in found)
    assert sorted(i for group in found for i in group) == [0, 1, 2, 3]


def test_the_threshold_decides() -> None:
    titles = ["Se déplacer sans voiture", "Se déplacer pour travailler sans voiture"]
    assert SIMILARITY == 75
    assert len(groups(titles, similarity=75)) == 1
    assert len(groups(titles, similarity=90)) == 2


def test_empty_titles_stay_alone() -> None:
    assert groups(["!", "?", "Eau"]) == [[0], [1], [2]]
    assert groups([]) == []

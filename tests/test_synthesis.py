"""The portfolio's figures (synthesis/): each territory's are its roadmap's, computed once by the
analysis; across territories, a median only on enough territories, and counts with their base."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import EXAMPLE

from coconstruct import analysis
from coconstruct.analysis import Base
from coconstruct.model.formatting import formatter
from coconstruct.model.validation import load_checked
from coconstruct.report import wording
from coconstruct.synthesis.portfolio import build
from coconstruct.synthesis.territory import Figure, Territory, summarise

SAINT_IVY = EXAMPLE.parent / "saint-ivy-kermorvan.yaml"


def read(path: Path, lang: str = "fr") -> tuple[Territory, analysis.Analysis]:
    doc, questionnaire = load_checked(path)
    plain = doc.plain()
    header = {"status": doc.status, "language": doc.language, "version": 2, "migrated": False}
    territory = summarise(plain, questionnaire, lang, str(path), header, doc.deferred)
    return territory, analysis.analyse(plain, questionnaire, doc.deferred)


@pytest.mark.parametrize("path", [EXAMPLE, SAINT_IVY], ids=["val", "saint-ivy"])
def test_a_territorys_figures_are_its_roadmaps(path: Path) -> None:
    territory, result = read(path)
    money, plan, s = result.money, result.plan, result.scissors
    assert territory.gap.value == s.gap
    assert territory.hybridisation.value == money.hybridisation
    public = next(f for f in money.by_family if f.key == "public")
    assert territory.public_share.value == (public.share if money.mix_reliable else None)
    largest = money.largest_external
    assert territory.dependency.value == (largest.share if largest else None)
    assert territory.coverage.value == (plan.coverage if plan.count else None)
    fmt = formatter("fr")
    assert territory.budget.text == wording.plan_budget(result, fmt, compact=True)
    assert territory.needs == len(s.needs)
    assert territory.domains == {d.domain: d.needs for d in s.domains}
    assert territory.partner_types == result.partners.types_present
    assert territory.forms == result.partners.action_alliance_forms


def test_a_figure_not_given_says_the_roadmaps_reason() -> None:
    territory, result = read(SAINT_IVY)
    assert territory.gap == Figure(None, "–", wording.scissors_note(result, "fr"))
    assert territory.hybridisation.why == wording.mix_reason(result.money, "fr")
    assert territory.public_share.why == territory.hybridisation.why
    assert territory.dependency.why == wording.dependency_reason(result.money, "fr")
    # an open sum is said, and has no number to compute with
    assert territory.budget.value is None and territory.budget.text.endswith("ou plus")
    # the abandoned and the suspended action are not in the plan's budget nor in its base
    assert territory.budget.why == "2 actions sur 4 ont un budget"
    assert territory.mix is None
    # Saint-Ivy's own earned income (the EBE's sales) is no funder
    assert [name for name, _ in territory.funders] == [
        "Fonds national d'expérimentation pour l'emploi",
        "Département du Morbihan",
        "Fondation régionale pour l'initiative rurale",
        "Commune de Saint-Ivy-des-Landes, mise à disposition de l'ancienne laiterie",
    ]


def test_nothing_recorded_is_said_so() -> None:
    from coconstruct.model import questionnaire as qmod

    q = qmod.load("territoire")
    header = {"status": "draft", "language": "fr"}
    empty = summarise({"territory_name": "Vide"}, q, "fr", "vide.yaml", header)
    assert empty.gap.why == "aucun besoin ni aucune ressource saisis"
    assert empty.coverage.why == "aucun besoin saisi"
    assert empty.budget.why == "aucune action saisie"
    assert empty.hybridisation.why == "aucun financement saisi"
    assert empty.money == Figure(None, "–", "aucun financement saisi")
    assert empty.date is None and empty.date_text == "–"


def test_medians_rest_on_enough_territories() -> None:
    val, _ = read(EXAMPLE)
    ivy, _ = read(SAINT_IVY)

    def renamed(t: Territory, name: str, gap: float | None) -> Territory:
        return dataclasses.replace(
            t, name=name, identity=("name", name), source=f"{name}.yaml", gap=Figure(gap, "x")
        )

    # two territories of five give a gap: below the threshold, no median, the range is known
    few = build([renamed(val, f"T{i}", 10.0 * i if i < 2 else None) for i in range(5)])
    assert few.spreads["gap"].base == Base(2, 5)
    assert few.spreads["gap"].median is None
    # three of five: a median
    enough = build([renamed(val, f"T{i}", 10.0 * i if i < 3 else None) for i in range(5)])
    assert enough.spreads["gap"].median == 10.0
    assert (enough.spreads["gap"].low, enough.spreads["gap"].high) == (0.0, 20.0)
    both = build([val, ivy])
    assert both.spreads["coverage"].base == Base(2, 2)
    assert both.spreads["coverage"].median is None  # 2 territories: fewer than 3


def test_counts_across_territories_have_their_base() -> None:
    val, _ = read(EXAMPLE)
    ivy, _ = read(SAINT_IVY)
    portfolio = build(
        [
            val,
            ivy,
            dataclasses.replace(
                ivy,
                name="Sans partenaire",
                identity=("name", "sans partenaire"),
                partners=0,
                partner_types={},
                source="x.yaml",
            ),
        ]
    )
    assert portfolio.with_partners == 2
    ebe = next(r for r in portfolio.partner_types if r.key == "ebe")
    assert ebe.base == Base(1, 2)  # of the territories with partners
    assert ebe.label == "Entreprise à but d’emploi (EBE)"
    assert [r.key for r in portfolio.domains] == list(analysis.DOMAIN_ORDER)
    assert portfolio.forms_base.of == sum(t.actions for t in portfolio.territories)


def test_two_files_of_one_territory_are_told_apart() -> None:
    val, _ = read(EXAMPLE)
    again = dataclasses.replace(val, source="archives/val-2024.yaml")
    names = {t.name for t in build([val, again], all_versions=True).territories}
    assert names == {
        "Communauté de communes du Val d'Orbière (val-2024)",
        "Communauté de communes du Val d'Orbière (val-d-orbiere)",
    }

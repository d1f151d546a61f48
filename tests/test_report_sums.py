"""Sums of approximate amounts, read as the reader sees them (the Markdown and `show`): one rule
for every total, row, year, key figure and share (amounts.Sum, docs/analysis.md §0)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from test_report_partial import write

from coconstruct.model.amounts import Amount, Sum
from coconstruct.model.formatting import formatter
from coconstruct.report import render

NB, NN = "\u00a0", "\u202f"

#: the tester's minimal file: a range, a floor and an exact amount, in 2024
MIXED = """  territory_name: T
  budget_year: 2024
  funding:
    - {id: F1, funder: A, source: subventions, amount: 10000-20000}
    - {id: F2, funder: B, source: mecenat, amount: '>=5000'}
    - {id: F3, funder: C, source: ventes_prestations, amount: 1000}
"""


def markdown(path: Path) -> str:
    md = render(path, ["md"]).documents["md"].decode().replace("\\", "")
    return re.sub(r"[\u00a0\u202f]", " ", md)


def test_a_sum_is_as_sure_as_its_parts() -> None:
    exact, estimate = Amount("exact", 1000, 1000), Amount("estimate", 200, 200)
    ranged, floor = Amount("range", 10, 20), Amount("floor", 5, None)
    assert Sum.of([(exact, 1)]).exact
    both = Sum.of([(exact, 1), (estimate, 1)])
    assert (both.value, both.approximate, both.open) == (1200, True, False)
    assert Sum.of([(exact, 1), (floor, 1)]).open
    assert not Sum.of([(exact, 1), (floor, 1)]).approximate
    assert Sum.of([(ranged, 1)]).value == 15  # a range at its middle
    assert Sum.of([(exact, 1), (None, 1)]).open  # a part not known: it may be more
    # rows add up to the total, and the total is never surer than a row
    rows = [Sum.of([(ranged, 1)]), Sum.of([(floor, 1)]), Sum.of([(exact, 1)])]
    total = sum(rows, Sum())
    assert total.value == 1020 and total.approximate and total.open


def test_approximate_sums_are_not_written_to_the_euro() -> None:
    fmt = formatter("fr")
    estimate = Sum.of([(Amount("estimate", 255_501, 255_501), 1)])
    assert fmt.total(estimate) == f"≈{NB}256{NN}000{NB}€"
    assert fmt.total(Sum.of([(Amount("exact", 255_501, 255_501), 1)])) == f"255{NN}501{NB}€"
    floor = Sum.of([(Amount("floor", 5000, None), 1)])
    assert fmt.total(floor) == f"≥{NB}5{NN}000{NB}€"
    both = estimate + floor
    assert fmt.total(both) == f"≈{NB}261{NN}000{NB}€ ou plus"


def test_the_money_total_is_the_sum_of_its_rows_and_as_sure_as_they_are(tmp_path: Path) -> None:
    md = markdown(write(tmp_path, MIXED))
    assert "| Financements publics | 1 | ≈ 15 000 € | ≈ 71 % |" in md
    assert "| Financements privés | 1 | ≥ 5 000 € | ≈ 24 % |" in md
    assert "| Revenus d’activité | 1 | 1 000 € | ≈ 5 % |" in md
    assert "| **Total** | **3** | **≈ 21 000 € ou plus** | **100 %** |" in md
    assert "| **≈ 21 k€ ou plus** | ressources identifiées pour 2024 |" in md
    assert "16 000" not in md and "16 k€" not in md  # the low end is no total
    # a share from approximate parts is approximate, in the key figures and the chart's words
    assert "| **≈ 75 %** | de l’argent venu de l’extérieur provient de A" in md
    assert "| **≈ 0,65** | indice d’hybridation" in md
    assert "financements publics ≈ 71 %" in md


def test_show_prints_the_same_sums(tmp_path: Path, cli: Any) -> None:
    shown = cli("show", write(tmp_path, MIXED), "--all", "--lang", "fr").out  # every panel
    out = re.sub(r"[\u00a0\u202f]", " ", shown)
    assert re.search(r"Financements publics .*≈ 71 % +≈ 15 000 €", out)
    assert re.search(r"Financements privés .*≈ 24 % +≥ 5 000 €", out)
    assert re.search(r"Total +≈ 21 000 € ou plus", out)
    assert "16 000" not in out
    # the one screen for the projector says the same total and shares, shorter
    screen = re.sub(r"[\u00a0\u202f]", " ", cli("show", tmp_path / "site.yaml", "--lang", "fr").out)
    assert re.search(r"≈ 21 000 € ou plus\n.*Financements publics ≈ 71 %", screen)


def test_years_and_the_plan_budget_follow_the_same_rule(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  budget_year: 2019
  funding:
    - {id: F1, funder: A, source: subventions, amount: '~200000', period_start: 2019}
    - {id: F2, funder: B, source: mecenat, amount: 82500, period_start: 2019}
    - {id: F3, funder: C, source: mecenat, amount: 1000, period_start: 2018}
    - {id: F4, funder: D, source: subventions, amount: unknown, period_start: 2019}
  actions:
    - {id: A1, title: Un, budget: '~50000', start: 2017}
    - {id: A2, title: Deux, budget: 15000-20000}
    - {id: A3, title: Trois}
""",
        )
    )
    # « environ 200 000 » stays approximate wherever it is added; the year is the total
    assert "| Financements publics | 2 | ≈ 200 000 € + 1 non connu |" in md
    assert "| **Total** | **3** | **≈ 283 000 € ou plus** |" in md
    assert "| 2019 | ≈ 283 000 € ou plus | 1 |" in md
    assert "| 2018 | 1 000 € | – |" in md
    # the plan's rows add up to its total: 50 000 + 17 500, open as A3 has no budget
    assert "| Actions sans date de fin | ≈ 50 000 € |" in md
    assert "| Actions non datées | ≈ 17 500 € |" in md
    assert "| **Total**, 1 action sans budget | **≈ 67 500 € ou plus** |" in md
    assert "| **≈ 68 k€ ou plus** | budget du plan d’actions" in md


def test_what_is_not_known_is_not_counted_as_zero(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  needs:
    - {id: N1, title: Un, domain: economique, trend: hausse}
    - {id: N2, title: Deux, domain: economique}
    - {id: N3, title: Trois, domain: social}
  resources:
    - {id: R1, title: Un, type: humaine}
  partners:
    - {id: P1, name: Un, alliance_form: mecenat}
    - {id: P2, name: Deux}
""",
        )
    )
    # one of the two economic needs has a trend; the social need has none: not « 0 »
    assert "| Économique | 2 | – | 1 (1 sur 2) |" in md
    assert "| Social | 1 | – | – |" in md
    assert re.search(r"\| Richesses humaines \| 1 \| – \| – \|", md)
    # forms of alliance: the base is said; actions, none recorded, show –
    assert "| Mécénat | 1 partenaire | – |" in md
    assert "| Coopération économique | 0 partenaire | – |" in md
    assert "Forme d’alliance renseignée : partenaires, 1 sur 2 ; actions, 0 sur 0." in md


def test_abandoned_or_suspended_actions_serve_no_need_and_cost_nothing(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  needs:
    - {id: N1, title: Emploi}
    - {id: N2, title: Mobilité}
  actions:
    - {id: A1, title: Un, needs_served: [N1], budget: 10000, status: en_cours}
    - {id: A2, title: Deux, needs_served: [N2], budget: 50000, status: abandonnee}
    - {id: A3, title: Trois, needs_served: [N2], budget: 5000, status: suspendue}
""",
        )
    )
    assert "| **2** | actions" not in md
    assert "50 % des besoins servis, A2, A3 abandonnées ou suspendues, laissées de côté" in md
    assert "Chaque besoin a au moins un partenaire ou une action" not in md
    assert "1 besoin n’a ni partenaire ni action : Mobilité." in md
    # the plan's budget is the live action's; the others stay in the table with their status
    assert (
        "| **10 k€** | budget du plan d’actions — _A2, A3 abandonnées ou suspendues, "
        "laissées de côté_ |"
    ) in md
    assert "A2, A3 abandonnées ou suspendues, hors total | | | | **10 000 €** |" in md
    assert "| **Total**, A2, A3 abandonnées ou suspendues, hors total | **10 000 €** |" in md
    assert "| A2 | **Deux** |" in md and "Abandonnée" in md


def test_the_plan_against_its_year_s_money_is_as_sure_as_both(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  budget_year: 2027
  funding:
    - {id: F1, funder: Région, source: subventions, amount: "~50000"}
  actions:
    - {id: A1, title: Un, start: 2027-01-01, end: 2027-12-31, budget: 40000, status: en_cours}
""",
        )
    )
    assert (
        "En 2027, le plan d’actions demande 40 000 € ; les ressources identifiées pour cette "
        "année s’élèvent à ≈ 50 000 €, soit ≈ 1,3 fois ce besoin."
    ) in md


def test_the_hybridisation_index_says_its_base(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  budget_year: 2024
  funding:
    - {id: F1, funder: A, source: subventions, amount: 10000}
    - {id: F2, funder: B, source: mecenat, amount: 5000}
    - {id: F3, funder: C, source: ventes_prestations, amount: 5000}
    - {id: F4, funder: D, source: dons, amount: 2000}
    - {id: F5, funder: E, source: subventions, amount: unknown}
""",
        )
    )
    assert re.search(
        r"\| \*\*0,\d\d\*\* \| indice d’hybridation \(0 = une seule famille de financement, "
        r"1 = équilibre\) — _sur 4 lignes sur 5, celles dont le montant est connu_ \|",
        md,
    )


def test_the_most_pressing_need_is_scored_on_both_priority_and_urgency(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  needs:
    - {id: N1, title: Priorité seule, priority: 5}
    - {id: N2, title: Urgent et prioritaire, priority: 4, urgency: 5}
    - {id: N3, title: Moyen, priority: 3, urgency: 3}
    - {id: N4, title: Faible, priority: 2, urgency: 2}
""",
        )
    )
    assert "Le besoin le plus pressant est « Urgent et prioritaire », avec une pression de 88" in md
    assert "1 besoin n’a pas à la fois une priorité et une urgence : il n’a pas de pression" in md


def test_who_leads_what_lists_every_partner_of_an_action(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  partners:
    - {id: P1, name: Porteur}
    - {id: P3, name: Participant trois}
    - {id: P4, name: Participant quatre}
    - {id: P5, name: Absent}
    - {id: P6, name: Les deux}
  actions:
    - {id: A1, title: Un, leads: [P1], partners: [P3, P4, P6]}
    - {id: A3, title: Trois, leads: [P6]}
""",
        )
    )
    table = md.split("### Qui porte quoi")[1].split("\n## ")[0]
    assert "| Porteur | A1 | – |" in table
    assert "| Participant trois | – | A1 |" in table
    assert "| Participant quatre | – | A1 |" in table
    assert "| Les deux | A3 | A1 |" in table
    assert "Absent" not in table


def test_a_budget_spread_over_years_is_an_estimate_in_each_year_not_in_its_total(
    tmp_path: Path,
) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  actions:
    - {id: A1, title: Un, budget: 100000, start: 2023, end: 2025-06}
""",
        )
    )
    # spread by days (2024 has one more): ≈ and rounded, never « 40 131,43 € »
    assert "| 2023 | ≈ 40 000 € |" in md and "| 2024 | ≈ 40 100 € |" in md
    assert "| **Total** | **100 000 €** |" in md


def test_a_floor_is_never_shown_above_itself() -> None:
    from coconstruct.model.amounts import Sum
    from coconstruct.model.formatting import Formatter

    assert (
        Formatter("fr").total(Sum(1_550_000, 2, floor=True), compact=True) == "≥\u00a01,5\u00a0M€"
    )
    assert Formatter("fr").total(Sum(1_550_000, 2), compact=True) == "1,6\u00a0M€"


def test_a_floor_shared_over_years_stays_a_floor_in_its_year(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  budget_year: 2024
  funding:
    - {id: F1, funder: Région, source: subventions, amount: ">=150000", recurrence: ponctuel,
       period_start: 2023, period_end: 2025}
""",
        )
    )
    assert "≥ 50 000 € en 2024" in md and "F1 : ≥ 50 000 € sur ≥ 150 000 €" in md
    assert " 50 000 € en 2024" not in md.replace("≥ 50 000 € en 2024", "")


def test_target_shares_are_written_as_typed_and_add_up_truly(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  budget_year: 2024
  funding:
    - {id: F1, funder: Région, source: subventions, amount: 10000}
  target_public_share: 10
  target_private_share: 15.5
  target_earned_share: 75
""",
        )
    )
    assert "| 15,5 % |" in md.replace("\u00a0", " ") and "16 %" not in md.replace("\u00a0", " ")
    assert "Les parts cibles totalisent 100,5 % et non 100 %" in md.replace("\u00a0", " ")


def test_french_colons_and_semicolons_take_their_space(tmp_path: Path) -> None:
    md = markdown(
        write(
            tmp_path,
            """  territory_name: T
  needs:
    - {id: N1, title: Emploi}
    - {id: N2, title: Mobilité}
  actions:
    - {id: A1, title: Un, needs_served: [N1, N2], budget: 1000}
""",
        )
    )
    assert "**Besoins servis** : N1 · Emploi ; N2 · Mobilité" in md  # no-break spaces, as read


def test_the_way_to_the_target_says_when_it_rests_on_the_known_amounts_only(
    tmp_path: Path,
) -> None:
    body = """  territory_name: T
  budget_year: 2024
  funding:
    - {id: F1, funder: Région, source: subventions, amount: 10000}
    - {id: F3, funder: ADEME, source: appels_a_projets, amount: unknown}
    - {id: F4, funder: Département, source: subventions, amount: 3000}
    - {id: F5, funder: Fondation, source: mecenat, amount: 1000}
  target_year: 2027
  target_public_share: 50
  target_private_share: 0
  target_earned_share: 50
"""
    md = markdown(write(tmp_path, body)).replace("\u00a0", " ")
    assert "Pour atteindre la cible 2027, sur les seuls montants connus :" in md
    md = markdown(write(tmp_path, body.replace("amount: unknown", "amount: 500")))
    assert "Pour atteindre la cible 2027 :" in md.replace("\u00a0", " ")

"""The roadmap's indicators, each checked against values worked out by hand (docs/analysis.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from coconstruct import questionnaire as qmod
from coconstruct.analysis import (
    analyse,
    availability_index,
    hybridisation,
    need_pressure,
    quadrant,
    risk_level,
    spread_by_year,
)
from coconstruct.answers import AnswersFile

Q = qmod.load("territoire")


def test_need_pressure_is_the_mean_of_priority_and_urgency_on_a_0_100_scale() -> None:
    assert need_pressure(5, 5) == 100
    assert need_pressure(1, 1) == 0
    assert need_pressure(4, 3) == 62.5  # mean 3.5 → 25 × 2.5
    assert need_pressure(3, None) == 50  # urgency unknown: priority alone
    assert need_pressure(None, None) is None
    assert need_pressure(True, "high") is None  # not levels


def test_availability_index() -> None:
    assert availability_index(1) == 0
    assert availability_index(2) == 25
    assert availability_index(5) == 100
    assert availability_index(7) is None


def test_effet_ciseau_by_domain_and_resource_type() -> None:
    answers = {
        "needs": [
            {"id": "N1", "domain": "social", "priority": 5, "urgency": 4, "trend": "forte_hausse"},
            {"id": "N2", "domain": "social", "priority": 3, "urgency": 2, "trend": "stable"},
            {"id": "N3", "domain": "economique", "priority": 2, "trend": "baisse"},
        ],
        "resources": [
            {"id": "R1", "type": "naturelle", "availability": 2, "trend": "baisse"},
            {"id": "R2", "type": "financiere", "availability": 4, "trend": "forte_baisse"},
            {"id": "R3", "type": "financiere", "availability": 3, "trend": "hausse"},
        ],
    }
    s = analyse(answers, Q).scissors
    # pressures: N1 25×(4.5−1)=87.5, N2 25×(2.5−1)=37.5, N3 25×(2−1)=25
    assert [(n.id, n.pressure) for n in s.needs] == [("N1", 87.5), ("N2", 37.5), ("N3", 25)]
    by_domain = {d.domain: d for d in s.domains}
    assert [d.domain for d in s.domains] == ["economique", "social"]  # questionnaire order
    assert by_domain["social"].pressure == 62.5  # (87.5 + 37.5) / 2
    assert by_domain["social"].trend == 1  # (2 + 0) / 2
    assert by_domain["social"].rising == 1
    assert by_domain["economique"].trend == -1
    types = {r.type: r for r in s.resource_types}
    assert types["naturelle"].availability == 25 and types["naturelle"].tension == 75
    assert types["financiere"].availability == 62.5  # (75 + 50) / 2
    assert types["financiere"].trend == -0.5  # (−2 + 1) / 2
    assert types["financiere"].declining == 1
    assert s.need_pressure == pytest.approx(50)  # (87.5 + 37.5 + 25) / 3
    assert s.resource_availability == pytest.approx(50)  # (25 + 75 + 50) / 3
    assert s.gap == pytest.approx(0)
    assert s.need_trend == pytest.approx(1 / 3)  # (2 + 0 − 1) / 3
    assert s.resource_trend == pytest.approx(-2 / 3)  # (−1 − 2 + 1) / 3
    assert s.opening == pytest.approx(1)
    assert s.projected_need_pressure == pytest.approx(50 + 12.5 / 3)
    assert s.projected_resource_availability == pytest.approx(50 - 25 / 3)
    assert (s.needs_rising, s.needs_with_trend) == (1, 3)
    assert (s.resources_declining, s.resources_with_trend) == (2, 3)


def test_projection_stays_within_0_and_100() -> None:
    answers = {
        "needs": [
            {"id": "N1", "domain": "social", "priority": 5, "urgency": 5, "trend": "forte_hausse"}
        ],
        "resources": [{"id": "R1", "type": "humaine", "availability": 1, "trend": "forte_baisse"}],
    }
    s = analyse(answers, Q).scissors
    assert s.projected_need_pressure == 100
    assert s.projected_resource_availability == 0


def test_hybridisation_index() -> None:
    assert hybridisation([1.0, 0.0, 0.0], 3) == 0
    assert hybridisation([1 / 3, 1 / 3, 1 / 3], 3) == pytest.approx(1)
    # 0.5, 0.3, 0.2: HHI = .25 + .09 + .04 = .38; (1 − .38) / (2/3) = .93
    assert hybridisation([0.5, 0.3, 0.2], 3) == pytest.approx(0.93)
    assert hybridisation([], 3) is None
    assert hybridisation([0.5, 0.2], 3) is None  # shares must add up to 1


def test_money_mix_shares_dependency_target_and_valued_contributions() -> None:
    answers = {
        "budget_year": 2027,
        "funding": [
            {
                "id": "F1",
                "funder": "Département",
                "source": "subventions",
                "family": "public",
                "amount": 600,
                "secured": True,
            },
            {
                "id": "F2",
                "funder": "Fondation",
                "source": "mecenat",
                "amount": 300,
            },  # family derived
            {
                "id": "F3",
                "funder": "Usagers",
                "source": "ventes_prestations",
                "family": "revenus_activite",
                "amount": 100,
                "secured": False,
            },
            {"id": "F4", "funder": "Oubli", "source": "dons"},  # no amount: left out
        ],
        "target_year": 2030,
        "target_public_share": 40,
        "target_private_share": 35,
        "target_earned_share": 25,
        "volunteering_hours": 1000,  # value not given: the questionnaire's default, 12 €/h
        "in_kind_value": 500,
    }
    m = analyse(answers, Q).money
    assert m.total == 1000
    assert [(s.key, s.amount, s.share) for s in m.by_family] == [
        ("public", 600, 0.6),
        ("prive", 300, 0.3),
        ("revenus_activite", 100, 0.1),
    ]
    assert [s.key for s in m.by_source] == ["subventions", "mecenat", "ventes_prestations"]
    # HHI = .36 + .09 + .01 = .46 → (1 − .46) / (2/3) = .81
    assert m.hybridisation == pytest.approx(0.81)
    assert m.largest is not None and m.largest.funder == "Département"
    assert m.largest_share == 0.6
    assert m.secured_amount == 600 and m.secured_share == 0.6
    assert m.target == {"public": 0.4, "prive": 0.35, "revenus_activite": 0.25}
    assert m.target_sum == 100
    # HHI = .16 + .1225 + .0625 = .345 → .655 / (2/3) = .9825
    assert m.target_hybridisation == pytest.approx(0.9825)
    assert m.target_gap == pytest.approx({"public": -20, "prive": 5, "revenus_activite": 15})
    assert m.volunteering_value == 12000 and m.volunteering_estimated
    assert m.valued_contributions == 12500
    assert m.valued_share == pytest.approx(12500 / 13500)


def test_money_without_funding() -> None:
    m = analyse({}, Q).money
    assert m.total == 0
    assert m.hybridisation is None and m.largest is None and m.secured_share is None
    assert all(s.share is None for s in m.by_family)
    assert m.target is None and m.valued_share is None


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 5, "manage_closely"),
        (4, 3, "keep_satisfied"),
        (3, 4, "keep_informed"),
        (3, 3, "monitor"),
        (1, 5, "keep_informed"),
        (None, 4, None),
    ],
)
def test_stakeholder_quadrants(power: int | None, interest: int | None, expected: str) -> None:
    assert quadrant(power, interest) == expected


def test_partners_types_alliances_and_gaps() -> None:
    answers = {
        "needs": [{"id": "N1"}, {"id": "N2"}, {"id": "N3"}, {"id": "N4"}],
        "partners": [
            {
                "id": "P1",
                "actor_type": "collectivite",
                "alliance_form": "mecenat",
                "power": 5,
                "interest": 5,
                "attitude": "champion",
                "needs_addressed": ["N1"],
            },
            {
                "id": "P2",
                "actor_type": "collectivite",
                "alliance_form": "mecenat",
                "power": 2,
                "interest": 2,
                "attitude": "opposant",
            },
            {"id": "P3", "actor_type": "entreprise", "commitment": "informe"},
        ],
        "actions": [{"id": "A1", "needs_served": ["N2"], "alliance_form": "innovation_societale"}],
    }
    p = analyse(answers, Q).partners
    assert p.types_present == {"entreprise": 1, "collectivite": 2}  # questionnaire order
    assert "association" in p.types_missing and "collectivite" not in p.types_missing
    assert len(p.types_missing) == 7
    assert p.alliance_forms == {"mecenat": 2}
    assert p.action_alliance_forms == {"innovation_societale": 1}
    assert p.quadrants["manage_closely"] == ["P1"] and p.quadrants["monitor"] == ["P2"]
    assert "P3" not in p.quadrant_of
    assert p.attitudes == {"champion": 1, "opposant": 1}
    assert p.needs_without_partner == ["N2", "N3", "N4"]
    assert p.needs_without_action == ["N1", "N3", "N4"]
    assert p.gaps == ["N3", "N4"]


def test_spread_by_year_counts_days() -> None:
    # 2027-07-01 → 2028-06-30: 184 days in 2027, 182 in 2028 (leap year), 366 in all
    spread = spread_by_year(366, dt.date(2027, 7, 1), dt.date(2028, 6, 30))
    assert spread == pytest.approx({2027: 184, 2028: 182})
    assert spread_by_year(100, dt.date(2027, 3, 1), dt.date(2027, 3, 1)) == {2027: 100}


def test_action_plan() -> None:
    answers = {
        "budget_year": 2027,
        "funding": [{"id": "F1", "funder": "x", "source": "dons", "amount": 150}],
        "needs": [{"id": "N1"}, {"id": "N2"}, {"id": "N3"}],
        "actions": [
            {
                "id": "A1",
                "axis": "X1",
                "horizon": "court_terme",
                "needs_served": ["N1"],
                "lead_partner": "P1",
                "start": "2027-01-01",
                "end": "2027-12-31",
                "budget": 100,
                "status": "en_cours",
            },
            {
                "id": "A2",
                "axis": "X1",
                "horizon": "long_terme",
                "needs_served": ["N1", "N2"],
                "start": dt.date(2027, 1, 1),
                "end": dt.date(2028, 12, 31),
                "budget": 731,
            },
            {"id": "A3", "budget": 50, "start": "2028-05-01", "end": "2027-01-01"},  # backwards
            {"id": "A4", "horizon": "court_terme", "budget": "a lot"},
        ],
    }
    plan = analyse(answers, Q).plan
    assert plan.by_horizon == {"court_terme": ["A1", "A4"], "long_terme": ["A2"], "": ["A3"]}
    assert plan.by_axis == {"X1": ["A1", "A2"], "": ["A3", "A4"]}
    assert plan.budget_total == 881
    assert plan.budgeted == 3 and plan.unbudgeted == ["A4"]
    assert plan.budget_by_axis == {"X1": 831, "": 50}
    # A2: 731 over 731 days, 365 of them in 2027
    assert plan.budget_by_year == pytest.approx({2027: 465, 2028: 366})
    assert plan.budget_undated == 50  # A3's dates are backwards: undated
    assert [s.id for s in plan.timeline] == ["A1", "A2"]
    assert plan.first_start == dt.date(2027, 1, 1) and plan.last_end == dt.date(2028, 12, 31)
    assert plan.needs_covered == ["N1", "N2"] and plan.needs_uncovered == ["N3"]
    assert plan.coverage == pytest.approx(2 / 3)
    assert plan.without_lead == ["A2", "A3", "A4"]
    assert plan.without_needs == ["A3", "A4"]
    assert plan.by_status == {"en_cours": 1}
    assert plan.year_budget == pytest.approx(465)
    assert plan.year_coverage == pytest.approx(150 / 465)


def test_risks_are_scored_and_sorted() -> None:
    answers = {
        "risks": [
            {"id": "K1", "likelihood": 2, "impact": 3},
            {"id": "K2", "likelihood": 5, "impact": 3},
            {"id": "K3", "likelihood": 4},
        ]
    }
    risks = analyse(answers, Q).risks
    assert [(r.id, r.score, r.level) for r in risks] == [
        ("K2", 15, "high"),
        ("K1", 6, "low"),
        ("K3", None, None),
    ]
    assert (risk_level(8), risk_level(14), risk_level(7)) == ("medium", "medium", "low")


def test_completeness_counts_questions_that_apply_and_lists_missing_required() -> None:
    answers = {
        "territory_name": "Val",
        "perimeter_type": "region",  # territory_code does not apply to a region
        "needs": [{"id": "N1", "title": "Eau", "domain": "environnemental"}],  # priority missing
        "population": "many",  # invalid: not answered
    }
    c = analyse(answers, Q, deferred=["budget_year"]).completeness
    atelier = next(s for s in c.sections if s.section == "atelier")
    # atelier: 11 questions, territory_code skipped → 10 apply; 2 answered
    assert (atelier.answered, atelier.applicable) == (2, 10)
    besoins = next(s for s in c.sections if s.section == "besoins")
    # context, needs, vote_date, vote_voters, vote_dots, fragilities, assets + N1's 9 fields;
    # answered: needs, title, domain
    assert (besoins.answered, besoins.applicable) == (3, 16)
    assert "needs[N1].priority" in c.missing_required
    assert "facilitator" in c.missing_required and "territory_name" not in c.missing_required
    assert c.deferred == ["budget_year"]
    assert c.ratio == pytest.approx(c.answered / c.applicable)


def test_an_empty_or_garbled_file_gives_an_analysis_not_an_error() -> None:
    for answers in (
        {},
        {
            "needs": "none",
            "funding": [None, 3, {"amount": 5}],
            "actions": [{"id": "A1", "start": "soon", "budget": -3}],
            "partners": [{"id": "P1", "power": 9}],
        },
    ):
        result = analyse(answers, Q)
        assert result.scissors.need_pressure is None
        assert result.plan.budget_total == 0
        assert result.money.total == 0


def test_the_example_workshop(example: object) -> None:
    from pathlib import Path

    doc = AnswersFile.load(Path(str(example)))
    result = analyse(doc.plain(), Q, doc.deferred)
    assert result.money.total == 1_395_000
    # public 1 000 000, private 282 000, earned 113 000
    assert result.money.hybridisation == pytest.approx(0.658, abs=1e-3)
    assert result.money.largest_share == pytest.approx(640 / 1395)
    assert result.partners.gaps == ["N10", "N12"]
    assert result.plan.budget_total == 3_292_000
    assert result.risks[0].id == "K4"
    assert result.completeness.missing_required == []


def test_the_dot_vote_ranks_needs_by_dots_with_each_share() -> None:
    from coconstruct.analysis import dot_vote

    needs = [
        {"id": "N1", "domain": "social", "votes": 3},
        {"id": "N2", "domain": "economique", "votes": 9},
        {"id": "N3", "votes": 0},
        {"id": "N4", "votes": "many"},  # not a count: left out
        {"id": "N5"},  # not voted on (added after the vote): left out
    ]
    vote = dot_vote(needs, {"vote_voters": 3, "vote_dots": 5, "vote_date": "2026-11-19"})
    assert vote is not None
    assert [(n.id, n.votes, n.share) for n in vote.needs] == [
        ("N2", 9, 0.75),
        ("N1", 3, 0.25),
        ("N3", 0, 0.0),
    ]
    assert (vote.placed, vote.voters, vote.dots_each, vote.offered) == (12, 3, 5, 15)
    assert vote.date == "2026-11-19"
    assert dot_vote([{"id": "N1", "title": "x"}], {}) is None  # no vote held
    assert analyse({"needs": needs}, Q).vote == dot_vote(needs, {})

"""The roadmap's indicators, each checked against values worked out by hand (docs/analysis.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from coconstruct.analysis import (
    Base,
    analyse,
    availability_index,
    dot_vote,
    hybridisation,
    need_pressure,
    quadrant,
    risk_level,
    spread_by_year,
)
from coconstruct.model import questionnaire as qmod
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.dates import ApproxDate
from coconstruct.model.formatting import Formatter

Q = qmod.load("territoire")


def test_need_pressure_is_the_mean_of_priority_and_urgency_on_a_0_100_scale() -> None:
    assert need_pressure(5, 5) == 100
    assert need_pressure(1, 1) == 0
    assert need_pressure(4, 3) == 62.5  # mean 3.5 → 25 × 2.5
    # one score alone is not the mean of two: no pressure (priority 5 alone would read 100)
    assert need_pressure(3, None) is None and need_pressure(None, 4) is None
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
            {"id": "N3", "domain": "economique", "priority": 2, "urgency": 2, "trend": "baisse"},
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
    assert s.needs_rising == 1 and s.needs_trend_base == Base(3, 3)
    assert s.resources_declining == 2 and s.resources_trend_base == Base(3, 3)
    assert s.drawable


def test_a_need_scored_on_one_score_has_no_pressure_and_is_not_the_most_pressing() -> None:
    needs = [
        {"id": "N1", "domain": "social", "priority": 5},  # alone it would read 100
        {"id": "N2", "domain": "social", "priority": 4, "urgency": 5},  # 87.5
        {"id": "N3", "domain": "social", "priority": 3, "urgency": 3},
        {"id": "N4", "domain": "social", "priority": 2, "urgency": 3},
    ]
    s = analyse({"needs": needs}, Q).scissors
    assert [(n.id, n.pressure) for n in s.needs] == [
        ("N2", 87.5),
        ("N3", 50),
        ("N4", 37.5),
        ("N1", None),
    ]
    assert s.pressure_base == Base(3, 4)


def test_a_conclusion_from_too_few_items_is_no_conclusion() -> None:
    """One trend of five needs: no opening, no projection, no gap from one need's priority."""
    answers = {
        "needs": [{"id": f"N{i}", "domain": "social"} for i in range(1, 6)],
        "resources": [{"id": "R1", "type": "humaine", "availability": 2, "trend": "baisse"}],
    }
    answers["needs"][0].update(priority=5, urgency=5, trend="hausse")
    s = analyse(answers, Q).scissors
    assert s.needs_trend_base == Base(1, 5) and not s.needs_trend_base.sufficient
    assert s.pressure_base == Base(1, 5) and not s.pressure_base.sufficient
    assert s.need_pressure == 100  # what the one need says, with its base
    assert s.gap is None and s.opening is None and not s.drawable
    assert s.projected_need_pressure is None
    assert Base(3, 6).sufficient and not Base(3, 7).sufficient and not Base(2, 2).sufficient


def test_projection_stays_within_0_and_100() -> None:
    answers = {
        "needs": [
            {"id": "N1", "domain": "social", "priority": 5, "urgency": 5, "trend": "forte_hausse"}
        ],
        "resources": [{"id": "R1", "type": "humaine", "availability": 1, "trend": "forte_baisse"}],
    }
    answers["needs"] *= 3
    answers["resources"] *= 3
    answers["needs"] = [{**n, "id": f"N{i}"} for i, n in enumerate(answers["needs"])]
    answers["resources"] = [{**r, "id": f"R{i}"} for i, r in enumerate(answers["resources"])]
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
        ],
        "target_year": 2030,
        "target_public_share": 40,
        "target_private_share": 35,
        "target_earned_share": 25,
        "volunteering_hours": 1000,  # value not given: the questionnaire's default, 12 €/h
        "in_kind_value": 500,
    }
    m = analyse(answers, Q).money
    assert m.total == 1000 and m.base == Base(3, 3) and not m.approximate
    assert m.sum.exact
    assert [(s.key, s.amount, s.share) for s in m.by_family] == [
        ("public", 600, 0.6),
        ("prive", 300, 0.3),
        ("revenus_activite", 100, 0.1),
    ]
    assert [s.key for s in m.by_source] == ["subventions", "mecenat", "ventes_prestations"]
    # HHI = .36 + .09 + .01 = .46 → (1 − .46) / (2/3) = .81
    assert m.hybridisation == pytest.approx(0.81)
    # external funders: 900; the users' payments are the project's own income, not a funder
    assert m.external_total == 900 and m.own_income == 100 and m.own_income_share == 0.1
    assert m.largest_external is not None and m.largest_external.name == "Département"
    assert m.largest_external.share == pytest.approx(600 / 900)
    assert m.secured_amount == 600 and m.secured_share == 0.6
    assert m.year == 2027 and m.by_year == []  # no period: every line is the budget year's
    assert m.target == {"public": 0.4, "prive": 0.35, "revenus_activite": 0.25}
    assert m.target_sum == 100
    # HHI = .16 + .1225 + .0625 = .345 → .655 / (2/3) = .9825
    assert m.target_hybridisation == pytest.approx(0.9825)
    assert m.target_gap == pytest.approx({"public": -20, "prive": 5, "revenus_activite": 15})
    assert m.volunteering_value == 12000 and m.volunteering_estimated
    assert m.valued_contributions == 12500
    assert m.valued_share == pytest.approx(12500 / 13500)


def test_a_funder_with_an_unknown_amount_stays_and_no_share_pretends_otherwise() -> None:
    """The State's contribution is known to exist, its amount is not published."""
    answers = {
        "funding": [
            {"id": "F1", "funder": "État", "source": "subventions", "amount": "unknown"},
            {
                "id": "F2",
                "funder": "Ventes",
                "source": "ventes_prestations",
                "amount": 80000,
                "period_start": 2017,
            },
            {
                "id": "F3",
                "funder": "Ventes",
                "source": "ventes_prestations",
                "amount": 200000,
                "period_start": 2018,
            },
            {"id": "F4", "funder": "Fondation", "source": "mecenat", "amount": "~30000"},
            {"id": "F5", "funder": "Département", "source": "subventions", "amount": ">=100000"},
        ]
    }
    m = analyse(answers, Q).money
    # no budget year, no workshop date: the figures are the last year the lines name; lines
    # without a period belong to it, the 2017 sales to 2017
    assert m.year == 2018 and [line.id for line in m.other_years] == ["F2"]
    assert [line.funder for line in m.unknown_lines] == ["État"]
    assert m.base == Base(3, 4)
    assert m.total == 330_000 and m.approximate  # the floor counts at its floor, said so
    assert m.sum.open and m.sum.value == 330_000  # a floor and an unknown: open
    public = next(s for s in m.by_family if s.key == "public")
    assert public.lines == 2 and public.unknown == 1 and public.amount == 100_000
    assert "public" in m.families_present
    # dependency: an external line without a figure, so no "largest external funder" share
    assert m.external_base == Base(2, 3) and m.largest_external is None
    # own income is not a funder: 200 000 of sales in 2018
    assert m.own_income == 200_000
    assert [(y.year, y.amount, y.unknown) for y in m.by_year] == [
        (2017, 80000, 0),
        (2018, 330000, 1),
    ]
    assert m.undated == 0


def test_the_money_of_one_year_counts_recurring_lines_and_shares_one_off_ones() -> None:
    answers = {
        "budget_year": 2027,
        "funding": [
            # every year from 2026 on
            {
                "id": "F1",
                "funder": "Département",
                "family": "public",
                "amount": 600,
                "recurrence": "recurrent",
                "period_start": 2026,
            },
            # once, for 2027 and 2028: half in each
            {
                "id": "F2",
                "funder": "État",
                "family": "public",
                "amount": 300,
                "recurrence": "ponctuel",
                "period_start": 2027,
                "period_end": 2028,
            },
            # once, in 2025: another year
            {
                "id": "F3",
                "funder": "Fondation",
                "family": "prive",
                "amount": 90,
                "recurrence": "ponctuel",
                "period_start": 2025,
            },
            # the budget year's, as in a version 1 plan
            {"id": "F4", "funder": "Ventes", "family": "revenus_activite", "amount": 250},
        ],
    }
    m = analyse(answers, Q).money
    assert m.year == 2027
    assert [line.id for line in m.counted] == ["F1", "F2", "F4"]
    assert m.figures == {"F1": 600, "F2": 150, "F4": 250} and m.spread == {"F2": 0.5}
    assert m.total == 1000 and [line.id for line in m.other_years] == ["F3"]
    assert [(y.year, y.amount) for y in m.by_year] == [
        (2025, 90),
        (2026, 600),
        (2027, 1000),
        (2028, 750),
    ]


def test_money_without_funding() -> None:
    m = analyse({}, Q).money
    assert m.total == 0 and m.base == Base(0, 0) and not m.any
    assert m.hybridisation is None and m.largest_external is None and m.secured_share is None
    assert all(s.share is None for s in m.by_family)
    assert m.target is None and m.valued_share is None
    assert m.volunteering_value is None  # no hours: nothing to value, not 0 €


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
    assert len(p.types_missing) == 15  # the nine types, the EU and the seven ESS kinds, minus two
    assert p.alliance_forms == {"mecenat": 2}
    assert p.action_alliance_forms == {"innovation_societale": 1}
    assert p.quadrants["manage_closely"] == ["P1"] and p.quadrants["monitor"] == ["P2"]
    assert "P3" not in p.quadrant_of and p.without_grid == ["P3"]
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
        "workshop_date": "2027-01-01",
        "budget_year": 2027,
        "funding": [{"id": "F1", "funder": "x", "source": "dons", "amount": 150}],
        "needs": [{"id": "N1"}, {"id": "N2"}, {"id": "N3"}],
        "actions": [
            {
                "id": "A1",
                "axis": "X1",
                "horizon": "long_terme",  # but its dates say within a year
                "needs_served": ["N1"],
                "leads": ["P1", "P2"],
                "start": "2027-01-01",
                "end": "2027-12-31",
                "budget": 100,
                "status": "en_cours",
            },
            {
                "id": "A2",
                "axis": "X1",
                "needs_served": ["N1", "N2"],
                "start": 2027,
                "end": 2028,  # years: 731 days from 1 January 2027 to 31 December 2028
                "budget": 731,
            },
            {"id": "A3", "budget": 50, "start": "2028-05-01", "end": "2027-01-01"},  # backwards
            {"id": "A4", "horizon": "court_terme", "budget": "a lot"},
            {"id": "A5", "start": "2014", "budget": "~40", "status": "en_cours"},  # runs on
        ],
    }
    plan = analyse(answers, Q).plan
    assert plan.by_horizon == {
        "court_terme": ["A1", "A4"],
        "moyen_terme": ["A2"],
        "": ["A3", "A5"],
    }
    assert plan.horizon_from_dates == ["A1", "A2"]
    assert plan.by_axis == {"X1": ["A1", "A2"], "": ["A3", "A4", "A5"]}
    assert plan.budget_total == 921 and plan.budget_approximate
    assert plan.budget_base == Base(4, 5) and plan.unbudgeted == ["A4"]
    assert plan.budget_by_axis == {"X1": 831, "": 90}
    # A2: 731 over 731 days, 365 of them in 2027
    assert plan.budget_by_year == pytest.approx({2027: 465, 2028: 366})
    assert plan.budget_open == 90  # A3 (its end before its start is dropped) and A5 run on
    assert plan.budget_undated == 0
    # every action with a start is on the calendar, open ends included; A4 is named undated
    assert [s.id for s in plan.timeline] == ["A5", "A1", "A2", "A3"]
    # only an action in progress runs on: A3, of no status, has an end that is not known
    assert plan.undated == ["A4"] and plan.open_ended == ["A5"]
    assert plan.first_start == ApproxDate(2014) and plan.last_end is None  # runs on
    assert plan.needs_covered == ["N1", "N2"] and plan.needs_uncovered == ["N3"]
    assert plan.coverage == pytest.approx(2 / 3)
    assert plan.without_lead == ["A2", "A3", "A4", "A5"]
    assert plan.without_needs == ["A3", "A4", "A5"]
    assert plan.by_status == {"en_cours": 2}
    assert plan.year_budget == pytest.approx(465)
    # no ratio: A4 has no budget and A3, A5 run on, so the year's need is not known whole
    assert plan.year_coverage is None


def test_results_indicators_give_a_series_and_progress() -> None:
    answers = {
        "indicators": [
            {"id": "Ind1", "title": "Emplois", "baseline": 0, "target": 100},
            {"id": "Ind2", "title": "En attente", "baseline": 112},
        ],
        "measures": [
            {"id": "Mes1", "indicator": "Ind1", "date": "2019-12", "value": 61},
            {"id": "Mes2", "indicator": "Ind1", "date": "2017-03", "value": 25},
            {"id": "Mes3", "indicator": "Ind1", "date": 2021, "value": ">=70"},
            {"id": "Mes4", "indicator": "Ind1", "value": 80},  # no date: not in the series
            {"id": "Mes5", "indicator": "Ind9", "date": 2020, "value": 1},
        ],
    }
    r = analyse(answers, Q).results
    jobs = r.indicators[0]
    assert [m.id for m in jobs.measures] == ["Mes2", "Mes1", "Mes3"]
    assert jobs.incomplete_measures == ["Mes4"] and r.orphan_measures == ["Mes5"]
    assert jobs.progress is None  # the latest measure is a floor: no progress from it
    assert r.measured == Base(1, 2)
    answers["measures"][2]["value"] = 70
    progress = analyse(answers, Q).results.indicators[0].progress
    assert progress is not None and progress.value == pytest.approx(0.7)


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
    # atelier: 20 questions (origin and as_of among them), territory_code and as_of (asked of
    # documented sites only) skipped → 18 apply; 2 answered
    assert (atelier.answered, atelier.applicable) == (2, 18)
    besoins = next(s for s in c.sections if s.section == "besoins")
    # context, needs, vote_date, vote_voters, vote_dots, fragilities, assets + N1's 11 fields;
    # answered: needs, title, domain
    assert (besoins.answered, besoins.applicable) == (3, 18)
    assert "needs[N1].priority" not in c.missing_required  # a priority is no longer required
    assert "workshop_date" in c.missing_required
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
    m = result.money
    # 2027: the State's one-off 150 000 over 2027–2028 counts for half
    assert m.year == 2027 and m.spread == {"F3": 0.5}
    assert m.total == 1_320_000 and m.base == Base(10, 11)  # the health agency's: unknown
    assert [line.id for line in m.unknown_lines] == ["F11"]
    # public 925 000, private 282 000, earned 113 000
    assert m.hybridisation == pytest.approx(0.684, abs=1e-3)
    assert m.largest_external is None  # an external amount is unknown: no dependency figure
    assert result.partners.gaps == ["N10", "N12"]
    assert result.plan.budget_total == 3_292_000
    assert result.risks[0].id == "K4"
    assert result.completeness.missing_required == []
    progress = result.results.indicators[0].progress
    assert progress is not None and progress.value == pytest.approx(48 / 300)
    vote = result.vote
    assert vote is not None and (vote.placed, vote.offered, vote.counted) == (
        190,
        190,
        Base(12, 12),
    )
    assert vote.first is not None and vote.first.id == "N3" and vote.first.votes == 36


def test_the_plan_against_the_money_of_its_year_only_when_both_are_whole() -> None:
    answers = {
        "budget_year": 2027,
        "funding": [{"id": "F1", "funder": "Département", "family": "public", "amount": 200}],
        "actions": [
            {"id": "A1", "title": "a", "start": "2027-01-01", "end": "2027-12-31", "budget": 400}
        ],
    }
    plan = analyse(answers, Q).plan
    assert plan.year_budget == pytest.approx(400) and plan.year_coverage is not None
    assert plan.year_coverage.value == pytest.approx(0.5) and not plan.year_coverage.approximate
    answers["funding"][0]["amount"] = "~200"  # an estimate: the ratio is one too
    coverage = analyse(answers, Q).plan.year_coverage
    assert coverage is not None and coverage.approximate
    assert Formatter("fr").factor(coverage) == "≈\u00a00,50"
    answers["funding"].append({"id": "F2", "funder": "ARS", "amount": "unknown"})
    assert analyse(answers, Q).plan.year_coverage is None  # the money of 2027 is not known whole


def test_lines_without_a_period_belong_to_the_workshop_year_and_unsaid_security_is_no_zero() -> (
    None
):
    answers = {
        "workshop_date": "2023-03",
        "funding": [
            {
                "id": "F1",
                "funder": "Région",
                "family": "public",
                "amount": 600,
                "recurrence": "ponctuel",
                "period_start": 2015,
                "period_end": 2020,
            },
            {"id": "F2", "funder": "Mécène", "family": "prive", "amount": 50},
        ],
    }
    m = analyse(answers, Q).money
    assert m.year == 2023 and [line.id for line in m.counted] == ["F2"]
    assert [y.year for y in m.by_year] == list(range(2015, 2024))  # the workshop's year too
    assert m.secured_share is None  # nobody said whether anything is secured: not « 0 % »


def test_the_dot_vote_ranks_needs_by_dots_with_each_share() -> None:
    needs = [
        {"id": "N1", "domain": "social", "votes": 3},
        {"id": "N2", "domain": "economique", "votes": 9},
        {"id": "N3", "votes": 0},
        {"id": "N4", "votes": "~4"},  # an approximate count: left out, never guessed
        {"id": "N5", "votes": 2.5},  # no whole number of dots: left out
        {"id": "N6"},  # not voted on (added after the vote): left out
    ]
    vote = dot_vote(needs, {"vote_voters": 3, "vote_dots": 5, "vote_date": "2026-11-19"})
    assert vote is not None
    assert [(n.id, n.votes, n.share) for n in vote.needs] == [
        ("N2", 9, 0.75),
        ("N1", 3, 0.25),
        ("N3", 0, 0.0),
    ]
    assert vote.uncounted == ["N4", "N5", "N6"] and vote.counted == Base(3, 6)
    assert (vote.placed, vote.voters, vote.dots_each, vote.offered) == (12, 3, 5, 15)
    assert vote.dots == Base(12, 15)
    assert vote.date == ApproxDate(2026, 11, 19)
    assert dot_vote([{"id": "N1", "title": "x"}], {}) is None  # no vote held
    assert analyse({"needs": needs}, Q).vote == dot_vote(needs, {})


def test_the_dot_vote_reads_an_approximate_date_and_leaves_odd_counts_out() -> None:
    needs = [{"id": "N1", "votes": 4}]
    vote = dot_vote(needs, {"vote_date": "2026-11", "vote_voters": "~30", "vote_dots": 0})
    assert vote is not None
    assert vote.date == ApproxDate(2026, 11) and vote.date.precision == "month"
    # an approximate number of voters and no dots each: nothing offered is guessed
    assert vote.voters is None and vote.dots_each is None
    assert vote.offered is None and vote.dots is None and vote.first is None


@pytest.mark.parametrize(
    ("counts", "voters", "first"),
    [
        ([9, 3, 2], 3, "N1"),  # 14 dots of 15 offered, 3 voters: N1 ahead
        ([9, 9, 2], 4, None),  # a tie at the top: no need was put first
        ([3, 1, 0], 3, None),  # 4 dots of 15: too few placed to say
        ([4, 1, 0], 1, None),  # one voter is no room
        ([0, 0, 0], 3, None),  # no dot at all
    ],
)
def test_the_need_the_room_put_first_only_when_the_vote_can_say_so(
    counts: list[int], voters: int, first: str | None
) -> None:
    needs = [{"id": f"N{i}", "votes": n} for i, n in enumerate(counts, 1)]
    vote = dot_vote(needs, {"vote_voters": voters, "vote_dots": 5})
    assert vote is not None
    assert (vote.first.id if vote.first else None) == first


def test_a_measure_before_the_baseline_is_no_progress() -> None:
    from coconstruct.analysis.results import results

    indicator = {"id": "Ind1", "baseline": 10, "baseline_date": 2024, "target": 20}
    measure = {"id": "Mes1", "indicator": "Ind1", "date": 2010, "value": 14}
    assert results([indicator], [measure]).indicators[0].progress is None
    later = {**measure, "date": 2025}
    progress = results([indicator], [later]).indicators[0].progress
    assert progress is not None and progress.value == pytest.approx(0.4)

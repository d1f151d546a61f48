from __future__ import annotations

import textwrap
from pathlib import Path

from coconstruct.model.validation import validate_path

BROKEN = textwrap.dedent(
    """\
    questionnaire: territoire
    questionnaire_version: 2
    language: en
    status: draft
    colour: blue
    answers:
      territory_name: Val d'Orbière
      perimeter_type: galaxy
      population: "many"
      workshop_date: 2027-02-30
      favourite_food: crêpes
      needs:
        - id: N1
          title: Water
          domain: environnemental
          priority: 9
          mood: sunny
        - id: N1
          title: Jobs
          domain: economique
          priority: 3
        - title: No id
          domain: social
          priority: 2
      partners:
        - id: P1
          name: Coop
          actor_type: entreprise
          alliance_form: cooperation_economique
          alliance_subtype: financier
          needs_addressed: [N1, N8]
    """
)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "a.yaml"
    path.write_text(text)
    return [str(p).replace(f"{path}:", "") for p in validate_path(path)]


def test_every_problem_is_listed_with_its_place(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, BROKEN)
    assert problems == [
        "5:1: colour: unknown key (expected: questionnaire, questionnaire_version, language, "
        "status, answers, deferred, kept_by_migration)",
        "7:3: warning: facilitator: an answer is required",
        "8:19: perimeter_type: 'galaxy' is not one of the choices (commune, intercommunalite, "
        "departement, region, bassin_de_vie, quartier, autre)",
        "9:15: population: 'many' is not a number",
        "10:18: workshop_date: “2027-02-30” is not a date (2027, 2027-03, 2027-Q1 or 2027-03-15)",
        "11:3: favourite_food: unknown question (not in questionnaire territoire)",
        "16:17: needs[N1].priority: 9 is not one of the choices (1, 2, 3, 4, 5)",
        "17:7: needs[N1].mood: unknown field (fields of needs: description, domain, evidence, "
        "people_concerned, priority, public, sources, title, trend, urgency, votes)",
        "18:11: needs[N1]: id N1 is used twice",
        "22:7: needs[2]: the item has no `id` (such as N3)",
        "30:25: warning: partners[P1].alliance_subtype: answer kept, but the question does not "
        "apply any more (its `when:` condition is false)",
        "31:24: partners[P1].needs_addressed: 'N8' is not an item of needs (N1)",
    ]

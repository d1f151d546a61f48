"""What a real site's roadmap says in its charts and tables: never more than its data (a QA
pass on a TZCLD site with estimates, floors and actions not started)."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from coconstruct.report import render

SITE = """\
  workshop_date: 2021-10
  axes:
    - {id: X1, title: Emploi pour tous}
    - {id: X2, title: Activités utiles au territoire}
  actions:
    - {id: A1, title: Créer l EBE, axis: X1, start: 2016-11, status: realisee}
    - {id: A2, title: Ressourcerie, axis: X2, start: 2017, status: en_cours}
    - {id: A3, title: Transport solidaire, axis: X2, start: 2018-Q3, end: 2020, status: abandonnee}
    - {id: A4, title: Filière bois-énergie locale, axis: X2, start: 2022, status: a_lancer}
  indicators:
    - {id: Ind1, title: Salariés en CDI, unit: personnes, baseline: 0, baseline_date: 2016-11,
       target: ~100, target_date: 2021}
  measures:
    - {id: Mes1, indicator: Ind1, date: 2017, value: ~40}
    - {id: Mes2, indicator: Ind1, date: 2019, value: 78}
    - {id: Mes3, indicator: Ind1, date: 2021-11, value: '>=100'}
  next_meeting: 2022
"""


def write(folder: Path, body: str = SITE) -> Path:
    path = folder / "site.yaml"
    path.write_text(
        "questionnaire: territoire\nquestionnaire_version: 2\nlanguage: fr\nstatus: draft\n"
        "answers:\n" + body,
        encoding="utf-8",
    )
    return path


def chart_labels(page: str, name: str) -> list[str]:
    """The words an inline SVG chart shows, each label as drawn."""
    found = re.search(rf'<svg [^>]*class="chart chart-{name}".*?</svg>', page, flags=re.S)
    assert found, name
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", found.group(0))
    return [htmllib.unescape(t).replace("\u00a0", " ").strip() for t in texts]


def test_the_results_chart_labels_an_estimate_as_an_estimate_and_a_floor_as_a_floor(
    tmp_path: Path,
) -> None:
    page = render(write(tmp_path), ["html"]).documents["html"].decode()
    labels = chart_labels(page, "results")
    assert "≈ 40" in labels and "40+" not in labels  # « environ 40 » is no minimum
    assert "100+" in labels  # « au moins 100 » is one
    assert "78" in labels
    assert "cible ≈ 100" in labels and "cible 100" not in labels

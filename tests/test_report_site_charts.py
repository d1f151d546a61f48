"""What a real site's roadmap says in its charts and tables: never more than its data (a QA
pass on a TZCLD site with estimates, floors and actions not started)."""

from __future__ import annotations

import html as htmllib
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE

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


def test_the_results_chart_writes_its_figures_in_the_report_s_language(tmp_path: Path) -> None:
    body = SITE.replace("baseline: 0,", "baseline: 1200,").replace("target: ~100,", "target: 2500,")
    body = body.replace("value: ~40}", "value: 1512.5}").replace("value: '>=100'}", "value: 2000}")
    page = render(write(tmp_path, body), ["html"]).documents["html"].decode()
    labels = [label.replace("\u202f", " ") for label in chart_labels(page, "results")]
    assert "1 512,5" in labels and "1 200" in labels and "cible 2 500" in labels
    md = render(write(tmp_path, body.replace("value: 78}", "value: 1541.25}")), ["md"])
    assert "1\u202f541,25" in md.documents["md"].decode()  # as typed in tables, not « 1 541,3 »
    assert "1512.5" not in labels and "2500" not in " ".join(labels)


def test_an_action_not_started_is_not_said_to_be_running(tmp_path: Path) -> None:
    path = write(tmp_path)
    md = render(path, ["md"]).documents["md"].decode().replace("\\", "")
    page = render(path, ["html"]).documents["html"].decode()
    plain = re.sub(r"[\u00a0\u202f]", " ", md)
    # the action table, the action sheet and the alternative text of the calendar
    assert "2022 – en cours" not in plain
    assert "à partir de 2022" in plain
    assert "2017 – en cours" in plain  # A2 is in progress: it runs on
    # the calendar's data table: A4's end
    assert re.search(r"\| A4 Filière bois-énergie locale \| X2 \| 2022 \| à lancer \|", plain)
    labels = chart_labels(page, "timeline")
    assert "X2 · à lancer" in labels
    assert labels.count("X2 · en cours") == 1  # A2 only
    assert "X1 · fin non connue" in labels  # A1: done, its end not given


def test_without_a_status_an_open_end_is_not_known(tmp_path: Path) -> None:
    body = SITE.replace(", status: en_cours}", "}")
    md = render(write(tmp_path, body), ["md"]).documents["md"].decode()
    plain = md.replace("\u00a0", " ")
    assert "2017 – fin non connue" in plain and "2017 – en cours" not in plain


def test_an_unknown_budget_stays_inside_the_action_table_of_the_pdf(tmp_path: Path) -> None:
    import io

    import pypdf

    body = SITE.replace("status: en_cours}", "status: en_cours, budget: unknown}")
    pdf = render(write(tmp_path, body), ["pdf"]).documents["pdf"]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = next(p for p in reader.pages if "A2 Ressourcerie" in p.extract_text())
    right = float(page.mediabox.right)
    runs: list[tuple[float, float, str]] = []

    def seen(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            scale = (tm[0] * cm[0]) or 1.0
            runs.append((tm[4] * cm[0] + cm[4], size * scale, text))

    page.extract_text(visitor_text=seen)
    words = [(x, size, text) for x, size, text in runs if "montant" in text or "connu" in text]
    assert words, runs
    # it ran past the table's right edge, on one line: every word ends inside the page's text
    # block (a character is at most one em wide), wrapped or not
    for x, size, text in words:
        assert x + len(text.strip()) * size * 0.62 < right - 30, (x, size, text, right)


def drawn_timeline(path: Path, monkeypatch: Any) -> Any:
    """The calendar's figure, as laid out for the roadmap."""
    from coconstruct.report import charts_over_time, figures

    drawn: list[Any] = []

    def keep(figure: Any, name: str, part: int = 0) -> str:
        drawn.append(figure)
        return "<svg></svg>"

    monkeypatch.setattr(charts_over_time, "as_svg", keep)
    monkeypatch.setattr(figures, "draw_cached", lambda function, *args: function(*args))
    render(path, ["md"])
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = next(f for f in drawn if f.axes[0].get_yticklabels())
    FigureCanvasAgg(figure).draw()
    return figure


@pytest.mark.parametrize("example", [None, *sorted(EXAMPLE.parent.glob("*.yaml"))])
def test_every_label_of_the_calendar_fits_and_none_overlaps(
    tmp_path: Path, monkeypatch: Any, example: Path | None
) -> None:
    figure = drawn_timeline(example or write(tmp_path), monkeypatch)
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    page = figure.bbox
    words = [t for t in ax.texts if t.get_text().strip()]
    rows = [t for t in ax.get_yticklabels() if t.get_text()]
    assert words and rows
    for text in [*words, *rows]:  # nothing cut at the edges (« Prochain rendez- »)
        box = text.get_window_extent(renderer)
        assert box.x0 >= page.x0 - 0.5 and box.x1 <= page.x1 + 0.5, text.get_text()
    boxes = [t.get_window_extent(renderer) for t in words]
    for i, one in enumerate(boxes):  # no two labels over each other
        for other in boxes[i + 1 :]:
            assert not one.overlaps(other), (words[i].get_text(), other)
    # no label over a bar, a mark or the milestone's line
    bars = [p.get_window_extent(renderer) for p in ax.patches]
    marks = [
        line
        for line in ax.lines
        if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    ]
    lines = [line for line in ax.lines if line.get_linestyle() not in ("-", "None")]
    for text, box in zip(words, boxes, strict=True):
        shrunk = box.shrunk(0.98, 0.6)
        assert not any(shrunk.overlaps(bar) for bar in bars), text.get_text()
        for mark in marks:
            x, y = ax.transData.transform((mark.get_xdata()[0], mark.get_ydata()[0]))
            assert not shrunk.contains(x, y), text.get_text()
            radius = mark.get_markersize() / 72 * figure.dpi / 2
            assert not (
                shrunk.x0 < x + radius and x - radius < shrunk.x1 and shrunk.y0 < y < shrunk.y1
            ), text.get_text()
        for line in lines:  # a milestone: a vertical dashed line across the rows
            x = ax.transData.transform((line.get_xdata()[0], 0))[0]
            if text.get_text() not in ("Prochain rendez-vous", "Next meeting"):
                assert not (shrunk.x0 < x < shrunk.x1), text.get_text()


MONEY = """\
  workshop_date: {workshop}
  budget_year: 2019
  funding:
    - {{id: F1, funder: Département, source: subventions, amount: 15000, period_start: 2019}}
    - {{id: F2, funder: Fondation, source: mecenat, amount: 5000, period_start: 2019}}
    - {{id: F3, funder: Ventes, source: ventes_prestations, amount: 60000, period_start: 2019}}
"""


@pytest.mark.parametrize(
    ("workshop", "label"), [("2021-10", "Budget 2019"), ("2019-11-20", "Aujourd’hui 2019")]
)
def test_the_money_mix_of_an_earlier_year_is_not_today(
    tmp_path: Path, workshop: str, label: str
) -> None:
    page = render(write(tmp_path, MONEY.format(workshop=workshop)), ["html"]).documents["html"]
    text = page.decode()
    assert label in chart_labels(text, "money")
    if label.startswith("Budget"):
        assert "Aujourd’hui 2019" not in text and "Aujourd'hui 2019" not in text


def test_a_project_twenty_years_long_labels_every_few_years(tmp_path: Path) -> None:
    """« 2002 2007 2012 … », never every year run together (a citizen wind farm since 2002)."""
    body = SITE.replace("start: 2016-11, status: realisee}", "start: 2002, status: realisee}")
    body = body.replace("baseline_date: 2016-11,", "baseline_date: 2002,").replace(
        "target_date: 2021}", "target_date: 2030}"
    )
    page = render(write(tmp_path, body), ["html"]).documents["html"].decode()
    for chart in ("timeline", "results"):
        years = [int(label) for label in chart_labels(page, chart) if re.fullmatch(r"\d{4}", label)]
        assert years and len(years) <= 12, (chart, years)
        assert len({b - a for a, b in itertools.pairwise(years)}) <= 1, (chart, years)


def test_progress_towards_an_estimated_target_is_an_estimate(tmp_path: Path) -> None:
    body = SITE.replace("value: '>=100'}", "value: 78}")  # the latest measure exact: 78 of ~100
    md = render(write(tmp_path, body), ["md"]).documents["md"].decode()
    assert re.search(r"\| ≈\u00a078\u00a0% \|", md), md[md.find("Indicateurs") :][:600]


def test_a_partner_placed_without_an_attitude_has_its_legend(tmp_path: Path) -> None:
    body = SITE + (
        "  partners:\n"
        "    - {id: P1, name: Mairie, power: 5, interest: 4, attitude: champion}\n"
        "    - {id: P2, name: Banque, power: 4, interest: 2}\n"
    )
    page = render(write(tmp_path, body), ["html"]).documents["html"].decode()
    assert "attitude non connue" in chart_labels(page, "stakeholders")

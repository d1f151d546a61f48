"""Sites documented from sources, not only workshops (issue 22): `origin` and `as_of`, and a
roadmap, `show` and a synthesis that never say or imply a workshop that was not held. Read on
partial fixtures written as a consultant would, from the press and annual reports
(tests/data/sites/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import said
from test_report_partial import documents

SITES = Path(__file__).parent / "data" / "sites"
LANVAUX = SITES / "pays-de-lanvaux.yaml"
TOOL = re.compile(r"coconstruct \S+")


def copy(tmp_path: Path, source: Path = LANVAUX) -> Path:
    target = tmp_path / source.name
    shutil.copy(source, target)
    return target


def with_origin(tmp_path: Path, origin: str) -> Path:
    path = copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace("origin: documentaire", f"origin: {origin}")
    path.write_text(text, encoding="utf-8")
    return path


WORKSHOP_WORDS = {
    "fr": (
        "pendant l’atelier",
        "en atelier",
        "gommette",
        "la salle",
        "Absents du tableau",
        "L’atelier et le territoire",  # the first section's title, in the completeness table
        "Titre de l’atelier",
    ),
    "en": (
        "during the workshop",
        "in the workshop",
        "dot vote",
        "the room",
        "Missing from",
        "The workshop and the territory",
        "Workshop title",
    ),
}
SECTION = {"fr": "Le territoire et les sources", "en": "The territory and its sources"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_documented_site_claims_no_workshop(lang: str) -> None:
    md, html = documents(LANVAUX, lang)
    for text in (md, html):
        for words in WORKSHOP_WORDS[lang]:
            assert words not in text, words
        assert said("Not entered.", lang) in text
        assert said("Not answered during the workshop.", lang) not in text
        when = said("as of {period}", lang, period="mars 2024" if lang == "fr" else "March 2024")
        cover = said(
            "Prepared with {tool} from documentary sources, data up to date {as_of}.",
            lang,
            tool="TOOL",
            as_of=when,
        )
        assert cover.replace("TOOL", "coconstruct") in TOOL.sub("coconstruct", text)
        assert SECTION[lang] in text  # the first section in a documented site's words
        assert said("Data entered", lang) in text
        assert said("Completeness of the answers", lang) not in text
        assert said("The room's dot vote", lang) not in text  # not in the Method annex


def test_a_workshop_and_sources_say_both(tmp_path: Path) -> None:
    path = with_origin(tmp_path, "mixte")
    text = path.read_text(encoding="utf-8").replace(
        "  as_of: 2024-03\n", "  as_of: 2024-03\n  workshop_date: 2024-02-12\n"
    )
    path.write_text(text, encoding="utf-8")
    md, html = documents(path, "fr")
    for doc in (md, html):
        assert "Établie avec coconstruct" in doc
        assert (
            "à partir d’un atelier et de sources documentaires, données à jour en mars 2024" in doc
        )
        assert (
            "Cette feuille de route rend compte de l’atelier de co-construction du 12 février 2024 "
            "et de sources documentaires" in doc
        )


def test_a_file_without_origin_reads_as_a_workshop(tmp_path: Path) -> None:
    path = copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace("  origin: documentaire\n", "")
    path.write_text(text, encoding="utf-8")
    md, _ = documents(path, "fr")
    assert said("Not answered during the workshop.") in md
    assert "Établie avec coconstruct" in md and "à partir des réponses données en atelier" in md


def test_a_documented_site_is_final_without_a_workshop_date(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    done = cli("set", path, "--status", "final")
    assert done.code == 0, done.err
    assert "status: final" in path.read_text(encoding="utf-8")
    checked = cli("validate", path)
    assert checked.code == 0 and "0 errors, 0 warnings" in checked.err, checked.err
    # the same file as a workshop needs its date and its facilitator
    path.write_text(
        path.read_text(encoding="utf-8").replace("origin: documentaire", "origin: atelier"),
        encoding="utf-8",
    )
    refused = cli("validate", path)
    assert refused.code == 1 and "workshop_date" in refused.out, refused.out


def test_show_says_sources_not_a_workshop(tmp_path: Path, cli) -> None:
    shown = cli("show", copy(tmp_path))
    assert shown.code == 0, shown.err
    head = shown.out.splitlines()[1]
    # the file's language: French
    assert said("Documentary sources") in head
    assert said("data up to date: {date}", date="mars 2024") in head
    assert "Atelier de co-construction territoriale" not in head
    assert SECTION["fr"] in shown.out and "L’atelier et le territoire" not in shown.out
    detail = cli("show", copy(tmp_path), "--section", "atelier", "--no-pager")
    assert detail.code == 0, detail.err
    assert "Titre de la feuille de route" in detail.out and "Titre de l’atelier" not in detail.out


def test_git_shows_a_documented_site_in_its_own_words(tmp_path: Path, cli) -> None:
    """`git diff` (the textconv) names the sections as the roadmap does."""
    shown = cli("git", "textconv", copy(tmp_path))
    assert shown.code == 0, shown.err
    assert SECTION["fr"] in shown.out and "L’atelier et le territoire" not in shown.out


def test_the_interview_speaks_of_sources_not_of_a_workshop(tmp_path: Path) -> None:
    """`run` on a documented site: the first section's card, its questions' labels and the
    review say sources, not the room; a workshop keeps its words; `mixte` says both."""
    import contextlib

    from test_interview import Script, interview

    def first_screens(path: Path, *steps: tuple[str, object]) -> Script:
        script = Script(("section:atelier", "start"), *steps)
        with contextlib.suppress(KeyboardInterrupt):
            interview(path, script).run("atelier")
        return script

    script = first_screens(copy(tmp_path), ("origin", "documentaire"), ("as_of", "03/2024"))
    card = script.last("section:atelier")
    assert card.title == SECTION["fr"]
    assert "salle" not in card.help and "journée" not in card.help and "sources" in card.help
    asked = script.last("workshop_title")
    assert asked.label == "Titre de la feuille de route"
    assert asked.header.section == SECTION["fr"]
    # the same questions in a workshop: a workshop's words
    script = first_screens(with_origin(tmp_path, "atelier"), ("origin", "atelier"))
    assert script.last("section:atelier").title == "L’atelier et le territoire"
    assert script.last("workshop_title").label == "Titre de l’atelier"
    script = first_screens(with_origin(tmp_path, "mixte"))
    assert script.last("section:atelier").title == "L’atelier, les sources et le territoire"


def test_the_synthesis_dates_a_documented_site_by_its_data(tmp_path: Path, cli) -> None:
    site = copy(tmp_path)
    other = tmp_path / "autre.yaml"
    shutil.copy(site, other)
    done = cli("synthesis", site, other, "-f", "md", "-o", tmp_path / "out")
    assert done.code == 0, done.err
    md = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "Their workshops and the dates of their data run from Mar 2024 to Mar 2024." in md
    assert "| Territory | Date |" in md


# --- undated facts ---------------------------------------------------------------------------


def test_set_takes_unknown_dates_and_periods(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    done = cli(
        "set",
        path,
        "funding[F1].period_start=inconnue",
        "measures[+].indicator=Ind1",
        "measures[+].date=date inconnue",
        "measures[+].value=172",
        "actions[A2].start=2019-2020",
        "actions[+].title=Porte-à-porte",
        "actions[+].needs_served=N1",
        "actions[+].start=de 2016 à 2017",
        "indicators[Ind1].baseline_date=unknown",
    )
    assert done.code == 0, done.err
    text = path.read_text(encoding="utf-8")
    assert "period_start: unknown" in text and "date: unknown" in text
    assert "start: 2019\n      end: 2020\n" in text  # a period: its start and its end
    assert "start: 2016\n      end: 2017\n" in text
    assert cli("set", path, "--status", "final").code == 0  # an unknown date is an answer
    refused = cli("set", path, "actions[A2].start=2021-2019")
    assert refused.code != 0 and "actions[A2].start" in refused.err


def test_undated_money_is_in_no_year(tmp_path: Path) -> None:
    md, html = documents(LANVAUX, "fr")
    for doc in (md, html):
        # the FSE line has no period on a documented site: year not known, not this year's money
        assert re.search(r"310 k€\W*ressources identifiées pour 2023", doc)
        assert said("Funding of other years or of a year not known") in doc
        assert said("year not known") in doc
        assert "Plan de financement 2024" not in doc
    row = next(line for line in md.splitlines() if "Fonds social européen" in line)
    assert row.endswith("| année non connue |")


def test_a_workshop_line_without_a_period_stays_in_the_plan_year(tmp_path: Path) -> None:
    path = with_origin(tmp_path, "atelier")
    md, _ = documents(path, "fr")
    assert "Fonds social européen" in md.split("### Plan de financement 2024", 1)[1].split("###")[0]


def test_a_mixed_site_line_without_a_period_is_in_no_year(tmp_path: Path) -> None:
    """A workshop and sources: a line a source gives without a year is not this year's money."""
    path = with_origin(tmp_path, "mixte")
    text = path.read_text(encoding="utf-8").replace(
        "  as_of: 2024-03\n", "  as_of: 2024-03\n  workshop_date: 2024-02-12\n"
    )
    path.write_text(text, encoding="utf-8")
    md, _ = documents(path, "fr")
    assert "Plan de financement 2024" not in md
    row = next(line for line in md.splitlines() if "Fonds social européen" in line)
    assert row.endswith("| année non connue |")


def with_undated_measure(tmp_path: Path, cli) -> Path:
    """Lanvaux with « 172 personnes contactées », a measure of no known date."""
    path = copy(tmp_path)
    cli(
        "set",
        path,
        "measures[+].indicator=Ind1",
        "measures[+].date=inconnue",
        "measures[+].value=172",
    )
    return path


def test_an_undated_measure_is_apart_from_the_series(tmp_path: Path, cli) -> None:
    path = with_undated_measure(tmp_path, cli)
    md, html = documents(path, "fr")
    for doc in (md, html):
        assert said("Measures whose date is not known") in doc
        assert "Mes4" in doc and "172 salariés" in doc
    latest = next(line for line in md.splitlines() if line.startswith("| Ind1 |"))
    assert "82 salariés [3]<br>déc. 2023" in latest  # the latest dated measure, not the undated
    chart = next(line for line in md.splitlines() if line.startswith("![Les résultats"))
    assert "172" not in chart and "non connue" not in chart


def test_no_open_point_about_a_finished_action_and_no_risk_said_as_such(
    tmp_path: Path, cli
) -> None:
    path = copy(tmp_path)
    cli("set", path, "actions[A2].start=inconnue", "actions[A2].end=")
    md, html = documents(path, "fr")
    for doc in (md, html):
        # A2, done in 2019, has no budget: that is no open point; A1, running, is one
        assert re.search(
            r"A1\W+Faire fonctionner l'entreprise à but d'emploi\W+action sans budget", doc
        )
        assert not re.search(
            r"A2\W+Fête de lancement et forum de l'emploi\W+action sans budget", doc
        )
        assert said("No risk entered.") in doc
        assert said("date not known") in doc  # A2's dates, said unknown


# --- checks ----------------------------------------------------------------------------------


def test_target_shares_must_make_a_whole(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    shares = ["target_year=2027", "target_public_share=60", "target_private_share=30"]
    assert cli("set", path, *shares, "target_earned_share=20").code == 0
    problem = said("these answers add up to {total}, not {whole}", total="110", whole="100")
    draft = cli("validate", path)
    assert draft.code == 0 and problem in draft.out  # a warning while the file is a draft
    assert said("warning: ") in draft.out
    refused = cli("set", path, "--status", "final")
    assert refused.code != 0 and problem in refused.err
    assert cli("set", path, "target_earned_share=10", "--status", "final").code == 0
    checked = cli("validate", path)
    assert checked.code == 0 and problem not in checked.out


def test_set_on_a_final_file_refuses_a_change_that_breaks_it(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    assert cli("set", path, "--status", "final").code == 0
    before = path.read_bytes()
    refused = cli("set", path, "resources[+].title=Locaux")
    assert refused.code != 0
    assert "resources[R2].type" in refused.err  # the missing answer, named
    assert path.read_bytes() == before  # file unchanged
    # complete in the same command, or put the file back in draft
    assert cli("set", path, "resources[+].title=Locaux", "resources[+].type=naturelle").code == 0
    assert "status: final" in path.read_text(encoding="utf-8")
    done = cli("set", path, "resources[+].title=Foncier", "--status", "draft")
    assert done.code == 0 and "status: draft" in path.read_text(encoding="utf-8")


def test_import_into_a_final_file_refuses_rows_that_break_it(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    assert cli("set", path, "--status", "final").code == 0
    before = path.read_bytes()
    table = tmp_path / "ressources.csv"
    table.write_text("Ressource;Description\nLocaux;Un atelier\n", encoding="utf-8")
    refused = cli("import", path, table, "--list", "resources")
    assert refused.code != 0, refused.out
    assert "resources[R2].type" in refused.err
    assert path.read_bytes() == before
    assert "--status draft" in refused.err  # how to go on, said
    # the same command may lower the status: the rows go in, the file becomes a draft
    done = cli("import", path, table, "--list", "resources", "--status", "draft")
    assert done.code == 0, done.err
    assert said("status: {status}", status="draft") in done.out
    text = path.read_text(encoding="utf-8")
    assert "status: draft" in text and "title: Locaux" in text
    # and raise it: refused while the rows leave it incomplete, nothing written
    again = path.read_bytes()
    assert cli("import", path, table, "--list", "resources", "--status", "final").code != 0
    assert path.read_bytes() == again


# --- indicators typed one a line ------------------------------------------------------------

LONG = "Personnes recrutées en CDI depuis l'ouverture de l'entreprise : 65 personnes"
SHORT = "Plus de 200 000 € de chiffre d'affaires"


def test_indicators_typed_on_several_lines_stay_apart_in_every_format(tmp_path: Path, cli) -> None:
    import zipfile

    path = copy(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "        Salariés en CDI\n        Chiffre d'affaires annuel\n",
            f"        {LONG}\n        {SHORT}\n",
        ),
        encoding="utf-8",
    )
    md, _ = documents(path, "fr")
    long, short = LONG, SHORT
    # the action's sheet and the actions' indicators table, in Markdown and in HTML
    assert f"{long}\\\n{short}" in md or f"{long}\n{short}" in md
    assert f"{long}<br>{short}" in md  # the table's cell
    from coconstruct.report import render

    page = render(path, ["html"], lang="fr").documents["html"].decode()
    page = page.replace("&#39;", "'").replace("<br>\n", "<br>")
    assert page.count(f"{long}<br>{short}") == 2  # the action's sheet and the table
    done = cli("render", path, "-f", "docx", "-o", tmp_path / "out")
    assert done.code == 0, done.err
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.docx"))) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert re.search(r"65 personnes</w:t>.{0,200}?<w:br\s*/>.{0,200}?Plus de 200", xml, re.S)
    assert "65 personnes Plus de 200" not in xml


# --- new kinds: material resources, the EU, headcounts, ongoing activities, rules ------------


def test_new_kinds_enter_with_set_and_show_in_the_roadmap(tmp_path: Path, cli) -> None:
    path = copy(tmp_path)
    done = cli(
        "set",
        path,
        "resources[R1].type=materielle",
        "partners[+].name=Fonds social européen",
        "partners[+].actor_type=union_europeenne",
        "staff_headcount=82",
        "actions[A1].status=permanente",
        "funding[F1].rate=18000",
        "funding[F1].units=75",
        "funding[F1].unit_name=postes",
        "funding[F1].period_start=2023",
        "--status",
        "final",
    )
    assert done.code == 0, done.err
    md, html = documents(path, "fr")
    for doc in (md, html):
        assert "Ressource matérielle" in doc
        assert "Union européenne (FSE+, FEDER, LEADER…)" in doc
        assert re.search(r"Salariés du projet \(personnes\)\W+82", doc)
        assert "Activité permanente" in doc and "janv. 2017 – en cours" in doc
        # the amount by rule: an estimate, with the rule it comes from
        assert "≈ 1 350 000 € (18 000 € × 75 postes)" in doc
        # the evidence of a funding line, printed beside it
        assert "Éléments de preuve : Règle nationale de la contribution" in doc
    # the latest measure cites its source
    assert "82 salariés [3]<br>déc. 2023" in md
    en, _ = documents(path, "en")
    assert "≈ €1,350,000 (€18,000 × 75 postes)" in en
    assert "Material resource" in en and "Ongoing activity" in en


def test_an_ongoing_activity_runs_on_in_the_calendar() -> None:
    from coconstruct.analysis.plan import Span
    from coconstruct.model.dates import ApproxDate

    span = Span("A1", ApproxDate(2017, 1), None, "permanente")
    assert span.runs_on and not span.not_started


# --- results up front ------------------------------------------------------------------------


def test_results_lead_the_cover_and_the_summary_when_plan_and_money_say_little() -> None:
    from coconstruct.report import render

    page = render(LANVAUX, ["html"], lang="fr").documents["html"].decode()
    cover = page.split('class="cover-figures"', 1)[1].split("</div>\n  <div", 1)[0]
    cover = cover.replace("&#39;", "'").replace("<wbr>", "")  # the unit may go below on a card
    assert re.search(r"82\s*salariés</span>Salariés en CDI de l'EBE", cover)
    assert "–</span>" not in cover  # never a card of dashes
    md, _ = documents(LANVAUX, "fr")
    summary = md.split("## 01 · L’essentiel", 1)[1].split("### ", 1)[0]
    first = next(line for line in summary.splitlines() if line.startswith("| **"))
    assert first.startswith("| **82 salariés** | Salariés en CDI de l'EBE — _déc. 2023, source")
    assert "| **–** |" not in summary
    # what is left out is said, with why
    assert said("Not given for want of data: {figures}.", figures="X").split("X")[0] in summary
    assert "budget du plan d’actions (depuis 2017, 0 action sur 2 a un budget)" in summary


def test_the_results_chart_joins_only_measures_a_year_apart() -> None:
    md, _ = documents(LANVAUX, "fr")
    chart = next(line for line in md.splitlines() if line.startswith("![Les résultats"))
    assert said("Measures more than a year apart are not joined by a line.") in chart


def test_measures_a_year_apart_are_joined_and_no_others() -> None:
    import datetime as dt

    from coconstruct.report.charts_over_time import Point, joined

    points = (
        Point(dt.date(2017, 12, 15), 54.0),
        Point(dt.date(2018, 12, 15), 60.0),  # 365 days: joined
        Point(dt.date(2021, 1, 15), 75.0),  # two years later: not joined
        Point(dt.date(2021, 6, 15), 78.0),
    )
    assert joined(points) == [(points[0], points[1]), (points[2], points[3])]


def test_an_unknown_date_goes_through_export_and_import(tmp_path: Path, cli) -> None:
    path = with_undated_measure(tmp_path, cli)
    assert cli("export", path, "-f", "csv", "-o", tmp_path / "out").code == 0
    table = (tmp_path / "out" / "measures.csv").read_text(encoding="utf-8-sig")
    assert ",date not known,172," in table  # the tool speaks English here
    fresh = tmp_path / "fresh" / LANVAUX.name
    fresh.parent.mkdir()
    shutil.copy(LANVAUX, fresh)
    done = cli("import", fresh, tmp_path / "out" / "measures.csv", "--list", "measures")
    assert done.code == 0, done.err
    assert fresh.read_text(encoding="utf-8").count("date: unknown") == 1


# --- every figure with its evidence ------------------------------------------------------------


def test_conflicting_figures_stay_side_by_side_with_their_sources(tmp_path: Path, cli) -> None:
    """Two sources give different figures for the same date: both are shown with their sources
    (the latest measure, the year-by-year table, a note), no progress is drawn from them, and
    the data annex gives every measure its sources."""
    path = copy(tmp_path)
    done = cli(
        "set",
        path,
        "indicators[Ind1].target=100",
        "indicators[Ind1].baseline=40",
        "indicators[Ind1].baseline_date=2017-01",
        "measures[+].indicator=Ind1",
        "measures[+].date=2023-12",
        "measures[+].value=80",
        "measures[+].sources=S4",
    )
    assert done.code == 0, done.err
    md, html = documents(path, "fr")
    md = md.replace("\\[", "[").replace("\\]", "]")  # brackets as a reader sees them
    year_table = md.split("### " + said("Measures year by year"), 1)[1].split("###")[0]
    row = next(line for line in year_table.splitlines() if line.startswith("| Ind1 |"))
    assert "54 salariés [2]" in row and "75 salariés [2]" in row  # each year, its sources
    assert "82 salariés [3]<br>80 salariés [4]<br>_déc. 2023_" in row  # both, each sourced
    note = said(
        "Sources disagree on {indicator} in {date}: {figures}. Every figure is shown; none is "
        "used for a progress.",
        indicator="Ind1 · Salariés en CDI de l'EBE",
        date="déc. 2023",
        figures="82 salariés [3], 80 salariés [4]",
    )
    assert note in html.replace("&#39;", "'")
    indicators = md.split("### Indicateurs de résultats", 1)[1].split("###")[0]
    latest = next(line for line in indicators.splitlines() if line.startswith("| Ind1 |"))
    assert "82 salariés [3] / 80 salariés [4]" in latest
    assert latest.endswith("| – |")  # no progress from figures the sources disagree on
    annex = md.split('<a name="data-results"></a>', 1)[1]
    assert "| Indicateur | Date | Valeur | Sources |" in annex
    assert "| déc. 2017 | 54 salariés | [2] |" in annex
    assert "| déc. 2023 | 80 salariés | [4] |" in annex
    assert "Les mesures année par année" in html
    assert re.search(r"82 salariés \[3\]\s*80 salariés \[4\]", html)

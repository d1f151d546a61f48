"""The roadmap documents: content, languages, escaping, partial answers, templates, the PDF step."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, pdf_text

from coconstruct.errors import CoconstructError
from coconstruct.model.answers_file import AnswersFile
from coconstruct.report import PartialRender, export_templates, render, render_document
from coconstruct.report.document import template_files
from coconstruct.report.environment import builtin_templates, md_escape


def write_answers(folder: Path, body: str, name: str = "atelier.yaml") -> Path:
    path = folder / name
    path.write_text(
        "questionnaire: territoire\nquestionnaire_version: 2\nlanguage: fr\nstatus: draft\n" + body,
        encoding="utf-8",
    )
    return path


# --- content and languages ----------------------------------------------------------------------


@pytest.mark.slow
def test_english_pdf_has_the_headings_and_figures(hostile_pdf: Path) -> None:
    text = pdf_text(hostile_pdf)
    for heading in (
        "Contents",
        "At a glance",
        "Context and scissor effect",
        "Shared diagnosis",
        "Map of actors",
        "Action plan",
        "Hybrid model and financing plan",
        "Governance",
        "Calendar and milestones",
        "Risks and success conditions",
    ):
        assert heading in text
    assert "≥ €1,320,000" in text  # the money of 2027, one amount not known: a floor
    assert "€3,292,000" in text  # the action plan's budget
    assert "Page 3 of" in text
    assert "Launch" not in text  # answers stay in the language they were written in
    assert "Lancer un service de transport solidaire" in text


@pytest.mark.slow
def test_french_documents_say_the_same_thing(example_roadmap: tuple[Path, object]) -> None:
    folder, _ = example_roadmap
    md = (folder / "val-d-orbiere.md").read_text(encoding="utf-8")
    html = (folder / "val-d-orbiere.html").read_text(encoding="utf-8")
    pdf = pdf_text(folder / "val-d-orbiere.pdf")
    for needle in (
        "Diagnostic partagé",
        "Plan de financement",
        "≥ 1 320 000 €",
        "3 292 000 €",
        "Associer étroitement",
        "Accéder aux soins de premier recours",
    ):
        assert needle in md.replace("\u202f", " ").replace("\u00a0", " ")
        assert needle in html.replace("\u202f", " ").replace("\u00a0", " ")
        assert needle in pdf
    assert "Page 3 sur" in pdf
    assert "Sommaire" in pdf


def test_lang_overrides_the_answers_language(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, "answers:\n  territory_name: Val\n")
    result = render(answers, ["md"], lang="en")
    assert "## 01 · At a glance" in result.documents["md"].decode()
    assert "## 01 · L’essentiel" in render(answers, ["md"]).documents["md"].decode()


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, "answers: {}\n")
    with pytest.raises(CoconstructError, match="--lang de: choose one of fr, en"):
        render(answers, ["md"], lang="de")


def test_markdown_charts_are_files_beside_it(example_report: Path) -> None:
    folder = example_report
    md = (folder / "val-d-orbiere.md").read_text(encoding="utf-8")
    for name in ("scissors", "money", "stakeholders", "timeline"):
        chart = folder / "val-d-orbiere_charts" / f"{name}.svg"
        assert chart.read_text(encoding="utf-8").startswith("<svg")
        assert f"](val-d-orbiere_charts/{name}.svg)" in md


def test_html_is_self_contained(example_report: Path) -> None:
    folder = example_report
    html = (folder / "val-d-orbiere.html").read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html
    resources = re.findall(r"""(?:src=|url\()["']?([^"')\s>]+)""", html)
    assert resources, "fonts are embedded"
    assert all(u.startswith(("data:", "#")) for u in resources), [  # `#`: an SVG's clip
        u[:40] for u in resources if not u.startswith(("data:", "#"))
    ]
    # links go within the page, or to the cited sources' own addresses (never fetched)
    sources = {s["url"] for s in AnswersFile.load(EXAMPLE).get("sources") if s.get("url")}
    links = re.findall(r'href="([^"]+)"', html)
    assert sources and sources <= set(links)
    assert all(u.startswith("#") or u in sources for u in links), links
    assert html.count("<svg") == 6  # the charts, inline


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    first, second = render(answers, ["md", "html"]), render(answers, ["md", "html"])
    assert first.documents == second.documents
    assert first.charts == second.charts


# --- hostile answers ----------------------------------------------------------------------------


def test_hostile_answers_are_printed_as_text_in_html(hostile_roadmap: Path) -> None:
    html = (hostile_roadmap / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }} {% raw %}x{% endraw %}" in html  # never evaluated
    assert "<b>b</b>" not in html and "&lt;b&gt;b&lt;/b&gt;" in html


def test_hostile_answers_are_printed_as_text_in_markdown(hostile_roadmap: Path) -> None:
    md = (hostile_roadmap / "hostile.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|b>)", md)  # every < typed is escaped
    assert r"\<script\>alert(1)\</script\> & \*\*Val\*\*" in md
    assert r"{{ 7\*7 }}" in md
    assert r"\[link\](javascript:alert(1))" in md
    assert r"\| cell \| \*\*bold\*\* \`code\`" in md  # the table row stays one row
    assert "\n# not a heading" not in md and "\n> \\# not a heading" in md


@pytest.mark.slow
def test_hostile_answers_are_printed_as_text_in_pdf(hostile_pdf: Path) -> None:
    text = pdf_text(hostile_pdf)
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text
    assert "49" not in text.split("At a glance")[0]  # not on the cover either


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("0.66", "0.66"),
        ("+14", "+14"),
        ("1. first", r"1\. first"),
        ("- item", r"\- item"),
        ("# title", r"\# title"),
        ("a\nb", "a b"),
        (" a \u2028 b\t", "a b"),
        ("1\u202f200\u00a0€", "1\u202f200\u00a0€"),  # French numbers do not break
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("R&D", "R&D"),
    ],
)
def test_markdown_escaping(typed: str, escaped: str) -> None:
    assert str(md_escape(typed)) == escaped


# --- partial answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "answers: {}\n",
        "answers:\n  territory_name: Val\n  needs:\n    - id: N1\n      title: Eau\n",
        "answers:\n  needs: not a list\n  funding:\n    - {id: F1, amount: many}\n"
        "  actions:\n    - {id: A1, start: soon, needs_served: [N9], lead_partner: P7}\n"
        "  partners:\n    - {id: P1, power: 9, interest: 2}\n  target_public_share: 80\n"
        "deferred: [budget_year, nonsense]\n",
    ],
    ids=["empty", "one-need", "garbled"],
)
def test_partial_answers_give_a_sensible_report(tmp_path: Path, body: str) -> None:
    answers = write_answers(tmp_path, body)
    result = render(answers, ["md", "html"])
    md = result.documents["md"].decode()
    assert "## 12 · Annexe : points ouverts et engagements" in md
    assert "Sans réponse pendant l’atelier." in md
    assert result.charts == {}  # nothing worth a chart: none is drawn empty


def test_a_draft_says_so_on_the_cover(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, "answers:\n  territory_name: Val\n")
    assert "Version de travail" in render(answers, ["html"]).documents["html"].decode()


# --- templates ----------------------------------------------------------------------------------


def test_a_template_of_the_same_name_overrides_the_builtin_one(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    (brand / "html").mkdir(parents=True)
    (brand / "html" / "cover.j2").write_text(
        "<section><h1>CABINET CONSEIL — {{ doc.territory }}</h1></section>\n", encoding="utf-8"
    )
    answers = write_answers(tmp_path, "answers:\n  territory_name: Val\n")
    result = render(answers, ["html", "md"], templates_dir=brand)
    assert "CABINET CONSEIL — Val" in result.documents["html"].decode()
    assert "CABINET" not in result.documents["md"].decode()
    used = {p.resolve() for p in result.templates_used}
    assert (brand / "html" / "cover.j2").resolve() in used
    assert (builtin_templates() / "html" / "cover.j2").resolve() not in used
    assert (builtin_templates() / "roadmap.css").resolve() in used
    assert used <= {p.resolve() for p in template_files(brand)}


def test_export_copies_every_builtin_template_and_keeps_edited_ones(tmp_path: Path) -> None:
    copied, kept = export_templates(tmp_path / "t")
    names = {p.relative_to(tmp_path / "t").as_posix() for p in copied}
    assert {
        "roadmap.html.j2",
        "roadmap.md.j2",
        "roadmap.css",
        "html/cover.j2",
        "fonts/OFL-Inter.txt",
    } <= names
    assert kept == []
    (tmp_path / "t" / "roadmap.css").write_text("/* mine */", encoding="utf-8")
    copied, kept = export_templates(tmp_path / "t")
    assert copied == [] and (tmp_path / "t" / "roadmap.css") in kept
    assert (tmp_path / "t" / "roadmap.css").read_text(encoding="utf-8") == "/* mine */"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# {{ doc.title }}\n\n{{ doc.nope }}\n", r"roadmap\.md\.j2:3: .*'nope'"),
        ("# title\n{% if %}\n", r"roadmap\.md\.j2:2: template syntax error"),
        ("{{ ''.__class__.__mro__ }}\n", r"roadmap\.md\.j2:1: .*unsafe"),
        ("{% include 'missing.j2' %}\n", r"template missing\.j2 not found"),
    ],
    ids=["undefined", "syntax", "sandbox", "missing-include"],
)
def test_template_mistakes_name_the_file_and_line(
    tmp_path: Path, source: str, expected: str
) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "roadmap.md.j2").write_text(source, encoding="utf-8")
    answers = write_answers(tmp_path, "answers: {}\n")
    with pytest.raises(CoconstructError, match=expected):
        render(answers, ["md"], templates_dir=brand)


def test_a_missing_templates_folder_is_a_clear_error(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, "answers: {}\n")
    with pytest.raises(CoconstructError, match="no such templates folder"):
        render(answers, ["md"], templates_dir=tmp_path / "nope")


# --- the PDF step's confinement -----------------------------------------------------------------


@pytest.fixture
def fetcher(tmp_path: Path):
    from coconstruct.report.pdf import confined_fetcher

    root = tmp_path / "templates"
    (root / "img").mkdir(parents=True)
    (root / "img" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    return root, confined_fetcher([root])


def test_fetcher_serves_template_files_and_data_urls(fetcher: tuple[Path, object]) -> None:
    root, fetch = fetcher
    response = fetch.fetch((root / "img" / "logo.svg").as_uri())  # type: ignore[attr-defined]
    assert response.read().startswith(b"<svg")
    assert fetch.fetch("data:text/plain;base64,aGk=").read() == b"hi"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://fonts.example/x.woff2",
        "ftp://example.com/x",
        "{root}/../secret.txt",
        "{root}/link.txt",
        "file:///etc/passwd",
    ],
)
def test_fetcher_refuses_the_network_and_files_outside(
    fetcher: tuple[Path, object], url: str
) -> None:
    from weasyprint.urls import FatalURLFetchingError

    root, fetch = fetcher
    url = url.format(root=root.as_uri())
    with pytest.raises(FatalURLFetchingError):
        fetch.fetch(url)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_template_fetching_the_network_fails_the_pdf_but_keeps_the_html(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "roadmap.html.j2").write_text(
        '<html><body><h1>{{ doc.territory }}</h1><img src="http://example.com/a.png">'
        "</body></html>\n",
        encoding="utf-8",
    )
    answers = write_answers(tmp_path, "answers:\n  territory_name: Val\n")
    with pytest.raises(PartialRender, match=r"asks for http://example\.com/a\.png") as caught:
        render_document(answers, ["md", "html", "pdf"], templates_dir=brand)
    assert {p.name for p in caught.value.written} >= {"atelier.md", "atelier.html"}
    assert not (tmp_path / "atelier.pdf").exists()


def test_missing_pango_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from coconstruct.report import pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now fails
    with pytest.raises(CoconstructError) as caught:
        pdf.weasyprint.__wrapped__()
    assert "weasyprint does not start" in caught.value.message
    assert (
        caught.value.hint and "libpango" in caught.value.hint and "-f md,html" in caught.value.hint
    )


@pytest.mark.parametrize(
    ("lang", "value", "money", "compact"),
    [
        ("fr", 1200, "1\u202f200\u00a0€", "1\u202f200\u00a0€"),
        ("en", 1200, "€1,200", "€1,200"),
        ("fr", 3_292_000, "3\u202f292\u202f000\u00a0€", "3,3\u00a0M€"),
        ("en", 178_400, "€178,400", "€178K"),
        ("en", 12.5, "€12.50", "€12.50"),
    ],
)
def test_money_as_readers_expect_it(lang: str, value: float, money: str, compact: str) -> None:
    from coconstruct.model.formatting import Formatter

    fmt = Formatter(lang)
    assert fmt.money(value) == money
    assert fmt.compact_money(value) == compact


def test_percentages_and_dates_by_language() -> None:
    from coconstruct.model.formatting import Formatter

    assert Formatter("fr").percent(0.4587) == "46\u00a0%"
    assert Formatter("en").percent(0.4587, 1) == "45.9%"
    assert Formatter("fr").date("2026-11-19") == "19 novembre 2026"
    assert Formatter("en").date("2026-11-19") == "November 19, 2026"
    assert Formatter("en").signed(-21.7) == "−22"


@pytest.mark.slow
def test_unchanged_charts_come_from_the_cache_without_matplotlib(tmp_path: Path) -> None:
    import os
    import subprocess

    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    code = (
        "import sys; from pathlib import Path; from coconstruct.report import render\n"
        f"r = render(Path({EXAMPLE.name!r}), ['md'])\n"
        "print(len(r.charts), 'matplotlib' in sys.modules)\n"
    )
    env = {**os.environ, "COCONSTRUCT_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()

    assert run() == "6 True"  # drawn, then kept
    assert run() == "6 False"  # the same six charts, matplotlib never imported
    assert len(list((tmp_path / "cache" / "charts").glob("*.svg"))) == 6


@pytest.mark.slow
def test_the_pdf_bookmarks_read_as_the_contents(example_roadmap: tuple[Path, object]) -> None:
    import pikepdf

    folder, _ = example_roadmap
    with pikepdf.open(folder / "val-d-orbiere.pdf") as pdf, pdf.open_outline() as outline:
        titles = [str(item.title) for item in outline.root]
    assert "01 L’essentiel" in titles and "13 Annexe : sources, méthode et données" in titles


# --- the room's dot vote --------------------------------------------------------------------------


def without_vote(text: str) -> str:
    """The example's answers without the room's vote (its counts, date, voters and dots)."""
    text = re.sub(r"\n      votes: \d+", "", text)
    return re.sub(r"\n  vote_(?:date|voters|dots): [^\n]*", "", text)


def test_the_rooms_dot_vote_is_in_the_shared_diagnosis_as_a_chart_and_as_text() -> None:
    result = render(EXAMPLE, ["md", "html"], lang="en")
    md = result.documents["md"].decode().replace("\\", "")
    base = (
        "Vote of November 19, 2026: 38 voters, 190 dots placed of the 190 offered (5 each), "
        "12 needs voted on."
    )
    assert "### The room's dot vote" in md and base in md
    assert (
        "| N3 | **Rompre l'isolement des personnes âgées dans les hameaux** | Social | 36 | 19% |"
        in md
    )
    assert "](val-d-orbiere_charts/votes.svg)" in md and "(#data-votes)" in md
    # the key message: the need the room put first, with its share of the dots
    assert (
        "the room put “Rompre l'isolement des personnes âgées dans les hameaux” first, with 19%"
        in md
    )
    html = result.documents["html"].decode()
    assert 'class="chart chart-votes"' in html and 'id="data-votes"' in html
    assert "36 (19%)" in html  # the chart's numbers, as text in the SVG
    assert base in html.replace("&#39;", "'")


def test_a_need_added_after_the_vote_is_said_to_have_no_count(tmp_path: Path) -> None:
    answers = tmp_path / "vote.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    answers.write_text(text.replace("      votes: 2\n", "", 1), encoding="utf-8")
    md = render(answers, ["md"], lang="en").documents["md"].decode().replace("\\", "")
    assert (
        "188 dots placed of the 190 offered (5 each), 11 needs of 12 voted on (no count for" in md
    )


def test_without_a_vote_the_diagnosis_has_no_vote_section(tmp_path: Path) -> None:
    answers = tmp_path / "no-vote.yaml"
    answers.write_text(without_vote(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    result = render(answers, ["md", "html"], lang="en")
    md = result.documents["md"].decode()
    assert (
        "### The room's dot vote" not in md
        and "votes.svg" not in md
        and "votes" not in result.charts
    )
    assert "chart-votes" not in result.documents["html"].decode()


def test_a_vote_with_no_dot_placed_says_why_it_has_no_chart(tmp_path: Path) -> None:
    answers = tmp_path / "no-dot.yaml"
    text = re.sub(r"votes: \d+", "votes: 0", EXAMPLE.read_text(encoding="utf-8"))
    answers.write_text(text.replace("vote_voters: 38", "vote_voters: 0"), encoding="utf-8")
    result = render(answers, ["md", "html"], lang="en")
    md = result.documents["md"].decode()
    assert "The chart of the dot vote is not drawn: no dot was placed." in md
    assert "votes" not in result.charts and "In its dot vote" not in md

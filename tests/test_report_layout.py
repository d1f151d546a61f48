"""What a reader sees on the PDF's pages (issue 22, layout): a département at full scale (92
needs, 58 partners, 76 actions, tests/sites.py) and three small partial sites with long names
(tests/data/layout), rendered once each in French and English.

Every page is read back as a user reads it: its text by position (pypdf), its structure (the
tagged PDF: which element ends a page), its ink (pdftoppm: what is drawn where).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import render_once
from pdftags import marked_texts
from sites import DATA, PARTIAL, departement

# Rendering the eight PDFs costs some 40 s of CPU once for the module (two départements of 85
# pages); the first test waits for it, so the module's limit is wider than a slow test's.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

MM = 72 / 25.4  # PDF points in a millimetre
PAGE_HEIGHT = 297 * MM
TOP, BOTTOM = 21 * MM, 20 * MM  # the page's margins (templates/roadmap.html.j2)
SITES = ["departement", *PARTIAL]
# the département (86 pages, the costly one) in French; the partial sites in both languages; a
# documented site in English answers rendered in French (its annex's long results table)
DOCUMENTED = "ferrieres-plateau"
CASES = [
    ("departement", "fr"),
    *((site, lang) for site in PARTIAL for lang in ("fr", "en")),
    (DOCUMENTED, "fr"),
]


def _render_pdf(job: tuple[Path, str]) -> str:
    """A site's PDF, and its pages' text as laid out (read once here, in the pool, for every
    worker: pypdf takes seconds a page on the département)."""
    from coconstruct.report import render_document

    source, lang = job
    render_document(source, ["pdf"], lang=lang)
    pdf = source.with_suffix(".pdf")
    pdf.with_suffix(".text.json").write_text(json.dumps(_read_laid_out(pdf)), encoding="utf-8")
    found = [[page, mcid, text] for (page, mcid), text in marked_texts(pdf).items()]
    pdf.with_suffix(".marks.json").write_text(json.dumps(found), encoding="utf-8")
    return str(pdf)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The sites' roadmaps as PDF (CASES): (site, lang) → file."""

    def make(folder: Path) -> dict[str, Any]:
        jobs = []
        for site, lang in CASES:
            source = folder / lang / f"{site}.yaml"
            source.parent.mkdir(parents=True, exist_ok=True)
            if site == "departement":
                source.write_text(departement(), encoding="utf-8")
            elif site == DOCUMENTED:
                source.write_bytes((DATA.parent / "sites" / f"{site}.yaml").read_bytes())
            else:
                source.write_bytes((DATA / f"{site}.yaml").read_bytes())
            jobs.append((f"{site}/{lang}", source, lang))
        # one process per core: the other xdist workers wait for these eight PDFs meanwhile
        with ProcessPoolExecutor(os.cpu_count() or 2) as pool:
            done = pool.map(_render_pdf, [(source, lang) for _, source, lang in jobs])
            return {key: path for (key, _, _), path in zip(jobs, done, strict=True)}

    _, made = render_once(tmp_path_factory, "layout-sites", make)
    return {tuple(key.split("/")): Path(path) for key, path in made.items()}  # type: ignore[misc]


@functools.cache
def laid_out(path: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's pieces of text laid out on it (running head and foot included, not the words
    drawn inside a chart): (baseline, left edge, text), in points from the page's top."""
    pages = json.loads(path.with_suffix(".text.json").read_text(encoding="utf-8"))
    return [[(y, x, text) for y, x, text in page] for page in pages]


def _read_laid_out(path: Path) -> list[list[tuple[float, float, str]]]:
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        found: list[tuple[float, float, str]] = []

        def seen(text: str, cm: Any, tm: Any, *_: Any, found: list[Any] = found) -> None:
            # weasyprint draws a page in CSS pixels, y downwards: cm = (0.75, 0, 0, -0.75, 0, H)
            if text.strip() and cm[0] == 0.75 and cm[3] == -0.75:
                found.append((tm[5] * 0.75, tm[4] * 0.75, text.strip()))

        page.extract_text(visitor_text=seen)
        pages.append(found)
    return pages


@functools.cache
def marks(path: Path) -> dict[tuple[int, int], str]:
    """The text of each marked content of the tagged PDF: (page, MCID) → text (read once, in
    the rendering pool)."""
    found = json.loads(path.with_suffix(".marks.json").read_text(encoding="utf-8"))
    return {(page, mcid): text for page, mcid, text in found}


def lines(path: Path) -> list[list[tuple[float, str]]]:
    """Each page's pieces of text with their baseline, in points from the page's top."""
    return [[(y, text) for y, _, text in page] for page in laid_out(path)]


@functools.cache
def endings(path: Path) -> dict[int, tuple[tuple[str, ...], str]]:
    """Page index → the structure roles and the text of the last content read on that page."""
    pdf = pikepdf.open(path)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    texts = marks(path)
    last: dict[int, tuple[tuple[str, ...], str]] = {}

    def walk(element: Any, page: int | None, roles: tuple[str, ...]) -> None:
        if isinstance(element, int):
            text = texts.get((page if page is not None else -1, element), "")
            if text.strip() and page is not None:
                last[page] = (roles, text.strip())
            return
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR":
            return
        if "/MCID" in element:
            at = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
            walk(int(element.MCID), at, roles)
            return
        if "/Pg" in element:
            page = pages.get(element.Pg.objgen, page)
        roles = (*roles, str(element.get("/S", "/?"))[1:])
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            walk(kid, page, roles)

    walk(pdf.Root.StructTreeRoot, None, ())
    return last


@functools.cache
def ink(path: Path, dpi: int = 24) -> list[list[bool]]:
    """Each page as rows of pixels, True where a row holds anything drawn (not white)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (apt-get install poppler-utils)")
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(path), f"{folder}/p"], check=True)
        pages = []
        for image in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem[2:])):
            picture = Image.open(image)
            width, height = picture.size
            pixels = picture.load()
            pages.append(
                [any(pixels[x, y] < 200 for x in range(width)) for y in range(height)]  # type: ignore[index]
            )
        return pages


@functools.cache
def table_pieces(path: Path) -> list[tuple[str, list[int]]]:
    """Each table's piece on a page, in reading order, as the text of its head and the page each
    of its rows (those outside the head) starts on. A table over two pages is two pieces, the
    second under the repeated head: the same head's text."""
    pdf = pikepdf.open(path)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    texts = marks(path)
    pieces: list[tuple[list[str], list[int]]] = []

    def kids(element: Any) -> list[Any]:
        found = element.get("/K")
        return list(found) if isinstance(found, pikepdf.Array) else [] if found is None else [found]

    def under(element: Any, page: int | None) -> list[tuple[int, int]]:
        """The (page, MCID) of the marked content under an element, in order."""
        if isinstance(element, int):
            return [(page, element)] if page is not None else []
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") == "/OBJR":
            return []
        if "/Pg" in element:
            page = pages.get(element.Pg.objgen, page)
        if "/MCID" in element:
            return [(page, int(element.MCID))] if page is not None else []
        return [mark for kid in kids(element) for mark in under(kid, page)]

    def walk(element: Any, page: int | None) -> None:
        if not isinstance(element, pikepdf.Dictionary) or "/MCID" in element:
            return
        if "/Pg" in element:
            page = pages.get(element.Pg.objgen, page)
        role = str(element.get("/S", "/?"))[1:]
        if role == "Table":
            pieces.append(([], []))
        elif role == "THead" and pieces:
            pieces[-1][0].extend(texts.get(mark, "") for mark in under(element, page))
            return
        elif role == "TR" and pieces:
            found = under(element, page)
            if found:
                pieces[-1][1].append(found[0][0])
            return
        for kid in kids(element):
            walk(kid, page)

    walk(pdf.Root.StructTreeRoot, None)
    return [(" ".join("".join(head).split()), rows) for head, rows in pieces]


def method_terms(lang: str) -> set[str]:
    """The terms of the annex « Méthode » (a `dt` each): titles, as headings are."""
    from coconstruct.report.content.annex import method
    from coconstruct.report.parts import Words

    return {str(pair.label) for pair in method(Words(lang))}


# --- the checks ------------------------------------------------------------------------------


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_no_page_ends_with_a_title(pdfs: dict[Any, Path], site: str, lang: str) -> None:
    path = pdfs[site, lang]
    pdf_lines, terms = lines(path), method_terms(lang)
    assert "Budgets dans le temps" in terms or "Budgets over time" in terms
    for index, (roles, text) in endings(path).items():
        assert not {"H1", "H2", "H3", "H4", "H5", "H6", "Caption"} & set(roles), (
            f"page {index + 1} ends with the title « {text} »"
        )
        # a term of the method (a `dt`): read as a list item, seen as a title in bold
        bottom = max((y for y, _ in pdf_lines[index] if y < PAGE_HEIGHT - BOTTOM), default=0)
        last_line = " ".join(t for y, t in pdf_lines[index] if abs(y - bottom) < 1)
        assert last_line not in terms, f"page {index + 1} ends with the term « {last_line} »"


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_running_heads_and_foot_hold_on_one_line(
    pdfs: dict[Any, Path], site: str, lang: str
) -> None:
    pages = lines(pdfs[site, lang])
    for index, page in enumerate(pages[1:], start=2):  # the cover has none
        head = {round(y) for y, _ in page if y < TOP}
        foot = {round(y) for y, _ in page if y > PAGE_HEIGHT - BOTTOM}
        assert len(head) <= 1, f"page {index}: a running head on {len(head)} lines"
        assert len(foot) == 1, f"page {index}: the foot on {len(foot)} lines"


def test_a_long_territory_shares_the_running_head_s_one_line_with_the_section(
    pdfs: dict[Any, Path],
) -> None:
    """The name is cut short on the page with an ellipsis (its full text kept for a reader
    that copies it), beside the section's title, on one baseline."""
    page = lines(pdfs["partiel-besoins", "fr"])[3]
    head = [(round(y), text) for y, text in page if y < TOP]
    assert len({y for y, _ in head}) == 1
    assert any("Mauges-sur-Loire" in text for _, text in head)  # not wrapped onto a 2nd line
    assert len(head) == 2  # the territory, the section


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_nothing_is_drawn_over_the_foot_or_the_head(
    pdfs: dict[Any, Path], site: str, lang: str
) -> None:
    """Between the text of the body and the running head or foot, a band stays blank on every
    page: a chart (the calendar of 76 actions, the vote on 92 needs) never runs over them."""
    pages = ink(pdfs[site, lang])
    for index, rows in enumerate(pages[1:], start=2):
        per_mm = len(rows) / 297
        below = rows[int((297 - 20 + 0.8) * per_mm) : int((297 - 20 + 5) * per_mm)]
        above = rows[int(14 * per_mm) : int((21 - 0.8) * per_mm)]
        assert not any(below), f"page {index}: something drawn over the foot"
        assert not any(above), f"page {index}: something drawn over the running head"


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_no_page_is_left_nearly_empty_between_sections(
    pdfs: dict[Any, Path], site: str, lang: str
) -> None:
    """Every page but the cover and the last is at least a third full: no section holding a
    line then a blank page, no title alone before a chart pushed to the next page."""
    pages = ink(pdfs[site, lang])
    for index, rows in enumerate(pages[1:-1], start=2):
        per_mm = len(rows) / 297
        body = rows[int(21 * per_mm) : int((297 - 20) * per_mm)]
        used = max((i for i, drawn in enumerate(body) if drawn), default=0) / len(body)
        assert used > 1 / 3, f"page {index} of {len(pages)} is {used:.0%} full"


@pytest.mark.parametrize("lang", ["fr"])
def test_a_departement_fits_its_pages(pdfs: dict[Any, Path], lang: str) -> None:
    """92 needs, 58 partners, 76 actions: every chart whole on the pages, and no more pages than
    its content needs (it took 83, four of them nearly empty, before issue 22)."""
    from pypdf import PdfReader

    reader = PdfReader(pdfs["departement", lang])
    assert 60 <= len(reader.pages) <= 88
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # every action of the calendar and every need of the vote is drawn (once in a chart, once
    # in the annex's table of its data, once at least elsewhere)
    for n in range(1, 77):
        assert len(re.findall(rf"\bA{n}\b", text)) >= 3, f"A{n}"
    for n in range(1, 93):
        assert len(re.findall(rf"\bN{n}\b", text)) >= 3, f"N{n}"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("site", PARTIAL)
def test_a_partial_site_takes_few_pages(pdfs: dict[Any, Path], site: str, lang: str) -> None:
    from pypdf import PdfReader

    assert len(PdfReader(pdfs[site, lang]).pages) <= 11


@pytest.mark.parametrize("lang", ["fr"])
def test_counts_agree_with_their_number(pdfs: dict[Any, Path], lang: str) -> None:
    """« −1 pt » and « 0 pt » (« 0 pts » in English), never « 1 pts »."""
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() or "" for p in PdfReader(pdfs["departement", lang]).pages)
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    gaps = re.findall(r"(?<![\d,.])[−+]?(\d+) (pts?)\b", text)
    assert gaps
    for number, word in gaps:
        if lang == "fr":
            assert word == ("pt" if int(number) <= 1 else "pts"), (number, word)
        else:
            assert word == ("pt" if int(number) == 1 else "pts"), (number, word)


def test_the_charts_that_grow_are_drawn_in_parts_on_one_scale() -> None:
    """A hundred needs: several parts, each a whole SVG, their bars on the vote's one scale; the
    stacked picture (HTML, Markdown's SVG file) holds them all; twelve needs: one picture, as
    before."""
    from coconstruct.report import chartkit, charts

    votes = [charts.Votes(f"N{i}", f"Besoin {i}", 100 - i, f"{100 - i}") for i in range(100)]
    whole = charts.dot_vote(votes)
    parts = chartkit.parts(whole)
    assert len(parts) > 1
    assert all(p.startswith("<svg ") and p.rstrip().endswith("</svg>") for p in parts)
    heights = [float(re.search(r'height="([\d.]+)pt"', p).group(1)) for p in parts]  # type: ignore[union-attr]
    assert max(heights) <= chartkit.PART * 72 + 1
    assert sum(len(re.findall(r">N\d+ ", p)) for p in parts) == 100
    assert whole.count("<svg ") == len(parts) + 1  # one picture around its parts
    small = charts.dot_vote(votes[:12])
    assert chartkit.parts(small) == [small] and small.count("<svg ") == 1


@pytest.mark.parametrize("lang", ["fr"])
def test_every_part_of_a_chart_says_what_it_is(pdfs: dict[Any, Path], lang: str) -> None:
    """A screen reader hears the chart's text alternative once, then « Suite de « … » (partie
    2 sur 6) » for each further part: no figure without words."""
    from pdftags import structure

    figures = [n for n in structure(pdfs["departement", lang]).walk() if n.role == "Figure"]
    assert figures and all(n.alt for n in figures)
    continued = [
        n.alt for n in figures if n.alt and ("partie 2 sur" in n.alt or "part 2 of" in n.alt)
    ]
    assert len(continued) >= 3  # the vote, the results, the calendar


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_a_total_is_never_alone_under_a_repeated_head(
    pdfs: dict[Any, Path], site: str, lang: str
) -> None:
    for index, page in enumerate(lines(pdfs[site, lang])[1:], start=2):
        body = sorted((round(y), text) for y, text in page if TOP < y < PAGE_HEIGHT - BOTTOM)
        first = [next(t for y, t in body if y == line) for line in sorted({y for y, _ in body})]
        assert not any(text.startswith("Total") for text in first[:2]), (
            f"page {index} starts with its total: {first[:3]}"
        )


@pytest.mark.parametrize("lang", ["fr"])
def test_a_number_and_the_words_after_it_never_touch(pdfs: dict[Any, Path], lang: str) -> None:
    """In the needs' table, a need with no count and no pressure reads « –   – », two cells,
    not « – – » run together (the count is right-aligned, the pressure left-aligned)."""
    path = pdfs["departement", lang]
    gaps = []
    for page in laid_out(path):
        rows = defaultdict(list)
        for y, x, text in page:
            rows[round(y, 1)].append((x, text))
        for row in rows.values():
            row.sort()
            if len(row) >= 8 and row[-1][1] == row[-2][1] == "–":  # a need's row, both unknown
                gaps.append(row[-1][0] - row[-2][0])
    assert gaps, "no need without a count and a pressure in the fixture"
    assert min(gaps) >= 14, min(gaps)  # a dash (5 pt) and 1.7 em of space, was 0.5 em


@pytest.mark.parametrize(("site", "lang"), CASES)
def test_a_table_s_last_row_is_never_alone_on_a_page(
    pdfs: dict[Any, Path], site: str, lang: str
) -> None:
    """A table that goes on over a page carries at least two of its rows there: its last row
    never stands alone under the repeated head (the documented site's results over time, in
    its annex, left one row on the roadmap's last page)."""
    pieces = table_pieces(pdfs[site, lang])
    assert sum(1 for _, rows in pieces if rows) > 5
    continued = 0
    for (head, rows), (next_head, next_rows) in itertools.pairwise(pieces):
        if head and head == next_head and rows and next_rows and next_rows[0] > rows[-1]:
            continued += 1
            assert len(next_rows) >= 2, f"page {next_rows[0] + 1}: one row of « {head} » alone"
    if site == "departement":
        assert continued  # its long tables do go on over pages

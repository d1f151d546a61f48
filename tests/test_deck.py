"""The restitution deck (`render -f pptx`, `-f odp`), opened as PowerPoint and Impress open it:
its slides, pictures with their text alternative, notes, the reference deck's branding, text
that fits its frames, partial data without a slide of dashes."""

from __future__ import annotations

import functools
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, HOSTILE, hostile_answers, said, said_n, soffice
from pptx import Presentation
from pptx.util import Emu

from coconstruct.report import render
from coconstruct.report.environment import builtin_templates

EXAMPLES = EXAMPLE.parent
DATA = Path(__file__).parent / "data"
PARTIAL = DATA / "deck" / "partiel.yaml"
SITE = DATA / "sites" / "pays-de-lanvaux.yaml"
DASH = "–"


def forty_needs(folder: Path) -> Path:
    """A workshop with 40 needs, 25 actions, 20 partners and names as long as the questionnaire
    allows: what a slide must fit (or count, under its table). Its actions have no dates and
    its partners no place on the grid: the tables are what is measured, not the charts."""
    domains = ("economique", "social", "environnemental", "societal")
    lines = [
        "questionnaire: territoire",
        "language: fr",
        "answers:",
        "  workshop_title: Diagnostic partagé des besoins sociaux, environnementaux et "
        "économiques du Grand Val-de-Loire-et-des-Coteaux-de-Loire",
        "  territory_name: Communauté d'agglomération du Grand Val-de-Loire-et-des-Coteaux-de-"
        "l'Aubance, pôle territorial des Mauges-sur-Loire et communes associées du Layon",
        "  workshop_date: 2026-11-19",
        "  needs:",
    ]
    for i in range(1, 41):
        title = (
            f"Besoin {i} : se loger quand on est saisonnier agricole sans logement temporaire "
            "à moins de quarante kilomètres"
            if i % 3 == 0
            else f"Besoin {i}"
        )
        lines.append(
            f"    - {{id: N{i}, title: '{title}', domain: {domains[i % 4]}, "
            f"priority: {1 + i % 5}, urgency: {1 + i * 3 % 5}}}"
        )
    lines.append("  partners:")
    for i in range(1, 21):  # placed on no grid: its slide is a table
        lines.append(
            f"    - {{id: P{i}, name: 'Partenaire {i}, association intercommunale pour "
            f"l''insertion par l''activité économique', actor_type: association}}"
        )
    lines.append("  actions:")
    for i in range(1, 26):
        lines.append(
            f"    - {{id: A{i}, title: 'Action {i} : ouvrir une entreprise à but d''emploi pour "
            f"les personnes privées durablement d''emploi du canton', leads: [P{1 + i % 20}], "
            f"budget: {10000 * i}, needs_served: [N{i}]}}"
        )
    committee = "Un comité de pilotage qui se réunit souvent et dit tout. " * 30
    lines += [f"  steering_committee: '{committee}'", "  next_meeting: 2027-02-15"]
    path = folder / "quarante.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each deck the tests read, rendered once (the examples' charts cost most: seconds)."""
    folder = tmp_path_factory.mktemp("decks")
    cases = {
        "example-fr": (EXAMPLE, "fr"),
        "partial-example": (EXAMPLES / "saint-ivy-kermorvan.yaml", "fr"),
        "partial": (PARTIAL, "fr"),
        "partial-en": (PARTIAL, "en"),
        "site": (SITE, "fr"),
        "forty": (forty_needs(folder), "fr"),
    }
    return {
        name: render(path, ["pptx"], lang).documents["pptx"] for name, (path, lang) in cases.items()
    }


def opened(data: bytes) -> Any:
    return Presentation(BytesIO(data))


def texts(slide: Any) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


@pytest.mark.parametrize("name", ["example-fr", "partial-example", "partial", "partial-en"])
def test_a_deck_opens_with_its_slides_pictures_and_notes(decks: dict[str, bytes], name: str):
    deck = opened(decks[name])
    assert len(deck.slides) >= 8
    pictures = 0
    for slide in deck.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture: its text alternative is its description
                pictures += 1
                assert shape.element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0].strip()
    assert pictures >= (4 if name.startswith("example") else 1)


def test_the_first_slide_names_the_territory_and_the_workshop(decks: dict[str, bytes]):
    first = "\n".join(texts(opened(decks["example-fr"]).slides[0]))
    assert "Communauté de communes du Val d'Orbière" in first
    assert said("Workshop") in first and "19 novembre 2026" in first
    prepared = said("Prepared with {tool} from the answers given in the workshop.", tool="X")
    assert prepared.split("X")[0] in first


def test_answers_stay_text_on_the_slides(tmp_path: Path):
    deck = opened(render(hostile_answers(tmp_path), ["pptx"], "en").documents["pptx"])
    first = texts(deck.slides[0])
    assert HOSTILE["territory_name"] in first and HOSTILE["workshop_title"] in first
    every = [t for slide in deck.slides for t in texts(slide)]
    assert any(t.startswith("N1 · | cell | **bold** `code` <b>b</b>") for t in every)


def test_a_documented_site_is_dated_by_its_data_and_claims_no_workshop(decks: dict[str, bytes]):
    deck = opened(decks["site"])
    first = "\n".join(texts(deck.slides[0]))
    assert "Communes de Lanvaux et Saint-Gildas-des-Prés" in first
    assert said("Data up to date") in first and "mars 2024" in first
    every = "\n".join(t for slide in deck.slides for t in texts(slide))
    assert said("Workshop") not in first
    assert "atelier" not in every.lower().replace("ateliers", "")


def test_the_deck_speaks_the_report_language(decks: dict[str, bytes]):
    for name, lang in (("partial", "fr"), ("partial-en", "en")):
        every = [t for slide in opened(decks[name]).slides for t in texts(slide)]
        assert said("Partners and alliances", lang) in every
        assert said("Governance and next meeting", lang) in every
        assert said("Needs, by pressure", lang) in every
        assert said("Key messages", lang) in every
    core = opened(decks["partial-en"]).core_properties
    territory = "Communauté de communes des Sucs et de la Haute-Vallée du Lignon"
    assert (core.language, core.subject) == ("en-GB", territory)


def test_the_needs_come_by_the_room_s_votes_else_by_pressure(decks: dict[str, bytes]):
    voted = opened(decks["example-fr"]).slides[4]
    assert voted.shapes.title.text == said("The needs the room put first")
    table = next(shape.table for shape in voted.shapes if shape.has_table)
    assert table.cell(1, 0).text.startswith("N3 · Rompre l'isolement")  # 36 dots, the most
    partial = opened(decks["partial"])
    by_pressure = next(
        s for s in partial.slides if s.shapes.title.text == "Les besoins, par pression"
    )
    table = next(shape.table for shape in by_pressure.shapes if shape.has_table)
    assert [table.cell(r, 0).text[:2] for r in range(1, 5)] == ["N1", "N3", "N4", "N2"]


def test_partial_data_makes_no_slide_of_dashes(decks: dict[str, bytes]):
    for name in ("partial", "site", "partial-example"):
        for slide in opened(decks[name]).slides:
            said_here = [t.strip() for t in texts(slide)[1:] if t.strip()]
            pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
            assert pictures or any(t != DASH for t in said_here), slide.shapes.title.text
            for shape in slide.shapes:
                if shape.has_table:
                    table = shape.table
                    first = 1 if table.first_row else 0
                    for c in range(len(table.columns)):
                        column = [table.cell(r, c).text for r in range(first, len(table.rows))]
                        assert any(cell != DASH for cell in column)


def test_a_long_list_is_counted_under_its_table_and_kept_in_the_notes(decks: dict[str, bytes]):
    deck = opened(decks["forty"])
    needs = next(s for s in deck.slides if s.shapes.title.text == said("Needs, by pressure"))
    table = next(shape.table for shape in needs.shapes if shape.has_table)
    shown = len(table.rows) - 1
    assert said_n(
        "… and {n} more: see the roadmap.", "… and {n} more: see the roadmap.", 40 - shown
    ) in texts(needs)
    notes = needs.notes_slide.notes_text_frame.text
    on_slide = {table.cell(r, 0).text.split(" · ")[0] for r in range(1, len(table.rows))}
    in_notes = {line.split(" · ")[0] for line in notes.splitlines()}
    assert on_slide | in_notes >= {f"N{i}" for i in range(1, 41)}


# --- text that fits -------------------------------------------------------------------------------
# Measured here with PIL and DejaVu Sans (the font LibreOffice draws the deck with on a computer
# without Inter), independently of the deck's own measure (report/deck/fit.py).


@functools.cache
def _font(bold: bool, size: float) -> Any:
    from matplotlib import get_data_path
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / name), size=size)


def _height(frame: Any, width: float) -> float:
    """Points a text frame's paragraphs take, wrapped word by word at `width` points."""
    total = 0.0
    for paragraph in frame.paragraphs:
        runs = [(run.text, run.font.size.pt, bool(run.font.bold)) for run in paragraph.runs]
        if not runs:
            continue
        lines, used, tallest = 0, 0.0, 0.0
        for text, size, bold in runs:
            font = _font(bold, size)
            for word in text.split(" "):
                if not word:
                    continue
                wide = font.getlength(word)
                gap = font.getlength(" ") if used else 0.0
                if used and used + gap + wide > width:
                    lines, used = lines + 1, 0.0
                    gap = 0.0
                used += gap + wide
                tallest = max(tallest, size)
        lines += 1
        total += lines * tallest * 1.17
        if paragraph.space_after is not None:
            total += paragraph.space_after.pt
    return total


@pytest.mark.parametrize("name", ["example-fr", "partial-en", "forty", "site"])
def test_no_text_runs_out_of_its_frame(decks: dict[str, bytes], name: str):
    for number, slide in enumerate(opened(decks[name]).slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
                height = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
                assert _height(frame, width) <= height + 1, (number, frame.text[:60])
            if shape.has_table:
                table = shape.table
                for row in table.rows:
                    for c, cell in enumerate(row.cells):
                        width = Emu(table.columns[c].width - cell.margin_left - cell.margin_right)
                        height = Emu(row.height - cell.margin_top - cell.margin_bottom).pt
                        assert _height(cell.text_frame, width.pt) <= height + 1, (number, cell.text)
        bottom = max(shape.top + shape.height for shape in slide.shapes)
        assert bottom <= opened(decks[name]).slide_height, number


# --- the reference deck -------------------------------------------------------------------------


def test_templates_export_ships_the_reference_deck(cli, tmp_path: Path):
    assert cli("templates", "export", tmp_path / "brand", "reference.pptx").code == 0
    reference = Presentation(str(tmp_path / "brand" / "reference.pptx"))
    assert len(reference.slides) == 0 and reference.slide_width > reference.slide_height


def test_a_consultant_s_reference_deck_brands_the_deck(tmp_path: Path):
    brand = tmp_path / "brand"
    brand.mkdir()
    source = (builtin_templates() / "reference.pptx").read_bytes()
    with (
        zipfile.ZipFile(BytesIO(source)) as old,
        zipfile.ZipFile(brand / "reference.pptx", "w") as new,
    ):
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "ppt/theme/theme1.xml":
                data = data.replace(b'typeface="Inter"', b'typeface="Marianne"')
                data = data.replace(b'val="1F7A80"', b'val="000091"')
            new.writestr(info, data)
    sample = Presentation(str(brand / "reference.pptx"))  # a sample slide left in it
    sample.slides.add_slide(sample.slide_layouts[1]).shapes.title.text = "Exemple"
    sample.save(str(brand / "reference.pptx"))
    result = render(PARTIAL, ["pptx"], "fr", templates_dir=brand)
    deck = opened(result.documents["pptx"])
    assert (brand / "reference.pptx").resolve() in result.templates_used
    assert "Exemple" not in [s.shapes.title.text for s in deck.slides]
    theme = zipfile.ZipFile(BytesIO(result.documents["pptx"])).read("ppt/theme/theme1.xml")
    assert b'typeface="Marianne"' in theme and b'val="000091"' in theme


def test_a_reference_that_is_not_a_deck_is_refused_in_one_line(cli, tmp_path: Path):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "reference.pptx").write_text("not a deck", encoding="utf-8")
    shutil.copy(PARTIAL, tmp_path / "p.yaml")
    result = cli(
        "render", tmp_path / "p.yaml", "-f", "md,pptx", "--templates", brand, "-o", tmp_path
    )
    assert result.code != 0
    assert (tmp_path / "p.md").is_file() and not (tmp_path / "p.pptx").exists()
    assert said(
        "{file}: not a PowerPoint presentation (save it again from PowerPoint or Impress as .pptx)",
        "en",
        file=(brand / "reference.pptx").resolve(),
    ) in " ".join(result.err.split())
    assert "Traceback" not in result.err


# --- Impress ------------------------------------------------------------------------------------


def test_odp_without_libreoffice_says_why_and_writes_the_rest(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("COCONSTRUCT_SOFFICE", "no-such-soffice")
    shutil.copy(PARTIAL, tmp_path / "p.yaml")
    result = cli("render", tmp_path / "p.yaml", "-f", "pptx,odp", "-o", tmp_path / "out")
    assert result.code != 0
    assert said("cannot write odp: LibreOffice is not installed (no soffice on PATH)", "en") in (
        " ".join(result.err.split()) + " ".join(result.out.split())
    )
    assert (tmp_path / "out" / "p.pptx").is_file()
    assert not (tmp_path / "out" / "p.odp").exists()


@pytest.mark.slow
def test_impress_opens_the_deck_in_both_languages(decks: dict[str, bytes], tmp_path: Path):
    """LibreOffice converts the deck to PDF, a page a slide, the territory on the first; and
    `-f odp` writes an Impress file of as many slides."""
    from pypdf import PdfReader

    program = soffice()
    english = render(EXAMPLE, ["pptx"], "en").documents["pptx"]
    sources = {"example-fr": decks["example-fr"], "example-en": english}
    for name, deck in sources.items():
        (tmp_path / f"{name}.pptx").write_bytes(deck)
    subprocess.run(  # one LibreOffice for both: it takes seconds to start
        [
            program,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.pptx") for name in sources),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    for name, deck in sources.items():
        pdf = tmp_path / f"{name}.pdf"
        if not pdf.is_file():
            pytest.skip("LibreOffice Impress is not installed: `make system-deps` installs it")
        pages = PdfReader(pdf).pages
        assert len(pages) == len(opened(deck).slides)
        assert "Val d'Orbière" in pages[0].extract_text()
    result = render(PARTIAL, ["pptx", "odp"], "fr")
    odp = zipfile.ZipFile(BytesIO(result.documents["odp"]))
    assert odp.read("mimetype") == b"application/vnd.oasis.opendocument.presentation"
    content = odp.read("content.xml").decode()
    assert content.count("<draw:page ") == len(opened(result.documents["pptx"]).slides)


def test_a_long_calendar_is_drawn_in_parts_for_the_slides():
    """A calendar taller than a slide is drawn in parts (a slide each), smaller than a page's."""
    from coconstruct.report import deck
    from coconstruct.report.chartkit import as_png, chunks

    with as_png(deck.DPI, deck.PARTS):
        parts = chunks(20, 1.45, 0.27)
        assert len(parts) > 1 and sum(len(p) for p in parts) == 20
        assert chunks(11, 1.45, 0.27) == [range(11)]  # the example's: one slide
    with as_png(250):  # a Word page holds it whole
        assert chunks(20, 1.45, 0.27) == [range(20)]

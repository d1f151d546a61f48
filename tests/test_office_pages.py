"""The Word and LibreOffice roadmaps as pages (issue 25: « at the PDF's level »; issue 22: charts
that grow with the data): both are converted by LibreOffice, as a client opens them, and their
pages read back — the cover's headline figures, the reading guide, the fonts, no page left
nearly empty, no heading alone at the foot of a page, a long calendar in parts that fit.

The bundled example in French and a partial plan of 34 actions written for this in English.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, soffice

from coconstruct.report import render_document

# A partial file: two needs, one funding line with cents, 34 dated actions (a calendar drawn in
# parts), nothing else.
LONG_PLAN = """\
questionnaire: territoire
questionnaire_version: 2
language: en
status: draft
answers:
  workshop_title: Long plan
  territory_name: Vallée longue
  needs:
    - {id: N1, title: Getting around without a car, domain: social, priority: 4, urgency: 3}
    - {id: N2, title: Housing young workers, domain: economique, priority: 3, urgency: 2}
  budget_year: 2027
  funding:
    - {id: F1, funder: Département, source: subventions, family: public, amount: 120500.5,
       secured: true}
  actions:
""" + "".join(
    f"    - {{id: A{i}, title: Action number {i} of the long plan, needs_served: [N1], "
    f"start: 2027-{i % 12 + 1:02d}, end: 2029-{i % 12 + 1:02d}, budget: {10000 + i * 1000}, "
    "status: a_lancer}\n"
    for i in range(1, 35)
)
CASES = {"example": ("val-d-orbiere", "fr"), "long": ("long", "en")}
GUIDE = {"fr": "Comment lire cette feuille de route", "en": "How to read this roadmap"}
EMU_PER_INCH = 914400
PAGE_TEXT_HEIGHT = 11.69 - 0.83 - 0.79  # A4 less the Word reference's top and bottom margins


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case rendered as md, docx and odt, then both documents converted by LibreOffice in
    one run: {case: folder} with NAME.docx, NAME.odt, NAME.md, NAME-docx.pdf, NAME-odt.pdf."""
    program = soffice()
    folder = tmp_path_factory.mktemp("office-pages")
    out: dict[str, Path] = {}
    inputs = []
    for case, (name, lang) in CASES.items():
        place = folder / case
        place.mkdir()
        source = place / f"{name}.yaml"
        if case == "example":
            shutil.copy(EXAMPLE, source)
        else:
            source.write_text(LONG_PLAN, encoding="utf-8")
        render_document(source, ["md", "docx", "odt"], lang=lang)
        for suffix in ("docx", "odt"):
            copy = place / f"{name}-{suffix}.{suffix}"
            shutil.copy(place / f"{name}.{suffix}", copy)
            inputs.append(copy)
        out[case] = place
    converted = folder / "pdf"
    done = subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(converted),
            *map(str, inputs),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    for copy in inputs:
        pdf = converted / f"{copy.stem}.pdf"
        assert pdf.exists(), done.stderr.decode(errors="replace")
        shutil.move(pdf, copy.with_suffix(".pdf"))
    return out


@functools.cache
def pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [
        (p.extract_text() or "").replace("\u202f", " ").replace("\u00a0", " ").replace("\u2007", "")
        for p in PdfReader(pdf).pages
    ]


def flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def cover_cards(md: str) -> list[tuple[str, str]]:
    """The cover's figures as the Markdown gives them: (value, label)."""
    lines = md.split('<a name="cover-figures"></a>', 1)[1].strip().splitlines()
    values = [v.strip().strip("*") for v in lines[0].strip("|").split("|")]
    labels = [v.strip() for v in lines[2].strip("|").split("|")]
    return list(zip(values, labels, strict=True))


def fonts(pdf: Path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")).split("+")[-1])
    return names


def with_pictures(pdf: Path) -> set[int]:
    """The numbers of the pages that show a picture."""
    from pypdf import PdfReader

    out = set()
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        objects = (page.get("/Resources") or {}).get("/XObject", {})
        if any(o.get_object().get("/Subtype") == "/Image" for o in objects.values()):
            out.add(number)
    return out


def lowest_ink(pdf: Path, folder: Path) -> list[float]:
    """For each page, how far down its content goes (0 top, 1 bottom), running head and foot
    left out: a page whose content stops high is a page left nearly empty."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(folder / "p")], check=True)
    out = []
    for path in sorted(folder.glob("p-*.pgm")):
        image = Image.open(path)
        width, height = image.size
        top, bottom = int(height * 0.06), int(height * 0.93)  # below the head, above the foot
        pixels = image.load()
        inked = [
            y
            for y in range(top, bottom)
            if any(pixels[x, y] < 200 for x in range(width))  # type: ignore[index]
        ]
        out.append((max(inked) / height) if inked else 0.0)
        path.unlink()
    return out


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_the_cover_carries_the_headline_figures_and_page_two_the_reading_guide(
    made: dict[str, Path], case: str
) -> None:
    name, lang = CASES[case]
    cards = cover_cards((made[case] / f"{name}.md").read_text(encoding="utf-8"))
    assert len(cards) == 4
    for suffix in ("docx", "odt"):
        read = pages(made[case] / f"{name}-{suffix}.pdf")
        cover = flat(read[0])
        for value, label in cards:
            assert flat(value) in cover and flat(label) in cover, (suffix, value, label)
        assert GUIDE[lang].upper() in flat(read[1]).upper(), suffix  # the box, in capitals
    if case == "example":  # the figures the consultant checked against the PDF's cover
        assert cards == [
            ("12", "besoins identifiés"),
            ("12", "partenaires"),
            ("11", "actions"),
            ("3,3\u00a0M€", "budget du plan d’actions"),
        ]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_the_pdfs_fonts_are_embedded_and_laid_out_by_libreoffice(
    made: dict[str, Path], case: str
) -> None:
    """Inter and Source Serif 4 are not installed on this machine: LibreOffice lays the text
    out in them because both documents carry them."""
    assert not subprocess.run(
        ["fc-list", "Inter"], capture_output=True, text=True, check=False
    ).stdout.strip(), "Inter is installed: this test would not see the embedded fonts"
    name, _ = CASES[case]
    for suffix in ("docx", "odt"):
        used = fonts(made[case] / f"{name}-{suffix}.pdf")
        assert {"Inter-Regular", "Inter-Bold", "SourceSerif4-SemiBold"} <= used, (suffix, used)
    with zipfile.ZipFile(made[case] / f"{name}.docx") as package:
        assert any(n.startswith("word/fonts/") for n in package.namelist())
        assert "<w:embedTrueTypeFonts" in package.read("word/settings.xml").decode()
    with zipfile.ZipFile(made[case] / f"{name}.odt") as package:
        assert "Fonts/inter-latin-400-normal.ttf" in package.namelist()
        assert '"EmbedFonts" config:type="boolean">true' in package.read("settings.xml").decode()


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_the_documents_decimal_symbol_is_the_languages(made: dict[str, Path], case: str) -> None:
    name, lang = CASES[case]
    with zipfile.ZipFile(made[case] / f"{name}.docx") as package:
        settings = package.read("word/settings.xml").decode()
    symbol, separator = {"fr": (",", ";"), "en": (".", ",")}[lang]
    assert f'<w:decimalSymbol w:val="{symbol}"' in settings
    assert f'<w:listSeparator w:val="{separator}"' in settings
    text = "\n".join(pages(made[case] / f"{name}-docx.pdf"))
    if lang == "en":
        assert "€120,500.50" in text
    else:
        assert "3,3 M€" in text and not re.search(r"\b3\.3 M€", text)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_no_page_is_left_nearly_empty(made: dict[str, Path], case: str, tmp_path: Path) -> None:
    """Sections follow one another, short tables move whole: but for the title page, the
    contents and the last page, every page is filled at least down to its middle."""
    name, _ = CASES[case]
    for suffix in ("docx", "odt"):
        depths = lowest_ink(made[case] / f"{name}-{suffix}.pdf", tmp_path)
        short = [n for n, depth in enumerate(depths[2:-1], 3) if depth < 0.5]
        assert short == [], (suffix, [round(d, 2) for d in depths])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_no_page_ends_with_a_heading(made: dict[str, Path], case: str) -> None:
    import docx

    name, _ = CASES[case]
    document = docx.Document(str(made[case] / f"{name}.docx"))
    headings = {
        flat(p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading") and p.text.strip()
    }
    for suffix in ("docx", "odt"):
        pdf = made[case] / f"{name}-{suffix}.pdf"
        pictured = with_pictures(pdf)
        for number, text in enumerate(pages(pdf)[:-1], 1):
            if number in pictured:  # a chart under its heading has no text to read back
                continue
            lines = [flat(line) for line in text.splitlines() if line.strip()]
            body = [line for line in lines if not re.search(r"\b\d+ / \d+$", line)]
            assert body and body[-1] not in headings, (suffix, number, body[-3:])


@pytest.mark.slow
def test_a_long_calendar_comes_in_parts_that_each_fit_a_page(made: dict[str, Path]) -> None:
    """34 actions: the calendar is drawn in parts, a picture each (in Word and LibreOffice
    alike), none taller than a page's text; every action is on the pages."""
    folder = made["long"]
    with zipfile.ZipFile(folder / "long.docx") as package:
        xml = package.read("word/document.xml").decode()
    described = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"\s*/>.*?descr="([^"]*)"', xml, re.S)
    calendar = [(int(w), int(h)) for w, h, alt in described if alt.startswith("Calendar of 34")]
    assert len(calendar) >= 2
    assert all(h / EMU_PER_INCH < PAGE_TEXT_HEIGHT - 1 for _, h in calendar)
    with zipfile.ZipFile(folder / "long.odt") as package:
        content = package.read("content.xml").decode()
    assert content.count("<svg:title>Calendar of 34") == len(calendar)
    for suffix in ("docx", "odt"):
        text = flat(" ".join(pages(folder / f"long-{suffix}.pdf")))
        assert all(f"A{i} · Action number {i} of the long plan" in text for i in range(1, 35))


# --- the rules themselves, without LibreOffice (fast) ---------------------------------------------


def docx_table(rows: list[str], header: bool = True) -> str:
    cells = [
        f"<w:tr>{'<w:trPr><w:tblHeader /></w:trPr>' if header and i == 0 else ''}<w:tc>"
        f'<w:p><w:pPr><w:pStyle w:val="Compact" /></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:tc></w:tr>"
        for i, text in enumerate(rows)
    ]
    return '<w:tbl><w:tblGrid><w:gridCol w:w="9000" /></w:tblGrid>' + "".join(cells) + "</w:tbl>"


def test_a_short_table_keeps_whole_and_a_long_one_its_head_and_its_total() -> None:
    from coconstruct.report.office_pages import docx_document

    short = docx_document(docx_table(["Head", "a", "b", "Total"]))
    rows = re.findall(r"<w:tr>.*?</w:tr>", short)
    assert all("<w:cantSplit />" in row for row in rows)  # no row split across two pages
    assert ["<w:keepNext />" in row for row in rows] == [True, True, True, False]
    long = docx_document(docx_table(["Head", *(f"row {n}" for n in range(30)), "Total"]))
    kept = ["<w:keepNext />" in row for row in re.findall(r"<w:tr>.*?</w:tr>", long)]
    assert [n for n, keep in enumerate(kept) if keep] == [0, 1, 30]  # head + first, total
    # the style comes first in a paragraph's properties, as Word's schema wants
    assert '<w:pPr><w:pStyle w:val="Compact" /><w:keepNext />' in short


def test_a_chart_keeps_with_its_caption_and_a_bold_line_with_what_follows() -> None:
    from coconstruct.report.office_pages import docx_document

    body = (
        "<w:p><w:r><w:drawing>part 1</w:drawing></w:r></w:p>"
        "<w:p><w:r><w:drawing>part 2</w:drawing></w:r></w:p>"
        "<w:p><w:r><w:t>Caption</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:b /></w:rPr><w:t>Data of the chart</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Plain text</w:t></w:r></w:p>"
    )
    kept = ["keepNext" in p for p in re.findall(r"<w:p>.*?</w:p>", docx_document(body))]
    assert kept == [False, True, False, True, False]  # the last part, the bold line


def test_word_settings_take_the_languages_decimal_symbol() -> None:
    from coconstruct.report.office_pages import docx_settings

    settings = (
        '<w:settings><w:zoom w:percent="100" /><w:decimalSymbol w:val="." />'
        '<w:listSeparator w:val="," /></w:settings>'
    )
    fr = docx_settings(settings, ",", ";")
    assert '<w:decimalSymbol w:val="," />' in fr and '<w:listSeparator w:val=";" />' in fr
    assert '<w:zoom w:percent="100" /><w:embedTrueTypeFonts />' in fr


def test_a_font_is_obfuscated_as_word_embeds_it() -> None:
    """ECMA-376 § 17.8.1: the first 32 bytes XORed with the key's bytes, read backwards."""
    from coconstruct.report.office_pages import obfuscated

    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(64))
    hidden = obfuscated(data, key)
    assert hidden[32:] == data[32:] and hidden[:32] != data[:32]
    assert hidden[0] == 0x00 ^ 0xFF and hidden[15] == 0x0F ^ 0x00 and hidden[16] == 0x10 ^ 0xFF
    assert obfuscated(hidden, key) == data


def test_a_picture_taller_than_a_page_is_made_shorter(tmp_path: Path) -> None:
    """A chart not drawn in parts but taller than a page's text at the text's width keeps its
    proportions at the height a page holds (office.lua, MAX_HEIGHT)."""
    import base64
    import io

    from PIL import Image

    from coconstruct.report import office
    from coconstruct.report.environment import builtin_templates

    buffer = io.BytesIO()
    Image.new("RGB", (200, 1000), "white").save(buffer, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    markdown = f"# Title\n\nSub\n\n## 01 · Part\n\n![A tall chart]({url})\n"
    props = office.Properties("Title", "Territory", "", None, "en", pictures=("A tall chart",))
    package = office.convert(
        markdown, "docx", builtin_templates() / "reference.docx", props, "Contents"
    )
    path = tmp_path / "tall.docx"
    path.write_bytes(package)
    with zipfile.ZipFile(path) as read:
        xml = read.read("word/document.xml").decode()
    width, height = map(int, re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml)[0])
    assert height / EMU_PER_INCH == pytest.approx(8.3, abs=0.01)
    assert width / height == pytest.approx(0.2, abs=0.01)

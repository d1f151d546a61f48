"""The Word (.docx) and LibreOffice (.odt) roadmaps, read back as a word processor reads them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, HOSTILE, SAINT_IVY, Result, run_main, said, soffice

from coconstruct.model.answers_file import AnswersFile
from coconstruct.report import render, render_document
from coconstruct.report.environment import builtin_templates

# every test here writes Word and LibreOffice documents through pandoc (seconds each)
pytestmark = pytest.mark.slow

SECTIONS_FR = [
    "01 · L’essentiel",
    "02 · Contexte et effet ciseau",
    "03 · Diagnostic partagé",
    "04 · Cartographie des acteurs",
    "05 · Vision et ambition commune",
    "06 · Plan d’actions",
    "07 · Modèle socio-économique hybride et plan de financement",
    "08 · Gouvernance",
    "09 · Suivi et évaluation",
    "10 · Calendrier et jalons",
    "11 · Risques et conditions de réussite",
    "12 · Annexe : points ouverts et engagements",
    "13 · Annexe : sources, méthode et données",
]
# each chart's alternative text begins with its title, then says its figures
CHARTS_FR = [
    "L’effet ciseau",
    "Le vote à gommettes de la salle",
    "Matrice des parties prenantes",
    "L’argent par famille",
    "Les résultats dans le temps",
    "Calendrier de 11 actions avec un début",
]
TERRITORY = "Communauté de communes du Val d'Orbière"
TITLE = "Val d'Orbière 2030 : vivre, vieillir et travailler au pays"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The example rendered by `coconstruct render -f docx,odt,md` (French)."""
    folder = tmp_path_factory.mktemp("office-fr")
    answers = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    return folder, run_main("render", answers, "-f", "docx,odt,md", "-o", folder)


@pytest.fixture(scope="module")
def example_answers() -> dict[str, object]:
    return AnswersFile.load(EXAMPLE).plain()


HOSTILE_OFFICE = {
    **HOSTILE,
    "workshop_place": 'INCLUDETEXT "C:\\\\secret.docx" { DDEAUTO c:\\\\windows\\\\calc.exe }',
    "facilitator": '<w:fldSimple w:instr="INCLUDEPICTURE http://evil.example/x.png"/>',
    "context": "Voir https://evil.example/track.png et \\\\serveur\\partage\\note.docx "
    "ou file:///etc/passwd, $x^2$ :smile: [ ] </text:p><text:a xlink:href='x'>",
}


@pytest.fixture(scope="module")
def hostile_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with hostile answers, rendered in English through the library."""
    folder = tmp_path_factory.mktemp("office-hostile")
    answers = folder / "hostile.yaml"
    shutil.copy(EXAMPLE, answers)
    doc = AnswersFile.load(answers)
    for key, value in HOSTILE_OFFICE.items():
        doc.answers[key] = value
    doc.answers["needs"][0]["title"] = "| cell | **bold** `code` <b>b</b>"
    doc.save()
    render_document(answers, ["md", "docx", "odt"], lang="en")
    return folder


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def docx_text(path: Path) -> str:
    """Every piece of text Word shows: paragraphs and table cells, in order, one per line."""
    import docx

    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iter(f"{W}p"):
        lines.append("".join(t.text or "" for t in block.iter(f"{W}t")))
    return "\n".join(lines).replace("\u202f", " ").replace("\u00a0", " ")


def odt_text(path: Path) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    document = load(str(path))
    lines = [teletype.extractText(e) for e in document.getElementsByType(H)]
    lines += [teletype.extractText(e) for e in document.getElementsByType(P)]
    return "\n".join(lines).replace("\u202f", " ").replace("\u00a0", " ")


def markdown_tables(md: str) -> tuple[int, int]:
    """How many tables the Markdown has, and how many of them have a header row with words."""
    tables = headed = 0
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if i and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
            tables += 1
            headed += bool(lines[i - 1].replace("|", "").strip())
    return tables, headed


def titles(answers: dict[str, object], key: str, field: str = "title") -> list[str]:
    items = answers[key]
    assert isinstance(items, list)
    return [str(item[field]) for item in items]


# --- Word -----------------------------------------------------------------------------------------


def test_render_writes_word_and_libreoffice_documents(office: tuple[Path, Result]) -> None:
    folder, result = office
    assert result.code == 0, result.err
    for suffix in ("docx", "odt"):
        path = folder / f"val-d-orbiere.{suffix}"
        assert zipfile.is_zipfile(path)
        assert f"{path}  (" in result.out


def test_docx_has_the_word_processor_structure(office: tuple[Path, Result]) -> None:
    import docx

    folder, _ = office
    path = folder / "val-d-orbiere.docx"
    document = docx.Document(str(path))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", TITLE) in styles
    assert any(s == "Subtitle" and TERRITORY in t for s, t in styles)
    assert [t for s, t in styles if s == "Heading 1"] == SECTIONS_FR
    assert {"Heading 2", "Heading 3", "Body Text", "First Paragraph"} <= {s for s, _ in styles}
    # every table of the Markdown, each header row repeated at the top of every page (but the
    # cover's figures, which are cards)
    md = (folder / "val-d-orbiere.md").read_text(encoding="utf-8")
    tables, headed = markdown_tables(md)
    assert len(document.tables) == tables > 20
    xml = part(path, "word/document.xml")
    assert xml.count("<w:tblHeader") == headed - 1 > 15
    # the six charts, as PNG pictures at print resolution, no wider than the text
    pictures = document.inline_shapes
    assert len(pictures) == 6
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for shape in pictures:
        assert shape.width <= text_width + 10
    descriptions = re.findall(r'<pic:cNvPr descr="([^"]*)"', part(path, "word/document.xml"))
    assert [d.split(" :")[0].split(".")[0] for d in descriptions] == CHARTS_FR
    # the figures, not only a title
    assert said("{value} with the stated trend", value=82) in descriptions[0]
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]
    assert len(media) == 6 and all(n.endswith(".png") for n in media)
    from PIL import Image

    with zipfile.ZipFile(path) as package:
        for name in media:
            with package.open(name) as handle:
                picture = Image.open(handle)
                assert round(picture.info["dpi"][0]) == 250, name  # print quality
                assert picture.width >= 1400, name


def test_docx_contents_is_a_table_of_contents_field(office: tuple[Path, Result]) -> None:
    xml = part(office[0] / "val-d-orbiere.docx", "word/document.xml")
    assert '<w:docPartGallery w:val="Table of Contents"/>' in xml
    assert re.search(r'<w:fldChar w:fldCharType="begin" w:dirty="true"/>', xml)
    assert 'TOC \\o "1-1" \\h \\z \\u' in xml
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml)
    assert len([a for a in anchors if a.startswith("section")]) == 13  # the contents' entries
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    assert set(anchors) <= bookmarks  # each entry leads to its section
    assert "Sommaire" in xml and "1. L’essentiel" not in xml  # the plain list is gone


def test_docx_language_properties_header_and_footer(office: tuple[Path, Result]) -> None:
    import docx

    path = office[0] / "val-d-orbiere.docx"
    assert re.search(r'<w:lang [^>]*w:val="fr-FR"', part(path, "word/styles.xml"))
    props = docx.Document(str(path)).core_properties
    assert props.title == TITLE
    assert props.subject == TERRITORY
    assert props.author == "Élodie Marchand"
    assert props.created is not None and props.created.date().isoformat() == "2026-11-19"
    header, footer = part(path, "word/header1.xml"), part(path, "word/footer1.xml")
    assert "SUBJECT" in header and "Communauté de communes du Val d&#x27;Orbière" in header
    assert 'STYLEREF "Heading 1"' in header  # the current section, as Word lays pages out
    assert "TITLE" in footer and "Val d&#x27;Orbière 2030" in footer
    assert " PAGE " in footer and " NUMPAGES " in footer
    document = part(path, "word/document.xml")
    assert re.search(r"<w:titlePg ?/>", document)  # the title page has no running header
    assert re.search(r'<w:pgSz w:h="16838" w:w="11906" ?/>', document)  # A4


def test_docx_says_every_need_partner_and_action(
    office: tuple[Path, Result], example_answers: dict[str, object]
) -> None:
    text = docx_text(office[0] / "val-d-orbiere.docx")
    for name in (
        titles(example_answers, "needs")
        + titles(example_answers, "partners", "name")
        + titles(example_answers, "actions")
    ):
        assert name in text, name
    assert "≥ 1 320 000 €" in text and "3 292 000 €" in text


def test_packages_point_nowhere_outside(office: tuple[Path, Result]) -> None:
    for suffix in ("docx", "odt"):
        with zipfile.ZipFile(office[0] / f"val-d-orbiere.{suffix}") as package:
            for name in package.namelist():
                if name.endswith((".rels", ".xml")):
                    xml = package.read(name).decode("utf-8")
                    assert 'TargetMode="External"' not in xml, name
                    assert "attachedTemplate" not in xml, name
                    hrefs = re.findall(r'xlink:href="([^"]*)"', xml)
                    # within the document only: sections, charts' data, pictures, fonts
                    inside = ("#section", "#data-", "Pictures/", "Fonts/")
                    assert all(h.startswith(inside) for h in hrefs), hrefs


# --- LibreOffice ----------------------------------------------------------------------------------


def test_odt_has_the_word_processor_structure(
    office: tuple[Path, Result], example_answers: dict[str, object]
) -> None:
    folder, _ = office
    path = folder / "val-d-orbiere.odt"
    content = part(path, "content.xml")
    headings = re.findall(r'<text:h [^>]*text:outline-level="1"[^>]*>(.*?)</text:h>', content)
    assert [re.sub(r"<[^>]+>", "", h) for h in headings] == SECTIONS_FR
    assert '<text:p text:style-name="Title">' in content
    body = content.count('"Text_20_body"') + content.count('"First_20_paragraph"')
    assert body > 50  # body text in the body text styles
    tables, headed = markdown_tables((folder / "val-d-orbiere.md").read_text(encoding="utf-8"))
    assert content.count("<table:table ") == tables
    # repeated on every page (but the cover's figures, which are cards)
    assert content.count("<table:table-header-rows>") == headed - 1
    images = re.findall(r'<draw:image xlink:href="([^"]+)"', content)
    assert len(images) == 6 and all(
        i.startswith("Pictures/") and i.endswith(".png") for i in images
    )
    alts = re.findall(r"<svg:title>([^<]*)</svg:title>", content)  # the charts' text
    assert [t.split(" :")[0].split(".")[0] for t in alts] == CHARTS_FR
    row = re.search(r'style:name="TableRowCell".*?/>', content, re.S)
    assert row and 'fo:border-bottom="0.5pt solid #d8dde5"' in row.group(0)  # rules between rows
    # the contents: an index LibreOffice updates, filled in with page references it computes
    toc = re.search(r"<text:table-of-content .*?</text:table-of-content>", content, re.S)
    assert toc is not None
    refs = re.findall(r'text:reference-format="page" text:ref-name="([^"]+)"', toc.group(0))
    assert len(refs) == 13
    assert all(f'<text:bookmark-start text:name="{r}"' in content for r in refs)
    text = odt_text(path)
    for name in (
        titles(example_answers, "needs")
        + titles(example_answers, "partners", "name")
        + titles(example_answers, "actions")
    ):
        assert name in text, name


def test_odt_language_properties_header_and_footer(office: tuple[Path, Result]) -> None:
    path = office[0] / "val-d-orbiere.odt"
    meta = part(path, "meta.xml")
    assert f"<dc:title>{TITLE}</dc:title>" in meta
    assert "<dc:subject>Communauté de communes du Val d&#x27;Orbière</dc:subject>" in meta
    assert "<dc:creator>Élodie Marchand</dc:creator>" in meta
    assert "<dc:language>fr-FR</dc:language>" in meta
    assert "<meta:creation-date>2026-11-19T00:00:00</meta:creation-date>" in meta
    styles = part(path, "styles.xml")
    default = re.search(
        r'<style:default-style style:family="paragraph">.*?</style:default-style>', styles, re.S
    )
    assert default and 'fo:language="fr"' in default.group(0)
    assert 'fo:country="FR"' in default.group(0)
    master = styles[styles.index("<office:master-styles>") :]
    assert "<text:subject>Communauté de communes du Val d&#x27;Orbière</text:subject>" in master
    assert re.search(r'<text:chapter text:display="name" text:outline-level="1" ?/>', master)
    assert "<text:page-number" in master and "<text:page-count" in master
    assert 'fo:page-width="8.2681in"' in styles  # A4


# --- language, branding, failures -----------------------------------------------------------------


def test_lang_switches_the_documents_language(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    result = render(answers, ["docx", "odt"], lang="en")
    docx_xml = zipfile.ZipFile(__import__("io").BytesIO(result.documents["docx"]))
    assert re.search(r'<w:lang [^>]*w:val="en-GB"', docx_xml.read("word/styles.xml").decode())
    assert "Contents" in docx_xml.read("word/document.xml").decode()
    assert "01 · At a glance" in docx_xml.read("word/document.xml").decode()
    odt_xml = zipfile.ZipFile(__import__("io").BytesIO(result.documents["odt"]))
    assert "<dc:language>en-GB</dc:language>" in odt_xml.read("meta.xml").decode()


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    first, second = render(answers, ["docx", "odt"]), render(answers, ["docx", "odt"])
    assert first.documents == second.documents


def test_a_consultants_reference_documents_brand_every_render(tmp_path: Path) -> None:
    import docx
    from docx.shared import RGBColor

    brand = tmp_path / "brand"
    brand.mkdir()
    reference = docx.Document(str(builtin_templates() / "reference.docx"))
    heading = reference.styles["Heading 1"]
    heading.font.name = "Marianne"
    heading.font.color.rgb = RGBColor(0x00, 0x00, 0x91)
    reference.save(str(brand / "reference.docx"))
    odt = (builtin_templates() / "reference.odt").read_bytes()
    with (
        zipfile.ZipFile(__import__("io").BytesIO(odt)) as source,
        zipfile.ZipFile(brand / "reference.odt", "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "styles.xml":
                data = data.replace(b'fo:color="#12413f"', b'fo:color="#000091"')
            target.writestr(info, data)
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    result = render(answers, ["docx", "odt"], templates_dir=brand)
    out = docx.Document(__import__("io").BytesIO(result.documents["docx"]))
    assert out.styles["Heading 1"].font.name == "Marianne"
    assert out.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x00, 0x91)
    styles = zipfile.ZipFile(__import__("io").BytesIO(result.documents["odt"])).read("styles.xml")
    assert b'fo:color="#000091"' in styles
    used = {p.resolve() for p in result.templates_used}
    assert {(brand / "reference.docx").resolve(), (brand / "reference.odt").resolve()} <= used


def test_templates_export_writes_the_reference_documents(cli, tmp_path: Path) -> None:
    result = cli("templates", "export", tmp_path / "brand")
    assert result.code == 0
    for name in ("reference.docx", "reference.odt"):
        assert zipfile.is_zipfile(tmp_path / "brand" / name)


def test_a_broken_reference_document_fails_that_format_only(cli, example: Path) -> None:
    brand = example.parent / "brand"
    brand.mkdir()
    (brand / "reference.docx").write_text("not a document", encoding="utf-8")
    out = example.parent / "out"
    result = cli("render", example, "-f", "md,docx,odt", "--templates", brand, "-o", out)
    assert result.code == 1
    assert "reference.docx: not a Word document (save it again from Word as .docx)" in result.err
    assert "Traceback" not in result.err
    assert (out / "val-d-orbiere.md").exists() and (out / "val-d-orbiere.odt").exists()
    assert not (out / "val-d-orbiere.docx").exists()


def test_a_reference_document_linking_outside_is_refused(tmp_path: Path) -> None:
    from coconstruct.errors import CoconstructError

    brand = tmp_path / "brand"
    brand.mkdir()
    source = (builtin_templates() / "reference.docx").read_bytes()
    with (
        zipfile.ZipFile(__import__("io").BytesIO(source)) as old,
        zipfile.ZipFile(brand / "reference.docx", "w") as new,
    ):
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/_rels/header1.xml.rels" or False:
                continue
            new.writestr(info, data)
        new.writestr(
            "word/_rels/header1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            'Target="file:///\\\\attacker\\share\\logo.png" TargetMode="External"/>'
            "</Relationships>",
        )
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    with pytest.raises(CoconstructError, match=r"reference\.docx: refers to file:///.*outside"):
        render(answers, ["docx"], templates_dir=brand)


def test_a_missing_pandoc_is_one_clear_line_and_the_other_formats_are_written(
    cli, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_PANDOC", "/nonexistent/pandoc")  # the workers inherit it
    out = example.parent / "out"
    result = cli("render", example, "-f", "md,docx", "-o", out)
    assert result.code == 1
    assert f"✗ {example}: COCONSTRUCT_PANDOC=/nonexistent/pandoc: no such program" in result.err
    assert "Hint: reinstall coconstruct" in result.err
    assert "Traceback" not in result.err
    assert (out / "val-d-orbiere.md").exists() and not (out / "val-d-orbiere.docx").exists()


def test_without_pandoc_the_library_writes_the_other_formats(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coconstruct.report import PartialRender, office

    monkeypatch.setattr(office.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setenv("PATH", "/nonexistent")
    office._pandoc.cache_clear()
    try:
        with pytest.raises(PartialRender) as caught:
            render_document(example, ["md", "docx", "odt"])
    finally:
        office._pandoc.cache_clear()
    assert set(caught.value.failures) == {"docx", "odt"}
    assert caught.value.message == (
        "cannot write Word or LibreOffice documents: pandoc is not installed"
    )
    names = {p.name for p in caught.value.written}
    assert "val-d-orbiere.md" in names and not {"val-d-orbiere.docx", "val-d-orbiere.odt"} & names


# --- hostile answers ------------------------------------------------------------------------------


def test_hostile_answers_stay_literal_text_in_word(hostile_office: Path) -> None:
    path = hostile_office / "hostile.docx"
    text = docx_text(path)
    for typed in (
        "<script>alert(1)</script> & **Val**",
        "{{ 7*7 }} {% raw %}x{% endraw %}",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "| cell | **bold** `code` <b>b</b>",
        'INCLUDETEXT "C:\\\\secret.docx" { DDEAUTO c:\\\\windows\\\\calc.exe }',
        '<w:fldSimple w:instr="INCLUDEPICTURE http://evil.example/x.png"/>',
        "https://evil.example/track.png",
        "\\\\serveur\\partage\\note.docx",
        "file:///etc/passwd, $x^2$ :smile: [ ] </text:p><text:a xlink:href='x'>",
    ):
        assert typed in text, typed
    assert "# not a heading" in text
    xml = part(path, "word/document.xml")
    assert "<w:fldSimple" not in xml
    fields = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    assert {f.split()[0] for f in fields} == {"TOC", "PAGEREF"}  # ours, nothing from answers
    assert "<m:oMath" not in xml and "😄" not in text  # no maths, no emoji
    assert "49" not in text.split("Contents")[0]  # {{ 7*7 }} never evaluated, cover included
    for name in zipfile.ZipFile(path).namelist():
        if name.endswith(".rels"):
            assert "External" not in part(path, name), name
    assert "Élodie" not in text  # the facilitator was replaced by the hostile answer


def test_hostile_answers_stay_literal_text_in_libreoffice(hostile_office: Path) -> None:
    path = hostile_office / "hostile.odt"
    text = odt_text(path)
    for typed in (
        "<script>alert(1)</script> & **Val**",
        "{{ 7*7 }} {% raw %}x{% endraw %}",
        '<w:fldSimple w:instr="INCLUDEPICTURE http://evil.example/x.png"/>',
        "https://evil.example/track.png",
        "file:///etc/passwd, $x^2$ :smile: [ ] </text:p><text:a xlink:href='x'>",
    ):
        assert typed in text, typed
    content = part(path, "content.xml")
    hrefs = re.findall(r'xlink:href="([^"]*)"', content)
    assert all(h.startswith(("#section", "#data-", "Pictures/", "Fonts/")) for h in hrefs), hrefs
    assert "<draw:object" not in content  # no formula objects
    meta = part(path, "meta.xml")
    assert "&lt;w:fldSimple" in meta  # the facilitator as author: text, escaped


# --- batch ----------------------------------------------------------------------------------------


def test_batch_manifest_timeout_shard_and_json_cover_the_office_formats(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("a.yaml", "b.yaml"):  # the mechanics of a batch: the smaller example
        shutil.copy(SAINT_IVY, answers / name)
    out = tmp_path / "out"
    args = ("render", answers, "-f", "docx,odt", "-o", out, "--timeout", "60", "-j", "2")
    first = run_main(*args, "--json", tmp_path / "first.json")
    assert first.code == 0, first.err
    summary = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    assert summary["rendered"] == 2
    assert sorted(Path(o).name for f in summary["files"] for o in f["outputs"]) == [
        "a.docx",
        "a.odt",
        "b.docx",
        "b.odt",
    ]
    manifest = json.loads((out / ".coconstruct-manifest.json").read_text(encoding="utf-8"))
    assert manifest["entries"]["a"]["outputs"] == ["a.docx", "a.odt"]
    again = run_main(*args, "--json", "-")
    assert json.loads(again.out[again.out.index("{") :])["skipped"] == 2
    (out / "b.odt").unlink()  # a deleted output is made again
    third = run_main(*args, "--json", "-")
    assert json.loads(third.out[third.out.index("{") :])["rendered"] == 1
    shard = run_main(
        "render", answers, "-f", "odt", "-o", tmp_path / "shard", "--shard", "2/2", "--json", "-"
    )
    data = json.loads(shard.out[shard.out.index("{") :])
    assert [Path(f["source"]).name for f in data["files"]] == ["b.yaml"]
    assert (tmp_path / "shard" / "b.odt").exists() and not (tmp_path / "shard" / "a.odt").exists()


# --- opened by LibreOffice ------------------------------------------------------------------------


def test_libreoffice_opens_both_documents_and_lays_out_their_pages(
    office: tuple[Path, Result], tmp_path: Path
) -> None:
    program = soffice()
    from pypdf import PdfReader

    folder, _ = office
    for suffix in ("docx", "odt"):
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / suffix),
                str(folder / f"val-d-orbiere.{suffix}"),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        pdf = tmp_path / suffix / "val-d-orbiere.pdf"
        assert pdf.exists(), done.stderr.decode(errors="replace")
        pages = [
            (p.extract_text() or "").replace("\u202f", " ").replace("\u00a0", " ")
            for p in PdfReader(pdf).pages
        ]
        assert len(pages) > 20
        cover = " ".join(pages[0].split())
        assert cover.startswith(TITLE)  # the title page: no running header
        assert "Sommaire" in pages[1]
        assert all(TERRITORY in page for page in pages[1:])  # the running header
        assert all(f"{n} / {len(pages)}" in page for n, page in enumerate(pages[1:], 2))
        text = "\n".join(pages)
        for section in SECTIONS_FR:
            assert section.replace("’", "'") in text.replace("’", "'")
        if suffix == "odt":  # LibreOffice computes the contents' page numbers of its own format
            contents = pages[1]
            assert re.search(r"01 · L’essentiel\.*\s*3\b", contents), contents

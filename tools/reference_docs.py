"""Make templates/reference.docx and templates/reference.odt: the styles of the Word and
LibreOffice roadmaps (`make reference-docs`).

pandoc's own reference documents, with the house look of roadmap.css: A4, Inter text and Source
Serif 4 titles (the PDF's fonts, which coconstruct embeds in each document) in the roadmap's
colours, sections one after the other (a heading never alone at the foot of a page), tables with
a shaded header row and thin rules, the reading guide as a shaded box, a title page without
running header, then the territory and the current section at the top of each page and the
title and "page / pages" at the bottom, as fields the word processor fills. Consultants then
change fonts and colours in Word or LibreOffice themselves (Styles pane) and save; this script
is only how ours were made.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coconstruct.report.office import pandoc  # noqa: E402

INK, MUTED, RULE, PAPER = "1C2430", "5D6675", "D8DDE5", "F3F1EC"
DEEP, TEAL, TERRACOTTA = "12413F", "1F7A80", "D1543A"
SANS, SERIF = "Inter", "Source Serif 4"


def default(name: str) -> bytes:
    return subprocess.run(
        [pandoc(), "--print-default-data-file", name], capture_output=True, check=True
    ).stdout


def rezip(source: bytes, replace: dict[str, str], add: dict[str, str]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = replace.get(info.filename)
            fixed = zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0))
            fixed.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            new.writestr(fixed, data.encode() if data is not None else old.read(info))
        for name, data in add.items():
            fixed = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(fixed, data.encode())
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TEXT_WIDTH = 11906 - 2 * 1021  # A4, 18 mm margins, in twentieths of a point


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}"/>'


def run(face: str, size: float, colour: str, bold: bool = False, italic: bool = False) -> str:
    half = int(size * 2)
    return (
        f"<w:rPr>{fonts(face)}{'<w:b/><w:bCs/>' if bold else ''}{'<w:i/>' if italic else ''}"
        f'<w:color w:val="{colour}"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    )


def para_style(
    style_id: str, name: str, ppr: str, rpr: str, based: str = "Normal", extra: str = ""
) -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="0" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/>{extra}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


def docx_styles(styles: str) -> str:
    def replace(style_id: str, xml: str) -> None:
        nonlocal styles
        pattern = re.compile(rf'<w:style\b[^>]*w:styleId="{style_id}"[^>]*>.*?</w:style>', re.S)
        styles, count = pattern.subn(lambda _m: xml, styles, count=1)
        if not count:
            styles = styles.replace("</w:styles>", xml + "</w:styles>")

    styles = re.sub(
        r"<w:rPrDefault>.*?</w:rPrDefault>",
        f"<w:rPrDefault>{run(SANS, 10, INK)}</w:rPrDefault>".replace(
            "</w:rPr>", '<w:lang w:val="fr-FR" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
        ),
        styles,
        flags=re.S,
    )
    styles = re.sub(
        r"<w:pPrDefault>.*?</w:pPrDefault>",
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault>",
        styles,
        flags=re.S,
    )
    replace(
        "BodyText",
        '<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/>'
        '<w:basedOn w:val="Normal"/><w:link w:val="BodyTextChar"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="80" w:after="120"/></w:pPr></w:style>',
    )
    replace(
        "Compact",
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Compact">'
        '<w:name w:val="Compact"/><w:basedOn w:val="BodyText"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="30" w:after="30" w:line="252" w:lineRule="auto"/></w:pPr>'
        "</w:style>",
    )
    replace(
        "Title",
        para_style(
            "Title",
            "Title",
            '<w:spacing w:before="3600" w:after="240" w:line="240" w:lineRule="auto"/>'
            f'<w:pBdr><w:bottom w:val="single" w:sz="24" w:space="12" w:color="{TERRACOTTA}"/>'
            "</w:pBdr>",
            run(SERIF, 30, DEEP, bold=True),
            extra='<w:next w:val="Subtitle"/>',
        ),
    )
    replace(
        "Subtitle",
        para_style(
            "Subtitle",
            "Subtitle",
            '<w:spacing w:before="120" w:after="720"/>',
            run(SANS, 13, TEAL),
            extra='<w:next w:val="BodyText"/>',
        ),
    )
    headings = [
        (
            "Heading1",
            "heading 1",
            SERIF,
            20,
            DEEP,
            True,
            '<w:spacing w:before="720" w:after="300"/>',
            0,
        ),
        (
            "Heading2",
            "heading 2",
            SANS,
            13,
            TEAL,
            True,
            '<w:spacing w:before="360" w:after="120"/>',
            1,
        ),
        (
            "Heading3",
            "heading 3",
            SANS,
            11,
            INK,
            True,
            '<w:spacing w:before="240" w:after="80"/>',
            2,
        ),
        (
            "Heading4",
            "heading 4",
            SANS,
            10,
            INK,
            True,
            '<w:spacing w:before="200" w:after="60"/>',
            3,
        ),
    ]
    for style_id, name, face, size, colour, bold, spacing, level in headings:
        replace(
            style_id,
            para_style(
                style_id,
                name,
                f'<w:keepNext/><w:keepLines/>{spacing}<w:outlineLvl w:val="{level}"/>',
                run(face, size, colour, bold=bold),
                extra=f'<w:next w:val="BodyText"/><w:uiPriority w:val="{9}"/>',
            ),
        )
    replace(
        "TOCHeading",
        para_style(
            "TOCHeading",
            "TOC Heading",
            '<w:pageBreakBefore/><w:keepNext/><w:spacing w:before="0" w:after="360"/>',
            run(SERIF, 20, DEEP, bold=True),
            extra='<w:next w:val="BodyText"/>',
        ),
    )
    replace(
        "TOC1",
        para_style(
            "TOC1",
            "toc 1",
            f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:before="60" w:after="60"/>',
            run(SANS, 11, INK),
            extra='<w:next w:val="BodyText"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
        ),
    )
    replace(
        "BlockText",
        para_style(
            "BlockText",
            "Block Text",
            '<w:spacing w:before="120" w:after="120"/><w:ind w:left="340" w:right="340"/>'
            f'<w:pBdr><w:left w:val="single" w:sz="24" w:space="12" w:color="{TEAL}"/></w:pBdr>',
            run(SERIF, 11.5, DEEP, italic=True),
            based="BodyText",
            extra='<w:next w:val="BodyText"/>',
        ),
    )
    box = f'w:val="single" w:sz="4" w:space="6" w:color="{PAPER}"'
    box_borders = f"<w:pBdr><w:top {box}/><w:left {box}/><w:bottom {box}/><w:right {box}/></w:pBdr>"
    replace(  # « How to read this roadmap »: a shaded box, as the PDF's
        "ReadingGuide",
        para_style(
            "ReadingGuide",
            "Reading Guide",
            f'{box_borders}<w:shd w:val="clear" w:color="auto" w:fill="{PAPER}"/>'
            '<w:spacing w:before="0" w:after="100"/><w:ind w:left="170" w:right="170"/>',
            run(SANS, 8.6, "2A3340"),
            based="BodyText",
        ),
    )
    replace(
        "ReadingGuideTitle",
        para_style(
            "ReadingGuideTitle",
            "Reading Guide Title",
            f'<w:keepNext/>{box_borders}<w:shd w:val="clear" w:color="auto" w:fill="{PAPER}"/>'
            '<w:spacing w:before="480" w:after="80"/><w:ind w:left="170" w:right="170"/>',
            run(SANS, 8, MUTED, bold=True).replace(
                "<w:color", '<w:caps/><w:spacing w:val="16"/><w:color'
            ),
            based="ReadingGuide",
            extra='<w:next w:val="ReadingGuide"/>',
        ),
    )
    for style_id, name in (("Header", "header"), ("Footer", "footer")):
        replace(
            style_id,
            para_style(
                style_id,
                name,
                f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                '<w:spacing w:after="0"/>',
                run(SANS, 7.5, MUTED),
                extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
            ),
        )
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    replace(
        "Table",
        '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="30" w:after="30"/></w:pPr>'
        f"{run(SANS, 9, INK)}"
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders><w:top {border}/><w:bottom {border}/><w:insideH {border}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="50" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
        f'<w:color w:val="{INK}"/></w:rPr><w:tcPr><w:tcBorders>'
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{INK}"/></w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{PAPER}"/><w:vAlign w:val="bottom"/>'
        "</w:tcPr></w:tblStylePr></w:style>",
    )
    return styles


def field(instruction: str, shown: str) -> str:
    """A field as Word writes it (begin, instruction, separate, result, end)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{shown}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def part(kind: str, body: str) -> str:
    tag = "hdr" if kind == "header" else "ftr"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag} {W} {R}>{body}</w:{tag}>'
    )


def docx() -> bytes:
    source = default("reference.docx")
    with zipfile.ZipFile(BytesIO(source)) as package:
        styles = package.read("word/styles.xml").decode()
        document = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
        settings = package.read("word/settings.xml").decode()
    header = part(
        "header",
        '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        + field("SUBJECT \\* MERGEFORMAT", "Territoire")
        + "<w:r><w:tab/></w:r>"
        + field('STYLEREF "Heading 1" \\* MERGEFORMAT', "")
        + "</w:p>",
    )
    footer = part(
        "footer",
        '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        + field("TITLE \\* MERGEFORMAT", "Feuille de route")
        + "<w:r><w:tab/></w:r>"
        + field("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> / </w:t></w:r>'
        + field("NUMPAGES", "1")
        + "</w:p>",
    )
    empty_header = part("header", '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>')
    empty_footer = part("footer", '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>')
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdHeader1" Type="{relation}header" Target="header1.xml"/>'
        f'<Relationship Id="rIdHeader2" Type="{relation}header" Target="header2.xml"/>'
        f'<Relationship Id="rIdFooter1" Type="{relation}footer" Target="footer1.xml"/>'
        f'<Relationship Id="rIdFooter2" Type="{relation}footer" Target="footer2.xml"/>'
        "</Relationships>",
    )
    ml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = types.replace(
        "</Types>",
        "".join(
            f'<Override PartName="/word/{name}.xml" ContentType="{ml}.{kind}+xml"/>'
            for name, kind in (
                ("header1", "header"),
                ("header2", "header"),
                ("footer1", "footer"),
                ("footer2", "footer"),
            )
        )
        + "</Types>",
    )
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        '<w:headerReference w:type="first" r:id="rIdHeader2"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        '<w:footerReference w:type="first" r:id="rIdFooter2"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1191" w:right="1021" w:bottom="1134" w:left="1021" w:header="567" '
        'w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>'
    )
    document = re.sub(r"<w:sectPr\b.*?</w:sectPr>", "", document, flags=re.S)
    document = document.replace("</w:body>", section + "</w:body>")
    settings = re.sub(r"<w:themeFontLang[^>]*/>", '<w:themeFontLang w:val="fr-FR"/>', settings)
    return rezip(
        source,
        {
            "word/styles.xml": docx_styles(styles),
            "word/document.xml": document,
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types,
            "word/settings.xml": settings,
        },
        {
            "word/header1.xml": header,
            "word/header2.xml": empty_header,
            "word/footer1.xml": footer,
            "word/footer2.xml": empty_footer,
        },
    )


# --- LibreOffice --------------------------------------------------------------------------------


def text(face: str, size: float, colour: str, bold: bool = False, italic: bool = False) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-complex="bold"' if bold else ""
    style = ' fo:font-style="italic"' if italic else ""
    return (
        f'<style:text-properties style:font-name="{face}" fo:font-size="{size}pt" '
        f'fo:color="#{colour.lower()}"{weight}{style}/>'
    )


def odt_style(
    name: str, display: str, parent: str, paragraph: str, text_props: str, extra: str = ""
) -> str:
    return (
        f'<style:style style:name="{name}" style:display-name="{display}" '
        f'style:family="paragraph" style:parent-style-name="{parent}"{extra}>'
        f"<style:paragraph-properties {paragraph}/>{text_props}</style:style>"
    )


def odt_styles(styles: str) -> str:
    def replace(name: str, xml: str) -> None:
        nonlocal styles
        pattern = re.compile(
            rf'<style:style style:name="{name}"[^>]*?(/>|>.*?</style:style>)', re.S
        )
        styles, count = pattern.subn(lambda _m: xml, styles, count=1)
        if not count:
            styles = styles.replace("</office:styles>", xml + "</office:styles>")

    styles = styles.replace(
        "<office:font-face-decls>",
        "<office:font-face-decls>"
        f'<style:font-face style:name="{SERIF}" svg:font-family="&apos;{SERIF}&apos;" '
        'style:font-family-generic="roman" style:font-pitch="variable"/>'
        f'<style:font-face style:name="{SANS}" svg:font-family="{SANS}" '
        'style:font-family-generic="swiss" style:font-pitch="variable"/>',
    )
    styles = re.sub(
        r'(<style:default-style style:family="paragraph">.*?<style:text-properties)([^/]*)/>',
        lambda m: (
            m.group(1)
            + re.sub(
                r'fo:language="\w+" fo:country="\w+"',
                'fo:language="fr" fo:country="FR"',
                m.group(2)
                .replace('style:font-name="Times New Roman"', f'style:font-name="{SANS}"')
                .replace('fo:font-size="12pt"', 'fo:font-size="10pt"'),
            )
            + "/>"
        ),
        styles,
        count=1,
        flags=re.S,
    )
    replace(
        "Standard",
        f'<style:style style:name="Standard" style:family="paragraph" style:class="text">'
        f'<style:paragraph-properties fo:line-height="120%"/>{text(SANS, 10, INK)}</style:style>',
    )
    replace(
        "Text_20_body",
        odt_style(
            "Text_20_body",
            "Text body",
            "Standard",
            'fo:margin-top="0in" fo:margin-bottom="0.085in"',
            "",
        ),
    )
    replace(
        "Heading",
        odt_style(
            "Heading",
            "Heading",
            "Standard",
            'fo:margin-top="0.17in" fo:margin-bottom="0.08in" fo:keep-with-next="always"',
            text(SANS, 13, TEAL, bold=True),
            ' style:next-style-name="Text_20_body" style:class="text"',
        ),
    )
    levels = [
        (
            1,
            SERIF,
            20,
            DEEP,
            'fo:margin-top="0.5in" fo:margin-bottom="0.21in"',
        ),
        (2, SANS, 13, TEAL, 'fo:margin-top="0.25in" fo:margin-bottom="0.08in"'),
        (3, SANS, 11, INK, 'fo:margin-top="0.17in" fo:margin-bottom="0.06in"'),
        (4, SANS, 10, INK, 'fo:margin-top="0.14in" fo:margin-bottom="0.04in"'),
    ]
    for level, face, size, colour, paragraph in levels:
        replace(
            f"Heading_20_{level}",
            odt_style(
                f"Heading_20_{level}",
                f"Heading {level}",
                "Heading",
                paragraph + ' fo:keep-with-next="always"',
                text(face, size, colour, bold=True),
                ' style:next-style-name="Text_20_body" style:class="text"'
                f' style:default-outline-level="{level}"',
            ),
        )
    replace(
        "Title",
        odt_style(
            "Title",
            "Title",
            "Heading",
            f'fo:margin-top="2.5in" fo:margin-bottom="0.17in" fo:padding-bottom="0.12in" '
            f'fo:border-bottom="2pt solid #{TERRACOTTA.lower()}"',
            text(SERIF, 30, DEEP, bold=True),
            ' style:next-style-name="Subtitle" style:class="chapter"'
            ' style:master-page-name="First_20_Page"',
        ),
    )
    replace(
        "Subtitle",
        odt_style(
            "Subtitle",
            "Subtitle",
            "Heading",
            'fo:margin-top="0.08in" fo:margin-bottom="0.5in"',
            text(SANS, 13, TEAL).replace("/>", ' fo:font-weight="normal"/>'),
            ' style:next-style-name="Text_20_body" style:class="chapter"',
        ),
    )
    replace(
        "Quotations",
        odt_style(
            "Quotations",
            "Quotations",
            "Standard",
            f'fo:margin-left="0.24in" fo:margin-right="0.24in" fo:margin-top="0.08in" '
            f'fo:margin-bottom="0.08in" fo:padding-left="0.12in" '
            f'fo:border-left="2pt solid #{TEAL.lower()}" fo:border-right="none" '
            'fo:border-top="none" fo:border-bottom="none"',
            text(SERIF, 11.5, DEEP, italic=True),
            ' style:class="html"',
        ),
    )
    guide_box = (
        f'fo:background-color="#{PAPER.lower()}" fo:padding-left="0.12in" '
        'fo:padding-right="0.12in" fo:padding-top="0.04in" fo:padding-bottom="0.04in" '
        f'fo:border="0.5pt solid #{PAPER.lower()}" style:join-border="true"'
    )
    replace(  # « How to read this roadmap »: a shaded box, as the PDF's
        "Reading_20_Guide",
        odt_style(
            "Reading_20_Guide",
            "Reading Guide",
            "Text_20_body",
            f'fo:margin-top="0in" fo:margin-bottom="0.06in" {guide_box}',
            text(SANS, 8.6, "2A3340"),
        ),
    )
    replace(
        "Reading_20_Guide_20_Title",
        odt_style(
            "Reading_20_Guide_20_Title",
            "Reading Guide Title",
            "Reading_20_Guide",
            f'fo:margin-top="0.33in" fo:margin-bottom="0in" fo:keep-with-next="always" {guide_box}',
            text(SANS, 8, MUTED, bold=True).replace(
                "/>", ' fo:text-transform="uppercase" fo:letter-spacing="0.01in"/>'
            ),
            ' style:next-style-name="Reading_20_Guide"',
        ),
    )
    replace(  # the cells' rules and shading are set by coconstruct (report/office.py)
        "Table_20_Contents",
        odt_style(
            "Table_20_Contents",
            "Table Contents",
            "Standard",
            'fo:margin-top="0in" fo:margin-bottom="0in"',
            text(SANS, 9, INK),
            ' style:class="extra"',
        ),
    )
    replace(
        "Table_20_Heading",
        odt_style(
            "Table_20_Heading",
            "Table Heading",
            "Table_20_Contents",
            'fo:margin-top="0in" fo:margin-bottom="0in"',
            text(SANS, 9, INK, bold=True),
            ' style:class="extra"',
        ),
    )
    replace(
        "Contents_20_Heading",
        odt_style(
            "Contents_20_Heading",
            "Contents Heading",
            "Heading",
            'fo:break-before="page" fo:margin-top="0in" fo:margin-bottom="0.25in"',
            text(SERIF, 20, DEEP, bold=True),
            ' style:class="index"',
        ),
    )
    replace(
        "Contents_20_1",
        '<style:style style:name="Contents_20_1" style:display-name="Contents 1" '
        'style:family="paragraph" style:parent-style-name="Standard" style:class="index">'
        '<style:paragraph-properties fo:margin-top="0.04in" fo:margin-bottom="0.04in">'
        '<style:tab-stops><style:tab-stop style:position="6.77in" style:type="right" '
        'style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
        f"</style:paragraph-properties>{text(SANS, 11, INK)}</style:style>",
    )
    replace(  # the entries of the contents: links, but in the text's own colour
        "Index_20_Link",
        '<style:style style:name="Index_20_Link" style:display-name="Index Link" '
        'style:family="text"><style:text-properties style:text-underline-style="none" '
        f'fo:color="#{INK.lower()}"/></style:style>',
    )
    for name in ("Header", "Footer"):
        replace(
            name,
            f'<style:style style:name="{name}" style:family="paragraph" '
            'style:parent-style-name="Standard" style:class="extra">'
            '<style:paragraph-properties><style:tab-stops><style:tab-stop style:position="6.77in" '
            'style:type="right"/></style:tab-stops></style:paragraph-properties>'
            f"{text(SANS, 7.5, MUTED)}</style:style>",
        )
    # A4 pages; the title page has no running header or footer
    page = (
        'fo:page-width="8.2681in" fo:page-height="11.6929in" style:num-format="1" '
        'style:print-orientation="portrait" fo:margin-top="0.45in" fo:margin-bottom="0.4in" '
        'fo:margin-left="0.7087in" fo:margin-right="0.7087in" style:writing-mode="lr-tb"'
    )
    spacing = (
        '<style:header-footer-properties fo:min-height="0in" fo:margin-bottom="0.25in" '
        'style:dynamic-spacing="false"/>'
    )
    styles = re.sub(
        r"<office:automatic-styles>.*</office:master-styles>",
        "<office:automatic-styles>"
        f'<style:page-layout style:name="Mpm1"><style:page-layout-properties {page}/>'
        f"<style:header-style>{spacing}</style:header-style>"
        f"<style:footer-style>{spacing.replace('margin-bottom', 'margin-top')}</style:footer-style>"
        "</style:page-layout>"
        f'<style:page-layout style:name="Mpm2"><style:page-layout-properties {page}/>'
        "</style:page-layout></office:automatic-styles>"
        "<office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
        '<style:header><text:p text:style-name="Header"><text:subject>Territoire</text:subject>'
        '<text:tab/><text:chapter text:display="name" text:outline-level="1"/></text:p>'
        "</style:header>"
        '<style:footer><text:p text:style-name="Footer"><text:title>Feuille de route</text:title>'
        '<text:tab/><text:page-number text:select-page="current">1</text:page-number> / '
        "<text:page-count>1</text:page-count></text:p></style:footer></style:master-page>"
        '<style:master-page style:name="First_20_Page" style:display-name="First Page" '
        'style:page-layout-name="Mpm2" style:next-style-name="Standard"/>'
        "</office:master-styles>",
        styles,
        flags=re.S,
    )
    return styles


def odt() -> bytes:
    source = default("reference.odt")
    with zipfile.ZipFile(BytesIO(source)) as package:
        styles = package.read("styles.xml").decode()
    return rezip(source, {"styles.xml": odt_styles(styles)}, {})


def main() -> None:
    target = ROOT / "templates"
    (target / "reference.docx").write_bytes(docx())
    (target / "reference.odt").write_bytes(odt())
    print(f"wrote {target / 'reference.docx'} and {target / 'reference.odt'}")


if __name__ == "__main__":
    main()

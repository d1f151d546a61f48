"""How the Word and LibreOffice roadmaps break into pages, and the fonts they carry.

Pandoc writes tables, pictures and paragraphs with no say on pages; the PDF's rules
(templates/roadmap.css) are given to the word processor here, on the package pandoc wrote:
- a table of at most KEEP_WHOLE rows stays on one page (every row but the last keeps with the
  next, as Word keeps a table together; in LibreOffice the table may not break between rows);
  a longer one keeps its head with its first row and its total with the row before it;
- no row is split across two pages;
- a chart keeps with its caption, a bold line (a table's title) with what follows;
- the language's decimal symbol and list separator are the document's (Word's settings);
- the fonts the styles name and the templates ship (Inter, Source Serif 4, both under the SIL
  Open Font License, which allows embedding) are embedded, so the document looks the same where
  they are not installed: obfuscated as Word embeds fonts (ECMA-376, § 17.8.1), or in the
  package's Fonts/ folder as LibreOffice does.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

KEEP_WHOLE = 16  # lines: a table this short never breaks (about a third of a page)
LINE = 100  # characters of table text across the text width (as office.lua counts them)


def _lines(cells: list[str], shares: list[float]) -> int:
    """How many lines a row takes: its tallest cell, `shares` the columns' parts of the width."""
    tallest = 1
    for i, text in enumerate(cells):
        share = shares[i] if i < len(shares) else 1 / max(1, len(cells))
        per_line = max(4, int(LINE * share))
        lines = sum(-(-max(1, len(piece)) // per_line) for piece in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest


def _short(rows: list[list[str]], shares: list[float]) -> bool:
    return sum(_lines(cells, shares) for cells in rows) <= KEEP_WHOLE


# --- Word -----------------------------------------------------------------------------------------

_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", re.DOTALL)
_ROW = re.compile(r"<w:tr\b[^>]*>.*?</w:tr>", re.DOTALL)
_PARAGRAPH = re.compile(r"<w:p\b[^>]*>.*?</w:p>", re.DOTALL)
_P_OPEN = re.compile(r"<w:p(\s[^>]*)?>")


def _keep_next(paragraph: str) -> str:
    """The paragraph keeps with the next one (`<w:keepNext/>` in its properties)."""
    if "<w:keepNext" in paragraph:
        return paragraph
    opening = _P_OPEN.match(paragraph)
    if opening is None:
        return paragraph
    head, rest = paragraph[: opening.end()], paragraph[opening.end() :]
    if rest.startswith("<w:pPr>"):
        style = re.match(r"<w:pPr>(<w:pStyle\b[^>]*/>)?", rest)
        at = style.end() if style else len("<w:pPr>")
        return head + rest[:at] + "<w:keepNext />" + rest[at:]
    return head + "<w:pPr><w:keepNext /></w:pPr>" + rest


def _cant_split(row: str) -> str:
    """A row is never split across two pages."""
    if "<w:cantSplit" in row:
        return row
    if "<w:trPr>" in row[:200]:
        return row.replace("<w:trPr>", "<w:trPr><w:cantSplit />", 1)
    opening = re.match(r"<w:tr\b[^>]*>", row)
    assert opening is not None
    return row[: opening.end()] + "<w:trPr><w:cantSplit /></w:trPr>" + row[opening.end() :]


def _docx_cells(row: str) -> list[str]:
    cells = re.findall(r"<w:tc>.*?</w:tc>", row, re.DOTALL)
    return [
        re.sub(r"<w:br\s*/>", "\n", re.sub(r"<(?!w:br)[^>]+>", "", cell)).strip() for cell in cells
    ]


def _docx_table(m: re.Match[str]) -> str:
    table = m[0]
    rows = list(_ROW.finditer(table))
    if not rows:
        return table
    count = len(rows)
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
    shares = [w / sum(grid) for w in grid] if grid and sum(grid) else []
    if _short([_docx_cells(row[0]) for row in rows], shares):
        kept = set(range(count - 1))
    else:  # the head with the first row, the total with the row before it
        heads = sum("<w:tblHeader" in row[0] for row in rows)
        kept = {*range(heads + 1), count - 2}
    out, at = [], 0
    for i, row in enumerate(rows):
        out.append(table[at : row.start()])
        text = _cant_split(row[0])
        if i in kept:
            text = _PARAGRAPH.sub(lambda p: _keep_next(p[0]), text)
        out.append(text)
        at = row.end()
    out.append(table[at:])
    return "".join(out)


def _bold_only(paragraph: str) -> bool:
    """A line all in bold, such as a table's title: it goes with what follows."""
    runs = re.findall(r"<w:r\b[^>]*>.*?</w:r>", paragraph, re.DOTALL)
    texts = [run for run in runs if re.search(r"<w:t\b[^>]*>[^<]*\S", run)]
    return bool(texts) and all("<w:b />" in run or "<w:b/>" in run for run in texts)


def docx_document(text: str) -> str:
    """word/document.xml with the page rules of the module's docstring."""
    text = _TABLE.sub(_docx_table, text)
    pieces, at = [], 0
    for table in _TABLE.finditer(text):  # paragraphs outside tables
        pieces.append(_docx_paragraphs(text[at : table.start()]))
        pieces.append(table[0])
        at = table.end()
    pieces.append(_docx_paragraphs(text[at:]))
    return "".join(pieces)


def _docx_paragraphs(text: str) -> str:
    """A chart (its last part) keeps with its caption, a bold line with what follows."""
    found = list(_PARAGRAPH.finditer(text))
    out, at = [], 0
    for i, m in enumerate(found):
        paragraph = m[0]
        following = found[i + 1][0] if i + 1 < len(found) else ""
        last_part = "<w:drawing>" in paragraph and "<w:drawing>" not in following
        if last_part or _bold_only(paragraph):
            paragraph = _keep_next(paragraph)
        out += [text[at : m.start()], paragraph]
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def docx_settings(text: str, decimal: str, separator: str) -> str:
    """word/settings.xml: the language's decimal symbol and list separator; fonts embedded."""
    for tag, value in (("decimalSymbol", decimal), ("listSeparator", separator)):
        element = f'<w:{tag} w:val="{value}" />'
        if re.search(rf"<w:{tag}\b", text):
            text = re.sub(rf"<w:{tag}\b[^>]*/>", element, text)
        else:
            text = text.replace("</w:settings>", element + "</w:settings>")
    if "<w:embedTrueTypeFonts" not in text:  # first among the settings that say it
        text = re.sub(r"(<w:zoom\b[^>]*/>)", r"\1<w:embedTrueTypeFonts />", text, count=1)
    return text


# --- fonts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """A font file the templates ship, and the family and style it is in the document."""

    family: str
    style: str  # Regular, Bold, Italic (Word's embedRegular, embedBold, embedItalic)
    file: str


FACES = (
    Face("Inter", "Regular", "inter-latin-400-normal.ttf"),
    Face("Inter", "Bold", "inter-latin-700-normal.ttf"),
    Face("Inter", "Italic", "inter-latin-400-italic.ttf"),
    # the titles' weight, 600, is the bold of the serif (the PDF's titles use nothing else)
    Face("Source Serif 4", "Bold", "source-serif-4-latin-600-normal.ttf"),
)


def named_faces(styles: str) -> list[Face]:
    """The faces whose family the document's styles use (a consultant's other fonts: none)."""
    used = set(re.findall(r'(?:w:ascii|style:font-name|svg:font-family)="([^"]+)"', styles))
    return [face for face in FACES if face.family in used]


def obfuscated(data: bytes, key: str) -> bytes:
    """A font as Word embeds it: its first 32 bytes XORed with the key, a GUID read backwards."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ digits[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def docx_fonts(
    files: dict[str, bytes], faces: list[Face], fonts: dict[str, Path], salt: str
) -> None:
    """Embed `faces` in a Word package (`files`: its parts by name, changed in place)."""
    faces = [face for face in faces if face.file in fonts]
    if not faces:
        return
    relations, by_family = [], dict[str, list[str]]()
    for n, face in enumerate(faces, 1):
        key = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{salt}/{face.file}")).upper() + "}"
        name = f"font{n}.odttf"
        files[f"word/fonts/{name}"] = obfuscated(fonts[face.file].read_bytes(), key)
        relations.append(
            f'<Relationship Id="rIdFont{n}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/font" Target="fonts/{name}"/>'
        )
        by_family.setdefault(face.family, []).append(
            f'<w:embed{face.style} r:id="rIdFont{n}" w:fontKey="{key}" />'
        )
    files["word/_rels/fontTable.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(relations)
        + "</Relationships>"
    ).encode()
    table = files["word/fontTable.xml"].decode("utf-8")
    for family, embeds in by_family.items():
        generic = "roman" if "Serif" in family else "swiss"
        entry = (
            f'<w:font w:name="{family}"><w:charset w:val="00" /><w:family w:val="{generic}" />'
            f'<w:pitch w:val="variable" />{"".join(embeds)}</w:font>'
        )
        table = re.sub(rf'<w:font w:name="{re.escape(family)}">.*?</w:font>', "", table, flags=re.S)
        table = table.replace("</w:fonts>", entry + "</w:fonts>")
    files["word/fontTable.xml"] = table.encode("utf-8")
    types = files["[Content_Types].xml"].decode("utf-8")
    if 'Extension="odttf"' not in types:
        types = types.replace(
            "</Types>",
            '<Default Extension="odttf" '
            'ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/></Types>',
        )
    files["[Content_Types].xml"] = types.encode("utf-8")


# --- LibreOffice ----------------------------------------------------------------------------------

_ODT_TABLE = re.compile(r"<table:table\b[^>]*>.*?</table:table>", re.DOTALL)
_ODT_ROW = "<table:table-row>"
_CARD_COLOURS = {"": "1f7a80", "needs": "d1543a", "money": "2f5d8c", "plan": "d99a2b",
                 "results": "3a7d5c", "cover": "12413f"}  # fmt: skip


def _paragraph(name: str, paragraph: str, text: str, parent: str = "Table_20_Contents") -> str:
    return (
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:parent-style-name="{parent}"><style:paragraph-properties {paragraph} />'
        f"<style:text-properties {text} /></style:style>"
    )


# the automatic styles office.lua's cards, page break and kept paragraphs use
ODT_STYLES = (
    '<style:style style:name="CocoRow" style:family="table-row">'
    '<style:table-row-properties fo:keep-together="always" /></style:style>'
    '<style:style style:name="CocoKeepBody" style:family="paragraph" '
    'style:parent-style-name="Text_20_body"><style:paragraph-properties '
    'fo:keep-with-next="always" /></style:style>'
    '<style:style style:name="CocoKeepFirst" style:family="paragraph" '
    'style:parent-style-name="First_20_paragraph"><style:paragraph-properties '
    'fo:keep-with-next="always" /></style:style>'
    '<style:style style:name="CocoBreak" style:family="paragraph" style:parent-style-name='
    '"Standard"><style:paragraph-properties fo:break-before="page" fo:margin-top="0in" '
    'fo:margin-bottom="0in" /><style:text-properties fo:font-size="2pt" /></style:style>'
    '<style:style style:name="CocoCards" style:family="table"><style:table-properties '
    'style:width="6.85in" table:align="margins" fo:margin-top="0.06in" fo:margin-bottom="0.12in" '
    'style:may-break-between-rows="false" /></style:style>'
    '<style:style style:name="CocoCardColumn" style:family="table-column">'
    '<style:table-column-properties style:column-width="1.6375in" /></style:style>'
    '<style:style style:name="CocoGapColumn" style:family="table-column">'
    '<style:table-column-properties style:column-width="0.1in" /></style:style>'
    '<style:style style:name="CocoGapRow" style:family="table-row">'
    '<style:table-row-properties style:row-height="0.1in" fo:keep-together="always" />'
    "</style:style>"
    + "".join(
        f'<style:style style:name="CocoGauge{kind}" style:family="text"><style:text-properties '
        f'fo:font-size="6.5pt" fo:background-color="#{colour}" /></style:style>'
        for kind, colour in (("", "1f7a80"), ("needs", "d1543a"), ("Track", "e6e9ee"))
    )
    + _paragraph("CocoTiny", 'fo:margin-top="0in" fo:margin-bottom="0in"', 'fo:font-size="2pt"')
    + _paragraph(
        "CocoCardValue",
        'fo:margin-top="0in" fo:margin-bottom="0in"',
        'fo:font-size="17pt" fo:font-weight="bold" fo:color="#12413f"',
    )
    + _paragraph(
        "CocoCardValueLong",
        'fo:margin-top="0in" fo:margin-bottom="0in"',
        'fo:font-size="13pt" fo:font-weight="bold" fo:color="#12413f"',
    )
    + _paragraph(
        "CocoCardLabel",
        'fo:margin-top="0.04in" fo:margin-bottom="0in" fo:line-height="115%"',
        'fo:font-size="8pt" fo:color="#5d6675"',
    )
    + _paragraph(
        "CocoCardNote",
        'fo:margin-top="0.03in" fo:margin-bottom="0in" fo:line-height="115%"',
        'fo:font-size="7.5pt" fo:font-style="italic" fo:color="#5d6675"',
    )
    + "".join(
        f'<style:style style:name="CocoCard{kind}" style:family="table-cell">'
        f'<style:table-cell-properties fo:background-color="#f3f1ec" fo:padding-top="0.07in" '
        f'fo:padding-bottom="0.08in" fo:padding-left="0.1in" fo:padding-right="0.08in" '
        f'fo:border-top="2.25pt solid #{colour}" fo:border-bottom="none" fo:border-left="none" '
        f'fo:border-right="none" /></style:style>'
        for kind, colour in _CARD_COLOURS.items()
    )
)


def _odt_text(cell: str) -> str:
    cell = re.sub(r"<text:line-break\s*/>|</text:p>", "\n", cell)
    return "\n".join(" ".join(line.split()) for line in re.sub(r"<[^>]+>", "", cell).split("\n"))


def odt_content(text: str) -> str:
    """content.xml with the page rules LibreOffice knows: short tables whole, the rows of a long
    one whole but its first two (LibreOffice would move a long table whole, leaving the page
    before it part empty, to keep its heading with a first row that may not break), charts with
    their captions."""
    whole: list[str] = []

    def table(m: re.Match[str]) -> str:
        body = m[0]
        rows = re.findall(r"<table:table-row\b.*?</table:table-row>", body, re.DOTALL)
        cells = [
            [
                _odt_text(c).strip()
                for c in re.findall(r"<table:table-cell\b.*?</table:table-cell>", row, re.DOTALL)
            ]
            for row in rows
        ]
        if _short(cells, []):
            name = re.search(r'table:style-name="([^"]+)"', body[:300])
            if name:
                whole.append(name[1])
            return body
        head, rest = body.split(_ODT_ROW, 1) if _ODT_ROW in body else (body, "")
        if not rest:
            return body
        second, _, tail = rest.partition(_ODT_ROW)
        if not tail:
            return body
        kept = tail.replace(_ODT_ROW, '<table:table-row table:style-name="CocoRow">')
        return head + _ODT_ROW + second + _ODT_ROW + kept

    text = _ODT_TABLE.sub(table, text)
    for name in whole:
        text = re.sub(
            rf'(<style:style style:name="{re.escape(name)}" style:family="table">\s*'
            r"<style:table-properties)\b",
            r'\1 style:may-break-between-rows="false"',
            text,
        )
    for style, kept in (("Text_20_body", "CocoKeepBody"), ("First_20_paragraph", "CocoKeepFirst")):
        text = re.sub(  # a chart (its last part) keeps with its caption
            rf'<text:p text:style-name="{style}">(<draw:frame(?:(?!</text:p>).)*</text:p>)'
            r"(?!\s*<text:p[^>]*><draw:frame)",
            rf'<text:p text:style-name="{kept}">\1',
            text,
            flags=re.DOTALL,
        )
    for custom in ("Reading Guide Title", "Reading Guide"):  # pandoc writes the name as given
        text = text.replace(
            f'text:style-name="{custom}"', f'text:style-name="{custom.replace(" ", "_20_")}"'
        )
    return text.replace("</office:automatic-styles>", ODT_STYLES + "</office:automatic-styles>", 1)


_ODT_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">'
    '<office:settings><config:config-item-set config:name="ooo:configuration-settings">'
    '<config:config-item config:name="EmbedFonts" config:type="boolean">true'
    "</config:config-item></config:config-item-set></office:settings></office:document-settings>"
)


def odt_fonts(files: dict[str, bytes], faces: list[Face], fonts: dict[str, Path]) -> None:
    """Embed `faces` in a LibreOffice package (`files`: its parts by name, changed in place)."""
    faces = [face for face in faces if face.file in fonts]
    if not faces:
        return
    entries, manifest = dict[str, list[str]](), []
    for face in faces:
        path = f"Fonts/{face.file}"
        files[path] = fonts[face.file].read_bytes()
        manifest.append(
            f'<manifest:file-entry manifest:full-path="{path}" '
            'manifest:media-type="application/x-font-ttf" />'
        )
        entries.setdefault(face.family, []).append(
            f'<svg:font-face-uri xlink:href="{path}" xlink:type="simple">'
            '<svg:font-face-format svg:string="truetype" /></svg:font-face-uri>'
        )
    for part in ("styles.xml", "content.xml"):
        text = files[part].decode("utf-8")
        for family, uris in entries.items():
            generic = "roman" if "Serif" in family else "swiss"
            declared = (
                f'<style:font-face style:name="{family}" svg:font-family="&apos;{family}&apos;" '
                f'style:font-family-generic="{generic}" style:font-pitch="variable">'
                f"<svg:font-face-src>{''.join(uris)}</svg:font-face-src></style:font-face>"
            )
            text = re.sub(
                rf'<style:font-face\b[^>]*style:name="{re.escape(family)}"[^>]*?(/>|>.*?'
                r"</style:font-face>)",
                "",
                text,
                flags=re.S,
            )
            if "<office:font-face-decls>" not in text:
                text = re.sub(
                    r"(<office:document-\w+\b[^>]*>)",
                    r"\1<office:font-face-decls></office:font-face-decls>",
                    text,
                    count=1,
                )
            text = text.replace("<office:font-face-decls>", "<office:font-face-decls>" + declared)
        files[part] = text.encode("utf-8")
    if "settings.xml" not in files:  # « Embed fonts in document », so a save keeps them
        files["settings.xml"] = _ODT_SETTINGS.encode("utf-8")
        manifest.append(
            '<manifest:file-entry manifest:full-path="settings.xml" '
            'manifest:media-type="text/xml" />'
        )
    listing = files["META-INF/manifest.xml"].decode("utf-8")
    files["META-INF/manifest.xml"] = listing.replace(
        "</manifest:manifest>", "".join(manifest) + "</manifest:manifest>"
    ).encode("utf-8")

"""The roadmap as a document to edit in Word (.docx) or LibreOffice (.odt), written by pandoc.

One content, many writers: pandoc reads the roadmap's own Markdown (the same template, charts as
PNG pictures) and writes the word processor's format with the styles of a reference document
(`reference.docx`, `reference.odt` in the template folders, so a consultant's fonts and colours
apply as the CSS does for HTML). Why pandoc rather than building the document with python-docx
and odfpy: the content is written once, in `roadmap.md.j2`, and a consultant's change to it shows
in every format; pandoc's Word and LibreOffice writers give real heading styles, table header
rows that repeat, pictures and document properties; `pypandoc-binary` ships pandoc in a wheel,
so `pip install` is all it takes.

Untrusted answers stay text, in three layers: the Markdown escapes every answer; pandoc reads it
with raw HTML kept from the writer, maths, emoji and bare-URL links off, and runs with
`--sandbox` (it reads no file but those named here, so nothing is fetched); the filter
(office.lua) turns anything raw into text and keeps only our own charts as pictures. After
pandoc, the package is checked: nothing in it may point outside it but web and mail links of the
reference document.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from coconstruct.errors import CoconstructError
from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.report import office_pages

OFFICE_FORMATS = ("docx", "odt")
FILTER = Path(__file__).with_name("office.lua")
# GitHub-flavoured Markdown as the roadmap writes it; what could turn an answer into something
# else than text is off: `$…$` maths, :emoji:, bare URLs as links, task lists, alerts.
READER = (
    "gfm-tex_math_dollars-tex_math_gfm-emoji-autolink_bare_uris-task_lists-alerts"
    "-footnotes-yaml_metadata_block"
)
CHART_DPI = 250  # print quality at the text width of A4 (17 cm)
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
PANDOC_TIMEOUT = 120.0
_NAMES = {"docx": "Word", "odt": "LibreOffice"}


@dataclass(frozen=True)
class Properties:
    """What the document's properties say (File › Properties)."""

    title: str
    subject: str  # the territory, also printed in the running header
    author: str
    date: dt.date | None
    lang: str  # fr or en
    pictures: tuple[str, ...] = ()  # the charts' alternative texts, in the document's order
    landscape: bool = False  # pages turned (the synthesis' wide tables), as its PDF
    fonts: tuple[tuple[str, Path], ...] = ()  # font files the templates ship, by file name
    cards: tuple[str, ...] = ()  # the kinds of the key figures (needs, money…), in their order


def engine_hint() -> str:
    return msg(
        "reinstall coconstruct (pip install --force-reinstall coconstruct), which brings pandoc "
        "with pypandoc-binary, or install pandoc 3; -f md,html,pdf work without it"
    )


def pandoc() -> str:
    """The pandoc program: COCONSTRUCT_PANDOC, else the one pypandoc-binary ships, else PATH's."""
    return _pandoc(os.environ.get("COCONSTRUCT_PANDOC"), os.environ.get("PATH"))


@cache  # looked up once per setting: a long-lived process that changes them is heard
def _pandoc(chosen: str | None, path: str | None) -> str:
    if chosen:
        program = shutil.which(chosen)
        if program is None:
            raise CoconstructError(
                msg("COCONSTRUCT_PANDOC={program}: no such program", program=chosen),
                hint=engine_hint(),
            )
        return program
    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.origin:
        name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
        bundled = Path(spec.origin).parent / "files" / name
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    found = shutil.which("pandoc")
    if found:
        return found
    raise CoconstructError(
        msg("cannot write Word or LibreOffice documents: pandoc is not installed"),
        hint=engine_hint(),
    )


def convert(
    markdown: str, fmt: str, reference: Path, props: Properties, contents_title: str
) -> bytes:
    """The Markdown roadmap as a .docx or .odt, styled by `reference`, checked and completed."""
    if not zipfile.is_zipfile(reference):
        raise CoconstructError(
            msg(
                "{file}: not a {kind} document (save it again from {kind} as .{format})",
                file=reference,
                kind=_NAMES[fmt],
                format=fmt,
            ),
            hint=msg("`coconstruct templates export DIR` gives a fresh copy"),
        )
    env = {
        **os.environ,
        "COCONSTRUCT_OFFICE": json.dumps({"contents": contents_title, "cards": props.cards}),
        "LC_ALL": "C.UTF-8",
    }
    command = [
        pandoc(),
        "--sandbox",
        f"--from={READER}",
        f"--to={fmt}",
        f"--reference-doc={reference}",
        f"--lua-filter={FILTER}",
        f"--metadata=lang:{LANGUAGE_TAGS.get(props.lang, props.lang)}",
        "--output=-",
    ]
    try:
        done = subprocess.run(
            command,
            input=markdown.encode("utf-8"),
            capture_output=True,
            env=env,
            timeout=PANDOC_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CoconstructError(
            msg(
                "pandoc took more than {seconds} s to write the {format} document",
                seconds=round(PANDOC_TIMEOUT),
                format=fmt,
            )
        ) from None
    except OSError as exc:
        raise CoconstructError(
            msg("cannot run pandoc ({reason})", reason=exc.strerror or exc),
            hint=engine_hint(),
        ) from None
    if done.returncode != 0:
        reason = _first_error(done.stderr.decode("utf-8", "replace"))
        raise CoconstructError(
            msg(
                "pandoc could not write the {format} document: {reason}", format=fmt, reason=reason
            ),
            hint=msg("check the reference document {file}", file=reference),
        )
    return finish(done.stdout, fmt, props, reference)


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if not line.startswith(("[WARNING]", "stack traceback"))]
    first = (
        " ".join(errors[:2])
        if errors and errors[0].endswith(":")
        else (errors or lines or ["?"])[0]
    )
    return first[:300]


# --- after pandoc: properties, running header, nothing pointing outside -------------------------


def finish(package: bytes, fmt: str, props: Properties, reference: Path) -> bytes:
    """Fill in what pandoc leaves out, lay out pages and embed fonts (office_pages), and refuse a
    package that points outside itself."""
    fill = _fill_docx if fmt == "docx" else _fill_odt
    source = zipfile.ZipFile(BytesIO(package))
    infos = {info.filename: info for info in source.infolist()}
    files = {name: source.read(info) for name, info in infos.items()}
    for name, data in files.items():
        if name.endswith((".xml", ".rels")):
            files[name] = fill(name, data.decode("utf-8"), props).encode("utf-8")
    styles = files.get("word/styles.xml" if fmt == "docx" else "styles.xml", b"")
    faces = office_pages.named_faces(styles.decode("utf-8"))
    fonts = dict(props.fonts)
    if fmt == "docx":
        office_pages.docx_fonts(files, faces, fonts, salt=props.title)
    else:
        office_pages.odt_fonts(files, faces, fonts)
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in files.items():
            if name.endswith((".xml", ".rels")):
                _check_links(name, data.decode("utf-8"), reference)
            info = infos.get(name) or zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            if name not in infos:
                info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _replace_element(text: str, tag: str, value: str) -> str:
    """`<tag …>old</tag>` or `<tag/>` → `<tag …>value</tag>` (the first one only)."""
    pattern = re.compile(rf"<{tag}(\s[^>]*)?(/>|>.*?</{tag}>)", re.DOTALL)
    return pattern.sub(lambda m: f"<{tag}{m.group(1) or ''}>{_text(value)}</{tag}>", text, count=1)


def _timestamp(props: Properties) -> str:
    """The documents are dated by the workshop (the same file at each render), else by now."""
    if props.date:
        return f"{props.date.isoformat()}T00:00:00Z"
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_element(text: str, tag: str, value: str, closing: str) -> str:
    """Give `<tag>` this value, adding the element before `closing` when pandoc left it out."""
    if re.search(rf"<{tag}[\s/>]", text):
        return _replace_element(text, tag, value)
    return text.replace(closing, f"<{tag}>{_text(value)}</{tag}>{closing}", 1)


def _fill_docx(name: str, text: str, props: Properties) -> str:
    if name == "docProps/core.xml":
        end = "</cp:coreProperties>"
        text = _set_element(text, "dc:creator", props.author, end)
        text = _set_element(text, "dc:subject", props.subject, end)
        text = _set_element(text, "cp:lastModifiedBy", props.author, end)
        for tag in ("dcterms:created", "dcterms:modified"):
            text = _replace_element(text, tag, _timestamp(props))
    elif name == "word/document.xml":
        text = office_pages.docx_document(_DRAWING.sub(_alt_text, text))
        if props.landscape:
            text = re.sub(r"<w:pgSz\b[^>]*/>", _docx_landscape, text)
    elif re.fullmatch(r"word/(header|footer)\d*\.xml", name):
        text = _docx_field_results(text, {"TITLE": props.title, "SUBJECT": props.subject})
    elif name == "word/settings.xml":
        text = re.sub(r"<w:attachedTemplate\b[^>]*/>", "", text)  # a .dotx elsewhere
        words = locale_for(props.lang)
        text = office_pages.docx_settings(text, words.decimal_symbol, words.csv_delimiter)
        tag = LANGUAGE_TAGS.get(props.lang, props.lang)
        text = re.sub(r'<w:themeFontLang w:val="[^"]*"', f'<w:themeFontLang w:val="{tag}"', text)
    elif name.endswith(".rels"):  # and the relationship naming that .dotx
        text = _RELATIONSHIP.sub(lambda m: "" if "/attachedTemplate" in m[0] else m[0], text)
    return text


_DRAWING = re.compile(
    r'(<wp:docPr\b[^>]*\bdescr="([^"]*)".*?<pic:cNvPr\b[^>]*?\bdescr=")([^"]*)(")', re.DOTALL
)


def _alt_text(m: re.Match[str]) -> str:
    """The picture's own description is its alternative text, not the file's name."""
    return m.group(1) + m.group(2) + m.group(4)


_SIMPLE_FIELD = re.compile(
    r'(<w:fldSimple\b[^>]*w:instr="\s*(\w+)[^"]*"[^>]*>)(.*?)(</w:fldSimple>)', re.DOTALL
)
_COMPLEX_FIELD = re.compile(
    r"(<w:instrText\b[^>]*>\s*(\w+)[^<]*</w:instrText>.*?"
    r'<w:fldChar\b[^>]*w:fldCharType="separate"[^>]*/>)(.*?)'
    r'(<w:fldChar\b[^>]*w:fldCharType="end"[^>]*/>)',
    re.DOTALL,
)
_RUN_TEXT = re.compile(r"(<w:t\b[^>]*>)(.*?)(</w:t>)|<w:t\b[^>]*/>", re.DOTALL)


def _docx_field_results(text: str, values: dict[str, str]) -> str:
    """Show each TITLE or SUBJECT field of a header or footer with this document's value.

    Word recomputes such fields as it lays pages out, LibreOffice reads the properties; the
    result stored in the file is what any other reader (and a preview) shows.
    """

    def result(inner: str, value: str) -> str:
        texts = list(_RUN_TEXT.finditer(inner))
        if not texts:
            return f'<w:r><w:t xml:space="preserve">{_text(value)}</w:t></w:r>' + inner
        first = texts[0]
        head = f'<w:t xml:space="preserve">{_text(value)}</w:t>'
        rest = _RUN_TEXT.sub("<w:t/>", inner[first.end() :])
        return inner[: first.start()] + head + rest

    def simple(m: re.Match[str]) -> str:
        key = m.group(2).upper()
        if key not in values:
            return m.group(0)
        return m.group(1) + result(m.group(3), values[key]) + m.group(4)

    def complex_(m: re.Match[str]) -> str:
        key = m.group(2).upper()
        if key not in values:
            return m.group(0)
        return m.group(1) + result(m.group(3), values[key]) + m.group(4)

    return _COMPLEX_FIELD.sub(complex_, _SIMPLE_FIELD.sub(simple, text))


def _docx_landscape(match: re.Match[str]) -> str:
    """A page size turned: the longer side across (`w:orient` for Word's page setup)."""
    sides = [int(v) for v in re.findall(r'w:[wh]="(\d+)"', match[0])] or [11906, 16838]
    return f'<w:pgSz w:w="{max(sides)}" w:h="{min(sides)}" w:orient="landscape" />'


def _odt_landscape(match: re.Match[str]) -> str:
    """A page layout turned: width and height swapped when the page stands, and so printed."""
    tag = match[0]
    width = re.search(r'fo:page-width="([\d.]+)(\w+)"', tag)
    height = re.search(r'fo:page-height="([\d.]+)(\w+)"', tag)
    if width and height and float(width[1]) < float(height[1]):
        tag = tag.replace(width[0], f'fo:page-width="{height[1]}{height[2]}"').replace(
            height[0], f'fo:page-height="{width[1]}{width[2]}"'
        )
    return tag.replace('style:print-orientation="portrait"', 'style:print-orientation="landscape"')


def _fill_odt(name: str, text: str, props: Properties) -> str:
    if name == "meta.xml":
        end = "</office:meta>"
        text = _set_element(text, "dc:creator", props.author, end)
        text = _set_element(text, "meta:initial-creator", props.author, end)
        text = _set_element(text, "dc:subject", props.subject, end)
        for tag in ("meta:creation-date", "dc:date"):
            text = _set_element(text, tag, _timestamp(props)[:-1], end)
    elif name in ("styles.xml", "content.xml"):
        if props.landscape and name == "styles.xml":
            text = re.sub(r"<style:page-layout-properties\b[^>]*>", _odt_landscape, text)
        text = _replace_element_all(text, "text:title", props.title)
        text = _replace_element_all(text, "text:subject", props.subject)
        if name == "content.xml":
            text = office_pages.odt_content(text)
            alts = iter(props.pictures)
            text = _FRAME_END.sub(lambda m: _frame_text(m, next(alts, "")), text)
            for style, cell in _ODT_CELLS.items():
                text = re.sub(
                    rf'(<style:style style:name="{style}" style:family="table-cell">\s*'
                    r"<style:table-cell-properties)\b[^>]*?(/>)",
                    rf"\1 {cell}\2",
                    text,
                )
    return text


# pandoc gives the cells of LibreOffice tables no border and no padding, and a reference document
# cannot style them: the rules and shading of the house look (the Word tables get theirs from
# the Table style of reference.docx). Fonts come from Table Heading and Table Contents.
_ODT_CELLS = {
    "TableHeaderRowCell": 'fo:padding="0.04in" fo:background-color="#f3f1ec" fo:border-top="none" '
    'fo:border-left="none" fo:border-right="none" fo:border-bottom="1pt solid #1c2430" ',
    "TableRowCell": 'fo:padding="0.04in" fo:border-top="none" fo:border-left="none" '
    'fo:border-right="none" fo:border-bottom="0.5pt solid #d8dde5" ',
}


_FRAME_END = re.compile(r"(<draw:image\b[^>]*/>)(\s*</draw:frame>)")


def _frame_text(m: re.Match[str], alt: str) -> str:
    """A picture's alternative text, which pandoc does not write in LibreOffice documents."""
    if not alt:
        return m.group(0)
    described = f"<svg:title>{_text(alt)}</svg:title><svg:desc>{_text(alt)}</svg:desc>"
    return m.group(1) + described + m.group(2)


def _replace_element_all(text: str, tag: str, value: str) -> str:
    pattern = re.compile(rf"<{tag}(\s[^>]*)?(/>|>.*?</{tag}>)", re.DOTALL)
    return pattern.sub(lambda m: f"<{tag}{m.group(1) or ''}>{_text(value)}</{tag}>", text)


_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_XLINK = re.compile(r'xlink:href="([^"]*)"')
_WEB = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_INSIDE = re.compile(r"^(?![a-zA-Z][\w+.-]*:)(?![/\\])(?!\.\.)")  # a path inside the package


def _check_links(name: str, text: str, reference: Path) -> None:
    """Nothing may point outside the package, but a web or mail link of the reference document.

    The roadmap itself never links out (answers are text); a reference document could, with a
    linked picture, an attached template or a link to a file: those are refused.
    """
    outside: list[str] = []
    if name.endswith(".rels"):
        for element in _RELATIONSHIP.findall(text):
            attributes = dict(_ATTRIBUTE.findall(element))
            if attributes.get("TargetMode") != "External":
                continue
            target = html.unescape(attributes.get("Target", ""))
            if not (attributes.get("Type", "").endswith("/hyperlink") and _WEB.match(target)):
                outside.append(target)
    else:
        for target in map(html.unescape, _XLINK.findall(text)):
            if not (target.startswith("#") or _WEB.match(target) or _INSIDE.match(target)):
                outside.append(target)
    if outside:
        raise CoconstructError(
            msg(
                "{file}: refers to {target}, outside the document; embed it or remove the link",
                file=reference,
                target=outside[0][:120],
            ),
            hint=msg("a roadmap's documents never point to other files"),
        )

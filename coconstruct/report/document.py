"""One roadmap, step by step: load and analyse once, then render each format from that."""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound
from markupsafe import Markup

from coconstruct import analysis
from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import LANGUAGES, catalog, msg
from coconstruct.model.validation import load_checked, refuse_errors
from coconstruct.model.values import as_date
from coconstruct.report import FORMATS, TEMPLATES, RenderResult, chart_link, content
from coconstruct.report.chart_texts import ChartText
from coconstruct.report.content.material import gather
from coconstruct.report.environment import (
    environment,
    find_file,
    render_template,
    search_path,
)
from coconstruct.report.parts import Doc

CHARTS = ("scissors", "votes", "money", "stakeholders", "timeline", "results")
# Formats made by a program beyond Python (weasyprint's Pango, pandoc): when one fails, the
# others of the same render are still written.
ENGINE_FORMATS = ("pdf", "docx", "odt")


@dataclass
class Prepared:
    """An answers file loaded, analysed and said (its content), ready for any format."""

    result: RenderResult
    roots: tuple[Path, ...]
    variables: dict[str, Any]  # what the templates receive
    doc: Doc  # what names the document (the office documents' properties)
    chart_texts: Mapping[str, ChartText]  # every chart drawn, in words
    draw: Callable[[], dict[str, str]]  # the charts, as SVG (or PNG inside `chartkit.as_png`)
    contents: str  # the word for a table of contents (Word and LibreOffice make their own)
    svgs: dict[str, str] | None = None
    html: str | None = None
    pdf_html: str | None = None
    office_md: str | None = None  # the Markdown pandoc reads, charts as PNG (docx and odt)
    # what is rendered: the roadmap, unless told (the synthesis of a portfolio is another)
    templates: dict[str, str] = field(default_factory=lambda: dict(TEMPLATES))
    chart_names: tuple[str, ...] = CHARTS
    landscape: bool = False  # the Word and LibreOffice pages turned, as the PDF's (synthesis)


def prepare(
    answers_path: Path,
    lang: str | None = None,
    templates_dir: Path | None = None,
    questionnaire: str | None = None,
    check: bool = False,
    compare: str | None = None,
) -> Prepared:
    """Load, (optionally) validate, analyse and say (build the content of) one answers file.

    With `check`, a file with validation errors is refused (InvalidAnswers) rather than rendered
    with its invalid answers left out: what `coconstruct render` does.
    """
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(
            msg("--lang {value}: choose one of {choices}", value=lang, choices=", ".join(LANGUAGES))
        )
    from coconstruct.report.figures import draw_all

    started = time.perf_counter()
    roots = tuple(search_path(templates_dir))
    doc, q = load_checked(answers_path, questionnaire)
    if check:
        refuse_errors(doc, q)
    wanted = lang or doc.language
    language = wanted if wanted in LANGUAGES else LANGUAGES[0]
    plain = doc.plain()
    loaded = time.perf_counter()
    result = analysis.analyse(plain, q, doc.deferred)
    analysed = time.perf_counter()
    material = gather(plain, q, result, language, doc.status, doc.language)
    changes = None
    if compare is not None:  # `--compare`: the « Évolutions » section
        from coconstruct.history import read_version
        from coconstruct.report import evolution

        old = read_version(evolution.resolve(compare, answers_path))
        changes = evolution.build(old, doc, q, result, material.fmt, language)
    roadmap = content.build(material, changes)
    built = time.perf_counter()
    rendered = RenderResult(stem=answers_path.stem, lang=language)
    rendered.timings.update(
        load=loaded - started, analysis=analysed - loaded, context=built - analysed
    )
    return Prepared(
        rendered,
        roots,
        {**roadmap.variables(), **content.raw(material)},
        roadmap.doc,
        roadmap.chart_texts,
        lambda: draw_all(material, catalog(language).gettext),
        msg("Contents", language),
    )


def render_format(prepared: Prepared, fmt: str) -> bytes:
    """Render one format into `prepared.result.documents` (PDF goes through the HTML)."""
    if fmt == "pdf":
        from coconstruct.report.pdf import html_to_pdf

        html = _pdf_html(prepared)
        started = time.perf_counter()
        content = html_to_pdf(html, prepared.roots)
        prepared.result.timings["pdf"] = time.perf_counter() - started
    elif fmt == "html":
        content = _html(prepared).encode("utf-8")
    elif fmt in ("docx", "odt"):
        content = _office(prepared, fmt)
    elif fmt == "md":
        svgs = _charts(prepared)
        links = {
            name: chart_link(prepared.result.stem, name) if name in svgs else None
            for name in prepared.chart_names
        }
        text = _render(prepared, "md", links)
        prepared.result.charts = dict(svgs)
        content = text.encode("utf-8")
    else:
        raise UsageError(
            msg(
                "unknown format {formats}: choose among {choices}",
                formats=fmt,
                choices=", ".join(FORMATS),
            )
        )
    prepared.result.documents[fmt] = content
    return content


# a chart's alt text, and its picture (parts: one data: URL after the other)
_PICTURE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]\((data:image/png[^)\s]*)")


def _office(prepared: Prepared, fmt: str) -> bytes:
    """A Word or LibreOffice document: pandoc writes the Markdown roadmap with the reference
    document's styles (see report/office.py)."""
    from coconstruct.report import office

    if prepared.office_md is None:
        started = time.perf_counter()
        from coconstruct.report.chartkit import as_png

        with as_png(office.CHART_DPI):
            pngs = prepared.draw()
        prepared.result.timings["charts-png"] = time.perf_counter() - started
        pictures = {
            name: Markup(pngs[name]) if name in pngs else None for name in prepared.chart_names
        }
        prepared.office_md = _render(prepared, "md", pictures, timing="office-md", office=True)
    try:
        reference = find_file(prepared.roots, f"reference.{fmt}")
    except TemplateNotFound:
        raise CoconstructError(
            msg("reference.{format} is missing from the templates", format=fmt),
            hint=msg("`coconstruct templates export DIR` gives a fresh copy"),
        ) from None
    prepared.result.templates_used = sorted({*prepared.result.templates_used, reference})
    doc = prepared.doc
    props = office.Properties(
        title=doc.title,
        subject=doc.territory,
        author=doc.author,
        date=_first_day(doc.date),
        lang=prepared.result.lang,
        pictures=tuple(  # each part of a chart drawn in parts says the whole chart
            re.sub(r"\\(.)", r"\1", alt)
            for alt, url in _PICTURE.findall(prepared.office_md)
            for _part in range(url.count("data:image/png"))
        ),
        landscape=prepared.landscape,
        fonts=_font_files(prepared.roots),
        cards=tuple(str(f.kind) for f in getattr(prepared.variables.get("summary"), "figures", ())),
    )
    started = time.perf_counter()
    content = office.convert(prepared.office_md, fmt, reference, props, prepared.contents)
    prepared.result.timings[fmt] = time.perf_counter() - started
    return content


def _font_files(roots: Sequence[Path]) -> tuple[tuple[str, Path], ...]:
    """The font files of the template folders a Word or LibreOffice document may embed."""
    from coconstruct.report.office_pages import FACES

    found = []
    for face in FACES:
        try:
            found.append((face.file, find_file(roots, f"fonts/{face.file}")))
        except TemplateNotFound:
            continue
    return tuple(found)


def _html(prepared: Prepared) -> str:
    """The HTML file: charts inline, so the browser draws their text in the page's fonts."""
    if prepared.html is None:
        svgs = _charts(prepared)
        texts = prepared.chart_texts
        inline = {
            name: _labelled(svgs[name], texts[name], prepared.result.lang)
            if name in svgs and name in texts
            else None
            for name in prepared.chart_names
        }
        prepared.html = _render(prepared, "html", inline)
    return prepared.html


def _pdf_html(prepared: Prepared) -> str:
    """The HTML weasyprint lays out: the same page, charts as SVG images.

    weasyprint parses every `style` attribute of inline SVG as page CSS (hundreds of rules per
    chart, all ignored) before drawing it; as an image, the SVG goes straight to its SVG renderer,
    which draws the same vectors in the same embedded fonts, a second or so faster on the example.
    """
    if prepared.pdf_html is None:
        svgs = _charts(prepared)
        texts = prepared.chart_texts
        lang = prepared.result.lang
        images = {
            name: _image(
                svgs[name], f"{texts[name].alt} {_where(texts[name], lang)}", texts[name], lang
            )
            if name in svgs and name in texts
            else None
            for name in prepared.chart_names
        }
        prepared.pdf_html = _render(prepared, "html", images, timing="pdf-html", pdf=True)
    return prepared.pdf_html


def _labelled(svg: str, text: ChartText, lang: str) -> Markup:
    """An inline chart that speaks: role="img", named by its text alternative (`<title>`),
    described by where its data is (`<desc>`), both in the report's language."""
    ids = f"chart-{text.name}"
    opening = Markup('<svg aria-labelledby="{0}-title" aria-describedby="{0}-desc" ').format(ids)
    start = svg.find(">", svg.find("<svg")) + 1
    words = Markup('<title id="{0}-title">{1}</title><desc id="{0}-desc">{2}</desc>').format(
        ids, text.alt, _where(text, lang)
    )
    head, tail = Markup(svg[:start]), Markup(svg[start:])  # our own drawing: trusted markup
    return head.replace("<svg ", opening, 1) + words + tail


def _where(text: ChartText, lang: str) -> str:
    return msg("Its data: table “{title}” in the annex.", lang, title=text.title)


def _image(svg: str, alt: str, text: ChartText, lang: str) -> Markup:
    """A chart as an image; a chart drawn in parts as one image per part, which a page can
    break between: the first carries the text alternative, the others say whose part they are."""
    from coconstruct.report.chartkit import parts

    drawn = parts(svg)
    images = []
    for index, part in enumerate(drawn):
        data = base64.b64encode(part.encode("utf-8")).decode("ascii")
        said = alt if index == 0 else _continued(text, index + 1, len(drawn), lang)
        images.append(
            Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">').format(
                said, Markup(data)
            )
        )
    return Markup("").join(images)


def _continued(text: ChartText, part: int, parts: int, lang: str) -> str:
    return msg(
        "“{title}”, continued (part {part} of {parts}).",
        lang,
        title=text.title,
        part=part,
        parts=parts,
    )


def _render(
    prepared: Prepared,
    fmt: str,
    charts: dict[str, Any],
    timing: str | None = None,
    pdf: bool = False,
    office: bool = False,
) -> str:
    """Render a format's template; `pdf` tells the HTML template that weasyprint will read it,
    `office` the Markdown one that pandoc will (for Word and LibreOffice: bars as pictures)."""
    started = time.perf_counter()
    env = environment(fmt, prepared.result.lang, prepared.roots)
    env.used = set()
    values = {**prepared.variables, "charts": charts, "pdf": pdf, "office": office}
    text = render_template(env, prepared.templates[fmt], values)
    used = set(prepared.result.templates_used) | env.used
    prepared.result.templates_used = sorted(used)
    prepared.result.timings[timing or fmt] = time.perf_counter() - started
    return text


def _charts(prepared: Prepared) -> dict[str, str]:
    if prepared.svgs is None:
        started = time.perf_counter()
        prepared.svgs = prepared.draw()
        prepared.result.timings["charts"] = time.perf_counter() - started
    return prepared.svgs


def render_and_write(prepared: Prepared, formats: Sequence[str], out_dir: Path) -> list[Path]:
    """Render the formats and write them; see `coconstruct.report.render_document`."""
    from coconstruct.report import PartialRender, write

    failures: dict[str, CoconstructError] = {}
    for fmt in formats:
        try:
            render_format(prepared, fmt)
        except CoconstructError as exc:
            if fmt not in ENGINE_FORMATS or len(formats) == 1:
                raise
            failures[fmt] = exc  # Pango or pandoc missing: the other formats are still written
    written = write(prepared.result, out_dir)
    if failures:
        raise PartialRender(failures, written)
    return written


def template_files(templates_dir: Path | None = None) -> list[Path]:
    """Every file a render may read, a consultant's overriding ours by name (for cache keys).

    A superset of `RenderResult.templates_used`, known before rendering.
    """
    seen: dict[str, Path] = {}
    for root in search_path(templates_dir):
        real_root = root.resolve()
        for path in sorted(root.rglob("*")):
            real = path.resolve()
            if real.is_relative_to(real_root) and real.is_file():  # as the loaders read them
                seen.setdefault(path.relative_to(root).as_posix(), path)
    return sorted(seen.values())


def _first_day(value: object) -> dt.date | None:
    """The workshop's first day (a month or a year counts from its start), for dating files."""
    date = as_date(value)
    return date.start if date is not None else None

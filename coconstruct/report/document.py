"""One roadmap, step by step: load and analyse once, then render each format from that."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound
from markupsafe import Markup

from coconstruct import analysis
from coconstruct.errors import CoconstructError, UsageError
from coconstruct.i18n import LANGUAGES, catalog, msg
from coconstruct.report import TEMPLATES, RenderResult, chart_link, context
from coconstruct.report.environment import (
    environment,
    find_file,
    render_template,
    search_path,
)
from coconstruct.validation import Problem, load_checked, validate


class InvalidAnswers(CoconstructError):
    """An answers file with validation errors: the first one, and how many there are."""

    def __init__(self, problems: list[Problem]) -> None:
        more = msg(" (and {count} more)", count=len(problems) - 1) if len(problems) > 1 else ""
        super().__init__(
            f"{problems[0]}{more}",
            hint=msg("see every problem with: coconstruct validate {file}", file=problems[0].file),
        )
        self.problems = problems


CHARTS = ("scissors", "money", "stakeholders", "timeline", "votes")
# Formats made by a program beyond Python (weasyprint's Pango, pandoc): when one fails, the
# others of the same render are still written.
ENGINE_FORMATS = ("pdf", "docx", "odt")


@dataclass
class Prepared:
    """An answers file loaded, analysed and put into a context, ready for any format."""

    result: RenderResult
    roots: tuple[Path, ...]
    context: dict[str, Any]
    gettext: Callable[[str], str]
    svgs: dict[str, str] | None = None
    html: str | None = None
    pdf_html: str | None = None
    office_md: str | None = None  # the Markdown pandoc reads, charts as PNG (docx and odt)


def prepare(
    answers_path: Path,
    lang: str | None = None,
    templates_dir: Path | None = None,
    questionnaire: str | None = None,
    check: bool = False,
) -> Prepared:
    """Load, (optionally) validate, analyse and build the context of one answers file.

    With `check`, a file with validation errors is refused (InvalidAnswers) rather than rendered
    with its invalid answers left out: what `coconstruct render` does.
    """
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"--lang {lang!r}: choose one of {', '.join(LANGUAGES)}")
    started = time.perf_counter()
    roots = tuple(search_path(templates_dir))
    doc, q = load_checked(answers_path, questionnaire)
    if check and (problems := [p for p in validate(doc, q) if p.severity == "error"]):
        raise InvalidAnswers(problems)
    wanted = lang or doc.language
    language = wanted if wanted in LANGUAGES else LANGUAGES[0]
    plain = doc.plain()
    loaded = time.perf_counter()
    result = analysis.analyse(plain, q, doc.deferred)
    analysed = time.perf_counter()
    gettext = catalog(language).gettext
    ctx = context.build(plain, q, result, language, doc.status, gettext)
    built = time.perf_counter()
    rendered = RenderResult(stem=answers_path.stem, lang=language)
    rendered.timings.update(
        load=loaded - started, analysis=analysed - loaded, context=built - analysed
    )
    return Prepared(rendered, roots, ctx, gettext)


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
            for name in CHARTS
        }
        text = _render(prepared, "md", links)
        prepared.result.charts = dict(svgs)
        content = text.encode("utf-8")
    else:
        raise UsageError(f"unknown format {fmt!r}")
    prepared.result.documents[fmt] = content
    return content


_PICTURE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]\(data:image/png")  # a chart's alt text


def _office(prepared: Prepared, fmt: str) -> bytes:
    """A Word or LibreOffice document: pandoc writes the Markdown roadmap with the reference
    document's styles (see report/office.py)."""
    from coconstruct.report import office

    if prepared.office_md is None:
        started = time.perf_counter()
        from coconstruct.report.charts import as_png
        from coconstruct.report.figures import draw_all

        with as_png(office.CHART_DPI):
            pngs = draw_all(prepared.context, prepared.gettext)
        prepared.result.timings["charts-png"] = time.perf_counter() - started
        pictures = {name: Markup(pngs[name]) if name in pngs else None for name in CHARTS}
        prepared.office_md = _render(prepared, "md", pictures, timing="office-md")
    try:
        reference = find_file(prepared.roots, f"reference.{fmt}")
    except TemplateNotFound:
        raise CoconstructError(
            msg("reference.{format} is missing from the templates", format=fmt),
            hint=msg("`coconstruct templates export DIR` gives a fresh copy"),
        ) from None
    prepared.result.templates_used = sorted({*prepared.result.templates_used, reference})
    doc = prepared.context["doc"]
    answers = prepared.context["answers"]
    props = office.Properties(
        title=str(doc["title"]),
        subject=str(doc["territory"]),
        author=str(answers.get("facilitator") or ""),
        date=doc["date"],
        lang=prepared.result.lang,
        pictures=tuple(
            re.sub(r"\\(.)", r"\1", alt) for alt in _PICTURE.findall(prepared.office_md)
        ),
    )
    started = time.perf_counter()
    content = office.convert(
        prepared.office_md, fmt, reference, props, prepared.gettext("Contents")
    )
    prepared.result.timings[fmt] = time.perf_counter() - started
    return content


def _html(prepared: Prepared) -> str:
    """The HTML file: charts inline, so the browser draws their text in the page's fonts."""
    if prepared.html is None:
        svgs = _charts(prepared)
        inline = {
            name: Markup(_labelled(svgs[name], prepared.gettext(ALT[name])))
            if name in svgs
            else None
            for name in CHARTS
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
        images = {
            name: _image(svgs[name], prepared.gettext(ALT[name])) if name in svgs else None
            for name in CHARTS
        }
        prepared.pdf_html = _render(prepared, "html", images, timing="pdf-html")
    return prepared.pdf_html


ALT = {  # the section titles, already in the catalogs
    "scissors": "The scissor effect",
    "money": "Hybrid model and financing plan",
    "stakeholders": "Stakeholder grid",
    "timeline": "Calendar and milestones",
    "votes": "The room's dot vote",
}


def _labelled(svg: str, label: str) -> Markup:
    return Markup(svg.replace("<svg ", Markup('<svg aria-label="{}" ').format(label), 1))


def _image(svg: str, alt: str) -> Markup:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">').format(
        alt, Markup(data)
    )


def _render(prepared: Prepared, fmt: str, charts: dict[str, Any], timing: str | None = None) -> str:
    started = time.perf_counter()
    env = environment(fmt, prepared.result.lang, prepared.roots)
    env.used = set()
    text = render_template(env, TEMPLATES[fmt], {**prepared.context, "charts": charts})
    used = set(prepared.result.templates_used) | env.used
    prepared.result.templates_used = sorted(used)
    prepared.result.timings[timing or fmt] = time.perf_counter() - started
    return text


def _charts(prepared: Prepared) -> dict[str, str]:
    if prepared.svgs is None:
        started = time.perf_counter()
        from coconstruct.report.figures import draw_all

        prepared.svgs = draw_all(prepared.context, prepared.gettext)
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

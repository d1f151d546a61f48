"""The synthesis of a portfolio as documents: Markdown, HTML, PDF, Word, and a workbook.

The same machinery as the roadmap (`report/document.py`): one content (`content.py`), the
sandboxed templates (`synthesis.md.j2`, `synthesis.html.j2` and their parts in `synthesis/`,
overridden by name with `--templates`) that only lay it out, charts as SVG (PNG for Word),
weasyprint for the PDF, pandoc for Word. The workbook (`workbook.py`) has a sheet per table.
"""

from __future__ import annotations

import time
from pathlib import Path

from coconstruct.batch.reading import Failure
from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg
from coconstruct.model.formatting import formatter
from coconstruct.synthesis import STEM, Options, content, mixes
from coconstruct.synthesis.portfolio import Portfolio
from coconstruct.synthesis.workbook import write_workbook

TEMPLATES = {"md": "synthesis.md.j2", "html": "synthesis.html.j2"}


def write(
    portfolio: Portfolio, failures: list[Failure], options: Options, timings: dict[str, float]
) -> list[Path]:
    """Write every format asked for into `options.out_dir`; return the paths written.

    The workbook is written first; when a format needing an engine (PDF, Word) fails, the
    others are still written and PartialRender names them all.
    """
    from coconstruct.report import PartialRender, RenderResult
    from coconstruct.report.document import Prepared, render_and_write
    from coconstruct.report.environment import search_path

    started = time.perf_counter()
    lang = options.lang
    synthesis = content.build(portfolio, failures, lang)
    timings["context"] = time.perf_counter() - started
    out = options.out_dir
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg("{folder}: cannot create the folder ({reason})", folder=out, reason=exc.strerror)
        ) from None
    written: list[Path] = []
    if "xlsx" in options.formats:
        started = time.perf_counter()
        written.append(write_workbook(portfolio, failures, lang, out / f"{STEM}.xlsx"))
        timings["xlsx"] = time.perf_counter() - started
    documents = [f for f in options.formats if f != "xlsx"]
    if not documents:
        return written
    charts = [mix.chart for mix in synthesis.money.charts]
    drawn = [(mix.chart.name, mix.territories) for mix in synthesis.money.charts]
    families = mixes.family_names(portfolio.labels, lang)
    prepared = Prepared(
        RenderResult(stem=STEM, lang=lang),
        tuple(search_path(options.templates_dir)),
        synthesis.variables(),
        synthesis.doc,
        {chart.name: chart.text for chart in charts if chart.text is not None},
        lambda: mixes.draw(drawn, families, formatter(lang), lang),
        msg("Contents", lang),
        templates=dict(TEMPLATES),
        chart_names=tuple(chart.name for chart in charts),
        landscape=True,  # A4 landscape, as the PDF: the wide tables of the territories
    )
    try:
        written += render_and_write(prepared, documents, out)
    except PartialRender as exc:
        raise PartialRender(exc.failures, written + exc.written) from None
    finally:
        timings.update(prepared.result.timings)
    return written

"""`synthesis`: a portfolio of territories in one report, what they have in common side by side.

Inputs are found as `render` finds them (files, folders, globs). Each file is read, checked and
summed up on its own (`territory.summarise`, in worker processes when there are many: see
`reading.py`); the portfolio keeps these summaries, a few numbers and titles per territory,
never the documents, so memory does not grow with the files' size. A file that cannot be read
or has validation errors is reported and left out; the others make the synthesis. Then the
portfolio is built (`portfolio.build`), said (`content.build`) and written (`documents.write`).

    territory.py   one territory's key figures, each with why it is not given
    portfolio.py   across territories: spreads with their base, recurring needs and funders
    versions.py    which files are one territory's versions, and which of them counts
    similar.py     which need titles and funder names are alike
    content.py     the synthesis' sections, typed, with every word they say (side_by_side.py:
                   the territories' tables and funding mixes; wording.py: the sentences about
                   bases, key figures, method; mixes.py: the charts of funding mixes; filters.py:
                   the HTML's filters and what each row carries for them and for sorting)
    documents.py   the formats: Markdown, HTML, PDF, Word, LibreOffice (the templates lay the
                   content out)
    workbook.py    the workbook: a sheet per table, every figure, wording and territory
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coconstruct.batch import reading
from coconstruct.batch.reading import Failure, Result
from coconstruct.errors import ExitCode
from coconstruct.language.messages import N_
from coconstruct.synthesis.similar import SIMILARITY

FORMATS = ("md", "html", "pdf", "docx", "odt", "xlsx")
DEFAULT_FORMATS = ("md", "html", "pdf", "xlsx")
STEM = "synthesis"  # the files written: synthesis.md, synthesis.html…


@dataclass(frozen=True)
class Options:
    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    lang: str = "fr"
    templates_dir: Path | None = None
    questionnaire: str | None = None
    jobs: int = 1
    similarity: float = SIMILARITY
    all_versions: bool = False  # every version of a territory counts, not only its latest


@dataclass
class Summary:
    included: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    # formats an engine could not make (PDF without Pango…): format → (message, hint)
    not_made: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds

    @property
    def exit_code(self) -> int:
        """0 every file in the synthesis, 3 some left out (or a format not made), 1 none (then
        nothing is written)."""
        if not self.included:
            return ExitCode.ERROR
        return ExitCode.PARTIAL if self.failures or self.not_made else ExitCode.OK


def run(inputs: list[str], options: Options) -> Summary:
    """Read every answers file found, then write the synthesis of those that could be read."""
    from coconstruct.batch.plan import find_inputs
    from coconstruct.synthesis.portfolio import build
    from coconstruct.synthesis.territory import Territory

    started = time.perf_counter()
    paths, missing = find_inputs(inputs)
    summary = Summary(failures=[Failure(o.source, o.message) for o in missing])
    territories: list[Territory] = []
    for path, (status, payload) in reading.results(
        paths, summarise_one, options.jobs, _start, (options.lang, options.questionnaire)
    ):
        if status == "ok":
            territories.append(payload)
            summary.included.append(str(path))
        else:
            message, hint = payload
            summary.failures.append(Failure(str(path), message, hint))
    read = time.perf_counter()
    summary.timings["read"] = read - started
    if territories:
        from coconstruct.report import PartialRender
        from coconstruct.synthesis.documents import write

        portfolio = build(territories, options.similarity, options.all_versions)
        summary.timings["portfolio"] = time.perf_counter() - read
        try:
            summary.written = write(portfolio, summary.failures, options, summary.timings)
        except PartialRender as exc:
            summary.written = exc.written
            summary.not_made = {f: (e.message, e.hint) for f, e in exc.failures.items()}
    summary.seconds = time.perf_counter() - started
    return summary


_context: dict[str, Any] = {}  # what each worker knows: the language, the override


def _start(lang: str, override: str | None) -> None:
    _context.update(lang=lang, override=override)


def summarise_one(source: str) -> Result:
    """One file's territory, or why it is left out (a message naming the file, and a hint)."""
    return reading.guarded(
        source, lambda: _territory(source), N_("{file}: too deeply nested to read")
    )


def _territory(source: str) -> Any:
    from coconstruct.synthesis.territory import summarise

    doc, questionnaire = reading.checked(Path(source), _context["override"])
    written_for = doc.migration.from_version if doc.migration else None
    header = {
        "status": doc.status,
        "language": doc.language,
        "version": written_for or doc.data.get("questionnaire_version"),
        "migrated": doc.migration is not None,
    }
    return summarise(
        doc.plain(), questionnaire, _context["lang"], source, header, list(doc.deferred)
    )

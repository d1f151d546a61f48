"""The co-construction roadmap: one document, in Markdown, HTML, PDF, Word and LibreOffice, and
its restitution deck (PowerPoint, Impress: deck/).

    answers file ─▶ analysis ─▶ content ─▶ Jinja (sandbox) ─▶ Markdown / HTML ─▶ weasyprint ─▶ PDF
                                 └──▶ charts (matplotlib → SVG, PNG)   Markdown ─▶ pandoc ─▶ docx
                                                                                          └▶ odt

The content (`content/`) says every section once, typed; each format's templates only lay it
out (`templates/md/`, `templates/html/`), so the formats cannot disagree.

`render()` returns the documents as bytes and `write()` puts them on disk, so a batch worker can
render in one process and decide itself where results go; `render_document()` does both. Heavy
libraries (matplotlib, weasyprint) are imported on first use and kept for the life of the process,
as are the Jinja environments: the second document of a worker costs only its own work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import msg
from coconstruct.model.fsio import atomic_write

FORMATS = ("md", "html", "pdf", "docx", "odt", "pptx", "odp")
DEFAULT_FORMATS = ("md", "html", "pdf")  # what `render` writes unless told
TEMPLATES = {"md": "roadmap.md.j2", "html": "roadmap.html.j2"}


class PartialRender(CoconstructError):
    """A format needing an engine (PDF, Word, LibreOffice) failed; the others were written.

    `failures` maps each failed format to its error, `written` lists the files written.
    """

    def __init__(self, failures: dict[str, CoconstructError], written: list[Path]) -> None:
        errors = list(failures.values())
        message = "; ".join(dict.fromkeys(e.message for e in errors))
        super().__init__(message, next((e.hint for e in errors if e.hint), None))
        self.failures = failures
        self.written = written


@dataclass
class RenderResult:
    """Rendered documents, not yet written: format → bytes, and the charts beside Markdown."""

    stem: str
    lang: str
    documents: dict[str, bytes] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)  # name → SVG, for the Markdown folder
    templates_used: list[Path] = field(default_factory=list)  # every template file read
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds

    @property
    def charts_dir(self) -> str:
        return f"{self.stem}_charts"


def parse_formats(value: str | Iterable[str], choices: Sequence[str] = FORMATS) -> list[str]:
    """`md,html` → ["md", "html"], checked, duplicates removed, in the canonical order."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    wanted = {p.strip().lower() for p in parts if p.strip()}
    unknown = sorted(wanted - set(choices))
    if unknown or not wanted:
        raise UsageError(
            msg(
                "unknown format {formats}: choose among {choices}",
                formats=", ".join(unknown) or "–",
                choices=", ".join(choices),
            )
        )
    return [f for f in choices if f in wanted]


def render(
    answers_path: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    lang: str | None = None,
    templates_dir: Path | None = None,
    questionnaire: str | None = None,
    compare: str | None = None,
) -> RenderResult:
    """Render one answers file into the wanted formats, in memory (`compare`: an older version,
    a file or a git revision, for the « Évolutions » section)."""
    from coconstruct.report import document

    prepared = document.prepare(answers_path, lang, templates_dir, questionnaire, compare=compare)
    for fmt in formats:
        document.render_format(prepared, fmt)
    return prepared.result


def write(result: RenderResult, out_dir: Path) -> list[Path]:
    """Write rendered documents (and the Markdown's charts) atomically; return the paths."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg(
                "{folder}: cannot create the folder ({reason})", folder=out_dir, reason=exc.strerror
            )
        ) from None
    written = []
    try:
        if "md" in result.documents and result.charts:
            charts = out_dir / result.charts_dir
            charts.mkdir(exist_ok=True)
            for name, svg in result.charts.items():
                written.append(_write(charts / f"{name}.svg", svg.encode("utf-8")))
        for fmt, content in result.documents.items():
            written.append(_write(out_dir / f"{result.stem}.{fmt}", content))
    except OSError as exc:
        raise CoconstructError(
            msg(
                "{folder}: could not write the report ({reason})",
                folder=out_dir,
                reason=exc.strerror or exc,
            )
        ) from None
    return written


def render_document(
    answers_path: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    lang: str | None = None,
    templates_dir: Path | None = None,
    questionnaire: str | None = None,
    check: bool = False,
    compare: str | None = None,
) -> list[Path]:
    """Render and write one roadmap (beside the answers file unless `out_dir` is given).

    `check` refuses a file with validation errors instead of leaving its invalid answers out.

    One call per document, safe to run in a worker process. When a format needing an engine
    fails (PDF without Pango, a template fetching a forbidden URL, Word or LibreOffice without
    pandoc), the other formats are written first and PartialRender is raised after, naming
    what was written.
    """
    from coconstruct.report import document

    prepared = document.prepare(answers_path, lang, templates_dir, questionnaire, check, compare)
    target = out_dir if out_dir is not None else answers_path.parent
    return document.render_and_write(prepared, formats, target)


def _write(path: Path, content: bytes) -> Path:
    """A report can be made again: atomic (a reader never sees half a file), not fsynced."""
    atomic_write(path, content, durable=False)
    return path


def export_templates(
    dest: Path, force: bool = False, names: Sequence[str] = ()
) -> tuple[list[Path], list[Path]]:
    """Copy the built-in templates into `dest` — all of them, or those `names` gives (paths as
    `html/cover.j2`, a file's own name when it is unique, or a pattern as `html/*.j2`); files
    already there are kept unless `force`. Returns (copied, kept)."""
    import shutil

    from coconstruct.report.environment import builtin_templates

    source = builtin_templates()
    every = [
        p.relative_to(source).as_posix()
        for p in sorted(source.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    ]
    wanted = _chosen(every, names) if names else every
    copied: list[Path] = []
    kept: list[Path] = []
    try:
        for name in wanted:
            path = source / name
            target = dest / name
            if target.exists() and not force:
                kept.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(target)
    except OSError as exc:
        raise CoconstructError(
            msg(
                "{folder}: cannot copy the templates ({reason})",
                folder=dest,
                reason=exc.strerror or exc,
            )
        ) from None
    return copied, kept


def _chosen(every: list[str], names: Sequence[str]) -> list[str]:
    """The template files `names` designate, in the built-in order; a name that designates
    none is refused with the closest ones (nothing copied)."""
    from difflib import get_close_matches
    from fnmatch import fnmatchcase

    chosen: set[str] = set()
    for name in names:
        name = name.strip("/")
        found = [
            f for f in every if f == name or fnmatchcase(f, name) or f.rsplit("/", 1)[-1] == name
        ]
        if not found:
            close = get_close_matches(name, every, n=3, cutoff=0.5)
            raise UsageError(
                msg("no template file {name}", name=name),
                hint=msg("did you mean: {names}", names=", ".join(close))
                if close
                else msg("coconstruct templates export FOLDER copies them all, to see their names"),
            )
        chosen.update(found)
    return [f for f in every if f in chosen]


def chart_link(stem: str, name: str) -> Markup:
    """A Markdown link target for a chart file beside the document (URL-quoted, safe)."""
    return Markup(quote(f"{stem}_charts/{name}.svg"))


__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "PartialRender",
    "RenderResult",
    "export_templates",
    "parse_formats",
    "render",
    "render_document",
    "write",
]

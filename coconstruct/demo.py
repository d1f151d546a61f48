"""`demo`: the bundled example workshop, written out and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coconstruct import fsio
from coconstruct.errors import CoconstructError
from coconstruct.i18n import msg, nmsg
from coconstruct.validation import load_checked, validate

EXAMPLE = Path(__file__).parent / "examples" / "val-d-orbiere.yaml"


@dataclass
class DemoResult:
    answers: Path
    summary: str


def run(out: Path) -> DemoResult:
    """Write the example answers into `out` (a file already there and edited is kept)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg("{folder}: cannot create the folder ({reason})", folder=out, reason=exc.strerror)
        ) from None
    target = out / EXAMPLE.name
    bundled = EXAMPLE.read_text(encoding="utf-8")
    kept = target.exists() and target.read_text(encoding="utf-8") != bundled
    if not kept:
        fsio.atomic_write(target, bundled)
    doc, questionnaire = load_checked(target)
    problems = validate(doc, questionnaire)
    errors = sum(p.severity == "error" for p in problems)
    answers = doc.plain()
    counts: dict[str, object] = {
        key: len(answers.get(key) or []) for key in ("needs", "resources", "partners", "actions")
    }
    verdict = msg("ok") if not errors else nmsg("{n} error", "{n} errors", errors)
    if len(problems) > errors:
        warnings = len(problems) - errors
        verdict += ", " + nmsg("{n} warning", "{n} warnings", warnings)
    lines = [
        msg("Example workshop: {territory}", territory=answers.get("territory_name", "?")),
        msg("  answers:  {file}", file=target)
        + (msg("  (your edited copy, kept)") if kept else ""),
        msg(
            "  content:  {needs} needs, {resources} resources, {partners} "
            "partners, {actions} actions",
            **counts,
        ),
        msg("  validate: {verdict}", verdict=verdict),
        *_roadmap(target),
        msg(
            "Open {html} in a browser, or try: coconstruct validate {file}",
            file=target,
            html=target.with_suffix(".html"),
        ),
    ]
    return DemoResult(target, "\n".join(lines))


def _roadmap(answers: Path) -> list[str]:
    """Render the example's roadmap beside it, in every format; what cannot be made (PDF
    without Pango, Word and LibreOffice without pandoc) is said, the rest is written."""
    from coconstruct.report import FORMATS, PartialRender, render_document

    failures = {}
    try:
        written = render_document(answers, FORMATS)
    except PartialRender as exc:
        written, failures = exc.written, exc.failures
    lines = [f"  {p.suffix[1:] + ':':<9} {p}" for p in written if p.suffix != ".svg"]
    for fmt, error in failures.items():
        label = (fmt + ":").ljust(9)
        lines.append(msg("  {format} not made: {reason}", format=label, reason=error.message))
    return lines

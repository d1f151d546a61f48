"""`demo`: a bundled example workshop, written out, checked and rendered.

Two examples: the complete and tidy Val d'Orbière, and Saint-Ivy-des-Landes et Kermorvan-sur-Oust,
partial as a real site documented after the fact (years rather than days, public funding known by
its rule, few priorities, many sources).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from coconstruct.errors import CoconstructError, UsageError
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import fsio
from coconstruct.model.validation import load_checked, validate

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
DEFAULT = "val-d-orbiere"


def examples() -> list[str]:
    return sorted(p.stem for p in EXAMPLES_DIR.glob("*.yaml"))


@dataclass
class DemoResult:
    answers: Path
    summary: str
    ok: bool  # the example validates (an edited copy may not: then nothing is rendered)


def run(out: Path, example: str = DEFAULT) -> DemoResult:
    """Write an example's answers into `out` (a file already there and edited is kept), check
    it, and render its roadmap only when it has no error."""
    if example not in examples():
        raise UsageError(
            msg("no example {name} (examples: {names})", name=example, names=", ".join(examples()))
        )
    source = EXAMPLES_DIR / f"{example}.yaml"
    target = out / source.name
    bundled = source.read_text(encoding="utf-8")
    try:
        out.mkdir(parents=True, exist_ok=True)
        kept = target.exists() and target.read_text(encoding="utf-8") != bundled
        if not kept:
            fsio.atomic_write(target, bundled)
    except OSError as exc:
        raise CoconstructError(
            msg("{folder}: cannot write the example ({reason})", folder=out, reason=exc.strerror)
        ) from None
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
    ]
    if errors:  # an edited copy with errors: rendering it would print what validate refuses
        lines.append(
            msg("Nothing rendered: coconstruct validate {file} lists the errors", file=target)
        )
        return DemoResult(target, "\n".join(lines), ok=False)
    lines += [
        *_roadmap(target),
        msg(
            "Open {html} in a browser, or try: coconstruct validate {file}",
            file=target,
            html=target.with_suffix(".html"),
        ),
    ]
    if not_on_path := _not_on_path():
        lines.append(not_on_path)
    return DemoResult(target, "\n".join(lines), ok=True)


def _not_on_path() -> str | None:
    """How to call this very `coconstruct` when the shell would not find it (`make demo` runs
    the one in .venv/bin, which no PATH holds until the venv is activated); else nothing."""
    running = Path(sys.argv[0])
    if running.name != "coconstruct" or not running.exists():
        return None  # `python -m coconstruct`, or a test: the hints' « coconstruct » stands
    found = shutil.which("coconstruct")
    if found and Path(found).resolve() == running.resolve():
        return None
    here = str(running) if os.sep in str(running) else os.path.join(".", running)  # a path
    activate = running.parent / "activate"
    if activate.exists():
        return msg(
            "coconstruct is not on your PATH: call it as {program}, "
            "or first run: source {activate}",
            program=shlex.quote(here),
            activate=shlex.quote(str(activate)),
        )
    return msg("coconstruct is not on your PATH: call it as {program}", program=shlex.quote(here))


def _roadmap(answers: Path) -> list[str]:
    """Render the example's roadmap beside it, in every format but the Impress deck (LibreOffice
    takes seconds to start: `render -f odp` makes it); what cannot be made (PDF without Pango,
    Word and LibreOffice without pandoc) is said, the rest is written."""
    from coconstruct.report import FORMATS, PartialRender, render_document

    failures = {}
    try:
        written = render_document(answers, [f for f in FORMATS if f != "odp"])
    except PartialRender as exc:
        written, failures = exc.written, exc.failures
    lines = [f"  {p.suffix[1:] + ':':<9} {p}" for p in written if p.suffix != ".svg"]
    for fmt, error in failures.items():
        label = (fmt + ":").ljust(9)
        lines.append(msg("  {format} not made: {reason}", format=label, reason=error.message))
    return lines

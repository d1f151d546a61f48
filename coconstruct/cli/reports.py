"""Roadmaps: render, demo, and the templates to brand them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from coconstruct.cli import completion
from coconstruct.cli.app import (
    InputsArg,
    JobsOpt,
    LangOpt,
    QuestionnaireOpt,
    TemplatesOpt,
    app,
    check_lang,
    say,
    templates_app,
)
from coconstruct.cli.translation import Command
from coconstruct.errors import ExitCode
from coconstruct.language.messages import msg, nmsg, ui_language


@app.command(cls=Command)
def demo(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder for the example.", file_okay=False, metavar="FOLDER"
        ),
    ] = Path("coconstruct-demo"),
    example: Annotated[
        str,
        typer.Option(
            "--example",
            "-e",
            help="Which example: val-d-orbiere (complete) or saint-ivy-kermorvan (partial).",
            metavar="NAME",
            autocompletion=completion.examples,
        ),
    ] = "val-d-orbiere",
) -> None:
    """Write a bundled example workshop into a folder, check it and render its roadmap.

    Example: coconstruct demo --out /tmp/demo --example saint-ivy-kermorvan
    """
    from coconstruct.cli import demo as demo_mod

    result = demo_mod.run(out, example)
    say(result.summary)
    if not result.ok:
        raise typer.Exit(ExitCode.ERROR)


@app.command(cls=Command)
def render(
    inputs: InputsArg,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Formats, comma-separated: md, html, pdf, docx (Word), odt (LibreOffice), "
            "pptx (the restitution deck), odp (the deck for Impress).",
            metavar="FORMATS",
            autocompletion=completion.formats,
        ),
    ] = "md,html,pdf",
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder.", file_okay=False, metavar="FOLDER")
    ] = Path("."),
    lang: LangOpt = None,
    templates: TemplatesOpt = None,
    questionnaire: QuestionnaireOpt = None,
    jobs: JobsOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Render even what is up to date.")] = False,
    timeout: Annotated[
        float,
        typer.Option(
            min=1, help="Seconds one document may take before it is stopped.", metavar="SECONDS"
        ),
    ] = 120.0,
    shard: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Render only the K-th of N slices of the inputs, e.g. 2/8.", metavar="K/N"
        ),
    ] = None,
    json_out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--json",
            help="Also write the summary as JSON to this file (- for stdout).",
            metavar="FILE",
        ),
    ] = None,
    compare: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--compare",
            help="Add a section on what changed since an older version: a git revision "
            "(HEAD~2, a tag) of each file, or an older answers file.",
            metavar="REV|OLDFILE",
        ),
    ] = None,
) -> None:
    """Render co-construction roadmaps (Markdown, HTML, PDF, Word, LibreOffice) from answers.

    One STEM.md/.html/.pdf per answers file in the output folder (the Markdown's charts in
    STEM_charts/), STEM.docx and STEM.odt with -f docx,odt, the restitution deck STEM.pptx
    (and STEM.odp, through LibreOffice) with -f pptx,odp; in the answers file's language or
    --lang. Many files render in parallel; what has not changed since the last run is skipped
    (--force renders all); a bad file is reported and the others go on. Exit 0 when all went
    well, 3 when some failed, 1 when none could be rendered.

    Example: coconstruct render atelier.yaml -f html,pdf,docx -o rapports --lang en
    """
    import json
    import os

    from coconstruct.batch.plan import Options, parse_shard
    from coconstruct.batch.runner import run
    from coconstruct.report import parse_formats
    from coconstruct.report.environment import search_path

    check_lang(lang)
    options = Options(
        formats=tuple(parse_formats(formats)),
        out_dir=out,
        lang=lang,
        templates_dir=templates,
        questionnaire=questionnaire,
        force=force,
        timeout=timeout,
        jobs=jobs or os.cpu_count() or 1,
        compare=compare,
    )
    search_path(templates)  # a missing --templates folder is refused before any work
    shard_spec = parse_shard(shard) if shard else None
    from coconstruct.terminal.console import batch_reporter, print_batch_summary

    with batch_reporter(options.jobs) as reporter:
        summary = run(inputs, options, reporter, shard_spec)
    print_batch_summary(summary, json_on_stdout=str(json_out) == "-")
    if json_out is not None:
        text = json.dumps(summary.as_json(), ensure_ascii=False, indent=2)
        if str(json_out) == "-":
            typer.echo(text)
        else:
            json_out.write_text(text + "\n", encoding="utf-8")
    raise typer.Exit(summary.exit_code)


@app.command(cls=Command)
def synthesis(
    inputs: InputsArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder.", file_okay=False, metavar="FOLDER")
    ] = Path("."),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Formats, comma-separated: md, html, pdf, docx (Word), odt (LibreOffice), "
            "xlsx (a workbook).",
            metavar="FORMATS",
            autocompletion=completion.synthesis_formats,
        ),
    ] = "md,html,pdf,xlsx",
    lang: LangOpt = None,
    templates: TemplatesOpt = None,
    questionnaire: QuestionnaireOpt = None,
    jobs: JobsOpt = None,
    similarity: Annotated[
        float,
        typer.Option(
            min=1,
            max=100,
            help="How alike two need titles or funder names must be to count as one (1 to 100).",
            metavar="N",
        ),
    ] = 75,
    all_versions: Annotated[
        bool,
        typer.Option(
            "--all-versions",
            help="Count every version of a territory, not only its latest.",
        ),
    ] = False,
) -> None:
    """Sum up a portfolio of territories in one report: their key figures side by side.

    One row per territory with its key figures (needs by domain, scissor gap, hybridisation,
    public share, largest funder, needs served, partners, budget, status and date); the needs
    that recur across territories, by domain and by alike titles; recurring types of actors
    and funders; funding mixes side by side; actions by form of alliance. Every figure says on
    how many territories it rests. Files of one territory (by its official code, else its name
    and perimeter) are its versions: the latest counts (by the date its data is up to date as
    of, else its workshop date), or each with --all-versions. Writes synthesis.md, .html, .pdf,
    .docx, .odt and synthesis.xlsx (a sheet per table) into the output folder. A file with
    errors is reported and left out. Exit 0 when all were read, 3 when some were left out, 1
    when none could be.

    Example: coconstruct synthesis answers/ -o synthese -f md,html,xlsx --lang en
    """
    import os

    from coconstruct import synthesis as core
    from coconstruct.report import parse_formats
    from coconstruct.report.environment import search_path
    from coconstruct.terminal.console import print_synthesis_summary

    language = check_lang(lang) or ui_language()
    options = core.Options(
        out_dir=out,
        formats=tuple(parse_formats(formats, core.FORMATS)),
        lang=language,
        templates_dir=templates,
        questionnaire=questionnaire,
        jobs=jobs or os.cpu_count() or 1,
        similarity=similarity,
        all_versions=all_versions,
    )
    search_path(templates)  # a missing --templates folder is refused before any work
    summary = core.run(inputs, options)
    print_synthesis_summary(summary)
    raise typer.Exit(summary.exit_code)


@templates_app.command("export", cls=Command)
def templates_export(
    folder: Annotated[
        Path, typer.Argument(help="Where to copy the templates.", file_okay=False, metavar="FOLDER")
    ],
    names: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Only these files: html/cover.j2, a file's name (roadmap.css), a pattern "
            "('html/*.j2'). All of them when none is given.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace files already in the folder.")
    ] = False,
) -> None:
    """Copy the built-in report templates into a folder, to brand or rewrite them.

    A file in that folder overrides the built-in file of the same name when rendering with
    --templates; copy only the files you change (name them after the folder), so that the others
    keep following coconstruct's updates.

    Example: coconstruct templates export ma-charte roadmap.css html/cover.j2
    """
    from coconstruct.report import export_templates

    copied, kept = export_templates(folder, force=force, names=names or ())
    say(
        nmsg(
            "Copied {n} template file into {folder}",
            "Copied {n} template files into {folder}",
            len(copied),
            folder=folder,
        ),
        style="green",
    )
    if kept:
        say(
            nmsg(
                "{n} file already there, kept (--force replaces it)",
                "{n} files already there, kept (--force replaces them)",
                len(kept),
            ),
            style="yellow",
        )
    say(msg("Edit them, then: coconstruct render FILE --templates {folder}", folder=folder))

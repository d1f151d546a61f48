"""Terminal output shared by commands: rich consoles and the questionnaire tree."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg, nmsg
from coconstruct.model.questionnaire import Question, Questionnaire, text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.tree import Tree

    from coconstruct.batch.plan import Outcome, Reporter, Summary
    from coconstruct.synthesis import Summary as SynthesisSummary
    from coconstruct.tables.export import Summary as ExportSummary


def console(stderr: bool = False) -> Console:
    """The console of a stream, made the one way: every line the tool prints goes through one.

    rich honours NO_COLOR, FORCE_COLOR and TERM=dumb, and writes no colour or control code when
    the stream is not a terminal (a pipe, a log, CI). Answers are text: no emoji codes (:smile:).
    """
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def paged(out: Console, renderable: Any, pager: bool = True) -> None:
    """Print `renderable`, through the user's pager ($PAGER, else less) when the output is a
    terminal and the text is longer than its screen; at once otherwise, or without a pager."""
    import os
    import shlex
    import shutil
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "less")
    tall = out.is_terminal and pager and command and shutil.which(command[0])
    if not tall or len(out.render_lines(renderable, out.options, pad=False)) < out.height:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    # as git does: quit when it fits, keep colours, leave the text on the screen
    env = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env, text=True)
    assert process.stdin is not None
    with contextlib.suppress(BrokenPipeError, OSError):  # the pager quit before the end
        process.stdin.write(captured.get())
        process.stdin.close()
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:  # the pager has the terminal: it handles Ctrl-C itself
            continue


def colours(stderr: bool = False) -> bool:
    """Whether the console of a stream writes colours (a terminal, without NO_COLOR)."""
    out = console(stderr)
    return out.is_terminal and out.color_system is not None and not out.no_color


def say(text: str, err: bool = False, style: str | None = None) -> None:
    """Print one message as written (never read as markup), in a style when colours are on.

    Where rich would write the text as it is (not a terminal, plain characters), it is written
    without importing rich: a script's `set` and `validate` need no console."""
    stream = sys.stderr if err else sys.stdout
    if _as_written(stream, text):
        stream.write(text + "\n")
        stream.flush()
        return
    console(err).print(text, style=style, markup=False, soft_wrap=True)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # rich expands tabs, drops control codes


def _as_written(stream: Any, text: str) -> bool:
    """Whether rich would write `text` to `stream` unchanged (see rich.Console.is_terminal)."""
    environ = os.environ
    if environ.get("TTY_COMPATIBLE") == "1" or environ.get("FORCE_COLOR") not in (None, ""):
        return False
    if _CONTROL.search(text):
        return False
    if environ.get("TTY_COMPATIBLE") == "0" or environ.get("FORCE_COLOR") == "":
        return True
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def print_questionnaire(q: Questionnaire, lang: str) -> None:
    from rich.tree import Tree

    words = {
        "required": msg("required", lang),
        "when": msg("if", lang),
        "default": msg("default", lang),
        "timebox": msg("min", lang),
    }
    root = Tree(
        f"[bold]{text(q.title, lang)}[/]  [dim]{q.id} v{q.version} · {', '.join(q.languages)}[/]"
    )
    for number, section in enumerate(q.sections, 1):
        timebox = f"  [dim]{section.timebox} {words['timebox']}[/]" if section.timebox else ""
        branch = root.add(
            f"[bold cyan]{number}. {text(section.title, lang)}[/]  [dim]{section.id}[/]{timebox}"
        )
        for question in section.questions:
            _add_question(branch, question, lang, words)
    console().print(root)


def _add_question(branch: Tree, question: Question, lang: str, words: dict[str, str]) -> None:
    from rich.markup import escape

    flags = []
    if question.required:
        flags.append(f"[red]{words['required']}[/]")
    if question.when:
        flags.append(f"[magenta]{words['when']} {escape(question.when)}[/]")
    if question.default is not None:
        flags.append(f"[dim]{words['default']} {escape(str(question.default))}[/]")
    kind = question.kind.outline(lang)
    node = branch.add(
        f"{escape(text(question.label, lang))}  [green]{question.id}[/] "
        f"[yellow]{escape(kind)}[/] " + " ".join(flags)
    )
    if question.choices:
        choices = " · ".join(f"{c.id}={text(c.label, lang)}" for c in question.choices)
        node.add(f"[dim]{escape(choices)}[/]")
    for field in question.fields or []:
        _add_question(node, field, lang, words)


# --- batch rendering ------------------------------------------------------------------------------


def time_left(seconds: list[float], left: int, workers: int) -> float | None:
    """Seconds until the last file is done: the files left, shared among the workers, each as
    long as the files done took on average (skipped files take no time and count for nothing)."""
    if not seconds or left <= 0:
        return None if left > 0 else 0.0
    rounds = -(-left // max(1, min(workers, left)))  # ceiling
    return rounds * sum(seconds) / len(seconds)


@contextlib.contextmanager
def batch_reporter(workers: int = 1) -> Iterator[Reporter]:
    """A live progress bar on a terminal; one plain line per file in logs and CI."""
    import sys

    from coconstruct.batch.plan import Reporter

    if not sys.stderr.isatty():
        yield plain_reporter(lambda line: say(line, err=True))
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    err = console(stderr=True)
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[eta]}"),
        TextColumn("[dim]{task.fields[current]}"),
        console=err,
        transient=True,
    )

    class Live(Reporter):
        def __init__(self) -> None:
            self.task: Any = None
            self.running: dict[str, None] = {}  # files being rendered, in start order
            self.left = 0  # files still to render (not the skipped ones)
            self.seconds: list[float] = []  # how long each rendered or failed file took

        def start(self, total: int, skipped: int) -> None:
            self.left = total - skipped
            self.task = progress.add_task(msg("Rendering"), total=total, current="", eta="")

        def begin(self, source: str) -> None:
            self.running[source] = None
            progress.update(self.task, current=Path(source).name)

        def done(self, outcome: Outcome) -> None:
            self.running.pop(outcome.source, None)
            if outcome.status == "failed":
                progress.console.print(f"[red]✗[/] {escape_markup(outcome.message)}")
            if outcome.status != "skipped":
                self.left -= 1
                self.seconds.append(outcome.seconds)
            remaining = time_left(self.seconds, self.left, workers)
            eta = "" if remaining is None else msg("about {time} left", time=_duration(remaining))
            current = Path(next(iter(self.running))).name if self.running else ""
            progress.update(self.task, advance=1, current=current, eta=eta)

    with progress:
        yield Live()


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_batch_summary(summary: Summary, json_on_stdout: bool = False) -> None:
    """Counts and, when there are few, the files written (stdout); each failure (stderr)."""
    from rich.table import Table

    out = console(stderr=json_on_stdout)
    err = console(stderr=True)
    rendered = [o for o in summary.outcomes if o.status == "rendered"]
    if 0 < len(rendered) <= 3:
        for outcome in rendered:
            out.print(msg("Roadmap of {file}:", file=outcome.source), style="green", soft_wrap=True)
            for path in (Path(p) for p in outcome.outputs):
                if path.suffix != ".svg":
                    out.print(f"  {path}  ({_size(path)})", highlight=False, soft_wrap=True)
            charts = [p for p in outcome.outputs if p.endswith(".svg")]
            if charts:
                folder = Path(charts[0]).parent
                out.print(
                    "  "
                    + nmsg(
                        "{n} chart in {folder}",
                        "{n} charts in {folder}",
                        len(charts),
                        folder=folder,
                    ),
                    soft_wrap=True,
                )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in (msg("rendered"), msg("up to date"), msg("failed")):
        table.add_column(column, justify="right")
    table.add_column(msg("time"), justify="right")
    failed = summary.count("failed")
    table.add_row(
        f"[green]{summary.count('rendered')}[/]",
        str(summary.count("skipped")),
        f"[red]{failed}[/]" if failed else "0",
        f"{summary.seconds:.1f} s",
    )
    out.print(table)
    for outcome in summary.outcomes:
        if outcome.status == "failed":
            _failed(err, outcome.message, outcome.hint)
    if summary.interrupted:
        err.print(
            msg("Interrupted: finished reports are kept; run the same command again to finish."),
            style="yellow",
        )
    elif summary.empty_shard and summary.shard is not None:
        k, n = summary.shard
        err.print(
            nmsg(
                "--shard {k}/{of}: no file for this part, of {n} answers file in all.",
                "--shard {k}/{of}: no file for this part, of {n} answers files in all.",
                summary.found,
                k=k,
                of=n,
            ),
            style="yellow",
        )
    elif not summary.outcomes:
        err.print(msg("No answers file found."), style="yellow")


def _failed(err: Console, message: str, hint: str | None) -> None:
    """One thing that failed, on stderr: a red cross, the message, and the hint below it."""
    err.print(f"[red]✗[/] {escape_markup(message)}", highlight=False, soft_wrap=True)
    if hint:
        said = msg("Hint: {hint}", hint=hint)
        err.print(f"  {escape_markup(said)}", highlight=False, soft_wrap=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def print_export_summary(summary: ExportSummary) -> None:
    """What was written, a sheet per line with its rows (stdout); each file left out (stderr)."""
    from rich.table import Table

    out = console()
    err = console(stderr=True)
    for failure in summary.failures:
        _failed(err, failure.message, failure.hint)
    if not summary.written:
        err.print(msg("Nothing exported: no answers file could be read."), style="red")
        return
    where = ", ".join(str(p) for p in summary.written) if len(summary.written) == 1 else None
    out.print(
        nmsg(
            "Exported {n} answers file to {out} ({seconds} s)",
            "Exported {n} answers files to {out} ({seconds} s)",
            len(summary.exported),
            out=where or summary.written[0].parent,
            seconds=f"{summary.seconds:.1f}",
        ),
        style="green",
        soft_wrap=True,
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(msg("sheet"))
    table.add_column(msg("rows"), justify="right")
    for sheet, count in summary.rows.items():
        table.add_row(sheet, str(count))
    out.print(table)
    if summary.failures:
        _left_out(err, len(summary.failures))


def print_synthesis_summary(summary: SynthesisSummary) -> None:
    """The files written with their sizes (stdout); each file left out, each format not made
    (stderr)."""
    out = console()
    err = console(stderr=True)
    for failure in summary.failures:
        _failed(err, failure.message, failure.hint)
    for fmt, (message, why) in summary.not_made.items():
        _failed(err, msg("{format} not written: {message}", format=fmt, message=message), why)
    if not summary.included:
        if summary.failures:
            err.print(msg("Nothing written: no answers file could be read."), style="red")
        else:
            err.print(msg("No answers file found."), style="yellow")
        return
    out.print(
        nmsg(
            "Synthesis of {n} answers file ({seconds} s):",
            "Synthesis of {n} answers files ({seconds} s):",
            len(summary.included),
            seconds=f"{summary.seconds:.1f}",
        ),
        style="green",
        soft_wrap=True,
        highlight=False,
    )
    charts = [p for p in summary.written if p.suffix == ".svg"]
    for path in summary.written:
        if path.suffix != ".svg":
            out.print(f"  {path}  ({_size(path)})", highlight=False, soft_wrap=True)
    if charts:
        line = nmsg(
            "{n} chart in {folder}", "{n} charts in {folder}", len(charts), folder=charts[0].parent
        )
        out.print(f"  {line}", highlight=False, soft_wrap=True)
    if summary.failures:
        _left_out(err, len(summary.failures))


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "?"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def plain_reporter(echo: Callable[[str], None]) -> Reporter:
    """One line per finished file, for logs and CI (no terminal control codes)."""

    from coconstruct.batch.plan import Reporter

    class Plain(Reporter):
        def __init__(self) -> None:
            self.total = self.finished = 0

        def start(self, total: int, skipped: int) -> None:
            self.total = total
            files = nmsg("{n} answers file", "{n} answers files", total)
            echo(
                msg(
                    "{files}: {skipped} up to date, {todo} to render",
                    files=files,
                    skipped=skipped,
                    todo=total - skipped,
                )
            )

        def done(self, outcome: Outcome) -> None:
            self.finished += 1
            if outcome.status == "skipped":
                return
            place = f"[{self.finished}/{self.total}]"
            if outcome.status == "rendered":
                echo(
                    msg(
                        "{place} rendered {file} ({seconds} s)",
                        place=place,
                        file=outcome.source,
                        seconds=f"{outcome.seconds:.1f}",
                    )
                )
            else:
                echo(msg("{place} failed: {message}", place=place, message=outcome.message))

    return Plain()


def _left_out(err: Any, count: int) -> None:
    """How many files a portfolio left out (export, synthesis); each was named above."""
    err.print(
        nmsg("{n} file left out (see above)", "{n} files left out (see above)", count),
        style="yellow",
    )

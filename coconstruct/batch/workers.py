"""Where a batch's documents render: in this process under an alarm when there is one, else in
long-lived worker processes (imports paid once per worker), each watched: a render past the
timeout, or a worker that dies, fails that one file and a fresh worker takes its place.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from coconstruct.batch.plan import Job, Manifest, Options, Outcome, Reporter
from coconstruct.errors import CoconstructError, PositionedError
from coconstruct.language.messages import msg
from coconstruct.model import fsio


def clean_temp_files(out_dir: Path, pid: int | None = None) -> None:
    """Remove what killed writers left half-done (finished outputs are never touched).

    With a pid, only that dead worker's files: the other workers may be writing theirs.
    """
    for folder in [out_dir, *out_dir.glob("*_charts")]:
        fsio.clean_temp_files(folder, pid=pid)


class _TimedOut(BaseException):
    """Raised by the alarm inside a render that took too long (a BaseException, so that no
    `except Exception` on the way, ours or a library's, can swallow it)."""


def can_time_out_here() -> bool:
    """SIGALRM exists (POSIX) and we are the main thread, where Python delivers signals."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class InProcess:
    """One document to render: in this process, as a worker would, without spawning one.

    A worker re-imports coconstruct, weasyprint and matplotlib before its first document: for a
    single file that is pure overhead. The timeout is an alarm (SIGALRM) that interrupts the
    render between two Python steps; the outcome, the manifest and the messages are the ones the
    pool gives. Ctrl-C interrupts the render; the writer's temporary file is removed on the way
    out, so no half-written output is left.
    """

    def __init__(self, options: Options, manifest: Manifest, reporter: Reporter) -> None:
        self.options, self.manifest, self.reporter = options, manifest, reporter

    def run(self, job: Job) -> list[Outcome]:
        if "pdf" in self.options.formats:
            # weasyprint takes half a second to import: let it load on the second core while this
            # thread reads, checks and analyses the answers (the PDF step then finds it ready)
            threading.Thread(target=_import_weasyprint, daemon=True).start()
        from coconstruct import report

        self.reporter.begin(str(job.source))
        started = time.monotonic()

        def alarm(_signum: int, _frame: Any) -> None:
            raise _TimedOut

        previous = signal.signal(signal.SIGALRM, alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, self.options.timeout)
            try:
                status, payload = _render_one(job.source, self.options, report)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _TimedOut:
            status = "error"
            payload = (
                msg("{file}: {reason}", file=job.source, reason=_timed_out(self.options)),
                None,
            )
        finally:
            signal.signal(signal.SIGALRM, previous)
        outcome = _outcome(job, status, payload, time.monotonic() - started)
        self.manifest.update(job, outcome, self.options.out_dir)
        self.reporter.done(outcome)
        return [outcome]


def _timed_out(options: Options) -> str:
    return msg("timed out after {seconds} s", seconds=f"{options.timeout:g}")


def _outcome(job: Job, status: str, payload: Any, seconds: float) -> Outcome:
    """What a render came to: its outputs, or its message and hint."""
    if status == "ok":
        outputs = [str(Path(p)) for p in payload]
        return Outcome(str(job.source), "rendered", outputs, seconds=seconds)
    message, hint = payload
    return Outcome(str(job.source), "failed", message=message, hint=hint, seconds=seconds)


def _import_weasyprint() -> None:
    with contextlib.suppress(Exception):  # a missing Pango is reported by the PDF step itself
        from coconstruct.report.pdf import weasyprint

        weasyprint()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Job | None = None
    deadline: float = 0.0
    started: float = 0.0


class Pool:
    def __init__(self, options: Options, manifest: Manifest, reporter: Reporter) -> None:
        self.options, self.manifest, self.reporter = options, manifest, reporter
        self.context = get_context("spawn")
        self.workers: list[_Worker] = []
        self.outcomes: list[Outcome] = []

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.options), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def run(self, jobs: list[Job]) -> list[Outcome]:
        queue = list(reversed(jobs))
        for _ in range(max(1, min(self.options.jobs, len(jobs)))):
            self._spawn()
        while queue or any(w.job for w in self.workers):
            for worker in self.workers:
                if worker.job is None and queue:
                    self._dispatch(worker, queue.pop())
            busy = [w for w in self.workers if w.job is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=min(timeout, 1.0),
            )
            now = time.monotonic()
            for worker in list(busy):
                if worker.conn in ready:
                    self._receive(worker)
                elif worker.process.sentinel in ready:
                    self._replace(worker, self._death(worker))
                elif now >= worker.deadline:
                    self._replace(worker, _timed_out(self.options))
        return self.outcomes

    def _dispatch(self, worker: _Worker, job: Job) -> None:
        worker.job = job
        worker.started = time.monotonic()
        worker.deadline = worker.started + self.options.timeout
        self.reporter.begin(str(job.source))
        worker.conn.send(str(job.source))

    def _receive(self, worker: _Worker) -> None:
        job = worker.job
        assert job is not None
        try:
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, self._death(worker))
            return
        outcome = _outcome(job, status, payload, time.monotonic() - worker.started)
        self.manifest.update(job, outcome, self.options.out_dir)
        worker.job = None
        self._finish(outcome)

    @staticmethod
    def _death(worker: _Worker) -> str:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return f"the worker rendering it died ({how})"

    def _replace(self, worker: _Worker, reason: str) -> None:
        job = worker.job
        assert job is not None
        seconds = time.monotonic() - worker.started
        self._kill(worker)
        self.workers.remove(worker)
        self.manifest.forget(job.stem)
        clean_temp_files(self.options.out_dir, worker.process.pid)
        message = msg("{file}: {reason}", file=job.source, reason=reason)
        self._finish(Outcome(str(job.source), "failed", message=message, seconds=seconds))
        self._spawn()

    def _finish(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.manifest.save(force=False)
        self.reporter.done(outcome)

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                if worker.job is None:
                    worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in self.workers:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive() or worker.job is not None:
                self._kill(worker)
        self.workers.clear()


def _worker_main(conn: Connection, options: Options) -> None:
    """A worker: import the heavy libraries once, then render one file per message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    from coconstruct import report

    _warm_up(options.formats)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        conn.send(_render_one(Path(message), options, report))


def _warm_up(formats: tuple[str, ...]) -> None:
    with contextlib.suppress(Exception):
        if "pdf" in formats:
            from coconstruct.report.pdf import weasyprint

            weasyprint()
        if {"pptx", "odp"} & set(formats):
            import pptx  # noqa: F401  (python-pptx: the deck's writer, a third of a second)
        import matplotlib

        matplotlib.use("Agg")


def _render_one(source: Path, options: Options, report: Any) -> tuple[str, Any]:
    """("ok", paths written) or ("failed", (message naming the file, hint))."""
    try:
        written = report.render_document(
            source,
            options.formats,
            options.out_dir,
            options.lang,
            options.templates_dir,
            options.questionnaire,
            check=True,
            compare=options.compare,
        )
        return "ok", [str(p) for p in written]
    except CoconstructError as exc:
        message = exc.message
        if not isinstance(exc, PositionedError) and str(source) not in message:
            message = msg("{file}: {reason}", file=source, reason=message)
        return "failed", (message, exc.hint)
    except RecursionError:
        return "failed", (msg("{file}: too deeply nested to render", file=source), None)
    except MemoryError:
        return "failed", (msg("{file}: out of memory while rendering", file=source), None)
    except Exception as exc:  # an unexpected bug must fail one file, not the batch
        problem = f"{type(exc).__name__}: {exc}"
        return "failed", (
            msg("{file}: internal error ({problem})", file=source, problem=problem),
            None,
        )

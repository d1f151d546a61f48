"""Many answers files read one by one, in worker processes when there are many.

What `export` and `synthesis` share. Each file is loaded, checked and turned into what the
command keeps of it (a file's rows, a territory's figures) on its own, by a `work` function run
in a worker; results come back in the order of the files, a few files ahead of the caller per
worker, so that memory holds a few files' results, never the portfolio. A file that cannot be
read or has validation errors is a failure (a message naming the file, and a hint), never the
end of the run; a worker that dies (killed, out of memory) takes the pool down, and the files in
flight and the rest are then read in this process.
"""

from __future__ import annotations

import itertools
import signal
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct.errors import CoconstructError, PositionedError
from coconstruct.language.messages import msg

if TYPE_CHECKING:
    from coconstruct.model.answers_file import AnswersFile
    from coconstruct.model.questionnaire import Questionnaire

PARALLEL_FROM = 16  # fewer files than this are read in-process: starting workers costs more

Result = tuple[str, Any]  # ("ok", what `work` made of the file) or ("failed", (message, hint))


@dataclass(frozen=True)
class Failure:
    """A file left out of a portfolio, and why."""

    source: str
    message: str
    hint: str | None = None


def results(
    paths: list[Path],
    work: Callable[[str], Result],
    jobs: int,
    setup: Callable[..., None],
    args: tuple[Any, ...],
) -> Iterator[tuple[Path, Result]]:
    """Each file's result, in the order of the files.

    `work(source)` runs in a worker (or here), after `setup(*args)` has told that process what
    it needs (the language, the questionnaire override…); both must be module-level functions,
    so that a worker can import them.
    """
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        _start(setup, args, worker=False)
        for path in paths:
            yield path, work(str(path))
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=_start,
        initargs=(setup, args, True),
    )
    pending = iter(paths)
    window: deque[tuple[Path, Any]] = deque()
    broken = False

    def submit(path: Path) -> None:
        nonlocal broken
        future = None
        if not broken:
            try:
                future = pool.submit(work, str(path))
            except BrokenProcessPool:
                broken = True
        window.append((path, future))

    try:
        # a few files ahead of the caller per worker: enough to keep them busy, memory bounded
        for path in itertools.islice(pending, 4 * jobs):
            submit(path)
        here = False  # whether this process is set up to read files itself
        while window:
            path, future = window.popleft()
            try:
                result = future.result() if future is not None else None
            except BrokenProcessPool:
                broken, result = True, None
            if result is None:
                if not here:
                    _start(setup, args, worker=False)
                    here = True
                result = work(str(path))
            for following in itertools.islice(pending, 1):
                submit(following)
            yield path, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start(setup: Callable[..., None], args: tuple[Any, ...], worker: bool) -> None:
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    setup(*args)


def checked(path: Path, override: str | None) -> tuple[AnswersFile, Questionnaire]:
    """An answers file read for reading only (migrated when it was written for an older version
    of its questionnaire), refused when it has validation errors, as `render` refuses it."""
    from coconstruct.model.validation import InvalidAnswers, load_checked, refuse_errors

    try:
        doc, questionnaire = load_checked(path, override, comments=False)
    except CoconstructError:
        # said as `validate` says it: the full parser's words (the fast reader may stop at the
        # same place for another reason)
        load_checked(path, override)
        raise
    try:
        refuse_errors(doc, questionnaire)
    except InvalidAnswers:
        # said as `validate` says it: with the positions the full parser reads
        refuse_errors(*load_checked(path, override))
    return doc, questionnaire


def guarded(source: str, body: Callable[[], Any], too_deep: str) -> Result:
    """("ok", body()), or ("failed", (message, hint)) naming the file: an error in one file, even
    a bug, fails that file and never the run. `too_deep` says what could not be done with a
    file nested too deeply (« too deeply nested to export »), with `{file}` in it."""
    try:
        return "ok", body()
    except CoconstructError as exc:
        message = exc.message
        if not isinstance(exc, PositionedError) and source not in message:
            message = f"{source}: {message}"
        return "failed", (message, exc.hint)
    except RecursionError:
        return "failed", (msg(too_deep, file=source), None)  # marked where it is written
    except Exception as exc:  # an unexpected bug must fail one file, not the run
        return "failed", (f"{source}: internal error ({type(exc).__name__}: {exc})", None)

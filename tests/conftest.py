from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pexpect
import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from coconstruct.cli import main

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
# the smaller bundled example (a commune, fewer charts): for tests of mechanics, not of content
SAINT_IVY = EXAMPLE.with_name("saint-ivy-kermorvan.yaml")

# Speed is measured by benchmarks/, not by tests: no example fails for being slow on a busy machine.
settings.register_profile(
    "coconstruct", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("coconstruct")


def pytest_configure(config: pytest.Config) -> None:
    """The tool's cache (checked questionnaires, charts, compiled templates) goes to a folder of
    this test run's own, cold at the start of each run, never to the user's ~/.cache; it is set
    before collection, since test modules load questionnaires at import. xdist workers inherit the
    folder of the process that starts them: they share it as concurrent users do (every entry is
    written atomically). A test that needs a cold or a warm cache sets COCONSTRUCT_CACHE_DIR to a
    folder of its own."""
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the environment, cache folder included, is its starter's
    folder = tempfile.mkdtemp(prefix="coconstruct-tests-cache-")
    saved = os.environ.get("COCONSTRUCT_CACHE_DIR")
    os.environ["COCONSTRUCT_CACHE_DIR"] = folder

    def restore() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if saved is None:
            os.environ.pop("COCONSTRUCT_CACHE_DIR", None)
        else:
            os.environ["COCONSTRUCT_CACHE_DIR"] = saved

    config.add_cleanup(restore)


# pytest-timeout: a test not marked slow that runs this long is hung (a server that never
# answers, a prompt that waits for a key never sent): it fails, naming itself, instead of holding
# CI until its own limit. The slow tests get pyproject's generous `timeout`.
UNIT_TIMEOUT = 60


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests not marked slow get UNIT_TIMEOUT (unless `--timeout` or their own marker says
    otherwise). Under pytest-xdist (`make test`), slow tests are handed out first, so that a long
    one never starts last while the other worker has nothing left to do; every worker sorts the
    same way. A plain `pytest` run keeps the files' order."""
    if config.getoption("timeout", None) is None:
        for item in items:
            if not item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
                item.add_marker(pytest.mark.timeout(UNIT_TIMEOUT))
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


# --- programs from Debian's packages: `make system-deps` installs them (CI runs it) -------------


def chromium() -> str:
    """Debian's Chromium, which Playwright drives; the test is skipped when it is missing."""
    found = shutil.which("chromium", path="/usr/bin:" + os.environ.get("PATH", ""))
    if found is None:
        pytest.skip("Chromium is not installed: `make system-deps` installs it (apt-get)")
    return found


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    program = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=program, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


AXE = Path(__file__).parent / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 A and AA


def axe_violations(opener: Any, url: str, ready: str | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the page at `url` (opened from a browser or a
    context, once `ready` is on it), each as « rule: target why »."""
    page = opener.new_page()
    try:
        page.goto(url)
        if ready:
            page.wait_for_selector(ready)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
    finally:
        page.close()
    return [
        f"{v['id']}: {node['target']} {node['failureSummary'].splitlines()[-1].strip()}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@contextlib.contextmanager
def small_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A disk of `size` mounted under `tmp_path` (root only: the test is skipped elsewhere)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def soffice() -> str:
    """LibreOffice's soffice; the test is skipped when it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed: `make system-deps` installs it (apt-get)")
    return found


# --- the tool's messages, by key -----------------------------------------------------------------
# A logic test checks which message the tool gave, and with which values: it names the message
# by its English msgid and lets the catalog say it, so that rewording a French sentence breaks
# no logic test. The exact wording, French and English, is held on purpose by the snapshot tests
# (tests/test_wording.py, the README's console examples in tests/test_docs_examples.py).


@functools.cache
def _msgids() -> frozenset[str]:
    from babel.messages.pofile import read_po

    from coconstruct.language.messages import LOCALE_DIR

    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "coconstruct.po").open("rb") as po:
        return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id)


def said(msgid: str, /, lang: str = "fr", **values: object) -> str:
    """What the tool says in `lang` for its message `msgid` (English, as in the code), its
    `values` filled in; fails when `msgid` is not in the catalog (a typo, or a message gone)."""
    from coconstruct.language.messages import msg

    assert msgid in _msgids(), f"not a message of the catalog: {msgid!r}"
    return msg(msgid, lang, **values)


def said_n(singular: str, plural: str, n: int, /, lang: str = "fr", **values: object) -> str:
    """`said` for a message that agrees with a count `n`."""
    from coconstruct.language.messages import nmsg

    assert singular in _msgids(), f"not a message of the catalog: {singular!r}"
    return nmsg(singular, plural, n, lang, **values)


def bare_env(**extra: str) -> dict[str, str]:
    """A minimal environment for a subprocess (no LANG, no user settings), with the tests' cache
    and the PYTHONPATH the tests run with (a worktree's checkout, not the venv's install)."""
    kept = {key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ}
    return {
        "PATH": "/usr/bin:/bin",
        **kept,
        "COCONSTRUCT_CACHE_DIR": os.environ["COCONSTRUCT_CACHE_DIR"],
        **extra,
    }


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder: a command writing to "." never lands in the checkout.

    The tool's own messages are in English unless a test asks for French.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COCONSTRUCT_LANG", "en")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `coconstruct ARGS…` in-process, as a user would type it; returns code, out, err."""
    monkeypatch.setenv("COCONSTRUCT_LANG", "en")
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # pragma: no cover
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example workshop."""
    target = tmp_path / "val-d-orbiere.yaml"
    shutil.copy(EXAMPLE, target)
    return target


# --- roadmap reports: rendered once per session (a PDF costs seconds) -------------------------


def run_main(*args: str | Path) -> Result:
    """`coconstruct ARGS…` in-process, outside any fixture (for session-scoped renders)."""
    import contextlib
    import io
    import os

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("COCONSTRUCT_LANG")
    os.environ["COCONSTRUCT_LANG"] = "en"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        if saved is None:
            os.environ.pop("COCONSTRUCT_LANG", None)
        else:
            os.environ["COCONSTRUCT_LANG"] = saved
    return Result(code, out.getvalue(), err.getvalue())


@functools.cache
def pdf_text(path: Path) -> str:
    """A PDF's text, spaces normalised (babel's French numbers use narrow no-break spaces)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def render_once(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], dict[str, Any]]
) -> tuple[Path, dict[str, Any]]:
    """`make(folder)` once per test run, whatever the number of xdist workers: the first worker to
    ask renders into a folder of the run's temp root, the others wait for it and read the same
    files (which no test writes to). Returns the folder and what `make` returned."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run, fresh for each run
    folder, done = root / name, root / f"{name}.json"
    with FileLock(root / f"{name}.lock"):
        if not done.exists():
            folder.mkdir(exist_ok=True)
            done.write_text(json.dumps(make(folder)), encoding="utf-8")
        return folder, json.loads(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_roadmap(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The example workshop rendered by `coconstruct render` in every format (French): the PDF
    costs seconds, so only slow tests use it."""

    def make(folder: Path) -> dict[str, Any]:
        answers = folder / EXAMPLE.name
        shutil.copy(EXAMPLE, answers)
        return dataclasses.asdict(run_main("render", answers, "-o", folder))

    folder, result = render_once(tmp_path_factory, "roadmap-fr", make)
    return folder, Result(**result)


@pytest.fixture(scope="session")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workshop rendered by `coconstruct render -f md,html` (French): no PDF."""

    def make(folder: Path) -> dict[str, Any]:
        answers = folder / EXAMPLE.name
        shutil.copy(EXAMPLE, answers)
        result = run_main("render", answers, "-f", "md,html", "-o", folder)
        assert result.code == 0, result.err
        return {}

    return render_once(tmp_path_factory, "report-fr", make)[0]


HOSTILE = {
    "workshop_title": "{{ 7*7 }} {% raw %}x{% endraw %}",
    "territory_name": "<script>alert(1)</script> & **Val**",
    "vision": "<img src=x onerror=alert(1)>\n\n# not a heading\n\n[link](javascript:alert(1))",
}


def hostile_answers(folder: Path) -> Path:
    """The example with hostile answers, written into `folder`."""
    from coconstruct.model.answers_file import AnswersFile

    answers = folder / "hostile.yaml"
    shutil.copy(EXAMPLE, answers)
    doc = AnswersFile.load(answers)
    for key, value in HOSTILE.items():
        doc.answers[key] = value
    doc.answers["needs"][0]["title"] = "| cell | **bold** `code` <b>b</b>"
    doc.save()
    return answers


@pytest.fixture(scope="session")
def hostile_roadmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with hostile answers, rendered in English (md, html) through the library API."""

    def make(folder: Path) -> dict[str, Any]:
        from coconstruct.report import render_document

        render_document(hostile_answers(folder), ["md", "html"], lang="en")
        return {}

    return render_once(tmp_path_factory, "roadmap-en", make)[0]


@pytest.fixture(scope="session")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same hostile answers as an English PDF (seconds: for slow tests)."""

    def make(folder: Path) -> dict[str, Any]:
        from coconstruct.report import render_document

        render_document(hostile_answers(folder), ["pdf"], lang="en")
        return {}

    return render_once(tmp_path_factory, "roadmap-en-pdf", make)[0] / "hostile.pdf"


@pytest.fixture
def spawn(workdir: Path) -> Iterator[Callable[..., pexpect.spawn]]:
    """Start `coconstruct ARGS…` in a pseudo-terminal of 100×40 (or `size`, as (columns, rows)),
    in the test's folder (`cpr`: the terminal will answer cursor position requests, see
    `terminal`)."""
    children: list[pexpect.spawn] = []

    def start(
        *args: str, lang: str = "en", cpr: bool = False, size: tuple[int, int] = (100, 40)
    ) -> pexpect.spawn:
        env = {
            **os.environ,
            "COCONSTRUCT_LANG": lang,
            "TERM": "xterm-256color",
            # bare pexpect does not answer prompt_toolkit's cursor position requests
            "PROMPT_TOOLKIT_NO_CPR": "0" if cpr else "1",
        }
        child = pexpect.spawn(
            sys.executable,
            ["-m", "coconstruct", *args],
            cwd=str(workdir),
            env=env,
            encoding="utf-8",
            timeout=15,
            dimensions=(size[1], size[0]),
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)


class Terminal:
    """A pseudo-terminal read as a person sees it: pyte keeps its screen, and answers the
    cursor position requests of prompt_toolkit as a real terminal does (prompt_toolkit then lays
    a prompt out in all the rows under the cursor, as in a workshop room)."""

    def __init__(self, child: pexpect.spawn) -> None:
        import pyte

        self.child = child
        rows, columns = child.getwinsize()
        self.screen = pyte.Screen(columns, rows)
        self.screen.write_process_input = child.send
        self.stream = pyte.Stream(self.screen)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def wait_for(self, *texts: str, timeout: float = 15) -> list[str]:
        """The screen's lines once each of `texts` is in one of them (see `wait_until`)."""

        def shown(lines: list[str]) -> None:
            missing = [text for text in texts if not any(text in line for line in lines)]
            assert not missing, f"{', '.join(map(repr, missing))} not on screen"

        return self.wait_until(shown, timeout)

    def wait_until(self, check: Callable[[list[str]], None], timeout: float = 15) -> list[str]:
        """The screen's lines once `check(lines)` passes: it asserts what the screen is to show
        (a screen comes in several writes, and prompt_toolkit may draw one twice, the second
        time in all the rows it is given), so the test reads the screen it waited for, never
        one judged finished because nothing came for a while. After `timeout` seconds, or when
        the program ends first, fails with the check's last complaint and the screen."""
        import time

        deadline = time.monotonic() + timeout
        ended = False
        while True:
            lines = self.lines()
            try:
                check(lines)
            except AssertionError as problem:
                left = deadline - time.monotonic()
                if ended or left <= 0:
                    how = "the program ended" if ended else f"after {timeout:g} s"
                    screen = "\n".join(lines)
                    raise AssertionError(f"{problem} ({how}); the screen:\n{screen}") from None
            else:
                return lines
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=min(left, 0.2)))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                ended = True

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]


@pytest.fixture
def terminal(spawn: Callable[..., pexpect.spawn]) -> Callable[..., Terminal]:
    """Start `coconstruct ARGS…` in a `Terminal`."""

    def start(*args: str, lang: str = "en", size: tuple[int, int] = (100, 40)) -> Terminal:
        return Terminal(spawn(*args, lang=lang, cpr=True, size=size))

    return start

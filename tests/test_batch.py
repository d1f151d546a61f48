"""Batch rendering as a consultant runs it: many files, bad ones among them, a cache, shards."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
from conftest import EXAMPLE

from coconstruct.batch import plan as batch

# A consultant's template that fails on one territory and never ends on another.
TRAP_TEMPLATE = """# {{ doc.title }}
{% if 'BOOM' in doc.territory %}{{ doc.no_such_field }}{% endif %}
{% if 'FOREVER' in doc.territory %}{% for i in range(100000) %}{% for j in range(100000) %}\
{% endfor %}{% endfor %}{% endif %}
{{ doc.territory }}
"""


def variant(folder: Path, name: str, territory: str | None = None) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    if territory:
        text = text.replace("Communauté de communes du Val d'Orbière", territory, 1)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render(*args: str | Path, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """`coconstruct render ARGS`; past the timeout (a safety net), killed with its workers."""
    with subprocess.Popen(
        [sys.executable, "-m", "coconstruct", "render", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def summary(path: Path) -> dict[str, dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {Path(f["source"]).name: f for f in data["files"]} | {"_": data}


@pytest.fixture
def trap(tmp_path: Path) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "roadmap.md.j2").write_text(TRAP_TEMPLATE, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_bad_files_are_reported_one_by_one_and_the_rest_is_rendered(
    tmp_path: Path, trap: Path
) -> None:
    answers = tmp_path / "answers"
    variant(answers, "good-1.yaml")
    variant(answers / "sub", "good-2.yaml", "Pays de Test")
    (answers / "broken.yaml").write_text("questionnaire: territoire\nanswers:\n  a: [1,\n")
    invalid = variant(answers, "invalid.yaml")
    invalid.write_text(invalid.read_text().replace("priority: 5", "priority: 9", 1))
    variant(answers, "boom.yaml", "BOOM")
    variant(answers, "forever.yaml", "FOREVER")
    (answers / "notes.yaml").write_text("title: not an answers file\n")  # ignored in a folder
    result = render(
        answers,
        tmp_path / "missing.yaml",
        "-f",
        "md",
        "-o",
        tmp_path / "out",
        "--templates",
        trap,
        "--timeout",
        "8",
        "-j",
        "2",
        "--json",
        tmp_path / "s.json",
        cwd=tmp_path,
    )
    assert result.returncode == 3, result.stderr
    files = summary(tmp_path / "s.json")
    assert files["good-1.yaml"]["status"] == files["good-2.yaml"]["status"] == "rendered"
    assert (tmp_path / "out" / "good-2.md").read_text().startswith("# ")
    assert "notes.yaml" not in files
    reasons = {
        name: files[name]["message"]
        for name in ("broken.yaml", "invalid.yaml", "boom.yaml", "forever.yaml", "missing.yaml")
    }
    assert reasons["broken.yaml"].startswith(f"{answers / 'broken.yaml'}:4:1: ")
    assert reasons["invalid.yaml"].startswith(f"{answers / 'invalid.yaml'}:")
    assert "priority" in reasons["invalid.yaml"]
    assert "roadmap.md.j2:2:" in reasons["boom.yaml"] and "no_such_field" in reasons["boom.yaml"]
    assert reasons["forever.yaml"] == f"{answers / 'forever.yaml'}: timed out after 8 s"
    assert reasons["missing.yaml"] == f"{tmp_path / 'missing.yaml'}: no such file or folder"
    for name, reason in reasons.items():
        assert f"✗ {reason}" in result.stdout + result.stderr, name
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.slow
def test_only_what_changed_is_rendered_again(tmp_path: Path, trap: Path) -> None:
    first = variant(tmp_path / "in", "alpha.yaml")
    variant(tmp_path / "in", "beta.yaml", "Pays de Beta")
    out = tmp_path / "out"

    def run(*extra: str | Path) -> dict[str, int]:
        result = render(tmp_path / "in", "-f", "md", "-o", out, "--json", "-", *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout[result.stdout.index("{") :])
        return {f["source"].rsplit("/", 1)[1]: f["status"] for f in data["files"]}

    assert run() == {"alpha.yaml": "rendered", "beta.yaml": "rendered"}
    assert run() == {"alpha.yaml": "skipped", "beta.yaml": "skipped"}
    first.write_text(first.read_text().replace("population: ", "population: 1", 1))
    assert run() == {"alpha.yaml": "rendered", "beta.yaml": "skipped"}
    assert run("--lang", "en") == {"alpha.yaml": "rendered", "beta.yaml": "rendered"}
    assert run("--lang", "en") == {"alpha.yaml": "skipped", "beta.yaml": "skipped"}
    assert run("--lang", "en", "--templates", trap) == {
        "alpha.yaml": "rendered",
        "beta.yaml": "rendered",
    }
    (trap / "roadmap.md.j2").write_text(TRAP_TEMPLATE + "\nchanged\n")
    assert run("--lang", "en", "--templates", trap) == {
        "alpha.yaml": "rendered",
        "beta.yaml": "rendered",
    }
    (out / "beta.md").unlink()
    assert run("--lang", "en", "--templates", trap) == {
        "alpha.yaml": "skipped",
        "beta.yaml": "rendered",
    }
    assert run("--lang", "en", "--templates", trap, "--force") == {
        "alpha.yaml": "rendered",
        "beta.yaml": "rendered",
    }


def test_shards_cover_every_input_exactly_once() -> None:
    paths = [Path(f"answers/t{i:03}.yaml") for i in range(37)]
    for n in range(1, 9):
        slices = [batch.shard(paths, k, n) for k in range(1, n + 1)]
        flat = [p for piece in slices for p in piece]
        assert sorted(flat) == sorted(paths) and len(flat) == len(set(flat))
        assert max(map(len, slices)) - min(map(len, slices)) <= 1
    assert batch.shard(list(reversed(paths)), 2, 3) == batch.shard(paths, 2, 3)
    with pytest.raises(Exception, match="expected K/N"):
        batch.parse_shard("4/3")


def test_two_inputs_writing_the_same_output_are_refused_before_any_work(tmp_path: Path) -> None:
    variant(tmp_path / "a", "atelier.yaml")
    variant(tmp_path / "b", "atelier.yaml")
    result = render(tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "would both write" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_glob_selects_answers_files_like_a_folder_does(tmp_path: Path) -> None:
    variant(tmp_path / "in", "a.yaml")
    (tmp_path / "in" / "other.yaml").write_text("title: not an answers file\n")
    paths, failures = batch.find_inputs([str(tmp_path / "in" / "*.yaml")])
    assert [p.name for p in paths] == ["a.yaml"] and failures == []
    _, failures = batch.find_inputs([str(tmp_path / "in" / "*.yml")])
    assert [f.message for f in failures] == [
        f"{tmp_path / 'in' / '*.yml'}: no answers file matches"
    ]


def test_nothing_to_render_exits_1(tmp_path: Path) -> None:
    result = render(tmp_path, "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "No answers file found." in result.stderr + result.stdout


def test_an_empty_shard_is_no_failure(tmp_path: Path) -> None:
    """A CI matrix of 6 jobs over 5 files: the sixth has nothing to do, and succeeds."""
    for i in range(5):
        variant(tmp_path / "in", f"t{i}.yaml")
    result = render(
        tmp_path / "in", "-f", "md", "--shard", "6/6", "-o", tmp_path / "out", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "--shard 6/6: no file for this part, of 5 answers files in all." in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.md"))


class Log:
    """A running command's stderr, read line by line in a thread, so that a test waits for what
    the command says (deadlines are only a safety net)."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 180, times: int = 1) -> None:
        """Return once `times` lines containing `text` are printed; fail if the command ends
        first."""
        deadline = time.monotonic() + timeout
        while sum(text in line for line in self.lines) < times:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"{text!r} not printed:\n{self.text}") from None
            if line is None:
                raise AssertionError(f"the command ended without printing {text!r}:\n{self.text}")
            self.lines.append(line)

    def rest(self) -> str:
        """Everything printed, once the command has ended."""
        while (line := self._queue.get(timeout=60)) is not None:
            self.lines.append(line)
        return self.text

    @property
    def text(self) -> str:
        return "".join(self.lines)


StartRender = Callable[..., tuple[subprocess.Popen[str], Log]]

# On its PYTHONPATH, a process prints where it is when it gets SIGUSR1, then WHERE_END
TRACEABLE = Path(__file__).parent / "traceable"
WHERE_END = "(where: end)"  # traceable/sitecustomize.py's END


@pytest.fixture
def start_render() -> Iterator[StartRender]:
    """Start `coconstruct render ARGS` in a session of its own, as a shell starts a job; if the
    test ends with it still running, it is killed with its workers (no endless render left).
    `traceable`: SIGUSR1 makes it and its workers print where they are (see `wait_inside`)."""
    started: list[subprocess.Popen[str]] = []

    def start(
        *args: str | Path, cwd: Path, traceable: bool = False
    ) -> tuple[subprocess.Popen[str], Log]:
        env = {**os.environ, "COCONSTRUCT_LANG": "en", "COLUMNS": "200"}  # no wrapped lines
        if traceable:
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(TRACEABLE), env.get("PYTHONPATH")])
            )
        process = subprocess.Popen(
            [sys.executable, "-m", "coconstruct", "render", *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        started.append(process)
        assert process.stderr is not None
        return process, Log(process.stderr)

    yield start
    for process in started:
        if process.poll() is None:  # still running: its process group is its own
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_inside(pid: int, log: Log, source: str) -> None:
    """Return once the traceable process `pid` runs the code of the file `source` (a template):
    each SIGUSR1 makes it print where it is, then a line that ends the answer. Call it once
    `pid` has printed something or done some work (its handler is in place before its first
    line of coconstruct)."""
    asked = 0
    while not any(source in line for line in log.lines):
        os.kill(pid, signal.SIGUSR1)
        asked += 1
        log.wait_for(WHERE_END, times=asked)


def render_workers(pid: int) -> list[int]:
    """The worker processes of the render `pid` (not multiprocessing's resource tracker)."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [
        int(child)
        for child in found.split()
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


@pytest.mark.slow
def test_a_killed_worker_fails_its_file_and_the_batch_goes_on(
    tmp_path: Path, trap: Path, start_render: StartRender
) -> None:
    good = variant(tmp_path, "good.yaml")
    forever = variant(tmp_path, "forever.yaml", "FOREVER")
    after = variant(tmp_path, "after.yaml", "Pays d'après")
    out = tmp_path / "out"
    args = (good, forever, after, "-f", "md", "-j", "1", "--templates", trap, "-o", out)
    process, log = start_render(*args, "--json", tmp_path / "s.json", cwd=tmp_path, traceable=True)
    log.wait_for(f"[1/3] rendered {good}")
    # its one worker goes on with forever.yaml: kill it once it is deep in the endless template
    (worker,) = render_workers(process.pid)
    wait_inside(worker, log, str(trap / "roadmap.md.j2"))
    os.kill(worker, signal.SIGKILL)
    process.wait(timeout=180)
    err = log.rest()
    assert process.returncode == 3, err
    died = f"{forever}: the worker rendering it died (killed by signal 9)"
    assert f"[2/3] failed: {died}" in err
    assert f"[3/3] rendered {after}" in err  # by a fresh worker
    files = summary(tmp_path / "s.json")
    assert files["forever.yaml"]["message"] == died
    assert files["good.yaml"]["status"] == files["after.yaml"]["status"] == "rendered"
    assert sorted(p.name for p in out.glob("*.md")) == ["after.md", "good.md"]
    assert "Traceback" not in err


@pytest.mark.slow
def test_ctrl_c_keeps_finished_outputs_and_the_next_run_resumes(
    tmp_path: Path, trap: Path, start_render: StartRender
) -> None:
    answers = tmp_path / "in"
    for name in ("a1", "a2", "a3"):
        variant(answers, f"{name}.yaml")
    variant(answers, "zz-forever.yaml", "FOREVER")
    out = tmp_path / "out"
    process, log = start_render(
        answers, "-f", "md", "-j", "1", "--templates", trap, "-o", out, cwd=tmp_path
    )
    log.wait_for(f"[3/4] rendered {answers / 'a3.yaml'}")  # the worker goes on with zz-forever
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does in a terminal
    process.wait(timeout=120)
    err = log.rest()
    assert process.returncode == 130, err
    assert "Interrupted: finished reports are kept; run the same command again to finish." in err
    assert "Traceback" not in err
    manifest = json.loads((out / batch.MANIFEST).read_text())
    assert sorted(manifest["entries"]) == ["a1", "a2", "a3"]
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        ".coconstruct-manifest.json",
        "a1.md",
        "a2.md",
        "a3.md",
    ]
    variant(answers, "zz-forever.yaml", "Pays calme")
    again = render(answers, "-f", "md", "--templates", trap, "-o", out, "--json", "-", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    statuses = json.loads(again.stdout[again.stdout.index("{") :])
    assert [f["status"] for f in statuses["files"]] == ["skipped"] * 3 + ["rendered"]


def test_plain_log_lines_when_not_a_terminal(tmp_path: Path) -> None:
    variant(tmp_path, "solo.yaml")
    result = render(tmp_path / "solo.yaml", "-f", "md", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[1/1] rendered" in result.stderr and "\x1b[" not in result.stderr
    shutil.rmtree(tmp_path / "out")


# --- one file: rendered in the command's own process, same behaviour ---------------------------


@pytest.mark.slow
def test_one_file_is_rendered_without_a_worker_and_reports_as_a_batch(tmp_path: Path) -> None:
    good = variant(tmp_path, "good.yaml")
    code = (
        "import sys, multiprocessing\n"
        "from coconstruct.cli import main\n"
        "spawned = []\n"
        "multiprocessing.context.SpawnProcess.start = lambda self: spawned.append(1)\n"
        "try:\n"
        f"    main(['render', {str(good)!r}, '-f', 'md', '-o', 'out', '--json', 's.json'])\n"
        "except SystemExit as exit:\n"
        "    print('workers', len(spawned), 'exit', exit.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
        timeout=120,
    )
    assert "workers 0 exit 0" in done.stdout, done.stderr
    files = summary(tmp_path / "s.json")
    assert files["good.yaml"]["status"] == "rendered"
    assert str(Path("out") / "good.md") in files["good.yaml"]["outputs"]
    manifest = json.loads((tmp_path / "out" / batch.MANIFEST).read_text())
    assert list(manifest["entries"]) == ["good"]


@pytest.mark.slow
def test_one_file_past_the_timeout_fails_cleanly(tmp_path: Path, trap: Path) -> None:
    forever = variant(tmp_path, "forever.yaml", "FOREVER")
    started = time.monotonic()
    result = render(
        forever,
        "-f",
        "md",
        "--templates",
        trap,
        "-o",
        tmp_path / "out",
        "--timeout",
        "2",
        "--json",
        tmp_path / "s.json",
        cwd=tmp_path,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    message = f"{forever}: timed out after 2 s"
    assert summary(tmp_path / "s.json")["forever.yaml"]["message"] == message
    assert f"✗ {message}" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [batch.MANIFEST]
    assert json.loads((tmp_path / "out" / batch.MANIFEST).read_text())["entries"] == {}


@pytest.mark.slow
def test_ctrl_c_on_one_file_leaves_no_partial_file(
    tmp_path: Path, trap: Path, start_render: StartRender
) -> None:
    forever = variant(tmp_path, "forever.yaml", "FOREVER")
    out = tmp_path / "out"
    process, log = start_render(
        forever, "-f", "md", "-o", out, "--templates", trap, cwd=tmp_path, traceable=True
    )
    log.wait_for("1 to render")
    wait_inside(process.pid, log, str(trap / "roadmap.md.j2"))  # deep in the endless template
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=60)
    err = log.rest()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir()] == [batch.MANIFEST]


def test_time_left_counts_the_files_to_render_shared_among_the_workers() -> None:
    from coconstruct.terminal.console import time_left

    # 40 files to render on 2 workers, 2 done in 4 s each: 19 rounds of 4 s; skipped files
    # (done in no time) are not in the list and do not make it look faster
    assert time_left([4.0, 4.0], 38, 2) == 76.0
    assert time_left([], 10, 2) is None  # nothing done yet: no guess
    assert time_left([3.0], 1, 8) == 3.0  # one file left: one worker on it
    assert time_left([3.0], 0, 2) == 0.0

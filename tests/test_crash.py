"""Crashes and hostile disks: an answers file is always the old or the new version, never torn,
never empty; a failed save says why and leaves the previous file intact."""

from __future__ import annotations

import contextlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, small_tmpfs

from coconstruct.model import fsio
from coconstruct.model.answers_file import AnswersFile

# Saves the example again and again, each time with the next value, and says when a save begins
# and when it is done (one write each: a kill never leaves half a line).
AUTOSAVE_LOOP = """
import os
import sys
from pathlib import Path
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import load
path, q = Path(sys.argv[1]), load("territoire")
doc = AnswersFile.load(path)
n = int(doc.get("population"))
while True:
    n += 1
    doc.set(q, "population", n)
    doc.set(q, "vision", f"Vision numéro {n}\\n" * 40)
    os.write(1, f"saving {n}\\n".encode())
    doc.save()
    os.write(1, f"saved {n}\\n".encode())
"""


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{fsio.TMP_PREFIX}*"))


@pytest.mark.slow
def test_kill_9_in_the_middle_of_saves_never_tears_the_file(tmp_path: Path) -> None:
    """20 kills: every other one as soon as a save's temp file appears (the file being written),
    the others at a random moment. After each, the file is whole: the last saved version, or the
    one being saved; a dead writer's temp file is removed by the next start."""
    path = tmp_path / "atelier.yaml"
    shutil.copy(EXAMPLE, path)
    rng = random.Random(2026)
    during_save = during_write = 0
    for attempt in range(20):
        loop = subprocess.Popen(
            [sys.executable, "-c", AUTOSAVE_LOOP, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert loop.stdout is not None
        said = ""
        try:
            while "saved" not in said:  # the loop is running: one save done
                line = loop.stdout.readline()
                assert line, f"the loop died before saving: {said!r}"
                said += line
            if attempt % 2 == 0:
                deadline = time.monotonic() + 60  # a safety net: a save begins in milliseconds
                while not temp_files(tmp_path):
                    assert time.monotonic() < deadline, "no save wrote a temp file beside it"
            else:
                time.sleep(rng.uniform(0, 0.05))
        finally:
            loop.send_signal(signal.SIGKILL)  # also when the test fails: no loop left running
        said += loop.stdout.read()
        loop.wait()
        left = temp_files(tmp_path)
        state, number = said.splitlines()[-1].split()
        assert path.read_text(encoding="utf-8").strip(), "empty file after kill -9"
        doc = AnswersFile.load(path)  # parses: not torn
        value = int(doc.get("population"))
        assert doc.get("vision") == f"Vision numéro {value}\n" * 40  # one version, whole
        if state == "saving":  # killed while saving `number`: the previous version or this one
            assert value in (int(number) - 1, int(number)), (value, said[-40:])
            during_save += 1
            during_write += bool(left)  # between the temp file's creation and its rename
        else:
            assert value == int(number), (value, said[-40:])
            assert left == []
        assert sorted(fsio.clean_stale_temp_files(path)) == left
        assert temp_files(tmp_path) == []
    # the kills did land in the middle of saves, many of them while the file was being written
    assert during_save >= 10, during_save
    assert during_write >= 4, during_write


def set_cli(
    path: Path, *assignments: str, limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def cap_file_size() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "coconstruct", "set", str(path), *assignments],
        capture_output=True,
        text=True,
        preexec_fn=cap_file_size,
        timeout=60,
        env={**os.environ, "COCONSTRUCT_LANG": "en"},
    )


def test_a_file_size_limit_gives_a_clear_error_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(EXAMPLE, path)
    before = path.read_bytes()
    result = set_cli(path, "vision=" + "très longue vision " * 100, limit=len(before))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"Error: {path}: could not save (File too large); the file is unchanged"
    )
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert list(tmp_path.glob(f"{fsio.TMP_PREFIX}*")) == []


def test_a_full_disk_gives_a_clear_error_and_keeps_the_file(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path, "128k") as disk:
        path = disk / "atelier.yaml"
        shutil.copy(EXAMPLE, path)
        before = path.read_bytes()
        # room for less than one more copy: the temp file of any save cannot be written whole
        (disk / "filler").write_bytes(b"x" * (128 * 1024 - 2 * len(before) + 16 * 1024))
        result = set_cli(path, "population=12")
        assert result.returncode == 1, result.stderr
        assert "could not save (No space left on device); the file is unchanged" in result.stderr
        assert path.read_bytes() == before
        assert list(disk.glob(f"{fsio.TMP_PREFIX}*")) == []
        assert list(disk.glob(".*.lock")) == []  # no 0-byte lock left behind either


def test_a_disk_too_full_for_the_lock_says_the_same(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path, "128k") as disk:
        path = disk / "atelier.yaml"
        shutil.copy(EXAMPLE, path)
        before = path.read_bytes()
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:  # every block taken
            while True:
                handle.write(b"x" * 4096)
                handle.flush()
        result = set_cli(path, "population=12")
        assert result.returncode == 1, result.stderr
        assert "could not save (No space left on device); the file is unchanged" in result.stderr
        assert "lock" not in result.stderr and "Traceback" not in result.stderr
        assert path.read_bytes() == before and list(disk.glob(".*.lock")) == []


def test_a_read_only_folder_gives_a_clear_error_and_keeps_the_file(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path, "1m") as disk:
        path = disk / "atelier.yaml"
        shutil.copy(EXAMPLE, path)
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = set_cli(path, "population=12")
        assert result.returncode == 1, result.stderr
        assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
        assert path.read_bytes() == before

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
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE

from coconstruct import fsio
from coconstruct.answers import AnswersFile

# Saves the example again and again, each time with the next value, and says which it saved.
AUTOSAVE_LOOP = """
import sys
from pathlib import Path
from coconstruct.answers import AnswersFile
from coconstruct.questionnaire import load
path, q = Path(sys.argv[1]), load("territoire")
doc = AnswersFile.load(path)
n = int(doc.get("population"))
while True:
    n += 1
    doc.set(q, "population", n)
    doc.set(q, "vision", f"Vision numéro {n}\\n" * 40)
    doc.save()
    print(n, flush=True)
"""


@pytest.mark.slow
def test_kill_9_at_50_random_moments_never_tears_the_file(tmp_path: Path) -> None:
    path = tmp_path / "atelier.yaml"
    shutil.copy(EXAMPLE, path)
    rng = random.Random(2026)
    kills = saved_total = 0
    for _ in range(50):
        before = int(AnswersFile.load(path).get("population"))
        loop = subprocess.Popen(
            [sys.executable, "-c", AUTOSAVE_LOOP, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert loop.stdout is not None
        loop.stdout.readline()  # at least one save done: the loop is running
        time.sleep(rng.uniform(0, 0.15))
        loop.send_signal(signal.SIGKILL)
        printed = [int(line) for line in loop.stdout.read().split()]
        loop.wait()
        kills += 1
        text = path.read_text(encoding="utf-8")
        assert text.strip(), "empty file after kill -9"
        doc = AnswersFile.load(path)  # parses: not torn
        value = int(doc.get("population"))
        last_printed = printed[-1] if printed else before + 1
        assert value in (last_printed, last_printed + 1), (value, last_printed)
        assert doc.get("vision") == f"Vision numéro {value}\n" * 40
        saved_total += value - before
    leftovers = list(tmp_path.glob(f"{fsio.TMP_PREFIX}*"))
    removed = fsio.clean_stale_temp_files(path)
    assert sorted(removed) == sorted(leftovers)
    assert list(tmp_path.glob(f"{fsio.TMP_PREFIX}*")) == []
    assert kills == 50 and saved_total >= 50


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


@contextlib.contextmanager
def small_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
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

"""Speed of the commands git runs over and over: `coconstruct diff` and the merge driver.

Run: .venv/bin/python benchmarks/overtime.py [RUNS]
Each command runs in a fresh process (as git runs it), on two versions of the bundled example
(998 lines) in a real repository, interleaved with `python -c "import typer"` so that machine
noise hits them alike. Targets: diff under 0.5 s, the merge driver under 1 s. The ratios say
what the fast reader buys: the same diff reading both versions with the round-trip reader.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "coconstruct" / "examples" / "val-d-orbiere.yaml"
SET = [sys.executable, "-m", "coconstruct", "set"]


def timed(argv: list[str], cwd: Path, before: list[str] | None = None) -> float:
    if before:
        subprocess.run(before, cwd=cwd, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    os.environ.setdefault("GIT_AUTHOR_NAME", "bench")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@example.org")
    os.environ.setdefault("GIT_COMMITTER_NAME", "bench")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.org")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        git(folder, "init", "-q", "-b", "main")
        answers = folder / "atelier.yaml"
        shutil.copy(EXAMPLE, answers)
        git(folder, "add", ".")
        git(folder, "commit", "-qm", "v1")
        subprocess.run(
            [
                *SET,
                "atelier.yaml",
                "needs[N3].priority=4",
                "actions[A3].status=realisee",
                "needs[+].title=Accueillir les saisonniers",
                "needs[+].domain=economique",
            ],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        git(folder, "commit", "-qam", "v2")
        base = folder / "base.yaml"
        ours = folder / "ours.yaml"
        theirs = folder / "theirs.yaml"
        shutil.copy(EXAMPLE, base)
        shutil.copy(EXAMPLE, theirs)
        subprocess.run(
            [*SET, str(theirs), "needs[N1].priority=4", "partners[P2].commitment=co_porteur"],
            check=True,
            capture_output=True,
        )
        pristine_ours = folder / "ours.pristine"
        shutil.copy(answers, pristine_ours)
        cases = {
            "python -c 'import typer'": ([sys.executable, "-c", "import typer"], None),
            "coconstruct diff v1 v2": (
                [
                    sys.executable,
                    "-m",
                    "coconstruct",
                    "diff",
                    "atelier.yaml@HEAD~1",
                    "atelier.yaml@HEAD",
                ],
                None,
            ),
            "coconstruct git merge-driver": (
                [
                    sys.executable,
                    "-m",
                    "coconstruct",
                    "git",
                    "merge-driver",
                    str(base),
                    str(ours),
                    str(theirs),
                    "7",
                    "atelier.yaml",
                ],
                ["cp", str(pristine_ours), str(ours)],
            ),
            "coconstruct git textconv (one version)": (
                [sys.executable, "-m", "coconstruct", "git", "textconv", "atelier.yaml"],
                None,
            ),
            "coconstruct validate (round-trip reader)": (
                [sys.executable, "-m", "coconstruct", "validate", "atelier.yaml"],
                None,
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for argv, before in cases.values():
            timed(argv, folder, before)  # warm the caches (checked questionnaire, .pyc)
        for _ in range(runs):
            for name, (argv, before) in cases.items():
                times[name].append(timed(argv, folder, before))
        python = statistics.median(times["python -c 'import typer'"])
        print(f"{runs} runs each, median (min) in seconds, ratio to importing typer")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<42} {median:6.3f} ({min(values):.3f})   ×{median / python:.1f}")
        diff = statistics.median(times["coconstruct diff v1 v2"])
        merge = statistics.median(times["coconstruct git merge-driver"])
        print(
            f"diff: {diff:.3f} s of 0.5 s ({diff / 0.5:.0%}); "
            f"merge driver: {merge:.3f} s of 1 s ({merge:.0%})"
        )


if __name__ == "__main__":
    main()

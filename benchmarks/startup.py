"""Start-up: `coconstruct --help`, `set`, `validate` and `show` against `python -c "import typer"`.

Run: .venv/bin/python benchmarks/startup.py [RUNS]
Every command runs from a fresh process on a copy of the bundled example, interleaved with
`import typer` so that machine noise hits them alike; each is reported as the ratio of its
fastest run to the fastest `import typer` (the minimum is what the machine can do when nothing
else runs: on a shared machine medians measure the neighbours), in wall time and in CPU time
(user + system of the process: what a busy machine disturbs least, as benchmarks/import.py
reports it). Targets, on both: `--help` at most 2x, one `set` at most 3.5x, `validate` and
`show` at most 0.3 s where `import typer` takes 85 ms (3.5x).

`set` is measured twice: "cold", on a file no `coconstruct` command saved before (the
round-trip YAML reader parses it), and as it runs in a script of `set` calls, each on the file the
one before saved (its document comes back from the cache folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
TARGETS = {
    "coconstruct --help": 2.0,
    "coconstruct set (cold)": None,
    "coconstruct set": 3.5,
    "coconstruct validate": 3.5,
    "coconstruct show": 3.5,
}


def timed(
    argv: list[str], env: dict[str, str], before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    if before is not None:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        example, cold = Path(tmp) / EXAMPLE.name, Path(tmp) / "cold.yaml"
        shutil.copy(EXAMPLE, example)
        env = {**os.environ, "COCONSTRUCT_CACHE_DIR": str(Path(tmp) / "cache"), "COLUMNS": "100"}
        env["LINES"] = "40"
        tool = [sys.executable, "-m", "coconstruct"]
        values = iter(range(10**6))

        def fresh_copy() -> None:  # a new file, that no command saved: no cached document
            text = EXAMPLE.read_text(encoding="utf-8")
            cold.write_text(f"{text}# {next(values)}\n", encoding="utf-8")

        cases: dict[str, tuple[list[str], Callable[[], None] | None]] = {
            "python -c 'import typer'": ([sys.executable, "-c", "import typer"], None),
            "coconstruct --help": ([*tool, "--help"], None),
            "coconstruct set (cold)": ([*tool, "set", str(cold), "population=23400"], fresh_copy),
            "coconstruct set": ([*tool, "set", str(example), "population=23400"], None),
            "coconstruct validate": ([*tool, "validate", str(example)], None),
            "coconstruct show": ([*tool, "show", str(example), "--no-pager"], None),
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for argv, before in cases.values():  # warm the page cache, .pyc files and our cache
            timed(argv, env, before)
        for _ in range(runs):
            for name, (argv, before) in cases.items():
                samples[name].append(timed(argv, env, before))
    typer = samples["python -c 'import typer'"]
    base_wall, base_cpu = min(w for w, _ in typer), min(c for _, c in typer)
    print(f"{'command':<26} {'wall':>8} {'ratio':>6} {'CPU':>8} {'ratio':>6}  target")
    verdicts = []
    for name, found in samples.items():
        wall, cpu = min(w for w, _ in found), min(c for _, c in found)
        ratios = (wall / base_wall, cpu / base_cpu)
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if max(ratios) <= target else "SLOW")
        if target is not None:
            verdicts.append(verdict)
        wanted = f"<= {target}x {verdict}" if target else ""
        print(
            f"{name:<26} {wall * 1000:6.0f}ms {ratios[0]:5.2f}x {cpu * 1000:6.0f}ms"
            f" {ratios[1]:5.2f}x  {wanted}"
        )
    print("\nall within target" if all(v == "ok" for v in verdicts) else "\nsome are SLOW")


if __name__ == "__main__":
    main()

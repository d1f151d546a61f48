"""Start-up time: `coconstruct --help` (and light commands) against `python -c "import typer"`.

Run: .venv/bin/python benchmarks/startup.py [RUNS]
Both are measured in the same run, interleaved, so machine noise hits them alike. Target: the
median of `coconstruct --help` is at most 2x the median of importing typer.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        example = Path(tmp) / EXAMPLE.name
        shutil.copy(EXAMPLE, example)
        cases = {
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "coconstruct --help": [sys.executable, "-m", "coconstruct", "--help"],
            "coconstruct validate EXAMPLE": [
                sys.executable,
                "-m",
                "coconstruct",
                "validate",
                str(example),
            ],
            "coconstruct set EXAMPLE x=…": [
                sys.executable,
                "-m",
                "coconstruct",
                "set",
                str(example),
                "population=23400",
            ],
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for argv in cases.values():  # warm the page cache and .pyc files
            timed(argv)
        for _ in range(runs):
            for name, argv in cases.items():
                samples[name].append(timed(argv))
    base = statistics.median(samples["python -c 'import typer'"])
    print(f"{'command':<32} {'median':>9} {'p90':>9} {'ratio':>7}")
    for name, values in samples.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{name:<32} {median * 1000:7.1f}ms {p90 * 1000:7.1f}ms {median / base:6.2f}x")
    ratio = statistics.median(samples["coconstruct --help"]) / base
    print(
        f"\n--help / import typer = {ratio:.2f}x (target <= 2x): {'ok' if ratio <= 2 else 'SLOW'}"
    )


if __name__ == "__main__":
    main()

"""Import: a needs sheet of N rows into an answers file, as a consultant runs it.

Run: .venv/bin/python benchmarks/import.py [N ...]   (default: 1000 10000 50000)
For each N, writes an XLSX sheet of N needs (title, domain, priority, urgency, description)
with openpyxl, then runs `coconstruct import FILE SHEET --list needs` in a fresh process,
with `--dry-run` and for real, and reports wall time, CPU seconds and the peak memory of the
process. `import` reads, checks and saves once: time grows with the rows, not their square.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOMAINS = ["economique", "social", "environnemental", "societal"]


def sheet(path: Path, count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("needs")
    ws.append(["Intitulé du besoin", "Domaine", "Priorité", "Urgence", "Description"])
    for index in range(1, count + 1):
        ws.append(
            [
                f"Besoin numéro {index}",
                DOMAINS[index % 4],
                index % 5 + 1,
                (index * 3) % 5 + 1,
                f"Ce que l'atelier a dit du besoin {index}.\nSur deux lignes.",
            ]
        )
    workbook.save(path)


def run(argv: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak memory (MB) of one command in its own process."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, done.returncode)\n"
        "sys.stderr.write(done.stderr[-600:] if done.returncode else '')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False
    )
    wall, cpu, peak, rc = done.stdout.split()
    return float(wall), float(cpu), float(peak), rc + done.stderr


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]
    cli = [sys.executable, "-m", "coconstruct"]
    print(f"{'rows':>7} {'mode':<9} {'wall':>9} {'cpu':>9} {'peak':>9} {'rows/s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            table = Path(tmp) / f"needs-{count}.xlsx"
            started = time.perf_counter()
            sheet(table, count)
            made = time.perf_counter() - started
            for mode in ("--dry-run", "saved"):
                target = Path(tmp) / f"t-{count}-{mode.strip('-')}.yaml"
                target.unlink(missing_ok=True)
                subprocess.run(
                    [*cli, "new", str(target), "--lang", "fr"], check=True, capture_output=True
                )
                extra = [mode] if mode.startswith("--") else []
                wall, cpu, peak, rc = run(
                    [*cli, "import", str(target), str(table), "--list", "needs", *extra]
                )
                if rc.split()[0] != "0":
                    print(f"{count:>7} {mode:<9} failed: {rc}")
                    continue
                print(
                    f"{count:>7} {mode:<9} {wall:8.2f}s {cpu:8.2f}s {peak:7.0f}MB"
                    f" {count / wall:9.0f}"
                )
            print(f"{'':>7} (sheet written in {made:.1f}s)")


if __name__ == "__main__":
    main()

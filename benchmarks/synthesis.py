"""Synthesis: a portfolio of answers files into one report and workbook, and the memory it takes.

Run: .venv/bin/python benchmarks/synthesis.py [N]
- generates N realistic answers files (default 500) with `export.make_portfolio`: a portfolio
  made from the bundled example, each territory with its own name, size, figures and list
  lengths, drafts with the later sections not done yet, and here some needs and funders named
  in the territory's own words (so that grouping alike titles has work to do);
- runs `coconstruct synthesis -f md,xlsx` as a user runs it (a fresh process) with `-j 1` and
  with one worker per CPU, reporting files per second, CPU seconds and the peak memory of the
  processes (target: 500 files in under 15 s on 2 cores), and its time against `export` of the
  same files in the same run (a ratio: the machine may be shared);
- runs it again on a fifth of the files, to show that memory does not grow with the portfolio;
- times grouping the needs' titles alone (rapidfuzz), and the whole report with PDF once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from export import _MEASURE, make_portfolio


def run(*arguments: str) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak MB of the largest process, stdout) of one command."""
    command = [sys.executable, "-m", "coconstruct", *arguments]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COCONSTRUCT_LANG": "fr"},
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    cpu, peak = result.stdout.split()[-2:]
    return wall, float(cpu), int(peak) / 1024, result.stdout


def grouping(folder: Path) -> tuple[int, int, float]:
    """(titles, groups, seconds) of grouping every need title of the portfolio."""
    from coconstruct.model.answers_file import AnswersFile
    from coconstruct.synthesis.similar import groups

    titles = [
        str(need["title"])
        for path in sorted(folder.glob("*.yaml"))
        for need in AnswersFile.load(path, comments=False).plain().get("needs", [])
    ]
    started = time.perf_counter()
    found = groups(titles)
    return len(titles), len(found), time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        size = make_portfolio(root / "in", count, reworded=True)
        small = root / "small"
        small.mkdir()
        for path in sorted((root / "in").iterdir())[: count // 5]:
            (small / path.name).write_bytes(path.read_bytes())
        print(f"{count} answers files ({size / count / 1024:.0f} KB on average), {cpus} CPU(s)")
        inputs = str(root / "in")
        runs = [
            ("-j 1", run("synthesis", inputs, "-o", str(root / "one"), "-f", "md,xlsx", "-j", "1")),
            (f"-j {cpus}", run("synthesis", inputs, "-o", str(root / "all"), "-f", "md,xlsx")),
        ]
        for jobs, (wall, cpu, peak, _) in runs:
            print(
                f"  synthesis md+xlsx {jobs:<5} {wall:6.1f} s  {count / wall:6.1f} files/s  "
                f"CPU {cpu:6.1f} s  peak {peak:4.0f} MB"
            )
        export_wall = run("export", inputs, "-o", str(root / "export.xlsx"))[0]
        print(
            f"  export of the same files {export_wall:.1f} s: synthesis takes "
            f"×{runs[1][1][0] / export_wall:.2f} its time"
        )
        small_peak = run("synthesis", str(small), "-o", str(root / "small"), "-f", "md,xlsx")[2]
        print(
            f"  memory: {count // 5} files {small_peak:.0f} MB, {count} files "
            f"{runs[1][1][2]:.0f} MB (the largest process)"
        )
        titles, groups, seconds = grouping(root / "in")
        print(f"  grouping {titles} need titles into {groups} groups: {seconds:.2f} s")
        wall = run("synthesis", inputs, "-o", str(root / "pdf"), "-f", "pdf")[0]
        pages = (root / "pdf" / "synthesis.pdf").stat().st_size / 1024
        print(f"  the PDF alone: {wall:.1f} s ({pages:.0f} KB)")
        print(f"  target: {count} files to md+xlsx in under 15 s on 2 cores")


if __name__ == "__main__":
    main()

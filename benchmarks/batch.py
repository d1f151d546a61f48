"""Batch rendering: documents per second on 1 and on every CPU, against weasyprint alone.

Run: .venv/bin/python benchmarks/batch.py [N] [NOCHANGE_N]
- generates N varied answers files from the bundled example (default 40);
- renders their PDFs with `-j 1`, then with `-j <cpus>` (both `--force`, same run);
- reports documents per second, the scaling ratio and per-core efficiency (targets: >= 1.8x on
  2 CPUs, >= 90 % per core), and the time per document against weasyprint alone laying out the
  same HTML in a warm process;
- renders NOCHANGE_N files (default 500) to Markdown once, then times a re-run where nothing
  changed (target: under 2 s).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
NAMES = [
    "Val d'Orbière",
    "Pays de Lorm",
    "Haute-Vallée du Sorn",
    "Plateau des Brandes",
    "Marches de l'Ardan",
    "Coteaux de la Vive",
    "Bocage des Trois Rus",
    "Causse de Mirande",
]


def make_inputs(folder: Path, count: int, seed: int = 7) -> None:
    """Varied answers files: other names, populations, priorities and amounts."""
    rng = random.Random(seed)
    base = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        name = f"{rng.choice(NAMES)} {index + 1}"
        text = base.replace(
            "Communauté de communes du Val d'Orbière", f"Communauté de communes {name}", 1
        )
        text = text.replace("population: 23", f"population: {rng.randint(5, 90)}", 1)
        lines = []
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if stripped.startswith(("priority:", "urgency:")) and rng.random() < 0.5:
                line = line.split(":")[0] + f": {rng.randint(1, 5)}\n"
            elif stripped.startswith("amount:") and rng.random() < 0.5:
                line = line.split(":")[0] + f": {rng.randint(10, 600) * 1000}\n"
            lines.append(line)
        (folder / f"territoire-{index + 1:03}.yaml").write_text("".join(lines), encoding="utf-8")


def render(inputs: Path, out: Path, *options: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "coconstruct", "render", str(inputs), "-o", str(out), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"render failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def weasyprint_alone(answers: Path, runs: int = 3) -> float:
    """Median seconds for weasyprint to lay out our HTML, in a process already warm."""
    from coconstruct import report
    from coconstruct.report.environment import search_path
    from coconstruct.report.pdf import html_to_pdf

    html = report.render(answers, ["html"]).documents["html"].decode("utf-8")
    roots = tuple(search_path(None))
    html_to_pdf(html, roots)  # warm: imports, fonts
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        html_to_pdf(html, roots)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    nochange = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_inputs(root / "in", count)
        alone = weasyprint_alone(root / "in" / "territoire-001.yaml")
        one = render(root / "in", root / "out1", "-f", "pdf", "-j", "1", "--force")
        many = render(root / "in", root / "outN", "-f", "pdf", "-j", str(cpus), "--force")
        speedup = one / many
        print(f"{count} PDFs, {cpus} CPU(s)")
        print(f"  -j 1      {one:7.1f} s   {count / one:5.2f} docs/s   {one / count:5.2f} s/doc")
        print(f"  -j {cpus:<6} {many:7.1f} s   {count / many:5.2f} docs/s")
        print(
            f"  scaling   {speedup:.2f}x on {cpus} CPUs = {speedup / cpus:.0%} per core "
            "(targets: >= 1.8x on 2 CPUs, >= 90 % per core)"
        )
        print(
            f"  weasyprint alone on the same HTML: {alone:.2f} s/doc; "
            f"coconstruct at -j 1: {one / count:.2f} s/doc = {one / count / alone:.2f}x"
        )

        make_inputs(root / "many", nochange)
        first = render(root / "many", root / "md", "-f", "md")
        reruns = [render(root / "many", root / "md", "-f", "md") for _ in range(3)]
        print(
            f"{nochange} answers files, Markdown: first run {first:.1f} s; "
            f"re-run with nothing changed {statistics.median(reruns):.2f} s (target < 2 s)"
        )


if __name__ == "__main__":
    main()

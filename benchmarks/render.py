"""What a roadmap costs to render: today's templates against the baseline, and one
`coconstruct render` from a fresh process against the `weasyprint` command.

Run: .venv/bin/python benchmarks/render.py [--runs 5] [--lang fr] [--no-fresh] [--constructs]

The baseline (benchmarks/baseline.py) is today's templates with the speed work of issue 16
undone: fonts as base64 WOFF2 data: URLs, `columns: 1` on the contents, `leader()` dots, the
collector running. Both render the same content of today, so the ratio says what the
speed work saves and nothing else. (A frozen copy of the templates of the day the issue was
filed was the yardstick until the report was rewritten for questionnaire v2: it no longer
renders with today's context, and would lay out another content.)

1. weasyprint, warm, one process, on every bundled example (coconstruct/examples/*.yaml): the
   baseline HTML made as before (untagged, the cycle collector running: `baseline.as_before`)
   against the current HTML through `html_to_pdf`, untagged and tagged PDF/UA-1 (what
   coconstruct writes); "templates" is the current HTML made as before, what the templates
   alone save. Runs alternate (baseline, current, tagged, templates, baseline…) so that a
   machine busy with something else slows them all alike; the medians are compared. Each run
   pays for the collection of the garbage it leaves. Page counts are printed: the look must
   not change (benchmarks/same_look.py compares the pages themselves). With --constructs, each
   construct of the baseline alone, against the current templates: what it costs.
2. The stages of the current pipeline in a warm process (a batch worker's second document).
3. Fresh processes, as a user runs one file, for each example: `coconstruct render X.yaml -f
   pdf` against `weasyprint X.html out.pdf` on the very HTML coconstruct lays out, with
   `--pdf-variant pdf/ua-1` (the same output) and without (untagged), then plain `weasyprint` on
   the baseline HTML (the command on the templates before the speed work). Median of alternated
   runs; chart and template caches warm, as on a second render.

CPU time (time.process_time) is what the warm comparison measures, wall time for fresh
processes; both are medians. On a machine shared with other work, seconds move from run to
run: compare the ratios, measured within one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import baseline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "coconstruct" / "examples").glob("*.yaml"))
STAGES = ("load", "analysis", "context", "charts", "md", "html", "pdf-html", "pdf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default=None, help="fr or en (default: each example's own)")
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh-process part")
    parser.add_argument(
        "--constructs", action="store_true", help="also each construct of the baseline alone"
    )
    args = parser.parse_args()

    from coconstruct.report import document, figures
    from coconstruct.report.pdf import html_to_pdf, weasyprint

    folder = tempfile.TemporaryDirectory()
    baseline_templates = baseline.make(Path(folder.name) / "baseline")

    figures.cache_folder = lambda name: None  # type: ignore[assignment]  # draw every time
    weasyprint()
    print(f"weasyprint, warm, CPU seconds, median of {args.runs} alternated runs")
    print(
        f"{'example':<24}{'baseline':>10}{'current':>10}{'ratio':>8}{'tagged':>10}{'ratio':>8}"
        f"{'templates':>11}  pages"
    )
    htmls: dict[Path, tuple[str, str]] = {}
    for example in EXAMPLES:
        old = document.prepare(example, args.lang, baseline_templates)
        new = document.prepare(example, args.lang)
        old_html, new_html = document._pdf_html(old), document._pdf_html(new)
        htmls[example] = (old_html, new_html)
        variants = {
            "baseline": partial(baseline.as_before, old_html, old.roots),
            "current": partial(html_to_pdf, new_html, new.roots, False),
            "tagged": partial(html_to_pdf, new_html, new.roots, True),
            "templates": partial(baseline.as_before, new_html, new.roots),
        }
        med, pages = _alternate(variants, args.runs)
        print(
            f"{example.stem:<24}{med['baseline']:>10.3f}{med['current']:>10.3f}"
            f"{med['current'] / med['baseline']:>8.2f}{med['tagged']:>10.3f}"
            f"{med['tagged'] / med['baseline']:>8.2f}"
            f"{med['templates'] / med['baseline']:>11.2f}"
            f"  {pages['baseline']} → {pages['current']}"
        )
    sys.stdout.flush()

    print(f"\nthe cost of tags: untagged and tagged in pairs, ABBA, {2 * args.runs} pairs")
    print(f"{'example':<24}{'untagged':>10}{'tagged':>10}{'UA cost':>9}")
    for example in EXAMPLES:
        prepared = document.prepare(example, args.lang)
        html = document._pdf_html(prepared)
        untagged, tagged = _pairs(
            partial(html_to_pdf, html, prepared.roots, False),
            partial(html_to_pdf, html, prepared.roots, True),
            2 * args.runs,
        )
        cost = statistics.median(t / u for u, t in zip(untagged, tagged, strict=True)) - 1
        print(
            f"{example.stem:<24}{statistics.median(untagged):>10.3f}"
            f"{statistics.median(tagged):>10.3f}{100 * cost:>+8.1f}%"
        )
    sys.stdout.flush()

    if args.constructs:
        print("\neach construct of the baseline alone, untagged: its time / the current templates'")
        print(f"{'example':<24}" + "".join(f"{name:>10}" for name in baseline.CONSTRUCTS))
        for example in EXAMPLES:
            new = document.prepare(example, args.lang)
            runs = {"current": partial(html_to_pdf, document._pdf_html(new), new.roots, False)}
            for name in baseline.CONSTRUCTS:
                templates = baseline.make(Path(folder.name) / name, [name])
                one = document.prepare(example, args.lang, templates)
                runs[name] = partial(html_to_pdf, document._pdf_html(one), one.roots, False)
            med, _ = _alternate(runs, args.runs)
            print(
                f"{example.stem:<24}"
                + "".join(f"{med[name] / med['current']:>10.2f}" for name in baseline.CONSTRUCTS)
            )
        sys.stdout.flush()

    example = EXAMPLES[0]
    stages: dict[str, list[float]] = {}
    for _ in range(args.runs):
        prepared = document.prepare(example, args.lang)
        for fmt in ("md", "html", "pdf"):
            document.render_format(prepared, fmt)
        for stage in STAGES:
            stages.setdefault(stage, []).append(prepared.result.timings.get(stage, 0.0))
    print(f"\nstages of {example.name}, warm, wall seconds (median of {args.runs}):")
    print("  " + "  ".join(f"{s} {statistics.median(stages[s]):.3f}" for s in STAGES))
    sys.stdout.flush()
    if not args.no_fresh:
        for example in EXAMPLES:
            fresh(example, *htmls[example], args.runs)
            sys.stdout.flush()


def fresh(example: Path, old_html: str, new_html: str, runs: int) -> None:
    """One `coconstruct render` from a fresh process against the `weasyprint` command."""
    coconstruct = Path(sys.executable).with_name("coconstruct")
    command = Path(sys.executable).with_name("weasyprint")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(example, folder / example.name)
        (folder / "current.html").write_text(new_html, encoding="utf-8")
        (folder / "baseline.html").write_text(old_html, encoding="utf-8")
        env = {**os.environ, "COCONSTRUCT_CACHE_DIR": str(folder / "cache")}
        render = [str(coconstruct), "render", example.name, "-f", "pdf", "-o", "out", "--force"]
        pairs = {
            "coconstruct render -f pdf": render,
            "weasyprint --pdf-variant pdf/ua-1 (same HTML)": [
                str(command),
                "--pdf-variant",
                "pdf/ua-1",
                "current.html",
                "w.pdf",
            ],
            "weasyprint, untagged (same HTML)": [str(command), "current.html", "u.pdf"],
            "weasyprint on the baseline HTML (today)": [str(command), "baseline.html", "b.pdf"],
        }
        for argv in pairs.values():  # warm the caches (charts, templates) and the disk
            subprocess.run(argv, cwd=folder, env=env, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in pairs}
        for _ in range(runs):
            for name, argv in pairs.items():
                started = time.perf_counter()
                subprocess.run(argv, cwd=folder, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - started)
    med = {name: statistics.median(values) for name, values in times.items()}
    ours = med["coconstruct render -f pdf"]
    print(f"\nfresh processes, {example.name}, wall seconds, median of {runs} alternated runs:")
    for name, value in med.items():
        print(f"  {name:<48}{value:>7.3f}  (render / this: {ours / value:.2f})")


def _alternate(
    variants: dict[str, Callable[[], bytes]], runs: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Median CPU seconds of each variant over alternated runs, and its page count.

    Each run pays for the collection of the garbage it leaves (weasyprint's boxes and styles,
    hundreds of thousands of objects in cycles), not the run after it.
    """
    pages = {name: _pages(run()) for name, run in variants.items()}  # also warms up
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, run in variants.items():
            gc.collect()
            started = time.process_time()
            run()
            gc.collect()
            times[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in times.items()}, pages


def _pairs(
    first: Callable[[], bytes], second: Callable[[], bytes], runs: int
) -> tuple[list[float], list[float]]:
    """CPU seconds of `first` and `second` in pairs, in turn first-second and second-first
    (ABBA), so that what a run leaves behind for the next one (memory, caches) weighs on both.
    """
    first(), second()  # warm up
    times: tuple[list[float], list[float]] = ([], [])
    for run in range(runs):
        for index in (0, 1) if run % 2 == 0 else (1, 0):
            gc.collect()
            started = time.process_time()
            (first, second)[index]()
            gc.collect()
            times[index].append(time.process_time() - started)
    return times


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


if __name__ == "__main__":
    main()

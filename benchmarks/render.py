"""Rendering time of the example roadmap, stage by stage, against weasyprint alone.

Run: .venv/bin/python benchmarks/render.py [RUNS] [--lang en]

"cold" is the first document of a process (imports, questionnaire, Jinja compilation included);
"warm" is the best of RUNS more documents in the same process (a batch worker). "weasyprint
alone" lays out and writes the very HTML we gave it, with the same URL fetcher: the floor no
template engine can go under. The last line compares fresh processes, as a single
`coconstruct render` runs: rendering to PDF against importing weasyprint and converting the same
HTML. Targets: overhead (everything but weasyprint) under 15 % of the PDF time; Markdown and HTML
alone well under a second.

`--charts path` draws chart text as glyph outlines (svg.fonttype "path") instead of text, to
compare what weasyprint makes of each.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
STAGES = ("load", "analysis", "context", "charts", "md", "html", "pdf-html", "pdf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=3)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--charts", choices=("text", "path"), default="text")
    args = parser.parse_args()

    started = time.perf_counter()
    from coconstruct.report import document, figures
    from coconstruct.report.pdf import html_to_pdf

    # In a batch every document has its own numbers: draw the charts every time.
    figures.cache_folder = lambda name: None  # type: ignore[assignment]

    if args.charts == "path":
        from coconstruct.report import charts

        charts._matplotlib()
        import matplotlib

        matplotlib.rcParams["svg.fonttype"] = "path"
    imports = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / EXAMPLE.name
        shutil.copy(EXAMPLE, answers)

        def one() -> tuple[dict[str, float], float, document.Prepared]:
            begin = time.perf_counter()
            prepared = document.prepare(answers, args.lang)
            for fmt in ("md", "html", "pdf"):
                document.render_format(prepared, fmt)
            return dict(prepared.result.timings), time.perf_counter() - begin, prepared

        cold, cold_total, prepared = one()
        warm_runs = [one() for _ in range(args.runs)]
        warm = {s: min(run[0].get(s, 0.0) for run in warm_runs) for s in STAGES}
        warm_total = min(run[1] for run in warm_runs)
        html = prepared.pdf_html or ""  # what weasyprint is given
        alone = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            pdf = html_to_pdf(html, prepared.roots)
            alone.append(time.perf_counter() - begin)
        floor = min(alone)

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    text_only = sum(warm[s] for s in STAGES if s not in ("pdf", "pdf-html"))
    print(
        f"Example roadmap: {EXAMPLE.name}, {pages} pages, {len(html) // 1024} KB of HTML, "
        f"charts as {args.charts}; best of {args.runs} warm runs"
    )
    print(f"{'stage':<22}{'cold':>8}{'warm':>8}")
    print(f"{'imports':<22}{imports:>8.3f}{'':>8}")
    for stage in STAGES:
        label = "pdf (weasyprint)" if stage == "pdf" else stage
        print(f"{label:<22}{cold.get(stage, 0):>8.3f}{warm[stage]:>8.3f}")
    print(f"{'total':<22}{cold_total + imports:>8.3f}{warm_total:>8.3f}")
    cold_text = imports + sum(cold.get(s, 0) for s in STAGES if s not in ("pdf", "pdf-html"))
    print(
        f"Markdown and HTML alone (warm): {text_only:.3f} s (cold, with imports: {cold_text:.3f} s)"
    )
    print(f"weasyprint alone on the same HTML (warm): {floor:.3f} s")
    ours = sum(warm[s] for s in STAGES if s != "pdf")  # everything but weasyprint's own work
    print(
        f"our overhead (warm, all stages but weasyprint): {ours:.3f} s = "
        f"{100 * ours / warm['pdf']:.1f} % of the PDF time ({warm['pdf']:.3f} s)"
    )
    sys.stdout.flush()

    # A single `coconstruct render`: a fresh process each, weasyprint's own start-up included.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(EXAMPLE, folder / EXAMPLE.name)
        (folder / "page.html").write_text(html, encoding="utf-8")
        cache = folder / "cache"

        def fresh(code: str, formats: str, keep_cache: bool) -> float:
            best = float("inf")
            for _ in range(args.runs):
                if not keep_cache:
                    shutil.rmtree(cache, ignore_errors=True)
                best = min(best, _fresh(code.format(formats=formats), folder, cache))
            return best

        theirs = fresh(WEASYPRINT_ALONE, "", True)
        first = fresh(RENDER, "pdf", False)
        again = fresh(RENDER, "pdf", True)
        text_first = fresh(RENDER, "md,html", False)
        text_again = fresh(RENDER, "md,html", True)
    print("fresh processes (one `coconstruct render`, interpreter start-up included):")
    print(f"  weasyprint alone, import + the same HTML:   {theirs:.3f} s")
    for label, secs in (
        ("render to PDF, caches empty", first),
        ("render to PDF, caches warm", again),
    ):
        print(
            f"  {label + ':':<43}{secs:.3f} s  (overhead {secs - theirs:+.3f} s = "
            f"{100 * (secs - theirs) / theirs:.1f} %)"
        )
    print(f"  Markdown + HTML, caches empty:              {text_first:.3f} s")
    print(f"  Markdown + HTML, caches warm:               {text_again:.3f} s")


RENDER = """
from pathlib import Path
from coconstruct.report import render
render(Path("val-d-orbiere.yaml"), "{formats}".split(","))
"""
WEASYPRINT_ALONE = """
from pathlib import Path
from coconstruct.report.environment import builtin_templates
from coconstruct.report.pdf import html_to_pdf
html_to_pdf(Path("page.html").read_text(encoding="utf-8"), [builtin_templates()])
"""


def _fresh(code: str, folder: Path, cache: Path) -> float:
    import os
    import subprocess

    env = {**os.environ, "COCONSTRUCT_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

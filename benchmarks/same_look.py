"""Do the faster templates give the same pages? Baseline against current, page image by page image.

Run: .venv/bin/python benchmarks/same_look.py [--lang fr|en] [--dpi 60] [--out DIR]

Renders every bundled example (coconstruct/examples/*.yaml) to PDF twice, with the baseline
templates (benchmarks/baseline.py: today's templates with the speed work undone) and with the
current ones, turns every page into an image (pdftoppm, from poppler-utils) and compares them
pixel by pixel. Both images are blurred by one pixel (a glyph moved by a fraction of a pixel is
the same page), then a pixel differs when it moves by more than 40 grey levels out of 255; a page
differs when more than 0.2 % of its pixels do. For each page that differs, DIR gets
`EXAMPLE-LANG-pNN.png`: baseline | current | the differing pixels in red, to look at.

The page count must be the same; pages may differ where the current templates add something on
purpose (the chart data annex, visible focus, darker text for contrast): look at each one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import baseline

ROOT = Path(__file__).resolve().parent.parent
PIXEL = 40
PAGE = 0.002


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", action="append", choices=("fr", "en"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--out", type=Path, default=Path("same-look"))
    args = parser.parse_args()
    if not shutil.which("pdftoppm"):
        print("same_look.py needs pdftoppm: apt-get install poppler-utils", file=sys.stderr)
        return 1
    from coconstruct.report import document

    args.out.mkdir(parents=True, exist_ok=True)
    folder = tempfile.TemporaryDirectory()
    baseline_templates = baseline.make(Path(folder.name) / "baseline")
    worst = 0
    for example in sorted((ROOT / "coconstruct" / "examples").glob("*.yaml")):
        for lang in args.lang or ["fr", "en"]:
            pdfs = {}
            for label, templates in (("baseline", baseline_templates), ("current", None)):
                prepared = document.prepare(example, lang, templates)
                pdfs[label] = document.render_format(prepared, "pdf")
            differing = compare(pdfs, args.dpi, args.out / f"{example.stem}-{lang}")
            worst = max(worst, differing)
    return 0 if worst >= 0 else 1


def compare(pdfs: dict[str, bytes], dpi: int, stem: Path) -> int:
    """Print one line per page that differs; return how many do (-1: page counts differ)."""
    from PIL import Image, ImageChops, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        pages: dict[str, list[Path]] = {}
        for label, content in pdfs.items():
            path = Path(tmp) / f"{label}.pdf"
            path.write_bytes(content)
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), path, Path(tmp) / label], check=True
            )
            pages[label] = sorted(Path(tmp).glob(f"{label}-*.png"))
        before, after = pages["baseline"], pages["current"]
        print(f"{stem.name}: {len(before)} pages before, {len(after)} now")
        if len(before) != len(after):
            print("  page count changed")
        differing = 0
        for number, (old, new) in enumerate(zip(before, after, strict=False), 1):
            a, b = Image.open(old).convert("RGB"), Image.open(new).convert("RGB")
            if a.size != b.size:
                print(f"  page {number}: size {a.size} → {b.size}")
                differing += 1
                continue
            # a glyph moved by a fraction of a pixel is the same page: compare slightly blurred
            soft_a, soft_b = (i.filter(ImageFilter.GaussianBlur(1)) for i in (a, b))
            delta = ImageChops.difference(soft_a, soft_b).convert("L")
            delta = delta.point(lambda v: 255 if v > PIXEL else 0)
            changed = sum(delta.histogram()[255:]) / (a.width * a.height)
            if changed > PAGE:
                differing += 1
                sheet = Image.new("RGB", (a.width * 3, a.height), "white")
                sheet.paste(a, (0, 0))
                sheet.paste(b, (a.width, 0))
                red = Image.new("RGB", a.size, (220, 0, 0))
                sheet.paste(
                    Image.composite(red, b.convert("L").convert("RGB"), delta), (2 * a.width, 0)
                )
                target = stem.parent / f"{stem.name}-p{number:02d}.png"
                sheet.save(target)
                print(f"  page {number}: {100 * changed:.2f} % of pixels differ → {target}")
        if not differing:
            print("  every page the same")
        return differing if len(before) == len(after) else -1


if __name__ == "__main__":
    sys.exit(main())

"""Does a change of code keep the documents? Render before, render after, compare.

Run:
    .venv/bin/python tools/same_documents.py snapshot DIR    # before the change (or on a checkout)
    .venv/bin/python tools/same_documents.py snapshot DIR2   # after it
    .venv/bin/python tools/same_documents.py compare DIR DIR2

`snapshot` renders the bundled examples and the partial fixtures of tests/data, in French and in
English, as Markdown, HTML and PDF and as a synthesis of all of them, through the command line
only (so it works on any version of the code). `compare` says, file by file, whether the
Markdown and HTML are the same byte for byte (else the first lines that differ), and whether the
PDFs have the same pages: the same text page by page (pypdf) and the same look (pdftoppm, each
page blurred by a pixel, a page differs when more than 0.2 % of its pixels move by more than 40
grey levels). Exit 0 when everything is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [*sorted((ROOT / "coconstruct" / "examples").glob("*.yaml"))]
INPUTS += [
    ROOT / "tests" / "data" / name
    for name in ("quatre-vallees.yaml", "v1-made-by-run.yaml", "commented.yaml")
]
PIXEL, PAGE = 40, 0.002


def snapshot(out: Path) -> None:
    coconstruct = shutil.which("coconstruct", path=str(ROOT / ".venv" / "bin"))
    env = {**os.environ, "NO_COLOR": "1", "COCONSTRUCT_LANG": "en"}
    for lang in ("fr", "en"):
        inputs = [str(p) for p in INPUTS if p.exists()]
        folder = out / lang
        render = ["render", *inputs, "-f", "md,html,pdf", "-o", folder, "--lang", lang]
        subprocess.run(
            [coconstruct, *render, "--force"], check=False, env=env, stdout=subprocess.DEVNULL
        )
        synthesis = out / f"synthesis-{lang}"
        together = ["synthesis", *inputs, "-o", synthesis, "--lang", lang, "-f", "md,html,pdf"]
        subprocess.run([coconstruct, *together], check=False, env=env, stdout=subprocess.DEVNULL)
    print(f"{out}: {sum(1 for p in out.rglob('*') if p.is_file())} files")


def compare(old: Path, new: Path) -> int:
    def files(folder: Path) -> set[Path]:  # not the batch's manifest: it hashes the code
        return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()} - {
            Path(lang) / ".coconstruct-manifest.json" for lang in ("fr", "en")
        }

    names = sorted(files(old) | files(new))
    differing = 0
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'new' if b.exists() else 'old'}")
            differing += 1
        elif a.read_bytes() == b.read_bytes():
            continue
        elif name.suffix == ".pdf":
            differing += _pdf(name, a, b)
        elif name.suffix in (".md", ".html", ".svg", ".txt", ".csv"):
            differing += 1
            lines = difflib.unified_diff(
                a.read_text().splitlines(), b.read_text().splitlines(), lineterm="", n=0
            )
            print(f"{name}: differs")
            for line in list(lines)[2:14]:
                print("   ", line[:160])
        elif name.suffix not in (".xlsx",):  # workbooks carry their creation time
            differing += 1
            print(f"{name}: differs")
    print("every document the same" if not differing else f"{differing} documents differ")
    return 1 if differing else 0


def _pdf(name: Path, a: Path, b: Path) -> int:
    from pypdf import PdfReader

    texts = [[page.extract_text() for page in PdfReader(p).pages] for p in (a, b)]
    if texts[0] != texts[1]:
        print(f"{name}: text differs ({len(texts[0])} pages before, {len(texts[1])} now)")
        for number, (x, y) in enumerate(zip(*texts, strict=False), 1):
            if x != y:
                diff = difflib.unified_diff(x.splitlines(), y.splitlines(), lineterm="", n=0)
                print(f"    page {number}:", " | ".join(list(diff)[2:6])[:300])
                break
        return 1
    if not shutil.which("pdftoppm"):
        return 0
    from PIL import Image, ImageChops, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for label, path in (("a", a), ("b", b)):
            subprocess.run(["pdftoppm", "-png", "-r", "50", path, f"{tmp}/{label}"], check=True)
            pages.append(sorted(Path(tmp).glob(f"{label}-*.png")))
        for number, (x, y) in enumerate(zip(*pages, strict=True), 1):
            one, two = (
                Image.open(p).convert("RGB").filter(ImageFilter.GaussianBlur(1)) for p in (x, y)
            )
            if one.size != two.size:
                print(f"{name}: page {number} changed size")
                return 1
            delta = (
                ImageChops.difference(one, two)
                .convert("L")
                .point(lambda v: 255 if v > PIXEL else 0)
            )
            if sum(delta.histogram()[255:]) / (one.width * one.height) > PAGE:
                print(f"{name}: page {number} looks different")
                return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("snapshot").add_argument("out", type=Path)
    both = verbs.add_parser("compare")
    both.add_argument("old", type=Path)
    both.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.verb == "snapshot":
        snapshot(args.out)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())

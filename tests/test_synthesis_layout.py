"""The synthesis' PDF as pages (issue 25): thirty territories, their funding mixes drawn over
several pages, read back by ink (what is drawn where) and text (which section starts where)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, render_once, run_main
from test_cli_synthesis import territory

pytestmark = pytest.mark.slow

SAINT_IVY = EXAMPLE.parent / "saint-ivy-kermorvan.yaml"
HEIGHT, TOP, BOTTOM = 210, 16, 15  # A4 landscape and its margins, in mm (synthesis.html.j2)


@pytest.fixture(scope="module")
def synthesis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty territories (copies of both examples under their own names) as PDF and Markdown."""

    def make(folder: Path) -> dict[str, Any]:
        answers = folder / "answers"
        answers.mkdir()
        for n in range(30):
            source = SAINT_IVY if n % 5 == 4 else EXAMPLE
            territory(answers, f"t{n:02}", f"Communauté de communes numéro {n + 1}", source)
        result = run_main(
            "synthesis", answers, "-o", folder / "out", "-f", "md,pdf", "--lang", "fr"
        )
        assert result.code == 0, result.err
        return {}

    folder, _ = render_once(tmp_path_factory, "synthesis-layout", make)
    return folder / "out"


def fullness(path: Path) -> list[float]:
    """How far down each page's body something is drawn, as a share of the body's height."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (apt-get install poppler-utils)")
    from PIL import Image

    out = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", "24", str(path), f"{folder}/p"], check=True)
        for image in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem[2:])):
            picture = Image.open(image)
            width, height = picture.size
            pixels = picture.load()
            per_mm = height / HEIGHT
            body = range(int(TOP * per_mm), int((HEIGHT - BOTTOM) * per_mm))
            drawn = [y for y in body if any(pixels[x, y] < 200 for x in range(width))]  # type: ignore[index]
            out.append((max(drawn, default=body.start) - body.start) / len(body))
    return out


def starts(out: Path) -> list[set[str]]:
    """The sections each page starts: its title in the running head and as the page's heading."""
    from pypdf import PdfReader

    md = (out / "synthesis.md").read_text(encoding="utf-8")
    titles = re.findall(r"^## \d\d · (.+)$", md, re.M)
    assert len(titles) == 7
    pages = [
        (p.extract_text() or "").replace("\u00a0", " ")
        for p in PdfReader(out / "synthesis.pdf").pages
    ]
    return [{t for t in titles if page.count(t) >= 2} for page in pages]


def test_no_page_is_left_nearly_empty(synthesis: Path) -> None:
    """A page a third full or less holds a short section whole (it starts one, and the next
    page starts the next); never a section's title alone before its chart, nor the last lines
    of a section before a page break."""
    full, begun = fullness(synthesis / "synthesis.pdf"), starts(synthesis)
    assert len(full) == len(begun)
    for index in range(1, len(full) - 1):  # the cover and the last page aside
        if full[index] <= 1 / 3:
            assert begun[index] and begun[index + 1], (
                f"page {index + 1} of {len(full)} is {full[index]:.0%} full"
            )


def test_the_funding_mixes_start_under_their_title(synthesis: Path) -> None:
    """Thirty mixes take more than a page: the first rows go under the section's title, the
    others follow on the next pages, between rows."""
    full, begun = fullness(synthesis / "synthesis.pdf"), starts(synthesis)
    (page,) = [
        i for i, titles in enumerate(begun) if "Les mix de financement côte à côte" in titles
    ]
    assert full[page] > 2 / 3
    assert not begun[page + 1]


def test_no_table_header_runs_into_the_next(synthesis: Path) -> None:
    """Headers in capitals over narrow columns wrap between words: pdftotext reads two words
    drawn into each other as one (« PUBLICSFINANCEMENTS » in the annex, before)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (apt-get install poppler-utils)")
    md = (synthesis / "synthesis.md").read_text(encoding="utf-8")
    heads = {
        word.upper()
        for line in re.findall(r"^\|(.+)\|\n\|[-:|]+\|$", md, re.M)
        for word in re.findall(r"\w+", line)
    }
    assert {"FINANCEMENTS", "PUBLICS", "PRIVÉS"} <= heads
    drawn = subprocess.run(
        ["pdftotext", str(synthesis / "synthesis.pdf"), "-"], capture_output=True, text=True
    ).stdout
    glued = [
        word
        for word in set(re.findall(r"\w+", drawn))
        if word.isupper()
        and word not in heads
        and any(word[:i] in heads and word[i:] in heads for i in range(2, len(word) - 1))
    ]
    assert glued == []

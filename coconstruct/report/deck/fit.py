"""Text measured before it is placed, so that it never runs out of its frame.

PowerPoint and Impress do not shrink a text box's text once it is written (and each shrinks its
own way when asked to), so the deck chooses each frame's font size itself: the largest size at
which the text, wrapped word by word, fits the frame's height. Words are measured with the
widest of the fonts the deck may be shown in: the reference deck's own fonts when they are
installed, Inter (which coconstruct ships) and DejaVu Sans (matplotlib's, wider than most), so
that a font substituted on another computer takes no more room than was measured.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LINE = 1.2  # a line's height, in font sizes: what PowerPoint and Impress give a single line
SLACK = 1.06  # kerning, hinting and a substituted font's wider letters


@dataclass(frozen=True)
class Run:
    """Text of one paragraph at `scale` times the frame's size, bold or not."""

    text: str
    bold: bool = False
    scale: float = 1.0


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    after: float = 0.0  # space after, in the frame's font sizes


def para(text: str, bold: bool = False, scale: float = 1.0, after: float = 0.0) -> Para:
    return Para((Run(text, bold, scale),), after)


class Measure:
    """Widths of words in points, in the widest of several fonts."""

    def __init__(self, families: Sequence[str] = ()) -> None:
        self.fonts = _fonts(tuple(families))

    def width(self, word: str, size: float, bold: bool = False) -> float:
        return max(_width(font, word) for font in self.fonts[bold]) * size / 100 * SLACK

    def lines(self, paragraph: Para, width: float, size: float) -> list[float]:
        """The height of each line of `paragraph` wrapped to `width` points at `size`."""
        heights: list[float] = []
        used, tallest = 0.0, 0.0
        space_seen = False
        for run in paragraph.runs:
            run_size = size * run.scale
            space = self.width(" ", run_size, run.bold)
            for index, word in enumerate(run.text.split(" ")):
                if index:
                    space_seen = True
                if not word:
                    continue
                wide = self.width(word, run_size, run.bold)
                gap = space if (space_seen and used) else 0.0
                space_seen = False
                if used and used + gap + wide > width:
                    heights.append(tallest)
                    used, tallest = 0.0, 0.0
                    gap = 0.0
                if wide > width:  # a word longer than the line is broken where it ends
                    whole = math.ceil(wide / width)
                    heights += [run_size * LINE] * (whole - 1)
                    wide -= width * (whole - 1)
                used += gap + wide
                tallest = max(tallest, run_size * LINE)
            if run.text.endswith(" "):
                space_seen = True
        heights.append(tallest or size * paragraph.runs[0].scale * LINE if paragraph.runs else 0)
        return heights

    def height(self, paragraphs: Sequence[Para], width: float, size: float) -> float:
        """The height `paragraphs` take at `size` in a frame `width` points wide."""
        total = 0.0
        for index, paragraph in enumerate(paragraphs):
            total += sum(self.lines(paragraph, width, size))
            if index < len(paragraphs) - 1:
                total += paragraph.after * size
        return total

    def size(
        self,
        paragraphs: Sequence[Para],
        width: float,
        height: float,
        largest: float,
        smallest: float,
    ) -> float | None:
        """The largest size, by half points, at which `paragraphs` fit; None when even
        `smallest` does not."""
        size = largest
        while size >= smallest:
            if self.height(paragraphs, width, size) <= height:
                return size
            size -= 0.5
        return None


def halves(largest: float, smallest: float) -> list[float]:
    out, size = [], largest
    while size >= smallest:
        out.append(size)
        size -= 0.5
    return out


def cut(text: str) -> str:
    """A text a few words shorter, ending with « … »."""
    words = text.rstrip("…").split()
    if len(text) <= 2:
        return text
    keep = max(1, len(words) - max(1, len(words) // 8))
    if keep == len(words):
        return text[: max(1, len(text) * 7 // 8)].rstrip() + "…"
    return " ".join(words[:keep]).rstrip(",;:") + "…"


def shortened(paragraphs: list[Para]) -> list[Para]:
    """The paragraphs with the longest run cut (its whole text is in the slide's notes)."""
    spot = max(
        ((p, r) for p, paragraph in enumerate(paragraphs) for r in range(len(paragraph.runs))),
        key=lambda at: len(paragraphs[at[0]].runs[at[1]].text),
    )
    p, r = spot
    runs = list(paragraphs[p].runs)
    runs[r] = Run(cut(runs[r].text), runs[r].bold, runs[r].scale)
    out = list(paragraphs)
    out[p] = Para(tuple(runs), paragraphs[p].after)
    return out


@cache
def _fonts(families: tuple[str, ...]) -> dict[bool, tuple[Any, ...]]:
    """The fonts to measure with, regular and bold: those of `families` found on this computer,
    Inter and DejaVu Sans."""
    from matplotlib import font_manager, get_data_path
    from matplotlib.ft2font import FT2Font

    from coconstruct.report.environment import builtin_templates

    fonts = builtin_templates() / "fonts"
    dejavu = Path(get_data_path()) / "fonts" / "ttf"
    paths = {
        False: [fonts / "inter-latin-400-normal.ttf", dejavu / "DejaVuSans.ttf"],
        True: [fonts / "inter-latin-700-normal.ttf", dejavu / "DejaVuSans-Bold.ttf"],
    }
    for family in families:
        for bold in (False, True):
            properties = font_manager.FontProperties(
                family=family, weight="bold" if bold else "normal"
            )
            try:
                found = font_manager.findfont(properties, fallback_to_default=False)
            except ValueError:
                continue
            paths[bold].append(Path(found))
    return {
        bold: tuple(FT2Font(str(path)) for path in dict.fromkeys(found) if path.is_file())
        for bold, found in paths.items()
    }


@cache
def _width(font: Any, word: str) -> float:
    """A word's advance width at 100 points."""
    font.set_size(100, 72)
    with warnings.catch_warnings():  # a glyph the font lacks: the other font measures it
        warnings.simplefilter("ignore")
        font.set_text(word, 0.0)
    width: float = font.get_width_height()[0] / 64
    return width

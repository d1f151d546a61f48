"""Text measured before it is placed, so that it never runs out of its frame.

PowerPoint and Impress do not shrink a text box's text once it is written (and each shrinks its
own way when asked to), so the deck chooses each frame's font size itself: the largest size at
which the text, wrapped word by word, fits the frame's height. Words are measured in the wider
of Inter (the reference deck's text font, shipped with coconstruct) and DejaVu Sans (matplotlib's,
wider than most fonts, and what LibreOffice draws with where Inter is missing), with 6 % to
spare, so that the font a computer substitutes takes no more room than was measured.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LINE = 1.2  # a line's height, in font sizes: what PowerPoint and Impress give a single line
SLACK = 1.06  # kerning, hinting and a substituted font's wider letters
MISSING = 100.0  # a letter neither font has, at 100 points: as wide as a capital M, to be safe


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
    """Widths of words in points, in the wider of Inter and DejaVu Sans."""

    def __init__(self) -> None:
        self.fonts = _fonts()

    def width(self, word: str, size: float, bold: bool = False) -> float:
        return _words(self.fonts[bold], word) * size / 100 * SLACK

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
def _fonts() -> dict[bool, tuple[Any, ...]]:
    """The fonts to measure with, regular and bold: Inter and DejaVu Sans."""
    from matplotlib import get_data_path
    from matplotlib.ft2font import FT2Font

    from coconstruct.report.environment import builtin_templates

    fonts = builtin_templates() / "fonts"
    dejavu = Path(get_data_path()) / "fonts" / "ttf"
    paths = {
        False: (fonts / "inter-latin-400-normal.ttf", dejavu / "DejaVuSans.ttf"),
        True: (fonts / "inter-latin-700-normal.ttf", dejavu / "DejaVuSans-Bold.ttf"),
    }
    return {
        bold: tuple(_sized(FT2Font(str(path))) for path in found if path.is_file())
        for bold, found in paths.items()
    }


def _sized(font: Any) -> Any:
    font.set_size(100, 72)
    return font


@cache
def _words(fonts: tuple[Any, ...], word: str) -> float:
    return _width(fonts, word)


def _width(fonts: tuple[Any, ...], word: str) -> float:
    """A word's advance width at 100 points, each letter as wide as the widest font that has
    it draws it."""
    total = 0.0
    for letter in word:
        known = [a for font in fonts if (a := _advance(font, letter)) is not None]
        total += max(known) if known else MISSING
    return total


@cache
def _advance(font: Any, letter: str) -> float | None:
    """A letter's advance at 100 points (kerning left to SLACK); None when the font lacks it."""
    from matplotlib import ft2font

    if not font.get_char_index(ord(letter)):
        return None
    flags = getattr(ft2font, "LoadFlags", None)
    hinting = flags.NO_HINTING if flags is not None else ft2font.LOAD_NO_HINTING  # type: ignore[attr-defined]
    advance: float = font.load_char(ord(letter), flags=hinting).linearHoriAdvance / 65536
    return advance

"""A table laid out for a terminal of a given width: what the interview's screens and `show` share.

- Columns are as wide as their content, never wider; when the table is too wide, the widest
  columns give way first, the title column (a name, a question) keeps twice the share of the
  others, and no column gets narrower than its longest word (up to `WORD`) while the table can
  drop a column instead.
- A column with nothing in it (every cell empty or « — ») is dropped: it says nothing and takes
  room.
- Text wraps at spaces, never before French punctuation (« : », « ? », « » ») or after « « »;
  a word longer than its column is cut. Where text is left out (too many lines, a header longer
  than its column) an ellipsis says so.

Pure functions over strings: no terminal here, widths are counted in terminal cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

ELLIPSIS = "…"
_SPACES = re.compile(r"[ \t\n\r]+")
#: what clings to the word before it: French high punctuation, a closing quote, a unit sign
_CLINGS = re.compile(r"[:;!?»%€]\W*")
EMPTY = ("", "—")
GAP = 2  # spaces between two columns
WORD = 16  # a column may shrink below its longest word only past this width
HEADER = 12  # a column title's longest word is kept whole up to this many cells
HEADER_LINES = 3  # a column title wraps at words on this many lines at most
HEADER_ROOM = 20  # a column is widened for its title on two lines up to this many cells


@dataclass(frozen=True)
class Layout:
    """Which columns are shown (indices into the table's columns) and how wide each one is."""

    kept: tuple[int, ...]
    widths: tuple[int, ...]

    @property
    def width(self) -> int:
        return sum(self.widths) + GAP * max(len(self.widths) - 1, 0)


def fit(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    title: int | None = 1,
    keep: int = 2,
    tall: float | None = None,
    gap: int = GAP,
    drop: Sequence[int] = (),
) -> Layout:
    """The columns to show and their widths, for a table at most `width` cells wide.

    `title` is the column that gets the room (twice the share of the others); the first `keep`
    columns are always shown, the others may be dropped, from the right, when they cannot fit.
    With `tall`, columns are also dropped, from the right, while the rows would take more than
    `tall` lines each on average: a list to scroll through reads better in fewer, fuller columns.
    `gap`: the cells between two columns (a rich table with a box puts 3). `drop`: the order in
    which columns give way (the others after them, from the right).
    """
    count = len(columns)
    kept = [
        i
        for i in range(count)
        if i < keep or any(i < len(row) and row[i].strip() not in EMPTY for row in rows)
    ]
    while True:
        layout = _fit(columns, rows, width, title, keep, kept, gap, drop)
        if tall is None or len(layout.kept) <= keep or not rows:
            return layout
        lines = sum(len(row_lines(row, layout)) for row in rows)
        if lines <= tall * len(rows):
            return layout
        kept = list(layout.kept)
        kept.remove(_first_to_go(kept, keep, drop))


def _fit(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    title: int | None,
    keep: int,
    kept: list[int],
    gap: int,
    drop: Sequence[int] = (),
) -> Layout:
    kept = list(kept)
    cells = {i: [_cell(row, i) for row in rows] for i in kept}
    content = {i: _natural("", cells[i]) for i in kept}
    # a column title longer than the column's content is the first thing to give way: it
    # wraps at its words (two lines at most) before any answer has to
    word = {i: max((cell_len(w) for w in _words(columns[i])), default=0) for i in kept}
    # a column is as wide as its title on two lines (« Porteurs de / l’action »), up to a point
    headed = {i: max(content[i], min(_two_lines(columns[i]), HEADER_ROOM)) for i in kept}
    full = {i: max(content[i], cell_len(columns[i])) for i in kept}
    floor = {
        i: max(_floor(headed[i], cells[i], i == 0), min(word[i], HEADER, headed[i])) for i in kept
    }

    def room(indices: list[int]) -> int:
        return width - gap * max(len(indices) - 1, 0)

    while sum(floor[i] for i in kept) > room(kept) and len(kept) > keep:
        # the last columns are the least important (a list's fields in order), unless told
        kept.remove(_first_to_go(kept, keep, drop))
    available = room(kept)
    if sum(full[i] for i in kept) <= available:
        return Layout(tuple(kept), tuple(full[i] for i in kept))
    if sum(headed[i] for i in kept) <= available:
        chosen = dict(headed)
        _share(chosen, full, kept, available - sum(headed[i] for i in kept), kept)
        return Layout(tuple(kept), tuple(chosen[i] for i in kept))

    weight = {i: 2 if i == title else 1 for i in kept}

    def widths(cap: int) -> dict[int, int]:
        return {i: max(floor[i], min(headed[i], weight[i] * cap)) for i in kept}

    low, high = 0, max(headed.values())
    while low < high:  # the largest share that fits
        middle = (low + high + 1) // 2
        if sum(widths(middle).values()) <= available:
            low = middle
        else:
            high = middle - 1
    chosen = widths(low)
    spare = available - sum(chosen.values())
    # what is left goes to the columns still wrapped, the title first
    spare = _share(chosen, headed, kept, spare, sorted(kept, key=lambda i: (i != title, i)))
    while spare < 0:  # even the floors do not fit: the widest column gives way, words are cut
        widest = max(kept, key=lambda i: (chosen[i], i == title))
        if chosen[widest] <= 1:
            break
        chosen[widest] -= 1
        spare += 1
    return Layout(tuple(kept), tuple(chosen[i] for i in kept))


def _two_lines(title: str) -> int:
    """The narrowest width that holds `title` on two lines, broken at words."""
    words = _words(title)
    if not words:
        return 0
    width = max(cell_len(w) for w in words)
    while len(_wrap_paragraph(" ".join(words), width)) > 2:
        width += 1
    return width


def _first_to_go(kept: list[int], keep: int, drop: Sequence[int]) -> int:
    """The column to give way next: the first of `drop` still shown, else the last one."""
    return next((i for i in drop if i in kept and i >= keep), kept[-1])


def _share(
    chosen: dict[int, int], up_to: dict[int, int], kept: list[int], spare: int, order: list[int]
) -> int:
    """Give `spare` cells, one at a time in `order`, to the columns narrower than `up_to`."""
    while spare > 0 and any(chosen[i] < up_to[i] for i in kept):
        for i in order:
            if spare > 0 and chosen[i] < up_to[i]:
                chosen[i] += 1
                spare -= 1
    return spare


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces (a longer word is cut).

    With `max_lines`, what does not fit is left out and the last line ends with an ellipsis.
    Line breaks in the text are kept.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    if not lines:
        lines = [""]
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = _with_ellipsis(kept[-1], width)
        return kept
    return lines


def shorten(text: str, width: int) -> str:
    """`text` on one line of at most `width` cells, cut at a space with an ellipsis if needed."""
    return wrap(" ".join(_words(text)), width, 1)[0]


def pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def header_lines(columns: Sequence[str], layout: Layout) -> list[str]:
    """The column titles, wrapped at words (bottom-aligned, as tables are read), one line when
    they fit, three at most."""
    shown = zip(layout.kept, layout.widths, strict=True)
    cells = [wrap(" ".join(_words(columns[i])), w, HEADER_LINES) for i, w in shown]
    height = max((len(c) for c in cells), default=1)
    cells = [[""] * (height - len(c)) + c for c in cells]
    return [
        (" " * GAP).join(pad(c[n], w) for c, w in zip(cells, layout.widths, strict=True)).rstrip()
        for n in range(height)
    ]


def row_lines(row: Sequence[str], layout: Layout, max_lines: int | None = None) -> list[str]:
    """One row as the lines it takes: each cell wrapped in its column, side by side."""
    cells = [
        wrap(" ".join(_words(_cell(row, i))), w, max_lines)
        for i, w in zip(layout.kept, layout.widths, strict=True)
    ]
    height = max(len(c) for c in cells)
    lines = []
    for n in range(height):
        parts = [
            pad(cell[n] if n < len(cell) else "", w)
            for cell, w in zip(cells, layout.widths, strict=True)
        ]
        lines.append((" " * GAP).join(parts).rstrip())
    return lines


def _words(text: str) -> list[str]:
    """The words of `text`, split at breakable spaces only: `8 499 habitants` (no-break spaces
    of numbers and units) stays one word, as on paper. French punctuation typed after an
    ordinary space stays with its word as a no-break space would keep it (`territoire :`,
    `« Quatre`): a line never starts with « : » nor ends with « « »."""
    text = text.strip(" \t\n\r")
    words: list[str] = []
    opened = False
    for token in _SPACES.split(text) if text else []:
        if words and (opened or _CLINGS.fullmatch(token)):
            words[-1] += " " + token
        else:
            words.append(token)
        opened = token.endswith("«")
    return words


def _cell(row: Sequence[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _natural(header: str, cells: list[str]) -> int:
    return max([cell_len(header)] + [cell_len(" ".join(_words(c))) for c in cells])


def _floor(natural: int, cells: list[str], fixed: bool) -> int:
    """How narrow a column may get: its longest word (up to WORD), an id column not at all."""
    if fixed:
        return natural
    longest = max((cell_len(word) for c in cells for word in _words(c)), default=1)
    return min(natural, max(min(longest, WORD), 4))


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in _words(text):
        while cell_len(word) > width:  # a word longer than the column: cut it
            if line:
                lines.append(line)
                line = ""
            head = _cut(word, width)
            lines.append(head)
            word = word[len(head) :]
        if not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _cut(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells."""
    out = ""
    for char in text:
        if cell_len(out + char) > width:
            break
        out += char
    return out


def _with_ellipsis(line: str, width: int) -> str:
    """The line ended by an ellipsis within `width`: at a space when one is near enough."""
    if cell_len(line) + 1 <= width:
        return line + ELLIPSIS
    cut = _cut(line, width - 1)
    space = cut.rfind(" ")
    if space >= len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:·") + ELLIPSIS


__all__ = ["GAP", "Layout", "fit", "header_lines", "pad", "row_lines", "shorten", "wrap"]

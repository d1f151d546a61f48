"""What every chart of the roadmap shares: the palette, matplotlib set up once, SVG or PNG out.

matplotlib is imported on the first chart only (it costs a third of a second), with the Agg
backend and no pyplot, so nothing here touches a display. Text stays text (`svg.fonttype: none`):
the SVG is three times smaller than with glyph paths, weasyprint lays it out faster, and the page's
own font draws it (see benchmarks/render.py). Output is deterministic (fixed ids, no date), so an
unchanged answers file gives byte-identical charts.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import re
import textwrap
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from typing import Any

# The house palette, shared with templates/roadmap.css.
INK = "#1c2430"
MUTED = "#5d6675"
RULE = "#d8dde5"
SOFT = "#f3f1ec"
NEEDS = "#d1543a"  # rising needs: warm
RESOURCES = "#1f7a80"  # shrinking resources: cool
FAMILY_COLOURS = {"public": "#2f5d8c", "prive": "#d99a2b", "revenus_activite": "#3e8e63"}
# A pattern for each family besides its colour, so that the mix reads in greyscale too.
FAMILY_HATCHES = {"public": "", "prive": "//", "revenus_activite": "\\\\"}
ATTITUDE_COLOURS = {
    "champion": "#1e7d52",
    "soutien": "#6bb38a",
    "neutre": "#a9b0bb",
    "reserve": "#e99a4c",
    "opposant": "#c8412f",
}
# A shape for each attitude besides its colour (greyscale, colour blindness).
ATTITUDE_MARKERS = {
    "champion": "^",
    "soutien": "o",
    "neutre": "s",
    "reserve": "D",
    "opposant": "v",
}
# Triangles are drawn larger, their label moved into their wide part, so that it fits.
MARKER_SIZES = {"o": 330, "s": 300, "D": 300, "^": 620, "v": 620}
LABEL_SHIFT = {"^": -0.07, "v": 0.07}
SERIES = ("#1f7a80", "#d1543a", "#2f5d8c", "#d99a2b", "#6f4e98", "#3e8e63", "#8a6a4f")
FONT = ["Inter", "DejaVu Sans", "Arial", "sans-serif"]


@cache
def _matplotlib() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.sans-serif": FONT,
            "font.size": 8.5,
            "text.color": INK,
            "axes.edgecolor": RULE,
            "axes.labelcolor": MUTED,
            "axes.titlesize": 9.5,
            "axes.titleweight": "bold",
            "axes.titlecolor": INK,
            "axes.titlelocation": "left",
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "legend.frameon": False,
            "legend.fontsize": 8,
        }
    )
    from matplotlib.figure import Figure

    return Figure


def new_figure(width: float, height: float) -> Any:
    figure_class = _matplotlib()
    return figure_class(figsize=(width, height), dpi=96)


_PNG_DPI: ContextVar[int | None] = ContextVar("coconstruct_chart_png_dpi", default=None)


@contextlib.contextmanager
def as_png(dpi: int) -> Iterator[None]:
    """Charts drawn inside come out as `data:image/png` URLs at `dpi`, not as SVG text.

    Word processors want pictures: Word before 2016 shows no SVG, and both draw SVG text in
    whatever font they find. A PNG at print resolution looks the same everywhere.
    """
    token = _PNG_DPI.set(dpi)
    try:
        yield
    finally:
        _PNG_DPI.reset(token)


def png_dpi() -> int | None:
    """The resolution charts are drawn at as PNG (inside `as_png`), or None for SVG."""
    return _PNG_DPI.get()


def _png(figure: Any, dpi: int) -> str:
    buffer = io.BytesIO()
    # "tight": a label drawn wider in the raster's font than in the page's still fits
    figure.savefig(
        buffer,
        format="png",
        dpi=dpi,
        facecolor="white",
        bbox_inches="tight",
        pad_inches=0.04,
        metadata={"Software": None},
    )
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def as_svg(figure: Any, name: str, part: int = 0) -> str:
    """The figure as SVG text (a PNG data: URL inside `as_png`); `part` > 0: the n-th part of a
    chart drawn in parts, its ids its own."""
    import matplotlib

    if (dpi := _PNG_DPI.get()) is not None:
        return _png(figure, dpi)
    buffer = io.StringIO()
    salt = f"{name}-{part}" if part else name
    with matplotlib.rc_context({"svg.hashsalt": f"coconstruct-{salt}", "svg.id": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    svg = buffer.getvalue()
    start = svg.find("<svg")  # drop the XML prolog and doctype: the SVG goes inline in HTML
    svg = svg[start:] if start >= 0 else svg
    # matplotlib names every group (figure_1, patch_1…): the same ids in every chart, which
    # clash once several charts share a page. Only referenced ids (clip paths) are kept.
    used = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
    svg = re.sub(r'\sid="([^"]+)"', lambda m: m.group(0) if m.group(1) in used else "", svg)
    return svg.replace("<svg ", f'<svg class="chart chart-{name}" role="img" ', 1)


def clean_axes(ax: Any, left: bool = False, bottom: bool = True) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_visible(left)
    ax.spines["bottom"].set_visible(bottom)
    ax.tick_params(length=0)


def patch(colour: str, label: str, hatch: str = "") -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, label=label, hatch=hatch, edgecolor="white", linewidth=0)


def rectangle(x: float, y: float, w: float, h: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=2, zorder=0)


def legend_line(colour: str, label: str, marker: str | None = None) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=colour, linewidth=2.6, label=label, marker=marker, markersize=5)


def legend_dot(colour: str, label: str, marker: str = "o") -> Any:
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        marker=marker,
        linestyle="",
        markersize=8,
        markerfacecolor=colour,
        markeredgecolor=colour,
        label=label,
    )


def day_number(day: dt.date) -> float:
    return float(day.toordinal())


def shorten(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


# --- charts that grow with the data -----------------------------------------------------------

#: Inches. A chart taller than TALL would not fit on a page under its title (a PDF cannot split
#: a picture: it ran over the footer and left the page before it empty). It is drawn in parts of
#: at most PART, each a whole drawing (a calendar repeats its years), that a PDF lays out one
#: after the other, page after page; the HTML and the Markdown's SVG file show them stacked as one
#: picture. Word and LibreOffice get one PNG picture per part (office.lua), which their pages
#: break between.
TALL = 8.0
PART = 5.0
_PX = 4 / 3  # SVG user units (px) in a point


def chunks(count: int, fixed: float, each: float) -> list[range]:
    """The rows of each part of a chart of `count` rows, `fixed` + `each` × rows inches tall:
    one part when it fits, else parts of at most PART inches."""
    if fixed + each * count <= TALL:
        return [range(count)]
    most = max(1, int((PART - fixed) // each))
    per = -(-count // -(-count // most))  # as many parts, evened out: no last part of one row
    return [range(start, min(start + per, count)) for start in range(0, count, per)]


_SIZE = re.compile(r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')


def stacked(parts: list[str], name: str) -> str:
    """The parts of a chart as one SVG picture, one under the other (one part: itself); as PNG,
    their `data:` URLs one after the other, which office.lua makes a picture each."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    if _PNG_DPI.get() is not None:
        return "".join(parts)
    sizes = [_SIZE.match(part) for part in parts]
    if not all(sizes):
        raise ValueError("parts of a chart must be SVG drawings")
    width = max(float(m.group(1)) for m in sizes if m)
    height = sum(float(m.group(2)) for m in sizes if m)
    out = [
        f'<svg class="chart chart-{name}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{width:g}pt" '
        f'height="{height:g}pt" viewBox="0 0 {width * _PX:g} {height * _PX:g}">'
    ]
    top = 0.0
    for part, size in zip(parts, sizes, strict=True):
        bare = part.replace(f'<svg class="chart chart-{name}" role="img" ', "<svg ", 1)
        out.append(_PART + bare.replace("<svg ", f'<svg y="{top * _PX:g}" ', 1))
        top += float(size.group(2)) if size else 0.0
    return "".join(out) + "</svg>"


_PART = "<!--part-->"


def parts(svg: str) -> list[str]:
    """The parts of a chart drawn in parts, each a whole SVG picture (else the chart itself)."""
    if _PART not in svg:
        return [svg]
    pieces = svg[: svg.rfind("</svg>")].split(_PART)[1:]
    return [re.sub(r'^<svg y="[^"]*" ', "<svg ", piece, count=1) for piece in pieces]

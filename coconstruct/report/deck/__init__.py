"""The restitution deck: the roadmap as slides for the restitution meeting and the steering
committee, in PowerPoint (.pptx, python-pptx) and, through LibreOffice, Impress (.odp).

    Roadmap (content/) ─▶ slides.py (which slides: blocks.py) ─▶ layout.py (fit.py) ─▶ .pptx
    charts (matplotlib → PNG) ──┘               reference.pptx ─┘     odp.py (LibreOffice) ─▶ .odp

The slides say what the roadmap says, from the same typed content: a slide the data cannot fill
is left out, every text is an editable text frame sized to fit, every chart a picture with its
text alternative, and the speaker notes carry what each figure rests on. The reference deck
(`reference.pptx` in a templates folder) gives the layouts, the theme's fonts and colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from coconstruct.report.content import Roadmap

DPI = 150  # charts as pictures: a full HD projector shows a 13.3-inch slide at 144 dots an inch
PARTS = (5.2, 4.8)  # inches: a chart taller than a slide's body (a long calendar) is cut in parts


def pptx(roadmap: Roadmap, pngs: Mapping[str, str], reference: Path) -> bytes:
    """The deck of one roadmap as a .pptx file; `pngs`: its charts as PNG data URLs."""
    from coconstruct.report.deck import layout, slides

    return layout.write(slides.build(roadmap, pngs), reference)


__all__ = ["DPI", "PARTS", "pptx"]

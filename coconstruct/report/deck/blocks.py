"""The blocks a slide is made of: key figures as cards, bullets, labelled lines, a table, a chart
as a picture; the slides and the deck. Plain words, ready to lay out (layout.py)."""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from coconstruct.language.messages import msg
from coconstruct.report.chart_texts import ChartText

PNG = "data:image/png;base64,"
MOST_ROWS = 8  # the most rows a table of a slide shows; the others are counted under it


@dataclass(frozen=True)
class Card:
    """A key figure: its value big, its label under it; `kind` colours it."""

    value: str
    label: str
    kind: str = ""


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Bullet:
    text: str
    kind: str = ""  # warn, good, info: the colour of its mark


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class Line:
    """A label and its text, one paragraph: « Catalyseur : Mairie de Vernoux »."""

    label: str
    text: str


@dataclass(frozen=True)
class Lines:
    lines: tuple[Line, ...]
    colon: str = ":"


@dataclass(frozen=True)
class Grid:
    """A table: the first `most` rows at most, fewer when they do not fit; `more(n)` says how
    many are left out, under the table."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # each column's share of the width
    more: Callable[[int], str]
    numeric: tuple[int, ...] = ()  # columns aligned right
    most: int = MOST_ROWS


@dataclass(frozen=True)
class Picture:
    """A chart as a PNG picture, with its text alternative."""

    name: str
    png: bytes
    alt: str

    @property
    def size(self) -> tuple[int, int]:
        """Its width and height in pixels (the PNG's header)."""
        width, height = struct.unpack(">II", self.png[16:24])
        return width, height


Block = Cards | Bullets | Lines | Grid | Picture


@dataclass(frozen=True)
class Slide:
    """A content slide: its title, its main block, a block beside it, a line under them, and
    the speaker notes (the figures' bases, what the slide leaves out)."""

    title: str
    main: Block
    side: Block | None = None
    footer: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cover:
    """The title slide: the territory, what the document is, when (a workshop or the date of
    the data), where it comes from."""

    kicker: str
    title: str  # the territory
    subtitle: str  # the workshop's or the document's title
    lines: tuple[str, ...]  # « Atelier : 19 novembre 2026, Vernoux », « Données à jour : … »
    footer: str  # « Établie avec coconstruct … à partir de sources documentaires … »
    draft: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deck:
    lang: str
    title: str  # the document's properties
    territory: str
    author: str
    cover: Cover
    slides: tuple[Slide, ...] = field(default_factory=tuple)


def chart_parts(name: str, url: str, said: ChartText, lang: str) -> tuple[Picture, ...]:
    """A chart's pictures: one, or its parts (a long calendar), the first saying the chart in
    words, the others whose part they are."""
    urls = [PNG + part for part in url.split(PNG) if part]  # its parts, one after the other
    return tuple(
        Picture(
            name,
            _png(part),
            said.alt
            if index == 0
            else msg(
                "“{title}”, continued (part {part} of {parts}).",
                lang,
                title=said.title,
                part=index + 1,
                parts=len(urls),
            ),
        )
        for index, part in enumerate(urls)
    )


def in_parts(
    slide: Slide, parts: Mapping[str, tuple[Picture, ...]], lang: str
) -> tuple[Slide, ...]:
    """A slide whose chart is drawn in parts, as a slide per part: « Calendrier et jalons
    (1/2) »."""
    drawn = parts.get(slide.main.name, ()) if isinstance(slide.main, Picture) else ()
    if len(drawn) <= 1:
        return (slide,)
    return tuple(
        replace(
            slide,
            title=msg(
                "{title} ({part}/{parts})", lang, title=slide.title, part=n, parts=len(drawn)
            ),
            main=picture,
        )
        for n, picture in enumerate(drawn, 1)
    )


def _png(url: str) -> bytes:
    return base64.b64decode(url.split(",", 1)[1])

"""The pieces every report section is made of: phrases of the catalog, headings, key figures,
charts, tables, and the blocks of a body (an action's sheet, a need in detail).

A piece holds words ready to print in the report's language; a template only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from markupsafe import Markup

from coconstruct.language.messages import catalog

if TYPE_CHECKING:
    from coconstruct.report.chart_texts import ChartText


class Escape(Protocol):
    def __call__(self, value: object, /) -> Markup: ...


@dataclass(frozen=True)
class Phrase:
    """Words of the catalog with values from the answers: the words are ours and trusted, like a
    template's own text; each value is escaped by the format that prints the phrase (HTML, or
    Markdown), as `_()` does in a template."""

    text: str  # translated, with {placeholders}
    values: Mapping[str, object] = field(default_factory=dict)

    def __html__(self) -> Markup:
        if not self.values:
            return Markup(self.text)
        return Markup(self.text).format(**self.values)  # Markup.format escapes each value

    def markdown(self, escape: Escape) -> Markup:
        """The phrase in Markdown, its values escaped by `escape` (phrases within, likewise)."""
        if not self.values:
            return Markup(self.text)
        return Markup(self.text).format(
            **{
                key: value.markdown(escape) if isinstance(value, Phrase) else escape(value)
                for key, value in self.values.items()
            }
        )

    def __str__(self) -> str:
        if not self.values:
            return self.text
        return self.text.format(**{key: str(value) for key, value in self.values.items()})

    def __bool__(self) -> bool:
        return bool(self.text)


class Words:
    """The report's language for its phrases: `words.gettext("Evidence: {text}", text=…)`.

    Phrases keep their values apart until a format prints them (see `Phrase`); sentences built
    whole in Python (`msg`) are plain text, escaped whole.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._catalog = catalog(lang)

    def gettext(self, text: str, /, **values: object) -> Phrase:
        return Phrase(self._catalog.gettext(text), values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> Phrase:
        """A phrase that agrees with the count `n`, which fills `{n}`."""
        return Phrase(self._catalog.ngettext(singular, plural, n), {"n": n, **values})

    def join(self, *parts: Any, between: str = " ") -> Phrase:
        return together(*parts, between=between)


def together(*parts: Any, between: str = " ") -> Phrase:
    """Parts one after the other (empty ones left out), each escaped as it is."""
    kept = [part for part in parts if part]
    text = between.join(f"{{p{i}}}" for i in range(len(kept)))
    return Phrase(text, {f"p{i}": part for i, part in enumerate(kept)})


@dataclass(frozen=True)
class Doc:
    """What names the document: its title and territory (plain text: they go into the HTML's
    `<title>`, the PDF's running headers and the office documents' properties)."""

    title: str
    territory: str
    generator: str  # `coconstruct 1.4.0`
    author: str = ""
    date: Any = None  # the workshop's date as given: a day, a month, a year
    draft: bool = False


@dataclass(frozen=True)
class Said:
    """A sentence of a list, with its kind: a key message (warn, good, info), a change since an
    older version (added, removed, changed). The HTML colours it by its kind."""

    kind: str
    text: Phrase | str


@dataclass(frozen=True)
class Heading:
    """A numbered section: its anchor (`diagnosis`), its number (`03`) and its title."""

    id: str
    number: str
    title: Phrase | str


@dataclass(frozen=True)
class Figure:
    """One key figure: `value` big, `label` under it, `note` small (its base, or why none)."""

    value: str
    label: Phrase | str
    note: Phrase | str = ""
    kind: str = ""  # needs, plan, money: the colour of its card


@dataclass(frozen=True)
class Chart:
    """A chart where a section shows it: drawn (`text` says it in words) or `missing`, why not.

    `caption` and `note` are the words under it; `link` points to its data in the annex.
    """

    name: str
    text: ChartText | None
    missing: str
    link: Phrase
    caption: Phrase | None = None
    note: str = ""  # on what the chart rests, after the caption


@dataclass(frozen=True)
class Charts:
    """The charts of a document, drawn or not, for its sections to show where they belong."""

    texts: Mapping[str, ChartText]  # the charts drawn, in words
    missing: Mapping[str, str]  # why a chart is not drawn, when it would say something
    link: Phrase  # « Données en annexe. »

    def get(self, name: str, caption: Phrase | None = None, note: str = "") -> Chart:
        return Chart(
            name, self.texts.get(name), self.missing.get(name, ""), self.link, caption, note
        )


@dataclass(frozen=True)
class Prose:
    """A long answer, or what is said in its place when there is none."""

    text: Any  # the answer as typed (Written when in another language), or None
    missing: Phrase  # « Non renseigné pendant l'atelier. »


@dataclass(frozen=True)
class Based:
    """A figure with its base when it rests on fewer items than it could: `72 (2 sur 3)`."""

    text: str
    base: Phrase | None = None


@dataclass(frozen=True)
class Pair:
    """A label and its value, on a line of a table."""

    label: Phrase | str
    value: Any

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.label), cell(self.value))


class Block(Protocol):
    """A piece of a body (an action's sheet, a need's detail). Which pieces a body shows, and in
    which order, is decided once, in Python; each format lays a piece out with its macro named
    after the piece's `kind`: `{% for block in body %}{{ m[block.kind](block) }}{% endfor %}`."""

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Paragraphs:
    """A long answer as typed (a description): its paragraphs and kept lines; nothing is printed
    when there is none."""

    text: Any
    kind: ClassVar[str] = "paragraphs"


@dataclass(frozen=True)
class Titled:
    """A long answer under its title: an action's indicators, typed one a line or run on."""

    title: Phrase
    text: Any
    kind: ClassVar[str] = "titled"


@dataclass(frozen=True)
class Ref:
    """An item named by its code and its title: `N3 · Rompre l'isolement`."""

    id: str
    title: Any


@dataclass(frozen=True)
class Refs:
    """Items under a title (the needs an action serves), or `none` said in their place."""

    title: Phrase
    items: tuple[Ref, ...]
    none: Phrase  # « Aucun »
    kind: ClassVar[str] = "refs"


@dataclass(frozen=True)
class Evidence:
    """What an item rests on: « Éléments : … [1, 3] », or its sources alone."""

    label: Phrase  # « Éléments : », or « Sources : » when there is no text
    text: Any
    cites: Sequence[int]
    kind: ClassVar[str] = "evidence"


@dataclass(frozen=True)
class Below:
    """A line under a cell's text: a description, a date, a kind of source (`em`: in italics)."""

    text: Any
    em: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell as the Markdown writes it: its text (`strong`: the row's name), the base it
    rests on, the sources it cites, its lines below; `lines`: a text typed on several lines,
    kept so. The HTML lays each table out itself, from the rows' named fields."""

    text: Any
    strong: bool = False
    base: Phrase | None = None
    cites: Sequence[int] = ()
    below: tuple[Below, ...] = ()
    lines: bool = False
    gauge: float | None = None  # a value out of 100 drawn as a small bar before the text
    gauge_kind: str = ""  # needs: the bar in the needs' colour


def named_row(id_: str, title: Any, *rest: Any) -> tuple[Cell, ...]:
    """A table row of an item: its id, its title in bold (the row's name), then plain cells."""
    return (cell(id_), cell(title, strong=True), *map(cell, rest))


def cell(
    text: Any,
    *below: Any,
    strong: bool = False,
    base: Phrase | None = None,
    cites: Sequence[int] = (),
    lines: bool = False,
) -> Cell:
    """A cell; each of `below` on a line of its own (an empty one left out, a Below as is)."""
    kept = tuple(b if isinstance(b, Below) else Below(b) for b in below if b)
    return Cell(text, strong, base, cites, kept, lines)


class HasCells(Protocol):
    @property
    def cells(self) -> tuple[Cell, ...]: ...


Row = TypeVar("Row", bound=HasCells)


@dataclass(frozen=True)
class Table(Generic[Row]):
    """A table of a section: its title, its column headers, its rows, and what is said instead
    when it has no row (None: then it is not shown at all). A row gives its cells in the
    columns' order; `view`: another choice of cells, where one kind of row fills two tables."""

    title: Phrase | str
    columns: tuple[Phrase, ...]
    rows: tuple[Row, ...]
    empty: Phrase | None = None
    view: Callable[[Row], tuple[Cell, ...]] | None = None

    @property
    def cells(self) -> tuple[tuple[Cell, ...], ...]:
        view = self.view
        return tuple(view(row) if view else row.cells for row in self.rows)

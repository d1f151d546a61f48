"""The restitution deck as typed content: which slides, with which words, rows, pictures and
speaker notes, taken from the roadmap's content (`Roadmap`) and nothing else.

A slide the data cannot fill is left out (never a slide of dashes), and what a slide leaves out
for want of room (the needs beyond the first rows) is said on it and kept in its notes. The
layout (layout.py) only places these blocks on the reference deck's layouts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coconstruct.language.messages import msg, nmsg
from coconstruct.report import wording
from coconstruct.report.content import Roadmap
from coconstruct.report.deck.blocks import (
    MOST_ROWS,
    Bullet,
    Bullets,
    Card,
    Cards,
    Cover,
    Deck,
    Grid,
    Line,
    Lines,
    Picture,
    Slide,
    chart_parts,
    in_parts,
)
from coconstruct.report.parts import Chart, Pair, Phrase, Table

NONE = wording.NONE


def build(r: Roadmap, pngs: Mapping[str, str]) -> Deck:
    """The deck of one roadmap; `pngs`: the charts drawn, as `data:image/png` URLs."""
    parts = {
        name: chart_parts(name, url, r.chart_texts[name], r.lang)
        for name, url in pngs.items()
        if name in r.chart_texts and url.startswith("data:image/png;base64,")
    }
    pictures = {name: drawn[0] for name, drawn in parts.items()}
    makers: tuple[Callable[[Roadmap, Mapping[str, Picture]], Slide | None], ...] = (
        _essentials,
        _messages,
        _scissors,
        _needs,
        _resources,
        _partners,
        _money,
        _actions,
        _calendar,
        _results,
        _governance,
        _sources,
    )
    slides = tuple(
        part
        for make in makers
        if (slide := make(r, pictures)) is not None
        for part in in_parts(slide, parts, r.lang)
    )
    return Deck(r.lang, r.doc.title, r.doc.territory, r.doc.author, _cover(r), slides)


def text(value: Any) -> str:
    """A piece of content as plain text, its spaces evened out (a slide has no line breaks of
    its own)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def given(value: Any) -> bool:
    return bool(text(value)) and text(value) != NONE


def _more(lang: str) -> Callable[[int], str]:
    def more(n: int) -> str:
        return nmsg("… and {n} more: see the roadmap.", "… and {n} more: see the roadmap.", n, lang)

    return more


def _chart_notes(chart: Chart | None) -> tuple[str, ...]:
    """What a chart's speaker notes say: its caption, what it rests on, its figures in words."""
    if chart is None:
        return ()
    out = [text(chart.caption), text(chart.note)]
    if chart.text is not None:
        out.append(chart.text.alt)  # it begins with the chart's title
    elif chart.missing:
        out.append(chart.missing)
    return tuple(line for line in out if line)


def _cover(r: Roadmap) -> Cover:
    f, colon = r.front, r.colon
    lines = tuple(
        f"{text(fact.label)}{colon} "
        + ", ".join(text(part) for part in (fact.value, fact.then) if given(part))
        for fact in f.facts
        if fact.kind in ("workshop", "as_of", "sources", "facilitation") and given(fact.value)
    )
    default = msg("Territorial co-construction roadmap", r.lang)
    return Cover(
        kicker=text(f.kicker),
        title=r.doc.territory,
        subtitle=r.doc.title if r.doc.title != default else "",
        lines=lines,
        footer=text(f.prepared),
        draft=text(f.draft),
        notes=(text(r.summary.records) + ".", text(r.summary.purpose)),
    )


def _essentials(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    s, colon = r.summary, r.colon
    shown = [figure for figure in s.figures if given(figure.value)][:6]
    if not shown:
        return None
    notes = [
        f"{figure.value} {text(figure.label)}{colon} {text(figure.note)}"
        if given(figure.note)
        else f"{figure.value} {text(figure.label)}"
        for figure in shown
    ]
    left_out = [
        f"{text(figure.label)}{colon} {text(figure.note)}"
        if given(figure.note)
        else text(figure.label)
        for figure in s.figures
        if not given(figure.value)
    ]
    if s.not_given:
        notes.append(text(s.not_given))
    elif left_out:
        notes.append(
            msg("Not given for want of data: {figures}.", r.lang, figures="; ".join(left_out))
        )
    cards = tuple(Card(text(f.value), text(f.label), f.kind) for f in shown)
    return Slide(text(s.head.title), Cards(cards), notes=tuple(notes))


def _messages(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    s = r.summary
    if not s.messages:
        return None
    items = tuple(Bullet(text(said.text), said.kind) for said in s.messages)
    return Slide(text(s.messages_title), Bullets(items), notes=tuple(b.text for b in items))


def _scissors(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    c = r.context
    chart = c.scissors
    picture = pictures.get("scissors")
    notes = _chart_notes(chart)
    title = text(c.head.title)
    if picture is not None:
        return Slide(title, picture, notes=notes)
    said = [text(c.text.text)] if c.text.text else []
    if chart.missing:
        said.append(chart.missing)
    if not said:
        return None
    return Slide(title, Bullets(tuple(Bullet(line) for line in said)), notes=notes)


def _needs(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    d = r.diagnosis
    more = _more(r.lang)
    if d.vote is not None and d.vote.table.rows:
        v = d.vote
        need, domain, dots, share = (text(c) for c in v.table.columns)
        rows = tuple(
            (f"{row.id} · {text(row.title)}", text(row.domain), row.dots, row.share)
            for row in v.table.rows
        )
        grid = _grid((need, domain, dots, share), rows, (0.55, 0.21, 0.12, 0.12), more, (2, 3))
        return Slide(
            msg("The needs the room put first", r.lang),
            grid,
            notes=(text(v.base), *_rest(rows, MOST_ROWS, r.colon)),
        )
    if not d.needs.rows:
        return None
    columns = d.needs.columns
    rows = tuple(
        (f"{row.id} · {text(row.title)}", text(row.domain), text(row.priority), row.pressure)
        for row in d.needs.rows
    )
    grid = _grid(
        (text(columns[0]), text(columns[1]), text(columns[2]), text(columns[6])),
        rows,
        (0.52, 0.2, 0.15, 0.13),
        more,
        (3,),
    )
    notes = (text(r.context.scissors.caption), text(d.pressure_note))
    return Slide(
        text(d.needs.title),
        grid,
        notes=tuple(n for n in notes if n) + _rest(rows, MOST_ROWS, r.colon),
    )


def _rest(rows: Sequence[tuple[str, ...]], shown: int, colon: str) -> tuple[str, ...]:
    """The rows a slide's table may leave out, one line each in the notes."""
    return tuple(f"{row[0]}{colon} " + " · ".join(row[1:]) for row in rows[shown:])


def _grid(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[float, ...],
    more: Callable[[int], str],
    numeric: tuple[int, ...] = (),
) -> Grid:
    """A table without the columns no row fills (a column of dashes says nothing)."""
    keep = [0, *(i for i in range(1, len(columns)) if any(given(row[i]) for row in rows))]
    total = sum(widths[i] for i in keep)
    return Grid(
        tuple(columns[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in rows),
        tuple(widths[i] / total for i in keep),
        more,
        tuple(keep.index(i) for i in numeric if i in keep),
    )


def _resources(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    d, people = r.diagnosis, r.context.people
    table = d.resources
    side = _pairs(people, r.colon) if people.rows else None
    if not table.rows:
        if side is None:
            return None
        said = tuple(f"{line.label}{r.colon} {line.text}" for line in side.lines)
        return Slide(text(people.title), side, notes=said)
    rows = tuple(
        (f"{row.id} · {text(row.title)}", row.type, row.availability, row.trend)
        for row in table.rows
    )
    columns = tuple(text(c) for c in table.columns)
    grid = _grid(columns, rows, (0.46, 0.2, 0.18, 0.16), _more(r.lang))
    notes = [  # every resource, with what it rests on
        f"{shown[0]}{r.colon} " + " ".join(p for p in (*shown[1:], *why) if given(p))
        for shown, why in zip(
            rows, ((text(row.description), text(row.evidence)) for row in table.rows), strict=True
        )
    ]
    if side is not None:
        notes.append(text(people.title))
        notes += [f"{line.label}{r.colon} {line.text}" for line in side.lines]
    return Slide(text(table.title), grid, side, notes=tuple(notes))


def _pairs(table: Table[Pair], colon: str) -> Lines:
    return Lines(
        tuple(Line(text(p.label), text(p.value)) for p in table.rows if given(p.value)), colon
    )


def _partners(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    a, colon = r.actors, r.colon
    if not a.partners.rows:
        return None
    title = msg("Partners and alliances", r.lang)
    forms = tuple(
        Line(row.label, ", ".join(text(p) for p in (row.partners, row.actions) if _counted(p)))
        for row in a.forms.rows
        if _counted(row.partners) or _counted(row.actions)
    )
    types = tuple(Line(text(p.label), text(p.value)) for p in a.types)
    side = Lines(forms or types, colon)
    notes = [*_chart_notes(a.grid.chart)]
    notes += [f"{text(q.label)}{colon} {text(q.value)}" for q in a.grid.quadrants.rows]
    notes += [text(a.grid.off_grid), text(a.forms_base)]
    if forms and types:
        notes.append(
            text(a.types_title) + colon + " " + ", ".join(f"{t.label} ({t.text})" for t in types)
        )
    notes = [n for n in notes if n]
    picture = pictures.get("stakeholders")
    if picture is not None:
        return Slide(title, picture, side if side.lines else None, notes=tuple(notes))
    columns = tuple(text(c) for c in a.partners.columns)
    rows = tuple(
        (f"{row.id} · {text(row.name)}", row.type, row.commitment, row.alliance, row.attitude)
        for row in a.partners.rows
    )
    grid = _grid(columns, rows, (0.36, 0.18, 0.16, 0.16, 0.14), _more(r.lang))
    return Slide(title, grid, notes=(*notes, *_rest(rows, MOST_ROWS, colon)))


def _counted(value: Any) -> bool:
    """« 3 partenaires »: a count above zero (`– ` or « 0 partenaire » says nothing here)."""
    return isinstance(value, Phrase) and bool(value.values.get("n"))


def _money(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    model, colon = r.model, r.colon
    if not model.major:
        return None
    title = text(model.head.title)
    figures = [model.figures.index, model.figures.dependency]
    figures += [f for f in (model.figures.own_income, model.figures.secured) if f is not None]
    lines = tuple(Line(text(f.label), f.value) for f in figures if given(f.value))
    notes = [*_chart_notes(model.chart), text(model.resource_model)]
    notes += [
        f"{f.value} {text(f.label)}{colon} {text(f.note)}"
        if given(f.value)
        else f"{text(f.label)}{colon} {text(f.note)}"  # not given: why
        for f in figures
        if given(f.note)
    ]
    footer = text(model.resource_model)
    families = _families(r)
    if model.families is not None:
        notes += [text(model.families.note), text(model.families.target_sum)]
    picture = pictures.get("money")
    if picture is not None:  # the mix today and targeted, its figures beside it
        side = families or Lines(lines, colon)
        return Slide(title, picture, side, footer, _kept(notes))
    if families is not None:
        return Slide(title, families, Lines(lines, colon) if lines else None, footer, _kept(notes))
    if model.chart.missing:
        notes.insert(0, model.chart.missing)
    funding = model.lines
    if not funding.rows:  # no line pays in the plan's year: why
        said = Bullets((Bullet(model.chart.missing or text(model.no_line)),))
        return Slide(title, said, footer=footer, notes=_kept(notes))
    columns = tuple(text(funding.columns[i]) for i in (0, 1, 2, 4))
    rows = tuple(
        (f"{row.id} · {text(row.funder)}", row.family, row.amount, text(row.secured))
        for row in funding.rows
    )
    grid = _grid(columns, rows, (0.44, 0.2, 0.22, 0.14), _more(r.lang), (2,))
    notes += _rest(rows, MOST_ROWS, colon)
    return Slide(text(model.plan_title), grid, footer=footer, notes=_kept(notes))


def _families(r: Roadmap) -> Grid | None:
    """The families of money: their shares against the target's when one is set, else their
    amounts and shares."""
    families = r.model.families
    if families is None or not any(row.lines for row in families.rows):
        return None
    heads = [text(c) for c in families.columns]
    paying = [row for row in families.rows if row.lines]  # a family without a line says nothing
    if families.target:
        columns = (heads[0], heads[3], heads[4], heads[5])
        rows = tuple(
            (text(row.label), row.share, row.target, text(row.change))
            for row in families.rows
            if row.lines or given(row.target)
        )
    else:
        columns = (heads[0], heads[2], heads[3], "")
        rows = tuple(
            (text(row.label), row.known or text(row.unknown), row.share, "") for row in paying
        )
    return _grid(columns, rows, (0.4, 0.2, 0.2, 0.2), _more(r.lang), (1, 2, 3))


def _kept(notes: Sequence[str]) -> tuple[str, ...]:
    return tuple(note for note in notes if note)


def _actions(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    a, colon = r.actions, r.colon
    if not a.table.rows:
        return None
    columns = tuple(text(a.table.columns[i]) for i in (0, 1, 3, 4))
    rows = tuple(
        (f"{row.id} · {text(row.title)}", text(row.lead), row.dates, row.budget)
        for row in a.table.rows
    )
    grid = _grid(columns, rows, (0.44, 0.22, 0.2, 0.14), _more(r.lang), (3,))
    total = f"{text(a.total.label)}{colon} {a.total.amount}"
    if a.total.notes:
        total += " (" + ", ".join(text(n) for n in a.total.notes) + ")"
    notes = [total]
    if "timeline" not in pictures and r.calendar.timeline.missing:
        notes.append(r.calendar.timeline.missing)
    footer = total if given(a.total.amount) else ""
    return Slide(
        text(a.head.title), grid, footer=footer, notes=(*notes, *_rest(rows, MOST_ROWS, colon))
    )


def _calendar(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    c, colon = r.calendar, r.colon
    notes = list(_chart_notes(c.timeline))
    if c.undated is not None:
        notes.append(f"{text(c.undated.label)} {text(c.undated.value)}")
    horizons: list[Line] = []
    if c.horizons is not None:
        horizons = [Line(text(h.label), h.titles) for h in (*c.horizons.rows, *c.horizons.beside)]
        notes += [f"{h.label}{colon} {h.text}" for h in horizons]
        notes.append(text(c.horizons.from_dates))
    notes = [n for n in notes if n]
    picture = pictures.get("timeline")
    if picture is not None:
        return Slide(text(c.head.title), picture, notes=tuple(notes))
    if horizons:
        return Slide(text(c.head.title), Lines(tuple(horizons), colon), notes=tuple(notes))
    return None


def _results(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    mon, colon = r.monitoring, r.colon
    if not mon.indicators.rows:
        return None
    notes = [*_chart_notes(mon.results), text(mon.progress_note)]
    rows = tuple(
        (
            f"{row.id} · {text(row.title)}",
            _dated(row.baseline, row.baseline_date),
            _dated(row.latest, row.latest_date),
            _dated(row.target, row.target_date),
        )
        for row in mon.indicators.rows
    )
    picture = pictures.get("results")
    if picture is not None:
        return Slide(text(mon.head.title), picture, notes=_kept([*notes, *_rest(rows, 0, colon)]))
    columns = tuple(text(mon.indicators.columns[i]) for i in (0, 1, 2, 3))
    grid = _grid(columns, rows, (0.4, 0.2, 0.2, 0.2), _more(r.lang))
    return Slide(text(mon.head.title), grid, notes=_kept([*notes, *_rest(rows, MOST_ROWS, colon)]))


def _dated(value: str, date: str) -> str:
    """« 35 (juin 2026) », or the value alone, or – when there is none."""
    if not given(value):
        return NONE
    return f"{value} ({date})" if date else value


def _governance(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    g, c, colon = r.governance, r.calendar, r.colon
    lines = [Line(text(p.label), text(p.value)) for p in g.facts if given(p.value)]
    lines += [Line(k.title, text(k.text.text)) for k in g.committees if given(k.text.text)]
    if c.next_meeting is not None:
        meeting = text(c.next_meeting)
        lines.append(Line("", f"{meeting} — {text(c.agenda)}" if given(c.agenda) else meeting))
    if not lines:
        return None
    notes = [f"{line.label}{colon} {line.text}" if line.label else line.text for line in lines]
    leads = g.leads.rows
    notes += [f"{text(row.partner)}{colon} {row.leads} / {row.joins}" for row in leads]
    return Slide(
        msg("Governance and next meeting", r.lang), Lines(tuple(lines), colon), notes=tuple(notes)
    )


def _sources(r: Roadmap, pictures: Mapping[str, Picture]) -> Slide | None:
    s = r.sources
    footer = text(r.front.prepared)
    if not s.sources:
        return Slide(
            text(s.sources_title),
            Bullets((Bullet(text(s.no_source)),)),
            footer=footer,
            notes=(text(s.no_source),),
        )
    rows = tuple(
        (
            f"[{source.number}] {text(source.title)}",
            ", ".join(p for p in (text(source.publisher), source.date) if p),
        )
        for source in s.sources
    )
    grid = Grid((), rows, (0.62, 0.38), _more(r.lang))
    notes = tuple(
        " ".join(p for p in (row[0], row[1], source.url or "") if p)
        for row, source in zip(rows, s.sources, strict=True)
    )
    return Slide(text(s.sources_title), grid, footer=footer, notes=notes)


__all__ = ["Cover", "Deck", "Slide", "build"]

"""The funding mixes of the territories side by side: small multiples, PER_CHART territories a
chart, each with its words (text alternative, data table) and its drawing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coconstruct.analysis import FAMILY_ORDER
from coconstruct.language.messages import N_, msg
from coconstruct.model.formatting import NONE, Formatter
from coconstruct.report.chart_texts import ChartText
from coconstruct.synthesis.territory import Territory

PER_CHART = 24  # territories in one chart of funding mixes (6 rows of 4)
FAMILY_NAMES = {
    "public": N_("Public money"),
    "prive": N_("Private money"),
    "revenus_activite": N_("Earned income"),
}


@dataclass(frozen=True)
class MixChart:
    """One chart of funding mixes: its name (`mixes1`), title, territories and words."""

    name: str
    title: str
    territories: tuple[Territory, ...]
    text: ChartText


def family_names(labels: dict[str, dict[str, str]], lang: str) -> list[tuple[str, str]]:
    """The families of money with their labels (the questionnaire's, else ours)."""
    known = labels.get("funding.family", {})
    keys = list(dict.fromkeys([*FAMILY_ORDER, *known]))
    return [(k, known.get(k) or msg(FAMILY_NAMES.get(k, k), lang)) for k in keys]


def mix_charts(
    mixed: Sequence[Territory], families: list[tuple[str, str]], fmt: Formatter, lang: str
) -> tuple[MixChart, ...]:
    """The small multiples of the territories whose shares are given."""
    chunks = [tuple(mixed[i : i + PER_CHART]) for i in range(0, len(mixed), PER_CHART)]
    out = []
    for number, chunk in enumerate(chunks, 1):
        name = f"mixes{number}"
        title = (
            msg("Funding mixes side by side", lang)
            if len(chunks) == 1
            else msg("Funding mixes side by side ({n} of {of})", lang, n=number, of=len(chunks))
        )
        out.append(MixChart(name, title, chunk, _text(name, title, chunk, families, fmt, lang)))
    return tuple(out)


def mix_note(t: Territory, fmt: Formatter, lang: str) -> str:
    """Under a territory's bar: the year of its money, its hybridisation index."""
    index = fmt.number(t.hybridisation.value, 2)
    if t.money_year is None:
        return msg("hybridisation {index}", lang, index=index)
    return msg("{year} · hybridisation {index}", lang, year=t.money_year, index=index)


def _text(
    name: str,
    title: str,
    chunk: Sequence[Territory],
    families: list[tuple[str, str]],
    fmt: Formatter,
    lang: str,
) -> ChartText:
    def shares(t: Territory) -> str:
        mix = t.mix or {}
        return ", ".join(f"{label.lower()} {fmt.percent(mix.get(key))}" for key, label in families)

    each = "; ".join(
        msg(
            "{name}, {note}: {shares}",
            lang,
            name=t.name,
            note=mix_note(t, fmt, lang),
            shares=shares(t),
        )
        for t in chunk
    )
    alt = msg(
        "{title}: each territory's money by family, in the year of its plan. {each}.",
        lang,
        title=title,
        each=each,
    )
    columns = (
        msg("Territory", lang),
        msg("Year", lang),
        *(label for _, label in families),
        msg("Hybridisation", lang),
    )
    rows = tuple(
        (
            t.name,
            str(t.money_year) if t.money_year is not None else NONE,
            *(fmt.percent((t.mix or {}).get(key)) for key, _ in families),
            t.hybridisation.text,
        )
        for t in chunk
    )
    width = 52 / (len(families) + 1)
    return ChartText(
        name,
        title,
        alt,
        columns,
        rows,
        tuple(range(1, len(columns))),
        (40, 8, *([width] * (len(families) + 1))),
    )


def draw(
    charts: Sequence[tuple[str, Sequence[Territory]]],
    families: list[tuple[str, str]],
    fmt: Formatter,
    lang: str,
) -> dict[str, str]:
    """SVG (or PNG inside `chartkit.as_png`) of each chart of funding mixes, by its name."""
    from coconstruct.report import charts as drawing
    from coconstruct.report.figures import draw_cached

    out = {}
    for name, territories in charts:
        mixes = [
            drawing.Mix(t.name, dict(t.mix or {}), mix_note(t, fmt, lang)) for t in territories
        ]
        out[name] = draw_cached(drawing.money_mixes, mixes, families, fmt.percent, 3, name)
    return out

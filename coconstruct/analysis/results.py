"""Results as numbers over time: each indicator's baseline, target and dated measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis.base import Base, refs, text
from coconstruct.model import values
from coconstruct.model.amounts import Amount, Ratio
from coconstruct.model.dates import ApproxDate, is_unknown


@dataclass(frozen=True)
class Measure:
    id: str
    date: ApproxDate
    value: Amount


@dataclass(frozen=True)
class UndatedMeasure:
    """A measure whose date is not known (« 172 personnes contactées »): shown with its
    indicator, never on a time axis, never the latest, never in a progress or a trend."""

    id: str
    value: Amount


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str | None
    baseline: Amount | None
    baseline_date: ApproxDate | None
    target: Amount | None
    target_date: ApproxDate | None
    measures: list[Measure]  # dated measures with a value, by date
    incomplete_measures: list[str]  # measures without a date or a value: not in the series
    undated: list[UndatedMeasure]  # measures with a value, date said unknown
    needs: list[str]
    actions: list[str]

    @property
    def latest(self) -> Measure | None:
        return self.measures[-1] if self.measures else None

    @property
    def conflicts(self) -> list[tuple[Measure, ...]]:
        """Measures of the same date whose figures differ (two sources disagree): each group
        is shown whole, with the sources of each figure, and none of them makes a progress."""
        by_date: dict[str, list[Measure]] = {}
        for measure in self.measures:
            by_date.setdefault(str(measure.date.stored()), []).append(measure)
        return [
            tuple(group)
            for group in by_date.values()
            if len({str(m.value.stored()) for m in group}) > 1
        ]

    @property
    def latest_in_conflict(self) -> bool:
        """The latest date holds figures that differ: there is no one latest figure."""
        latest = self.latest
        return latest is not None and any(latest in group for group in self.conflicts)

    @property
    def progress(self) -> Ratio | None:
        """How far the latest measure has come from the baseline to the target (0–1, may
        overshoot); only from exact or estimated figures, never from a floor, range or unknown;
        ≈ when one of them is an estimate."""
        latest = self.latest
        figures = [self.baseline, self.target, latest.value if latest else None]
        if latest is None or any(f is None or not f.known for f in figures):
            return None
        if self.latest_in_conflict:
            return None  # which of the sources' figures? none is chosen
        if self.baseline_date is not None and latest.date.surely_before(self.baseline_date):
            return None  # history before the baseline: no progress towards the target
        base, target, now = (f.central for f in figures if f is not None)
        if base is None or target is None or now is None or target == base:
            return None
        estimated = any(f is not None and f.kind == "estimate" for f in figures)
        return Ratio((now - base) / (target - base), approximate=estimated)


@dataclass(frozen=True)
class Results:
    indicators: list[Indicator]
    measured: Base  # indicators with at least one dated measure, of all indicators
    orphan_measures: list[str]  # measures of no (known) indicator


def results(
    indicators: Sequence[Mapping[str, Any]], measures: Sequence[Mapping[str, Any]]
) -> Results:
    ids = {str(i["id"]) for i in indicators}
    series: dict[str, list[Measure]] = {i: [] for i in ids}
    incomplete: dict[str, list[str]] = {i: [] for i in ids}
    undated: dict[str, list[UndatedMeasure]] = {i: [] for i in ids}
    orphans = []
    for measure in measures:
        owner = text(measure.get("indicator"))
        if owner not in ids:
            orphans.append(str(measure["id"]))
            continue
        date = values.as_date(measure.get("date"))
        value = values.as_amount(measure.get("value"))
        if date is None or value is None or value.kind == "unknown":
            incomplete[owner].append(str(measure["id"]))
            if is_unknown(measure.get("date")) and value is not None and value.kind != "unknown":
                undated[owner].append(UndatedMeasure(str(measure["id"]), value))
        else:
            series[owner].append(Measure(str(measure["id"]), date, value))
    out = []
    for item in indicators:
        item_id = str(item["id"])
        out.append(
            Indicator(
                id=item_id,
                title=str(item.get("title") or item_id),
                unit=text(item.get("unit")),
                baseline=values.as_amount(item.get("baseline")),
                baseline_date=values.as_date(item.get("baseline_date")),
                target=values.as_amount(item.get("target")),
                target_date=values.as_date(item.get("target_date")),
                measures=sorted(series[item_id], key=lambda m: (m.date.sort_key(), m.id)),
                incomplete_measures=incomplete[item_id],
                undated=undated[item_id],
                needs=refs(item.get("needs")),
                actions=refs(item.get("actions")),
            )
        )
    measured = sum(1 for i in out if i.measures)
    return Results(out, Base(measured, len(out)), orphans)

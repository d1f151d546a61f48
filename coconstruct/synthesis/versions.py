"""Which files of a portfolio count: one territory's versions grouped, the latest counted.

A consultant's folder holds the workshops of a territory over the years (`val-2024.yaml`,
`val-2026.yaml`): the same territory, by its official code, else its name and perimeter
(`Territory.identity`). By default the latest version of each counts, by its « données à jour
au » date, else its workshop date; a dated version is later than an undated one, and two of the
same date are ordered by their file's path, so a run is the same every time. The versions not
counted are kept, to be named in the report: nothing is left out silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coconstruct.synthesis.territory import Territory


@dataclass(frozen=True)
class Superseded:
    """An earlier version of a territory, and the version counted instead."""

    older: Territory
    by: Territory


def _when(territory: Territory) -> tuple[object, ...]:
    order = territory.version_order
    return (order is not None, order or (), territory.source)


def latest(territories: Iterable[Territory]) -> tuple[list[Territory], list[Superseded]]:
    """The latest version of each territory, and every earlier one with the version counted."""
    groups: dict[tuple[str, ...], list[Territory]] = {}
    for territory in territories:
        groups.setdefault(territory.identity, []).append(territory)
    kept: list[Territory] = []
    superseded: list[Superseded] = []
    for versions in groups.values():
        ordered = sorted(versions, key=_when)
        newest = ordered[-1]
        kept.append(newest)
        superseded += [Superseded(older, newest) for older in reversed(ordered[:-1])]
    return kept, superseded

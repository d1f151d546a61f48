"""The portfolio: what the territories have in common, and on how many each figure rests.

Built from the territories' summaries alone (`Territory`), after every file has been read. A
figure across territories rests on the territories that give it (`Base(n, of)`) and, as in a
roadmap, is no conclusion below the threshold (`Base.sufficient`: 3 territories and half of
them): then no median is given. Counts of recurring needs, types, funders and forms say how
many territories they appear in, out of those that could show them (the territories with needs,
with partners, with funding, with actions).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from coconstruct.analysis import DOMAIN_ORDER, FAMILY_ORDER, Base
from coconstruct.model.text import fold
from coconstruct.synthesis import similar
from coconstruct.synthesis.territory import COUNTED, Territory
from coconstruct.synthesis.versions import Superseded, latest

# the figures of a territory that a portfolio sums up by their spread
SPREADS = ("gap", "hybridisation", "public_share", "dependency", "coverage")


@dataclass(frozen=True)
class Spread:
    """One figure across the territories: on how many it rests, its median and its range."""

    key: str
    base: Base  # territories giving the figure, of every territory
    median: float | None  # only when the base is sufficient
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Recurring:
    """A need (by domain or by alike titles), an actor type, a funder or a form of alliance,
    and the territories it appears in."""

    key: str
    label: str
    territories: tuple[int, ...]  # indexes into Portfolio.territories
    of: int  # the territories it could appear in
    items: int  # needs, partners, funding lines or actions
    variants: tuple[tuple[str, tuple[int, ...]], ...] = ()  # as written, and where
    kinds: dict[str, int] = field(default_factory=dict)  # a group's domains (funders: families)

    @property
    def base(self) -> Base:
        return Base(len(self.territories), self.of)


@dataclass(frozen=True)
class Portfolio:
    territories: list[Territory]  # by name
    spreads: dict[str, Spread]
    with_needs: int  # territories with at least one need
    with_partners: int
    with_funders: int  # territories naming at least one external funder
    with_actions: int
    domains: list[Recurring]  # questionnaire order
    need_groups: list[Recurring]  # every group of alike titles, most territories first
    partner_types: list[Recurring]  # most territories first
    funders: list[Recurring]  # groups of alike names, most territories first
    forms: list[Recurring]  # forms of alliance of the actions, most territories first
    forms_base: Base  # actions with a form, of every action
    labels: dict[str, dict[str, str]]  # COUNTED → key → label, from the files' questionnaires
    similarity: float
    files: int = 0  # the answers files read (every version of every territory)
    places: int = 0  # the territories they are of
    superseded: tuple[Superseded, ...] = ()  # earlier versions not counted (by default)
    all_versions: bool = False  # every version counts, as a row of its own

    @property
    def count(self) -> int:
        return len(self.territories)

    @property
    def final(self) -> int:
        return sum(t.status == "final" for t in self.territories)

    @property
    def recurring_needs(self) -> list[Recurring]:
        """Groups of alike need titles found in more than one territory."""
        return [g for g in self.need_groups if len(g.territories) > 1]

    @property
    def recurring_funders(self) -> list[Recurring]:
        return [g for g in self.funders if len(g.territories) > 1]

    @property
    def migrated(self) -> int:
        return sum(t.migrated for t in self.territories)

    @property
    def period(self) -> tuple[Territory, Territory] | None:
        """The territories of the first and the last workshop (by the dates as said)."""
        dated = [t for t in self.territories if t.date_order is not None]
        if not dated:
            return None
        return min(dated, key=_when), max(dated, key=_when)


def _when(territory: Territory) -> tuple[object, ...]:
    return territory.date_order or ()


def build(
    territories: Iterable[Territory],
    similarity: float = similar.SIMILARITY,
    all_versions: bool = False,
) -> Portfolio:
    """The portfolio of the territories read: the latest version of each counts, or every
    version with `all_versions`."""
    read = list(territories)
    kept, superseded = (read, []) if all_versions else latest(read)
    ordered = _named(sorted(kept, key=lambda t: (fold(t.name), t.source)))
    labels: dict[str, dict[str, str]] = {}
    for territory in ordered:
        for path, choices in territory.labels.items():
            known = labels.setdefault(path, {})
            for key, label in choices.items():
                known.setdefault(key, label)
    with_needs = [i for i, t in enumerate(ordered) if t.needs]
    with_partners = [i for i, t in enumerate(ordered) if t.partners]
    with_funders = [i for i, t in enumerate(ordered) if t.funders]
    with_actions = [i for i, t in enumerate(ordered) if t.actions]
    form_count = sum(sum(t.forms.values()) for t in ordered)
    return Portfolio(
        territories=ordered,
        spreads={key: _spread(key, ordered) for key in SPREADS},
        with_needs=len(with_needs),
        with_partners=len(with_partners),
        with_funders=len(with_funders),
        with_actions=len(with_actions),
        domains=_counted(
            ordered, lambda t: t.domains, len(with_needs), DOMAIN_ORDER, labels, COUNTED[0]
        ),
        need_groups=_need_groups(ordered, len(with_needs), similarity),
        partner_types=_by_territories(
            _counted(ordered, lambda t: t.partner_types, len(with_partners), (), labels, COUNTED[1])
        ),
        funders=_funders(ordered, len(with_funders), similarity),
        forms=_by_territories(
            _counted(ordered, lambda t: t.forms, len(with_actions), (), labels, COUNTED[3])
        ),
        forms_base=Base(form_count, sum(t.actions for t in ordered)),
        labels=labels,
        similarity=similarity,
        files=len(read),
        places=len({t.identity for t in read}),
        superseded=tuple(superseded),
        all_versions=all_versions,
    )


def _named(territories: list[Territory]) -> list[Territory]:
    """Territories of the same name (two workshops of one territory, two files) told apart by
    their file: « Val d'Orbière (val-2024) »."""
    seen: dict[str, int] = {}
    for territory in territories:
        seen[territory.name] = seen.get(territory.name, 0) + 1
    return [
        replace(t, name=f"{t.name} ({Path(t.source).stem})") if seen[t.name] > 1 else t
        for t in territories
    ]


def _spread(key: str, territories: Sequence[Territory]) -> Spread:
    given = [v for t in territories if (v := getattr(t, key).value) is not None]
    base = Base(len(given), len(territories))
    return Spread(
        key,
        base,
        statistics.median(given) if given and base.sufficient else None,
        min(given, default=None),
        max(given, default=None),
    )


def _counted(
    territories: Sequence[Territory],
    counts: Callable[[Territory], dict[str, int]],
    of: int,
    order: Sequence[str],
    labels: dict[str, dict[str, str]],
    path: str,
) -> list[Recurring]:
    """A choice counted across territories: where it appears and how many items have it."""
    where: dict[str, list[int]] = {}
    items: dict[str, int] = {}
    for index, territory in enumerate(territories):
        for key, n in counts(territory).items():
            if n:
                where.setdefault(key, []).append(index)
                items[key] = items.get(key, 0) + n
    known = labels.get(path, {})
    keys = [k for k in (*order, *known) if k in where]
    keys = list(dict.fromkeys([*keys, *sorted(set(where) - set(keys))]))
    return [Recurring(k, known.get(k, k), tuple(where[k]), of, items[k]) for k in keys]


def _by_territories(found: list[Recurring]) -> list[Recurring]:
    """Most territories first, then most items (a stable sort keeps the questionnaire order)."""
    return sorted(found, key=lambda r: (-len(r.territories), -r.items))


def _grouped(
    named: list[tuple[int, str, str | None]], of: int, similarity: float, prefix: str
) -> list[Recurring]:
    """(territory, name, kind) alike by name, as groups: labelled by their most used wording."""
    groups = similar.groups([name for _, name, _ in named], similarity)
    out = []
    for number, members in enumerate(groups, 1):
        variants: dict[str, list[int]] = {}
        kinds: dict[str, int] = {}
        for i in members:
            territory, name, kind = named[i]
            variants.setdefault(name, []).append(territory)
            if kind:
                kinds[kind] = kinds.get(kind, 0) + 1
        wordings = sorted(variants.items(), key=lambda kv: -len(set(kv[1])))  # stable
        out.append(
            Recurring(
                key=f"{prefix}{number}",
                label=wordings[0][0],
                territories=tuple(sorted({named[i][0] for i in members})),
                of=of,
                items=len(members),
                variants=tuple((name, tuple(dict.fromkeys(where))) for name, where in wordings),
                kinds=kinds,
            )
        )
    return _by_territories(out)


def _need_groups(territories: Sequence[Territory], of: int, similarity: float) -> list[Recurring]:
    named = [
        (index, title, domain)
        for index, territory in enumerate(territories)
        for _, title, domain in territory.need_titles
    ]
    return _grouped(named, of, similarity, "G")


def _funders(territories: Sequence[Territory], of: int, similarity: float) -> list[Recurring]:
    named = [
        (index, name, family)
        for index, territory in enumerate(territories)
        for name, family in territory.funders
    ]
    found = _grouped(named, of, similarity, "F")
    order = {f: i for i, f in enumerate(FAMILY_ORDER)}
    return [
        Recurring(
            r.key,
            r.label,
            r.territories,
            r.of,
            r.items,
            r.variants,
            dict(sorted(r.kinds.items(), key=lambda kv: order.get(kv[0], len(order)))),
        )
        for r in found
    ]

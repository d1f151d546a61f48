"""Every chart in words: a text alternative that says what it shows with its figures, and the
table of its data, in the report's language. Both are true to the analysis: an unknown figure is
said to be unknown, never drawn or written as 0, and a figure resting on fewer than FEW items
says how many.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coconstruct.analysis import Analysis, Base, DotVote
from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model.formatting import Formatter, colon, semicolon
from coconstruct.model.values import as_date
from coconstruct.report import charts_over_time
from coconstruct.report.figures import mix_label, result_series, trend_arrow, year_label
from coconstruct.report.wording import end_text, quadrant_names, span_text, vote_base

if TYPE_CHECKING:
    from coconstruct.report.content.material import Material

FEW = 3  # a mean over fewer items than this is said to rest on few


@dataclass(frozen=True)
class Head:
    """A column of a chart's data: its header, and whether it holds numbers (aligned right)."""

    label: str
    numeric: bool


@dataclass(frozen=True)
class ChartText:
    """A chart in words: its text alternative and the table of the data behind it."""

    name: str
    title: str
    alt: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns holding numbers, aligned right
    widths: tuple[float, ...] = ()  # % of the table, so that weasyprint need not measure cells

    @property
    def heads(self) -> tuple[Head, ...]:
        return tuple(Head(label, i in self.numeric) for i, label in enumerate(self.columns))


def describe_all(m: Material) -> dict[str, ChartText]:
    """Each chart `draw_all` draws, in words (the same conditions decide which exist)."""
    result: Analysis = m.analysis
    fmt: Formatter = m.fmt
    lang: str = m.lang
    labels: dict[str, dict[str, str]] = m.labels
    out: dict[str, ChartText] = {}
    s = result.scissors
    if s.drawable and s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = _scissors_text(m, fmt, lang, labels)
    if result.vote is not None and result.vote.placed:
        out["votes"] = _votes_text(m, result.vote, fmt, lang)
    if result.money.mix_reliable:
        out["money"] = _money_text(result, fmt, lang, labels, m.items["funding"])
    placed = [p for p in m.items["partners"] if p["quadrant"] is not None]
    if placed:
        out["stakeholders"] = _stakeholders_text(m, placed, lang)
    if result.plan.timeline:
        out["timeline"] = _timeline_text(m, fmt, lang)
    series = result_series(result)
    if series:
        out["results"] = _results_text(m, series, fmt, lang)
    return out


def _lower_first(label: str) -> str:
    """A choice label inside a sentence: « Social » → « social »."""
    return label[:1].lower() + label[1:]


def _value(fmt: Formatter, value: float | None, lang: str) -> str:
    return msg("unknown", lang) if value is None else fmt.number(value)


def _based_on(base: Base, noun: str, lang: str) -> str:
    """`from 12 needs`, or `from 3 of 4 needs` when some have no answer to count."""
    if noun == "need":
        if not base.complete:
            return nmsg(
                "from {n} of {of} needs", "from {n} of {of} needs", base.n, lang, of=base.of
            )
        return nmsg("from {n} need", "from {n} needs", base.n, lang)
    if not base.complete:
        return nmsg(
            "from {n} of {of} resources", "from {n} of {of} resources", base.n, lang, of=base.of
        )
    return nmsg("from {n} resource", "from {n} resources", base.n, lang)


TRENDS = {  # the chart's arrows, in words
    "↑↑": N_("rising sharply"),
    "↑": N_("rising"),
    "→": N_("stable"),
    "↓": N_("falling"),
    "↓↓": N_("falling sharply"),
}


def _trend_words(arrow: str, lang: str) -> str:
    if not arrow:
        return msg("no trend stated", lang)
    words = msg(TRENDS[arrow], lang)  # the message is marked where TRENDS is defined (N_)
    return f"{arrow} {words}"


def _scissors_text(
    m: Material, fmt: Formatter, lang: str, labels: dict[str, dict[str, str]]
) -> ChartText:
    s = m.analysis.scissors
    needs, resources = s.pressure_base.n, s.availability_base.n

    def then(value: float | None) -> str:  # the projection, only on enough stated trends
        if value is None:
            return msg("too few trends stated", lang)
        return msg("{value} with the stated trend", lang, value=_value(fmt, value, lang))

    need_then = then(s.projected_need_pressure)
    resource_then = then(s.projected_resource_availability)
    few = msg("too few trends stated", lang)
    need_cell = _value(fmt, s.projected_need_pressure, lang) if need_then != few else few
    resource_cell = (
        _value(fmt, s.projected_resource_availability, lang) if resource_then != few else few
    )
    domain_names = labels.get("needs.domain", {})
    type_names = labels.get("resources.type", {})

    def listed(items: list[tuple[str, float | None, int, str]]) -> str:
        parts = []
        for label, value, count, noun in items:
            text = f"{_lower_first(label)} {_value(fmt, value, lang)}"
            if count < FEW:
                if noun == "need":
                    text += " (" + nmsg("{n} need", "{n} needs", count, lang) + ")"
                else:
                    text += " (" + nmsg("{n} resource", "{n} resources", count, lang) + ")"
            parts.append(text)
        return ", ".join(parts) or msg("none", lang)

    domains = [
        (domain_names.get(d.domain, d.domain), d.pressure, d.needs, "need") for d in s.domains
    ]
    kinds = [
        (type_names.get(r.type, r.type), r.tension, r.resources, "resource")
        for r in s.resource_types
    ]
    alt = msg(
        "{title}. Pressure of needs: {need_now} out of 100 today, {need_then} ({needs}). "
        "Availability of resources: {resource_now} out of 100 today, {resource_then} "
        "({resources}). Pressure of needs by domain: {domains}. Tension on resources by type: "
        "{kinds}.",
        lang,
        title=msg("The scissor effect", lang),
        need_now=_value(fmt, s.need_pressure, lang),
        need_then=need_then,
        needs=_based_on(s.pressure_base, "need", lang),
        resource_now=_value(fmt, s.resource_availability, lang),
        resource_then=resource_then,
        resources=_based_on(s.availability_base, "resource", lang),
        domains=listed(domains),
        kinds=listed(kinds),
    )
    rows = [
        (
            msg("Pressure of needs", lang),
            nmsg("{n} need", "{n} needs", needs, lang),
            _value(fmt, s.need_pressure, lang),
            need_cell,
        ),
        (
            msg("Availability of resources", lang),
            nmsg("{n} resource", "{n} resources", resources, lang),
            _value(fmt, s.resource_availability, lang),
            resource_cell,
        ),
    ]
    for d in s.domains:
        rows.append(
            (
                msg("Pressure of needs: {name}", lang, name=domain_names.get(d.domain, d.domain)),
                nmsg("{n} need", "{n} needs", d.needs, lang),
                _value(fmt, d.pressure, lang),
                _trend_words(trend_arrow(d.trend), lang),
            )
        )
    for r in s.resource_types:
        rows.append(
            (
                msg("Tension on resources: {name}", lang, name=type_names.get(r.type, r.type)),
                nmsg("{n} resource", "{n} resources", r.resources, lang),
                _value(fmt, r.tension, lang),
                _trend_words(trend_arrow(r.trend), lang),
            )
        )
    return ChartText(
        "scissors",
        msg("The scissor effect", lang),
        alt,
        (
            msg("Indicator (0 to 100)", lang),
            msg("Based on", lang),
            msg("Today", lang),
            msg("Stated trend", lang),
        ),
        tuple(rows),
        (2,),
        (46, 18, 14, 22),
    )


def _votes_text(m: Material, vote: DotVote, fmt: Formatter, lang: str) -> ChartText:
    titles = {need["id"]: str(need["title"]) for need in m.items["needs"]}

    def name(need_id: str) -> str:
        return f"{need_id} {titles.get(need_id, '')}".strip()

    each = ", ".join(
        f"{name(n.id)} {fmt.number(n.votes)} ({fmt.percent(n.share)})" for n in vote.needs
    )
    alt = msg(
        "{title}. {base}. Most dots first: {each}.",
        lang,
        title=msg("The room's dot vote", lang),
        base=vote_base(vote, fmt, lang),
        each=each,
    )
    rows = tuple((name(n.id), fmt.number(n.votes), fmt.percent(n.share)) for n in vote.needs)
    return ChartText(
        "votes",
        msg("The room's dot vote", lang),
        alt,
        (msg("Need", lang), msg("Dots", lang), msg("Share", lang)),
        rows,
        (1, 2),
        (70, 15, 15),
    )


def _money_text(
    result: Analysis,
    fmt: Formatter,
    lang: str,
    labels: dict[str, dict[str, str]],
    funding: list[Any],
) -> ChartText:
    money = result.money
    families = labels.get("funding.family", {})
    today = mix_label(money, msg("Today", lang), msg("Budget", lang))
    target_total = sum(money.target.values()) if money.target else 0
    target = year_label(msg("Target", lang), money.target_year) if target_total > 0 else None
    ratios = {f.key: f.ratio for f in money.by_family}  # « ≈ 24 % » from approximate amounts

    def today_share(key: str) -> str:
        return fmt.ratio(ratios.get(key))

    def mix(values: dict[str, float | None]) -> str:
        return ", ".join(
            f"{families.get(key, key).lower()} {fmt.percent(values.get(key))}" for key in families
        )

    alt = msg(
        "Money by family. {today}: {mix}.",
        lang,
        today=today,
        mix=", ".join(f"{families.get(k, k).lower()} {today_share(k)}" for k in families),
    )
    if not money.base.complete:
        alt += " " + nmsg(
            "Shares of the {n} line whose amount is known, of {of}.",
            "Shares of the {n} lines whose amount is known, of {of}.",
            money.base.n,
            lang,
            of=money.base.of,
        )
    target_shares: dict[str, float | None] = {}
    if target and money.target:
        target_shares = {k: v / target_total for k, v in money.target.items()}
        alt += " " + msg("{target}: {mix}.", lang, target=target, mix=mix(target_shares))
    columns = [msg("Family of money", lang), today]
    if target:
        columns.append(target)
    rows = []
    columns.append(msg("Sources", lang))  # of the year's lines of each family
    cites = {str(line["id"]): line.get("cites") or [] for line in funding}
    for key, name in families.items():
        row = [name, today_share(key)]
        if target:
            row.append(fmt.percent(target_shares.get(key)))
        family_lines = [line for line in money.counted if line.family == key]
        row.append(numbers(sorted({n for line in family_lines for n in cites.get(line.id, [])})))
        rows.append(tuple(row))
    return ChartText(
        "money",
        msg("Money by family", lang),
        alt,
        tuple(columns),
        tuple(rows),
        tuple(range(1, len(columns) - 1)),
        (40, 20, 20, 20) if len(columns) == 4 else (46, 30, 24),
    )


def _stakeholders_text(m: Material, placed: list[dict[str, Any]], lang: str) -> ChartText:
    names = quadrant_names(m.lang)
    quadrants = m.analysis.partners.quadrants
    parts = [
        f"{names[key]}{colon(lang)} {', '.join(ids)}"
        for key, ids in quadrants.items()
        if ids and key in names
    ]
    alt = msg(
        "Stakeholder grid: {count} placed by power over the project and interest in it, "
        "from 1 to 5. {quadrants}.",
        lang,
        count=nmsg("{n} partner", "{n} partners", len(placed), lang),
        quadrants=f"{semicolon(lang)} ".join(parts),
    )
    unplaced = len(m.items["partners"]) - len(placed)
    if unplaced:
        alt += " " + nmsg(
            "{n} partner is not placed: power or interest unknown.",
            "{n} partners are not placed: power or interest unknown.",
            unplaced,
            lang,
        )
    rows = tuple(
        (
            f"{p['id']} {p['name'] or ''}".strip(),
            str(p["power"]),
            str(p["interest"]),
            p.get("attitude_label") or msg("unknown", lang),
            names.get(p["quadrant"], p["quadrant"]),
        )
        for p in placed
    )
    return ChartText(
        "stakeholders",
        msg("Stakeholder grid", lang),
        alt,
        (
            msg("Partner", lang),
            msg("Power", lang),
            msg("Interest", lang),
            msg("Attitude", lang),
            msg("Quadrant", lang),
        ),
        rows,
        (1, 2),
        (46, 10, 10, 14, 20),
    )


def _timeline_text(m: Material, fmt: Formatter, lang: str) -> ChartText:
    plan = m.analysis.plan
    titles = {a["id"]: str(a["title"]) for a in m.items["actions"]}
    axes = {a["id"]: a.get("axis_item") for a in m.items["actions"]}

    def when(date: Any) -> str:
        return fmt.date(date.stored(), "medium")

    each = ", ".join(f"{span.id} {span_text(span, fmt, lang)}" for span in plan.timeline)
    alt = msg(
        "Calendar of {count}: {each}.",
        lang,
        count=nmsg("{n} action with a start", "{n} actions with a start", len(plan.timeline), lang),
        each=each,
    )
    if plan.undated:
        alt += " " + nmsg(
            "{n} action has no date and is not shown: {ids}.",
            "{n} actions have no date and are not shown: {ids}.",
            len(plan.undated),
            lang,
            ids=", ".join(plan.undated),
        )
    next_meeting = as_date(m.answers.get("next_meeting"))
    if next_meeting:
        alt += " " + msg("Next meeting: {date}.", lang, date=fmt.date(next_meeting.stored()))
    rows = tuple(
        (
            f"{span.id} {titles.get(span.id, '')}".strip(),
            str(axis["id"]) if (axis := axes.get(span.id)) else "–",
            when(span.start),
            end_text(span, fmt, lang),
        )
        for span in plan.timeline
    )
    return ChartText(
        "timeline",
        msg("Calendar of the actions", lang),
        alt,
        (msg("Action", lang), msg("Axis", lang), msg("Start", lang), msg("End", lang)),
        rows,
        (),
        (58, 8, 17, 17),
    )


def _results_text(
    m: Material, series: list[charts_over_time.Series], fmt: Formatter, lang: str
) -> ChartText:
    indicators = {i["id"]: i for i in m.items["indicators"]}
    parts = []
    rows = []
    for one in series:
        item = indicators.get(one.id, {})
        points = [
            (m["date_text"], m["value_text"], numbers(m["cites"])) for m in item.get("series", [])
        ]
        if one.baseline:
            start = msg("{date} (baseline)", lang, date=item.get("baseline_date_text", ""))
            points.insert(0, (start, item.get("baseline_text", ""), numbers(item.get("cites"))))
        values = ", ".join(f"{date} {value}" for date, value, _ in points)
        text = f"{one.id} {one.title}{colon(lang)} {values}"
        if item.get("target_text") not in (None, "–"):
            target = item["target_text"]
            if item.get("target_date_text"):
                target = f"{target}, {item['target_date_text']}"
            text += " (" + msg("target {value}", lang, value=target) + ")"
        parts.append(text)
        for date, value, cites in points:
            rows.append((f"{one.id} {one.title}", date, value, cites))
    alt = msg("Results over time. {each}.", lang, each="; ".join(parts))
    apart = any(len(charts_over_time.joined(one.points)) < len(one.points) - 1 for one in series)
    if apart:  # the chart leaves them unjoined: no trend is drawn between them
        alt += " " + msg("Measures more than a year apart are not joined by a line.", lang)
    return ChartText(
        "results",
        msg("Results over time", lang),
        alt,
        (msg("Indicator", lang), msg("Date", lang), msg("Value", lang), msg("Sources", lang)),
        tuple(rows),
        (2,),
        (46, 18, 22, 14),
    )


def numbers(cites: Any) -> str:
    """The numbers of the sources a figure cites, as the tables print them: `[2, 3]`, or –."""
    return "[" + ", ".join(str(n) for n in cites) + "]" if cites else "–"

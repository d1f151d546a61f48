"""The synthesis of a portfolio as documents: Markdown, HTML, PDF, Word, and a workbook.

The same machinery as the roadmap (`document.py`): one context, the sandboxed templates
(`synthesis.md.j2`, `synthesis.html.j2` and their parts in `synthesis/`, overridden by name with
`--templates`), charts as SVG (PNG for Word), weasyprint for the PDF, pandoc for Word. The
workbook has a sheet per table of the report, written with `spreadsheets.XlsxWriter`.

Every sentence about what a figure rests on is made here, once, in the report's language, and
printed by every format: « 7 territoires sur 9 la donnent », « données insuffisantes : … ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct import __version__
from coconstruct.analysis import FAMILY_ORDER, Base
from coconstruct.batch.reading import Failure
from coconstruct.errors import CoconstructError
from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model.formatting import NONE, Formatter, formatter
from coconstruct.report.chart_texts import ChartText
from coconstruct.report.parts import Doc, Figure
from coconstruct.synthesis import STEM, Options
from coconstruct.synthesis.portfolio import Portfolio, Recurring, Spread
from coconstruct.synthesis.territory import Figure as Value
from coconstruct.synthesis.territory import Territory

if TYPE_CHECKING:
    from coconstruct.tables.sheets import Sheet

TEMPLATES = {"md": "synthesis.md.j2", "html": "synthesis.html.j2"}
PER_CHART = 24  # territories in one chart of funding mixes (6 rows of 4)
FIRST_WORDINGS = 6  # wordings of a group shown in the report (the workbook has them all)
NAMED = 5  # territories named beside a wording in the report (beyond: how many)
FAMILY_NAMES = {
    "public": N_("Public money"),
    "prive": N_("Private money"),
    "revenus_activite": N_("Earned income"),
}


def write(
    portfolio: Portfolio, failures: list[Failure], options: Options, timings: dict[str, float]
) -> list[Path]:
    """Write every format asked for into `options.out_dir`; return the paths written.

    The workbook is written first; when a format needing an engine (PDF, Word) fails, the
    others are still written and PartialRender names them all.
    """
    import time

    from coconstruct.report import PartialRender, RenderResult
    from coconstruct.report.document import Prepared, render_and_write
    from coconstruct.report.environment import search_path

    started = time.perf_counter()
    lang = options.lang
    ctx = context(portfolio, failures, lang, options.similarity)
    timings["context"] = time.perf_counter() - started
    out = options.out_dir
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg("{folder}: cannot create the folder ({reason})", folder=out, reason=exc.strerror)
        ) from None
    written: list[Path] = []
    if "xlsx" in options.formats:
        started = time.perf_counter()
        written.append(write_workbook(ctx, out / f"{STEM}.xlsx"))
        timings["xlsx"] = time.perf_counter() - started
    documents = [f for f in options.formats if f != "xlsx"]
    if not documents:
        return written
    prepared = Prepared(
        RenderResult(stem=STEM, lang=lang),
        tuple(search_path(options.templates_dir)),
        ctx,
        Doc(ctx["doc"]["title"], ctx["doc"]["territory"], ctx["doc"]["generator"]),
        ctx["chart_texts"],
        lambda: draw(ctx),
        msg("Contents", lang),
        templates=dict(TEMPLATES),
        chart_names=tuple(chart["name"] for chart in ctx["mix_charts"]),
    )
    try:
        written += render_and_write(prepared, documents, out)
    except PartialRender as exc:
        raise PartialRender(exc.failures, written + exc.written) from None
    finally:
        timings.update(prepared.result.timings)
    return written


# --- the context --------------------------------------------------------------------------------


def context(
    portfolio: Portfolio, failures: Sequence[Failure], lang: str, similarity: float
) -> dict[str, Any]:
    """What the synthesis templates see: the portfolio, its territories as rows of cells, the
    key figures, the sentences about bases, the charts in words."""
    fmt = formatter(lang)
    labels = portfolio.labels
    domains = [(r.key, r.label) for r in portfolio.domains]
    families = family_names(labels, lang)
    # names and titles stay in the language they were written in, said so to screen readers
    names = [_in(t.name, t.lang, lang) for t in portfolio.territories]
    langs = [t.lang for t in portfolio.territories]
    rows = [_row(t, names[i], domains, lang) for i, t in enumerate(portfolio.territories)]
    where = Where(names, langs, lang)
    mixed = [t for t in portfolio.territories if t.mix is not None]
    charts = _mix_charts(mixed, families, fmt, lang)
    period = portfolio.period
    ctx: dict[str, Any] = {
        "lang": lang,
        "fmt": fmt,
        "doc": {
            "title": msg("Portfolio synthesis", lang),
            "territory": nmsg("{n} territory", "{n} territories", portfolio.count, lang),
            "date": None,
            "author": "",
            "generator": f"coconstruct {__version__}",
        },
        "portfolio": portfolio,
        "territories": rows,
        "where": where,
        "domains": domains,
        "families": families,
        "key_figures": key_figures(portfolio, fmt, lang),
        "period": (period[0].date_text, period[1].date_text) if period else None,
        "needs": [_recurring(r, where) for r in portfolio.domains],
        "need_groups": [
            _recurring(r, where, labels.get("needs.domain", {})) for r in portfolio.recurring_needs
        ],
        "single_needs": len(portfolio.need_groups) - len(portfolio.recurring_needs),
        "types": [_recurring(r, where) for r in portfolio.partner_types],
        "funders": [_recurring(r, where, dict(families)) for r in portfolio.recurring_funders],
        "single_funders": len(portfolio.funders) - len(portfolio.recurring_funders),
        "forms": [_recurring(r, where) for r in portfolio.forms],
        "forms_base": _actions_with_form(portfolio.forms_base, lang),
        "not_mixed": [
            (names[i], t.mix_why) for i, t in enumerate(portfolio.territories) if t.mix is None
        ],
        "mix_charts": charts,
        "failures": list(failures),
        "said": {
            "territories": nmsg("{n} territory", "{n} territories", portfolio.count, lang),
            "needs_base": _of_territories(portfolio.with_needs, portfolio.count, "needs", lang),
            "partners_base": _of_territories(
                portfolio.with_partners, portfolio.count, "partners", lang
            ),
            "funders_base": _of_territories(
                portfolio.with_funders, portfolio.count, "funders", lang
            ),
            "actions_base": _of_territories(
                portfolio.with_actions, portfolio.count, "actions", lang
            ),
            "similarity": fmt.number(similarity),
        },
    }
    ctx["chart_texts"] = {chart["name"]: chart["text"] for chart in charts}
    ctx["chart_missing"] = {
        "mixes": "" if mixed else msg("No territory's shares of money can be given.", lang)
    }
    return ctx


def family_names(labels: dict[str, dict[str, str]], lang: str) -> list[tuple[str, str]]:
    """The families of money with their labels (the questionnaire's, else ours)."""
    known = labels.get("funding.family", {})
    keys = list(dict.fromkeys([*FAMILY_ORDER, *known]))
    return [(k, known.get(k) or msg(FAMILY_NAMES.get(k, k), lang)) for k in keys]


def key_figures(portfolio: Portfolio, fmt: Formatter, lang: str) -> list[Figure]:
    """The portfolio at a glance: counts, then each figure's median with its base."""
    territories = portfolio.territories
    count = portfolio.count
    drafts = count - portfolio.final
    needs = sum(t.needs for t in territories)
    partners = sum(t.partners for t in territories)
    actions = sum(t.actions for t in territories)
    spreads = portfolio.spreads
    return [
        Figure(
            str(count),
            nmsg("territory", "territories", count, lang),
            msg("{final} final, {drafts} in draft", lang, final=portfolio.final, drafts=drafts),
        ),
        Figure(
            str(needs),
            nmsg("need identified", "needs identified", needs, lang),
            _of_territories(portfolio.with_needs, count, "needs", lang),
            "needs",
        ),
        Figure(
            str(partners),
            nmsg("partner", "partners", partners, lang),
            _of_territories(portfolio.with_partners, count, "partners", lang),
        ),
        Figure(
            str(actions),
            nmsg("action", "actions", actions, lang),
            _of_territories(portfolio.with_actions, count, "actions", lang),
            "plan",
        ),
        _spread(
            spreads["coverage"],
            msg("of needs served by an action: median of the territories", lang),
            fmt.percent,
            "plan",
            lang,
        ),
        _spread(
            spreads["gap"],
            msg("scissor gap in points: median of the territories", lang),
            fmt.signed,
            "needs",
            lang,
        ),
        _spread(
            spreads["hybridisation"],
            msg("hybridisation index (0 to 1): median of the territories", lang),
            lambda v: fmt.number(v, 2),
            "money",
            lang,
        ),
        _spread(
            spreads["public_share"],
            msg("public money in the mix: median of the territories", lang),
            fmt.percent,
            "money",
            lang,
        ),
        _spread(
            spreads["dependency"],
            msg("of the money from outside from the largest funder: median", lang),
            fmt.percent,
            "money",
            lang,
        ),
    ]


def _spread(spread: Spread, label: str, show: Callable[[Any], str], kind: str, lang: str) -> Figure:
    """A median with what it rests on, or why it is not given."""
    base = spread.base
    given = nmsg(
        "{n} territory of {of} gives it",
        "{n} territories of {of} give it",
        base.n,
        lang,
        of=base.of,
    )
    if spread.median is None:
        if not base.n:
            return Figure(NONE, label, msg("no territory gives it", lang), kind)
        return Figure(NONE, label, msg("not enough data: {given}", lang, given=given), kind)
    spanned = msg("from {low} to {high}", lang, low=show(spread.low), high=show(spread.high))
    note = msg("{given}; {spread}", lang, given=given, spread=spanned)
    return Figure(show(spread.median), label, note, kind)


def _of_territories(n: int, of: int, what: str, lang: str) -> str:
    """`in 7 territories of 9`: how many territories a count comes from."""
    if what == "funders":
        return nmsg(
            "{n} territory of {of} names a funder",
            "{n} territories of {of} name a funder",
            n,
            lang,
            of=of,
        )
    return nmsg("in {n} territory of {of}", "in {n} territories of {of}", n, lang, of=of)


def _actions_with_form(base: Base, lang: str) -> str:
    return nmsg(
        "{n} action of {of} has a form of alliance",
        "{n} actions of {of} have a form of alliance",
        base.n,
        lang,
        of=base.of,
    )


# the figures of the territories' tables, in order: (key, what it is called in a reason)
FIGURES = (
    ("gap", N_("scissor gap")),
    ("hybridisation", N_("hybridisation")),
    ("public_share", N_("public share")),
    ("dependency", N_("largest funder")),
    ("coverage", N_("plan coverage")),
    ("budget", N_("plan budget")),
    ("money", N_("resources identified")),
)


def _row(t: Territory, name: str, domains: list[tuple[str, str]], lang: str) -> dict[str, Any]:
    """A territory as the tables print it: every cell as text, and why each dash is one."""
    reasons: dict[str, list[str]] = {}
    for key, figure in FIGURES:
        value: Value = getattr(t, key)
        if not value.given and value.why:
            reasons.setdefault(value.why, []).append(msg(figure, lang))
    status = msg("final", lang) if t.status == "final" else msg("draft", lang)
    return {
        "name": name,
        "source": t.source,
        "status": status,
        "date": t.date_text,
        "needs": t.needs,
        "domains": [t.domains.get(key, 0) for key, _ in domains],
        "partners": t.partners,
        "types": len(t.partner_types),
        "actions": t.actions,
        "gap": t.gap,
        "hybridisation": t.hybridisation,
        "public_share": t.public_share,
        "dependency": t.dependency,
        "largest_funder": t.largest_funder,
        "coverage": t.coverage,
        "budget": t.budget,
        "money": t.money,
        "money_year": t.money_year,
        "why": [(", ".join(figures), why) for why, figures in reasons.items()],
    }


def _in(text: str, written_in: str, lang: str) -> str:
    """Text typed in a workshop, marked with its language when it is not the report's."""
    from coconstruct.report.content.material import Written

    return Written(text, written_in) if written_in != lang else text


@dataclass(frozen=True)
class Where:
    """The territories' names and languages, to say where something is found."""

    names: list[str]
    langs: list[str]
    lang: str  # the report's

    def names_of(self, indexes: Sequence[int]) -> str:
        joined = ", ".join(self.names[i] for i in indexes)
        used = {self.langs[i] for i in indexes}
        return _in(joined, used.pop(), self.lang) if len(used) == 1 else joined


def _recurring(
    r: Recurring, where: Where, kind_labels: dict[str, str] | None = None
) -> dict[str, Any]:
    """A recurring need, type, funder or form as its tables print it: a group of titles is
    named by its most used wording, in the language of the territory that wrote it."""
    kinds = kind_labels or {}
    lang = where.lang
    wordings = [
        {
            "text": _in(text, where.langs[found[0]], lang),
            # the report names a few territories; the workbook names them all
            "where": where.names_of(found)
            if len(found) <= NAMED
            else nmsg("{n} territory", "{n} territories", len(found), lang),
            "everywhere": where.names_of(found),
            "count": len(found),
        }
        for text, found in r.variants
    ]
    return {
        "key": r.key,
        "label": wordings[0]["text"] if wordings else r.label,
        "territories": len(r.territories),
        "of": r.of,
        "base": msg("{n} of {of}", lang, n=len(r.territories), of=r.of),
        "where": [where.names[i] for i in r.territories],
        "count": r.items,  # not `items`: a template's `r.items` would be the dict's method
        "kinds": ", ".join(f"{kinds.get(k, k)} ({n})" for k, n in r.kinds.items()),
        "wordings": wordings[:FIRST_WORDINGS],
        "more_wordings": max(0, len(wordings) - FIRST_WORDINGS),
        "all_wordings": wordings,
    }


# --- the charts: funding mixes side by side ------------------------------------------------------


def _mix_charts(
    mixed: list[Territory], families: list[tuple[str, str]], fmt: Formatter, lang: str
) -> list[dict[str, Any]]:
    """The small multiples, PER_CHART territories a chart, each with its text and data."""
    chunks = [mixed[i : i + PER_CHART] for i in range(0, len(mixed), PER_CHART)]
    out = []
    for number, chunk in enumerate(chunks, 1):
        name = f"mixes{number}"
        title = (
            msg("Funding mixes side by side", lang)
            if len(chunks) == 1
            else msg("Funding mixes side by side ({n} of {of})", lang, n=number, of=len(chunks))
        )
        out.append(
            {
                "name": name,
                "title": title,
                "territories": chunk,
                "text": _mix_text(name, title, chunk, families, fmt, lang),
            }
        )
    return out


def _mix_note(t: Territory, fmt: Formatter, lang: str) -> str:
    index = fmt.number(t.hybridisation.value, 2)
    if t.money_year is None:
        return msg("hybridisation {index}", lang, index=index)
    return msg("{year} · hybridisation {index}", lang, year=t.money_year, index=index)


def _mix_text(
    name: str,
    title: str,
    chunk: list[Territory],
    families: list[tuple[str, str]],
    fmt: Formatter,
    lang: str,
) -> ChartText:
    def shares(t: Territory) -> str:
        mix = t.mix or {}
        return ", ".join(f"{label.lower()} {fmt.percent(mix.get(key))}" for key, label in families)

    each = "; ".join(f"{t.name}, {_mix_note(t, fmt, lang)}: {shares(t)}" for t in chunk)
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


def draw(ctx: dict[str, Any]) -> dict[str, str]:
    """SVG (or PNG inside `chartkit.as_png`) of each chart of funding mixes."""
    from coconstruct.report import charts
    from coconstruct.report.figures import draw_cached

    fmt: Formatter = ctx["fmt"]
    lang: str = ctx["lang"]
    families = ctx["families"]
    out = {}
    for chart in ctx["mix_charts"]:
        mixes = [
            charts.Mix(t.name, dict(t.mix or {}), _mix_note(t, fmt, lang))
            for t in chart["territories"]
        ]
        out[chart["name"]] = draw_cached(
            charts.money_mixes, mixes, families, fmt.percent, 3, chart["name"]
        )
    return out


# --- the workbook -------------------------------------------------------------------------------


def write_workbook(ctx: dict[str, Any], path: Path) -> Path:
    """A sheet per table of the report; a figure not given is the dash and why, never 0."""
    from coconstruct.tables.spreadsheets import XlsxWriter

    sheets = workbook(ctx)
    with XlsxWriter(path, [sheet for sheet, _ in sheets], ctx["lang"]) as writer:
        for sheet, rows in sheets:
            for row in rows:
                writer.append(sheet.name, row)
    return path


def workbook(ctx: dict[str, Any]) -> list[tuple[Sheet, list[list[Any]]]]:
    """The workbook's sheets and their rows: the report's tables, with every figure."""
    from coconstruct.tables.sheets import Column, Sheet

    lang = ctx["lang"]
    portfolio: Portfolio = ctx["portfolio"]

    def sheet(name: str, *columns: tuple[str, str, str] | Column) -> Sheet:
        """Headers are messages to translate; a Column comes with its label (a choice's)."""
        return Sheet(
            name,
            [c if isinstance(c, Column) else Column(c[0], msg(c[1], lang), c[2]) for c in columns],
        )

    def cell(value: Value, scale: float = 1) -> Any:
        """A number when the figure has one, else what the report prints and why."""
        if value.value is not None:
            return value.value * scale
        if value.text != NONE:
            return value.long or value.text  # a bound (`≥ 1 320 000 €`): as the report says it
        return f"{NONE} {value.why}" if value.why else NONE

    territories = sheet(
        "territories",
        ("name", N_("Territory"), "text"),
        ("status", N_("File status"), "text"),
        ("date", N_("Workshop"), "date"),
        ("needs", N_("Needs"), "count"),
        *(Column(f"domain:{key}", label, "count") for key, label in ctx["domains"]),
        ("gap", N_("Scissor gap (points)"), "number"),
        ("partners", N_("Partners"), "count"),
        ("types", N_("Types of actors"), "count"),
        ("hybridisation", N_("Hybridisation (0 to 1)"), "number"),
        ("public_share", N_("Public share"), "percent"),
        ("dependency", N_("Largest funder from outside: share"), "percent"),
        ("largest_funder", N_("Largest funder from outside"), "text"),
        ("money", N_("Resources identified"), "money"),
        ("money_year", N_("Year of the money"), "count"),
        ("actions", N_("Actions"), "count"),
        ("coverage", N_("Needs served by an action"), "percent"),
        ("budget", N_("Action plan budget"), "money"),
        ("file", N_("File"), "text"),
        ("version", N_("Questionnaire version"), "count"),
    )
    rows = []
    for t in portfolio.territories:
        status = msg("final", lang) if t.status == "final" else msg("draft", lang)
        rows.append(
            [
                t.name,
                status,
                t.date if isinstance(t.date, dt.date | str) else None,
                t.needs,
                *(t.domains.get(key, 0) for key, _ in ctx["domains"]),
                cell(t.gap),
                t.partners,
                len(t.partner_types),
                cell(t.hybridisation),
                cell(t.public_share, 100),
                cell(t.dependency, 100),
                t.largest_funder,
                cell(t.money),
                t.money_year,
                t.actions,
                cell(t.coverage, 100),
                cell(t.budget),
                t.source,
                t.version,
            ]
        )
    out: list[tuple[Sheet, list[list[Any]]]] = [(territories, rows)]

    def counted(name: str, first: str, found: list[dict[str, Any]], items: str) -> None:
        out.append(
            (
                sheet(
                    name,
                    ("label", first, "text"),
                    ("territories", N_("Territories"), "count"),
                    ("of", N_("Of"), "count"),
                    ("items", items, "count"),
                    ("where", N_("Where"), "text"),
                ),
                [
                    [r["label"], r["territories"], r["of"], r["count"], ", ".join(r["where"])]
                    for r in found
                ],
            )
        )

    counted("needs_by_domain", N_("Domain"), ctx["needs"], N_("Needs"))
    groups = [
        _recurring(r, ctx["where"], portfolio.labels.get("needs.domain", {}))
        for r in portfolio.need_groups
    ]
    out.append(
        (
            sheet(
                "similar_needs",
                ("key", N_("Group"), "text"),
                ("label", N_("Need"), "text"),
                ("territories", N_("Territories"), "count"),
                ("of", N_("Of"), "count"),
                ("items", N_("Needs"), "count"),
                ("kinds", N_("Domains"), "text"),
                ("wordings", N_("Titles as written"), "text"),
            ),
            [
                [
                    g["key"],
                    g["label"],
                    g["territories"],
                    g["of"],
                    g["count"],
                    g["kinds"],
                    "\n".join(f"{w['text']} ({w['everywhere']})" for w in g["all_wordings"]),
                ]
                for g in groups
            ],
        )
    )
    group_of = {
        (i, title): g.key
        for g in portfolio.need_groups
        for title, where in g.variants
        for i in where
    }
    domain_labels = portfolio.labels.get("needs.domain", {})
    out.append(
        (
            sheet(
                "needs",
                ("territory", N_("Territory"), "text"),
                ("id", N_("Id"), "text"),
                ("title", N_("Need"), "text"),
                ("domain", N_("Domain"), "text"),
                ("group", N_("Group"), "text"),
            ),
            [
                [
                    t.name,
                    need_id,
                    title,
                    domain_labels.get(domain, domain) if domain else None,
                    group_of.get((index, title)),
                ]
                for index, t in enumerate(portfolio.territories)
                for need_id, title, domain in t.need_titles
            ],
        )
    )
    counted("actor_types", N_("Type of actor"), ctx["types"], N_("Partners"))
    funders = [_recurring(r, ctx["where"], dict(ctx["families"])) for r in portfolio.funders]
    out.append(
        (
            sheet(
                "funders",
                ("key", N_("Group"), "text"),
                ("label", N_("Funder"), "text"),
                ("territories", N_("Territories"), "count"),
                ("of", N_("Of"), "count"),
                ("kinds", N_("Families of money"), "text"),
                ("wordings", N_("Names as written"), "text"),
            ),
            [
                [
                    f["key"],
                    f["label"],
                    f["territories"],
                    f["of"],
                    f["kinds"],
                    "\n".join(f"{w['text']} ({w['everywhere']})" for w in f["all_wordings"]),
                ]
                for f in funders
            ],
        )
    )
    families = ctx["families"]
    out.append(
        (
            sheet(
                "funding_mixes",
                ("territory", N_("Territory"), "text"),
                ("year", N_("Year of the money"), "count"),
                *(Column(f"family:{key}", label, "percent") for key, label in families),
                ("hybridisation", N_("Hybridisation (0 to 1)"), "number"),
                ("why", N_("Why the shares are not given"), "text"),
            ),
            [
                [
                    t.name,
                    t.money_year,
                    *(
                        100 * t.mix.get(key, 0.0) if t.mix is not None else NONE
                        for key, _ in families
                    ),
                    cell(t.hybridisation),
                    t.mix_why or None,
                ]
                for t in portfolio.territories
            ],
        )
    )
    counted("alliance_forms", N_("Form of alliance"), ctx["forms"], N_("Actions"))
    out.append(
        (
            sheet(
                "files_left_out",
                ("file", N_("File"), "text"),
                ("message", N_("Problem"), "text"),
                ("hint", N_("Hint"), "text"),
            ),
            [[f.source, f.message, f.hint] for f in ctx["failures"]],
        )
    )
    return out

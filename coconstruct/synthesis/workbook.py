"""The synthesis as a workbook: a sheet per table of the report, with every figure, every
wording and every territory named (the report shows the first few). A figure not given is the
dash and why, never 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct.batch.reading import Failure
from coconstruct.language.messages import N_, msg
from coconstruct.model.formatting import NONE
from coconstruct.report.parts import Words
from coconstruct.synthesis.mixes import family_names
from coconstruct.synthesis.portfolio import Portfolio, Recurring
from coconstruct.synthesis.territory import Figure as Value
from coconstruct.synthesis.wording import RecurringRow, Where, kinds_of, recurring, where

if TYPE_CHECKING:
    from coconstruct.tables.sheets import Column, Sheet

Rows = list[list[Any]]


def write_workbook(
    portfolio: Portfolio, failures: Sequence[Failure], lang: str, path: Path
) -> Path:
    """Write the workbook's sheets into `path` (an .xlsx file)."""
    from coconstruct.tables.spreadsheets import XlsxWriter

    sheets = workbook(portfolio, failures, lang)
    with XlsxWriter(path, [sheet for sheet, _ in sheets], lang) as writer:
        for sheet, rows in sheets:
            for row in rows:
                writer.append(sheet.name, row)
    return path


def workbook(
    portfolio: Portfolio, failures: Sequence[Failure], lang: str
) -> list[tuple[Sheet, Rows]]:
    """The workbook's sheets and their rows: the report's tables, with every figure."""
    book = _Book(portfolio, lang)
    return [
        book.territories(),
        book.counted("needs_by_domain", N_("Domain"), portfolio.domains, N_("Needs")),
        book.similar_needs(),
        book.needs(),
        book.counted("actor_types", N_("Type of actor"), portfolio.partner_types, N_("Partners")),
        book.funders(),
        book.mixes(),
        book.counted("alliance_forms", N_("Form of alliance"), portfolio.forms, N_("Actions")),
        book.files(),
        book.left_out(failures),
    ]


class _Book:
    """The sheets of one portfolio's workbook, one method each."""

    def __init__(self, portfolio: Portfolio, lang: str) -> None:
        self.portfolio = portfolio
        self.lang = lang
        self.words = Words(lang)
        self.where: Where = where(portfolio, lang)
        self.domains = [(r.key, r.label) for r in portfolio.domains]
        self.families = family_names(portfolio.labels, lang)

    def sheet(self, name: str, *columns: tuple[str, str, str] | Column) -> Sheet:
        """Headers are messages to translate; a Column comes with its label (a choice's)."""
        from coconstruct.tables.sheets import Column, Sheet

        return Sheet(
            name,
            [
                c if isinstance(c, Column) else Column(c[0], msg(c[1], self.lang), c[2])
                for c in columns
            ],
        )

    def names(self, indexes: Sequence[int]) -> str:
        return ", ".join(self.where.names[i] for i in indexes)

    def column(self, key: str, label: str, kind: str) -> Column:
        from coconstruct.tables.sheets import Column

        return Column(key, label, kind)

    def every(self, r: Recurring, kinds: dict[str, str] | None = None) -> RecurringRow:
        """A recurring group with every wording, each with every territory named."""
        return recurring(r, self.where, self.words, kinds, every=True)

    def territories(self) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "territories",
            ("name", N_("Territory"), "text"),
            ("status", N_("File status"), "text"),
            ("date", N_("Workshop"), "date"),
            ("needs", N_("Needs"), "count"),
            *(self.column(f"domain:{key}", label, "count") for key, label in self.domains),
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
        for t in self.portfolio.territories:
            status = msg("final", self.lang) if t.status == "final" else msg("draft", self.lang)
            rows.append(
                [
                    t.name,
                    status,
                    t.date if isinstance(t.date, dt.date | str) else None,
                    t.needs,
                    *(t.domains.get(key, 0) for key, _ in self.domains),
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
        return sheet, rows

    def counted(
        self, name: str, first: str, found: list[Recurring], items: str
    ) -> tuple[Sheet, Rows]:
        """Domains, types of actors or forms of alliance, by territory."""
        sheet = self.sheet(
            name,
            ("label", first, "text"),
            ("territories", N_("Territories"), "count"),
            ("of", N_("Of"), "count"),
            ("items", items, "count"),
            ("where", N_("Where"), "text"),
        )
        rows = [
            [
                r.label,
                len(r.territories),
                r.of,
                r.items,
                ", ".join(self.where.names[i] for i in r.territories),
            ]
            for r in found
        ]
        return sheet, rows

    def similar_needs(self) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "similar_needs",
            ("key", N_("Group"), "text"),
            ("label", N_("Need"), "text"),
            ("territories", N_("Territories"), "count"),
            ("of", N_("Of"), "count"),
            ("items", N_("Needs"), "count"),
            ("kinds", N_("Domains"), "text"),
            ("wordings", N_("Titles as written"), "text"),
        )
        domains = self.portfolio.labels.get("needs.domain", {})
        rows = []
        for group in self.portfolio.need_groups:
            row = self.every(group, domains)
            rows.append(
                [
                    group.key,
                    row.label,
                    len(group.territories),
                    group.of,
                    group.items,
                    kinds_of(group, domains),
                    _wordings(row),
                ]
            )
        return sheet, rows

    def needs(self) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "needs",
            ("territory", N_("Territory"), "text"),
            ("id", N_("Id"), "text"),
            ("title", N_("Need"), "text"),
            ("domain", N_("Domain"), "text"),
            ("group", N_("Group"), "text"),
        )
        group_of = {
            (i, title): g.key
            for g in self.portfolio.need_groups
            for title, found in g.variants
            for i in found
        }
        domains = self.portfolio.labels.get("needs.domain", {})
        rows = [
            [
                t.name,
                need_id,
                title,
                domains.get(domain, domain) if domain else None,
                group_of.get((index, title)),
            ]
            for index, t in enumerate(self.portfolio.territories)
            for need_id, title, domain in t.need_titles
        ]
        return sheet, rows

    def funders(self) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "funders",
            ("key", N_("Group"), "text"),
            ("label", N_("Funder"), "text"),
            ("territories", N_("Territories"), "count"),
            ("of", N_("Of"), "count"),
            ("kinds", N_("Families of money"), "text"),
            ("wordings", N_("Names as written"), "text"),
        )
        families = dict(self.families)
        rows = []
        for funder in self.portfolio.funders:
            row = self.every(funder, families)
            rows.append(
                [
                    funder.key,
                    row.label,
                    len(funder.territories),
                    funder.of,
                    kinds_of(funder, families),
                    _wordings(row),
                ]
            )
        return sheet, rows

    def mixes(self) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "funding_mixes",
            ("territory", N_("Territory"), "text"),
            ("year", N_("Year of the money"), "count"),
            *(self.column(f"family:{key}", label, "percent") for key, label in self.families),
            ("hybridisation", N_("Hybridisation (0 to 1)"), "number"),
            ("why", N_("Why the shares are not given"), "text"),
        )
        rows = [
            [
                t.name,
                t.money_year,
                *(
                    100 * t.mix.get(key, 0.0) if t.mix is not None else NONE
                    for key, _ in self.families
                ),
                cell(t.hybridisation),
                t.mix_why or None,
            ]
            for t in self.portfolio.territories
        ]
        return sheet, rows

    def files(self) -> tuple[Sheet, Rows]:
        """Every file read, the territory it is of, and whether it counts (an earlier version
        of a territory does not, unless every version counts)."""
        sheet = self.sheet(
            "files_read",
            ("file", N_("File"), "text"),
            ("territory", N_("Territory"), "text"),
            ("version", N_("Version of"), "text"),
            ("counted", N_("Counted"), "text"),
        )
        counted = msg("yes", self.lang)
        rows = [[t.source, t.name, t.version_text, counted] for t in self.portfolio.territories]
        rows += [
            [
                s.older.source,
                s.older.name,
                s.older.version_text,
                msg("no: {file} is a later version", self.lang, file=s.by.source),
            ]
            for s in self.portfolio.superseded
        ]
        return sheet, sorted(rows, key=lambda row: str(row[0]))

    def left_out(self, failures: Sequence[Failure]) -> tuple[Sheet, Rows]:
        sheet = self.sheet(
            "files_left_out",
            ("file", N_("File"), "text"),
            ("message", N_("Problem"), "text"),
            ("hint", N_("Hint"), "text"),
        )
        return sheet, [[f.source, f.message, f.hint] for f in failures]


def cell(value: Value, scale: float = 1) -> Any:
    """A number when the figure has one, else what the report prints and why."""
    if value.value is not None:
        return value.value * scale
    if value.text != NONE:
        return value.long or value.text  # a bound (`≥ 1 320 000 €`): as the report says it
    return f"{NONE} {value.why}" if value.why else NONE


def _wordings(row: RecurringRow) -> str:
    """Every wording of a group, each with where it is written, one a line."""
    return "\n".join(f"{w.text} ({w.where})" for w in row.wordings)

"""The answers made complete, labelled and linked: what the sections of the roadmap are built
from (and what a consultant's template may read beside them).

Every question of the questionnaire is present (None when unanswered), every list item has every
field, and each choice has its label next to it (`need["domain_label"]`), so that sections, ours
and a consultant's, can be written plainly and still run under StrictUndefined on a half-filled
file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis import Analysis
from coconstruct.language.messages import msg
from coconstruct.model import origin, values
from coconstruct.model.amounts import Sum
from coconstruct.model.dates import is_unknown
from coconstruct.model.formatting import Formatter
from coconstruct.model.questionnaire import Question, Questionnaire, text
from coconstruct.report import wording
from coconstruct.report.parts import Phrase, Words

TEXT_TYPES = ("text", "textarea")

#: an item of a list answer (a need, an action…), labelled and linked: its keys are the
#: questionnaire's fields, so they are only known when the questionnaire is read
Item = dict[str, Any]


class Written(str):
    """An answer typed in the workshop, in the answers file's language (`lang`).

    Answers stay in the language they were written in; when the report is in another one, the
    HTML marks them (`<span lang="fr">`, `<p lang="fr">`) so that a screen reader reads them
    with the right voice (WCAG 3.1.2). Only free text is marked: choices print the
    questionnaire's label in the report's language.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Written:
        value = super().__new__(cls, text)
        value.lang = lang
        return value


LISTS = (
    "participants",
    "communes",
    "sources",
    "needs",
    "resources",
    "partners",
    "funding",
    "axes",
    "actions",
    "indicators",
    "measures",
    "risks",
)


@dataclass(frozen=True)
class Material:
    """The answers of one file ready to be said: labelled, linked, with the analysis."""

    lang: str
    fmt: Formatter
    words: Words
    questionnaire: Questionnaire
    analysis: Analysis
    status: str
    answers: dict[str, Any]  # every question by id, None when unanswered
    items: dict[str, list[Item]]  # every list question's items (empty lists for ours)
    by_id: dict[str, Item]  # every item of every list, by its id
    labels: dict[str, dict[str, str]]  # choice labels by question path (`needs.domain`)
    questions: dict[str, str]  # each question's label
    section_titles: dict[str, str]  # each section of the questionnaire's title
    source_numbers: dict[str, int]  # a source's id → its number in the annex

    @property
    def workshop_held(self) -> bool:
        """A workshop took place: its date, room and vote may be said (model/origin.py)."""
        return origin.workshop_held(self.answers)

    @property
    def from_sources(self) -> bool:
        """The answers (also) come from documentary sources, not only from a workshop."""
        return origin.from_sources(self.answers)

    def not_entered(self) -> Phrase:
        """What a missing answer reads as: never « in the workshop » when none was held."""
        if self.from_sources:
            return self.words.gettext("Not entered.")
        return self.words.gettext("Not answered during the workshop.")

    def title(self, item_id: str) -> Any:
        """An item's title (a partner's name), by its id."""
        return self.by_id[item_id]["title"]

    def cites(self, value: Any) -> list[int]:
        """The numbers of the sources cited by a `sources` answer."""
        return _cites(value, self.source_numbers)


def gather(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    result: Analysis,
    lang: str,
    status: str,
    written_in: str | None = None,
) -> Material:
    """Every answer complete, labelled and linked.

    `written_in`: the language the answers were typed in; when it is not the report's, free
    text answers are `Written` strings that carry it.
    """
    from coconstruct.model.variants import for_answers

    q = for_answers(questionnaire, answers)  # a documented site's words: no workshop's
    fmt = Formatter(lang, q.currency, units_in=written_in)
    foreign = written_in if written_in and written_in != lang else None
    full = {
        question.id: _marked(question, _value(question, answers.get(question.id)), foreign)
        for question in q.questions()
    }
    items: dict[str, list[Item]] = {}
    for question in q.questions():
        if question.is_list:
            items[question.id] = _items(question, answers.get(question.id), lang, foreign)
    for name in LISTS:
        items.setdefault(name, [])
    by_id = {item["id"]: item for rows in items.values() for item in rows}
    labels = _choice_labels(q, lang)
    _link(items, by_id, result, labels)
    numbers = {s["id"]: n for n, s in enumerate(items["sources"], 1)}
    for rows in items.values():
        for item in rows:
            item["cites"] = _cites(item.get("sources"), numbers)
    _describe(items, result, fmt, labels, lang)
    return Material(
        lang=lang,
        fmt=fmt,
        words=Words(lang),
        questionnaire=q,
        analysis=result,
        status=status,
        answers=full,
        items=items,
        by_id=by_id,
        labels=labels,
        questions={question.id: text(question.label, lang) for question in q.questions()},
        section_titles={section.id: text(section.title, lang) for section in q.sections},
        source_numbers=numbers,
    )


def _cites(value: Any, numbers: Mapping[str, int]) -> list[int]:
    """The numbers of the sources an item cites, in order (unknown ids left out)."""
    ids = value if isinstance(value, list) else []
    return sorted({numbers[str(i)] for i in ids if str(i) in numbers})


def _value(question: Question, value: Any) -> Any:
    """A stored answer as templates want it: the list items go to their own keys."""
    if question.is_list:
        return value if isinstance(value, list) else []
    return value


def _marked(question: Question, value: Any, foreign: str | None) -> Any:
    if foreign and question.type in TEXT_TYPES and isinstance(value, str) and value:
        return Written(value, foreign)
    return value


def _items(
    question: Question, raw: Any, lang: str, foreign: str | None = None
) -> list[dict[str, Any]]:
    out = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(item, dict):
            continue
        row: dict[str, Any] = {"id": str(item.get("id") or f"#{index + 1}")}
        for fld in question.fields or []:
            value = _marked(fld, item.get(fld.id), foreign)
            row[fld.id] = value
            if fld.choices:
                row[f"{fld.id}_label"] = _label(fld, value, lang)
        row["title"] = row.get(question.item_title or "title") or row["id"]
        out.append(row)
    return out


def _label(question: Question, value: Any, lang: str) -> Any:
    if isinstance(value, list):
        return [_one_label(question, v, lang) for v in value]
    return None if value is None else _one_label(question, value, lang)


def _one_label(question: Question, value: Any, lang: str) -> str:
    choice = question.choice(value)
    return text(choice.label, lang) if choice else str(value)


def _choice_labels(q: Questionnaire, lang: str) -> dict[str, dict[str, str]]:
    """Every choice label by question path (`needs.domain`), for templates' own loops."""
    out: dict[str, dict[str, str]] = {}
    for question in q.questions():
        for sub in [question, *(question.fields or [])]:
            if sub.choices:
                path = sub.id if sub is question else f"{question.id}.{sub.id}"
                out[path] = {str(c.id): text(c.label, lang) for c in sub.choices}
    return out


def _link(
    items: dict[str, list[dict[str, Any]]],
    by_id: dict[str, dict[str, Any]],
    result: Analysis,
    labels: dict[str, dict[str, str]],
) -> None:
    """Resolve references both ways and attach each item's indicators."""

    def refs(value: Any) -> list[dict[str, Any]]:
        ids = value if isinstance(value, list) else [value] if value else []
        return [by_id[str(i)] for i in ids if str(i) in by_id]

    pressure = {n.id: n for n in result.scissors.needs}
    for need in items["needs"]:
        score = pressure.get(need["id"])
        need["pressure"] = score.pressure if score else None
        need["actions"] = [a for a in items["actions"] if need["id"] in _ids(a["needs_served"])]
        need["partners"] = [
            p for p in items["partners"] if need["id"] in _ids(p.get("needs_addressed"))
        ]
    for partner in items["partners"]:
        partner["needs"] = refs(partner.get("needs_addressed"))
        partner["quadrant"] = result.partners.quadrant_of.get(partner["id"])
        partner["lead_actions"] = refs(result.partners.leads_of.get(partner["id"], []))
        partner["joins"] = refs(result.partners.joins_of.get(partner["id"], []))
        partner["involved"] = partner["id"] in result.partners.involved
    for action in items["actions"]:
        action["needs"] = refs(action.get("needs_served"))
        action["lead_items"] = refs(action.get("leads"))
        action["partner_items"] = refs(action.get("partners"))
        axes = refs(action.get("axis"))
        action["axis_item"] = axes[0] if axes else None
    for axis in items["axes"]:
        axis["actions"] = [a for a in items["actions"] if a.get("axis") == axis["id"]]
    money = result.money
    lines = {line.id: line for line in money.lines}
    counted = {line.id for line in money.counted}
    for line in items["funding"]:
        known = lines.get(line["id"])
        figure = money.figures.get(line["id"])  # what it brings in the money's year
        line["counted"] = line["id"] in counted
        line["figure"] = figure
        line["share"] = (
            Sum.one(known.amount, money.spread.get(line["id"], 1.0)).ratio(money.sum)
            if known is not None and figure is not None and money.mix_reliable
            else None
        )
        if known and known.family and not line.get("family"):  # derived from the source
            line["family"] = known.family
            line["family_label"] = labels.get("funding.family", {}).get(known.family)
    risks = {r.id: r for r in result.risks}
    for risk in items["risks"]:
        scored = risks.get(risk["id"])
        risk["score"] = scored.score if scored else None
        risk["level"] = scored.level if scored else None
    items["risks"].sort(key=lambda r: -(r["score"] or 0))


def _describe(
    items: dict[str, list[dict[str, Any]]],
    result: Analysis,
    fmt: Formatter,
    labels: dict[str, dict[str, str]],
    lang: str,
) -> None:
    """What each item needs said the same way in every format (`…_text`): amounts as given
    (« ≈ 200 000 € », « montant non connu »), dates as given (« oct. 2016 »), periods, spans."""
    money = result.money
    undated = {line.id for line in money.lines if line.undated}
    by_rule = {line.id: line for line in money.lines if line.by_rule and line.amount}
    for line in items["funding"]:
        line["amount_text"] = fmt.amount(line["amount"]) if line["amount"] is not None else "–"
        ruled = by_rule.get(line["id"])
        if ruled is not None and ruled.amount is not None and ruled.rule is not None:
            rate, units, unit_name = ruled.rule
            # « ≈ 1 350 000 € (18 000 € × 75 postes) »: the estimate and the rule it comes from
            line["amount_text"] = msg(
                "{amount} ({rate} × {units})",
                lang,
                amount=fmt.amount(ruled.amount.stored()),
                rate=fmt.amount(rate),
                units=fmt.amount(units, money=False, unit=unit_name or "", typed_unit=True),
            )
        line["period_text"] = _line_period(fmt, line, lang, undated)
        part = money.spread.get(line["id"])
        share = Sum.one(values.as_amount(line["amount"]), part) if part is not None else None
        line["year_text"] = (
            msg("{amount} in {year}", lang, amount=fmt.total(share), year=money.year)
            if share is not None and share.figured
            else ""
        )
    spans = {span.id: span for span in result.plan.timeline}
    unbudgeted = set(result.plan.unbudgeted)
    horizons = {i: key for key, ids in result.plan.by_horizon.items() for i in ids}
    horizon_labels = labels.get("actions.horizon", {})
    for action in items["actions"]:
        budget = action.get("budget")
        action["budget_text"] = fmt.amount(budget) if budget is not None else "–"
        action["dates_text"] = (
            msg("date not known", lang)
            if action["id"] not in spans and is_unknown(action.get("start"))
            else wording.span_text(spans.get(action["id"]), fmt, lang)
        )
        action["lead_names"] = ", ".join(str(p["name"]) for p in action["lead_items"]) or "–"
        action["horizon_from_dates"] = action["id"] in result.plan.horizon_from_dates
        horizon = horizons.get(action["id"])  # as given, or from the dates
        action["horizon_label"] = horizon_labels.get(horizon) if horizon else None
    for axis in items["axes"]:
        mine = [a["id"] for a in axis["actions"]]
        total = result.plan.budget_by_axis_sum.get(axis["id"])
        if total is None:
            axis["budget_text"] = "–"
        else:  # open (≥) when an action of the axis has no budget
            axis["budget_text"] = fmt.total(
                total + Sum(unknown=sum(1 for i in mine if i in unbudgeted))
            )
    by_indicator = {i.id: i for i in result.results.indicators}
    measures = {str(item["id"]): item for item in items["measures"]}
    for indicator in items["indicators"]:
        unit = str(indicator.get("unit") or "")
        for key in ("baseline", "target"):
            value, when = indicator.get(key), indicator.get(f"{key}_date")
            indicator[f"{key}_text"] = (
                fmt.amount(value, money=False, unit=unit, typed_unit=True)
                if value is not None
                else "–"
            )
            indicator[f"{key}_date_text"] = fmt.date(when, "medium") if when is not None else ""
        found = by_indicator.get(indicator["id"])
        indicator["series"] = [
            {
                "id": m.id,
                "date_text": fmt.date(m.date.stored(), "medium"),
                "value_text": fmt.amount(m.value.stored(), money=False, unit=unit, typed_unit=True),
                "cites": measures[m.id]["cites"] if m.id in measures else [],
            }
            for m in (found.measures if found else [])
        ]
        indicator["latest"] = indicator["series"][-1] if indicator["series"] else None
        # figures of the same date that differ (sources disagree): all of them, each with its
        # sources, side by side; the latest is then all the figures of its date
        indicator["conflicts"] = [
            [entry for entry in indicator["series"] if entry["id"] in {m.id for m in group}]
            for group in (found.conflicts if found else [])
        ]
        if found is not None and found.latest_in_conflict:
            group = indicator["conflicts"][-1]
            indicator["latest"] = {
                "id": group[-1]["id"],
                "date_text": group[-1]["date_text"],
                "value_text": " / ".join(with_sources(e) for e in group),
                "cites": [],
                "conflict": True,
            }
        # the measures whose date is not known: apart, never the latest, never on an axis
        indicator["undated"] = [
            {
                "id": m.id,
                "date_text": msg("date not known", lang),
                "value_text": fmt.amount(m.value.stored(), money=False, unit=unit, typed_unit=True),
            }
            for m in (found.undated if found else [])
        ]
        indicator["progress"] = found.progress if found else None


def with_sources(entry: Mapping[str, Any]) -> str:
    """A measure's figure with the numbers of its sources: « 75 salariés [2] »."""
    cites = entry.get("cites") or ()
    numbers = " [" + ", ".join(str(n) for n in cites) + "]" if cites else ""
    return f"{entry['value_text']}{numbers}"


def _line_period(fmt: Formatter, line: Mapping[str, Any], lang: str, undated: set[str]) -> str:
    """When a funding line pays, as the analysis reads it: `depuis 2017` only for a line that
    recurs; a one-off or unsaid line with only a start pays in that period alone."""
    start, end = line.get("period_start"), line.get("period_end")
    if line["id"] in undated:  # said unknown, or a documented site's line without a period
        return msg("year not known", lang)
    if line.get("recurrence") == "recurrent" or (start is not None and end is not None):
        return wording.period(fmt, start, end, lang)
    one = start if start is not None else end
    return fmt.date(one, "medium") if one is not None else "–"


def _ids(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []

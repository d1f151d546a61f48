"""What templates see: the answers made complete and labelled, the analysis, the charts.

Every question of the questionnaire is present (None when unanswered), every list item has every
field, and each choice has its label next to it (`need.domain_label`), so that templates, ours and
a consultant's, can be written plainly and still run under StrictUndefined on a half-filled file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from coconstruct import __version__, analysis
from coconstruct.analysis import Analysis
from coconstruct.formatting import Formatter
from coconstruct.questionnaire import Question, Questionnaire, text
from coconstruct.values import as_date

TEXT_TYPES = ("text", "textarea")


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


LISTS = ("participants", "needs", "resources", "partners", "funding", "axes", "actions", "risks")


def build(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    result: Analysis,
    lang: str,
    status: str,
    gettext: Callable[[str], str],
    written_in: str | None = None,
) -> dict[str, Any]:
    """The template context (charts are added by the caller, per format).

    `written_in`: the language the answers were typed in; when it is not the report's, free
    text answers are `Written` strings that carry it.
    """
    q = questionnaire
    fmt = Formatter(lang, q.currency)
    foreign = written_in if written_in and written_in != lang else None
    full = {
        question.id: _marked(question, _value(question, answers.get(question.id)), foreign)
        for question in q.questions()
    }
    items: dict[str, list[dict[str, Any]]] = {}
    for question in q.questions():
        if question.is_list:
            items[question.id] = _items(question, answers.get(question.id), lang, foreign)
    for name in LISTS:
        items.setdefault(name, [])
    by_id = {item["id"]: item for rows in items.values() for item in rows}
    labels = _choice_labels(q, lang)
    _link(items, by_id, result, labels)
    return {
        "lang": lang,
        "doc": _doc(full, q, lang, status, fmt, gettext),
        "answers": full,
        **items,
        "by_id": by_id,
        "analysis": result,
        "labels": labels,
        "questions": {question.id: text(question.label, lang) for question in q.questions()},
        "section_titles": {section.id: text(section.title, lang) for section in q.sections},
        "quadrant_names": quadrant_names(gettext),
        "fmt": fmt,
    }


def quadrant_names(gettext: Callable[[str], str]) -> dict[str, str]:
    return {
        "manage_closely": gettext("Manage closely"),
        "keep_satisfied": gettext("Keep satisfied"),
        "keep_informed": gettext("Keep informed"),
        "monitor": gettext("Monitor"),
    }


def _doc(
    answers: Mapping[str, Any],
    q: Questionnaire,
    lang: str,
    status: str,
    fmt: Formatter,
    gettext: Callable[[str], str],
) -> dict[str, Any]:
    # plain text: the title goes into <title>, the PDF's metadata and running headers
    territory = str(answers.get("territory_name") or gettext("Unnamed territory"))
    return {
        "title": str(
            answers.get("workshop_title") or gettext("Territorial co-construction roadmap")
        ),
        "territory": territory,
        "questionnaire": text(q.title, lang),
        "status": status,
        "draft": status != "final",
        "date": as_date(answers.get("workshop_date")),
        "generator": f"coconstruct {__version__}",
        "currency": q.currency,
    }


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
        need["trend_score"] = score.trend if score else None
        need["actions"] = [a for a in items["actions"] if need["id"] in _ids(a["needs_served"])]
        need["partners"] = [
            p for p in items["partners"] if need["id"] in _ids(p.get("needs_addressed"))
        ]
    for resource in items["resources"]:
        resource["availability_index"] = analysis.availability_index(resource.get("availability"))
    for partner in items["partners"]:
        partner["needs"] = refs(partner.get("needs_addressed"))
        partner["quadrant"] = result.partners.quadrant_of.get(partner["id"])
        partner["leads"] = [a for a in items["actions"] if a.get("lead_partner") == partner["id"]]
        partner["joins"] = [a for a in items["actions"] if partner["id"] in _ids(a.get("partners"))]
    for action in items["actions"]:
        action["needs"] = refs(action.get("needs_served"))
        lead = refs(action.get("lead_partner"))
        action["lead"] = lead[0] if lead else None
        action["partner_items"] = refs(action.get("partners"))
        axes = refs(action.get("axis"))
        action["axis_item"] = axes[0] if axes else None
    for axis in items["axes"]:
        axis["actions"] = [a for a in items["actions"] if a.get("axis") == axis["id"]]
        axis["budget"] = result.plan.budget_by_axis.get(axis["id"])
    shares = {line.id: line for line in result.money.lines}
    for line in items["funding"]:
        known = shares.get(line["id"])
        line["share"] = known.amount / result.money.total if known and result.money.total else None
        if known and known.family and not line.get("family"):  # derived from the source
            line["family"] = known.family
            line["family_label"] = labels.get("funding.family", {}).get(known.family)
    risks = {r.id: r for r in result.risks}
    for risk in items["risks"]:
        scored = risks.get(risk["id"])
        risk["score"] = scored.score if scored else None
        risk["level"] = scored.level if scored else None
    items["risks"].sort(key=lambda r: -(r["score"] or 0))


def _ids(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []

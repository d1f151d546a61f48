"""The roadmap remembers: « Évolutions depuis l'atelier du … », from the diff of two versions.

`render FILE --compare REV|OLDFILE` reads the older version (`history.read_version`), compares it
with the file by question and item id (`history.diff`), and gives the templates what moved in
every list `diff` knows (needs, resources, partners, funding, actions, indicators, risks): each
item added, removed, renamed or changed, in words a client reads — the needs, partners and
actions in sentences of their own (« Besoin N12 clos », « Action A11 retirée du plan »), any
other change as `diff` says it (« A3 “…” › Budget : 10 000 € → 12 000 € ») — and the results
indicators whose latest measure moved (with the figures). The older version is named by its
workshop's date or its own, never by a file name or a revision. Every text is written here once,
so that the Markdown (and through it Word and LibreOffice) and the HTML (and the PDF) say the
same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coconstruct import analysis
from coconstruct.history import diff as d
from coconstruct.history.describe import describe
from coconstruct.language.locales import locale_for
from coconstruct.language.messages import N_, msg
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.formatting import Formatter
from coconstruct.model.questionnaire import Question, Questionnaire, text
from coconstruct.model.values import as_date
from coconstruct.report.parts import Cell, Heading, Phrase, Said, Table, Words, cell


@dataclass(frozen=True)
class ChangeGroup:
    """The changes of one list: needs, partners and commitments, actions."""

    title: Phrase
    changes: tuple[Said, ...]  # added, removed or changed


@dataclass(frozen=True)
class MovedIndicator:
    id: str
    title: str
    before: str  # « 12 (oct. 2025) », or « pas de mesure »
    now: str
    target: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(map(cell, (self.id, self.title, self.before, self.now, self.target)))


@dataclass(frozen=True)
class Evolution:
    """« Évolutions depuis l'atelier du … »: what moved since an older version."""

    head: Heading
    summary: Phrase  # « Par rapport à v1 : 7 changements. »
    nothing: Phrase | None  # said when nothing moved
    groups: tuple[ChangeGroup, ...]  # only those with changes
    indicators: Table[MovedIndicator]  # whose latest measure moved


def resolve(compare: str, answers_path: Any) -> str:
    """`--compare` as a version spec: an existing file, or the answers file at a revision."""
    from pathlib import Path

    if Path(compare).is_file():
        return compare
    return f"{answers_path}@{compare}"


def build(
    old: d.Version,
    new_doc: AnswersFile,
    q: Questionnaire,
    result: analysis.Analysis,
    fmt: Formatter,
    lang: str,
) -> Evolution:
    """The section: its title, and each family of changes (numbered by the roadmap after)."""
    d.migrated(old.doc, q)
    new = d.Version(new_doc, str(new_doc.path))
    compared = d.compare(old, new, q)
    changes = compared.changes
    before, after = old.doc.plain(), new_doc.plain()
    labels = _Labels(q, lang)
    needs_q, partners_q, actions_q = (q.question(k) for k in ("needs", "partners", "actions"))

    def items(plain: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
        rows = plain.get(key) if isinstance(plain.get(key), list) else []
        return {str(i["id"]): i for i in rows or [] if isinstance(i, dict) and "id" in i}

    old_needs, new_needs = items(before, "needs"), items(after, "needs")
    old_partners, new_partners = items(before, "partners"), items(after, "partners")
    old_actions, new_actions = items(before, "actions"), items(after, "actions")

    def added(key: str) -> list[str]:
        return [c.item or "" for c in changes if c.kind == d.ITEM_ADDED and c.question == key]

    def removed(key: str) -> list[str]:
        return [c.item or "" for c in changes if c.kind == d.ITEM_REMOVED and c.question == key]

    def changed(key: str, field: str) -> list[d.Change]:
        return [
            c
            for c in changes
            if c.question == key and c.field == field and c.kind in (d.CHANGED, d.SET, d.CLEARED)
        ]

    section = {
        "date_text": _since(old, new_doc, fmt, lang),
        "new_needs": [
            {
                "id": i,
                "title": _title(new_needs[i]),
                "priority": labels(needs_q, "priority", new_needs[i].get("priority")),
            }
            for i in added("needs")
        ],
        "closed_needs": [{"id": i, "title": _title(old_needs[i])} for i in removed("needs")],
        "priorities": [
            {
                "id": c.item,
                "title": _title(new_needs[c.item or ""]),
                "old": labels(needs_q, "priority", c.old),
                "new": labels(needs_q, "priority", c.new),
                "up": _level(c.new) > _level(c.old),
            }
            for c in changed("needs", "priority")
        ],
        "new_partners": [
            {
                "id": i,
                "name": _title(new_partners[i], "name"),
                "commitment": labels(partners_q, "commitment", new_partners[i].get("commitment")),
            }
            for i in added("partners")
        ],
        "gone_partners": [
            {"id": i, "name": _title(old_partners[i], "name")} for i in removed("partners")
        ],
        "commitments": [
            {
                "id": c.item,
                "name": _title(new_partners[c.item or ""], "name"),
                "old": labels(partners_q, "commitment", c.old),
                "new": labels(partners_q, "commitment", c.new),
            }
            for c in changed("partners", "commitment")
        ],
        "new_actions": [
            {
                "id": i,
                "title": _title(new_actions[i]),
                "status": labels(actions_q, "status", new_actions[i].get("status")),
            }
            for i in added("actions")
        ],
        "statuses": [
            {
                "id": c.item,
                "title": _title(new_actions[c.item or ""]),
                "old": labels(actions_q, "status", c.old),
                "new": labels(actions_q, "status", c.new),
            }
            for c in changed("actions", "status")
        ],
        "gone_actions": [{"id": i, "title": _title(old_actions[i])} for i in removed("actions")],
        **_others(compared, lang),
        "indicators": _indicators(before, q, old.doc.deferred, result, fmt, lang),
        "changes": len([c for c in changes if c.kind != d.ITEM_MOVED]),
    }
    workshop = _workshop_date(old, new_doc)
    date_text = str(section["date_text"])
    title = (
        _since_workshop(date_text, _precision(old, new_doc), lang)
        if workshop
        else msg("Changes since the version of {date}", lang, date=date_text)
    )
    if not date_text:
        title = msg("Changes since the previous version", lang)
    return _section(section, title, Words(lang))


# the fields whose change has a sentence of its own
_FIELDS = (("needs", "priority"), ("partners", "commitment"), ("actions", "status"))

# Each list's title, then what it says in order: the kind of change, its sentence, the rows said.
_CHANGES = {
    N_("Needs"): (
        ("added", N_("New need {id}, {title} (priority: {priority})."), "new_needs"),
        ("removed", N_("Need {id} closed: {title}."), "closed_needs"),
        ("changed", N_("Priority of {id}, {title}: {old} → {new}."), "priorities"),
    ),
    N_("Partners and commitments"): (
        ("added", N_("New partner {id}, {name} (commitment: {commitment})."), "new_partners"),
        ("removed", N_("Partner {id} no longer listed: {name}."), "gone_partners"),
        ("changed", N_("Commitment of {id}, {name}: {old} → {new}."), "commitments"),
    ),
    N_("Actions"): (
        ("added", N_("New action {id}, {title} (status: {status})."), "new_actions"),
        ("removed", N_("Action {id} removed from the plan: {title}."), "gone_actions"),
        ("changed", N_("Status of {id}, {title}: {old} → {new}."), "statuses"),
    ),
    N_("Resources"): (),
    N_("Funding"): (),
    N_("Indicators"): (),
    N_("Risks"): (),
}
# the list each group of `_CHANGES` is about, in the same order
_LISTS = ("needs", "partners", "actions", "resources", "funding", "indicators", "risks")
# what the sentences of `_CHANGES` say already, as (list, kind of change, field)
_SAID = {
    ("needs", d.ITEM_ADDED, None),
    ("needs", d.ITEM_REMOVED, None),
    ("partners", d.ITEM_ADDED, None),
    ("partners", d.ITEM_REMOVED, None),
    ("actions", d.ITEM_ADDED, None),
    ("actions", d.ITEM_REMOVED, None),
    *((key, kind, field) for key, field in _FIELDS for kind in (d.CHANGED, d.SET, d.CLEARED)),
}
_OTHER = N_("{where}: {what}.")  # any other change of a list, as `diff` says it
_KINDS = {d.ITEM_ADDED: "added", d.ITEM_REMOVED: "removed"}


def _others(compared: d.Diff, lang: str) -> dict[str, list[dict[str, str]]]:
    """Every change of a list that no sentence of `_CHANGES` says, as `diff` says it, by list
    (`others:resources`…). A move in a list is no change of the plan; an indicator's measures
    are the table's."""
    out: dict[str, list[dict[str, str]]] = {f"others:{key}": [] for key in _LISTS}
    for said in describe(compared, lang):
        change = said.change
        key = change.question
        if key not in _LISTS or change.item is None or change.kind == d.ITEM_MOVED:
            continue
        if (key, change.kind, change.field) in _SAID:
            continue
        what = said.what or msg("rewritten", lang)
        out[f"others:{key}"].append({"where": said.where, "what": what, "kind": change.kind})
    return out


def _section(e: dict[str, Any], title: str, w: Words) -> Evolution:
    """The changes said, one sentence each."""
    groups = tuple(
        ChangeGroup(
            w.gettext(group),
            (
                *(
                    Said(kind, w.gettext(sentence, **row))
                    for kind, sentence, rows in said
                    for row in e[rows]
                ),
                *(
                    Said(_KINDS.get(row["kind"], "changed"), w.gettext(_OTHER, **row))
                    for row in e[f"others:{key}"]
                ),
            ),
        )
        for (group, said), key in zip(_CHANGES.items(), _LISTS, strict=True)
    )
    indicators = tuple(MovedIndicator(**i) for i in e["indicators"])
    moved = any(group.changes for group in groups) or indicators
    return Evolution(
        head=Heading("evolution", "", title),
        summary=w.gettext(
            "{count} in all.", count=w.ngettext("{n} change", "{n} changes", e["changes"])
        ),
        nothing=None if moved else w.gettext("No need, partner, action or indicator moved."),
        groups=tuple(group for group in groups if group.changes),
        indicators=Table(
            w.gettext("Indicators"),
            (
                w.gettext("Indicator"),
                w.gettext("Before"),
                w.gettext("Now"),
                w.gettext("Target"),
            ),
            indicators,
        ),
    )


def _since(old: d.Version, new_doc: AnswersFile, fmt: Formatter, lang: str) -> str:
    """The date of the older version: its workshop's, when the newer file is another workshop;
    else the date of its commit (a file updated between two meetings keeps its workshop date)."""
    old_date = old.doc.answers.get("workshop_date")
    if old_date and str(old_date) != str(new_doc.answers.get("workshop_date")):
        return fmt.date(str(old_date))
    if old.date:
        return fmt.date(old.date[:10])
    return fmt.date(str(old_date)) if old_date else ""


def _precision(old: d.Version, new_doc: AnswersFile) -> str:
    """How precise the date `_since` says is: a commit's is a day; a workshop's as given."""
    old_date = old.doc.answers.get("workshop_date")
    if (old_date and str(old_date) != str(new_doc.answers.get("workshop_date"))) or not old.date:
        date = as_date(old_date)
        return date.precision if date is not None else "day"
    return "day"


def _since_workshop(date: str, precision: str, lang: str) -> str:
    """« Évolutions depuis l’atelier du 12 mars 2026 », « … de mars 2021 », « … d’octobre
    2021 », « … de 2021 », « … du T2 2021 »: the words fit the date as it was given."""
    if precision == "day":
        return msg("Changes since the workshop of {date}", lang, date=date)
    if precision == "quarter":
        return msg("Changes since the workshop held in {quarter}", lang, quarter=date)
    title = msg("Changes since the workshop held in {date}", lang, date=date)
    return locale_for(lang).elide(title)  # « de octobre » is « d’octobre » in French


def _workshop_date(old: d.Version, new_doc: AnswersFile) -> bool:
    """Whether the date said is the older workshop's (not the date of a commit)."""
    old_date = old.doc.answers.get("workshop_date")
    differs = old_date and str(old_date) != str(new_doc.answers.get("workshop_date"))
    return bool(differs or (old_date and not old.date))


class _Labels:
    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.q, self.lang = q, lang

    def __call__(self, question: Question | None, field: str, value: Any) -> str:
        if value is None or question is None:
            return "–"
        found = question.field(field)
        choice = found.choice(value) if found is not None else None
        return text(choice.label, self.lang) if choice is not None else str(value)


def _title(item: dict[str, Any], key: str = "title") -> str:
    return " ".join(str(item.get(key) or item.get("id") or "").split())


def _level(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _indicators(
    before: dict[str, Any],
    q: Questionnaire,
    deferred: list[str],
    result: analysis.Analysis,
    fmt: Formatter,
    lang: str,
) -> list[dict[str, Any]]:
    """Indicators whose latest measure is not the one of the older version, with the figures."""
    old = {i.id: i for i in analysis.analyse(before, q, deferred).results.indicators}
    moved = []
    for indicator in result.results.indicators:
        if not indicator.measures:
            continue
        latest = indicator.measures[-1]
        previous = old.get(indicator.id)
        earlier = previous.measures[-1] if previous and previous.measures else None
        if earlier is not None and (earlier.date, earlier.value) == (latest.date, latest.value):
            continue
        unit = indicator.unit or ""

        def figure(value: Any, unit: str = unit) -> str:
            return fmt.amount(value.stored(), money=False, unit=unit)

        moved.append(
            {
                "id": indicator.id,
                "title": indicator.title,
                "before": (
                    msg(
                        "{value} ({date})",
                        lang,
                        value=figure(earlier.value),
                        date=fmt.date(earlier.date.stored(), "medium"),
                    )
                    if earlier is not None
                    else msg("no measure", lang)
                ),
                "now": msg(
                    "{value} ({date})",
                    lang,
                    value=figure(latest.value),
                    date=fmt.date(latest.date.stored(), "medium"),
                ),
                "target": figure(indicator.target) if indicator.target is not None else "–",
            }
        )
    return moved

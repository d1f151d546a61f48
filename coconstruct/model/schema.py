"""The JSON Schema of an answers file, so that editors complete and check answers as you type."""

from __future__ import annotations

from typing import Any

from coconstruct.model.answers_file import STATUSES
from coconstruct.model.questionnaire import Question, Questionnaire, text

_NUMBER: dict[str, dict[str, Any]] = {
    "number": {"type": "number"},
    "money": {"type": "number", "minimum": 0},
    "percent": {"type": "number", "minimum": 0, "maximum": 100},
}


def answers_schema(questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    properties = {q.id: _question_schema(q, questionnaire, lang) for q in questionnaire.questions()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"coconstruct:{questionnaire.id}:{questionnaire.version}",
        "title": text(questionnaire.title, lang),
        "type": "object",
        "required": ["questionnaire", "answers"],
        "additionalProperties": False,
        "properties": {
            "questionnaire": {"type": "string", "default": questionnaire.id},
            "questionnaire_version": {"type": "integer", "const": questionnaire.version},
            "language": {"enum": questionnaire.languages},
            "status": {"enum": list(STATUSES), "default": "draft"},
            "answers": {"type": "object", "additionalProperties": False, "properties": properties},
            "deferred": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        },
    }


def _question_schema(q: Question, questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": text(q.label, lang)}
    if q.help:
        schema["description"] = text(q.help, lang)
    kind = q.type
    if kind in ("text", "textarea"):
        schema["type"] = "string"
        if q.min is not None:
            schema["minLength"] = int(q.min)
        if q.max is not None:
            schema["maxLength"] = int(q.max)
        if q.pattern:
            schema["pattern"] = q.pattern
    elif kind in _NUMBER:
        schema.update(_NUMBER[kind])
        if q.min is not None:
            schema["minimum"] = q.min
        if q.max is not None:
            schema["maximum"] = q.max
    elif kind == "date":
        schema.update(type="string", format="date")
    elif kind == "boolean":
        schema["type"] = "boolean"
    elif kind in ("select", "scale"):
        schema["enum"] = q.choice_ids
        schema["description"] = _choices_help(q, lang, schema.get("description"))
    elif kind == "multiselect":
        schema.update(type="array", uniqueItems=True, items={"enum": q.choice_ids})
        schema["description"] = _choices_help(q, lang, schema.get("description"))
    elif kind == "reference":
        target = questionnaire.question(q.to or "")
        prefix = target.item_prefix if target else ""
        item = {"type": "string", "pattern": f"^{prefix}[0-9]+$"}
        schema.update(
            item if not q.multiple else {"type": "array", "uniqueItems": True, "items": item}
        )
    elif kind == "list":
        fields = {f.id: _question_schema(f, questionnaire, lang) for f in q.fields or []}
        schema.update(
            type="array",
            items={
                "type": "object",
                "required": ["id"] + [f.id for f in q.fields or [] if f.required and not f.when],
                "additionalProperties": False,
                "properties": {"id": {"type": "string", "pattern": f"^{q.item_prefix}[0-9]+$"}}
                | fields,
            },
        )
    return _nullable(schema)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Allow `key:` with no value: the interview writes it for a question left empty."""
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    elif "type" in schema:
        schema["type"] = [schema["type"], "null"]
    return schema


def _choices_help(q: Question, lang: str, description: str | None) -> str:
    listed = "; ".join(f"{c.id} = {text(c.label, lang)}" for c in q.choices or [])
    return f"{description}\n{listed}" if description else listed

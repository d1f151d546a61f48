"""The JSON Schema of an answers file, so that editors complete and check answers as you type."""

from __future__ import annotations

from typing import Any

from coconstruct.model.answers_file import STATUSES
from coconstruct.model.questionnaire import Question, Questionnaire, text


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

    def describe(field: Question) -> dict[str, Any]:  # a list's field
        return _question_schema(field, questionnaire, lang)

    schema.update(q.kind.schema(questionnaire, lang, describe))
    return _nullable(schema)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Allow `key:` with no value: the interview writes it for a question left empty."""
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    elif "type" in schema:
        schema["type"] = [schema["type"], "null"]
    elif "anyOf" in schema:
        schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
    return schema

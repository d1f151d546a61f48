"""Answers as tables: sheets and columns from any questionnaire, cells typed as a spreadsheet
types them."""

from __future__ import annotations

import datetime as dt

from coconstruct.questionnaire import Question, Questionnaire
from coconstruct.tables import ANSWERS_SHEET, cell, layout, rows


def questionnaire(
    qid: str, fields: list[dict[str, object]], top: list[dict[str, object]]
) -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "id": qid,
            "version": 1,
            "title": {"fr": qid, "en": qid},
            "languages": ["fr", "en"],
            "sections": [
                {
                    "id": "s",
                    "title": {"fr": "S", "en": "S"},
                    "questions": [
                        *top,
                        {
                            "id": "things",
                            "type": "list",
                            "item_prefix": "T",
                            "label": {"fr": "Choses", "en": "Things"},
                            "fields": fields,
                        },
                    ],
                }
            ],
        }
    )


def field(fid: str, kind: str, fr: str, en: str, **more: object) -> dict[str, object]:
    return {"id": fid, "type": kind, "label": {"fr": fr, "en": en}, **more}


def test_sheets_and_columns_are_the_union_of_the_questionnaires() -> None:
    one = questionnaire(
        "one",
        [field("name", "text", "Nom", "Name"), field("status", "text", "Statut", "Status")],
        [field("place", "text", "Lieu", "Place")],
    )
    two = questionnaire(
        "two",
        [field("name", "text", "Nom complet", "Full name"), field("size", "number", "Nom", "N")],
        [field("date", "date", "Date", "Date")],
    )
    sheets = {sheet.name: sheet for sheet in layout([one, two], "fr")}
    assert list(sheets) == [ANSWERS_SHEET, "things"]
    assert sheets[ANSWERS_SHEET].header() == [
        "Territoire",
        "Lieu",
        "Choses",
        "Date",
        "Fichier",
        "Version du questionnaire",
        "Statut du fichier",
    ]
    # the first questionnaire names a column; a label used twice gets its id; a field called
    # `status` is not the file's status
    assert sheets["things"].header() == [
        "Territoire",
        "Id",
        "Nom (name)",
        "Statut",
        "Nom (size)",
        "Fichier",
        "Version du questionnaire",
        "Statut du fichier",
    ]
    found = dict(
        rows(
            {"things": [{"id": "T1", "name": "A", "status": "ok"}]},
            {"questionnaire_version": 1, "status": "final"},
            one,
            list(sheets.values()),
            "fr",
            "dossier/un.yaml",
        )
    )
    assert found["things"] == ["un", "T1", "A", "ok", None, "dossier/un.yaml", 1, "final"]
    assert found[ANSWERS_SHEET] == ["un", None, 1, None, "dossier/un.yaml", 1, "final"]


def test_a_value_of_a_kind_it_does_not_know_is_never_shown_as_missing() -> None:
    money = Question.model_validate(field("amount", "money", "Montant", "Amount"))
    day = Question.model_validate(field("when", "date", "Quand", "When"))
    # what a later version may store: an approximate amount, a month
    assert cell(money, "~200000", "fr") == "~200000"
    assert cell(day, "2016-10", "fr") == "2016-10"
    assert cell(day, "2016-10-03", "fr") == dt.date(2016, 10, 3)
    assert cell(money, 1200.5, "fr") == 1200.5

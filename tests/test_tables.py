"""Answers as tables: sheets and columns from any questionnaire, cells typed as a spreadsheet
types them."""

from __future__ import annotations

import datetime as dt

from coconstruct.model.questionnaire import Question, Questionnaire
from coconstruct.tables.sheets import ANSWERS_SHEET, cell, layout, rows


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
        "Nom (size) — nature du chiffre",  # a number may be approximate: its kind beside it
        "Nom (size) — jusqu’à",
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
    assert found["things"] == [
        "un",
        "T1",
        "A",
        "ok",
        None,
        None,
        None,
        "dossier/un.yaml",
        1,
        "final",
    ]
    assert found[ANSWERS_SHEET] == ["un", None, 1, None, "dossier/un.yaml", 1, "final"]


def spaced(value: object) -> object:
    """Text with babel's no-break spaces as plain ones (`200 000 €`)."""
    return value.replace("\u00a0", " ").replace("\u202f", " ") if isinstance(value, str) else value


def test_only_what_is_exact_is_a_number_or_a_date() -> None:
    money = Question.model_validate(field("amount", "money", "Montant", "Amount"))
    count = Question.model_validate(field("jobs", "number", "Emplois", "Jobs"))
    day = Question.model_validate(field("when", "date", "Quand", "When"))
    # exact: the spreadsheet's own numbers and dates
    assert cell(money, 1200.5, "fr") == 1200.5
    assert cell(count, 12, "en") == 12
    assert cell(day, "2016-10-03", "fr") == dt.date(2016, 10, 3)
    # approximate: what a room reads, in the export's language; never 0, never a made-up day
    for question, value, fr, en in [
        (money, "~200000", "≈ 200 000 €", "≈ €200,000"),
        (money, ">=700000", "au moins 700 000 €", "at least €700,000"),
        (money, "15000-20000", "15 000 € à 20 000 €", "€15,000 to €20,000"),
        (money, "~1200.5", "≈ 1 200,50 €", "≈ €1,200.50"),  # every cent: it is read back
        (money, "unknown", "montant non connu", "not known"),
        (count, "~12", "≈ 12", "≈ 12"),
        (count, "unknown", "inconnu", "unknown"),  # a count, not « montant non connu »
        (count, "2.5-3.75", "2,5 à 3,75", "2.5 to 3.75"),
        (day, "2016-10", "oct. 2016", "Oct 2016"),
        (day, "2021-Q2", "T2 2021", "Q2 2021"),
        (day, 2016, 2016, 2016),  # a year: a number, never a made-up 1 January
    ]:
        assert spaced(cell(question, value, "fr")) == fr, value
        assert spaced(cell(question, value, "en")) == en, value
    assert spaced(cell(money, "~200000", "en", currency="USD")) == "≈ $200,000"


def test_a_value_of_a_kind_it_does_not_know_is_never_shown_as_missing() -> None:
    money = Question.model_validate(field("amount", "money", "Montant", "Amount"))
    day = Question.model_validate(field("when", "date", "Quand", "When"))
    flag = Question.model_validate(field("ok", "boolean", "OK", "OK"))
    # what a later version may store, or a hand edit `validate` would refuse
    assert cell(money, "beaucoup", "fr") == "beaucoup"
    assert cell(day, "bientôt", "fr") == "bientôt"
    assert cell(flag, "peut-être", "fr") == "peut-être"

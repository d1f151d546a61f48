"""Question types: one class per type, each reading, checking, showing, writing in a cell and
describing its answers; a type added as one module of the package works in every command."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import bare_env
from hypothesis import given
from hypothesis import strategies as st

from coconstruct.model import display, question_types, values
from coconstruct.model.formatting import formatter
from coconstruct.model.question_types.common import Entry, QuestionType
from coconstruct.model.questionnaire import Question, Questionnaire
from coconstruct.model.schema import answers_schema
from coconstruct.model.values import InvalidValue
from coconstruct.tables import sheets

ROOT = Path(__file__).parent.parent

Q = Questionnaire.model_validate(
    {
        "id": "every_type",
        "version": 1,
        "title": {"fr": "Tous les types", "en": "Every type"},
        "languages": ["fr", "en"],
        "sections": [
            {
                "id": "s",
                "title": {"fr": "S", "en": "S"},
                "questions": [
                    {"id": "name", "type": "text", "label": {"fr": "Nom", "en": "Name"},
                     "min": 2, "max": 12, "pattern": "^[A-Z]"},
                    {"id": "story", "type": "textarea", "label": {"fr": "Récit", "en": "Story"}},
                    {"id": "kind", "type": "select", "label": {"fr": "Type", "en": "Kind"},
                     "help": {"fr": "Le type.", "en": "The kind."},
                     "choices": [{"id": "commune", "label": {"fr": "Commune", "en": "Town"}},
                                 {"id": "epci", "label": {"fr": "Intercommunalité (EPCI)",
                                                          "en": "Group of towns"}}]},
                    {"id": "goals", "type": "multiselect", "label": {"fr": "Buts", "en": "Goals"},
                     "max": 2,
                     "choices": [{"id": "eau", "label": {"fr": "Eau", "en": "Water"}},
                                 {"id": "air", "label": {"fr": "Air; vent", "en": "Air"}},
                                 {"id": "sol", "label": {"fr": "Sol", "en": "Soil"}}]},
                    {"id": "level", "type": "scale", "label": {"fr": "Niveau", "en": "Level"},
                     "choices": [{"id": 1, "label": {"fr": "bas", "en": "low"}},
                                 {"id": 2, "label": {"fr": "moyen", "en": "middle"}},
                                 {"id": 3, "label": {"fr": "haut", "en": "high"}}]},
                    {"id": "people", "type": "number", "label": {"fr": "Habitants", "en": "People"},
                     "min": 0, "unit": {"fr": "habitants", "en": "inhabitants"},
                     "unit_one": {"fr": "habitant", "en": "inhabitant"}},
                    {"id": "budget", "type": "money", "label": {"fr": "Budget", "en": "Budget"},
                     "max": 1000000},
                    {"id": "share", "type": "percent", "label": {"fr": "Part", "en": "Share"}},
                    {"id": "day", "type": "date", "label": {"fr": "Jour", "en": "Day"}},
                    {"id": "year", "type": "date", "label": {"fr": "Année", "en": "Year"},
                     "unit": {"fr": "AAAA", "en": "YYYY"}},
                    {"id": "open", "type": "boolean", "label": {"fr": "Ouvert", "en": "Open"}},
                    {"id": "needs", "type": "list", "label": {"fr": "Besoins", "en": "Needs"},
                     "item_prefix": "N", "item_title": "title", "max": 3,
                     "fields": [{"id": "title", "type": "text", "required": True,
                                 "label": {"fr": "Titre", "en": "Title"}}]},
                    {"id": "top", "type": "reference", "to": "needs",
                     "label": {"fr": "Premier", "en": "Top"}},
                    {"id": "served", "type": "reference", "to": "needs", "multiple": True,
                     "label": {"fr": "Servis", "en": "Served"}},
                ],
            }
        ],
    }
)  # fmt: skip
ANSWERS = {"needs": [{"id": "N1", "title": "Eau potable"}, {"id": "N2", "title": "Mobilité"}]}
ITEMS = values.items_index(Q, ANSWERS)


def q(qid: str) -> Question:
    found = Q.question(qid)
    assert found is not None
    return found


# --- the registry ----------------------------------------------------------------------------


def test_every_type_of_the_format_has_a_class_and_every_class_is_documented() -> None:
    """The registry and docs/questionnaire-format.md name the same types: a type added to the
    package is documented, and a documented type exists."""
    table = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z]+)` \|", table, re.M))
    assert documented == set(question_types.NAMES)
    for name in question_types.NAMES:
        kind = question_types.named(name)
        assert issubclass(kind, QuestionType) and kind.name == name
        assert not inspect.isabstract(kind), f"{name} does not say how it reads or checks"
        assert kind.__module__.startswith("coconstruct.model.question_types.")


def test_a_question_reaches_its_type_by_its_name() -> None:
    assert {question.type for question in Q.questions()} == set(question_types.NAMES)
    for question in Q.questions():
        assert question.kind.name == question.type
        assert question.kind.question is question


def test_an_unknown_type_is_refused_where_the_questionnaire_says_it(tmp_path: Path) -> None:
    from coconstruct.errors import ProblemsError
    from coconstruct.model.questionnaire import load_file

    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q, en: Q}\nlanguages: [fr, en]\nsections:\n"
        "  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - {id: a, type: colour, label: {fr: A, en: A}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as refused:
        load_file(path)
    problem = refused.value.problems[0]
    assert problem.startswith(f"{path}:9:23: sections[0].questions[0].type: Input should be")
    assert all(f"'{name}'" in problem for name in question_types.NAMES)


def test_the_types_a_migration_converts_into() -> None:
    assert question_types.CONVERSIONS == ("date", "money", "number", "text")
    named = question_types.named
    assert named("date").converted("10/2019", "fr") == "2019-10"
    assert named("date").converted("demain", "fr") is None
    assert named("number").converted("1 200,5", "fr") == 1200.5
    assert named("money").converted("~200 000", "fr") == "~200000"
    assert named("money").converted("beaucoup", "fr") is None
    assert named("text").converted(2027, "fr") == "2027"


# --- each type: typed text, stored values, rules ---------------------------------------------

PARSED = [
    ("name", " Saint-Ivy\nKermorvan ", "fr", "Saint-Ivy Kermorvan"),
    ("name", "   ", "fr", None),
    ("story", "\n  Deux\n  lignes  \n\n", "fr", "  Deux\n  lignes"),
    ("story", "\n\n", "fr", None),
    ("kind", "EPCI", "fr", "epci"),
    ("kind", "intercommunalité", "fr", "epci"),  # the start of one label
    ("kind", "Town", "fr", "commune"),  # a label in the other language
    ("goals", "eau, Air; vent", "fr", ["eau", "air"]),
    ("goals", "", "fr", []),
    ("level", "3", "fr", 3),
    ("level", "moyen", "fr", 2),
    ("people", "1 200,5", "fr", 1200.5),
    ("people", "~200 000", "fr", "~200000"),
    ("people", "au moins 700 000", "fr", ">=700000"),
    ("people", "15 000-20 000", "fr", "15000-20000"),
    ("people", "inconnu", "fr", "unknown"),
    ("budget", "€1,200.50", "en", 1200.5),
    ("share", "12,5 %", "fr", 12.5),
    ("day", "15/03/2027", "fr", "2027-03-15"),
    ("day", "T2 2027", "fr", "2027-Q2"),
    ("day", "March 2027", "en", "2027-03"),
    ("open", "Oui", "fr", True),
    ("open", "no", "fr", False),
    ("top", "mobilité", "fr", "N2"),
    ("served", "N2, Eau potable", "fr", ["N2", "N1"]),
    ("served", "", "fr", []),
]


@pytest.mark.parametrize(("qid", "raw", "lang", "stored"), PARSED)
def test_typed_text_becomes_the_answer_to_store(qid: str, raw: str, lang: str, stored: Any) -> None:
    assert values.parse(q(qid), raw, lang, ITEMS) == stored


REFUSED = [
    ("kind", "région", "fr", "« région » n'est pas un choix possible (commune, epci)"),
    ("goals", "eau, feu", "en", "'feu' is not one of the choices (eau, air, sol)"),
    ("level", "9", "fr", "« 9 » n'est pas un choix possible (1, 2, 3)"),
    ("people", "beaucoup", "en", "“beaucoup” is not a number (1,200, ~200,000"),
    ("share", "la moitié", "fr", "« la moitié » n'est pas un nombre"),
    ("day", "demain", "fr", "« demain » n'est pas une date"),
    ("open", "peut-être", "fr", "« peut-être » : répondez oui ou non"),
    ("top", "N9", "en", "'N9' is not an item of needs (N1, N2)"),
    ("needs", "N1", "en", "text is expected"),
]


@pytest.mark.parametrize(("qid", "raw", "lang", "said"), REFUSED)
def test_typed_text_that_is_no_answer_is_refused_with_why(
    qid: str, raw: str, lang: str, said: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        values.parse(q(qid), raw, lang, ITEMS)
    assert str(refused.value).startswith(said)


CHECKED = [
    ("name", "Saint-Ivy", []),
    ("name", "x", ["doit compter au moins 2 caractères", "ne respecte pas le format attendu"]),
    ("name", "Un\ndeux", ["une seule ligne est attendue"]),
    ("name", 12, ["un texte est attendu"]),
    ("story", "Deux\nlignes\n", []),
    ("kind", "commune", []),
    ("kind", True, ["« True » n'est pas un choix possible (commune, epci)"]),
    (
        "goals",
        ["eau", "eau", "feu"],
        [
            "« feu » n'est pas un choix possible (eau, air, sol)",
            "« eau » est choisi deux fois",
            "au plus 2 éléments",
        ],
    ),
    ("goals", "eau", ["une liste est attendue"]),
    ("level", 2, []),
    ("level", "2", ["« 2 » n'est pas un choix possible (1, 2, 3)"]),
    ("people", -3, ["doit valoir au moins 0"]),
    ("people", "~200 000", ["« ~200 000 » : écrivez-le ~200000 dans le fichier"]),
    ("people", "beaucoup", ["« beaucoup » n'est pas un nombre"]),
    ("budget", "~2000000", ["doit valoir au plus 1000000"]),  # an estimate: its figure
    ("budget", "15000-2000000", ["doit valoir au plus 1000000"]),  # a range: its top
    ("budget", ">=2000000", []),  # a floor has no top
    ("share", 120, ["un pourcentage est compris entre 0 et 100"]),
    ("share", "12", ["« 12 » n'est pas un nombre"]),
    ("day", "2027-Q1", []),
    ("day", "10/2019", ["« 10/2019 » : écrivez-le 2019-10 dans le fichier"]),
    ("day", dt.date(2027, 3, 15), []),
    ("open", "oui", ["« oui » : écrivez true (oui) ou false (non)"]),
    ("needs", [{"id": "N1"}] * 4, ["au plus 3 éléments"]),
    ("needs", {"id": "N1"}, ["une liste est attendue"]),
    ("top", "N3", ["« N3 » ne désigne aucun élément de needs (N1, N2)"]),
    ("top", ["N1"], ["un texte est attendu"]),
    ("served", ["N1", "N1"], ["« N1 » est choisi deux fois"]),
]


@pytest.mark.parametrize(("qid", "value", "problems"), CHECKED)
def test_a_stored_answer_is_checked_against_its_question(
    qid: str, value: Any, problems: list[str]
) -> None:
    assert values.check(q(qid), value, "fr", ITEMS) == problems


def test_an_empty_answer_is_only_wrong_when_required() -> None:
    title = q("needs").field("title")
    assert title is not None
    empty: Any
    for empty in (None, "", []):
        assert values.check(q("name"), empty, "fr") == []
        assert values.check(title, empty, "en") == ["an answer is required"]


def test_references_are_checked_against_items_only_when_they_are_known() -> None:
    assert values.check(q("top"), "N7", "fr") == []
    assert values.check(q("top"), "N7", "fr", ITEMS) != []


# --- as a room reads it ------------------------------------------------------------------------

SHOWN = [
    ("name", "Saint-Ivy\n  Kermorvan", "fr", "Saint-Ivy Kermorvan"),
    ("kind", "epci", "fr", "Intercommunalité (EPCI)"),
    ("kind", "gone", "fr", "gone"),  # a choice no longer offered: as written
    ("goals", ["eau", "air"], "en", "Water, Air"),
    ("level", 3, "fr", "3 · haut"),
    ("people", 1, "fr", "1\u00a0habitant"),
    ("people", 24000, "fr", "24\u202f000\u00a0habitants"),
    ("people", "~200000", "en", "≈\u00a0200,000\u00a0inhabitants"),
    ("people", "unknown", "fr", "inconnu"),
    ("budget", 1200.5, "fr", "1\u202f200,50\u00a0€"),
    ("budget", "15000-20000", "en", "€15,000 to €20,000"),
    ("share", 12.5, "fr", "12,5\u00a0%"),
    ("day", "2027-03-15", "fr", "15 mars 2027"),
    ("day", "2027-Q2", "en", "Q2\u00a02027"),
    ("open", True, "fr", "Oui"),
    ("open", "peut-être", "fr", "peut-être"),  # written by hand: as it is
    ("needs", ANSWERS["needs"], "fr", "2 éléments : Eau potable, Mobilité"),
    ("needs", [{"id": "N1"}], "en", "1 item: N1"),
    ("top", "N2", "fr", "N2 · Mobilité"),
    ("served", ["N1", "N9"], "fr", "N1 · Eau potable, N9"),
    ("share", "beaucoup", "fr", "beaucoup"),  # of the wrong type: as written
    ("people", None, "fr", "—"),
]


@pytest.mark.parametrize(("qid", "value", "lang", "shown"), SHOWN)
def test_an_answer_as_a_room_reads_it(qid: str, value: Any, lang: str, shown: str) -> None:
    assert display.answer(q(qid), value, lang, ITEMS) == shown


def test_a_level_is_a_gauge_and_other_answers_are_not() -> None:
    assert q("level").kind.gauge(2) == "●●○"
    assert q("level").kind.gauge(7) == "—"
    assert display.level(None, q("level")) == "—"
    assert all(q(qid).kind.gauge(2) is None for qid in ("people", "kind", "share"))


# --- spreadsheets ------------------------------------------------------------------------------

CELLS = [
    ("name", "Saint-Ivy", "fr", "Saint-Ivy"),
    ("story", "Deux\nlignes\n", "fr", "Deux\nlignes"),
    ("kind", "epci", "en", "Group of towns"),
    ("goals", ["eau", "air"], "fr", "Eau; Air; vent"),
    ("level", 2, "fr", 2),
    ("people", 24000, "fr", 24000),
    ("people", "~200000", "fr", "≈\u00a0200\u202f000"),
    ("budget", "unknown", "en", "not known"),
    ("share", 12.5, "fr", 12.5),
    ("day", "2027-03-15", "fr", dt.date(2027, 3, 15)),
    ("day", "2027-03", "fr", "mars 2027"),
    ("open", False, "fr", False),
    ("open", "peut-être", "fr", "peut-être"),
    ("needs", ANSWERS["needs"], "fr", 2),
    ("top", "N2", "fr", "N2"),
    ("served", ["N1", "N2"], "fr", "N1, N2"),
    ("budget", None, "fr", None),
]


@pytest.mark.parametrize(("qid", "value", "lang", "cell"), CELLS)
def test_an_answer_as_a_spreadsheet_cell(qid: str, value: Any, lang: str, cell: Any) -> None:
    assert sheets.cell(q(qid), value, lang, ITEMS) == cell


def test_each_type_fills_a_column_of_its_kind() -> None:
    kinds = {question.type: question.kind.column for question in Q.questions()}
    assert kinds == {
        "text": "text",
        "textarea": "text",
        "select": "text",
        "multiselect": "text",
        "scale": "level",
        "number": "number",
        "money": "money",
        "percent": "percent",
        "date": "date",
        "boolean": "boolean",
        "list": "count",
        "reference": "text",
    }


CELL_TEXTS = [
    ("people", 1200.5, None, "fr", "1\u202f200,5"),
    ("people", "1,200.5", "en", "fr", "1\u202f200,5"),  # an English table's figure
    ("people", "≈ 200,000", "en", "fr", "≈\u00a0200\u202f000"),
    ("people", "beaucoup", "en", "fr", "beaucoup"),  # for `set` to refuse
    ("share", "12,5", "fr", "en", "12.5"),
    ("day", dt.datetime(2027, 3, 15, 0, 0), None, "fr", "15/03/2027"),
    ("name", dt.datetime(2027, 3, 15, 8, 30), None, "fr", "2027-03-15 08:30:00"),
    ("name", 3.0, None, "fr", "3"),
    ("open", True, None, "fr", "true"),
]


@pytest.mark.parametrize(("qid", "value", "numbers", "lang", "text"), CELL_TEXTS)
def test_a_cell_read_back_as_the_text_set_is_given(
    qid: str, value: Any, numbers: str | None, lang: str, text: str
) -> None:
    assert q(qid).kind.cell_text(value, lang, formatter(lang), numbers) == text


def test_a_figure_that_reads_two_ways_in_the_table_is_refused_not_guessed() -> None:
    with pytest.raises(InvalidValue, match=re.escape("« 12.500 » peut se lire")):
        q("people").kind.cell_text("12.500", "fr", formatter("fr"), "fr")


# --- the JSON Schema ---------------------------------------------------------------------------


def test_each_type_describes_its_answers_in_the_json_schema() -> None:
    answers = answers_schema(Q, "en")["properties"]["answers"]["properties"]
    assert answers["name"] == {
        "title": "Name",
        "type": ["string", "null"],
        "minLength": 2,
        "maxLength": 12,
        "pattern": "^[A-Z]",
    }
    assert answers["kind"] == {
        "title": "Kind",
        "description": "The kind.\ncommune = Town; epci = Group of towns",
        "enum": ["commune", "epci", None],
    }
    assert answers["goals"]["type"] == ["array", "null"]
    assert answers["goals"]["items"] == {"enum": ["eau", "air", "sol"]}
    assert answers["level"]["enum"] == [1, 2, 3, None]
    assert answers["people"] == {"title": "People", "type": ["number", "null"], "minimum": 0}
    assert answers["budget"]["minimum"] == 0 and answers["budget"]["maximum"] == 1000000
    assert (answers["share"]["minimum"], answers["share"]["maximum"]) == (0, 100)
    # a year as a number, a month, a quarter or a day as text, or a date known not to be known
    day = answers["day"]["anyOf"]
    assert {"const": "unknown"} in day and {"type": "null"} in day
    assert {"type": "integer", "minimum": 1800, "maximum": 2200} in day
    assert answers["open"]["type"] == ["boolean", "null"]
    assert answers["top"]["pattern"] == "^N[0-9]+$"
    assert answers["served"]["items"] == {"type": "string", "pattern": "^N[0-9]+$"}
    item = answers["needs"]["items"]
    assert item["required"] == ["id", "title"]
    assert item["properties"]["title"]["type"] == ["string", "null"]


# --- the interview's request -------------------------------------------------------------------


def test_each_type_says_which_input_the_interview_asks_for() -> None:
    entries = {question.id: question.kind.entry for question in Q.questions()}
    assert entries == {
        "name": Entry.LINE,
        "story": Entry.LINES,
        "kind": Entry.ONE,
        "goals": Entry.SEVERAL,
        "level": Entry.LEVEL,
        "people": Entry.LINE,
        "budget": Entry.LINE,
        "share": Entry.LINE,
        "day": Entry.LINE,
        "year": Entry.LINE,
        "open": Entry.ONE,
        "needs": Entry.LINE,
        "top": Entry.ONE,
        "served": Entry.SEVERAL,
    }
    hints = {qid: q(qid).kind.unit_hint("fr", "EUR") for qid in entries}
    assert {qid: hint for qid, hint in hints.items() if hint} == {
        "people": "(habitants)",
        "budget": "(€)",
        "share": "(%)",
        "day": "(JJ/MM/AAAA, MM/AAAA ou AAAA)",  # a month or a year is an answer too
        "year": "(AAAA)",
    }
    assert q("budget").kind.unit_hint("en", "CHF") == "(CHF)"


def test_a_year_question_says_it_takes_a_year_where_it_is_typed() -> None:
    from coconstruct.model.questionnaire import load

    territoire = load("territoire")
    shown: dict[str, str | None] = {}
    for qid in ("population_year", "budget_year", "workshop_date"):
        question = territoire.question(qid)
        assert question is not None
        shown[qid] = question.kind.unit_hint("fr", "EUR")
    assert shown == {
        "population_year": "(AAAA)",
        "budget_year": "(AAAA)",
        "workshop_date": "(JJ/MM/AAAA, MM/AAAA ou AAAA)",
    }


def test_a_chosen_answer_offers_its_choices_its_items_or_yes_and_no() -> None:
    assert q("open").kind.options("fr", ITEMS) == [(True, "Oui", ""), (False, "Non", "")]
    assert q("top").kind.options("fr", ITEMS) == [
        ("N1", "N1 · Eau potable", ""),
        ("N2", "N2 · Mobilité", ""),
    ]
    assert [value for value, _, _ in q("level").kind.options("fr", ITEMS)] == [1, 2, 3]


# --- round trips -------------------------------------------------------------------------------

LANGS = st.sampled_from(["fr", "en"])
FIGURES = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(float),
)


@given(figure=FIGURES, lang=LANGS, qid=st.sampled_from(["people", "budget"]))
def test_a_figure_prefilled_in_a_prompt_reads_back_as_itself(
    figure: float, lang: str, qid: str
) -> None:
    question = q(qid)
    assert values.parse(question, display.as_input(question, figure, lang), lang) == figure


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    precision=st.sampled_from(["day", "month", "quarter", "year"]),
    lang=LANGS,
)
def test_a_date_prefilled_in_a_prompt_reads_back_as_itself(
    day: dt.date, precision: str, lang: str
) -> None:
    stored: Any = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "quarter": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        "year": day.year,
    }[precision]
    question = q("day")
    assert values.parse(question, display.as_input(question, stored, lang), lang) == stored


@given(share=st.decimals(min_value=0, max_value=100, places=3).map(float), lang=LANGS)
def test_a_percentage_shown_or_prefilled_reads_back_as_itself(share: float, lang: str) -> None:
    question = q("share")
    assert values.parse(question, display.as_input(question, share, lang), lang) == share


@given(data=st.data(), lang=LANGS)
def test_a_choice_or_an_item_as_a_room_reads_it_reads_back_as_itself(
    data: st.DataObject, lang: str
) -> None:
    qid = data.draw(st.sampled_from(["kind", "goals", "level", "open", "served"]))
    question = q(qid)
    offered = [value for value, _, _ in question.kind.options(lang, ITEMS)]
    if question.is_multi:
        value: Any = data.draw(st.lists(st.sampled_from(offered), min_size=1, unique=True))
    else:
        value = data.draw(st.sampled_from(offered))
    shown = display.answer(question, value, lang, ITEMS)
    if qid in ("served", "level"):  # `N1 · Eau potable`, `2 · moyen`: the id is typed
        shown = ", ".join(part.split(" · ")[0] for part in shown.split(", "))
    assert values.parse(question, shown, lang, ITEMS) == value


@given(
    value=st.one_of(
        st.integers(min_value=0, max_value=10**9),
        st.sampled_from(["~200000", ">=700000", "15000-20000", "unknown"]),
    ),
    lang=LANGS,
)
def test_an_exported_amount_imports_as_itself(value: Any, lang: str) -> None:
    question = q("people")
    cell = sheets.cell(question, value, lang)
    typed = question.kind.cell_text(cell, lang, formatter(lang), lang)
    assert values.parse(question, typed, lang) == value


# --- a new type is one module --------------------------------------------------------------------

EMAIL_TYPE = '''
"""`email`: an address to write to (a test's type)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coconstruct.model.question_types.free_text import FreeText
from coconstruct.model.values import InvalidValue, Items


class Email(FreeText):
    name = "email"

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        return self.coerce(raw, lang)

    def coerce(self, value: Any, lang: str) -> Any:
        value = super().coerce(value, lang)
        if not re.fullmatch(r"[^@\\s]+@[^@\\s]+", value):
            raise InvalidValue(f"{value!r} is no e-mail address")
        return value

    def schema(self, questionnaire: Any, lang: str, describe: Callable[..., Any]) -> Any:
        return {**super().schema(questionnaire, lang, describe), "format": "email"}
'''


@pytest.mark.slow
def test_a_type_added_as_one_module_works_in_every_command(tmp_path: Path) -> None:
    """A copy of the package with one more module, `email.py`: the questionnaire names the
    type, `set` reads and refuses with it, `validate`, `schema` and `export` know it."""
    shutil.copytree(
        ROOT / "coconstruct", tmp_path / "coconstruct", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp_path / "coconstruct" / "model" / "question_types" / "email.py").write_text(
        EMAIL_TYPE, encoding="utf-8"
    )
    (tmp_path / "q.yaml").write_text(
        "id: contacts\nversion: 1\ntitle: {fr: Contacts, en: Contacts}\nlanguages: [fr, en]\n"
        "sections:\n  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - {id: mail, type: email, label: {fr: Courriel, en: E-mail}}\n",
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text(
        "questionnaire: q.yaml\nquestionnaire_version: 1\nlanguage: en\nanswers:\n",
        encoding="utf-8",
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coconstruct", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
            env=bare_env(PYTHONPATH=str(tmp_path), COCONSTRUCT_LANG="en"),
        )

    assert run("questionnaires", "check", "q.yaml").returncode == 0
    refused = run("set", "a.yaml", "mail=nobody")
    assert refused.returncode == 2
    assert "'nobody' is no e-mail address" in refused.stderr
    assert run("set", "a.yaml", "mail=ana@example.org").returncode == 0
    assert "mail: ana@example.org" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert run("validate", "a.yaml").returncode == 0
    assert '"format": "email"' in run("schema", "-q", "q.yaml").stdout
    assert run("export", "a.yaml", "-o", "out", "-f", "csv").returncode == 0
    assert "ana@example.org" in (tmp_path / "out" / "answers.csv").read_text(encoding="utf-8-sig")


# --- numbers and codes as people type them ---------------------------------------------------

COUNTS = Questionnaire.model_validate(
    {
        "id": "counts",
        "version": 1,
        "title": {"fr": "Comptes", "en": "Counts"},
        "languages": ["fr", "en"],
        "sections": [
            {
                "id": "s",
                "title": {"fr": "S", "en": "S"},
                "questions": [
                    {"id": "population", "type": "number", "integer": True, "min": 0,
                     "label": {"fr": "Population", "en": "Population"}},
                    {"id": "hours", "type": "number", "label": {"fr": "Heures", "en": "Hours"}},
                    {"id": "siren", "type": "text", "pattern": "^[0-9]{9}$",
                     "label": {"fr": "SIREN", "en": "SIREN"}},
                ],
            }
        ],
    }
)  # fmt: skip


def counted(qid: str) -> Question:
    found = COUNTS.question(qid)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("qid", "raw", "lang", "stored"),
    [
        ("population", "12.500", "fr", 12500),  # 12,5 inhabitants cannot be: one reading
        ("population", "12,500", "fr", 12500),
        ("population", "12.500", "en", 12500),
        ("population", "12 500", "fr", 12500),
        ("population", "~12.500", "fr", "~12500"),
        ("population", "2 500-3 000", "fr", "2500-3000"),
        ("hours", "12,5", "fr", 12.5),  # a measure keeps its decimals
        ("hours", "12,500", "en", 12500),
        ("siren", "200 046 977", "fr", "200046977"),  # a code as printed
        ("siren", "200.046.977", "en", "200046977"),
        ("siren", "200\u00a0046\u00a0977", "fr", "200046977"),
    ],
)
def test_counts_and_codes_read_as_people_type_them(
    qid: str, raw: str, lang: str, stored: Any
) -> None:
    assert values.parse(counted(qid), raw, lang) == stored


@pytest.mark.parametrize(
    ("qid", "raw", "lang", "said"),
    [
        ("population", "12,5", "fr", "« 12,5 » n'est pas un nombre entier"),
        ("population", "12.5", "en", "“12.5” is not a whole number"),
        ("population", "2,5-3", "fr", "« 2,5-3 » n'est pas un nombre entier"),
        ("population", "20 000-15 000", "fr",
         "« 20 000-15 000 » : la fourchette descend ; vouliez-vous dire 15 000-20 000 ?"),
        ("hours", "15-10", "en", "“15-10”: the range goes down; did you mean 10-15?"),
        ("hours", "12.500", "fr", "« 12.500 » peut se lire 12\u202f500 ou 12,5"),  # still asked
    ],
)  # fmt: skip
def test_a_fraction_of_a_count_and_a_reversed_range_are_refused_with_why(
    qid: str, raw: str, lang: str, said: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        values.parse(counted(qid), raw, lang)
    assert str(refused.value).startswith(said)


def test_a_code_that_does_not_fit_even_compacted_is_kept_for_its_pattern_to_refuse() -> None:
    assert values.parse(counted("siren"), "200 046", "fr") == "200 046"
    assert values.check(counted("siren"), "200 046", "fr")  # the pattern's message


def test_a_fraction_stored_for_a_count_is_an_error_and_the_schema_says_integer() -> None:
    problems = values.check(counted("population"), 12.5, "fr")
    assert problems == ["« 12.5 » n'est pas un nombre entier"]
    assert values.check(counted("population"), 12500, "fr") == []
    assert values.check(counted("hours"), 12.5, "fr") == []
    schema = answers_schema(COUNTS, "fr")
    assert '"integer"' in json.dumps(schema)


def test_integer_is_for_number_questions_only(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q, en: Q}\nlanguages: [fr, en]\nsections:\n"
        "  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - id: name\n        type: text\n        integer: true\n"
        "        label: {fr: Nom, en: Name}\n",
        encoding="utf-8",
    )
    from coconstruct.errors import CoconstructError
    from coconstruct.model.questionnaire import load

    with pytest.raises(CoconstructError) as refused:
        load(str(path))
    assert "name: only number questions have `integer`" in str(refused.value) or (
        "seules les questions de type number ont `integer`" in str(refused.value)
    )

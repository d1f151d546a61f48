"""The interview logic, driven by a scripted fake prompter: no terminal involved."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coconstruct.errors import UsageError
from coconstruct.interview import BACK, DEFER, Ask, Interview, Menu, drafts, open_or_create
from coconstruct.model import questionnaire as qmod
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked

MINI = Path(__file__).parent / "data" / "mini.yaml"
EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"

Reply = Any | Callable[[Any], Any]


class Script:
    """A fake prompter: each step names what must be asked (a path or a menu key) and the reply.

    When the script runs out, the user "presses Ctrl-C" (KeyboardInterrupt), as in a real room.
    """

    def __init__(self, *steps: tuple[str, Reply]) -> None:
        self.steps = list(steps)
        self.requests: list[Ask | Menu] = []
        self.notices: list[str] = []

    def ask(self, request: Ask) -> Any:
        return self._next(request.path, request)

    def choose(self, menu: Menu) -> Any:
        return self._next(menu.key, menu)

    def notice(self, message: str) -> None:
        self.notices.append(message)

    def _next(self, where: str, request: Ask | Menu) -> Any:
        self.requests.append(request)
        if not self.steps:
            raise KeyboardInterrupt
        expected, reply = self.steps.pop(0)
        assert where == expected, f"the interview asked {where!r}, the script expected {expected!r}"
        return reply(request) if callable(reply) else reply

    def last(self, where: str) -> Any:
        """The last request for `where` (a path or a menu key)."""
        for request in reversed(self.requests):
            if getattr(request, "path", None) == where or getattr(request, "key", None) == where:
                return request
        raise AssertionError(f"{where} was never asked")


def new_file(tmp_path: Path, lang: str = "fr", **answers: Any) -> Path:
    q = qmod.load(str(MINI))
    path = tmp_path / "atelier.yaml"
    doc = AnswersFile.new(q, path, lang, str(MINI))
    for key, value in answers.items():
        doc.set(q, key, value)
    doc.save()
    return path


def interview(path: Path, script: Script, clock: Callable[[], float] | None = None) -> Interview:
    doc, q = load_checked(path)
    if clock is None:
        return Interview(doc, q, script)
    return Interview(doc, q, script, clock=clock)


def run(path: Path, *steps: tuple[str, Reply], section: str | None = None) -> Script:
    """Run the interview over `steps`; running out of steps quits like Ctrl-C."""
    script = Script(*steps)
    with contextlib.suppress(KeyboardInterrupt):
        interview(path, script).run(section)
    assert not script.steps, f"steps left over: {script.steps}"
    return script


def answers(path: Path) -> dict[str, Any]:
    return AnswersFile.load(path).plain()


def deferred(path: Path) -> list[str]:
    return AnswersFile.load(path).deferred


DONE_FRAME = {
    "territory_name": "X",
    "kind": "region",
    "population": 1,
    "workshop_date": "2027-03-15",
}
DONE_NEEDS = {"needs": [{"id": "N1", "title": "Eau"}], "top_need": "N1"}

FRAME = [
    ("section:cadre", "start"),
    ("territory_name", "Val d'Orbière"),
    ("kind", "commune"),
    ("code", "38185"),
    ("population", "1 200"),
    ("workshop_date", "15/03/2027"),
]


# --- a whole interview ------------------------------------------------------------------------


def test_a_whole_interview_saves_every_answer_in_questionnaire_order(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = Script(
        *FRAME,
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
        ("list:needs", "add"),
        ("needs[+].title", "Mobilité des jeunes"),
        ("needs[N1].priority", 3),
        ("needs[N1].urgent", True),
        ("needs[N1].why", "Le bus s'arrête en juin"),
        ("list:needs", "done"),
        ("top_need", "N1"),
        ("review:besoins", "continue"),
        ("section:budget", "start"),
        ("hours", "100"),
        ("hours_value", lambda ask: ask.text),  # Enter keeps the computed default
        ("public_share", "40 %"),
        ("themes", ["mobilite", "sante"]),
        ("notes", "Première ligne\nDeuxième ligne\n"),
        ("review:budget", "continue"),
        ("end", "quit"),
    )
    session = interview(path, script)
    session.run()
    assert not script.steps
    assert answers(path) == {
        "territory_name": "Val d'Orbière",
        "kind": "commune",
        "code": "38185",
        "population": 1200,
        "workshop_date": "2027-03-15",
        "needs": [
            {
                "id": "N1",
                "title": "Mobilité des jeunes",
                "priority": 3,
                "urgent": True,
                "why": "Le bus s'arrête en juin",
            }
        ],
        "top_need": "N1",
        "hours": 100,
        "hours_value": 1200,
        "public_share": 40,
        "themes": ["mobilite", "sante"],
        "notes": "Première ligne\nDeuxième ligne",
    }
    text = path.read_text(encoding="utf-8")
    assert "notes: |-\n    Première ligne\n    Deuxième ligne\n" in text
    # one save per answer, a new item's once its last field is answered (its answers go to
    # the autosave until then, drafts.py)
    assert session.saves == 12


def test_the_header_says_where_the_room_is(tmp_path: Path) -> None:
    now = [1000.0]
    path = new_file(tmp_path, territory_name="Val d'Orbière")

    def five_minutes_later(ask: Ask) -> str:
        now[0] += 300
        return "region"

    script = Script(("section:cadre", "start"), ("kind", five_minutes_later))
    with pytest.raises(KeyboardInterrupt):
        interview(path, script, clock=lambda: now[0]).run()
    header = script.last("population").header  # asked after kind: 5 minutes later
    assert header.territory == "Val d'Orbière"
    assert (header.section, header.section_number, header.section_count) == ("Cadre", 1, 3)
    # `code` is hidden (kind was not answered with commune), so population is question 3 of 4
    assert (header.question_number, header.question_count) == (3, 4)
    assert header.elapsed_seconds == 300.0
    assert header.timebox_minutes == 10


# --- typed input and rules --------------------------------------------------------------------


def test_a_rule_violation_is_shown_in_french_and_the_question_asked_again(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="region")
    script = run(
        path,
        ("section:cadre", "start"),
        ("population", "-5"),
        ("population", "beaucoup"),
        ("population", "1 200,50"),
        ("workshop_date", "32/13/2027"),
        ("workshop_date", "2027-03-15"),
    )
    first, second, third = [r for r in script.requests if getattr(r, "path", "") == "population"]
    assert first.error is None
    assert second.error == "doit valoir au moins 0"
    assert second.text == "-5"  # what was typed comes back, to be corrected
    assert third.error == (
        "« beaucoup » n'est pas un nombre (1 200, ~200 000, au moins 700 000, 15 000-20 000 ou "
        "inconnu)"
    )
    assert answers(path)["population"] == 1200.5
    assert "n'est pas une date" in script.last("workshop_date").error
    assert answers(path)["workshop_date"] == "2027-03-15"


def test_rule_messages_follow_the_file_language(tmp_path: Path) -> None:
    path = new_file(tmp_path, lang="en", territory_name="X", kind="region")
    script = run(path, ("section:cadre", "start"), ("population", "-5"), ("population", "5"))
    assert script.last("population").error == "must be at least 0"


def test_a_required_question_cannot_be_left_empty_but_can_be_set_aside(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = run(
        path,
        ("section:cadre", "start"),
        ("territory_name", ""),
        ("territory_name", DEFER),
        ("kind", "region"),
    )
    asked = [r for r in script.requests if getattr(r, "path", "") == "territory_name"]
    assert asked[1].error == "une réponse est attendue"
    assert deferred(path) == ["territory_name"]
    assert "territory_name" not in answers(path)


def test_an_optional_question_left_empty_is_kept_as_seen(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="region")
    run(path, ("section:cadre", "start"), ("population", ""), ("workshop_date", "2027-03-15"))
    assert "population:\n" in path.read_text(encoding="utf-8")
    assert answers(path)["population"] is None
    # a later session does not stop at the question left empty
    run(path, ("section:besoins", "start"))


# --- navigation -------------------------------------------------------------------------------


def test_back_returns_to_the_previous_question_with_its_answer(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = run(
        path,
        ("section:cadre", "start"),
        ("territory_name", "Val"),
        ("kind", "commune"),
        ("code", BACK),
        ("kind", BACK),
        ("territory_name", lambda ask: ask.text + " d'Orbière"),
        ("kind", lambda ask: ask.current),
        ("code", "38185"),
    )
    assert script.last("kind").current == "commune"
    assert answers(path) == {"territory_name": "Val d'Orbière", "kind": "commune", "code": "38185"}


def test_back_at_the_first_question_goes_to_its_card_then_the_sections(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = run(
        path,
        ("section:cadre", "start"),
        ("territory_name", BACK),
        ("section:cadre", BACK),  # a second Ctrl-B at the section's start: the sections
        ("go-to-section", BACK),  # nothing before the first question
        ("territory_name", "X"),
    )
    assert script.notices == ["C'est la première question."]
    assert "Ctrl-B encore : la liste des sections." in script.requests[2].help
    assert "Ctrl-B encore" not in script.requests[0].help


def test_back_crosses_into_the_previous_section(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    run(
        path,
        *FRAME,
        ("review:cadre", "continue"),
        ("section:besoins", BACK),
        ("workshop_date", "2027-03-16"),
        ("review:cadre", BACK),
        ("workshop_date", lambda ask: ask.text),
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
    )
    assert answers(path)["workshop_date"] == "2027-03-16"


def test_back_from_a_sections_card_goes_into_the_previous_section(tmp_path: Path) -> None:
    # the walk comes to the budget card past `hours`, already answered: back is still back into
    # the needs, as the room expects, and forward again shows the card again
    path = new_file(tmp_path, **DONE_FRAME, **DONE_NEEDS, hours=3)
    run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "done"),
        ("top_need", "N1"),
        ("review:besoins", "continue"),
        ("section:budget", BACK),
        ("top_need", "N1"),
        ("review:besoins", "continue"),
        ("section:budget", "start"),
        ("hours_value", lambda ask: ask.text),
        section="besoins",
    )


def test_resume_starts_at_the_first_question_without_an_answer(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="commune", code="38185")
    run(path, ("section:cadre", "start"), ("population", "10"))
    run(
        path,
        ("section:cadre", "start"),
        ("workshop_date", "2027-03-15"),
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
    )


def test_resume_passes_a_question_skipped_for_want_of_items(tmp_path: Path) -> None:
    # the room stopped at the public share: the top need was skipped (no needs yet), the hours
    # and their value answered
    path = new_file(tmp_path, **DONE_FRAME, needs=[], hours=10, hours_value=120)
    script = run(path, ("section:budget", "start"), ("public_share", "40"))
    asked = [getattr(r, "path", getattr(r, "key", "")) for r in script.requests]
    assert asked == ["section:budget", "public_share", "themes"]  # not `hours` again
    assert answers(path)["public_share"] == 40


def test_section_jumps_to_a_section_even_when_it_is_answered(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="region", hours=3)
    script = run(
        path, ("section:budget", "start"), ("hours", lambda ask: ask.text), section="budget"
    )
    assert script.last("hours").text == "3"


def test_an_unknown_section_is_a_usage_error(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    with pytest.raises(UsageError, match="section inconnue"):
        interview(path, Script()).run("nowhere")


def test_after_a_review_the_interview_goes_on_at_the_next_open_question(tmp_path: Path) -> None:
    path = new_file(tmp_path, needs=[{"id": "N1", "title": "Eau"}], top_need="N1", hours=2)
    run(
        path,
        *FRAME,
        ("review:cadre", "continue"),
        # besoins is complete: the interview skips it and goes on in budget
        ("section:budget", "start"),
        ("hours_value", "10"),
    )


# --- setting questions aside ------------------------------------------------------------------


def test_deferred_questions_are_recorded_and_offered_at_the_end(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_NEEDS)
    script = Script(
        ("section:cadre", "start"),
        ("territory_name", "X"),
        ("kind", "region"),
        ("population", DEFER),
        ("workshop_date", "2027-03-15"),
        ("review:cadre", "continue"),
        ("section:budget", "start"),
        ("hours", DEFER),
        ("hours_value", ""),
        ("public_share", ""),
        ("themes", []),
        ("notes", ""),
        ("review:budget", "continue"),
        ("end", "deferred"),
    )
    with pytest.raises(KeyboardInterrupt):
        interview(path, script).run()
    assert deferred(path) == ["population", "hours"]
    end = script.last("end")
    assert [o.value for o in end.options] == ["deferred", "review", "quit"]
    # named as the room knows them, with their section's number: never an internal id
    assert end.table.rows == (("1", "Population"), ("3", "Heures de bénévolat"))
    assert "Mis de côté : « Population » (à revoir)." in script.notices

    # nothing is open any more: a new session goes straight to the end menu
    run(path, ("end", "deferred"), ("population", "300"), ("hours", DEFER), ("end", "quit"))
    assert deferred(path) == ["hours"]
    assert answers(path)["population"] == 300


def test_a_question_set_aside_is_not_where_a_later_session_resumes(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="region")
    run(path, ("section:cadre", "start"), ("population", DEFER))
    run(path, ("section:cadre", "start"), ("workshop_date", "2027-03-15"))


# --- review and edit, `when` and computed defaults -------------------------------------------


def test_the_review_shows_a_table_of_the_section_answers(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = run(path, *FRAME, ("review:cadre", BACK), ("workshop_date", BACK))
    table = script.last("review:cadre").table
    assert table.columns == ("#", "Question", "Réponse")
    assert table.rows == (
        ("1", "Nom du territoire", "Val d'Orbière"),
        ("2", "Type de territoire", "Commune"),
        ("3", "Code INSEE", "38185"),
        ("4", "Population", "1\u202f200\u00a0habitants"),  # grouped, as the report prints it
        ("5", "Date de l’atelier", "15 mars 2027"),
    )


def test_an_answer_changed_from_the_review_hides_a_question_but_keeps_its_answer(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path)
    script = run(
        path,
        *FRAME,
        ("review:cadre", "kind"),  # the answer's row: chosen to change it
        ("kind", "region"),
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
    )
    assert answers(path)["code"] == "38185"  # kept, never silently deleted
    rows = script.last("review:cadre").table.rows
    assert ("", "Code INSEE", "(ne s'applique plus) 38185") in rows


def test_an_answer_changed_from_the_review_asks_what_it_brings_up(tmp_path: Path) -> None:
    path = new_file(tmp_path, territory_name="X", kind="region", population=5)
    run(
        path,
        ("section:cadre", "start"),
        ("workshop_date", "2027-03-15"),
        ("review:cadre", "kind"),
        ("kind", "commune"),
        ("code", "38185"),  # newly shown by the change, asked at once
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
    )
    assert answers(path)["code"] == "38185"


def test_a_computed_default_follows_the_answer_it_depends_on(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_FRAME, **DONE_NEEDS)
    script = run(
        path,
        ("section:budget", "start"),
        ("hours", "10"),
        ("hours_value", lambda ask: ask.text),
        ("public_share", BACK),
        ("hours_value", BACK),
        ("hours", "20"),
        ("hours_value", lambda ask: ask.text),
    )
    assert script.requests[2].text == "120"
    assert script.last("hours_value").text == "240"
    assert answers(path)["hours_value"] == 240
    assert "« Valeur du bénévolat » recalculé : 240\u00a0€" in script.notices


def test_a_typed_answer_does_not_follow_a_computed_default(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_FRAME, **DONE_NEEDS, hours=10, hours_value=500)
    run(
        path,
        ("section:budget", "start"),
        ("hours", "20"),
        ("hours_value", BACK),
        ("hours", "30"),
        section="budget",
    )
    assert answers(path)["hours_value"] == 500


# --- lists and references ---------------------------------------------------------------------


def test_list_items_are_added_edited_moved_and_removed(tmp_path: Path) -> None:
    path = new_file(
        tmp_path, territory_name="X", kind="region", population=1, workshop_date="2027-03-15"
    )
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "done"),  # with no item: refused, at least one need is expected
        ("list:needs", "add"),
        ("needs[+].title", "Eau"),
        ("needs[N1].priority", 2),
        ("needs[N1].urgent", False),  # `why` is skipped: it applies to urgent needs only
        ("list:needs", "add"),
        ("needs[+].title", "Santé"),
        ("needs[N2].priority", None),
        ("needs[N2].urgent", None),
        ("list:needs", "N1"),  # the item's row: its screen
        ("item:needs", "urgent"),  # a field's row
        ("needs[N1].urgent", True),
        ("needs[N1].why", "Sécheresse"),  # newly applies: asked at once
        ("list:needs", "N2"),
        ("item:needs", "move"),
        ("move-to:needs", 0),
        ("list:needs", "N1"),
        ("item:needs", "remove"),
        ("confirm-remove:needs", True),
        ("list:needs", "add"),
        ("needs[+].title", "Logement"),
        ("needs[N3].priority", BACK),
        ("needs[N3].title", BACK),  # back to the list: a draft, not an item yet
        ("list:needs", "draft"),  # « Reprendre la saisie : Logement »
        ("needs[N3].priority", None),  # where it stopped, the title kept
        ("needs[N3].urgent", None),
        ("list:needs", "done"),
    )
    menus = [r for r in script.requests if getattr(r, "key", "") == "list:needs"]
    assert menus[1].error == "au moins 1 éléments attendus"
    # no column for the fields nobody answered
    assert menus[-1].table.columns == ("", "Intitulé")
    assert menus[-1].table.rows == (("N2", "Santé"), ("N3", "Logement"))
    assert menus[-1].table.keys == ("N2", "N3")
    assert answers(path)["needs"] == [
        {"id": "N2", "title": "Santé"},
        {"id": "N3", "title": "Logement"},
    ]


def test_removing_a_cited_item_warns_first(tmp_path: Path) -> None:
    path = new_file(
        tmp_path,
        territory_name="X",
        kind="region",
        population=1,
        workshop_date="2027-03-15",
        needs=[{"id": "N1", "title": "Eau"}],
        top_need="N1",
    )
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "N1"),
        ("item:needs", "remove"),
        ("confirm-remove:needs", False),
        ("list:needs", "done"),
        ("top_need", "N1"),
        section="besoins",
    )
    assert script.last("confirm-remove:needs").help == (
        "N1 est cité par Besoin prioritaire : ces références seront à corriger."
    )
    assert answers(path)["needs"] == [{"id": "N1", "title": "Eau"}]


def test_a_reference_is_chosen_among_the_items_by_title(tmp_path: Path) -> None:
    path = new_file(
        tmp_path,
        territory_name="X",
        kind="region",
        population=1,
        workshop_date="2027-03-15",
        needs=[{"id": "N1", "title": "Eau"}, {"id": "N2", "title": "Santé"}],
    )
    script = run(path, ("section:besoins", "start"), ("top_need", "Santé"))
    options = script.last("top_need").options
    assert [(o.value, o.label) for o in options] == [
        ("N1", "N1 · Eau"),
        ("N2", "N2 · Santé"),
        (None, "(sans réponse)"),
    ]
    assert answers(path)["top_need"] == "N2"


def test_a_reference_to_an_empty_list_is_skipped_and_said(tmp_path: Path) -> None:
    path = new_file(
        tmp_path,
        territory_name="X",
        kind="region",
        population=1,
        workshop_date="2027-03-15",
        needs=[],
    )
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", DEFER),
        ("review:besoins", "continue"),
        ("section:budget", "start"),
        section="besoins",
    )
    assert (
        "« Besoin prioritaire » : aucun élément dans « Besoins » pour l'instant, question passée."
        in script.notices
    )
    assert deferred(path) == ["needs"]


def test_a_list_field_can_be_set_aside(tmp_path: Path) -> None:
    path = new_file(
        tmp_path, territory_name="X", kind="region", population=1, workshop_date="2027-03-15"
    )
    run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "add"),
        ("needs[+].title", "Eau"),
        ("needs[N1].priority", DEFER),
        ("needs[N1].urgent", False),
        ("list:needs", "done"),
    )
    assert deferred(path) == ["needs[N1].priority"]
    run(path, ("section:besoins", "start"), ("top_need", "N1"))  # the list counts as answered


# --- where the cursor lands after each list action -------------------------------------------

THREE_NEEDS = [
    {"id": "N1", "title": "Eau"},
    {"id": "N2", "title": "Santé"},
    {"id": "N3", "title": "Logement"},
]


def menus(script: Script, key: str) -> list[Menu]:
    return [r for r in script.requests if isinstance(r, Menu) and r.key == key]


def test_the_items_are_the_list_screens_choices_and_an_add_leaves_the_cursor_on_add(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path, **DONE_FRAME)
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "add"),
        ("needs[+].title", "Eau"),
        ("needs[N1].priority", 2),
        ("needs[N1].urgent", False),
        ("list:needs", "add"),  # Enter again: another item
        ("needs[+].title", "Santé"),
        ("needs[N2].priority", BACK),
        ("needs[N2].title", BACK),
        ("list:needs", "done"),
        section="besoins",
    )
    first, second, third = menus(script, "list:needs")
    assert first.default == "add" and first.table is not None and first.table.rows == ()
    assert second.default == "add"  # on « add another », the new item right above it
    assert [o.value for o in second.options] == ["add", "done"]
    assert second.table is not None and second.table.keys == ("N1",)
    assert second.table.rows == (("N1", "Eau", "●●○", "Non"),)
    # backed out of the new item: not in the file, offered back, the cursor on it
    assert third.default == "draft"
    assert [o.value for o in third.options] == ["draft", "discard", "add", "done"]
    assert third.options[0].label == "↻ Reprendre la saisie : Santé"
    assert third.table is not None and third.table.keys == ("N1",)
    assert [n["id"] for n in answers(path)["needs"]] == ["N1"]


def test_after_an_edit_or_a_move_the_cursor_is_on_the_item(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_FRAME, needs=THREE_NEEDS)
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "N2"),
        ("item:needs", "title"),
        ("needs[N2].title", "Santé des aînés"),
        ("list:needs", "N3"),
        ("item:needs", "move"),
        ("move-to:needs", 0),
        ("list:needs", "N1"),
        ("item:needs", BACK),  # back to the list, on the same item
        ("list:needs", "done"),
        section="besoins",
    )
    lists = menus(script, "list:needs")
    assert [m.default for m in lists] == ["done", "N2", "N3", "N1"]
    assert lists[-1].table is not None and lists[-1].table.keys == ("N3", "N1", "N2")
    item = menus(script, "item:needs")[0]
    assert item.header.where == "Besoins › N2 · Santé"
    assert item.table is not None
    assert item.table.rows == (("Intitulé", "Santé"), ("Priorité", "—"), ("Urgent ?", "—"))
    assert item.table.keys == ("title", "priority", "urgent")  # `why` does not apply
    assert [o.value for o in item.options] == ["*", "move", "remove", "back"]
    assert item.default == "title"
    assert answers(path)["needs"][2] == {"id": "N2", "title": "Santé des aînés"}


def test_after_a_removal_the_cursor_is_on_the_next_item_or_the_previous_one(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path, **DONE_FRAME, needs=THREE_NEEDS)
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "N2"),
        ("item:needs", "remove"),
        ("confirm-remove:needs", True),
        ("list:needs", "N3"),  # the last one
        ("item:needs", "remove"),
        ("confirm-remove:needs", True),
        ("list:needs", "N1"),
        ("item:needs", "remove"),
        ("confirm-remove:needs", False),  # no: back on the item kept
        ("list:needs", "N1"),
        ("item:needs", "remove"),
        ("confirm-remove:needs", True),
        ("list:needs", "done"),  # nothing left: refused, at least one need is expected
        section="besoins",
    )
    # never « Continue », whose next Enter would leave the list
    defaults = [m.default for m in menus(script, "list:needs")]
    assert defaults == ["done", "N3", "N1", "N1", "add", "add"]
    assert menus(script, "list:needs")[-1].options[0].label == "+ Ajouter un élément"
    confirm = menus(script, "confirm-remove:needs")[0]
    assert confirm.default is False
    assert confirm.filter is False  # typed letters must not pick « Oui »
    assert "N2 · Santé supprimé." in script.notices
    assert answers(path)["needs"] == []


def test_after_an_answer_is_changed_the_review_moves_on_to_the_next(tmp_path: Path) -> None:
    path = new_file(tmp_path)
    script = run(
        path,
        *FRAME,
        ("review:cadre", "population"),
        ("population", "1 300"),
        ("review:cadre", "workshop_date"),
        ("workshop_date", "16/03/2027"),
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
    )
    first, second, third = menus(script, "review:cadre")
    assert first.default == "continue"
    assert first.table is not None
    assert first.table.keys == ("territory_name", "kind", "code", "population", "workshop_date")
    assert second.default == "workshop_date"  # the next row: Enter goes on through the answers
    assert third.default == "continue"  # after the last row
    assert answers(path)["population"] == 1300


def test_a_review_and_the_end_say_question_n_of_n(tmp_path: Path) -> None:
    # the last question of the last section applies only when a next meeting is set: the end
    # once said « question 1/14 »
    path = tmp_path / "val.yaml"
    doc = AnswersFile.load(EXAMPLE)
    doc.path = path
    for open_question in (
        *("communes", "epci", "departement", "region"),
        *("origin", "as_of", "staff_headcount"),  # added since the example was written
    ):
        doc.answers[open_question] = None  # seen: the walk goes straight to the end
    doc.answers["next_meeting"] = None
    del doc.answers["next_meeting_agenda"]
    doc.save()
    script = run(path, ("end", "review"), ("pick-section", "feuille_de_route"))
    end = script.last("end")
    assert (end.header.question_number, end.header.question_count) == (14, 14)
    assert end.header.section_number == 6
    review = script.last("review:feuille_de_route")
    assert (review.header.question_number, review.header.question_count) == (14, 14)


def test_the_section_clock_goes_on_from_the_last_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(tmp_path / "cache"))
    now = [1000.0]
    path = new_file(tmp_path, territory_name="Val d'Orbière")

    def ten_minutes_later(ask: Ask) -> str:
        now[0] += 600
        return "region"

    with pytest.raises(KeyboardInterrupt):  # Ctrl-C at population
        interview(
            path,
            Script(("section:cadre", "start"), ("kind", ten_minutes_later)),
            clock=lambda: now[0],
        ).run()
    now[0] += 3600  # lunch: not counted
    script = Script(("section:cadre", "start"))
    with pytest.raises(KeyboardInterrupt):
        interview(path, script, clock=lambda: now[0]).run()
    assert script.last("section:cadre").header.elapsed_seconds == 600.0
    assert "600" not in path.read_text(encoding="utf-8")  # kept out of the answers file


# --- asking chosen questions only ---------------------------------------------------------------


def test_ask_only_reasks_the_chosen_questions(tmp_path: Path) -> None:
    path = new_file(
        tmp_path,
        territory_name="X",
        kind="region",
        population=5,
        needs=[{"id": "N1", "title": "Eau", "priority": 1}],
    )
    script = Script(
        ("population", "6"),
        ("needs[N1].priority", BACK),
        ("population", "7"),
        ("needs[N1].priority", 3),
    )
    interview(path, script).ask_only(["population", "needs[N1].priority"])
    assert not script.steps
    assert answers(path)["population"] == 7
    assert answers(path)["needs"][0]["priority"] == 3


@pytest.mark.parametrize("path", ["nope", "needs[N9].title", "needs[N1].nope", "kind[N1].x"])
def test_ask_only_refuses_unknown_paths_before_asking(tmp_path: Path, path: str) -> None:
    answers_path = new_file(tmp_path, needs=[{"id": "N1", "title": "Eau"}])
    with pytest.raises(UsageError):
        interview(answers_path, Script()).ask_only([path])


# --- creating the file ------------------------------------------------------------------------


def test_a_missing_file_is_created_asking_only_the_language(tmp_path: Path) -> None:
    path = tmp_path / "nouveau.yaml"
    script = Script(("new:language", "en"))
    doc, q = open_or_create(path, script, "fr", str(MINI))
    assert not script.steps and q.id == "mini"
    assert AnswersFile.load(path).language == "en"
    assert doc.path == path


def test_a_missing_file_with_lang_given_asks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nouveau.yaml"
    open_or_create(path, Script(), "fr", str(MINI), wanted_lang="fr")
    assert AnswersFile.load(path).language == "fr"


def test_a_section_card_is_shown_again_after_going_back_into_the_previous_section(
    tmp_path: Path,
) -> None:
    # the Enter meant for the card must never land on the first question and answer it empty
    path = new_file(tmp_path)
    run(
        path,
        *FRAME,
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
        ("list:needs", BACK),
        ("section:besoins", BACK),
        ("go-to-section", BACK),  # back from the sections: one question back
        ("workshop_date", lambda ask: ask.text),
        ("review:cadre", "continue"),
        ("section:besoins", "start"),
        ("list:needs", "add"),
    )


def test_a_ctrl_b_at_a_sections_start_shows_its_card_then_the_sections_to_go_to_any(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path, **DONE_FRAME, **DONE_NEEDS)
    script = run(
        path,
        ("section:budget", "start"),
        ("hours", BACK),  # the section's first question: its card again
        ("section:budget", "start"),  # Enter: back where the room was
        ("hours", BACK),
        ("section:budget", BACK),  # a second Ctrl-B at the section's start
        ("go-to-section", "cadre"),
        ("section:cadre", "start"),  # the section chosen, from its card
        ("territory_name", lambda ask: ask.text),
        section="budget",
    )
    sections = script.last("go-to-section")
    assert sections.default == "budget"  # the cursor on the section the room was in
    assert [o.label for o in sections.options] == ["1. Cadre", "2. Besoins", "3. Budget"]


def test_a_half_typed_item_is_a_draft_offered_back_on_resume(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_FRAME)
    run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "add"),
        ("needs[+].title", "Logement"),
        ("needs[N1].priority", 2),
        # Ctrl-C at « Urgent ? »: the script runs out
        section="besoins",
    )
    assert "needs" not in answers(path)  # not an item of the file: half typed
    assert drafts.load(path) == drafts.Draft("needs", {"title": "Logement", "priority": 2})
    script = run(
        path,
        ("section:besoins", "start"),  # the walk resumes at the list being typed into
        ("list:needs", "draft"),
        ("needs[N1].urgent", False),  # where it stopped
        ("list:needs", "done"),
    )
    offered = menus(script, "list:needs")[0]
    assert offered.default == "draft"
    assert offered.options[0].label == "↻ Reprendre la saisie : Logement"
    assert answers(path)["needs"] == [
        {"id": "N1", "title": "Logement", "priority": 2, "urgent": False}
    ]
    assert drafts.load(path) is None


def test_a_draft_given_up_is_gone(tmp_path: Path) -> None:
    path = new_file(tmp_path, **DONE_FRAME)
    run(path, ("section:besoins", "start"), ("list:needs", "add"), ("needs[+].title", "Eau"))
    script = run(
        path,
        ("section:besoins", "start"),
        ("list:needs", "discard"),
        ("list:needs", "done"),
    )
    assert [o.value for o in menus(script, "list:needs")[1].options] == ["add", "done"]
    assert drafts.load(path) is None


def test_a_draft_stays_out_of_the_file_whoever_saves_meanwhile(tmp_path: Path) -> None:
    # `run --serve`: the room saves the file it shares with the interview while an item is typed
    path = new_file(tmp_path, **DONE_FRAME, needs=[{"id": "N1", "title": "Eau"}])
    doc, q = load_checked(path)
    saved: list[dict[str, Any]] = []

    def room_saves(ask: Ask) -> int:
        session.editor.save()  # as the room does after a participant's answer
        saved.append(answers(path))
        return 2

    script = Script(
        ("section:besoins", "start"),
        ("list:needs", "add"),
        ("needs[+].title", "Logement"),
        ("needs[N2].priority", room_saves),
        ("needs[N2].urgent", False),
        ("list:needs", "done"),
    )
    session = Interview(doc, q, script)
    with contextlib.suppress(KeyboardInterrupt):
        session.run("besoins")
    assert [n["id"] for n in saved[0]["needs"]] == ["N1"]  # not the half-typed N2
    assert [n["id"] for n in answers(path)["needs"]] == ["N1", "N2"]  # once its last field

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coconstruct.errors import CoconstructError, ProblemsError
from coconstruct.model import questionnaire as qmod


def test_builtin_territoire_is_complete_in_french_and_english() -> None:
    q = qmod.load("territoire")
    assert q.languages == ["fr", "en"]
    assert [s.id for s in q.sections] == [
        "atelier",
        "besoins",
        "ressources",
        "partenaires",
        "modele",
        "feuille_de_route",
    ]
    lists = {question.id for question in q.questions() if question.is_list}
    assert {"participants", "needs", "resources", "partners", "funding", "actions"} <= lists
    for question in q.questions():
        for item in [question, *(question.fields or [])]:
            assert set(item.label) == {"fr", "en"}, item.id
    actor_types = q.question("partners").field("actor_type")  # type: ignore[union-attr]
    assert len(actor_types.choices or []) == 17  # the ESS actors (SIAE, EBE, SCIC…), the EU


def test_a_malformed_questionnaire_lists_every_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        textwrap.dedent(
            """\
        id: essai
        version: 1
        title: {fr: Essai, en: Trial}
        languages: [fr, en]
        sections:
          - id: s1
            title: {fr: Un, en: One}
            questions:
              - id: name
                type: text
                label: {fr: Nom}
              - id: name
                type: select
                label: {fr: Choix, en: Choice}
              - id: ref
                type: reference
                to: nowhere
                label: {fr: R, en: R}
                when: "name ==="
        """
        )
    )
    with pytest.raises(ProblemsError) as info:
        qmod.load_file(path)
    assert info.value.problems == [
        f"{path}:11:9: name.label: missing language en",
        f"{path}:12:13: question id name is used twice",
        f"{path}:13:15: name: a select question needs choices",
        f"{path}:17:13: ref: `to: nowhere` is not a list question",
        f"{path}:19:15: ref: when: unexpected '=' (in 'name ===')",
    ]


def test_an_unknown_key_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q, en: Q}\nlanguages: [fr, en]\nsections:\n"
        "  - id: s\n    title: {fr: S, en: S}\n    questions:\n"
        "      - {id: a, type: text, colour: blue, label: {fr: A}}\n"
        "      - {id: r, type: reference, to: nowhere, label: {fr: R, en: R}}\n"
    )
    with pytest.raises(ProblemsError) as info:
        qmod.load_file(path)
    assert [p.split(": ", 1)[1] for p in info.value.problems] == [
        "sections[0].questions[0].colour: unknown key",
        "a.label: missing language en",
        "r: `to: nowhere` is not a list question",
    ]


def test_unknown_keys_and_bad_types_point_at_the_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: x\nversion: one\ntitle: {fr: X}\nlanguages: [fr]\ncolour: red\n"
        "sections:\n  - id: s\n    title: {fr: S}\n    questions: []\n"
    )
    with pytest.raises(ProblemsError) as info:
        qmod.load_file(path)
    assert f"{path}:2:10: version: Input should be a valid integer" in info.value.problems[0]
    assert f"{path}:5:1: colour: unknown key" in info.value.problems


def test_unknown_questionnaire_names_the_builtins() -> None:
    with pytest.raises(CoconstructError) as info:
        qmod.load("nope")
    assert info.value.hint is not None and "territoire" in info.value.hint


def test_a_shared_list_of_choices_is_defined_once_and_named(tmp_path: Path) -> None:
    from coconstruct.model.questionnaire import load

    q = load("territoire")
    participants = q.question("participants")
    partners = q.question("partners")
    assert participants is not None and partners is not None
    mine, theirs = participants.field("actor_type"), partners.field("actor_type")
    assert mine is not None and theirs is not None
    assert mine.choices == theirs.choices == q.choice_lists["actor_types"]
    assert {"ebe", "siae", "cooperative", "bailleur_social", "securite_sociale"} <= set(
        mine.choice_ids
    )


def test_an_unknown_shared_list_of_choices_is_said_at_its_name(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q}\nlanguages: [fr]\n"
        "choice_lists:\n  kinds: [{id: a, label: {fr: A}}]\n"
        "sections:\n  - id: s\n    title: {fr: S}\n    questions:\n"
        "      - {id: k, type: select, choices_from: kinds, label: {fr: K}}\n"
        "      - {id: m, type: select, choices_from: kind, label: {fr: M}}\n"
    )
    with pytest.raises(ProblemsError) as info:
        qmod.load_file(path)
    assert info.value.problems == [
        f"{path}:12:45: m: choices_from names no list of choice_lists (kinds)",
    ]


def test_a_checked_questionnaire_comes_back_from_the_cache_as_it_was_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(tmp_path / "cache"))
    builtin = qmod.resolve("territoire")
    copy = tmp_path / "mine.yaml"
    copy.write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    checked = qmod.load_file(copy)
    [kept] = (tmp_path / "cache" / "questionnaires").iterdir()
    again = qmod.load_file(copy)
    assert again == checked and again.source == str(copy)
    assert [q.id for q in again.questions()] == [q.id for q in checked.questions()]
    kept.write_bytes(b"not a pickle")  # a broken cache entry is checked again, and replaced
    assert qmod.load_file(copy) == checked
    assert kept.read_bytes() != b"not a pickle"


def test_a_cache_entry_of_other_classes_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pickle whose state is not this version's fields (an older build's) is never used."""
    import pickle

    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "mine.yaml"
    copy.write_text(qmod.resolve("territoire").read_text(encoding="utf-8"), encoding="utf-8")
    checked = qmod.load_file(copy)
    [kept] = (tmp_path / "cache" / "questionnaires").iterdir()

    class Stranger:
        def __reduce__(self) -> tuple[object, ...]:
            state = {"__dict__": {}, "__pydantic_fields_set__": set()}
            return (object.__new__, (qmod.Questionnaire,), state)

    kept.write_bytes(pickle.dumps(Stranger(), protocol=pickle.HIGHEST_PROTOCOL))
    again = qmod.load_file(copy)
    assert again == checked and again.id == "territoire"


def test_variants_give_other_words_when_their_condition_holds(tmp_path: Path) -> None:
    """`variants:` change a section's title and intro, a question's label and help, while a
    condition over the answers holds (the first that holds); what is asked stays the same."""
    from coconstruct.model.variants import for_answers

    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q, en: Q}\nlanguages: [fr, en]\nsections:\n"
        "  - id: s\n    title: {fr: L'atelier, en: The workshop}\n"
        "    variants:\n"
        "      - when: \"origin == 'documentaire'\"\n"
        "        title: {fr: Les sources, en: The sources}\n"
        "    questions:\n"
        "      - {id: origin, type: text, label: {fr: O, en: O}}\n"
        "      - id: t\n        type: text\n        required: true\n"
        "        label: {fr: Titre de l'atelier, en: Workshop title}\n"
        "        variants:\n"
        "          - when: \"origin == 'documentaire'\"\n"
        "            label: {fr: Titre de la feuille de route, en: Roadmap title}\n"
    )
    q = qmod.load_file(path)
    assert for_answers(q, {}) is q  # nothing holds: the questionnaire itself
    worded = for_answers(q, {"origin": "documentaire"})
    assert worded.sections[0].title["fr"] == "Les sources"
    asked = worded.question("t")
    assert asked is not None and asked.label["en"] == "Roadmap title" and asked.required
    assert q.question("t").label["en"] == "Workshop title"  # type: ignore[union-attr]


def test_a_variant_is_checked_like_the_words_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "id: q\nversion: 1\ntitle: {fr: Q, en: Q}\nlanguages: [fr, en]\nsections:\n"
        "  - id: s\n    title: {fr: S, en: S}\n"
        "    variants:\n"
        "      - {when: 'origin ===', title: {fr: X}}\n"
        "      - {when: 'origin', label: {fr: X, en: X}}\n"
        "    questions:\n"
        "      - {id: origin, type: text, label: {fr: O, en: O}}\n"
    )
    with pytest.raises(ProblemsError) as info:
        qmod.load_file(path)
    problems = [p.split(": ", 1)[1] for p in info.value.problems]
    assert any(p.startswith("s: when: ") for p in problems), problems
    assert "s.variants[0].title: missing language en" in problems
    assert "s: a variant here gives title / intro, not label" in problems
    assert "s: a variant gives title / intro (none given)" in problems

"""Incremental saving: after any edits, the text written is exactly what a whole dump gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import load
from coconstruct.model.yamlio.write import dump_yaml

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "coconstruct" / "examples" / "val-d-orbiere.yaml"
TERRITOIRE = load("territoire")
NEEDS = TERRITOIRE.question("needs")

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
) | st.sampled_from(["a\nb", "ligne 1\nligne 2\n", "", "# pas un commentaire"])
edits = st.lists(
    st.one_of(
        st.tuples(
            st.just("set"),
            st.sampled_from(
                ["territory_name", "context", "vision", "population", "workshop_title"]
            ),
            texts,
        ),
        st.tuples(
            st.just("number"),
            st.sampled_from(["population", "staff_fte"]),
            st.integers(0, 10**6) | st.floats(0, 1e6, allow_nan=False),
        ),
        st.tuples(
            st.just("unset"),
            st.sampled_from(["territory_name", "context", "needs", "sdgs"]),
            st.none(),
        ),
        st.tuples(st.just("add"), st.just("needs"), texts),
        st.tuples(st.just("field"), st.integers(0, 5), texts),
        st.tuples(st.just("remove"), st.integers(0, 5), st.none()),
        st.tuples(st.just("move"), st.integers(0, 5), st.integers(-3, 3)),
        st.tuples(
            st.just("deferred"),
            st.lists(st.sampled_from(["vision", "needs[N1].priority"]), unique=True),
            st.none(),
        ),
        st.tuples(st.just("status"), st.sampled_from(["draft", "final"]), st.none()),
    ),
    max_size=12,
)


def apply(doc: AnswersFile, edit: tuple[str, Any, Any]) -> None:
    kind, target, value = edit
    items = doc.items("needs")
    if kind in ("set", "number"):
        doc.set(TERRITOIRE, target, value)
    elif kind == "unset":
        doc.unset(target)
    elif kind == "add":
        item = doc.add_item(TERRITOIRE, NEEDS)
        doc.set_field(NEEDS, item, "title", value)
    elif kind == "field" and items:
        doc.set_field(NEEDS, items[target % len(items)], "description", value)
    elif kind == "remove" and items:
        doc.remove_item("needs", str(items[target % len(items)]["id"]))
    elif kind == "move" and items:
        doc.move_item("needs", str(items[target % len(items)]["id"]), value)
    elif kind == "deferred":
        doc.set_deferred(target)
    elif kind == "status":
        doc.set_status(target)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=edits)
def test_incremental_dump_equals_a_whole_dump(tmp_path: Path, edits: list[Any]) -> None:
    path = tmp_path / "commented.yaml"
    shutil.copy(DATA / "commented.yaml", path)
    doc = AnswersFile.load(path)
    assert doc.dump() == dump_yaml(doc.data)
    for edit in edits:
        apply(doc, edit)
        assert doc.dump() == dump_yaml(doc.data)  # after each edit, cache warm


def test_hand_written_comments_survive_incremental_saves(tmp_path: Path) -> None:
    path = tmp_path / "commented.yaml"
    shutil.copy(DATA / "commented.yaml", path)
    doc = AnswersFile.load(path)
    doc.save()
    doc.set(TERRITOIRE, "population", 1600)
    doc.save()
    text = path.read_text(encoding="utf-8")
    original = (DATA / "commented.yaml").read_text(encoding="utf-8")
    assert text == original.replace("population: 1.50e+3", "population: 1600")


def test_a_change_made_behind_the_file_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, path)
    doc = AnswersFile.load(path)
    doc.save()
    doc.items("needs")[0]["title"] = "Changé à la main"  # not through AnswersFile
    doc.save()
    assert AnswersFile.load(path).items("needs")[0]["title"] == "Changé à la main"
    assert path.read_text(encoding="utf-8") == dump_yaml(doc.data)

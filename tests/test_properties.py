"""Property tests across the whole path: typed text → set → save → load → report, and answers
files generated from the questionnaire's own JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from coconstruct.editing.assignments import apply
from coconstruct.editing.editor import Editor
from coconstruct.errors import CoconstructError
from coconstruct.model import values
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import load
from coconstruct.model.schema import answers_schema
from coconstruct.model.validation import validate_path
from coconstruct.model.yamlio.write import dump_yaml
from coconstruct.report import render
from coconstruct.report.environment import md_escape

Q = load("territoire")
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

typed_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("<>&\"'`*_[]|#\\{}%\x85\u2028\r\n\t")),
    ),
    min_size=1,
    max_size=40,
)


@pytest.mark.slow
@SLOW
@given(raw=typed_text)
def test_any_typed_text_survives_set_save_load_and_renders_escaped(
    tmp_path_factory: pytest.TempPathFactory, raw: str
) -> None:
    expected = values.parse(Q.question("workshop_place"), raw, "fr")  # type: ignore[arg-type]
    if expected is None:
        return  # only blanks: the answer is removed, nothing to render
    path = tmp_path_factory.mktemp("prop") / "atelier.yaml"
    doc = AnswersFile.new(Q, path, "fr", "territoire")
    apply(
        Editor(doc, Q), ["territory_name=Val", f"workshop_place={raw}", "workshop_date=2027-03-15"]
    )
    doc.save()
    assert AnswersFile.load(path).get("workshop_place") == expected
    result = render(path, ["md", "html"])
    html = result.documents["html"].decode("utf-8")
    markdown = result.documents["md"].decode("utf-8")
    assert str(escape(expected)) in html
    assert str(md_escape(expected)) in markdown


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid against the subset of JSON Schema that `coconstruct schema` writes."""
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):  # nullable: ["string", "null"]
        return st.one_of(*(from_schema({**schema, "type": k}) for k in kind))
    if kind == "object":
        props = schema.get("properties", {})
        required = [k for k in props if k in schema.get("required", [])]
        optional = [k for k in props if k not in required]

        @st.composite
        def sparse(draw: st.DrawFn) -> dict[str, Any]:
            # a few optional keys at a time: most real files answer part of the questions
            chosen = draw(st.sets(st.sampled_from(optional), max_size=4)) if optional else set()
            keys = required + [k for k in optional if k in chosen]
            return {k: draw(from_schema(props[k])) for k in keys}

        return sparse()
    if kind == "array":
        items = from_schema(schema.get("items", {}))
        return st.lists(items, max_size=4, unique=schema.get("uniqueItems", False))
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(max_size=int(schema.get("maxLength", 30)) if "maxLength" in schema else 30)
    if kind in ("number", "integer"):
        low, high = schema.get("minimum", -1e6), schema.get("maximum", 1e9)
        return st.integers(int(low), int(high)) | st.floats(low, high, allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    return st.none()  # "null"


SCHEMA = answers_schema(Q, "fr")
# The header names the questionnaire; an id that exists is what makes the rest worth checking.
SCHEMA["properties"]["questionnaire"] = {"enum": ["territoire", "territoire", "nope", ""]}


@pytest.mark.slow
@SLOW
@given(document=from_schema(SCHEMA))
# both outcomes, whatever the draw: one valid file, rendered; one refused, with positions
@example(document={"questionnaire": "territoire", "language": "en", "answers": {"population": 5}})
@example(document={"questionnaire": "nope", "answers": {}})
def test_schema_generated_files_validate_and_render_or_fail_with_positions(
    tmp_path_factory: pytest.TempPathFactory, document: dict[str, Any]
) -> None:
    document.setdefault("answers", {})
    path = tmp_path_factory.mktemp("schema") / "gen.yaml"
    path.write_text(dump_yaml(document), encoding="utf-8")
    problems = validate_path(path)
    for problem in problems:
        assert problem.line is not None and problem.col is not None, problem
    valid = not any(p.severity == "error" for p in problems)
    event("valid, rendered" if valid else "refused with positions")
    if valid:
        try:
            render(path, ["md", "html"])
        except CoconstructError as exc:
            pytest.fail(f"a valid file must render: {exc.message}")

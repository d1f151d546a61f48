"""Reading for reading only (`load_values`, libyaml's parser): the very document the full
parser builds, with the same positions and the same refusals, or else the full parser's word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from test_hostile_answers import HOSTILE

from coconstruct.errors import PositionedError
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked
from coconstruct.model.yamlio import read
from coconstruct.model.yamlio.read import load_values, load_yaml
from coconstruct.model.yamlio.write import block_if_multiline, dump_yaml

try:
    import _ruamel_yaml  # noqa: F401  (ruamel.yaml.clib: libyaml's parser)
except ImportError:  # pragma: no cover
    pytest.skip("no libyaml wheel here: the full parser reads all", allow_module_level=True)


def shape(node: Any) -> Any:
    """Values, types and the position of every key, value and item.

    But for an empty value (`key:`): libyaml puts it after the colon, ruamel on the next line.
    No message points at an empty value read this way: `export` names a file's problems as
    the full parser reads it (test_cli_export).
    """
    if isinstance(node, CommentedMap):
        return [
            (shape(k), node.lc.key(k), None if v is None else node.lc.value(k), shape(v))
            for k, v in node.items()
        ]
    if isinstance(node, CommentedSeq):
        return [(node.lc.item(i), shape(v)) for i, v in enumerate(node)]
    return (type(node).__name__, node)


def outcome(text: str, comments: bool) -> Any:
    try:
        return shape((load_yaml if comments else load_values)(text, "f.yaml"))
    except PositionedError as exc:
        return ("error", str(exc))
    except AssertionError as exc:  # ruamel's own round-trip scanner can trip on damaged text
        return ("crash", type(exc).__name__)


def ruamel_trips(text: str) -> bool:
    """ruamel's round-trip scanner trips on its own asserts over some valid YAML (a comment on a
    block scalar's header): `load_yaml` then refuses the file at that place, libyaml reads it."""
    try:
        read.make_yaml().load(text)
    except (AssertionError, AttributeError, IndexError, TypeError):
        return True
    except Exception:
        return False
    return False


def same_reading(text: str) -> None:
    full = outcome(text, comments=True)
    if full == ("crash", "AssertionError") or ruamel_trips(text):
        return  # a bug of the full parser (it stops validate too): nothing to agree with
    assert outcome(text, comments=False) == full


@pytest.mark.parametrize(
    "path", [EXAMPLE, *sorted(DATA.glob("*.yaml"))], ids=lambda p: Path(p).name
)
def test_files_read_the_same(path: Path) -> None:
    same_reading(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_the_same(name: str) -> None:
    content = HOSTILE[name][0]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not text: refused before any parser")
    same_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: no\nb: on\nc: 2027-03-15\nd: 0o12\ne: 012\nf: 1_000\ng: .inf\nh: ~\ni: 0x1F\n",
        "a: |\n  deux\n  lignes\n\nb: >-\n  plié\n  ici\n\n  et là\nc: |+\n  garde\n\n",
        "a: \"tab\\there \\u00e9 \\x41 \\/ \\N \\L \\P\"\nb: 'l''apostrophe'\n",
        "a:\r\n  - 1\r\n  - deux\r\n",
        "? [complex, key]\n: value\n",
        "a: {b: [1, {c: d}], e: ''}\n",
        "%YAML 1.2\n---\na: 1\n...\n",
        "a: b\n---\n",
        "a: 1 # comment\n# another\nb:   spaced   \n",
        "- x\n-\n  - y\n",
        "a: 'multi\n\n  line'\nb: plain\n  continued\n",
        "é: ü\n😀: 🙂 long line " + "x" * 300 + "\n",
        "a: [1, 2\n",
        "a: b: c\n",
        "a:\n\tb: 1\n",
        "a: @x\n",
        "a: 1\nb: 2\na: 3\n",
        "a: !!str 1\n",
        "a: &x 1\n",
        "a: *x\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: " + "[" * 40 + "]" * 40 + "\n",
        "a: 'x\u2028y'\n",
        "a: \ufeffb\n",
        "",
        "just text\n",
    ],
)
def test_edge_cases_read_the_same(text: str) -> None:
    same_reading(text)


scalars = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
keys = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


@pytest.mark.slow  # 300 documents, each written and read twice
@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, documents, min_size=1, max_size=5))
def test_any_document_our_writer_makes_reads_the_same(data: dict[str, Any]) -> None:
    def blocks(value: Any) -> Any:
        if isinstance(value, str):
            return block_if_multiline(value)
        if isinstance(value, dict):
            return {k: blocks(v) for k, v in value.items()}
        if isinstance(value, list):
            return [blocks(v) for v in value]
        return value

    try:
        text = dump_yaml(blocks(data))
    except Exception:  # what our writer cannot write is not a file we read
        return
    same_reading(text)


@pytest.mark.slow  # 300 damaged copies of the example, each read by both parsers
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_files_read_the_same(data: st.DataObject) -> None:
    """A real file with a few characters cut, doubled or replaced: the same document, or the
    same error."""
    text = EXAMPLE.read_text(encoding="utf-8")[:3000]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text) - 1))
        what = data.draw(st.sampled_from(["cut", "double", "replace"]))
        char = data.draw(st.sampled_from(list(":-[]{}#&*!|>'\"\t \n,?%@`")))
        if what == "cut":
            text = text[:at] + text[at + 1 :]
        elif what == "double":
            text = text[:at] + text[at] + text[at:]
        else:
            text = text[:at] + char + text[at + 1 :]
    same_reading(text)


def test_reading_only_goes_through_libyaml_and_cannot_be_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How much faster is measured by benchmarks/export.py; here, that libyaml read it."""
    path = tmp_path / "a.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    pulled = []
    document = read._FastReader.document

    def counted(self: Any) -> Any:
        pulled.append(1)
        return document(self)

    monkeypatch.setattr(read._FastReader, "document", counted)
    doc = AnswersFile.load(path, comments=False)
    assert pulled, "libyaml's parser was not used"
    assert doc.data.ca.comment is None  # libyaml gives no comments: proof of where it came from
    assert AnswersFile.load(path).data.ca.comment is not None
    assert doc.plain() == AnswersFile.load(path).plain()
    with pytest.raises(RuntimeError, match="cannot be saved"):
        doc.save()
    assert path.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["val-d-orbiere-v1.yaml", "v1-made-by-run.yaml"])
def test_a_file_of_an_older_version_is_read_migrated_for_reading_only(name: str) -> None:
    """`export` reads with `comments=False`: the same migration as every other command."""
    fast_doc, _ = load_checked(DATA / name, comments=False)
    full_doc, _ = load_checked(DATA / name)
    assert fast_doc.migration is not None and fast_doc.migration.from_version == 1
    assert fast_doc.migration == full_doc.migration
    assert fast_doc.plain() == full_doc.plain()
    assert fast_doc.plain() != AnswersFile.load(DATA / name, comments=False).plain()
    actions = [a for a in fast_doc.plain()["actions"] if "leads" in a]
    assert actions and all(isinstance(a["leads"], list) for a in actions)
    assert not any("lead_partner" in a for a in fast_doc.plain()["actions"])


@pytest.mark.parametrize("header", ["|#", ">-#", "|2#"])
def test_a_comment_glued_to_a_block_header_is_refused_by_both(header: str) -> None:
    """YAML wants a space before a comment: libyaml reads `|#`, ruamel refuses it (hypothesis
    found it in a damaged file); the fast reader must refuse it too, at the same place."""
    text = f"questionnaire: territoire\nanswers:\n  notes: {header} a comment\n    text\n"
    assert outcome(text, comments=True)[0] == "error"
    same_reading(text)

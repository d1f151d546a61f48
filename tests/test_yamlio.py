from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coconstruct.errors import PositionedError
from coconstruct.model import fsio
from coconstruct.model.text import normalize_text
from coconstruct.model.yamlio.read import load_yaml, read_text
from coconstruct.model.yamlio.write import block_if_multiline, dump_yaml


def load(text: str):
    return load_yaml(text, "f.yaml")


def error_of(text: str) -> str:
    with pytest.raises(PositionedError) as info:
        load(text)
    return str(info.value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 1\nb: !!python/object:os.system x\n", "f.yaml:2:4: YAML tags are not allowed"),
        ("a: !custom 1\n", "f.yaml:1:4: YAML tags are not allowed (!custom)"),
        ("a: &x [1]\nb: *x\n", "f.yaml:1:4: anchors (&name) are not allowed"),
        ("%YAML 1.1\n---\na: 1\n", "f.yaml:1:1: %YAML 1.1 directive"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: only one YAML document is allowed"),
        ("a: 1\nb: 2\na: 3\n", 'f.yaml:3:1: duplicate key "a"'),
        ("a: [1, 2\n", "f.yaml:1:4: '[' opened here and never closed"),
        ('a: "unclosed\nb: 1\nc: 2\n', "f.yaml:1:4: quote opened here and never closed"),
        ("a: b: c\n", "f.yaml:1:5: unexpected ':' here: put a value that contains ': ' in quotes"),
        ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: inconsistent indentation"),
        ("a: @x\n", "f.yaml:1:4: a value cannot start with '@': put it in quotes"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: tab character: YAML is indented with spaces"),
        ("a: 1\nb: x\x07y\n", "f.yaml:2:5: character U+0007 is not allowed in YAML"),
    ],
)
def test_hostile_or_broken_yaml_is_refused_with_its_position(source: str, expected: str) -> None:
    assert error_of(source).startswith(expected)


def test_alias_bomb_is_refused_before_anything_is_built() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)
    )
    assert "anchors (&name) are not allowed" in error_of(bomb)


def test_deep_nesting_is_refused() -> None:
    assert "nested deeper than" in error_of("a: " + "[" * 200 + "]" * 200 + "\n")


def test_yaml_1_2_keeps_no_and_on_as_strings() -> None:
    data = load("a: no\nb: on\nc: yes\nd: off\n")
    assert data == {"a": "no", "b": "on", "c": "yes", "d": "off"}


def test_invalid_utf8_is_positioned(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(PositionedError) as info:
        read_text(path)
    assert str(info.value) == f"{path}:2:7: invalid UTF-8 byte 0xe9"


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load(read_text(path)) == {"a": 1}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\x85b\u2028c\u2029d", "a\nb\nc\nd"),
        ("bell\x07 nul\x00 esc\x1b", "bell nul esc"),
        ("e\u0301te\u0301", "été"),
        ("tab\tkept", "tab\tkept"),
        ("\ufeffbom", "bom"),
    ],
)
def test_normalize_text(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


@given(st.text())
def test_normalized_text_survives_a_dump_and_load(raw: str) -> None:
    clean = normalize_text(raw)
    assert normalize_text(clean) == clean
    text = dump_yaml({"answer": block_if_multiline(clean)})
    assert "\r" not in text and "\x85" not in text
    assert load(text)["answer"] == clean


def test_multiline_text_is_a_literal_block_and_long_lines_are_never_folded() -> None:
    long_line = "mot " * 100
    text = dump_yaml({"a": block_if_multiline("ligne 1\nligne 2"), "b": long_line})
    assert "a: |-\n  ligne 1\n  ligne 2\n" in text
    assert len(text.splitlines()) == 4


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    fsio.atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("x: 1\n")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = tmp_path / f"{fsio.TMP_PREFIX}{dead}-abc.a.yaml.tmp"
    mine = tmp_path / f"{fsio.TMP_PREFIX}{os.getpid()}-def.a.yaml.tmp"
    stale.write_text("half")
    mine.write_text("in progress")
    assert fsio.clean_stale_temp_files(target) == [stale]
    assert mine.exists() and target.exists()

"""Hostile or broken answers files: a positioned one-line error or correct handling, never a
traceback, never a hang (a subprocess timeout is the safety net), and never a file changed by a
command that failed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, bare_env
from hypothesis import given, settings
from hypothesis import strategies as st

# each case runs the tool in fresh processes (60 in all), and 150 damaged files are read
pytestmark = pytest.mark.slow

HEAD = (
    "questionnaire: territoire\nquestionnaire_version: 1\nlanguage: en\nstatus: draft\nanswers:\n"
)

# name → (file bytes, expected start of the first problem line, after "FILE:")
HOSTILE: dict[str, tuple[bytes, str]] = {
    "invalid-utf8": (
        HEAD.encode() + b"  territory_name: Val d'Orbi\xe8re\n",
        "6:29: invalid UTF-8",
    ),
    "python-tag": (
        HEAD.encode() + b"  vision: !!python/object/apply:os.system [ls]\n",
        "6:11: YAML tags are not allowed",
    ),
    "custom-tag": (HEAD.encode() + b"  vision: !secret x\n", "6:11: YAML tags are not allowed"),
    "anchor": (HEAD.encode() + b"  vision: &v text\n  context: *v\n", "6:11: anchors"),
    "alias-bomb": (
        HEAD.encode()
        + b"  vision: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + b"".join(
            f"  x{i}: &b{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n".encode() for i in range(12)
        ),
        "6:11: anchors",
    ),
    "yaml-1.1": (b"%YAML 1.1\n---\n" + HEAD.encode(), "1:1: %YAML 1.1 directive"),
    "duplicate-key": (HEAD.encode() + b"  vision: a\n  vision: b\n", '7:3: duplicate key "vision"'),
    "two-documents": (HEAD.encode() + b"---\nb: 1\n", "6:1: only one YAML document"),
    "deep-nesting": (HEAD.encode() + b"  vision: " + b"[" * 500 + b"]" * 500 + b"\n", "6:"),
    "control-char": (HEAD.encode() + b"  vision: bell\x07\n", "6:15: character U+0007"),
    "not-a-mapping": (b"- just\n- a list\n", "1:1: an answers file is a YAML mapping"),
    "no-header": (b"answers: {}\n", "1:1: not an answers file"),
    "empty": (b"", "1:1:"),
    "broken-yaml": (HEAD.encode() + b"  vision: [unclosed\n", "6:11: '[' opened here"),
    # a comment where a block scalar's header goes trips ruamel's own assert
    "comment-for-a-block": (HEAD.encode() + b"\n| # comment\n", "7:1: this YAML cannot be read"),
}

# name → (file bytes, expected problem line, after "FILE:"): YAML that reads, with figures no
# answer can be (NaN, infinities, beyond 10^15). The file is well formed, so `set` edits other
# answers; `validate` and `render` refuse it at the figure's place, one line each.
TOO_BIG = "is too big (at most 1,000,000,000,000,000)"
HOSTILE_FIGURES: dict[str, tuple[bytes, str]] = {
    "infinite-population": (HEAD.encode() + b"  population: .inf\n", "6:15: population: "),
    "nan-population": (HEAD.encode() + b"  population: .nan\n", "6:15: population: "),
    "huge-population": (
        HEAD.encode() + b"  population: 99999999999999999999999999999999999999\n",
        f"6:15: population: \u201c99999999999999999999999999999999999999\u201d {TOO_BIG}",
    ),
    "unkept-digits": (
        HEAD.encode() + b"  population: 123456789012345678\n",
        f"6:15: population: \u201c123456789012345678\u201d {TOO_BIG}",
    ),
    "infinite-amount": (
        HEAD.encode() + b"  funding:\n    - {id: F1, funder: A, source: dons, amount: .inf}\n",
        "7:49: funding[F1].amount: ",
    ),
    "huge-amount": (
        HEAD.encode() + b"  funding:\n    - {id: F1, funder: A, source: dons, amount: 1e30}\n",
        f"7:49: funding[F1].amount: \u201c1e+30\u201d {TOO_BIG}",
    ),
    "huge-estimate": (
        HEAD.encode() + b"  population: '~100000000000000000000'\n",
        f"6:15: population: \u201c~100000000000000000000\u201d {TOO_BIG}",
    ),
}


def run(*args: str | Path, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coconstruct", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=bare_env(COCONSTRUCT_LANG="en"),
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_a_positioned_error_and_is_left_untouched(
    name: str, tmp_path: Path
) -> None:
    content, expected = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    checked = run("validate", path.name, cwd=tmp_path)
    edited = run("set", path.name, "territory_name=x", cwd=tmp_path)
    for result in (checked, edited):
        assert result.returncode == 1, result
        assert "Traceback" not in result.stderr
    # the first error (a duplicate key is one among the others: warnings may come before it)
    first = next(line for line in checked.stdout.splitlines() if ": warning: " not in line)
    assert first.startswith(f"{path.name}:{expected}"), first
    assert edited.stderr.startswith(f"Error: {path.name}:{expected}"), edited.stderr
    assert len(edited.stderr.strip().splitlines()) <= 2  # the error, and at most a hint
    assert path.read_bytes() == content


@pytest.mark.parametrize("name", sorted(HOSTILE_FIGURES))
def test_a_figure_no_answer_can_be_is_refused_at_its_place(name: str, tmp_path: Path) -> None:
    content, expected = HOSTILE_FIGURES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    checked = run("validate", path.name, cwd=tmp_path)
    assert checked.returncode == 1, checked
    problems = [line for line in checked.stdout.splitlines() if "warning" not in line]
    assert len(problems) == 1 and problems[0].startswith(f"{path.name}:{expected}"), problems
    assert "not a number" in problems[0] or TOO_BIG in problems[0]
    rendered = run("render", path.name, "-o", "out", "-f", "md", cwd=tmp_path)
    assert rendered.returncode == 1, rendered
    assert f"{path.name}:{expected}" in rendered.stderr
    for result in (checked, rendered):
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bom", b"\xef\xbb\xbf" + HEAD.encode() + b"  territory_name: Val\n"),
        (
            "crlf",
            (HEAD + "  territory_name: Val\n  vision: |\n    a\n    b\n")
            .replace("\n", "\r\n")
            .encode(),
        ),
        ("nel-and-line-separator", HEAD.encode() + b'  vision: "a\\u0085b\\u2028c"\n'),
        ("yaml-1.2-strings", HEAD.encode() + b"  territory_name: no\n  workshop_place: on\n"),
    ],
)
def test_unusual_but_valid_files_are_read_correctly(
    name: str, content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    checked = run("validate", path.name, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "1 file checked: 0 errors" in checked.stderr
    edited = run("set", path.name, "population=10", cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert f"Saved {path.name}" in edited.stdout
    saved = path.read_bytes()
    assert b"\r" not in saved and not saved.startswith(b"\xef\xbb\xbf")
    assert b"population: 10\n" in saved


def test_huge_answers_and_long_lists_are_checked_and_edited(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(
        HEAD
        + "  context: |\n"
        + "".join(f"    ligne {i} " + "x" * 90 + "\n" for i in range(50_000))
    )  # 5 MB
    many = tmp_path / "many.yaml"
    many.write_text(
        HEAD
        + "  needs:\n"
        + "".join(
            f"    - id: N{i}\n      title: Need {i}\n      domain: social\n      priority: 3\n"
            for i in range(1, 5_001)
        )
    )
    # 5 MB of context: read whole, and refused for its length at the place it starts
    result = run("validate", big.name, cwd=tmp_path, timeout=240)
    assert result.returncode == 1, result.stderr
    assert "big.yaml:6:12: context: must be at most 2000 characters long" in result.stdout
    assert "1 file checked: 1 error, 5 warnings" in result.stderr
    assert "Traceback" not in result.stderr
    # 5,000 needs are a valid draft: only the required answers not given yet are warned about
    result = run("validate", many.name, cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "many.yaml:6:3: warning: territory_name: an answer is required" in result.stdout
    assert "1 file checked: 0 errors, 5 warnings" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("set", many.name, "needs[N5000].priority=5", cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    assert (
        "    - id: N5000\n      title: Need 5000\n      domain: social\n      priority: 5\n"
        in many.read_text()
    )


@settings(max_examples=80)
@given(
    edits=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.text(alphabet="|>-:#&*!%@`'\"[]{},?\n\t ~=", min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_file_is_read_or_refused_with_a_place_never_a_crash(
    edits: list[tuple[float, str]],
) -> None:
    """Characters that mean something in YAML, typed anywhere in a real file."""
    from coconstruct.errors import CoconstructError, PositionedError
    from coconstruct.model.validation import load_checked, validate

    text = EXAMPLE.read_text(encoding="utf-8")
    for where, typed in edits:
        at = int(where * len(text))
        text = text[:at] + typed + text[at:]
    folder = Path(tempfile.mkdtemp())
    path = folder / "damaged.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        doc, questionnaire = load_checked(path)
        validate(doc, questionnaire)  # every problem found, none raised
    except PositionedError as exc:
        assert exc.position.file == str(path)
    except CoconstructError as exc:  # read, but not an answers file (no header…): one line
        assert "\n" not in exc.message
    finally:
        shutil.rmtree(folder)


def test_a_mapping_or_a_list_among_references_is_refused_at_its_place(tmp_path: Path) -> None:
    """Hypothesis typed `{` into a reference list: each odd item is named, no traceback."""
    path = tmp_path / "refs.yaml"
    path.write_text(
        HEAD.replace("version: 1", "version: 2")
        + "  needs:\n    - {id: N1, title: a, domain: economique}\n"
        + "  actions:\n    - id: A1\n      title: b\n      needs_served: [{a: 1}, [N1], N1, N1]\n",
        encoding="utf-8",
    )
    checked = run("validate", path.name, cwd=tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked
    problems = [line for line in checked.stdout.splitlines() if "warning" not in line]
    assert [p.split(": ", 1)[0] for p in problems] == ["refs.yaml:11:21"] * 3
    assert "{'a': 1}" in problems[0] and "['N1']" in problems[1] and "'N1'" in problems[2]

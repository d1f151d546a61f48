"""The docs say what the tool does: every console example of README.md and docs/ is run and
compared with what it printed (`make docs` writes them; see tools/docs.py), and every answers file
shown in the docs validates."""

from __future__ import annotations

import re
import sys
import textwrap
import types
from pathlib import Path

import pytest
from conftest import EXAMPLE

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"<!-- \[\[\[cog (.*?) \]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", re.S)
# what changes from run to run: how long it took, how big a file came out
VARYING = [
    (re.compile(r"\d+(?:\.\d+)? s\b"), "… s"),
    (re.compile(r"\d+(?:\.\d+)? [KM]B\b"), "… KB"),
    (re.compile(r"[ \t]+"), " "),
]


def examples() -> list[tuple[str, str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 1
            found.append((f"{doc.relative_to(ROOT)}:{line}", match.group(1), match.group(2)))
    return found


def steady(text: str) -> str:
    for pattern, replacement in VARYING:
        text = pattern.sub(replacement, text)
    return text.strip()


def test_the_docs_have_their_examples() -> None:
    assert len(examples()) >= 12
    for doc in DOCS:  # a console example written by hand would go stale: each is generated
        text = BLOCK.sub("", doc.read_text(encoding="utf-8"))
        assert "```console" not in text, f"{doc.name}: a ```console block outside cog"


def runs() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each example's code once, with every place that shows it and what it shows there: the
    English and French pages show the same commands, which need running only once."""
    found: dict[str, list[tuple[str, str]]] = {}
    for place, code, written in examples():
        found.setdefault(code, []).append((place, written))
    return list(found.items())


@pytest.mark.slow
@pytest.mark.parametrize(("code", "shown"), runs(), ids=lambda v: str(v)[:40])
def test_each_console_example_prints_what_the_docs_say(
    code: str, shown: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[str] = []
    fake = types.ModuleType("cog")
    fake.outl = lambda text="": printed.append(text + "\n")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cog", fake)
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import docs

    exec(code, {name: getattr(docs, name) for name in docs.__all__})  # the docs' own code
    for place, written in shown:
        assert steady("".join(printed)) == steady(textwrap.dedent(written)), (
            f"{place}: run `make docs`"
        )


@pytest.mark.slow
def test_the_python_examples_run(tmp_path: Path) -> None:
    import shutil
    import subprocess

    blocks = [b for doc in DOCS for b in re.findall(r"```python\n(.*?)```", doc.read_text(), re.S)]
    assert blocks
    shutil.copy(EXAMPLE, tmp_path / "atelier.yaml")  # the file the examples name
    for block in blocks:
        done = subprocess.run(
            [sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


ANSWERS_HEADER = re.compile(r"^(#.*\n)*questionnaire: ", re.M)


def test_every_answers_file_shown_in_the_docs_validates(tmp_path: Path) -> None:
    from coconstruct.model.validation import load_checked, validate

    shown = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
            if ANSWERS_HEADER.match(block) and "\nanswers:" in block:
                shown.append((doc.name, block))
    assert len(shown) >= 2
    for index, (name, block) in enumerate(shown):
        path = tmp_path / f"{index}.yaml"
        path.write_text(block, encoding="utf-8")
        doc, questionnaire = load_checked(path)
        errors = [str(p) for p in validate(doc, questionnaire) if p.severity == "error"]
        assert errors == [], f"{name}: {errors}"
    assert EXAMPLE.exists()

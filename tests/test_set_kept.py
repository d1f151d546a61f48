"""`set` after `set`: the document the last save kept is taken back, and the file is the same,
byte for byte, as when each `set` reads the file again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE

from coconstruct.editing.assignments import set_answers
from coconstruct.errors import CoconstructError
from coconstruct.model.yamlio import kept

STEPS: list[tuple[list[str], list[str]]] = [
    (["population=24000", "needs[N2].priority=3"], []),
    (["needs[+].title=Eau potable", "needs[+].domain=eau"], []),
    (["needs[N1].description=Première ligne\nseconde ligne"], []),
    (["volunteering_hours=120"], []),
    (["territory_name="], []),
    (["needs[N2].priority=9"], []),  # refused: nothing written
    ([], ["needs[N3]"]),
    (["funding[+].funder=Région", "funding[+].source=subventions", "funding[+].amount=1000"], []),
]


def run(path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(cache))
    said = []
    for number, (assignments, remove) in enumerate(STEPS):
        try:
            result = set_answers(
                path, assignments, "draft" if number == 0 else None, remove=remove, force=True
            )
            said.append(" | ".join(change.describe("en") for change in result.changes))
        except CoconstructError as exc:
            said.append(f"refused: {exc.message}")
        if cache.name == "none":
            shutil.rmtree(cache / "documents", ignore_errors=True)
    return said


def test_a_script_of_set_leaves_the_file_a_fresh_read_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    # comments around what the steps change: they stay where a fresh read puts them
    text = text.replace("\n  resources:", "\n    # the last need\n  resources:", 1)
    text += "# end of file\n"
    kept_file, fresh_file = tmp_path / "kept.yaml", tmp_path / "fresh.yaml"
    kept_file.write_text(text, encoding="utf-8")
    fresh_file.write_text(text, encoding="utf-8")
    recalled = []
    real = kept.recall
    monkeypatch.setattr(kept, "recall", lambda p, t: recalled.append(real(p, t)) or recalled[-1])
    with_kept = run(kept_file, tmp_path / "cache", monkeypatch)
    assert sum(found is not None for found in recalled) >= len(STEPS) - 2
    without = run(fresh_file, tmp_path / "none", monkeypatch)
    assert with_kept == without
    assert any(line.startswith("refused: ") for line in with_kept)
    assert kept_file.read_bytes() == fresh_file.read_bytes()


def test_a_file_changed_by_hand_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "site.yaml"
    shutil.copy(EXAMPLE, path)
    set_answers(path, ["population=24000"], "draft")
    edited = path.read_text(encoding="utf-8").replace("24000", "25000")
    path.write_text(edited + "# by hand\n", encoding="utf-8")
    set_answers(path, ["needs[N2].priority=3"])
    after = path.read_text(encoding="utf-8")
    assert "population: 25000" in after and after.endswith("# by hand\n")


def test_a_broken_cache_entry_costs_only_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCONSTRUCT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "site.yaml"
    shutil.copy(EXAMPLE, path)
    set_answers(path, ["population=24000"], "draft")
    [entry] = (tmp_path / "cache" / "documents").iterdir()
    entry.write_bytes(b"\x80\x05broken")
    set_answers(path, ["population=24001"])
    assert "population: 24001" in path.read_text(encoding="utf-8")

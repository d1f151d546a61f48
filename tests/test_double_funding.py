"""One grant reported twice (issue 22): two funding lines from the same funder for the same
period with different amounts, each cited from its own sources, are a warning of `validate`,
never an error, at the second line, naming both lines and their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import said

from coconstruct.model.validation import validate_path

HEAD = """questionnaire: territoire
questionnaire_version: 2
language: {lang}
status: final
answers:
  origin: documentaire
  as_of: 2024-03
  territory_name: Pays de Lanvaux
  perimeter_type: autre
  sources:
    - id: S1
      title: Rapport d'activité 2023
    - id: S2
      title: Communiqué du Département
  funding:
"""
LINE = """    - id: {id}
      funder: {funder}
      source: subventions
      family: public
      amount: {amount}
      period_start: {start}
      period_end: {end}
      sources: [{sources}]
"""


def site(tmp_path: Path, *lines: tuple[str, str, str, str, str, str], lang: str = "fr") -> Path:
    """A documented site whose answers are only its sources and these funding lines:
    (id, funder, amount, start, end, sources)."""
    text = HEAD.format(lang=lang) + "".join(
        LINE.format(id=i, funder=f, amount=a, start=s, end=e, sources=c)
        for i, f, a, s, e, c in lines
    )
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def message(lang: str = "fr", first: str = "funding[F1]", sources: str = "S2") -> str:
    return said(
        "same funder and same period as {first} ({first_sources}), a different amount according "
        "to its sources ({sources}) — the same funding counted twice?",
        lang,
        first=first,
        first_sources="S1",
        sources=sources,
    )


def amount_line(path: Path, line_id: str) -> int:
    """The line number of a funding line's amount in the file."""
    text = path.read_text(encoding="utf-8").splitlines()
    start = text.index(f"    - id: {line_id}")
    return next(n for n, line in enumerate(text[start:], start + 1) if "amount:" in line)


def doubles(path: Path) -> list[str]:
    return [str(p) for p in validate_path(path) if "funding[" in p.message]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_grant_in_two_sources_is_a_warning_at_the_second_line(
    tmp_path: Path, cli, lang: str
) -> None:
    path = site(
        tmp_path,
        ("F1", "Département du Morbihan", "120000", "2023", "2023", "S1"),
        ("F2", "Fondation Avenir", "30000", "2023", "2023", "S1"),
        ("F3", "département du  Morbihan", "~150000", "2023", "2023", "S2"),
        lang=lang,
    )
    found = cli("validate", path)
    assert found.code == 0, found.out  # a warning: a final file stays valid
    # at the amount of the second line (F3), its key at column 7
    expected = f"{path}:{amount_line(path, 'F3')}:7: {said('warning: ', lang)}funding[F3]: "
    expected += message(lang)
    assert expected in found.out
    assert said("warning: ", lang) in found.out and found.out.count("funding[F1]") == 1


def test_same_period_typed_as_a_range_of_years(tmp_path: Path) -> None:
    path = site(
        tmp_path,
        ("F1", "FSE+", "60000", "2019", "2020", "S1"),
        ("F2", "FSE+", "45000", "2019", "2020", "S2, S1"),
    )
    at = f"{path}:{amount_line(path, 'F2')}:7"
    assert doubles(path) == [f"{at}: {said('warning: ')}funding[F2]: {message(sources='S1, S2')}"]


@pytest.mark.parametrize(
    "second",
    [
        ("F2", "Département", "80000", "2023", "2023", "S1"),  # same source: two grants
        ("F2", "Département", "120000", "2023", "2023", "S2"),  # same amount: one line twice
        ("F2", "Département", "80000", "2022", "2022", "S2"),  # another year
        ("F2", "Département", "80000", "2022", "2023", "S2"),  # another period
        ("F2", "Région Bretagne", "80000", "2023", "2023", "S2"),  # another funder
        ("F2", "Département", "unknown", "2023", "2023", "S2"),  # no amount to compare
        ("F2", "Département", "80000", "unknown", "unknown", "S2"),  # undated
        ("F2", "Département", "80000", "2023", "2023", ""),  # no source cited
    ],
)
def test_no_warning_without_every_sign_of_a_double(tmp_path: Path, second: tuple[str, ...]) -> None:
    first = ("F1", "Département", "120000", "2023", "2023", "S1")
    assert doubles(site(tmp_path, first, second)) == []  # type: ignore[arg-type]


def test_the_bundled_examples_and_sites_warn_of_no_double() -> None:
    from coconstruct.model.questionnaire import BUILTIN_DIR

    examples = sorted((BUILTIN_DIR.parent / "examples").glob("*.yaml"))
    sites = sorted((Path(__file__).parent / "data" / "sites").glob("*.yaml"))
    assert examples and sites
    for path in examples + sites:
        assert doubles(path) == [], path

"""A synthesis counts territories, not files: the versions of one territory (by its official
code, else its name and perimeter) are grouped and the latest counts, or each with
--all-versions; the report says how many files and how many territories it read."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, pdf_text, said, said_n
from openpyxl import load_workbook

from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.validation import load_checked
from coconstruct.synthesis.portfolio import build
from coconstruct.synthesis.territory import Territory, summarise

SAINT_IVY = EXAMPLE.parent / "saint-ivy-kermorvan.yaml"
VAL = "Communauté de communes du Val d'Orbière"


def version(folder: Path, stem: str, source: Path = EXAMPLE, **answers: Any) -> Path:
    """A copy of an example with some first-section answers changed (None removes one)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    shutil.copy(source, path)
    doc = AnswersFile.load(path)
    for key, value in answers.items():
        if value is None:
            doc.answers.pop(key, None)
        else:
            doc.answers[key] = value
    doc.save()
    return path


def read(path: Path, lang: str = "fr") -> Territory:
    doc, questionnaire = load_checked(path)
    header = {"status": doc.status, "language": doc.language, "version": 2, "migrated": False}
    return summarise(doc.plain(), questionnaire, lang, str(path), header, doc.deferred)


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# --- which files are one territory ------------------------------------------------------------


def test_the_latest_workshop_of_a_territory_counts(tmp_path: Path) -> None:
    old = read(version(tmp_path, "val-2024", workshop_date="2024-03-12"))
    new = read(version(tmp_path, "val-2026"))
    portfolio = build([new, old])
    assert [t.source for t in portfolio.territories] == [new.source]
    assert (portfolio.files, portfolio.places, portfolio.count) == (2, 1, 1)
    assert [(s.older.source, s.by.source) for s in portfolio.superseded] == [
        (old.source, new.source)
    ]
    every = build([new, old], all_versions=True)
    assert (every.files, every.places, every.count) == (2, 1, 2)
    assert every.superseded == ()


def test_the_date_the_data_is_up_to_date_as_of_orders_versions_before_the_workshop(
    tmp_path: Path,
) -> None:
    # the later workshop, but its data is older than the other version's
    a = read(version(tmp_path, "a", workshop_date="2026-11-19", as_of="2025-01"))
    b = read(version(tmp_path, "b", workshop_date="2024-03-12", as_of="2026-12"))
    assert [t.source for t in build([a, b]).territories] == [b.source]
    # a dated version is later than an undated one
    undated = read(version(tmp_path, "c", workshop_date=None))
    assert [t.source for t in build([undated, a]).territories] == [a.source]


def test_the_official_code_makes_the_territory_else_its_name_and_perimeter(
    tmp_path: Path,
) -> None:
    renamed = read(version(tmp_path, "renamed", territory_name="CC du Val d'Orbière"))
    val = read(version(tmp_path, "val"))
    assert build([renamed, val]).places == 1  # same code, another spelling
    ivy = read(version(tmp_path, "ivy", SAINT_IVY))
    spelled = read(
        version(
            tmp_path,
            "ivy2",
            SAINT_IVY,
            territory_name="saint-ivy-des-landes  ET kermorvan-sur-oust",
        )
    )
    assert build([ivy, spelled]).places == 1  # case and spacing aside
    other_perimeter = read(version(tmp_path, "ivy3", SAINT_IVY, perimeter_type="bassin_de_vie"))
    assert build([ivy, other_perimeter]).places == 2
    other_code = read(version(tmp_path, "val2", territory_code="200071842"))
    assert build([val, other_code]).places == 2


def test_a_nameless_territory_has_its_roadmaps_name_and_is_a_territory_of_its_own(
    tmp_path: Path,
) -> None:
    one = read(version(tmp_path, "one", SAINT_IVY, territory_name=None))
    two = read(version(tmp_path, "two", SAINT_IVY, territory_name=None))
    assert one.name == said("Unnamed territory") == "Territoire sans nom"
    assert read(Path(one.source), "en").name == "Unnamed territory"
    portfolio = build([one, two])
    assert portfolio.places == 2
    assert {t.name for t in portfolio.territories} == {
        "Territoire sans nom (one)",
        "Territoire sans nom (two)",
    }


# --- what the report says, in every format ----------------------------------------------------


@pytest.fixture(scope="module")
def four_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two workshops of Val d'Orbière and two of Saint-Ivy: four files of two territories."""
    folder = tmp_path_factory.mktemp("versions") / "answers"
    version(folder, "val-2024", workshop_date="2024-03-12")
    version(folder, "val-2026")
    version(folder, "ivy-2022", SAINT_IVY, workshop_date="2022-06")
    version(folder, "ivy-2024", SAINT_IVY)
    return folder


def office_text(path: Path) -> str:
    inner = "word/document.xml" if path.suffix == ".docx" else "content.xml"
    return plain(re.sub(r"<[^>]+>", "", zipfile.ZipFile(path).read(inner).decode()))


def test_four_files_of_two_territories_make_two_territories_in_every_format(
    cli, four_files: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli(
        "synthesis", four_files, "-o", out, "-f", "md,html,pdf,docx,odt,xlsx", "--lang", "fr"
    )
    assert result.code == 0, result.err
    two = plain(said_n("{n} territory", "{n} territories", 2))
    assert two == "2 territoires"
    read_words = plain(
        said(
            "{files} read, of {territories}: the latest version of each territory counts, by "
            "the date its data is up to date as of, else its workshop date.",
            files=said_n("{n} answers file", "{n} answers files", 4),
            territories=two,
        )
    )
    md = plain((out / "synthesis.md").read_text(encoding="utf-8"))
    html = plain((out / "synthesis.html").read_text(encoding="utf-8"))
    assert f"**{two}**" in md and read_words in md
    assert "réunit 2 territoires" in md
    assert "réunit 2 territoires" in html and read_words in html
    pdf = " ".join(pdf_text(out / "synthesis.pdf").split())
    assert "réunit 2 territoires" in pdf and "4 fichiers de réponses lus, de 2 territoires" in pdf
    for name in ("synthesis.docx", "synthesis.odt"):
        text = office_text(out / name)
        assert "réunit 2 territoires" in text and read_words in text, name
    # Word and LibreOffice pages are landscape, as the PDF's (the territories' wide tables)
    word = zipfile.ZipFile(out / "synthesis.docx").read("word/document.xml").decode()
    assert re.findall(r"<w:pgSz [^>]*/>", word) == [
        '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />'
    ]
    odt = zipfile.ZipFile(out / "synthesis.odt").read("styles.xml").decode()
    layouts = re.findall(r"<style:page-layout-properties [^>]*>", odt)
    assert layouts and all('print-orientation="landscape"' in p for p in layouts)
    assert all('fo:page-width="11.6929in"' in p for p in layouts)
    # one row per territory, its latest version; the earlier ones named, not dropped
    assert "val-2024.yaml (12 mars 2024)" in md and "val-2026.yaml (19 nov. 2026)" in md
    book = load_workbook(out / "synthesis.xlsx")
    territories = list(book["territories"].iter_rows(values_only=True))[1:]
    assert len(territories) == 2
    files = {Path(r[0]).stem: r for r in list(book["files_read"].iter_rows(values_only=True))[1:]}
    assert set(files) == {"val-2024", "val-2026", "ivy-2022", "ivy-2024"}
    assert files["val-2026"][3] == "oui"
    assert files["val-2024"][3].startswith("non : ") and "val-2026.yaml" in files["val-2024"][3]


def test_every_version_counts_when_asked(cli, four_files: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("synthesis", four_files, "-o", out, "-f", "md,xlsx", "--all-versions")
    assert result.code == 0, result.err
    md = plain((out / "synthesis.md").read_text(encoding="utf-8"))
    assert "**2 territories**" in md
    assert "4 answers files read, of 2 territories: every version counts." in md
    assert "This synthesis counts every version: 4 files, 4 final, 0 in draft." in md
    assert f"{VAL} (val-2024)" in md and f"{VAL} (val-2026)" in md
    rows = list(load_workbook(out / "synthesis.xlsx")["territories"].iter_rows(values_only=True))
    assert len(rows) == 5

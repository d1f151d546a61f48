"""The synthesis as Word and LibreOffice documents, laid out by LibreOffice (issue 25): landscape
pages, and the territories' tables with headers that wrap between words, never inside one
(« Besoin s », « Économi que », « cisea u » before), in French and English."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_main, soffice
from test_cli_synthesis import territory

pytestmark = pytest.mark.slow

SAINT_IVY = EXAMPLE.parent / "saint-ivy-kermorvan.yaml"
TABLES = {"fr": ("Besoins et acteurs", "Financements et plan d’actions"),
          "en": ("Needs and actors", "Money and action plan")}  # fmt: skip


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(lang, docx|odt) → the PDF LibreOffice lays the document out as; and the Markdown."""
    folder = tmp_path_factory.mktemp("synthesis-office")
    answers = folder / "answers"
    answers.mkdir()
    shutil.copy(EXAMPLE, answers / "val.yaml")
    shutil.copy(SAINT_IVY, answers / "ivy.yaml")
    territory(answers, "lorm", "Communauté de communes du Pays de Lorm et des Trois Rivières")
    out: dict[tuple[str, str], Path] = {}
    documents = []
    for lang in ("fr", "en"):
        made = folder / lang
        result = run_main("synthesis", answers, "-o", made, "-f", "md,docx,odt", "--lang", lang)
        assert result.code == 0, result.err
        out[lang, "md"] = made / "synthesis.md"
        for suffix in ("docx", "odt"):
            document = folder / "pdf" / f"{lang}-{suffix}.{suffix}"
            document.parent.mkdir(exist_ok=True)
            shutil.copy(made / f"synthesis.{suffix}", document)
            documents.append(str(document))
            out[lang, suffix] = document.with_suffix(".pdf")
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *documents,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert all(out[key].exists() for key in out if key[1] != "md"), done.stderr
    return out


def headers(md: str, title: str) -> list[str]:
    """The column headers of the Markdown table under `### title`."""
    after = md[md.index(f"### {title}\n") :]
    row = next(line for line in after.splitlines() if line.startswith("|"))
    return [cell.strip().replace("\\", "") for cell in row.strip("|").split("|")]


@pytest.mark.parametrize("suffix", ["docx", "odt"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_headers_never_break_inside_a_word(
    laid_out: dict[tuple[str, str], Path], lang: str, suffix: str
) -> None:
    from pypdf import PdfReader

    md = laid_out[lang, "md"].read_text(encoding="utf-8")
    reader = PdfReader(laid_out[lang, suffix])
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape, as the PDF
    pages = [(p.extract_text() or "").replace("\u00a0", " ") for p in reader.pages]
    for title in TABLES[lang]:
        page = next(p for p in pages[2:] if title in p)  # the table, not the contents
        words = set(re.findall(r"[\w’']+", page))
        for head in headers(md, title):
            for word in re.findall(r"[\w’']+", head):
                assert word in words, f"{lang} {suffix}: « {head} » broken in {sorted(words)}"

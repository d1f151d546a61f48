"""The HTML synthesis in a browser (issue 25): filters by département, origin, year and type of
actor hide the territories' rows, a column's header sorts its table, by mouse or keyboard; the
page asks nothing of the network, and without its script every row still shows.

Debian's Chromium driven by Playwright (conftest's `browser`), axe-core for WCAG 2.1 AA."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, axe_violations, run_main
from test_cli_synthesis import territory

SAINT_IVY = EXAMPLE.parent / "saint-ivy-kermorvan.yaml"
VAL = "Communauté de communes du Val d'Orbière"
IVY = "Saint-Ivy-des-Landes et Kermorvan-sur-Oust"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Four territories of two départements (and one that says none), two years, two
    origins, the synthesis in French and English."""
    folder = tmp_path_factory.mktemp("synthesis-browser")
    answers = folder / "answers"
    answers.mkdir()
    shutil.copy(EXAMPLE, answers / "val.yaml")  # 2026, no département
    shutil.copy(SAINT_IVY, answers / "ivy.yaml")  # 2024, Morbihan (56)
    territory(answers, "lorm", "Pays de Lorm", departement="Mayenne (53)")  # 2026
    territory(answers, "causse", "Causse de Mirande", SAINT_IVY, origin="mixte", as_of="2025-03")
    # (a workshop held, it is dated by its workshop: 2024)
    out = {}
    for lang in ("fr", "en"):
        result = run_main("synthesis", answers, "-o", folder / lang, "-f", "html", "--lang", lang)
        assert result.code == 0, result.err
        out[lang] = folder / lang / "synthesis.html"
    return out


def names(page: Any, table: int = 0) -> list[str]:
    """The territories the table shows, in its order."""
    rows = page.locator("table.territories").nth(table).locator("tbody tr:visible th")
    return [text.strip() for text in rows.all_inner_texts()]


def test_a_filter_hides_the_territories_it_leaves_out(browser, page_file: dict[str, Path]) -> None:
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(page_file["fr"].as_uri())
    assert [u for u in asked if not u.startswith(("file:", "data:"))] == []  # no network
    form = page.locator("form#filters")
    assert form.is_visible()
    assert form.locator(".filters-shown").inner_text() == "Territoires affichés : 4 sur 4"
    options = page.locator("#filter-departement option").all_inner_texts()
    assert options == ["Tous", "Mayenne (53) (1)", "Morbihan (56) (2)", "non renseigné (1)"]
    page.select_option("#filter-departement", "Morbihan (56)")
    assert sorted(names(page)) == ["Causse de Mirande", IVY]
    assert sorted(names(page, 1)) == ["Causse de Mirande", IVY]  # both tables
    why = page.locator("#section-territories ul.why > li:visible strong").all_inner_texts()
    assert "Pays de Lorm" not in why and IVY in why  # and why their figures are not given
    assert form.locator(".filters-shown").inner_text() == "Territoires affichés : 2 sur 4"
    page.select_option("#filter-origin", "atelier")  # filters add up: Causse's is mixed
    assert names(page) == [IVY]
    page.click("form#filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('table.territories tr[hidden]').length == 0")
    assert len(names(page)) == 4
    assert page.locator("#filter-year option").all_inner_texts() == [
        "Tous",
        "2026 (2)",
        "2024 (2)",
    ]
    page.select_option("#filter-year", "2026")
    assert sorted(names(page)) == [VAL, "Pays de Lorm"]
    page.select_option("#filter-year", "")
    labels = page.locator("#filter-actors option").all_inner_texts()
    assert "Tous" in labels and len(labels) > 2
    page.close()


def test_a_header_sorts_its_table_by_mouse_and_keyboard(
    browser, page_file: dict[str, Path]
) -> None:
    page = browser.new_page()
    page.goto(page_file["en"].as_uri())
    first = page.locator("table.territories").first
    territory_head = first.locator("thead th").first
    territory_head.locator("button").click()
    assert territory_head.get_attribute("aria-sort") == "ascending"
    assert names(page) == sorted(names(page))
    needs_head = first.locator("thead th", has_text="Needs").first
    needs = needs_head.locator("button")
    needs.focus()
    page.keyboard.press("Enter")
    assert needs_head.get_attribute("aria-sort") == "ascending"
    assert territory_head.get_attribute("aria-sort") is None
    counts = [int(t) for t in first.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    page.keyboard.press("Space")  # again: the other way
    assert needs_head.get_attribute("aria-sort") == "descending"
    counts = [int(t) for t in first.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    # money is compact text (« 2,3 M€ », « 916 k€ »): it sorts by the amount, unknown last
    money = page.locator("table.territories").nth(1)
    money.locator("thead th", has_text="Resources").locator("button").click()
    cells = money.locator("tbody tr td:nth-child(2)")
    amounts = [cells.nth(i).get_attribute("data-sort") for i in range(cells.count())]
    known = [float(a) for a in amounts if a]
    assert known == sorted(known) and all(a for a in amounts[: len(known)])
    page.close()


def test_without_script_every_row_shows(browser, page_file: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_file["fr"].as_uri())
    assert not page.locator("form#filters").is_visible()
    assert len(names(page)) == 4 and len(names(page, 1)) == 4
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_with_its_filters_has_no_wcag_21_aa_violation(
    browser, page_file: dict[str, Path], lang: str
) -> None:
    assert axe_violations(browser, page_file[lang].as_uri(), "form#filters:not([hidden])") == []

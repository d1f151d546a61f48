"""Figures as a reader of the roadmap counts them: one rule for every number the tool prints."""

from __future__ import annotations

import pytest

from coconstruct.formatting import formatter


@pytest.mark.parametrize(
    ("lang", "share", "shown"),
    [
        ("fr", 1 / 8, "13\u202f%"),  # 1 dot of 8: 12,5 % is 13 %, as 3 of 8 (37,5 %) is 38 %
        ("fr", 3 / 8, "38\u202f%"),
        ("en", 1 / 8, "13%"),
        ("fr", 0.285, "29\u202f%"),
    ],
)
def test_halves_round_up_in_shares(lang: str, share: float, shown: str) -> None:
    assert formatter(lang).percent(share).replace("\xa0", "\u202f") == shown


def test_halves_round_up_in_numbers_and_money() -> None:
    fr = formatter("fr")
    assert [fr.number(2.5), fr.number(3.5), fr.number(6.25, 1)] == ["3", "4", "6,3"]
    assert fr.money(1200.5).startswith("1\u202f201") or fr.money(1200.5).startswith("1\xa0201")

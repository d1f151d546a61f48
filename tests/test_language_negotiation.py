"""Accept-Language → one of coconstruct's languages (the room's pages and API answers)."""

from __future__ import annotations

import pytest

from coconstruct.language.negotiation import negotiate


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fr", "fr"),
        ("en", "en"),
        ("fr-FR,fr;q=0.9", "fr"),  # what a French phone sends
        ("en-US,en;q=0.9,fr;q=0.8", "en"),
        ("fr-CA", "fr"),  # a region of a language we speak
        ("en-GB", "en"),
        ("FR-fr", "fr"),  # case does not matter
        ("fr_FR", "fr"),  # an underscore, as some apps write it
        ("zh-Hant-TW, fr;q=0.2", "fr"),
    ],
)
def test_a_language_we_speak_is_found_with_or_without_its_region(header, language) -> None:
    assert negotiate(header) == language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fr;q=0.5, en;q=0.8", "en"),  # the highest quality wins, not the first written
        ("en;q=0.3, fr", "fr"),  # no q is q=1
        ("de, en;q=0.7, fr;q=0.7", "en"),  # equal qualities: the order written
        ("de, fr;q=0.7, en;q=0.7", "fr"),
        ("en;q=0, fr;q=0.1", "fr"),  # q=0: "not this one"
        ("fr ; q=0.3 , en ; q=0.2", "fr"),  # spaces around the parts
        ("en;q=1.000, fr;q=0.999", "en"),
    ],
)
def test_qualities_order_the_languages(header, language) -> None:
    assert negotiate(header) == language


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "*",  # anything: the caller's own language then
        "de, *;q=0.5",
        "de-DE, es;q=0.8",  # only languages we do not speak
        "en;q=0, fr;q=0",  # both refused
    ],
)
def test_no_language_of_ours_is_none(header) -> None:
    assert negotiate(header) is None


@pytest.mark.parametrize(
    "header",
    [
        "english",  # a word, not a language tag we speak (the first two letters are no guess)
        "fr;q=abc, de",  # a quality that is not one refuses its language
        "en;q=1.5",
        "en;q=-1",
        "fr;level=1",
        ";;;,,,q=0.5",
        "\x00\xff, \u00e9n, fr-\u00c9",
        "fr-" + "x" * 9,  # a subtag longer than 8 letters is not a language tag
        ",".join(["de"] * 40) + ",fr",  # past the first 32 ranges: noise, not a preference
    ],
)
def test_garbage_headers_name_no_language(header) -> None:
    assert negotiate(header) is None

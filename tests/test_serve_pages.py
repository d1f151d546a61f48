"""The room's pages speak from the one catalog: the templates' words and the scripts' alike."""

from __future__ import annotations

import re

import pytest

from coconstruct.serve import pages
from coconstruct.serve.room import ACCEPTED, CLOSED, MERGED, NOT_STARTED, OPEN, REJECTED, WAITING
from coconstruct.serve.shared_file import POSTIT_LISTS

SCRIPTS = sorted(pages.STATIC.glob("*.js"))
# keys the scripts complete at run time (`t("voting_" + state.voting)`) → the values the server
# sends there
COMPLETED = {
    "voting_": {NOT_STARTED, OPEN, CLOSED},
    "status_": {WAITING, ACCEPTED, MERGED, REJECTED},
    "list_": set(POSTIT_LISTS),
}
STRING = re.compile(r'"([^"\\]*)"(\s*\+)?')


def first_argument(source: str, start: int) -> str:
    """The text of a call's first argument, `start` just after its opening parenthesis."""
    depth, position = 0, start
    while position < len(source):
        char = source[position]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            break
        elif char == '"':
            position = source.index('"', position + 1)
        position += 1
    return source[start:position]


def keys_the_scripts_show() -> set[str]:
    """Every key the scripts pass to `t()`, the completed ones with each of their values."""
    keys: set[str] = set()
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        for call in re.finditer(r"(?<![\w.$])t\(", source):
            for literal, plus in STRING.findall(first_argument(source, call.end())):
                if plus:
                    assert literal in COMPLETED, f"{script.name}: t({literal!r} + …) is new"
                    keys |= {literal + value for value in COMPLETED[literal]}
                else:
                    keys.add(literal)
    return keys


def test_the_scripts_are_read() -> None:
    shown = keys_the_scripts_show()
    assert {"offline", "dots_left_n", "voters_of", "dot_word_1", "voting_open"} <= shown


def test_every_word_the_scripts_show_is_in_the_catalog_in_french() -> None:
    english, french = pages.strings("en"), pages.strings("fr")
    shown = keys_the_scripts_show()
    missing = sorted(shown - set(english))
    assert missing == [], "add them to pages.STRINGS (N_), then `make catalogs`"
    untranslated = sorted(key for key in shown if french[key] == english[key])
    assert untranslated == [], "translate them in coconstruct.po, then `make catalogs`"


def test_the_pages_carry_no_word_the_scripts_do_not_show() -> None:
    assert sorted(set(pages.strings("en")) - keys_the_scripts_show()) == []


def test_the_scripts_hold_no_words_of_their_own() -> None:
    """What a script writes into the page comes from `t()` or from the server, never a literal."""
    words = re.compile(r'(?:textContent\s*=|text:)\s*"([^"]*[A-Za-zÀ-ÿ][^"]*)"')
    found = {script.name: words.findall(script.read_text(encoding="utf-8")) for script in SCRIPTS}
    assert {name: literals for name, literals in found.items() if literals} == {}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Votants\u00a0: &lt;b&gt;3&lt;/b&gt; sur 4"),  # a no-break space before the colon
        ("en", "Voters: &lt;b&gt;3&lt;/b&gt; of 4"),
    ],
)
def test_templates_fill_placeholders_with_escaped_values(lang: str, expected: str) -> None:
    template = pages.environment(lang).from_string(
        '{{ _("Voters: {voters} of {participants}", voters="<b>3</b>", participants=4) }}'
    )
    assert template.render() == expected


def test_templates_agree_counts_as_each_language_does() -> None:
    template = '{{ ngettext("{n} dot left", "{n} dots left", n) }}'
    for lang, n, expected in [("en", 1, "1 dot left"), ("en", 0, "0 dots left")]:
        assert pages.environment(lang).from_string(template).render(n=n) == expected
    said = pages.environment("fr").from_string('{{ ngettext("dot", "dots", n) }}')
    assert [said.render(n=n) for n in (0, 1, 2)] == ["gommette", "gommette", "gommettes"]


def test_a_translation_keeps_its_own_characters() -> None:
    """The catalog's words are not escaped twice: « l'animateur » stays as written."""
    said = pages.environment("fr").from_string('{{ _("Send to the facilitator") }}')
    assert said.render() == "Envoyer à l'animateur"

"""The open question's words: what a phone may send, and how the room counts them.

A phone answers with one to three words; each word counts once per participant, whatever its
case and accents (« Solidaire », « solidaire » and « SOLIDAIRE » are one word), and is shown as
most participants wrote it. A participant who answers again replaces their words: the base of
every count is the number of participants who answered. Plain values, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coconstruct.language.messages import N_
from coconstruct.serve.room import Refused

WORDS_MAX = 3  # words in one answer
WORD_MAX = 40  # characters in one word
TEXT_MAX = 200  # characters of the question asked, and of an answer as typed
# what separates words: spaces, commas, semicolons, slashes; a word keeps its inner hyphens
# and apostrophes (« vivre-ensemble », « aujourd'hui »), not the punctuation around it
_SEPARATORS = re.compile(r"[\s,;/|+]+")
_AROUND = "\"'`«»“”‘’()[]{}<>.!?:…*#_~-–—"


def fold(word: str) -> str:
    """What two spellings of one word share: no accents, no case."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold()


def split(text: Any) -> list[str]:
    """An answer's words, checked: one to three, none too long; a refusal names the field."""
    if not isinstance(text, str):
        raise Refused(422, "missing", N_("Send one to three words")).on("text")
    if len(text) > TEXT_MAX:
        raise Refused(
            422, "too_long", N_("The answer is too long ({n} characters at most)"), n=TEXT_MAX
        ).on("text")
    words: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(unicodedata.normalize("NFC", text)):
        word = part.strip(_AROUND)
        if not word or not any(c.isalnum() for c in word):
            continue
        if len(word) > WORD_MAX:
            raise Refused(
                422, "too_long", N_("A word is too long ({n} characters at most)"), n=WORD_MAX
            ).on("text")
        if fold(word) not in seen:  # the same word twice in one answer counts once
            seen.add(fold(word))
            words.append(word)
    if not words:
        raise Refused(422, "missing", N_("Send one to three words")).on("text")
    if len(words) > WORDS_MAX:
        raise Refused(
            422, "too_many_words", N_("Three words at most: keep the ones that matter most")
        ).on("text")
    return words


@dataclass(frozen=True)
class Word:
    word: str  # as most participants wrote it (the first written among equals)
    count: int  # participants who said it

    def public(self) -> dict[str, Any]:
        return {"word": self.word, "count": self.count}


def count(answers: Mapping[str, Iterable[str]]) -> list[Word]:
    """The words of every answer, most said first (then alphabetically, accents aside)."""
    said: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for words in answers.values():
        for word in words:
            key = fold(word)
            said[key] += 1
            spellings.setdefault(key, Counter())[word] += 1
    found = [Word(spellings[key].most_common(1)[0][0], n) for key, n in said.items()]
    return sorted(found, key=lambda w: (-w.count, fold(w.word), w.word))

"""Titles that say the same thing in other words: needs and funders across territories.

Two territories rarely name a need the same way (« Se déplacer sans voiture », « Se déplacer
pour travailler sans voiture »). Titles are compared by rapidfuzz, a maintained C++ matcher:
each title is first reduced to its words (accents, case and punctuation aside, the function
words of French and English out, the words sorted, so that their order does not matter), then
two titles are alike when rapidfuzz's `fuzz.ratio` of these keys (0–100, the normalised Indel
similarity: rapidfuzz's `token_sort_ratio` with the sorting done once per title rather than
once per pair) reaches the threshold.

Grouping is by leaders, not by chains: the most frequent title starts a group and takes every
title alike to it; the next title left starts the next group. So two titles are in one group
only when each is alike to the group's first, never through a chain of small differences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: how alike two titles must be to count as one (0–100); see docs/analysis.md
SIMILARITY = 75

# words that carry no meaning of their own in a title (« de », « the »…); « sans », « pas »,
# « non » stay: they change it
_FUNCTION_WORDS = (
    "a à au aux avec ce ces d dans de des du en et l la le les leur leurs ou par pour qui que "
    "s sa se ses son sur un une y "
    "an and as at by for from in into of on or the to with"
)
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W_]+")
_ALONE = "\x00"  # starts the key of a title with no word: compared with none


def key(title: str) -> str:
    """A title as compared: its words, without accents, case or function words, sorted."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in _WORD.findall(plain) if w not in STOPWORDS]
    return " ".join(sorted(words)) or " ".join(sorted(_WORD.findall(plain)))


def groups(
    titles: Sequence[str], similarity: float = SIMILARITY, weights: Sequence[int] | None = None
) -> list[list[int]]:
    """The titles in groups of alike ones: lists of their indexes, in the order given.

    Groups come largest first (by the summed `weights` of their titles, one each by default;
    ties in the order their first title was given). A title whose key is empty (only
    punctuation) is alone.
    """
    from rapidfuzz import fuzz, process

    weights = list(weights) if weights is not None else [1] * len(titles)
    by_key: dict[str, list[int]] = {}
    for index, title in enumerate(titles):
        # a title with no word is alike to none, only to itself as written
        by_key.setdefault(key(title) or _ALONE + title, []).append(index)
    keys = list(by_key)
    weight = [sum(weights[i] for i in by_key[k]) for k in keys]
    order = sorted(range(len(keys)), key=lambda k: (-weight[k], by_key[keys[k]][0]))
    leader_of: list[int | None] = [None] * len(keys)
    found: list[list[int]] = []
    for lead in order:
        if leader_of[lead] is not None:
            continue
        members = [lead]
        leader_of[lead] = lead
        if not keys[lead].startswith(_ALONE):
            scores = process.cdist(
                [keys[lead]], keys, scorer=fuzz.ratio, score_cutoff=similarity, dtype="uint8"
            )[0]
            for other in scores.nonzero()[0].tolist():
                if leader_of[other] is None and not keys[other].startswith(_ALONE):
                    leader_of[other] = lead
                    members.append(other)
        found.append(sorted(i for k in members for i in by_key[keys[k]]))
    found.sort(key=lambda g: (-sum(weights[i] for i in g), g[0]))
    return found

"""A unit typed as free text (« emplois », « tonnes de déchets », "hours per year") agreeing in
number with a count, by the language's rules written as data (`UnitWords`, one per `Locale`).

Only where it is safe: a word's ending that says its singular or its plural without a doubt
(« personnes » → « personne », « emplois » → « emploi » but not « bois », "jobs" → "job",
"city" → "cities"), a few irregular words ("people"), and in a unit of several words only the
first one, when the next is a link (« heures par an », « tonnes de CO2 », "hours per year"); a
symbol or an acronym (m², kWh, ETP) never changes. A unit typed in the plural, as the
questionnaires ask, is kept for several. Otherwise (« jeunes accompagnés », "boxes") the answer
is None: the caller shows the unit as typed, without pretending it agrees.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitWords:
    """How one language turns a unit's first word from the plural to the singular and back."""

    plural_marks: tuple[str, ...]  # how a word in the plural (or invariant) ends
    # (ending, replacement): the first ending that matches decides; None: no safe answer
    to_singular: tuple[tuple[str, str | None], ...]
    to_plural: tuple[tuple[str, str | None], ...]
    irregular: tuple[tuple[str, str], ...] = ()  # (singular, plural)
    unsafe: tuple[str, ...] = ()  # whole words that look regular and are not
    links: tuple[str, ...] = ()  # after the first word, the rest keeps its number
    link_prefixes: tuple[str, ...] = ()  # « d’heures »


def agreeing(unit: str, one: bool, words: UnitWords) -> str | None:
    """`unit` said of one (`one`) or of several; None when that cannot be said safely."""
    parts = unit.split()
    if not parts:
        return unit
    first, rest = parts[0], parts[1:]
    if _symbol(first):
        return unit  # m², kWh, ETP, km: the same for one and for many
    if not one and (first.endswith(words.plural_marks) or _irregular_plural(first, words)):
        return unit  # typed in the plural, as asked (or invariant: « prix », « bois »)
    if rest:
        link = rest[0].lower()
        if link not in words.links and not link.startswith(words.link_prefixes):
            return None  # « jeunes accompagnés »: the next word agrees too
    changed = _singular(first, words) if one else _plural(first, words)
    if changed is None:
        return None
    return " ".join([changed, *rest])


def _irregular_plural(word: str, words: UnitWords) -> bool:
    return any(word == plural for _, plural in words.irregular)


def _symbol(word: str) -> bool:
    return len(word) <= 2 or not word.isalpha() or not word.islower()


def _singular(word: str, words: UnitWords) -> str | None:
    if word in words.unsafe:
        return None
    for singular, plural in words.irregular:
        if word in (singular, plural):
            return singular
    if not word.endswith(words.plural_marks):
        return word  # typed in the singular already
    return _replaced(word, words.to_singular)


def _plural(word: str, words: UnitWords) -> str | None:
    if word in words.unsafe:
        return None
    for singular, plural in words.irregular:
        if word in (singular, plural):
            return plural
    return _replaced(word, words.to_plural)


def _replaced(word: str, rules: tuple[tuple[str, str | None], ...]) -> str | None:
    for ending, replacement in rules:
        if word.endswith(ending) and len(word) > len(ending):
            if replacement is None:
                return None
            return word[: len(word) - len(ending)] + replacement
    return None


FRENCH = UnitWords(
    plural_marks=("s", "x", "z"),
    to_singular=(
        ("eaux", "eau"),
        ("ours", None),  # « jours » but « cours », « parcours »
        ("ers", None),  # « vers », « univers »
        ("ois", "oi"),  # « emplois »; « bois », « mois »… are `unsafe`
        ("ées", "ée"),
        ("és", "é"),
        ("es", "e"),
        ("nts", "nt"),
        ("ts", "t"),
        ("ns", "n"),
        ("rs", "r"),
        ("ls", "l"),
    ),
    to_plural=(
        ("eau", "eaux"),
        ("ail", None),
        ("al", None),
        ("au", None),
        ("eu", None),
        ("ou", None),
        ("", "s"),
    ),
    unsafe=(
        *("gens", "bois", "fois", "mois", "pois", "anchois", "chamois", "patois", "minois"),
        *("carquois", "putois", "tournois", "villageois", "bourgeois", "mois-personnes"),
    ),
    links=("de", "du", "des", "par", "pour", "à", "au", "aux", "en", "sur"),
    link_prefixes=("d’", "d'"),
)

ENGLISH = UnitWords(
    plural_marks=("s",),
    to_singular=(
        *((ending, None) for ending in ("ies", "ves", "ses", "xes", "zes", "ches", "shes")),
        *((ending, None) for ending in ("oes", "ss", "us", "is", "as", "os")),
        ("es", "e"),
        ("s", ""),
    ),
    to_plural=(
        *((ending, ending + "s") for ending in ("ay", "ey", "oy", "uy")),
        ("y", "ies"),
        *((ending, None) for ending in ("ch", "sh", "x", "z", "o", "f", "fe")),
        ("", "s"),
    ),
    irregular=(("person", "people"), ("child", "children"), ("man", "men"), ("woman", "women")),
    unsafe=("news", "means", "series", "species", "lens", "staff", "sheep", "fish"),
    links=("of", "per", "a", "an", "in", "for", "on", "at"),
)

__all__ = ["ENGLISH", "FRENCH", "UnitWords", "agreeing"]

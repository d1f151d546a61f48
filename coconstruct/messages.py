"""User-facing messages of the core, in every language the tool speaks.

A plain table rather than gettext catalogs: these strings are needed by commands that must start
instantly (`set`, `validate`), and a dict lookup costs nothing at import. Report templates, which
are long prose, go through gettext catalogs instead (see coconstruct/report).
"""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "required": {"fr": "une réponse est attendue", "en": "an answer is required"},
    "min_number": {"fr": "doit valoir au moins {limit}", "en": "must be at least {limit}"},
    "max_number": {"fr": "doit valoir au plus {limit}", "en": "must be at most {limit}"},
    "min_length": {
        "fr": "doit compter au moins {limit} caractères",
        "en": "must be at least {limit} characters long",
    },
    "max_length": {
        "fr": "doit compter au plus {limit} caractères",
        "en": "must be at most {limit} characters long",
    },
    "min_items": {
        "fr": "au moins {limit} éléments attendus",
        "en": "at least {limit} items expected",
    },
    "max_items": {"fr": "au plus {limit} éléments", "en": "at most {limit} items"},
    "pattern": {
        "fr": "ne respecte pas le format attendu",
        "en": "does not match the expected format",
    },
    "not_text": {"fr": "un texte est attendu", "en": "text is expected"},
    "one_line": {"fr": "une seule ligne est attendue", "en": "a single line is expected"},
    "not_number": {"fr": "« {value} » n'est pas un nombre", "en": "{value!r} is not a number"},
    "percent_range": {
        "fr": "un pourcentage est compris entre 0 et 100",
        "en": "a percentage is between 0 and 100",
    },
    "not_date": {
        "fr": "« {value} » n'est pas une date (2027-03-15 ou 15/03/2027)",
        "en": "{value!r} is not a date (2027-03-15 or 15/03/2027)",
    },
    "not_boolean": {
        "fr": "« {value} » : répondez oui ou non",
        "en": "{value!r}: answer yes or no",
    },
    "unknown_choice": {
        "fr": "« {value} » n'est pas un choix possible ({choices})",
        "en": "{value!r} is not one of the choices ({choices})",
    },
    "not_list": {"fr": "une liste est attendue", "en": "a list is expected"},
    "duplicate_choice": {
        "fr": "« {value} » est choisi deux fois",
        "en": "{value!r} is chosen twice",
    },
    "unknown_reference": {
        "fr": "« {value} » ne désigne aucun élément de {target} ({choices})",
        "en": "{value!r} is not an item of {target} ({choices})",
    },
    "no_items": {"fr": "aucun élément pour l'instant", "en": "no items yet"},
    "not_scale": {
        "fr": "un niveau de l'échelle est attendu",
        "en": "a level of the scale is expected",
    },
}


def msg(key: str, lang: str, **values: object) -> str:
    table = _MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)


def ui_language() -> str:
    """The language of the tool's own messages: COCONSTRUCT_LANG, else the locale, else French."""
    for var in ("COCONSTRUCT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    return "fr"

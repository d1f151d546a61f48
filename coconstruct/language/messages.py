"""Every word the tool says, in French and English, from one gettext catalog.

English is the source language: messages are written in English where they are used
(`msg("Saved {file}", lang, file=path)`), and the French catalog translates them
(`coconstruct/language/locale/fr/LC_MESSAGES/coconstruct.po`, compiled to `.mo` and shipped in
the wheel).
The same catalog serves the command line, the interview, `show`, `--help` and the report
templates. The standard library's gettext reads the `.mo`: no babel import at start-up.

`make catalogs` extracts every `msg`, `nmsg`, `N_` and template string (babel.cfg), merges them
into each `.po` and compiles the `.mo`; a test fails when a string has no French.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("fr", "en")
DOMAIN = "coconstruct"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def ui_language() -> str:
    """The language of the tool's own messages: COCONSTRUCT_LANG, else the locale, else French."""
    for var in ("COCONSTRUCT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    return "fr"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (English, the source language, needs none)."""
    if lang not in LANGUAGES or lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def msg(text: str, lang: str | None = None, /, **values: object) -> str:
    """`text` in `lang` (default: the user's language), its `{placeholders}` filled."""
    translated = catalog(lang or ui_language()).gettext(text)
    return translated.format(**values) if values else translated


def nmsg(singular: str, plural: str, n: int, lang: str | None = None, /, **values: object) -> str:
    """A message that agrees with a count `n` (« 1 fichier », « 2 fichiers »); `{n}` is filled."""
    translated = catalog(lang or ui_language()).ngettext(singular, plural, n)
    return translated.format(n=n, **values)


def N_(text: str) -> str:
    """Mark a string for the catalog where it is defined; `msg` translates it where it is shown."""
    return text

"""Every word the tool says, in French and English, from one gettext catalog.

English is the source language: messages are written in English where they are used
(`msg("Saved {file}", lang, file=path)`), and the French catalog translates them
(`coconstruct/language/locale/fr/LC_MESSAGES/coconstruct.po`, compiled to `.mo` by the build:
`make`, `pip install`, a wheel).
The same catalog serves the command line, the interview, `show`, `--help` and the report
templates. The standard library's gettext reads the `.mo`: no babel import at start-up.
Each language's catalog is its `Locale`'s (locales.py), with the rest of its rules.

`make catalogs` extracts every `msg`, `nmsg`, `N_` and template string (babel.cfg), merges them
into each `.po` and compiles the `.mo`; a test fails when a string has no French.
"""

from __future__ import annotations

import gettext
import os

from coconstruct.language.locales import DOMAIN, LANGUAGES, LOCALE_DIR, locale_for

__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "N_", "catalog", "msg", "nmsg", "ui_language"]


def ui_language() -> str:
    """The language of the tool's own messages: COCONSTRUCT_LANG, else the locale, else French."""
    for var in ("COCONSTRUCT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    return LANGUAGES[0]


def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (English, the source language, needs none)."""
    return locale_for(lang).catalog


def msg(text: str, lang: str | None = None, /, **values: object) -> str:
    """`text` in `lang` (default: the user's language), its `{placeholders}` filled."""
    return locale_for(lang or ui_language()).message(text, **values)


def nmsg(singular: str, plural: str, n: int, lang: str | None = None, /, **values: object) -> str:
    """A message that agrees with a count `n` (« 1 fichier », « 2 fichiers »); `{n}` is filled."""
    return locale_for(lang or ui_language()).plural_message(singular, plural, n, **values)


def N_(text: str) -> str:
    """Mark a string for the catalog where it is defined; `msg` translates it where it is shown."""
    return text

"""Typed text in the one form answers are kept in (NFC, `\\n` newlines, no control characters),
and a questionnaire's text in one language."""

from __future__ import annotations

import unicodedata

_NEWLINES = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_KEEP = {"\n", "\t"}


def normalize_text(text: str) -> str:
    """NFC, `\\n` newlines, no control characters: the form every typed answer is kept in.

    U+0085 and U+2028/2029 count as line breaks for YAML and for `str.splitlines`, so they become
    `\\n` rather than surviving to surprise a later reader. Surrogates and U+FFFE/U+FFFF cannot be
    written as UTF-8 YAML and are dropped.
    """
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    text = "".join(
        ch
        for ch in text
        if ch in _KEEP
        or not (unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\ufffe", "\uffff", "\ufeff"))
    )
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type: `mecenat` is « Mécénat »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: a questionnaire's text in each of its languages: `{fr: Besoins, en: Needs}`
LocalText = dict[str, str]


def text(local: LocalText | None, lang: str) -> str:
    """A label in `lang`, falling back to any language rather than showing nothing."""
    if not local:
        return ""
    return local.get(lang) or next(iter(local.values()), "")

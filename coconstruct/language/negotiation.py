"""Which of coconstruct's languages a browser asks for, from its Accept-Language header.

The header is read as RFC 9110 says (`fr-CA, fr;q=0.9, en;q=0.8, *;q=0.1`): the languages are
taken by quality, highest first, ties in the order written, `q=0` meaning "not this one"; babel
then matches them to ours (`fr-CA` is French). `*` names no language: when it is all a browser
says, the caller's own default language is the answer.
"""

from __future__ import annotations

import re

from babel.core import negotiate_locale

from coconstruct.language.messages import LANGUAGES

# RFC 4647 language range: `fr`, `fr-CA`, `zh-Hant-TW`; `_` forgiven (`fr_FR`, as some apps send)
_RANGE = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*")
_QUALITY = re.compile(r"\s*[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*")
_MOST_RANGES = 32  # a browser sends a handful; what lies beyond is noise, not a preference


def negotiate(header: str | None) -> str | None:
    """The best of `LANGUAGES` for an Accept-Language header, or None when it names none."""
    if not header:
        return None
    wanted: list[tuple[float, str]] = []
    for part in header.split(",")[:_MOST_RANGES]:
        tag, _, params = part.partition(";")
        tag = tag.strip()
        if not _RANGE.fullmatch(tag):
            continue  # `*`, or not a language at all
        quality = _quality(params)
        if quality > 0:
            wanted.append((quality, tag.replace("_", "-")))
    wanted.sort(key=lambda entry: -entry[0])  # stable: equal qualities keep the header's order
    found = negotiate_locale([tag for _, tag in wanted], LANGUAGES, sep="-", aliases={})
    if found is None:
        return None
    code = found.lower()
    return code if code in LANGUAGES else None


def _quality(params: str) -> float:
    """The weight after a language range: 1 when there is none, 0 (refused) when it is not one."""
    if not params.strip():
        return 1.0
    match = _QUALITY.fullmatch(params)
    return float(match[1]) if match else 0.0

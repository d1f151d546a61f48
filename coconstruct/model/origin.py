"""Where a file's answers come from: a workshop, documentary sources, or both.

A consultant documents territories that never held a workshop with the tool, from the press,
annual reports and the territory's site. The answer `origin` (first section) says so; a file
without it reads as a workshop, as every file did before the question existed. Everything that
would say or imply a workshop (its date, its room, its vote) asks here first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coconstruct.model.dates import ApproxDate

ORIGINS = ("atelier", "documentaire", "mixte")
WORKSHOP, DOCUMENTARY, MIXED = ORIGINS


def origin(answers: Mapping[str, Any]) -> str:
    """The file's origin; a missing or unknown answer reads as a workshop."""
    value = answers.get("origin")
    return value if value in ORIGINS else WORKSHOP


def workshop_held(answers: Mapping[str, Any]) -> bool:
    """A workshop took place (alone or beside sources): its room, date and vote may be said."""
    return origin(answers) != DOCUMENTARY


def from_sources(answers: Mapping[str, Any]) -> bool:
    """The answers (also) come from documentary sources."""
    return origin(answers) != WORKSHOP


def reference_date(answers: Mapping[str, Any]) -> ApproxDate | None:
    """The date the answers describe the territory at: the workshop's for a workshop (else the
    date the data is up to date as of), that date for a documented site (never a workshop's)."""
    workshop = ApproxDate.from_stored(answers.get("workshop_date"))
    as_of = ApproxDate.from_stored(answers.get("as_of"))
    if not workshop_held(answers):
        return as_of
    return workshop if workshop is not None else as_of

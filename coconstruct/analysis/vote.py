"""The room's dot vote, as `coconstruct serve` writes it when the vote closes: each need's dots
(`needs[].votes`), the date, the voters and the dots each could place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis.base import MIN_ITEMS, Base, text, whole
from coconstruct.model import values
from coconstruct.model.dates import ApproxDate


@dataclass(frozen=True)
class NeedVotes:
    id: str
    domain: str | None
    votes: int
    share: float | None  # of every dot placed; None when no dot was placed


@dataclass(frozen=True)
class DotVote:
    """Dots per need, most first; what the vote rests on (voters, dots offered, needs counted)."""

    needs: list[NeedVotes]  # the needs with a count, most dots first (ties in the file's order)
    counted: Base  # needs with a count, of the needs listed
    uncounted: list[str]  # needs without a readable count: added after the vote, or malformed
    placed: int  # dots placed, on every need
    voters: int | None
    dots_each: int | None
    date: ApproxDate | None

    @property
    def offered(self) -> int | None:
        """Dots the voters could place (voters × dots each), when both are known."""
        if self.voters is None or self.dots_each is None:
            return None
        return self.voters * self.dots_each

    @property
    def dots(self) -> Base | None:
        """Dots placed of dots offered (None when the dots offered are not known)."""
        offered = self.offered
        return None if offered is None else Base(self.placed, offered)

    @property
    def first(self) -> NeedVotes | None:
        """The need the room put first, only when the vote can say so: at least MIN_ITEMS
        voters, at least MIN_SHARE of the dots offered placed, and one need ahead of all."""
        dots = self.dots
        if self.voters is None or self.voters < MIN_ITEMS or dots is None or not dots.sufficient:
            return None
        ranked = self.needs
        if not ranked or ranked[0].votes == 0:
            return None
        if len(ranked) > 1 and ranked[1].votes == ranked[0].votes:
            return None  # a tie: no need was put first
        return ranked[0]


def dot_vote(needs: Sequence[Mapping[str, Any]], answers: Mapping[str, Any]) -> DotVote | None:
    """The room's vote from the needs (items with an id) and the vote's answers; None when no
    need has a count (the room has not voted). A count that is not a whole number of dots
    (`~12`, `unknown`, `-1`) is left out, never guessed, and the need is said to be uncounted."""
    counted: list[tuple[str, str | None, int]] = []
    uncounted: list[str] = []
    for need in needs:
        votes = whole(need.get("votes"))
        if votes is None:
            uncounted.append(str(need["id"]))
        else:
            counted.append((str(need["id"]), text(need.get("domain")), votes))
    if not counted:
        return None
    placed = sum(votes for _, _, votes in counted)
    ranked = sorted(counted, key=lambda row: -row[2])  # stable: ties keep the file's order
    return DotVote(
        needs=[
            NeedVotes(id, domain, votes, votes / placed if placed else None)
            for id, domain, votes in ranked
        ],
        counted=Base(len(counted), len(needs)),
        uncounted=uncounted,
        placed=placed,
        voters=whole(answers.get("vote_voters")),
        dots_each=whole(answers.get("vote_dots"), least=1),
        date=values.as_date(answers.get("vote_date")),
    )

"""The projector's timer: the facilitator's own (minutes from now), else the timebox of the
section the interview is in (`run --serve`). Seconds are counted on this server's monotonic
clock and sent as seconds left: each page counts down with its own clock, none to agree on."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coconstruct.language.messages import N_
from coconstruct.serve.room import Refused

MAX_MINUTES = 240


@dataclass(frozen=True)
class Timer:
    label: str
    ends: float  # time.monotonic() when it reaches 0
    total: float  # seconds


class Timers:
    """The facilitator's timer and the section's; `publish` tells the pages what to show."""

    def __init__(self, publish: Callable[[dict[str, Any] | None], None]) -> None:
        self.own: Timer | None = None
        self.section: Timer | None = None
        self._publish = publish

    def set(self, minutes: Any, label: Any) -> None:
        """The facilitator's timer (minutes from now), or none (0): then the section's again."""
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise Refused(422, "bad_minutes", N_("Give the minutes as a number"))
        if not 0 <= minutes <= MAX_MINUTES:
            raise Refused(422, "bad_minutes", N_("Choose from 0 to 240 minutes"))
        text = label[:80] if isinstance(label, str) else ""
        self.own = Timer(text, time.monotonic() + minutes * 60, minutes * 60) if minutes else None
        self._publish(self.state())

    @staticmethod
    def of_section(title: str, spent: float, timebox: int | None) -> Timer | None:
        if not timebox:
            return None
        return Timer(title, time.monotonic() + timebox * 60 - spent, timebox * 60)

    def section_shown(self, timer: Timer | None) -> None:
        """The interview shows a question of this section (on the server's loop)."""
        old, self.section = self.section, timer
        same = (old and (old.label, old.total)) == (timer and (timer.label, timer.total))
        if not same and self.own is None:
            self._publish(self.state())

    def state(self) -> dict[str, Any] | None:
        """What the projector counts down: seconds left (negative: over), the total, a label."""
        timer = self.own or self.section
        if timer is None:
            return None
        left = timer.ends - time.monotonic()
        return {"label": timer.label, "remaining": round(left, 1), "total": timer.total}

"""Rate limits: token buckets per participant and per address, in memory only (never written)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_KEYS = 20_000


@dataclass(frozen=True)
class Rate:
    burst: float  # how many at once
    per_second: float  # how fast the bucket fills again


# A phone taps a few dots and writes a few post-its; a script does not get far. A room may reach
# the laptop through one address (a venue's NAT, a tunnel without --behind-proxy): eighty phones
# then share their address's buckets. So once a phone has joined, its requests are held to its
# participant's rates, never to its address's (guards.check_participant); the address's hold
# what no participant signs (joining, the page's first reading, short codes) and are sized for
# a room coming in at once, while a script that floods is still held back.
REQUESTS_PER_ADDRESS = Rate(burst=400, per_second=40)  # requests that name no participant
REQUESTS_PER_PARTICIPANT = Rate(burst=60, per_second=10)
JOINS_PER_ADDRESS = Rate(burst=100, per_second=1 / 2)  # a room at once, then one every 2 s
VOTES_PER_PARTICIPANT = Rate(burst=20, per_second=4)
IDEAS_PER_PARTICIPANT = Rate(burst=6, per_second=1 / 20)
WORDS_PER_PARTICIPANT = Rate(burst=6, per_second=1 / 10)  # an answer, corrected a few times
STREAMS_PER_ADDRESS = 8  # live-event streams that name no participant
STREAMS_PER_PARTICIPANT = 4  # a phone's page and its reloads
CODES_PER_ADDRESS = Rate(burst=100, per_second=1)  # short codes typed, right or wrong


class Limiter:
    """Buckets by key; `take` says how many seconds to wait, 0 when the request may go."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}

    def take(self, scope: str, key: str, rate: Rate) -> float:
        now = self.clock()
        tokens, stamp = self._buckets.get((scope, key), (rate.burst, now))
        tokens = min(rate.burst, tokens + (now - stamp) * rate.per_second)
        if tokens < 1:
            self._buckets[(scope, key)] = (tokens, now)
            return (1 - tokens) / rate.per_second
        if len(self._buckets) >= MAX_KEYS:
            self._forget(now)
        self._buckets[(scope, key)] = (tokens - 1, now)
        return 0.0

    def _forget(self, now: float) -> None:
        """Drop the buckets idle for ten minutes (full again by then); keeps memory bounded."""
        old = [key for key, (_, stamp) in self._buckets.items() if now - stamp > 600]
        for key in old:
            del self._buckets[key]
        if len(self._buckets) >= MAX_KEYS:
            self._buckets.clear()

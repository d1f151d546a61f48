"""The room's live events: every page listening gets each change, encoded once for all.

A page holds one server-sent events stream (routes/events.py); here each stream is a bounded
queue. A page that stops reading (a phone asleep) is dropped when its queue is full rather than
slowing the room: it reconnects, and reads the state again.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from coconstruct.language.messages import N_
from coconstruct.serve.room import Refused

QUEUE_SIZE = 2000  # events waiting for one slow page before it is dropped (it reconnects)
MAX_STREAMS = 600

Stream = asyncio.Queue[bytes | None]  # encoded events; None: hang up


class Broker:
    """Pages listening for changes: one queue each, one encoded event for all."""

    def __init__(self) -> None:
        self.listeners: dict[Stream, bool] = {}  # queue → the facilitator's (sees problems)
        self.sequence = 0

    def listen(self, admin: bool) -> Stream:
        if len(self.listeners) >= MAX_STREAMS:
            raise Refused(503, "busy", N_("Too many screens connected: try again in a minute"))
        queue: Stream = asyncio.Queue(QUEUE_SIZE)
        self.listeners[queue] = admin
        return queue

    def leave(self, queue: Stream) -> None:
        self.listeners.pop(queue, None)

    def publish(
        self, kind: str, data: dict[str, Any], admin_only: bool = False, public_only: bool = False
    ) -> None:
        self.sequence += 1
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        chunk = f"id: {self.sequence}\nevent: {kind}\ndata: {payload}\n\n".encode()
        for queue, admin in list(self.listeners.items()):
            if (admin_only and not admin) or (public_only and admin):
                continue
            try:
                queue.put_nowait(chunk)
            except asyncio.QueueFull:  # a page that stopped reading: it reconnects, refetches
                self._hang_up(queue)

    def close_all(self) -> None:
        for queue in list(self.listeners):
            self._hang_up(queue)

    def _hang_up(self, queue: Stream) -> None:
        self.leave(queue)
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(None)

"""The room's secrets: the tokens in its three URLs and the short code to type, kept in the
journal's header for as long as the room lasts (service.py opens and resumes them)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tokens:
    """The secrets in the room's URLs: the participants' (`/j/…`), the facilitator's (`/a/…`)
    and the projector's (`/s/…`, which reads the room and decides nothing)."""

    room: str
    admin: str
    screen: str
    code: str = ""  # the short code to type (`/K7M2QX`), which leads to the participants' page

    @classmethod
    def new(cls) -> Tokens:
        # 128, 192 and 128 random bits: guessing any is out of reach
        return cls(
            secrets.token_urlsafe(16), secrets.token_urlsafe(24), secrets.token_urlsafe(16), code()
        )

    @classmethod
    def read(cls, header: dict[str, Any]) -> Tokens:
        """The tokens a journal's header keeps (a journal older than the projector's token or
        the short code gets new ones)."""
        screen, short = header.get("screen"), header.get("code")
        return cls(
            str(header["room"]),
            str(header["admin"]),
            str(screen) if isinstance(screen, str) else secrets.token_urlsafe(16),
            str(short) if isinstance(short, str) else code(),
        )


CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # none read as another (no I, L, O, 0, 1)
CODE_LENGTH = 6


def code() -> str:
    """A short code to type: 6 of 31 letters and digits (about 30 bits); a wrong guess costs a
    phone's address some of its rate (routes/participants.py), so trying them all is out of
    reach during a workshop."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))

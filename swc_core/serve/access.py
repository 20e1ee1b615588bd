"""Who may open what when an edition is served: the room and the trainer.

Two links, two roles. The *room* link (landing page and workbooks) is handed
to participants, on the projector as a QR code; the *trainer* link also
opens the dashboards (with names), the presenter controls and the exports.
A participant's link never opens a trainer page.

Tokens live in ``<edition>/.serve-tokens.json`` (owner-only), so a server
restarted halfway through a dagdeel keeps every participant's link working;
``swc serve --new-tokens`` replaces them.

On loopback without ``--host`` nobody else can reach the server and no token
is asked: whoever opens it is the trainer.
"""
from __future__ import annotations

import hmac
import json
import os
import secrets
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from ..errors import InputError

TOKENS_FILE = ".serve-tokens.json"
# No 0/O/1/I/L: the room code is read off a projector and typed by hand.
ROOM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ROOM_CODE_LENGTH = 10


class Role(IntEnum):
    NONE = 0
    ROOM = 1
    TRAINER = 2


@dataclass(frozen=True)
class Tokens:
    room: str
    trainer: str

    @classmethod
    def generate(cls) -> "Tokens":
        room = "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_CODE_LENGTH))
        return cls(room=room, trainer=secrets.token_urlsafe(18))

    def role_of(self, token: str | None) -> Role:
        """The role a presented token grants (constant-time comparisons)."""
        if not token:
            return Role.NONE
        token = token.strip()
        if hmac.compare_digest(token.encode(), self.trainer.encode()):
            return Role.TRAINER
        if hmac.compare_digest(token.upper().encode(), self.room.encode()):
            return Role.ROOM
        return Role.NONE

    def token_for(self, role: Role) -> str:
        return self.trainer if role is Role.TRAINER else self.room


def load_or_create_tokens(folder: Path, renew: bool = False) -> Tokens:
    """The edition's tokens, created (owner-only) when missing or when ``renew``."""
    path = folder / TOKENS_FILE
    if path.is_file() and not renew:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Tokens(room=str(data["room"]), trainer=str(data["trainer"]))
        except (ValueError, KeyError, TypeError):
            pass  # unreadable: make new ones, the old links cannot be recovered anyway
    tokens = Tokens.generate()
    tmp = path.with_suffix(".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"room": tokens.room, "trainer": tokens.trainer}, out)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"kan de toegangscodes niet bewaren in {path}: {exc.strerror}",
                         hint="controleer of de map van de editie schrijfbaar is") from None
    return tokens


@dataclass(frozen=True)
class AccessPolicy:
    """Which role each path needs; ``tokens=None`` means no token is asked."""

    tokens: Tokens | None

    @property
    def enforced(self) -> bool:
        return self.tokens is not None

    def role_of(self, token: str | None) -> Role:
        if self.tokens is None:
            return Role.TRAINER
        return self.tokens.role_of(token)

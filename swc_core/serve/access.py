"""Who may open what when an edition is served: the room, each participant, the trainer.

Three kinds of link. The *room* link (on the projector as a QR code) is the
door: "scan je kaart of typ je code"; by itself it opens no one's workbook.
Each participant's *personal* link (the card's QR code, or the short code
typed at the door, see ``swc_core/codes.py``) opens that participant's own
workbooks and their team's homework, and colleagues' cases to read. The
*trainer* link opens everything: every workbook, the dashboards (with names),
the exports, the cards.

Room and trainer tokens live in ``<edition>/.serve-tokens.json``, personal
codes in ``<edition>/.participant-codes.json`` (both owner-only), so a server
restarted halfway through a dagdeel keeps every link working; ``swc serve
--new-tokens`` replaces the room and trainer tokens, ``swc links --renew``
one participant's codes.

On loopback without ``--host`` nobody else can reach the server and no code
is asked: whoever opens it is the trainer.
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from ..atomic import write_bytes
from ..codes import CODE_ALPHABET, CodeBook
from ..errors import InputError
from ..messages import text

TOKENS_FILE = ".serve-tokens.json"
# No 0/O/1/I/L: the room code is read off a projector and typed by hand, like a card's code.
ROOM_ALPHABET = CODE_ALPHABET
ROOM_CODE_LENGTH = 10


class Role(IntEnum):
    NONE = 0
    ROOM = 1  # the door only
    PARTICIPANT = 2  # one participant's own pages
    TRAINER = 3


TRAINER_OWNER = "@trainer"  # kernels the trainer's pages started; "@" is in no participant id


@dataclass(frozen=True)
class Visitor:
    """Who a request comes from: a role and, for a participant, which one."""

    role: Role
    participant: str | None = None

    @property
    def owner(self) -> str:
        """What a kernel started for this visitor is recorded under (``RoomKernelManager``)."""
        return TRAINER_OWNER if self.role is Role.TRAINER else (self.participant or "")

    def may_use_kernel(self, owner: str | None) -> bool:
        """A kernel is reachable by the trainer, and by the participant it was started for."""
        return self.role is Role.TRAINER or (
            self.role is Role.PARTICIPANT and owner == self.participant
        )


NOBODY = Visitor(Role.NONE)


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
    data = json.dumps({"room": tokens.room, "trainer": tokens.trainer}).encode("utf-8")
    try:
        write_bytes(
            path, data, mode=0o600
        )  # owner-only, atomic: a crash leaves the old file or the new
    except InputError as exc:
        raise InputError(
            text("files.access_not_saved", path=path, reason=exc.message),
            where=exc.where,
            hint=text("files.edition_folder_hint"),
        ) from None
    return tokens


@dataclass(frozen=True)
class AccessPolicy:
    """Who a presented token makes a request; ``tokens=None`` means no token is asked.

    ``codes``: the edition's personal codes; ``participants``: the ids a
    personal code may stand for (a code of someone no longer in the edition
    opens nothing).
    """

    tokens: Tokens | None
    codes: CodeBook | None = None
    participants: frozenset[str] = frozenset()

    @property
    def enforced(self) -> bool:
        return self.tokens is not None

    def visitor(self, token: str | None) -> Visitor:
        """The visitor a token (room code, trainer token or personal link secret) stands for."""
        if self.tokens is None:
            return Visitor(Role.TRAINER)
        role = self.tokens.role_of(token)
        if role is Role.TRAINER:
            return Visitor(role)
        pid = self.codes.by_secret(token.strip()) if self.codes is not None and token else None
        if pid is not None and pid in self.participants:
            return Visitor(Role.PARTICIPANT, pid)
        return Visitor(role)

    def role_of(self, token: str | None) -> Role:
        return self.visitor(token).role

    def participant_by_code(self, typed: str) -> str | None:
        """The participant whose short code was typed at the door, if any."""
        if self.codes is None:
            return None
        pid = self.codes.by_code(typed)
        return pid if pid in self.participants else None

    def secret_of(self, participant: str) -> str | None:
        """The personal link secret of ``participant`` (what the browser's cookie then holds)."""
        code = self.codes.codes().get(participant) if self.codes is not None else None
        return code.secret if code else None

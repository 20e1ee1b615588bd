"""Each participant's personal codes: the link on their card, and a short code to type.

A participant gets two secrets, both random and both opening exactly their
own workbooks and their team's homework:

- ``secret``: 32 URL-safe characters (192 bits) in the personal link
  ``/p/<secret>`` that the card's QR code holds; the browser keeps it in a
  cookie, so a renewed card also locks out every browser that used the old
  one;
- ``code``: 10 characters from an alphabet without 0/O, 1/I/L, typed at the
  room's door (``31**10``, about 49 bits: with the door's backoff per
  address, ``serve/attempts.py``, guessing one of thirty codes takes longer
  than any training lasts). Typed case-insensitively, spaces and dashes
  ignored; printed as ``ABCDE-FGHJK``.

They are kept in ``<edition>/.participant-codes.json``, owner-only (0600),
in plain text, not hashed. Hashing would protect them only if no plain copy
existed anywhere, but the trainer must be able to print the cards again
(a jammed printer, a second set for the mail merge, the cards page of the
running server) and every such copy holds them in plain text anyway. The
file sits next to the store, which holds the cases the codes protect, with
the same owner-only mode: whoever can read one can read the other. And the
codes are random, never a password someone also uses elsewhere, so a leaked
file exposes this edition alone and ``swc links --renew`` repairs it.

Lookups compare in constant time (``hmac.compare_digest``) against every
participant, without stopping at a match. The file is re-read when it
changes, so ``swc links --renew p07`` during a training makes the old card
useless at once, also for a server that is already running.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .atomic import write_bytes
from .errors import InputError
from .messages import text

CODES_FILE = ".participant-codes.json"
# No 0/O, 1/I/L: read off a card and typed by hand (the room code uses the same).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
SECRET_BYTES = 24  # token_urlsafe: 32 characters


@dataclass(frozen=True)
class PersonalCode:
    participant: str
    secret: str  # in the personal link and the cookie
    code: str  # typed at the door; CODE_LENGTH characters of CODE_ALPHABET

    @property
    def shown(self) -> str:
        """The short code as printed: two groups of five."""
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @classmethod
    def generate(cls, participant: str) -> "PersonalCode":
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        return cls(participant, secrets.token_urlsafe(SECRET_BYTES), code)


def normalise_code(typed: str) -> str:
    """A typed short code as stored: capitals, without spaces and dashes."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def _same(presented: str, stored: str) -> bool:
    return hmac.compare_digest(presented.encode("utf-8", "replace"), stored.encode("utf-8"))


class CodeBook:
    """The personal codes of one edition (``<folder>/.participant-codes.json``)."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / CODES_FILE
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._codes: dict[str, PersonalCode] = {}

    # -- reading -------------------------------------------------------------

    def codes(self) -> dict[str, PersonalCode]:
        """Participant id -> code, re-read whenever the file changed (another process renewed one)."""
        with self._lock:
            try:
                st = self.path.stat()
            except FileNotFoundError:
                self._seen, self._codes = None, {}
                return {}
            stamp = (
                st.st_ino,
                st.st_mtime_ns,
                st.st_size,
            )  # every write is a new file (atomic rename)
            if stamp != self._seen:
                self._codes = self._read()
                self._seen = stamp
            return dict(self._codes)

    def _read(self) -> dict[str, PersonalCode]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {
                pid: PersonalCode(pid, str(v["secret"]), str(v["code"])) for pid, v in data.items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # unreadable: no code opens anything until `swc links` writes new ones

    def by_secret(self, presented: str | None) -> str | None:
        """The participant whose personal link secret this is (constant time per entry)."""
        if not presented:
            return None
        found = None
        for pid, code in self.codes().items():
            if _same(presented, code.secret):
                found = pid
        return found

    def by_code(self, typed: str | None) -> str | None:
        """The participant whose short code this is, as typed at the door."""
        if not typed:
            return None
        wanted, found = normalise_code(typed), None
        for pid, code in self.codes().items():
            if _same(wanted, code.code):
                found = pid
        return found

    # -- writing -------------------------------------------------------------

    def ensure(self, participants: Iterable[str]) -> dict[str, PersonalCode]:
        """Codes for exactly ``participants``: missing ones made, those of people no longer listed dropped."""
        wanted = list(participants)
        current = self.codes()
        codes = {pid: current.get(pid) or PersonalCode.generate(pid) for pid in wanted}
        if codes != current:
            self._write(codes)
        return codes

    def renew(self, participant: str, participants: Iterable[str]) -> PersonalCode:
        """A new code for ``participant``; the old link and short code stop working at once."""
        codes = self.ensure(participants)
        if participant not in codes:
            raise InputError(
                text("edition.unknown_participant_id", id=participant),
                hint=text("edition.known_participants", ids=", ".join(codes)),
            )
        fresh = PersonalCode.generate(participant)
        while fresh.code in {c.code for c in codes.values()}:  # 31**10 makes this a formality
            fresh = PersonalCode.generate(participant)
        codes[participant] = fresh
        self._write(codes)
        return fresh

    def _write(self, codes: dict[str, PersonalCode]) -> None:
        data = {pid: {"secret": c.secret, "code": c.code} for pid, c in codes.items()}
        try:
            write_bytes(self.path, json.dumps(data, indent=1).encode("utf-8"), mode=0o600)
        except InputError as exc:
            raise InputError(
                text("files.codes_not_saved", path=self.path, reason=exc.message),
                hint=text("files.edition_folder_hint"),
            ) from None
        with self._lock:
            self._seen = None  # read back on the next lookup

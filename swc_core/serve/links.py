"""The addresses a trainer hands out, and their QR code.

The room link is short enough to type from the projector
(``http://192.168.1.20:8866/r/7KQ2M9XDPA``); the trainer link carries the
long trainer token. Without tokens (loopback) both are the plain address.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from .access import Tokens

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ANY = {"0.0.0.0", "", "::"}


def display_host(host: str) -> str:
    """The address others type: the machine's own network address when bound to all."""
    if host not in ANY:
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent; picks the outgoing interface
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


@dataclass(frozen=True)
class Links:
    base: str  # http://host:port (no trailing slash)
    room: str
    trainer: str

    @classmethod
    def build(cls, host: str, port: int, tokens: Tokens | None) -> "Links":
        shown = display_host(host)
        if ":" in shown and not shown.startswith("["):
            shown = f"[{shown}]"  # IPv6 literal
        base = f"http://{shown}:{port}"
        if tokens is None:
            return cls(base, base + "/", base + "/")
        return cls(base, f"{base}/r/{tokens.room}", f"{base}/t/{tokens.trainer}")

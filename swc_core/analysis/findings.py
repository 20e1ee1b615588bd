"""A finding: one thing the analysis tells a participant about their casus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..messages import text

Severity = Literal["waarschuwing", "advies", "info"]
SEVERITIES: tuple[Severity, ...] = ("waarschuwing", "advies", "info")  # most urgent first


@dataclass(frozen=True)
class Finding:
    """One message for the participant, tied to what it is about.

    ``source`` names the check (a form check id from the content pack, or one
    of the analysis' own checks); ``subject`` is the part, block or question it
    concerns, or None when it is about the casus as a whole.
    """

    id: str
    message: str
    severity: Severity
    subject: str | None
    source: str

    @classmethod
    def create(
        cls, source: str, severity: Severity, message: str, subject: str | None = None
    ) -> "Finding":
        """A finding whose id (``source:subject``) is unique within one analysis run."""
        finding_id = f"{source}:{subject}" if subject is not None else source
        return cls(
            id=finding_id,
            message=" ".join(message.split()),
            severity=severity,
            subject=subject,
            source=source,
        )


def say(key: str, /, **values) -> str:
    """A sentence the analysis composes itself, from ``analysis.<key>`` (data/ui/nl.yml) with ``values`` filled in."""
    return text(f"analysis.{key}", **values)

"""What a static view reads: one subject's typed workbook, the content pack and the step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from swc_core import messages
from swc_core.content import ContentPack
from swc_core.model import Workbook


@dataclass
class ViewContext:
    """One participant's answers as a handout shows them.

    ``values``: the latest saved value per store key (as the store gives
    them); ``workbook``: the same values typed (refused values left out, as
    on the live page). ``step``: the programme step the page belongs to.
    """

    content: ContentPack
    step: str
    values: dict[str, Any] = field(default_factory=dict)
    workbook: Workbook = field(init=False)

    def __post_init__(self) -> None:
        self.workbook = Workbook.from_fields(self.values, problems=[])

    def t(self, instrument_id: str, key: str, **values: Any) -> str:
        """The screen text ``widgets.<instrument_id>.<key>`` (the live page's own words)."""
        return messages.text(f"widgets.{instrument_id}.{key}", **values)

    def paper(self, key: str, **values: Any) -> str:
        """The paper text ``export.paper.<key>``: what a live-only line means on paper."""
        return messages.text(f"export.paper.{key}", **values)

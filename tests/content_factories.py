"""Copies of the shipped content pack that a test can break on purpose.

``PackCopy`` edits the YAML as text (exactly as a trainer would) and tells
where a piece of text ended up, so a test can assert the precise ``file:line``
of each reported problem.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from swc_core.content import ContentPack, load_content
from swc_core.errors import ContentError, Problem

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "data" / "content"


class PackCopy:
    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> "PackCopy":
        self.path(name).write_text(text, encoding="utf-8")
        return self

    def replace(self, name: str, old: str, new: str) -> "PackCopy":
        """Replace the one occurrence of ``old`` (a test must know exactly what it breaks)."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        return self.write(name, text.replace(old, new))

    def line_of(self, name: str, needle: str) -> int:
        """1-based line of the one line containing ``needle``."""
        lines = [i for i, line in enumerate(self.text(name).splitlines(), 1) if needle in line]
        assert len(lines) == 1, f"{needle!r} is on lines {lines} of {name}"
        return lines[0]

    def where(self, name: str, needle: str) -> str:
        return f"{self.path(name)}:{self.line_of(name, needle)}"

    def where_line(self, name: str, line: str) -> str:
        """``file:line`` of the one line that is exactly ``line`` (for keys that also occur indented)."""
        lines = [i for i, text in enumerate(self.text(name).splitlines(), 1) if text == line]
        assert len(lines) == 1, f"{line!r} is on lines {lines} of {name}"
        return f"{self.path(name)}:{lines[0]}"

    def load(self) -> ContentPack:
        return load_content(self.folder)

    def problems(self) -> list[Problem]:
        """The problems loading reports; fails the test if the pack loads."""
        with pytest.raises(ContentError) as info:
            load_content(self.folder)
        return info.value.problems


def copy_pack(target: Path) -> PackCopy:
    folder = (target / "content").resolve()
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("*.md"))
    return PackCopy(folder)


def only(problems: list[Problem], text: str) -> Problem:
    """The one problem whose message contains ``text``."""
    hits = [p for p in problems if text in p.message]
    assert len(hits) == 1, f"{len(hits)} problems mention {text!r}: {problems}"
    return hits[0]

"""The one grammar of an id, wherever a name becomes a key: content pack, edition, store key, URL.

Lowercase letters and digits in words joined by one hyphen or underscore, at
most 63 characters: ``eigen-rol``, ``p01``, ``team-veen``, ``partij-3``. Ids end
up in store keys (``canvas.block.<id>``), file names and links, so the grammar
keeps them safe in all three: no dots, slashes, spaces or capitals, nothing
leading or trailing. 63 is the length of a DNS label, the shortest limit of
those places. The content pack (``content.types.Id``), an edition's
participants and teams (``edition.Id``) and the ids inside saved values
(``model.base.Ref``) all use :data:`ID`.
"""

from __future__ import annotations

import re

ID_MAX = 63  # characters
_ID_CHAR = "a-z0-9_-"
_WORDS = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
# A whole id for pydantic's ``StringConstraints(pattern=ID_WHOLE, max_length=ID_MAX)`` (its regex engine
# has no look-ahead, so the length is a constraint of its own).
ID_WHOLE = rf"^{_WORDS}$"
# An id inside a longer pattern (``rf"^canvas\.block\.({ID})$"``): at most ID_MAX id characters in a row.
ID = rf"(?=[{_ID_CHAR}]{{1,{ID_MAX}}}(?![{_ID_CHAR}])){_WORDS}"
ID_PATTERN = re.compile(rf"^{ID}$")


def is_id(value: object) -> bool:
    """True when ``value`` is a str following the grammar above."""
    return isinstance(value, str) and ID_PATTERN.match(value) is not None

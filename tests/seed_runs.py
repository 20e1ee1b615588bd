"""Fingerprints of the source texts, so a test can see copied sentences without the texts in the repository.

The source texts (the "seeds": essay, slides, article, ...) are not part of
this project; the product words everything in its own terms. This module
turns a text into runs of ``RUN`` consecutive words (lower case, accents and
punctuation dropped) and each run into a short hash. ``seed_runs.txt`` holds
the hashes of every run in the seeds, so ``test_content`` can check the pack
against them anywhere. Rebuild it when the seeds change::

    .venv/bin/python tests/seed_runs.py /path/to/seeds
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path
from typing import Iterator

RUN = 10  # a run this long is a copied sentence, not a shared term or name
FINGERPRINTS = Path(__file__).with_name("seed_runs.txt")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, without accents ("Essentiële" -> "essentiele") or punctuation."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [w.lower() for w in _WORD.findall(plain)]


def runs(text: str, length: int = RUN) -> Iterator[tuple[str, ...]]:
    ws = words(text)
    for i in range(len(ws) - length + 1):
        yield tuple(ws[i : i + length])


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=6).hexdigest()


def seed_fingerprints(folder: Path) -> set[str]:
    return {
        fingerprint(run)
        for path in sorted(folder.glob("*.txt"))
        for run in runs(path.read_text(encoding="utf-8"))
    }


def load_fingerprints() -> set[str]:
    return set(FINGERPRINTS.read_text(encoding="ascii").split())


if __name__ == "__main__":
    found = seed_fingerprints(Path(sys.argv[1]))
    FINGERPRINTS.write_text("".join(f"{h}\n" for h in sorted(found)), encoding="ascii")
    print(f"{len(found)} runs of {RUN} words -> {FINGERPRINTS}")

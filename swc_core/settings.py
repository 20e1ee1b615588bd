"""Configuration in one place: flags, then ``SWC_*`` environment, then defaults.

Built once by the CLI (or a notebook's parameters cell) and passed down;
nothing in the library reads the environment on its own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    sessions_dir: Path
    database_url: str | None = None  # None: the edition's own SQLite file
    author: str = "swc"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        sessions = env.get("SWC_SESSIONS_DIR")
        if sessions:
            sessions_dir = Path(sessions)
        elif (Path.cwd() / "sessions").is_dir():
            sessions_dir = Path.cwd() / "sessions"
        else:
            sessions_dir = REPO_ROOT / "sessions"
        base = cls(
            sessions_dir=sessions_dir,
            database_url=env.get("SWC_DATABASE_URL") or None,
            author=env.get("SWC_AUTHOR") or env.get("USER") or "swc",
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

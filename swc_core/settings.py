"""Configuration in one place: flags, then ``SWC_*`` environment, then defaults.

Built once by the CLI (or a notebook's parameters cell) and passed down;
nothing in the library reads the environment on its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Mapping

from .programme_day import parse_today

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    sessions_dir: Path
    database_url: str | None = None  # None: the edition's own SQLite file
    author: str = "swc"
    today: date | None = (
        None  # the date taken as today; None: the machine's date (``SWC_TODAY``, ``--today``)
    )

    def current_date(self) -> date:
        """The date the product takes as today: ``today`` when set, else the machine's date.

        The one place that reads the clock for the programme (``swc_core.programme_day``).
        """
        return self.today or date.today()

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
            today=parse_today(env["SWC_TODAY"], "SWC_TODAY") if env.get("SWC_TODAY") else None,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

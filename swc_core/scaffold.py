"""Creating a new edition folder from the template in data/templates/."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from .atomic import private_dir, write_bytes
from .content import ContentPack
from .edition import EDITION_FILE, is_valid_id
from .errors import InputError
from .messages import text as ui_text
from .settings import REPO_ROOT, Settings

TEMPLATE = REPO_ROOT / "data" / "templates" / EDITION_FILE
STEP_GAP = timedelta(weeks=2)


def init_edition(
    name: str,
    settings: Settings,
    content: ContentPack,
    title: str | None = None,
    start: date | None = None,
) -> Path:
    """Write ``<sessions>/<name>/edition.yml``; never overwrites an existing edition."""
    if not is_valid_id(name):
        raise InputError(
            ui_text("scaffold.bad_name", name=name), hint=ui_text("scaffold.bad_name_hint")
        )
    folder = settings.sessions_dir / name
    target = folder / EDITION_FILE
    if target.exists():
        raise InputError(
            ui_text("scaffold.exists", name=name),
            where=str(target),
            hint=ui_text("scaffold.exists_hint"),
        )
    start = start or settings.current_date()
    values = {
        "name": name,
        "title": json.dumps(title or ui_text("scaffold.title", name=name), ensure_ascii=False),
        "content": json.dumps(os.path.relpath(content.source, folder)),
    }
    values["dates"] = "\n".join(
        f"  {step.id}: {(start + i * STEP_GAP).isoformat()}"
        for i, step in enumerate(content.programme)
    )
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    private_dir(folder)  # every new level owner-only
    write_bytes(target, text.encode("utf-8"), mode=0o644)
    return folder

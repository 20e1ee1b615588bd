"""Today's date as the product sees it, and the step of the programme on a date.

Everything that depends on "today" asks :meth:`Settings.current_date`: the
step the landing page highlights, the pages ``swc serve`` preheats, the step
``swc status`` reports, the default start of a new edition and the date on a
hand-out. A trainer who prepares tomorrow's dagdeel sets that date with
``--today`` or ``SWC_TODAY``; a test pins it the same way, so no test depends
on the machine's clock.
"""

from __future__ import annotations

from datetime import date

from .errors import InputError

DATE_FORMAT = "JJJJ-MM-DD"


def parse_today(value: str, where: str) -> date:
    """``value`` (ISO ``YYYY-MM-DD``) as a date; InputError naming ``where`` (e.g. ``SWC_TODAY``) otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        from .messages import (
            text,  # not at the top: messages imports settings, which imports this module
        )

        raise InputError(
            text("programme_day.not_a_date", value=value),
            where=where,
            hint=text("programme_day.not_a_date_hint", format=DATE_FORMAT),
        ) from None


def step_on(edition, day: date) -> str:
    """The id of the step whose date is the latest one not after ``day``.

    Before the first dated step (the intake) that first step; after the last
    one (the eindsessie) the last. Undated steps are never the step of a day.
    """
    steps = [s.id for s in edition.content.programme]
    current = steps[0]
    for step_id in steps:
        day_of_step = edition.spec.dates.get(step_id)
        if day_of_step is not None and day_of_step <= day:
            current = step_id
    return current

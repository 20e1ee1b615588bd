"""Running an export: generate what is missing or changed, convert it, bundle the praktijkboek.

Handouts come from the executed notebooks of ``swc generate`` (same folder,
same fingerprints: what did not change is not executed again), converted in
this process by one :class:`HandoutConverter`. A handout whose notebook did
not change since its last export is left as it is. Every file is written
atomically and readable by its owner only; folders this run creates are
owner-only too (the praktijkboek is confidential, handouts hold answers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..atomic import private_dir, write_bytes
from ..edition import Edition
from ..errors import InputError
from ..messages import text
from ..progress import progress_bar
from ..store import Store
from .glossary import glossary_cell, step_terms
from .html import HandoutConverter, Page, converter_version
from .jobs import Book, Handout, Selection, plan_books, plan_handouts
from .praktijkboek import collect_cases, praktijkboek_notebook

_FINGERPRINT = re.compile(
    rb'<meta name="swc-fingerprint" content="([0-9a-f]*)"'
)  # as the template writes it


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)  # handouts (re)written
    unchanged: list[Path] = field(default_factory=list)
    books: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    seconds: float = 0.0


def handout_fingerprint(nb: nbformat.NotebookNode) -> str:
    source = nb.metadata.get("swc", {}).get("fingerprint", "")
    return (
        hashlib.sha256(f"{source}|{converter_version()}".encode()).hexdigest()[:32]
        if source
        else ""
    )


def existing_fingerprint(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    match = _FINGERPRINT.search(head)
    return match.group(1).decode() if match else None


def handout_page(edition: Edition, handout: Handout, fingerprint: str) -> Page:
    """The title, footer and fingerprint of one handout's page."""
    job = handout.job
    who = (
        edition.participant(job.participant).name
        if job.participant
        else edition.team(job.team).name
    )
    step = edition.content.step(job.step).name
    # The footer's date is the day the hand-out was made, a fact of the file: the machine's date,
    # not the programme day a trainer may have set with --today.
    return Page(
        title=text("export.handout_title", step=step, who=who),
        footer=text("export.footer", edition=edition.title, date=dt.date.today().isoformat()),
        fingerprint=fingerprint,
    )


def convert_handout(
    converter: HandoutConverter, edition: Edition, handout: Handout, force: bool
) -> bool:
    """Write one handout; False when it was already up to date."""
    try:
        nb = nbformat.read(handout.job.output, as_version=4)
    except Exception as exc:  # noqa: BLE001 - reported per handout, the others go on
        raise InputError(text("export.unreadable", reason=f"{type(exc).__name__}: {exc}")) from None
    terms = step_terms(edition.content, handout.job.step)
    if terms:  # the begrippenlijst of this step, as its last chapter
        nb.cells.append(glossary_cell(terms))
    fp = handout_fingerprint(nb)
    if not force and fp and existing_fingerprint(handout.target) == fp:
        return False
    body = converter.convert(nb, handout_page(edition, handout, fp))
    write_bytes(handout.target, body.encode("utf-8"))
    return True


def write_book(converter: HandoutConverter, edition: Edition, store: Store, book: Book) -> Path:
    """Write the praktijkboek ``book`` (the whole edition, or its teams' cases) and return its path.

    Only the answers of its teams' members are read from the store. Raises
    ``InputError`` for an unknown team, ``StoreError`` when the store cannot be read.
    """
    # a book holds its teams' cases (the members), never another team's answers
    members = (
        None if book.teams is None else [m for t in book.teams for m in edition.team(t).members]
    )
    values = store.values_of(edition.name, members)
    cases = collect_cases(edition, values, list(book.teams) if book.teams else None)
    title = (
        text("export.praktijkboek.title_team", team=edition.team(book.teams[0]).name)
        if book.teams
        else text("export.praktijkboek.title")
    )
    team = edition.team(book.teams[0]) if book.teams and len(book.teams) == 1 else None
    nb = praktijkboek_notebook(edition, cases, title, team=team)
    page = Page(
        title=f"{title} – {edition.title}",
        confidential=text("export.confidential"),
        footer=text("export.footer", edition=edition.title, date=dt.date.today().isoformat()),
    )
    write_bytes(book.target, converter.convert(nb, page).encode("utf-8"))
    return book.target


def export(
    edition: Edition,
    store: Store,
    selection: Selection,
    out_dir: Path,
    generated_dir: Path,
    *,
    base_parameters: dict | None = None,
    force: bool = False,
    workers: int | None = None,
    timeout: float | None = None,
    progress: bool = True,
) -> ExportReport:
    """Handouts and praktijkboeken for ``selection``; failures are collected, not raised."""
    from ..generate import generate
    from ..generate.runner import DEFAULT_TIMEOUT

    started = time.monotonic()
    handouts = (
        plan_handouts(edition, selection, generated_dir, out_dir, base_parameters)
        if selection.handouts
        else []
    )
    books = plan_books(edition, selection, out_dir)
    private_dir(out_dir)  # before a long generation: an unwritable --out is reported at once
    report = ExportReport()
    converter = HandoutConverter()
    if handouts:
        generation = generate(
            edition,
            store,
            [h.job for h in handouts],
            generated_dir,
            workers=workers,
            force=force,
            timeout=timeout or DEFAULT_TIMEOUT,
            progress=progress,
        )
        failed_jobs = {r.job for r in generation.failed}
        report.failed += [
            (r.job.label, r.failure.describe() if r.failure else "") for r in generation.failed
        ]
        bar = progress_bar(len(handouts), text("export.progress"), "hand-out", enabled=progress)
        try:
            for handout in handouts:
                if handout.job not in failed_jobs:
                    _convert_one(converter, edition, handout, force, report)
                bar.update(1)
        finally:
            bar.close()  # also on Ctrl-C: the bar ends its line before the message that follows
    for book in books:
        report.books.append(write_book(converter, edition, store, book))
    report.seconds = time.monotonic() - started
    return report


def _convert_one(converter, edition, handout, force, report: ExportReport) -> None:
    """Convert one handout into ``report``: written, unchanged, or failed with its reason."""
    try:
        private_dir(handout.target.parent)
        if convert_handout(converter, edition, handout, force):
            report.written.append(handout.target)
        else:
            report.unchanged.append(handout.target)
    except InputError as exc:
        report.failed.append((handout.job.label, exc.message))

"""One error root for everything a user can get wrong.

Every mistake a trainer or participant can make (a broken YAML file, an
unknown participant id, a store that cannot be reached) is raised as a
subclass of :class:`SwcError`. The CLI turns these into one clear line plus
a hint and exit code 2; anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Problem:
    """One thing that is wrong, with where it is and how to fix it.

    Also a warning ("let op"): something that works but may not be what the
    user meant, e.g. a YAML value cut short by a comment.
    """

    message: str
    where: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return text


class SwcError(Exception):
    """Root of all user-facing errors; carries ``where`` and ``hint``.

    ``warnings`` are things found on the way that may explain the error
    (see :func:`carrying`); the CLI shows them after the error.
    """

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.warnings: list[Problem] = []

    @property
    def problems(self) -> list[Problem]:
        return [Problem(self.message, self.where, self.hint)]

    def __str__(self) -> str:
        return (
            str(self.problems[0]) if len(self.problems) == 1 else "\n".join(map(str, self.problems))
        )


class ProblemsError(SwcError):
    """Several problems found at once (a validator reports all of them)."""

    def __init__(self, problems: list[Problem], *, summary: str):
        super().__init__(summary)
        self._problems = list(problems)

    @property
    def problems(self) -> list[Problem]:
        return self._problems

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {p}" for p in self._problems)])


class ContentError(ProblemsError):
    """The content pack (data/) is missing, malformed or breaks the schema."""


class EditionError(ProblemsError):
    """An edition (sessions/<edition>/edition.yml) is missing or invalid."""


class InputError(SwcError):
    """A value given on the command line, in a file or in a widget is not acceptable."""


class StoreError(SwcError):
    """The store cannot be reached or refused an operation."""


def problems_error(cls: type[ProblemsError], problems: list[Problem], what: str) -> ProblemsError:
    """Build ``cls`` with a summary line that counts the problems."""
    from .messages import counted, text  # not at the top: messages imports this module

    summary = text("errors.summary", what=what, problems=counted("problems", len(problems)))
    return cls(problems, summary=summary)


@contextmanager
def carrying(warnings: Iterable[Problem]) -> Iterator[None]:
    """Any SwcError raised inside also carries ``warnings``, so a user sees them with the error."""
    try:
        yield
    except SwcError as exc:
        exc.warnings.extend(warnings)
        raise


@dataclass
class ProblemList:
    """Collects problems while validating, so every one is reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, where: str | None = None, hint: str | None = None) -> None:
        self.items.append(Problem(message, where, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, cls: type[ProblemsError], what: str) -> None:
        if self.items:
            raise problems_error(cls, self.items, what)

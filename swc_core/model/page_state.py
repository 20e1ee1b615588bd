"""A page's typed state: every field's value as the page holds it, checked once, and the Workbook.

A live workbook page (``widgets/``) keeps what the participant and the store
said of each field here. Setting a field checks its value once against the
field's type (``fields.validate_field``, the one gate); the typed value is
kept beside the JSON, so a redraw asks :attr:`PageState.workbook` and gets
the typed :class:`~swc_core.model.workbook.Workbook` assembled from values
that were already checked: no figure, analysis or instrument checks a value
again (issue 18, point 2).

A value the model refuses (an answer saved before a rule tightened, or a
key this version does not know) is kept as JSON, so nothing is lost and the
next save still sends it; it leaves its section empty in :attr:`workbook`,
as ``Workbook.from_fields(problems=...)`` does for a dashboard, and
:attr:`refused` says why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

from ..errors import InputError, Problem
from .fields import validate_field
from .workbook import Workbook

CHECK: Any = object()  # ``set(..., typed=CHECK)``: the value has not been checked yet


class PageState(MutableMapping[str, Any]):
    """``{field key: value as the page holds it}``, with each value's typed form and the assembled Workbook.

    Reads like the dict of field values it replaces (``state[key]``,
    ``state.get(key)``, iteration over keys); ``state[key] = value`` checks
    ``value`` once. :meth:`set` takes a typed value already made by the
    caller's own check (the autosaver's), so a change is checked exactly
    once on its way from a widget to the page's Workbook.
    """

    def __init__(self, values: Mapping[str, Any] = ()) -> None:
        self._json: dict[str, Any] = {}
        self._typed: dict[str, Any] = {}
        self.refused: dict[
            str, Problem
        ] = {}  # field key -> why its value stays out of the Workbook
        self._workbook: Workbook | None = None
        self.update(values)

    def set(self, key: str, value: Any, typed: Any = CHECK) -> None:
        """Hold ``value`` (JSON) for ``key``; ``typed``: its checked form, or :data:`CHECK` to check it here.

        Never raises for a refused value: it is held as JSON and named in :attr:`refused`.
        """
        if typed is CHECK:
            try:
                typed = validate_field(key, value)
            except InputError as exc:
                self._json[key] = value
                self._typed.pop(key, None)
                self.refused[key] = Problem(exc.message, hint=exc.hint)
                self._workbook = None
                return
        self._json[key] = value
        self._typed[key] = typed
        self.refused.pop(key, None)
        self._workbook = None

    def typed(self, key: str, default: Any = None) -> Any:
        """The checked value of ``key`` (a model, list, dict or str), or ``default`` when unset or refused."""
        return self._typed.get(key, default)

    @property
    def workbook(self) -> Workbook:
        """The participant's sections as one typed Workbook (team fields ignored), assembled without a check.

        Built once per change and shared: callers read it and never modify it.
        """
        if self._workbook is None:
            self._workbook = Workbook.from_typed(self._typed)
        return self._workbook

    def __setitem__(self, key: str, value: Any) -> None:
        self.set(key, value)

    def __getitem__(self, key: str) -> Any:
        return self._json[key]

    def __delitem__(self, key: str) -> None:
        del self._json[key]
        self._typed.pop(key, None)
        self.refused.pop(key, None)
        self._workbook = None

    def __iter__(self) -> Iterator[str]:
        return iter(self._json)

    def __len__(self) -> int:
        return len(self._json)

    def __repr__(self) -> str:
        return f"PageState({self._json!r})"

"""What the browser still held when the participant left the page, or kept while it was offline.

ipywidgets sends a text field's changes one message at a time: while one is
on its way to the kernel, newer keystrokes wait in the browser (the model's
message buffer, sent when the kernel reports idle; ``@jupyter-widgets/base``
``WidgetModel.sync``). A tab closed in that moment takes them along: seen
here, the last 4 of 34 characters typed 5 ms apart were lost.

So every text field of a page carries its model id as a CSS class
(``swc-m-<id>``); the page template's ``pagehide`` handler sends the current
text of every field typed in to the server (``/swc/leave/<kernel>``), which
hands them to this kernel (:func:`apply_left_values`) before the kernel saves
what it holds and is shut down (``swc_core/serve/kernels.py``). The text is
data to the kernel: it is set as the widget's value, checked and saved like
any keystroke, never evaluated.

The same holds for every other kind of input, not only text: a slider moved
with the keyboard sends its first step and holds back the rest until the
kernel is idle again (seen here: 52 stored of 55 when the tab closed right
after five presses), a second click on the same toggle row waits likewise,
and a number field (``IntText``, ``continuous_update=False``) sends nothing
until it loses focus. So sliders, number fields, choices and check boxes
carry ``swc-m-<id>`` too, and the beacon sends what the page shows for each
one the participant touched: ``{"number": n}``, ``{"index": i}`` (a choice's
place among its options, as ipywidgets itself syncs it) or
``{"checked": b}`` (:func:`_set_left`).

A page that lost its connection (issue 17) keeps what is typed meanwhile in
the browser's ``localStorage``. Model ids change with every page load, so
each text field also carries a key that stays the same for the same page of
the same participant: ``swc-k-<instrument id>-<n>``, the n-th text field of
that instrument in the page's widget tree (``page`` for fields outside an
instrument, such as a team's homework fields); the page's root carries
``swc-s-<hex of edition and subject>``. Once a kernel is back (the same one
after a reconnect, or a fresh page's after a culled kernel or a restarted
server) the browser posts the kept texts to ``/swc/keep/<kernel>`` and this
kernel sets them (:func:`apply_kept_values`), merging where the field has
changed since the kept text's base.

A slider, number field, choice or check box changed while offline is kept
the same way, under a key of the same grammar (every input of an instrument
counts in one sequence: ``swc-k-eigen-rol-0`` is its first input of any
kind), as ``{"left": value}`` in the beacon's shapes, except that a choice is
kept by its label (``{"label": l}``): a fresh page may order or number its
options differently, a label is what the participant picked. Only a kept
value reaching the kernel counts: its own widget message waits in the
browser's kernel connection (and is lost with a reload), so the page says
"opgeslagen" only once the kernel answers that the kept value is saved.
Beside it the browser keeps ``"base"``, what the input showed when the
connection went (the value the store held then): a kernel that finds the
same choice set another way since (another device, a teammate) sets the
kept value but shows both on the page's conflict panel and lets the
participant pick, as for a choice set two ways while both pages were
connected (:func:`_set_kept`); nothing is silently overwritten, and both
versions stay in the store.

A text's ``base`` is what the kernel last said it held, not what the page
showed: the browser keeps each text on its way to the kernel until the
kernel's echo of it arrives (the template's ``swc-sent|`` entries), so
characters sent over a socket that was already dead (a wifi gone before the
page could know) are kept too and merged here against the kernel's real
value, instead of looking deleted.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import weakref

import ipywidgets as W

from swc_core.scheduling import LoopScheduler
from swc_core.store import Conflict

from .autosave import StoreBinding, _live_bindings, flush_every_page  # noqa: F401 - StoreBinding: in PageValues below

FIELD_CLASS = "swc-m-"  # + model id; read by the template's pagehide handler (voila_template/swc)
KEY_CLASS = "swc-k-"  # + stable key; read by the template's offline keeper
SUBJECT_CLASS = "swc-s-"  # + hex of "<edition>\n<subject>", on the page root
PAGE_CLASS = "swc-page"
INSTRUMENT_CLASS = "swc-instrument-"
OUTSIDE_INSTRUMENTS = "page"
TEXT_FIELDS = (W.Text, W.Textarea)
NUMBER_FIELDS = (
    W.IntSlider,
    W.FloatSlider,
    W.IntText,
    W.FloatText,
    W.BoundedIntText,
    W.BoundedFloatText,
)
CHOICE_FIELDS = (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select)
CHECK_FIELDS = (W.Checkbox, W.ToggleButton)
LEFT_FIELDS = (
    *TEXT_FIELDS,
    *NUMBER_FIELDS,
    *CHOICE_FIELDS,
    *CHECK_FIELDS,
)  # what the leave beacon may carry

# What apply_kept_values answers per key (read by the template and the server).
SAVED, UNSAVED, UNKNOWN = "saved", "unsaved", "unknown"

_pages: "list[weakref.ref[W.Box]]" = []  # page roots of this kernel, oldest first (a served kernel has one)
_rekey_scheduled = False


def tag_text_fields() -> None:
    """From now on, inputs built in this kernel carry ``swc-m-<model id>``.

    Inputs: text, number, choice and check box widgets (``LEFT_FIELDS``);
    once on a page, also ``swc-k-<key>``.
    """
    W.Widget.on_widget_constructed(_tag)


def _tag(widget: W.Widget) -> None:
    # Called before the widget opens its comm (ipywidgets 8 ``Widget.__init__``): the id exists from then on.
    if isinstance(widget, LEFT_FIELDS):
        widget.observe(_tag_opened, names="comm")
    elif isinstance(widget, W.Box):
        widget.observe(_page_marked, names="_dom_classes")


def _tag_opened(change) -> None:
    if change["new"] is not None:
        change["owner"].add_class(FIELD_CLASS + change["owner"].model_id)
        # an input added to a page already shown (a new list item): key it once it is placed
        if _live_pages():
            _schedule_rekey()


def _page_marked(change) -> None:
    if PAGE_CLASS in change["new"] and PAGE_CLASS not in (change["old"] or ()):
        page = change["owner"]
        _pages.append(weakref.ref(page))
        page.add_class(SUBJECT_CLASS + _subject_of(page).encode("utf-8").hex())
        key_fields(page)


def _subject_of(page: W.Box) -> str:
    """``<edition>\\n<subject>`` of a page: of the binding whose save status line is on it ("" for none)."""
    statuses = {id(b.status): b for b in list(_live_bindings)}
    todo = [page]
    while todo:
        widget = todo.pop()
        if id(widget) in statuses:
            binding = statuses[id(widget)]
            return f"{binding.edition}\n{binding.subject}"
        todo.extend(c for c in getattr(widget, "children", ()) or () if isinstance(c, W.Widget))
    return ""


def _schedule_rekey() -> None:
    global _rekey_scheduled
    if not _rekey_scheduled:
        _rekey_scheduled = True
        LoopScheduler().call_later(0, _rekey)


def _rekey() -> None:
    global _rekey_scheduled
    _rekey_scheduled = False
    for page in _live_pages():
        key_fields(page)


def _live_pages() -> list[W.Box]:
    """The page roots of this kernel still in use, oldest first."""
    _pages[:] = [ref for ref in _pages if ref() is not None]
    return [page for ref in _pages if (page := ref()) is not None]


def key_fields(page: W.Widget) -> dict[str, W.Widget]:
    """Give every input under ``page`` its stable key; returns key -> field.

    The key is the field's instrument (the nearest ``swc-instrument-<id>``
    above it) and its place in the widget tree among that instrument's inputs
    of its sort, so the same page built again gives the same field the same
    key: ``swc-k-<instrument>-<n>`` for a text (``TEXT_FIELDS``, counted on
    their own, as they were before other inputs had keys: a text a browser
    kept across an upgrade still finds its field) and ``swc-k-<instrument>-m<n>``
    for any other input (``LEFT_FIELDS``).
    """
    counts: dict[tuple[str, str], int] = {}
    found: dict[str, W.Widget] = {}

    def visit(widget: W.Widget, scope: str) -> None:
        for cls in getattr(widget, "_dom_classes", ()):
            if cls.startswith(INSTRUMENT_CLASS):
                scope = re.sub(r"[^A-Za-z0-9_-]", "_", cls[len(INSTRUMENT_CLASS) :])
        if isinstance(widget, LEFT_FIELDS):
            sort = "" if isinstance(widget, TEXT_FIELDS) else "m"
            n = counts.get((scope, sort), 0)
            counts[(scope, sort)] = n + 1
            found[f"{scope}-{sort}{n}"] = widget
        for child in getattr(widget, "children", ()) or ():
            if isinstance(child, W.Widget):
                visit(child, scope)

    visit(page, OUTSIDE_INSTRUMENTS)
    for key, widget in found.items():
        wanted = KEY_CLASS + key
        old = [c for c in widget._dom_classes if c.startswith(KEY_CLASS) and c != wanted]
        for cls in old:
            widget.remove_class(cls)
        if wanted not in widget._dom_classes:
            widget.add_class(wanted)
    return found


def apply_left_values(encoded: str) -> list[str]:
    """Set the values a leaving page still held, then save everything pending; returns fields left unsaved.

    ``encoded``: base64 of a JSON object ``{model id: value}``: a text, or
    ``{"number": n}``, ``{"index": i}``, ``{"checked": b}`` (see the module's
    docstring). Unknown ids, disabled fields and values of the wrong shape for
    their widget are ignored; a value the field's instrument refuses is
    refused as if typed.
    """
    values = _decoded(encoded)
    for model_id, value in values.items():
        widget = W.widget_serialization["from_json"](f"IPY_MODEL_{model_id}", None)
        if isinstance(widget, LEFT_FIELDS) and not widget.disabled:
            _set_left(widget, value)
    return flush_every_page()


def _set_left(widget: W.Widget, value) -> bool:
    """Set what the browser showed, as the widget's own sync would have; False (ignored) when it does not fit."""
    import traitlets

    left = _left_value(widget, value)
    if left is None:
        return False
    name, new = left
    if getattr(widget, name) != new:
        try:
            setattr(widget, name, new)  # the trait checks it (a slider clamps to its range)
        except traitlets.TraitError:
            return False
    return True


def _left_value(widget: W.Widget, value) -> tuple[str, object] | None:
    """(trait, value) to set from what the beacon carried for ``widget``; None when it does not fit."""
    if isinstance(widget, TEXT_FIELDS):
        return ("value", value) if isinstance(value, str) else None
    if not isinstance(value, dict):
        return None
    if isinstance(widget, NUMBER_FIELDS):
        number = value.get("number")
        return (
            ("value", number)
            if isinstance(number, (int, float)) and not isinstance(number, bool)
            else None
        )
    if isinstance(widget, CHOICE_FIELDS):
        if "label" in value:
            return _choice_by_label(widget, value["label"])
        if "index" not in value:  # another kind's shape: not "nothing chosen"
            return None
        index = value["index"]
        if index is None or (type(index) is int and 0 <= index < len(widget.options)):
            return "index", index
        return None
    if isinstance(widget, CHECK_FIELDS):
        checked = value.get("checked")
        return ("value", checked) if isinstance(checked, bool) else None
    return None


def _choice_by_label(widget: W.Widget, label) -> tuple[str, object] | None:
    """("index", the place of the option shown as ``label``, or else whose value is ``label``); None: no such option.

    ``None`` is "nothing chosen". Spaces are compared as the browser shows
    them (ipywidgets draws a dropdown's spaces as no-break spaces).
    """
    if label is None:
        return "index", None
    if not isinstance(label, str):
        return None
    wanted = " ".join(label.split())
    labels = [" ".join(str(lb).split()) for lb in widget._options_labels]
    if wanted in labels:
        return "index", labels.index(wanted)
    values = [str(v) for v in widget._options_values]
    return ("index", values.index(label)) if label in values else None


def apply_kept_values(encoded: str) -> str:
    """Set the values a browser kept while offline, save them; returns JSON ``{key: "saved"|"unsaved"|"unknown"}``.

    ``encoded``: base64 of a JSON object ``{stable key: {"base": text,
    "text": text}}`` for a text field, or ``{stable key: {"left": value,
    "base": value}}`` for any other input (:func:`_set_kept`, which shows a
    choice set another way elsewhere meanwhile as a conflict): ``text`` is what the participant typed while offline,
    ``base`` what the field held when that typing began. A field still
    holding ``base`` (or already ``text``) gets ``text``; a field that has
    changed since (another device, a save of the same kernel) gets the
    three-way merge of the two (``swc_core.store.merge.merge_text``), so
    neither side's typing is dropped. "saved": the store holds the field's
    value now; "unsaved": something on the page is still pending or refused
    (the browser keeps the text and tries again); "unknown": no such field
    on this page (or a disabled one, or one of another kind): the browser keeps the text.
    """
    from swc_core.store.merge import merge_text

    kept = _decoded(encoded)
    pages = _live_pages()
    # the page the browser shows is this kernel's newest; fields added since it was built (list items)
    # get their keys now
    fields = key_fields(pages[-1]) if pages else {}
    answer: dict[str, str] = {}
    conflicts: FieldConflicts = []
    for key, item in kept.items():
        widget = fields.get(key) if isinstance(key, str) else None
        if isinstance(item, dict) and "left" in item:
            answer[str(key)] = _set_kept(
                widget, item["left"], item.get("base", _NO_BASE), conflicts
            )
            continue
        if (
            not isinstance(widget, TEXT_FIELDS)
            or widget.disabled
            or not isinstance(item, dict)
            or not isinstance(item.get("text"), str)
            or not isinstance(item.get("base", ""), str)
        ):
            answer[str(key)] = UNKNOWN
            continue
        mine, base, current = item["text"], item.get("base", ""), widget.value
        wanted = mine if current in (base, mine) else merge_text(base, mine, current)
        if wanted != current:
            widget.value = wanted
        answer[key] = SAVED
    unsaved = flush_every_page() or any(
        b.status.state in ("invalid", "failed", "pending") for b in list(_live_bindings)
    )
    for (
        binding,
        field,
        found,
    ) in conflicts:  # shown once saved: "Hier" is then the store's newest version
        binding.tell_conflicts(field, found)
    if unsaved:
        answer = {k: (UNSAVED if v == SAVED else v) for k, v in answer.items()}
    return json.dumps(answer)


_NO_BASE = object()  # a kept entry without the value its change was made on (kept by an older page)


def _set_kept(
    widget: W.Widget | None, value, base=_NO_BASE, conflicts: "FieldConflicts | None" = None
) -> str:
    """A slider, number field, choice or check box changed offline: set as the beacon's value; SAVED or UNKNOWN.

    ``base``: what the field showed before that change (the beacon's shapes),
    i.e. the value the store held when the connection went. When the field
    now shows neither ``base`` nor ``value``, the same choice was set another
    way elsewhere meanwhile (another device, a teammate): a true conflict
    (issue 17). ``value`` is set and saved all the same, so the store keeps
    both versions (the other one is the revision before it), and each place
    in the instrument's value that differs is added to ``conflicts`` as
    ``(binding, field, [Conflict(path, mine=value's, theirs=the other)])``,
    for the page's conflict panel ("Hier: … / Elders: …", the person picks;
    ``widgets/base.py ConflictPanel``), as for a choice set two ways while
    both pages were connected. A base that no option carries any more counts
    as changed.

    UNKNOWN for no such field, a text field, a disabled one, a value of the
    wrong shape or one its trait refuses: no field here takes it. A number
    out of a slider's range is clamped by the trait.
    """
    if not isinstance(widget, LEFT_FIELDS) or isinstance(widget, TEXT_FIELDS) or widget.disabled:
        return UNKNOWN
    mine = _left_value(widget, value)
    if mine is None:
        return UNKNOWN
    name, wanted = mine
    now = getattr(widget, name)
    was = _left_value(widget, base) if base is not _NO_BASE else None
    elsewhere = (
        base is not _NO_BASE and now != wanted and (was is None or was[0] != name or now != was[1])
    )
    before = _page_values() if elsewhere else None
    if not _set_left(widget, value):
        return UNKNOWN
    if before is not None and conflicts is not None:
        conflicts.extend(_conflicts_since(before))
    return SAVED


PageValues = (
    "list[tuple[StoreBinding, dict[str, str]]]"  # each binding, with the JSON of each field's value
)
FieldConflicts = "list[tuple[StoreBinding, str, list[Conflict]]]"


def _page_values() -> PageValues:
    """Each live page binding with the JSON of every field's value as the page knows it now."""
    return [(b, {f: _json(v) for f, v in b.values.items()}) for b in list(_live_bindings)]


def _conflicts_since(before: PageValues) -> FieldConflicts:
    """Where each page's values changed since ``before``: ``Conflict(path, mine=now, theirs=then)`` per place."""
    found = []
    for binding, then in before:
        for field, value in list(binding.values.items()):
            old = json.loads(then[field]) if field in then else None
            if _json(value) != then.get(field, _json(None)):
                found.append(
                    (
                        binding,
                        field,
                        [
                            Conflict(path, mine, theirs)
                            for path, theirs, mine in _differences(old, value)
                        ],
                    )
                )
    return found


def _differences(old, new, path: tuple = ()) -> list[tuple[tuple, object, object]]:
    """``(path, old, new)`` for each place where ``new`` differs from ``old`` (dicts by key, lists by index)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            d
            for k in sorted(set(old) | set(new), key=str)
            if _json(old.get(k)) != _json(new.get(k))
            for d in _differences(old.get(k), new.get(k), (*path, k))
        ]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new))
            if _json(a) != _json(b)
            for d in _differences(a, b, (*path, i))
        ]
    return [(path, old, new)]


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def unsaved_here() -> int:
    """How many fields of this kernel's pages are pending, failing or refused (for the trainer's room status)."""
    count = 0
    for binding in list(_live_bindings):
        unsaved = len(binding.unsaved_fields)
        count += unsaved or (1 if binding.status.state in ("failed", "invalid", "pending") else 0)
    return count


def _decoded(encoded: str) -> dict:
    try:
        values = json.loads(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError):
        return {}
    return values if isinstance(values, dict) else {}

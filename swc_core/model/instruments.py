"""Every instrument a participant fills in, declared once: its fields, its workbook section, its widget.

An :class:`InstrumentSpec` ties an instrument id of the content pack
(``data/content/instruments.yml``; the ids are fixed in
``content.schema.FIXED_IDS["instruments"]``) to what code needs of it:

- the store keys it saves and the type of each value (:class:`Section`);
- the :class:`Workbook` attribute each key fills (``canvas.parties`` fills a
  part of the composite ``canvas``);
- at which kinds of step a key counts towards "filled in" (the competences
  are scored at the intake and again at the end);
- the widget that shows it on a live page (``"module:Class"`` in ``widgets/``,
  a string so that ``swc_core`` never imports ``widgets``);
- the content-pack sections it presents (``presents``, "<file stem>.<section>"),
  whose provenance note stands under its title on the live page and in a
  handout (``content.provenance_note``).

The field registry (``fields.PARTICIPANT_FIELDS``), the workbook's sections
(``workbook.SECTIONS`` and ``Workbook``'s attributes), what counts as filled
(``analysis.completeness.INSTRUMENT_FILLED``), the widget registry
(``widgets/registry.py``) and the provenance notes (``widgets.base.Instrument``,
``swc_core.views.page``) are all derived from :data:`INSTRUMENT_SPECS`.
Adding an instrument is one spec here, one widget module and one template;
adding a question to an existing one is a content-pack edit (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from .base import MAX_ITEMS
from .canvas import Canvas, Contributions, Parties
from .casus import Casus, Competences
from .decisions import BeslisboomRuns, Partnership
from .goals import Goals
from .schakelbak import Schakelbak
from .strategy import Advice, Interventions, Patterns, Realisation, Reflection, Role
from .toets import Toets

STEP_KINDS = ("intake", "dagdeel", "tussentijd", "eindsessie")  # content.schema.StepKind


@dataclass(frozen=True)
class Section:
    """One store key of an instrument.

    ``attr`` is the ``Workbook`` attribute the value fills; a dotted
    ``"canvas.parties"`` fills an attribute of a composite section, whose
    model the instrument's :attr:`InstrumentSpec.composite` names.
    ``counts_at`` is the step kinds at which a value here counts as the
    instrument being filled in (``None``: at every step).
    """

    key: str
    type: Any
    attr: str
    counts_at: tuple[str, ...] | None = None

    @property
    def top_attr(self) -> str:
        """The ``Workbook`` attribute this key lives under (``canvas`` for ``canvas.parties``)."""
        return self.attr.split(".", 1)[0]

    def counts(self, step_kind: str) -> bool:
        return self.counts_at is None or step_kind in self.counts_at


@dataclass(frozen=True)
class InstrumentSpec:
    """An instrument of the Code as code sees it: id, store keys, workbook section, widget.

    ``composite`` is ``(attribute, model)`` when the instrument's keys fill
    one model together (the canvas: block texts plus the lists of parties and
    contributions); the block texts have keys of their own shape
    (``fields.BLOCK_SHAPE``), declared in ``fields.py``. ``presents``: the
    content-pack sections the instrument shows ("<file stem>.<section>"), for
    the provenance note under its title.
    """

    id: str
    widget: str
    sections: tuple[Section, ...] = ()
    composite: tuple[str, type] | None = None
    presents: tuple[str, ...] = ()

    def attrs(self) -> dict[str, tuple[Any, Any]]:
        """``{Workbook attribute: (type, pydantic default)}`` this instrument adds to the workbook."""
        if self.composite is not None:
            name, model = self.composite
            return {name: (model, Field(default_factory=model))}
        return {s.attr: (s.type, _default(s.type)) for s in self.sections}

    def counting_attrs(self, step_kind: str) -> tuple[str, ...]:
        """The ``Workbook`` attributes whose content means "filled in" at a step of ``step_kind``."""
        return tuple(dict.fromkeys(s.top_attr for s in self.sections if s.counts(step_kind)))


def _default(type_: Any) -> Any:
    """An empty default for a section type: its model, an empty list or an empty map (at most MAX_ITEMS)."""
    base = _bare(type_)
    if base is dict:
        return Field(default_factory=dict, max_length=MAX_ITEMS)
    if base is list:
        return Field(default_factory=list)
    return Field(default_factory=base)


def _bare(type_: Any) -> Any:
    """``list`` for ``Annotated[list[X], ...]``, ``dict`` for a map, the class itself for a model."""
    while hasattr(type_, "__metadata__"):  # Annotated[...]
        type_ = type_.__origin__
    return getattr(type_, "__origin__", type_)


def _one(
    instrument_id: str, widget: str, key: str, type_: Any, presents: tuple[str, ...] = ()
) -> InstrumentSpec:
    return InstrumentSpec(instrument_id, widget, (Section(key, type_, key),), presents=presents)


_OTHER_KINDS = tuple(k for k in STEP_KINDS if k != "intake")

# In the order of the workbook's sections.
INSTRUMENT_SPECS: tuple[InstrumentSpec, ...] = (
    _one("casus", "casus:CasusInstrument", "casus", Casus),
    InstrumentSpec(
        "competenties",
        "competences:CompetencesInstrument",
        (
            Section("competences.intake", Competences, "competences_intake", counts_at=("intake",)),
            Section("competences.end", Competences, "competences_end", counts_at=_OTHER_KINDS),
        ),
        presents=("competences.competences", "competences.scale"),
    ),
    InstrumentSpec(
        "canvas",
        "canvas:CanvasInstrument",
        (
            Section("canvas.parties", Parties, "canvas.parties"),
            Section("canvas.contributions", Contributions, "canvas.contributions"),
        ),
        composite=("canvas", Canvas),
        presents=("canvas.blocks", "vocab.party_types"),
    ),
    _one(
        "schakelbak",
        "schakelbak:SchakelbakInstrument",
        "schakelbak",
        Schakelbak,
        ("forms.forms", "forms.part_questions"),
    ),
    _one(
        "beslisboom",
        "beslisboom:BeslisboomInstrument",
        "beslisboom",
        BeslisboomRuns,
        ("beslisboom.nodes", "beslisboom.situations"),
    ),
    _one(
        "typologie",
        "typology:TypologyInstrument",
        "partnership",
        Partnership,
        ("typologie.traits", "typologie.partnership_types"),
    ),
    _one(
        "doelen",
        "goals:GoalsInstrument",
        "goals",
        Goals,
        ("vocab.goal_statuses", "vocab.dilemma_kinds"),
    ),
    _one(
        "toets",
        "toets:ToetsInstrument",
        "toets",
        Toets,
        ("toets.questions", "vocab.toets_answers", "patterns.patterns"),
    ),
    _one(
        "patronen",
        "patterns:PatternsInstrument",
        "patterns",
        Patterns,
        ("patterns.patterns", "patterns.balance"),
    ),
    _one(
        "realisatie",
        "strategy:StrategyInstrument",
        "realisation",
        Realisation,
        ("vocab.realisation_routes",),
    ),
    _one("eigen-rol", "role:RoleInstrument", "role", Role, ("roles.axes", "roles.roles")),
    _one("interventies", "interventions:InterventionsInstrument", "interventions", Interventions),
    _one("advies", "advice:AdviceInstrument", "advice", Advice),
    _one(
        "reflectie",
        "reflection:ReflectionInstrument",
        "reflection",
        Reflection,
        ("lenses.evaluation",),
    ),
)
SPECS_BY_ID: dict[str, InstrumentSpec] = {spec.id: spec for spec in INSTRUMENT_SPECS}


def instrument_spec(instrument_id: str) -> InstrumentSpec | None:
    """The spec of an instrument id, or None for a trainer's own instrument (no fields, no widget of its own)."""
    return SPECS_BY_ID.get(instrument_id)


def presented_sections(instrument_id: str) -> tuple[str, ...]:
    """The content-pack sections an instrument presents (its provenance note); none for a trainer's own."""
    spec = SPECS_BY_ID.get(instrument_id)
    return spec.presents if spec is not None else ()


def participant_sections(
    specs: tuple[InstrumentSpec, ...] = INSTRUMENT_SPECS,
) -> tuple[Section, ...]:
    """Every fixed-key section of every instrument in ``specs``, in the workbook's order."""
    return tuple(section for spec in specs for section in spec.sections)


def participant_fields(specs: tuple[InstrumentSpec, ...] = INSTRUMENT_SPECS) -> dict[str, Any]:
    """``{store key: type of its value}`` for every fixed-key section of ``specs``."""
    return {section.key: section.type for section in participant_sections(specs)}

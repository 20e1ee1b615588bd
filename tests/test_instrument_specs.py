"""The instrument is the unit: one spec per instrument, and every registry derived from it (issue 18, point 1)."""

from __future__ import annotations

from dataclasses import replace

from swc_core.analysis.completeness import INSTRUMENT_FILLED, filled_rules
from swc_core.content import load_content
from swc_core.content.schema import FIXED_IDS, Step
from swc_core.model import SECTIONS, Workbook, parse_field
from swc_core.model.base import Text
from swc_core.model.fields import PARTICIPANT_FIELDS
from swc_core.model.instruments import INSTRUMENT_SPECS, Section, participant_fields
from swc_core.model.workbook import workbook_model
from widgets.registry import INSTRUMENTS, instrument_class


def test_the_specs_are_the_codes_fixed_instruments_each_once():
    ids = [spec.id for spec in INSTRUMENT_SPECS]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(FIXED_IDS["instruments"][1])


def test_every_store_key_and_workbook_attribute_comes_from_a_spec():
    keys = [s.key for spec in INSTRUMENT_SPECS for s in spec.sections]
    assert list(PARTICIPANT_FIELDS) == keys
    attrs = {name for spec in INSTRUMENT_SPECS for name in spec.attrs()}
    assert set(Workbook.model_fields) == attrs
    assert set(SECTIONS) | {"canvas.parties", "canvas.contributions"} == set(keys)


def test_each_spec_names_the_widget_that_shows_it():
    assert INSTRUMENTS == {spec.id: spec.widget for spec in INSTRUMENT_SPECS}
    for spec in INSTRUMENT_SPECS:
        assert instrument_class(spec.id).instrument_id == spec.id


def test_every_instrument_of_the_pack_with_a_spec_has_a_rule_for_filled_in():
    pack = load_content()
    assert {i.id for i in pack.instruments if i.id in {s.id for s in INSTRUMENT_SPECS}} == set(
        INSTRUMENT_FILLED
    )


def test_the_competences_count_the_intake_scores_at_the_intake_and_the_end_scores_later():
    pack = load_content()
    intake = next(s for s in pack.programme if s.kind == "intake")
    end = next(s for s in pack.programme if s.kind == "eindsessie")
    scored = Workbook.model_validate({"competences_intake": {"object": 3}})
    assert INSTRUMENT_FILLED["competenties"](scored, intake)
    assert not INSTRUMENT_FILLED["competenties"](scored, end)


def test_a_field_added_to_one_spec_reaches_the_store_keys_the_workbook_and_filled_in():
    """The newcomer's path (docs/architecture.md): a field is one line in the instrument's spec."""
    role = next(spec for spec in INSTRUMENT_SPECS if spec.id == "eigen-rol")
    grown = replace(role, sections=(*role.sections, Section("role_note", Text, "role_note")))
    specs = tuple(grown if spec is role else spec for spec in INSTRUMENT_SPECS)

    assert participant_fields(specs)["role_note"] is Text
    model = workbook_model(specs)
    assert model().role_note == ""
    assert model.model_validate({"role_note": "Ik verbind."}).role_note == "Ik verbind."
    step = Step(
        id="dagdeel-5", kind="dagdeel", name="Dagdeel 5", goal="Rol", instruments=("eigen-rol",)
    )
    assert filled_rules(specs)["eigen-rol"](
        model.model_validate({"role_note": "Ik verbind."}), step
    )
    assert "role_note" not in PARTICIPANT_FIELDS  # the real registry is untouched


def test_a_value_saved_under_a_specs_key_passes_the_one_gate():
    for spec in INSTRUMENT_SPECS:
        for section in spec.sections:
            assert (
                parse_field(
                    section.key,
                    getattr(Workbook(), section.top_attr) if "." not in section.attr else [],
                )
                is not None
            )

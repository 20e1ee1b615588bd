"""One id grammar for the content pack, the edition and the ids inside saved values (swc_core/ids.py)."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from swc_core.content.types import Id as PackId
from swc_core.edition import Id as EditionId
from swc_core.errors import InputError
from swc_core.model.base import Ref
from swc_core.model.fields import field_shape

GOOD = ["eigen-rol", "p01", "team-veen", "partij-3", "doel_2", "a" * 63]
BAD = ["", "Eigen-rol", "eigen rol", "-a", "a-", "a--b", "a.b", "a/b", "ë", "a" * 64]
PLACES = {"content pack": PackId, "edition": EditionId, "saved value": Ref}


@pytest.mark.parametrize("place", PLACES)
def test_every_place_takes_the_same_ids(place):
    adapter = TypeAdapter(PLACES[place])
    for value in GOOD:
        assert adapter.validate_python(value) == value
    for value in BAD:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_a_store_key_holds_an_id_of_the_same_grammar():
    assert field_shape("canvas.block." + "a" * 63) == "canvas.block.<blok-id>"
    for value in BAD:
        with pytest.raises(InputError):
            field_shape(f"canvas.block.{value}")

"""Two people change the same stored value from one base: both changes survive (issue 17)."""

from __future__ import annotations

import pytest

from swc_core.store.merge import Conflict, merge_text, merge_values

# -- text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "base, mine, theirs, merged",
    [
        ("", "", "", ""),
        ("zelfde", "zelfde", "zelfde", "zelfde"),
        ("oud", "nieuw", "oud", "nieuw"),  # only mine changed
        ("oud", "oud", "nieuw", "nieuw"),  # only theirs changed
        ("oud", "nieuw", "nieuw", "nieuw"),  # both made the same change
        ("Hallo wereld", "Hallo mooie wereld", "Hallo wereld!", "Hallo mooie wereld!"),
        (
            "De opgave.",
            "Eerste zin. De opgave.",
            "De opgave. Laatste zin.",
            "Eerste zin. De opgave. Laatste zin.",
        ),
        (
            "één twee drie",
            "één drie",
            "één twee! drie",
            "één !drie",
        ),  # a deletion, and an insertion inside it kept
        ("a😀b", "a😀Xb", "a😀bY🎉", "a😀XbY🎉"),  # offsets past emoji
        ("🌱 groei", "🌱🌱 groei", "🌱 groei 🌳", "🌱🌱 groei 🌳"),
        ("café", "cafés", "Het café", "Het cafés"),
        (
            "regel 1\nregel 2\n",
            "regel 1\nregel 1b\nregel 2\n",
            "regel 1\nregel 2\nregel 3\n",
            "regel 1\nregel 1b\nregel 2\nregel 3\n",
        ),
    ],
)
def test_text_edits_of_both_sides_are_merged(base, mine, theirs, merged):
    assert merge_text(base, mine, theirs) == merged


def test_insertions_at_the_same_place_are_both_kept_mine_first():
    """Deterministic: the same three inputs give the same text, with this side's insertion first."""
    assert merge_text("", "Laptop", "Telefoon") == "LaptopTelefoon"
    assert merge_text("", "Telefoon", "Laptop") == "TelefoonLaptop"
    assert merge_text("abc", "abXc", "abYc") == "abXYc"
    assert all(merge_text("ab", "aXb", "aYb") == "aXYb" for _ in range(5))


def test_one_side_deletes_what_the_other_edits_keeps_the_new_words():
    merged = merge_text("De partijen zijn akkoord.", "", "De partijen zijn het nog niet akkoord.")
    assert merged == "het nog niet "


def test_long_text_with_many_edits_on_both_sides_keeps_every_edit():
    base = " ".join(f"zin{i}." for i in range(300))
    mine = base.replace("zin10.", "zin10 (laptop).").replace("zin200.", "")
    theirs = base.replace("zin150.", "zin150 (telefoon).") + " slot"
    merged = merge_text(base, mine, theirs)
    assert (
        "zin10 (laptop)." in merged and "zin150 (telefoon)." in merged and merged.endswith(" slot")
    )
    assert "zin200." not in merged and "zin199." in merged and "zin201." in merged


def test_markup_is_merged_as_plain_characters():
    merged = merge_text("<b>", "<script>alert(1)</script><b>", "<b> & 'x\"")
    assert merged == "<script>alert(1)</script><b> & 'x\""


# -- values ----------------------------------------------------------------------


def test_different_fields_of_one_form_both_survive():
    """The second device's case of issue 17: one side typed the opgave, the other only the title."""
    base = {"title": "", "opgave": "", "partijen": ""}
    laptop = {"title": "", "opgave": "Het gebied verdroogt.", "partijen": ""}
    phone = {"title": "Droge zandgronden", "opgave": "", "partijen": ""}
    merged = merge_values(base, phone, laptop)
    assert merged.value == {
        "title": "Droge zandgronden",
        "opgave": "Het gebied verdroogt.",
        "partijen": "",
    }
    assert merged.conflicts == []


def test_a_choice_set_two_ways_is_a_conflict_that_keeps_mine_and_lists_both():
    choice = lambda path: path != ("vorm",)  # noqa: E731 - "vorm" holds a choice, not free text
    base, mine, theirs = (
        {"vorm": "netwerk", "n": 3},
        {"vorm": "contract", "n": 3},
        {"vorm": "organisatie", "n": 4},
    )
    merged = merge_values(base, mine, theirs, choice)
    assert merged.value == {"vorm": "contract", "n": 4}
    assert merged.conflicts == [Conflict(("vorm",), "contract", "organisatie")]


@pytest.mark.parametrize(
    "base, mine, theirs",
    [
        (1, 2, 3),
        (None, True, False),
        (True, 1, 0),  # JSON: true is not 1
        ("tekst", ["lijst"], {"a": 1}),
        (0.5, 0.25, 0.75),
    ],
)
def test_scalars_changed_two_ways_conflict(base, mine, theirs):
    merged = merge_values(base, mine, theirs)
    assert merged.value == mine and merged.conflicts == [Conflict((), mine, theirs)]


def test_a_key_deleted_on_one_side_and_changed_on_the_other_keeps_the_change():
    merged = merge_values({"a": "x", "b": "y"}, {"b": "y"}, {"a": "x!", "b": "y"})
    assert merged.value == {"a": "x!", "b": "y"}
    assert merge_values({"a": "x", "b": "y"}, {"b": "y"}, {"a": "x", "b": "y"}).value == {"b": "y"}


def test_keys_added_on_both_sides_are_both_kept():
    merged = merge_values({}, {"a": 1}, {"b": 2})
    assert merged.value == {"a": 1, "b": 2} and not merged.conflicts


def test_nested_values_merge_down_to_the_text():
    base = {"blocks": {"doelen": {"text": "Schoon water."}}}
    mine = {"blocks": {"doelen": {"text": "Schoon en genoeg water."}}}
    theirs = {"blocks": {"doelen": {"text": "Schoon water. Voor iedereen."}}}
    merged = merge_values(base, mine, theirs).value
    assert merged == {"blocks": {"doelen": {"text": "Schoon en genoeg water. Voor iedereen."}}}


def test_a_conflict_deep_inside_names_its_path():
    base = {"items": [{"naam": "a", "score": 1}]}
    merged = merge_values(
        base, {"items": [{"naam": "a", "score": 2}]}, {"items": [{"naam": "a", "score": 3}]}
    )
    assert merged.conflicts == [Conflict(("items", 0, "score"), 2, 3)]
    assert merged.value == {"items": [{"naam": "a", "score": 2}]}


# -- lists -------------------------------------------------------------------


def test_list_items_added_on_both_sides_are_both_kept():
    merged = merge_values(["a"], ["a", "laptop"], ["a", "telefoon"])
    assert merged.value == ["a", "laptop", "telefoon"] and not merged.conflicts


def test_list_items_added_at_the_same_place_keep_a_fixed_order():
    assert merge_values([], ["x"], ["y"]).value == ["x", "y"]
    assert merge_values([], ["y"], ["x"]).value == ["y", "x"]


def test_the_same_item_added_on_both_sides_is_kept_once():
    assert merge_values(["a"], ["a", "b"], ["a", "b"]).value == ["a", "b"]
    assert merge_values(["a"], ["b", "a", "c"], ["b", "a"]).value == ["b", "a", "c"]


def test_an_item_changed_on_one_side_takes_that_change_while_the_other_adds():
    base = [{"doel": "water"}, {"doel": "natuur"}]
    mine = [{"doel": "schoon water"}, {"doel": "natuur"}]
    theirs = [{"doel": "water"}, {"doel": "natuur"}, {"doel": "landbouw"}]
    merged = merge_values(base, mine, theirs).value
    assert merged == [{"doel": "schoon water"}, {"doel": "natuur"}, {"doel": "landbouw"}]


def test_an_item_changed_on_both_sides_is_merged_not_doubled():
    base = [{"doel": "water", "weging": 1}, {"doel": "natuur", "weging": 2}]
    mine = [{"doel": "schoon water", "weging": 1}, {"doel": "natuur", "weging": 2}]
    theirs = [{"doel": "water", "weging": 5}, {"doel": "natuur", "weging": 2}]
    merged = merge_values(base, mine, theirs)
    assert merged.value == [{"doel": "schoon water", "weging": 5}, {"doel": "natuur", "weging": 2}]
    assert not merged.conflicts


def test_an_item_deleted_on_one_side_and_changed_on_the_other_keeps_the_change():
    merged = merge_values(["a", "b", "c"], ["a", "c"], ["a", "b gewijzigd", "c"])
    assert merged.value == ["a", "b gewijzigd", "c"]


def test_items_deleted_on_one_side_and_untouched_on_the_other_are_gone():
    assert merge_values(["a", "b", "c"], ["a", "c"], ["a", "b", "c", "d"]).value == ["a", "c", "d"]
    assert merge_values(["a", "b", "c"], [], ["a", "b", "c"]).value == []


def test_unicode_items_and_emoji_in_lists():
    merged = merge_values(["🌱 groei"], ["🌱 groei", "🌳 bos"], ["🌱🌱 groei"])
    assert merged.value == ["🌱🌱 groei", "🌳 bos"]


def test_merge_does_not_change_its_inputs():
    base, mine, theirs = {"l": [1, {"a": "x"}]}, {"l": [1, {"a": "xy"}, 2]}, {"l": [{"a": "zx"}]}
    copies = repr((base, mine, theirs))
    merge_values(base, mine, theirs)
    assert repr((base, mine, theirs)) == copies


# -- what is free text -------------------------------------------------------


def _rule(key: str):
    from swc_core.model.fields import adapter, field_shape
    from swc_core.store.merge import text_rule

    return text_rule(adapter(field_shape(key)).json_schema(mode="serialization"))


def test_a_choice_merged_with_the_fields_rule_is_a_conflict_not_a_new_word():
    base = {"parts": [{"id": "deel-1", "name": "Water", "form": "netwerk"}]}
    mine = {"parts": [{"id": "deel-1", "name": "Water", "form": "contract"}]}
    theirs = {"parts": [{"id": "deel-1", "name": "Water en bodem", "form": "organisatie"}]}
    merged = merge_values(base, mine, theirs, is_text=_rule("schakelbak"))
    assert merged.value == {
        "parts": [{"id": "deel-1", "name": "Water en bodem", "form": "contract"}]
    }
    assert merged.conflicts == [Conflict(("parts", 0, "form"), "contract", "organisatie")]


def test_the_text_rule_tells_free_text_from_ids_and_choices():
    schakelbak, partnership, block = (
        _rule("schakelbak"),
        _rule("partnership"),
        _rule("canvas.block.doelen"),
    )
    assert schakelbak(("parts", 3, "name")) and schakelbak(("couplings", 0, "flow"))
    assert not schakelbak(("parts", 3, "form")) and not schakelbak(("parts", 0, "parties", 2))
    assert partnership(("arrangements", "overleg")) and partnership(("considerations", 1))
    assert not partnership(("type",)) and block(())


def test_items_with_ids_are_aligned_by_id_not_by_place():
    base = [{"id": "a", "task": "x"}, {"id": "b", "task": "y"}]
    mine = [{"id": "b", "task": "y"}, {"id": "a", "task": "x"}]  # moved
    theirs = [{"id": "a", "task": "x!"}, {"id": "b", "task": "y"}, {"id": "c", "task": "z"}]
    merged = merge_values(base, mine, theirs)
    assert sorted(i["id"] for i in merged.value) == ["a", "b", "c"]
    assert {"id": "a", "task": "x!"} in merged.value


def test_an_item_with_the_same_new_id_on_both_sides_is_one_item():
    merged = merge_values(
        [], [{"id": "deel-1", "name": "Laptop"}], [{"id": "deel-1", "name": "Telefoon"}]
    )
    assert merged.value == [{"id": "deel-1", "name": "LaptopTelefoon"}]


# -- long texts --------------------------------------------------------------


def _apply(a: str, b: str, changes) -> str:
    out, last = [], 0
    for i1, i2, j1, j2 in changes:
        assert i1 >= last
        out += [a[last:i1], b[j1:j2]]
        last = i2
    return "".join(out + [a[last:]])


@pytest.mark.parametrize("limit", [10, 1_000_000])
def test_the_diff_turns_one_text_into_the_other_at_every_level(monkeypatch, limit):
    """Small limits force the line and word levels; each level's edits must rebuild the new text exactly."""
    import random

    from swc_core.store import merge

    monkeypatch.setattr(merge, "CHAR_DIFF_LIMIT", limit)
    rng = random.Random(17)
    for _ in range(300):
        a = "".join(rng.choice("ab c\n😀é.") for _ in range(rng.randint(0, 80)))
        b = "".join(rng.choice("ab c\n😀é.") for _ in range(rng.randint(0, 80)))
        assert _apply(a, b, merge.edits(a, b)) == b, (a, b)


def test_two_long_texts_with_edits_far_apart_keep_both():
    """Texts of 20,000 characters go through the line and word levels of the diff (a plain one took 27 s)."""
    import random

    rng = random.Random(1)
    words = [
        "water",
        "bodem",
        "boer",
        "natuur",
        "provincie",
        "gemeente",
        "samen",
        "werken",
        "de",
        "het",
        "en",
    ]
    base = " ".join(rng.choice(words) for _ in range(4000))[:20_000]
    mine = base[:5000] + " LAPTOP " + base[5000:15000] + base[15100:]
    theirs = base[:100] + " TELEFOON\n" + base[100:19000]
    merged = merge_text(base, mine, theirs)
    assert merged.startswith(base[:100] + " TELEFOON\n") and " LAPTOP " in merged
    assert base[15000:15100] not in merged[merged.index(" LAPTOP ") :], "the laptop's cut stays cut"

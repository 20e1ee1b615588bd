"""What the pack holds for participants is shown on a live page: forms' traits, agreements and examples, the
roles' questions, the competences' descriptions, the balance aspects, the lenses and the ladder (issue 19: nothing
in the pack that no page shows)."""

from __future__ import annotations

from swc_core.content import load_content
from widgets.pack_foldouts import form_traits, pack_foldout
from widgets.page import open_workbook

from content_factories import copy_pack


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _foldouts_text(sessions_dir, step: str) -> str:
    page = open_workbook(step, edition="demo", participant="p01", sessions_dir=str(sessions_dir))
    folds = [w for w in _walk(page) if "swc-pack-foldout" in getattr(w, "_dom_classes", ())]
    assert all(f.selected_index is None for f in folds), "reference material starts folded shut"
    return "".join(
        w.value for f in folds for w in _walk(f) if hasattr(w, "value") and isinstance(w.value, str)
    )


def test_every_agreement_example_question_and_description_of_the_pack_is_on_a_page(sessions_dir):
    pack = load_content()
    shown = "".join(
        _foldouts_text(sessions_dir, step) for step in ("intake", "dagdeel-1-2", "dagdeel-5")
    )
    import html

    expected = (
        [a for f in pack.forms for a in f.must_agree]
        + [x for f in pack.forms for x in f.examples]
        + [r.question for r in pack.roles]
        + [c.description.strip() for c in pack.competences]
        + [t for b in pack.balance for t in (b.explanation.strip(), b.question)]
        + [t for lens in pack.lenses for t in (lens.explanation.strip(), lens.question)]
        + [rung.name for rung in pack.ladder]
    )
    shown = html.unescape(shown)
    missing = [t for t in expected if t not in shown]
    assert not missing, missing


def test_a_handout_leaves_the_reference_out(sessions_dir):
    page = open_workbook(
        "intake", edition="demo", participant="p01", sessions_dir=str(sessions_dir), handout=True
    )
    assert not any("swc-pack-foldout" in getattr(w, "_dom_classes", ()) for w in _walk(page))


def test_pack_text_in_a_foldout_is_escaped(tmp_path):
    pack = copy_pack(tmp_path).replace(
        "roles.yml",
        "    question: Hoe kiezen we verstandig in welke samenwerkingen we meedoen?\n",
        '    question: "<img src=x onerror=alert(1)> Hoe kiezen we?"\n',
    )
    html = pack_foldout(load_content(pack.folder), "eigen-rol").children[0].value
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert pack_foldout(load_content(pack.folder), "casus") is None


def test_each_form_shows_the_traits_the_pack_gives_it():
    """binding, joint_goal, risk_bearing and mutual_performances are what the Code says a form is: shown, so a
    trainer's change to them changes the page (and forms differ in what they show)."""
    pack = load_content()
    lines = {f.id: form_traits(f) for f in pack.forms}
    assert len({tuple(v) for v in lines.values()}) == len(pack.forms), (
        "every form reads differently"
    )
    assert "Een gezamenlijk doel is nodig" in lines["partnership"]
    assert "Een gezamenlijk doel kan, maar hoeft niet" in lines["netwerk"]
    assert "Niet bindend" in lines["netwerk"] and "Bindend" in lines["contractsamenwerking"]
    folded = pack_foldout(pack, "schakelbak").children[0].value
    assert all(line in folded for f in pack.forms for line in lines[f.id])


def test_a_traits_change_in_the_pack_changes_the_foldout(tmp_path):
    pack = copy_pack(tmp_path)
    before = pack_foldout(load_content(pack.folder), "schakelbak").children[0].value
    changed = pack.replace(
        "forms.yml",
        "    binding: false\n    joint_goal: mogelijk\n",
        "    binding: true\n    joint_goal: mogelijk\n",
    )
    after = pack_foldout(load_content(changed.folder), "schakelbak").children[0].value
    assert before.count("<li>Niet bindend</li>") == 1 and after.count("<li>Niet bindend</li>") == 0


def test_a_foldout_says_where_its_material_is_not_from_the_code():
    """The lenses are our own elaboration and the ladder comes from the samenwerkingswijzer: the fold-out says
    so, as an instrument does; the balance is the essay's (the Code's own), so its fold-out has no such line."""
    from swc_core.content import provenance_note

    pack = load_content()
    lenses = pack_foldout(pack, "reflectie").children[0].value
    note = provenance_note(pack, ("lenses.lenses", "lenses.ladder"))
    assert note and f'<div class="swc-provenance">{note}</div>' in lenses
    assert "swc-provenance" not in pack_foldout(pack, "patronen").children[0].value

"""What the pack holds for participants is shown on a live page: forms' agreements and examples, the roles'
questions, the competences' descriptions (issue: nothing in the pack that no page shows)."""
from __future__ import annotations

from content_factories import copy_pack

from swc_core.content import load_content
from widgets.page import open_workbook
from widgets.pack_foldouts import pack_foldout


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _foldouts_text(sessions_dir, step: str) -> str:
    page = open_workbook(step, edition="demo", participant="p01", sessions_dir=str(sessions_dir))
    folds = [w for w in _walk(page) if "swc-pack-foldout" in getattr(w, "_dom_classes", ())]
    assert all(f.selected_index is None for f in folds), "reference material starts folded shut"
    return "".join(w.value for f in folds for w in _walk(f) if hasattr(w, "value") and isinstance(w.value, str))


def test_every_agreement_example_question_and_description_of_the_pack_is_on_a_page(sessions_dir):
    pack = load_content()
    shown = "".join(_foldouts_text(sessions_dir, step) for step in ("intake", "dagdeel-1-2", "dagdeel-5"))
    import html

    expected = ([a for f in pack.forms for a in f.must_agree] + [x for f in pack.forms for x in f.examples]
                + [r.question for r in pack.roles] + [c.description.strip() for c in pack.competences])
    shown = html.unescape(shown)
    missing = [t for t in expected if t not in shown]
    assert not missing, missing


def test_a_handout_leaves_the_reference_out(sessions_dir):
    page = open_workbook("intake", edition="demo", participant="p01", sessions_dir=str(sessions_dir), handout=True)
    assert not any("swc-pack-foldout" in getattr(w, "_dom_classes", ()) for w in _walk(page))


def test_pack_text_in_a_foldout_is_escaped(tmp_path):
    pack = copy_pack(tmp_path).replace("roles.yml", "    question: Hoe kiezen we verstandig in welke samenwerkingen we meedoen?\n",
                                       "    question: \"<img src=x onerror=alert(1)> Hoe kiezen we?\"\n")
    html = pack_foldout(load_content(pack.folder), "eigen-rol").children[0].value
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert pack_foldout(load_content(pack.folder), "casus") is None

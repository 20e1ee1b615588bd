"""The beslisboom (decision tree): ``beslisboom.yml``, and the forms its nodes lead to.

The tree (goals, strategy, tasks; can I do it alone, buy it, learn it, or
must I bind partners) and the names of its eight situations come from the
slides seed; the book defines the situations, so the pack holds them for
trainers to fill in (DOMAIN.md). The rules checked here are our own, so that
a walk through the tree always ends: every answer leads to a node, every
node is reachable from the root, no path loops back, every situation is
reached by some node, and a node names only known forms.
"""

from __future__ import annotations

from typing import Any

from ...messages import text
from .loaded import Loaded, _known, _unique


def check_beslisboom(ld: Loaded) -> None:
    tree = ld.models["beslisboom.yml"]
    file = "beslisboom.yml"
    _unique(ld, file, ["nodes"], tree.nodes, "knooppunt")
    index = {n.id: n for n in tree.nodes}
    node_hint = text("content_check.nodes", ids=", ".join(index))
    for i, node in enumerate(tree.nodes):
        _unique(ld, file, ["nodes", i, "answers"], node.answers, "antwoord")
        for j, answer in enumerate(node.answers):
            if answer.next not in index:
                ld.add(
                    file,
                    ["nodes", i, "answers", j, "next"],
                    text(
                        "content_check.answer_to_nowhere",
                        id=answer.id,
                        node=node.id,
                        next=answer.next,
                    ),
                    hint=node_hint,
                )
    if tree.root not in index:
        ld.add(
            file, ["root"], text("content_check.root_not_a_node", root=tree.root), hint=node_hint
        )
        return
    reached = _walk(ld, tree, index)
    for i, node in enumerate(tree.nodes):
        if node.id not in reached:
            ld.add(
                file,
                ["nodes", i, "id"],
                text("content_check.unreachable_node", id=node.id, root=tree.root),
                hint=text("content_check.unreachable_node_hint"),
            )


def _walk(ld: Loaded, tree: Any, index: dict) -> set[str]:
    """Depth-first from the root: the reachable ids; a path that loops back is reported."""
    positions = {n.id: i for i, n in enumerate(tree.nodes)}
    reached: set[str] = set()
    on_path: set[str] = set()

    def visit(node_id: str) -> None:
        reached.add(node_id)
        on_path.add(node_id)
        for j, answer in enumerate(index[node_id].answers):
            if answer.next in on_path:
                ld.add(
                    "beslisboom.yml",
                    ["nodes", positions[node_id], "answers", j, "next"],
                    text("content_check.loop", id=answer.id, node=node_id, next=answer.next),
                    hint=text("content_check.loop_hint"),
                )
            elif answer.next in index and answer.next not in reached:
                visit(answer.next)
        on_path.discard(node_id)

    visit(tree.root)
    return reached


def check_situations(ld: Loaded) -> None:
    """Nodes name known situations, and every situation is reached through some node."""
    tree = ld.models["beslisboom.yml"]
    file = "beslisboom.yml"
    if not _unique(ld, file, ["situations"], tree.situations, "situatie"):
        return
    known = [s.id for s in tree.situations]
    named: set[str] = set()
    for i, node in enumerate(tree.nodes):
        for j, situation in enumerate(node.situations):
            _known(
                ld, file, ["nodes", i, "situations", j], situation, known, "situatie", "situations"
            )
            named.add(situation)
    for i, situation in enumerate(tree.situations):
        if situation.id not in named:
            ld.add(
                file,
                ["situations", i, "id"],
                text("content_check.orphan_situation", id=situation.id),
                hint=text("content_check.orphan_situation_hint"),
            )


def check_beslisboom_forms(ld: Loaded) -> None:
    form_ids = [f.id for f in ld.models["forms.yml"].forms]
    for i, node in enumerate(ld.models["beslisboom.yml"].nodes):
        if node.form is not None:
            _known(
                ld,
                "beslisboom.yml",
                ["nodes", i, "form"],
                node.form,
                form_ids,
                "samenwerkingsvorm",
                "forms.yml",
            )

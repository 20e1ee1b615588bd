"""The beslisboom walk: where a run's answers lead, from the root of the tree.

A run stores ``{node id: answer id}``. Only the answers on the path from the
root count: when a participant goes back and takes another branch, the
answers left behind on the old branch are ignored, and an answer the node
does not offer stops the walk there (the question is asked again).

The tree leads to numbered situations (the pack's ``situations``: 1 to 6
when a joint goal is possible, 7 and 8 when it is not); a run shows the ones
its path has reached, and :func:`situation_routes` the path to each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..content import ContentPack
from ..content.schema import Answer, Node, Situation
from ..model.decisions import BeslisboomRun

QUESTION, EXIT = "question", "exit"  # node kinds of the schema (NodeKind)


@dataclass(frozen=True)
class BeslisboomResult:
    """Where one run stands.

    ``current`` is the node the walk stopped at: the next question to answer,
    or the end point. ``outcome`` is that end point (an outcome or an exit
    node) once reached, else None; ``form`` the form the outcome names;
    ``exit`` is True when the run ended in an exit (no joint goal possible).
    ``situations`` are those named by the nodes the walk reached (the path
    and ``current``), in the pack's order.
    """

    path: list[tuple[Node, Answer]] = field(default_factory=list)
    current: Node | None = None
    outcome: Node | None = None
    form: str | None = None
    complete: bool = False
    exit: bool = False
    follow_up: str | None = None
    situations: tuple[Situation, ...] = ()


@dataclass(frozen=True)
class SituationRoute:
    """The route from the root to a node that names situations: the questions and answers on the way."""

    node: Node
    path: tuple[tuple[Node, Answer], ...]
    situations: tuple[Situation, ...]


def evaluate_run(run: BeslisboomRun, pack: ContentPack) -> BeslisboomResult:
    """Follow ``run``'s answers from the root until an end point, a missing answer or an unknown one."""
    tree = pack.beslisboom
    node = tree.node(tree.root)
    path: list[tuple[Node, Answer]] = []
    seen = {node.id}
    while node.kind == QUESTION:
        answer = next((a for a in node.answers if a.id == run.answers.get(node.id)), None)
        if answer is None:
            break
        following = tree.node(answer.next)
        if following.id in seen:
            # the loader rejects loops; this guard keeps a hand-built pack from hanging the page
            break
        path.append((node, answer))
        seen.add(following.id)
        node = following
    situations = _situations(pack, [n for n, _a in path] + [node])
    if node.kind == QUESTION:  # stopped before an answer
        return BeslisboomResult(path=path, current=node, situations=situations)
    return BeslisboomResult(
        path=path,
        current=node,
        outcome=node,
        form=node.form,
        complete=True,
        exit=node.kind == EXIT,
        follow_up=node.follow_up,
        situations=situations,
    )


def _situations(pack: ContentPack, nodes: Iterable[Node]) -> tuple[Situation, ...]:
    named = {sid for node in nodes for sid in node.situations}
    return tuple(s for s in pack.beslisboom.situations if s.id in named)


def situation_routes(pack: ContentPack) -> list[SituationRoute]:
    """For every node that names situations, the shortest route to it from the root, in the pack's node order."""
    tree = pack.beslisboom
    routes: dict[str, tuple[tuple[Node, Answer], ...]] = {tree.root: ()}
    queue = [tree.node(tree.root)]
    while queue:  # breadth first: the first route found to a node is a shortest one
        node = queue.pop(0)
        for answer in node.answers:
            if answer.next not in routes:
                routes[answer.next] = (*routes[node.id], (node, answer))
                queue.append(tree.node(answer.next))
    return [
        SituationRoute(n, routes[n.id], _situations(pack, [n]))
        for n in tree.nodes
        if n.situations and n.id in routes
    ]


def end_nodes(pack: ContentPack) -> list[Node]:
    """The outcome and exit nodes of the tree, in the pack's order."""
    return [n for n in pack.beslisboom.nodes if n.kind != QUESTION]


def outcome_counts(runs: Iterable[BeslisboomRun], pack: ContentPack) -> dict[str, int]:
    """How many runs ended at each outcome or exit node (id -> count, zeros included).

    Runs still under way are not counted: they have no end yet.
    """
    counts = {n.id: 0 for n in end_nodes(pack)}
    for run in runs:
        result = evaluate_run(run, pack)
        if result.outcome is not None:
            counts[result.outcome.id] += 1
    return counts

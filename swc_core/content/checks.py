"""Cross-checks of the content pack: what one file's schema cannot see.

Each check names the files it needs and runs only when those validated, so a
broken file elsewhere never hides a problem here: every problem in the pack
is reported in one go, each at the ``file:line`` of the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from pydantic import BaseModel

from ..errors import ProblemList
from ..messages import counted, text
from ..yamlfile import YamlDocument
from .schema import FIXED_IDS, LADDER_TOP, OWN_SOURCE, SCALE_VALUES, Sourced

# What a signal may not count, because it records that nothing was stated:
# the goal status of a goal nobody discussed yet, and the toets answer "I do not know (yet)".
# Both ids are fixed in their place by FIXED_IDS ("exact").
UNDISCUSSED_GOAL = FIXED_IDS["goal_statuses"][1][0]
UNKNOWN_ANSWER = FIXED_IDS["toets_answers"][1][-1]


@dataclass
class Loaded:
    """The pack's files as read so far: YAML documents and validated models by file name."""

    folder: Path
    problems: ProblemList
    docs: dict[str, YamlDocument] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)

    def where(self, file: str, *loc: Any) -> str:
        return self.docs[file].where(loc)

    def add(self, file: str, loc: Sequence[Any], message: str, hint: str | None = None) -> None:
        self.problems.add(message, where=self.where(file, *loc), hint=hint)


def _unique(
    ld: Loaded, file: str, key: Sequence[Any], items: Sequence[BaseModel], what: str
) -> bool:
    """Report repeated ids in ``items`` (found at ``key`` in ``file``); True if all unique."""
    seen: set[str] = set()
    ok = True
    for i, item in enumerate(items):
        if item.id in seen:
            ld.add(
                file,
                (*key, i, "id"),
                text("content_check.duplicate_id", what=what, id=item.id),
                hint=text("content_check.duplicate_id_hint"),
            )
            ok = False
        seen.add(item.id)
    return ok


def _fixed(
    ld: Loaded, file: str, key: Sequence[Any], items: Sequence[BaseModel], name: str, what: str
) -> None:
    """Unique ids, and the fixed ones of FIXED_IDS[name] (in order, if exact)."""
    if not _unique(ld, file, key, items, what):
        return  # the duplicate is the real problem; an order message would only distract
    mode, expected = FIXED_IDS[name]
    ids = [item.id for item in items]
    fixed_hint = text("content_check.fixed_ids", ids=", ".join(expected))
    for missing in (x for x in expected if x not in ids):
        ld.add(
            file, key, text("content_check.fixed_missing", what=what, id=missing), hint=fixed_hint
        )
    if mode != "exact":
        return
    for i, item_id in enumerate(ids):
        if item_id not in expected:
            ld.add(
                file,
                (*key, i, "id"),
                text("content_check.fixed_unknown", what=what, id=item_id),
                hint=fixed_hint + text("content_check.fixed_unknown_hint"),
            )
    positions = [i for i, x in enumerate(ids) if x in expected]
    wanted = [x for x in expected if x in ids]
    for pos, want in zip(positions, wanted):
        if ids[pos] != want:
            ld.add(
                file,
                (*key, pos, "id"),
                text("content_check.fixed_order", what=what, id=ids[pos], want=want),
                hint=text("content_check.fixed_order_hint", ids=", ".join(expected)),
            )
            break


def _known(
    ld: Loaded,
    file: str,
    loc: Sequence[Any],
    value: str,
    known: Iterable[str],
    what: str,
    source: str,
) -> bool:
    known = list(known)
    if value in known:
        return True
    ld.add(
        file,
        loc,
        text("content_check.unknown_ref", what=what, value=value),
        hint=text("content_check.known_in", source=source, ids=", ".join(known)),
    )
    return False


# --- one function per file (or pair of files) -------------------------------


def check_canvas(ld: Loaded) -> None:
    canvas = ld.models["canvas.yml"]
    _fixed(ld, "canvas.yml", ["blocks"], canvas.blocks, "blocks", "canvasblok")
    taken: dict[tuple[int, int], int] = {}  # cell -> index of the first block on it
    for i, block in enumerate(canvas.blocks):
        lay = block.layout
        if lay.row + lay.rowspan > canvas.grid.rows or lay.col + lay.colspan > canvas.grid.cols:
            ld.add(
                "canvas.yml",
                ["blocks", i, "layout"],
                text(
                    "content_check.block_outside",
                    id=block.id,
                    rows=counted("rows", canvas.grid.rows),
                    columns=counted("columns", canvas.grid.cols),
                ),
                hint=text("content_check.block_outside_hint"),
            )
        overlap = sorted({taken[c] for c in lay.cells() if c in taken})
        if overlap:
            others = ", ".join(
                text(
                    "content_check.block_at_line",
                    id=canvas.blocks[j].id,
                    line=ld.docs["canvas.yml"].line(["blocks", j, "layout"]),
                )
                for j in overlap
            )
            ld.add(
                "canvas.yml",
                ["blocks", i, "layout"],
                text("content_check.block_overlap", id=block.id, others=others),
            )
        for cell in lay.cells():
            taken.setdefault(cell, i)


def check_forms(ld: Loaded) -> None:
    forms = ld.models["forms.yml"].forms
    _fixed(ld, "forms.yml", ["forms"], forms, "forms", "samenwerkingsvorm")
    owner: dict[str, str] = {}
    for i, form in enumerate(forms):
        for j, check in enumerate(form.checks):
            if check.id in owner:
                ld.add(
                    "forms.yml",
                    ["forms", i, "checks", j, "id"],
                    text("content_check.check_id_taken", id=check.id, owner=owner[check.id]),
                    hint=text("content_check.check_id_taken_hint"),
                )
            owner.setdefault(check.id, form.id)


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


def check_typologie(ld: Loaded) -> None:
    typ = ld.models["typologie.yml"]
    file = "typologie.yml"
    _unique(ld, file, ["traits"], typ.traits, "kenmerk")
    _unique(ld, file, ["partnership_types"], typ.partnership_types, "partnershiptype")
    traits = [t.id for t in typ.traits]
    for i, ptype in enumerate(typ.partnership_types):
        _unique(ld, file, ["partnership_types", i, "arrangements"], ptype.arrangements, "regeling")
        for j, cue in enumerate(ptype.suggest_when):
            _known(
                ld,
                file,
                ["partnership_types", i, "suggest_when", j, "trait"],
                cue.trait,
                traits,
                "kenmerk",
                "traits",
            )


def check_toets(ld: Loaded) -> None:
    _fixed(ld, "toets.yml", ["questions"], ld.models["toets.yml"].questions, "toets", "toetsvraag")


def check_patterns(ld: Loaded) -> None:
    pat = ld.models["patterns.yml"]
    _fixed(ld, "patterns.yml", ["patterns"], pat.patterns, "patterns", "patroon")
    _fixed(ld, "patterns.yml", ["balance"], pat.balance, "balance", "balansaspect")
    aspects = [b.id for b in pat.balance]
    for i, pattern in enumerate(pat.patterns):
        if pattern.aspect is not None:
            _known(
                ld,
                "patterns.yml",
                ["patterns", i, "aspect"],
                pattern.aspect,
                aspects,
                "balansaspect",
                "balance",
            )


def check_signals(ld: Loaded) -> None:
    """Signals name toets questions and answers, dilemma kinds and goal statuses, all of them stated ones."""
    vocab = ld.models["vocab.yml"]
    refs = {
        "toets": ([q.id for q in ld.models["toets.yml"].questions], "toetsvraag", "toets.yml"),
        "dilemma_kind": ([t.id for t in vocab.dilemma_kinds], "soort dilemma", "vocab.yml"),
        "goal_status": ([t.id for t in vocab.goal_statuses], "doelstatus", "vocab.yml"),
    }
    answers = [t.id for t in vocab.toets_answers]
    for i, pattern in enumerate(ld.models["patterns.yml"].patterns):
        for j, signal in enumerate(pattern.signals):
            loc = ["patterns", i, "signals", j]
            known, what, source = refs[signal.kind]
            _known(
                ld,
                "patterns.yml",
                [*loc, signal.kind],
                getattr(signal, signal.kind),
                known,
                what,
                source,
            )
            if signal.goal_status == UNDISCUSSED_GOAL:
                ld.add(
                    "patterns.yml",
                    [*loc, "goal_status"],
                    text("content_check.undiscussed_signal", status=UNDISCUSSED_GOAL),
                    hint=text("content_check.signal_hint"),
                )
            if signal.kind != "toets":
                continue
            for k, answer in enumerate(signal.answers):
                if not _known(
                    ld,
                    "patterns.yml",
                    [*loc, "answers", k],
                    answer,
                    answers,
                    "toetsantwoord",
                    "vocab.yml",
                ):
                    continue
                if answer == UNKNOWN_ANSWER:
                    ld.add(
                        "patterns.yml",
                        [*loc, "answers", k],
                        text("content_check.unknown_answer_signal", answer=answer),
                        hint=text("content_check.signal_hint"),
                    )


def check_provenance(ld: Loaded) -> None:
    """Every section of every file names where it comes from: sources of pack.yml, or 'eigen'."""
    meta = ld.models["pack.yml"]
    if not _unique(ld, "pack.yml", ["sources"], meta.sources, "bron"):
        return
    known = [s.id for s in meta.sources]
    for i, source in enumerate(meta.sources):
        if source.id == OWN_SOURCE:
            ld.add(
                "pack.yml",
                ["sources", i, "id"],
                text("content_check.own_source_reserved", id=OWN_SOURCE),
                hint=text("content_check.own_source_reserved_hint", id=OWN_SOURCE),
            )
    known.append(OWN_SOURCE)
    for file, model in ld.models.items():
        if not isinstance(model, Sourced):
            continue
        sections = type(model).SECTIONS
        for missing in (s for s in sections if s not in model.source):
            ld.add(
                file,
                ["source"],
                text("content_check.no_provenance", section=missing),
                hint=text(
                    "content_check.no_provenance_hint", own=OWN_SOURCE, sections=", ".join(sections)
                ),
            )
        for section, sources in model.source.items():
            if section not in sections:
                ld.add(
                    file,
                    ["source", section],
                    text("content_check.no_section", file=file, section=section),
                    hint=text("content_check.sections", sections=", ".join(sections)),
                )
                continue
            for k, source_id in enumerate(sources):
                _known(
                    ld, file, ["source", section, k], source_id, known, "bron", "pack.yml (sources)"
                )


def check_competences(ld: Loaded) -> None:
    comp = ld.models["competences.yml"]
    _fixed(ld, "competences.yml", ["competences"], comp.competences, "competences", "competentie")
    _fixed(
        ld,
        "competences.yml",
        ["development_goals"],
        comp.development_goals,
        "development_goals",
        "ontwikkeldoel",
    )
    values = tuple(p.value for p in comp.scale)
    if values != SCALE_VALUES:
        ld.add(
            "competences.yml",
            ["scale"],
            text(
                "content_check.scale",
                want=", ".join(map(str, SCALE_VALUES)),
                got=", ".join(map(str, values)),
            ),
        )


def check_roles(ld: Loaded) -> None:
    roles = ld.models["roles.yml"].roles
    _fixed(ld, "roles.yml", ["roles"], roles, "roles", "rol")
    total = sum(r.share for r in roles)
    if total != 100:
        ld.add(
            "roles.yml",
            ["roles"],
            text(
                "content_check.shares", total=total, shares=" + ".join(str(r.share) for r in roles)
            ),
            hint=text("content_check.shares_hint"),
        )
    seen: dict[tuple[str, str], str] = {}
    for i, role in enumerate(roles):
        quadrant = (role.focus, role.scope)
        if quadrant in seen:
            ld.add(
                "roles.yml",
                ["roles", i, "focus"],
                text(
                    "content_check.same_quadrant",
                    id=role.id,
                    focus=role.focus,
                    scope=role.scope,
                    other=seen[quadrant],
                ),
                hint=text("content_check.same_quadrant_hint"),
            )
        seen.setdefault(quadrant, role.id)


def check_lenses(ld: Loaded) -> None:
    lenses = ld.models["lenses.yml"]
    _fixed(ld, "lenses.yml", ["lenses"], lenses.lenses, "lenses", "lens")
    if (
        _unique(ld, "lenses.yml", ["ladder"], lenses.ladder, "trede")
        and lenses.ladder[-1].id != LADDER_TOP
    ):
        ld.add(
            "lenses.yml",
            ["ladder", len(lenses.ladder) - 1, "id"],
            text("content_check.ladder_top", id=lenses.ladder[-1].id, want=LADDER_TOP),
            hint=text("content_check.ladder_top_hint"),
        )
    _unique(ld, "lenses.yml", ["evaluation"], lenses.evaluation, "evaluatievraag")


CAPTAIN_RECORD = (
    "vastgelegd"  # the team field id of the captain's record (widgets/captain.py FINAL_FIELD)
)


def check_programme(ld: Loaded) -> None:
    steps = ld.models["programme.yml"].steps
    _fixed(ld, "programme.yml", ["steps"], steps, "steps", "programmastap")
    for i, step in enumerate(steps):
        if step.id.split("-")[0] != step.kind and step.id in FIXED_IDS["steps"][1]:
            ld.add(
                "programme.yml",
                ["steps", i, "kind"],
                text(
                    "content_check.step_kind",
                    id=step.id,
                    kind=step.kind,
                    want=step.id.split("-")[0],
                ),
            )
        _unique(ld, "programme.yml", ["steps", i, "team_fields"], step.team_fields, "teamveld")
        for j, team_field in enumerate(step.team_fields):
            if (
                team_field.id == CAPTAIN_RECORD
            ):  # widgets/captain.py keeps the captain's record under this id
                ld.add(
                    "programme.yml",
                    ["steps", i, "team_fields", j, "id"],
                    text("content_check.captain_field_reserved", id=team_field.id),
                    hint=text("content_check.captain_field_reserved_hint"),
                )


def check_programme_instruments(ld: Loaded) -> None:
    known = [x.id for x in ld.models["instruments.yml"].instruments]
    for i, step in enumerate(ld.models["programme.yml"].steps):
        for j, instrument in enumerate(step.instruments):
            _known(
                ld,
                "programme.yml",
                ["steps", i, "instruments", j],
                instrument,
                known,
                "instrument",
                "instruments.yml",
            )


def check_instruments(ld: Loaded) -> None:
    _fixed(
        ld,
        "instruments.yml",
        ["instruments"],
        ld.models["instruments.yml"].instruments,
        "instruments",
        "instrument",
    )


def check_vocab(ld: Loaded) -> None:
    vocab = ld.models["vocab.yml"]
    _fixed(ld, "vocab.yml", ["party_types"], vocab.party_types, "party_types", "partijtype")
    _fixed(ld, "vocab.yml", ["goal_statuses"], vocab.goal_statuses, "goal_statuses", "doelstatus")
    _fixed(
        ld, "vocab.yml", ["dilemma_kinds"], vocab.dilemma_kinds, "dilemma_kinds", "soort dilemma"
    )
    _fixed(
        ld, "vocab.yml", ["toets_answers"], vocab.toets_answers, "toets_answers", "toetsantwoord"
    )


def check_routes(ld: Loaded) -> None:
    form_ids = [f.id for f in ld.models["forms.yml"].forms]
    seen: set[str] = set()
    for i, route in enumerate(ld.models["vocab.yml"].realisation_routes):
        loc = ["realisation_routes", i]
        if (
            _known(ld, "vocab.yml", loc, route, form_ids, "samenwerkingsvorm", "forms.yml")
            and route in seen
        ):
            ld.add("vocab.yml", loc, text("content_check.route_twice", route=route))
        seen.add(route)


def check_glossary(ld: Loaded) -> None:
    terms = ld.models["glossary.yml"].terms
    _unique(ld, "glossary.yml", ["terms"], terms, "begrip")
    # a word (name or other form) belongs to one term, or a page could not tell which definition to show
    owner: dict[str, str] = {}
    for i, term in enumerate(terms):
        for j, word in enumerate(term.words):
            loc = ["terms", i, "name"] if j == 0 else ["terms", i, "forms", j - 1]
            first = owner.setdefault(word.casefold(), term.id)
            if first != term.id:
                ld.add(
                    "glossary.yml",
                    loc,
                    text("content_check.word_taken", word=word, term=first),
                    hint=text("content_check.word_taken_hint"),
                )


def check_instrument_terms(ld: Loaded) -> None:
    known = [t.id for t in ld.models["glossary.yml"].terms]
    for i, instrument in enumerate(ld.models["instruments.yml"].instruments):
        for j, term in enumerate(instrument.terms):
            _known(
                ld,
                "instruments.yml",
                ["instruments", i, "terms", j],
                term,
                known,
                "begrip",
                "glossary.yml",
            )


# Each check with the files it needs; it runs only if all of them validated.
CHECKS: list[tuple[tuple[str, ...], Callable[[Loaded], None]]] = [
    (("canvas.yml",), check_canvas),
    (("forms.yml",), check_forms),
    (("beslisboom.yml",), check_beslisboom),
    (("beslisboom.yml",), check_situations),
    (("beslisboom.yml", "forms.yml"), check_beslisboom_forms),
    (("typologie.yml",), check_typologie),
    (("toets.yml",), check_toets),
    (("patterns.yml",), check_patterns),
    (("patterns.yml", "toets.yml", "vocab.yml"), check_signals),
    (("competences.yml",), check_competences),
    (("roles.yml",), check_roles),
    (("lenses.yml",), check_lenses),
    (("programme.yml",), check_programme),
    (("programme.yml", "instruments.yml"), check_programme_instruments),
    (("instruments.yml",), check_instruments),
    (("vocab.yml",), check_vocab),
    (("vocab.yml", "forms.yml"), check_routes),
    (("glossary.yml",), check_glossary),
    (("glossary.yml", "instruments.yml"), check_instrument_terms),
    (("pack.yml",), check_provenance),
]


def run_checks(ld: Loaded) -> None:
    for needs, check in CHECKS:
        if all(name in ld.models for name in needs):
            check(ld)

"""Nothing a participant changes is lost, whatever kind of input it is (issue 17: every kind, not only text).

Real `swc serve` (``--pool 0``), real headless Chromium. On each page the
participant changes one input of every kind the page holds, as a person does
(click, type, pick, keyboard on a slider) and leaves at once: the tab closed
right after the last action (``page.close`` follows it directly, well within
50 ms), a click to the landing page, or a reload. Then the store holds every
change, and the page loaded again shows what the store holds.

=============================  ========================================  =====  ========  ======  =======
kind                           where (step: instrument)                  close  navigate  reload  offline
=============================  ========================================  =====  ========  ======  =======
long text                      intake: casus; 1-2: canvas block; 4: task   x       x        x       x
list editor (row added, typed)  intake: casus parties                     x                         x
choice: toggle buttons         intake: competenties                        x                         x
choice: dropdown               1-2: party type, part form and joint goal          x        x
choice: check box              1-2: a contribution bears risk                     x
slider (keyboard)              5: eigen rol                                x
number field (not left)        5: eigen rol, a time share                  x
structured lists in canvas     1-2: party with type and nested goal,              x
                               contribution
Schakelbak rows                1-2: a part with name, form, joint goal            x
goals                          4: doelen, a goal's status                                  x
beslisboom answers             4: a new task, its first question answered                  x
=============================  ========================================  =====  ========  ======  =======

Why one mode per kind is the whole kind: keeping a change on leaving is per
field, not per page or mode. Every leave (close, reload, another address,
the back button, a phone switching apps) fires ``pagehide``; the template then
sends what each touched field shows, by widget model id (a text, a number, a
choice's index, a check box's state), and the server has the kernel set those
and save everything pending before it shuts the kernel down
(``widgets/leaving.py``, ``swc_core/serve/kernels.py``). The three modes differ
only in what fires ``pagehide``, and tests/test_leaving_a_page.py proves each
of them for text. Closing is the hardest (the kernel is shut down at once), so
the kinds whose last change waits in the browser (a slider's later steps, a
toggle clicked last, a number field that sends nothing until it is left)
are left that way.

Offline: a long text, a list editor's row and a choice changed while the
connection is cut, then restored (the same kernel): every change reaches the
store, and the status line never says "opgeslagen" while the store lacks one
(checked against the store, not only against what the browser keeps). And
kept texts do not pile up in ``localStorage``: a page load drops old entries.
"""

from __future__ import annotations

import json
import time

import pytest

from swc_core.edition import load_edition, open_store
from swc_core.messages import text
from swc_core.settings import Settings

from conftest import copy_sessions
from servers import chromium_browser, swc_serve
from test_offline import (  # noqa: F401 - tagged: a fixture
    SAID_SAVED_WHILE_KEPT_JS,
    CutProxy,
    _intake_page,
    _kept,
    kept_entries,
    tagged,
    type_offline,
)

PAGE_TIMEOUT = 180_000  # ms: kernel start on a busy 2-core machine
WITHIN = 60.0  # s: generous for CI; each wait ends as soon as its condition holds


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("every-kind")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    log = tmp / "serve.log"
    with chromium_browser() as browser, swc_serve(sessions, log, "--pool", "0") as base:
        yield {"base": base, "browser": browser, "log": log, "sessions": sessions}


def stored(room, participant: str) -> dict:
    settings = Settings(room["sessions"])
    with open_store(load_edition("demo", settings), settings) as store:
        return store.values("demo", participant)


def pack(room):
    return load_edition("demo", Settings(room["sessions"])).content


def open_step(room, step: str, participant: str, context=None):
    context = context or room["browser"].new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(
        f"{room['base']}/voila/render/{step}.ipynb?participant={participant}", wait_until="commit"
    )
    wait_ready(room, page)
    return context, page


def wait_ready(room, page) -> None:
    try:
        page.wait_for_selector(".swc-page .swc-instrument", timeout=PAGE_TIMEOUT)
    except Exception:
        print(room["log"].read_text(errors="replace")[-4000:])
        raise


def wait_until(room, condition, what: str, within: float = WITHIN):
    deadline = time.monotonic() + within
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"not within {within} s: {what}\n" + room["log"].read_text(errors="replace")[-3000:]
            )
        time.sleep(0.2)
    return result


def placeholder(key: str) -> str:
    return f'[placeholder="{text(key)}"]'


# -- intake: long text, list editor, choice (toggle buttons) -------------------------------------------------


def change_intake(page, room) -> dict:
    first = pack(room).competences[0].id
    casus = page.locator(".swc-instrument-casus")
    casus.locator(".swc-add").click()
    name = casus.locator(".swc-line textarea").nth(
        3
    )  # title, area, domain, then the new party's name
    name.wait_for()
    name.press_sequentially("Waterschap", delay=5)
    casus.locator(".widget-textarea:not(.swc-line) textarea").nth(1).press_sequentially(
        "Trekker", delay=5
    )  # opgave, the party's role, stuck
    page.locator(placeholder("widgets.casus.stuck_placeholder")).press_sequentially(
        "Geld.", delay=5
    )
    page.locator(".swc-competence").nth(0).locator(".widget-toggle-button", has_text="4").click()
    return {"competence": first}


def intake_kept(values: dict, made: dict) -> list[str]:
    casus = values.get("casus") or {}
    missing = []
    if casus.get("stuck") != "Geld.":
        missing.append(f"long text: {casus.get('stuck')!r}")
    if [(p.get("name"), p.get("role")) for p in casus.get("parties") or []] != [
        ("Waterschap", "Trekker")
    ]:
        missing.append(f"list editor: {casus.get('parties')!r}")
    if (values.get("competences.intake") or {}).get(made["competence"]) != 4:
        missing.append(f"toggle: {values.get('competences.intake')!r}")
    return missing


def intake_shown(page) -> dict:
    return page.evaluate(
        """(stuck) => ({
        stuck: document.querySelector(stuck).value,
        parties: [...document.querySelectorAll('.swc-instrument-casus .swc-line textarea')].slice(3).map(e => e.value),
        score: (document.querySelector('.swc-competence .widget-toggle-button.mod-active') || {}).textContent || null,
    })""",
        placeholder("widgets.casus.stuck_placeholder"),
    )


def intake_expected_shown(values: dict, made: dict, content) -> dict:
    casus = values.get("casus") or {}
    score = (values.get("competences.intake") or {}).get(made["competence"])
    return {
        "stuck": casus.get("stuck") or "",
        "parties": [p["name"] for p in casus.get("parties") or []],
        "score": None if score is None else str(score),
    }


# -- dagdeel 5: slider, number field -------------------------------------------------------------------------


def change_role(page, room) -> dict:
    handle = page.locator(".swc-instrument-eigen-rol [role=slider]").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    share = page.locator(".swc-instrument-eigen-rol input[type=number]").first
    share.click()
    share.press("Control+A")
    share.press_sequentially(
        "40", delay=5
    )  # a number field syncs when left: it is not; leave at once
    return {"role": pack(room).roles[0].id}


def role_kept(values: dict, made: dict) -> list[str]:
    role = values.get("role") or {}
    missing = [] if role.get("focus") == 55 else [f"slider: {role!r}"]
    return missing + (
        [] if (role.get("shares") or {}).get(made["role"]) == 40 else [f"number: {role!r}"]
    )


def role_shown(page) -> dict:
    return page.evaluate("""() => ({focus: Math.round(Number(document.querySelector(
        '.swc-instrument-eigen-rol [role=slider]').getAttribute('aria-valuenow'))),
        share: Number(document.querySelector('.swc-instrument-eigen-rol input[type=number]').value)})""")


def role_expected_shown(values: dict, made: dict, content) -> dict:
    role = values.get("role") or {}
    return {"focus": role.get("focus"), "share": (role.get("shares") or {}).get(made["role"])}


# -- dagdeel 1-2: canvas (a block, a party with its type and a goal, a contribution), a Schakelbak row -------


def change_canvas(page, room) -> dict:
    content = pack(room)
    canvas = page.locator(".swc-instrument-canvas")
    canvas.locator(".jupyter-widget-Collapse-header").first.click()  # open the first block
    canvas.locator(".widget-textarea:not(.swc-line) textarea").nth(0).press_sequentially(
        "Minder files.", delay=5
    )
    canvas.locator(".swc-add").nth(0).click()  # a party
    canvas.locator(".swc-line textarea").nth(0).press_sequentially("Gemeente Noord", delay=5)
    canvas.locator("select").nth(0).select_option(index=2)  # its type (0 is "not chosen")
    canvas.locator(".swc-add").nth(
        0
    ).click()  # the party's first goal (its editor comes before "add party")
    canvas.locator(".widget-textarea:not(.swc-line) textarea").nth(
        len(content.blocks)
    ).press_sequentially("Doorstroming", delay=5)
    canvas.locator(".swc-add").last.click()  # a contribution: enabled once the party has a name
    bak = page.locator(".swc-instrument-schakelbak")
    bak.locator(".swc-add").nth(0).click()  # a part
    bak.locator(".swc-line textarea").nth(0).press_sequentially("Kern", delay=5)
    bak.locator("select").nth(0).select_option(index=2)  # its form (0 is "not chosen")
    bak.locator("select").nth(1).select_option(index=1)  # a joint goal: ja
    canvas.locator("input[type=checkbox]").nth(
        0
    ).check()  # the contribution bears risk; then leave at once
    return {
        "block": content.blocks[0].id,
        "type": content.vocab.party_types[1].id,
        "form": content.forms[1].id,
    }


def canvas_kept(values: dict, made: dict) -> list[str]:
    missing = []
    if values.get(f"canvas.block.{made['block']}") != "Minder files.":
        missing.append(f"long text in the canvas: {values.get('canvas.block.' + made['block'])!r}")
    parties = [
        (p.get("name"), p.get("type"), [g.get("text") for g in p.get("goals") or []])
        for p in values.get("canvas.parties") or []
    ]
    if parties != [("Gemeente Noord", made["type"], ["Doorstroming"])]:
        missing.append(f"canvas parties: {values.get('canvas.parties')!r}")
    if [c.get("risk_bearing") for c in values.get("canvas.contributions") or []] != [True]:
        missing.append(f"canvas contributions: {values.get('canvas.contributions')!r}")
    parts = [
        (p.get("name"), p.get("form"), p.get("joint_goal"))
        for p in (values.get("schakelbak") or {}).get("parts") or []
    ]
    if parts != [("Kern", made["form"], True)]:
        missing.append(f"Schakelbak row: {values.get('schakelbak')!r}")
    return missing


def canvas_shown(page) -> dict:
    return page.evaluate("""() => {
        const canvas = document.querySelector('.swc-instrument-canvas');
        const bak = document.querySelector('.swc-instrument-schakelbak');
        const texts = [...canvas.querySelectorAll('.widget-textarea:not(.swc-line) textarea')].map(e => e.value);
        const label = (s) => s ? s.options[s.selectedIndex].textContent.replace(/\u00a0/g, ' ') : null;
        return {block: texts[0], goals: texts.slice(9, -1),
                party: [...canvas.querySelectorAll('.swc-line textarea')].map(e => e.value),
                type: label(canvas.querySelector('select')),
                risk: [...canvas.querySelectorAll('input[type=checkbox]')].map(e => e.checked),
                part: [...bak.querySelectorAll('.swc-line textarea')].map(e => e.value),
                form: label(bak.querySelectorAll('select')[0]), joint: label(bak.querySelectorAll('select')[1])};
    }""")


def canvas_expected_shown(values: dict, made: dict, content) -> dict:
    parties = values.get("canvas.parties") or []
    types = {t.id: t.name for t in content.vocab.party_types}
    forms = {f.id: f.name for f in content.forms}
    parts = (values.get("schakelbak") or {}).get("parts") or []
    joint = {True: text("widgets.choices.yes"), False: text("widgets.choices.no")}
    return {
        "block": values.get(f"canvas.block.{made['block']}"),
        "goals": [g["text"] for p in parties for g in p.get("goals") or []],
        "party": [p["name"] for p in parties],
        "type": types.get(parties[0]["type"]) if parties else None,
        "risk": [c["risk_bearing"] for c in values.get("canvas.contributions") or []],
        "part": [p["name"] for p in parts],
        "form": forms.get(parts[0]["form"]) if parts else None,
        "joint": joint.get(parts[0]["joint_goal"]) if parts else None,
    }


# -- dagdeel 4: beslisboom answers, goals --------------------------------------------------------------------


def change_decisions(page, room) -> dict:
    content = pack(room)
    tree = page.locator(".swc-instrument-beslisboom")
    tasks = tree.locator("textarea").count()
    tree.locator(".swc-add").click()  # a new task
    tree.locator("textarea").nth(tasks).press_sequentially("Een nieuwe opgave", delay=5)
    answer = tree.locator(".swc-tree-walk").last.locator(".swc-answer").first  # of the new task
    goals = page.locator(".swc-instrument-doelen")
    status = content.vocab.goal_statuses[
        0
    ]  # "Nog open"; the demo answers have another for this goal
    goals.locator("select").nth(0).select_option(label=status.name)
    answer.click()  # the first question answered; then leave at once
    return {"status": status.id}


def decisions_kept(values: dict, made: dict) -> list[str]:
    missing = []
    runs = values.get("beslisboom") or []
    if (
        not runs
        or runs[-1].get("task") != "Een nieuwe opgave"
        or len(runs[-1].get("answers") or {}) != 1
    ):
        missing.append(f"beslisboom: {runs[-1:]!r}")
    consolidated = (values.get("goals") or {}).get("consolidated") or []
    if not consolidated or consolidated[0].get("status") != made["status"]:
        missing.append(f"goals: {consolidated[:1]!r}")
    return missing


def decisions_shown(page) -> dict:
    return page.evaluate("""() => {
        const walks = document.querySelectorAll('.swc-instrument-beslisboom .swc-tree-walk');
        const tasks = document.querySelectorAll('.swc-instrument-beslisboom textarea');
        const status = document.querySelector('.swc-instrument-doelen select');
        return {task: tasks[tasks.length - 1].value,
                steps: walks[walks.length - 1].querySelectorAll('.swc-path-step').length,
                status: status.options[status.selectedIndex].textContent.replace(/\u00a0/g, ' ')};
    }""")


def decisions_expected_shown(values: dict, made: dict, content) -> dict:
    runs = values.get("beslisboom") or [{}]
    statuses = {s.id: s.name for s in content.vocab.goal_statuses}
    consolidated = (values.get("goals") or {}).get("consolidated") or [{}]
    return {
        "task": runs[-1].get("task"),
        "steps": len(runs[-1].get("answers") or {}),
        "status": statuses.get(consolidated[0].get("status")),
    }


SCENARIOS = {  # name: (step, participant, change, kept, shown, expected_shown)
    "intake": ("intake", "p04", change_intake, intake_kept, intake_shown, intake_expected_shown),
    "role": ("dagdeel-5", "p04", change_role, role_kept, role_shown, role_expected_shown),
    "canvas": (
        "dagdeel-1-2",
        "p11",
        change_canvas,
        canvas_kept,
        canvas_shown,
        canvas_expected_shown,
    ),
    "decisions": (
        "dagdeel-4",
        "p06",
        change_decisions,
        decisions_kept,
        decisions_shown,
        decisions_expected_shown,
    ),
}


def leave(room, page, mode: str) -> None:
    if mode == "close":
        page.close(run_before_unload=True)
    elif mode == "navigate":
        page.goto(f"{room['base']}/", wait_until="commit")
    else:
        page.reload(wait_until="commit")


def wait_kept(room, missing) -> None:
    """Wait until ``missing()`` (the changes the store lacks) is empty."""
    deadline = time.monotonic() + WITHIN
    while (left := missing()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, (
        f"not in the store after {WITHIN} s: {left}\n"
        + room["log"].read_text(errors="replace")[-3000:]
    )


def assert_shows(page, shown, want: dict) -> None:
    """The page (just loaded) shows ``want``: at once, or once its widgets have their values (within 20 s)."""
    deadline = time.monotonic() + 20
    while (seen := shown(page)) != want and time.monotonic() < deadline:
        time.sleep(0.2)
    assert seen == want


@pytest.mark.parametrize(
    "mode,scenario",
    [("close", "intake"), ("close", "role"), ("navigate", "canvas"), ("reload", "decisions")],
)
def test_every_change_made_just_before_leaving_is_in_the_store(room, mode, scenario):
    step, participant, change, kept, shown, expected_shown = SCENARIOS[scenario]
    context, page = open_step(room, step, participant)
    try:
        made = change(page, room)
        leave(room, page, mode)
        wait_kept(room, lambda: kept(stored(room, participant), made))
        if mode == "close":
            page = context.new_page()
            page.goto(
                f"{room['base']}/voila/render/{step}.ipynb?participant={participant}",
                wait_until="commit",
            )
        elif mode == "navigate":
            page.go_back(wait_until="commit")
        wait_ready(room, page)  # (a reload is loading already)
        assert_shows(page, shown, expected_shown(stored(room, participant), made, pack(room)))
    finally:
        context.close()


# -- offline: several kinds changed while the connection is cut ----------------------------------------------

# Every 25 ms, in every page of the context: when the save status is visible and says "opgeslagen" (kept
# across reloads, with the browser's clock, which is the test's).
SAID_SAVED_AT_JS = """
(() => {
  const saved = %s;
  setInterval(() => {
    const status = [...document.querySelectorAll(".swc-status")].find(
      (el) => getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0
              && el.textContent.trim().startsWith(saved));
    if (status) {
      const seen = JSON.parse(sessionStorage.getItem("swc-said-saved-at") || "[]");
      seen.push(Date.now());
      sessionStorage.setItem("swc-said-saved-at", JSON.stringify(seen.slice(-2000)));
    }
  }, 25);
})();
""" % json.dumps(text("status.saved", time="").split(" ")[0])


def test_changes_of_several_kinds_made_offline_reach_the_store_once_the_connection_is_back(room):
    """Long text, a list editor row and a choice, changed while the wifi is gone, then it comes back.

    The page's kernel stays (a short cut): the texts come back through the
    offline keeper (``localStorage``), and the choice with them (its own
    widget message waits in the kernel connection's queue and arrived ~3 s
    after the socket, while the page already said "opgeslagen"). The status
    line may say "opgeslagen" only when the store holds every change: checked
    against the store itself, not only against what the page keeps.
    """
    participant, first = "p12", pack(room).competences[0].id
    proxy = CutProxy(int(room["base"].rsplit(":", 1)[1]))
    proxy.start()
    context = room["browser"].new_context(viewport={"width": 1300, "height": 900})
    context.add_init_script(SAID_SAVED_WHILE_KEPT_JS)
    context.add_init_script(SAID_SAVED_AT_JS)
    base = f"http://127.0.0.1:{proxy.port}"
    try:
        page = context.new_page()
        page.goto(
            f"{base}/voila/render/intake.ipynb?participant={participant}", wait_until="commit"
        )
        wait_ready(room, page)
        casus = page.locator(".swc-instrument-casus")
        casus.locator(".swc-add").click()  # a party row, made while connected
        name = casus.locator(".swc-line textarea").nth(3)
        name.press_sequentially("Provincie", delay=5)
        wait_until(
            room,
            lambda: (stored(room, participant).get("casus") or {}).get("parties"),
            "the row saved",
        )
        proxy.cut()
        page.wait_for_selector("#swc-offline", state="visible", timeout=30_000)
        cut_at = time.time() * 1000
        type_offline(page, "Zonder wifi getypt.")  # the opgave: long text
        name.click()
        name.press("End")
        name.press_sequentially(" Noord", delay=5)  # the list editor's row
        page.locator(".swc-competence").nth(0).locator(
            ".widget-toggle-button", has_text="3"
        ).click()  # a choice
        # the opgave, the row's name and the choice: each kept on this device under its stable key (a choice
        # is written once its change is drawn, a moment after the click)
        wait_until(
            room,
            lambda: len(kept_entries(page)) == 3,
            "the two texts and the choice kept on this device",
        )

        def complete(values) -> bool:
            casus = values.get("casus") or {}
            return (
                casus.get("opgave") == "Zonder wifi getypt."
                and [p.get("name") for p in casus.get("parties") or []] == ["Provincie Noord"]
                and (values.get("competences.intake") or {}).get(first) == 3
            )

        assert not complete(stored(room, participant))
        proxy.start()
        missing_until, lacking = time.time() * 1000, None
        deadline = time.monotonic() + 120  # the socket retries every 10-30 s
        while not complete(last := stored(room, participant)):
            missing_until = time.time() * 1000  # the store lacked a change at least until now
            lacking = last
            assert time.monotonic() < deadline, f"not stored: {stored(room, participant)}"
            time.sleep(0.1)
        page.wait_for_selector("#swc-offline", state="hidden", timeout=90_000)
        said = page.evaluate("JSON.parse(sessionStorage.getItem('swc-said-saved-at') || '[]')")
        wrong = [t for t in said if cut_at <= t <= missing_until]
        assert not wrong, (
            f"'opgeslagen' shown {len(wrong)} times while a change was not in the store "
            f"({wrong[0] - cut_at:.0f}-{wrong[-1] - cut_at:.0f} ms after the cut, the store lacking until "
            f"{missing_until - cut_at:.0f} ms: {lacking})"
        )
        assert page.evaluate("sessionStorage.getItem('swc-said-saved')") is None
        assert kept_entries(page) == {}
        assert any(t < cut_at for t in said), "the watch never saw 'opgeslagen' at all"
        # kept texts do not pile up: a page load drops entries last typed in over 42 days ago (the template's
        # KEEP_DAYS) and unreadable ones; a recent one of another page stays until that page saves it
        other = "swc-kept|00|/voila/render/dagdeel-3.ipynb||beslisboom-0"
        page.evaluate(
            """(other) => {
            const day = 86400000;
            localStorage.setItem(other + "-old", JSON.stringify({base: "", text: "oud", at: Date.now() - 43 * day}));
            localStorage.setItem(other + "-bad", "{niet leesbaar");
            localStorage.setItem(other, JSON.stringify({base: "", text: "recent", at: Date.now() - 41 * day}));
        }""",
            other,
        )
        page.reload(wait_until="commit")  # the page, loaded again, shows what the store holds
        wait_ready(room, page)
        values = stored(room, participant)
        assert_shows(
            page, intake_shown, intake_expected_shown(values, {"competence": first}, pack(room))
        )
        opgave = page.locator(placeholder("widgets.casus.opgave_placeholder")).input_value()
        assert opgave == values["casus"]["opgave"]
        assert list(kept_entries(page)) == [other]
    finally:
        context.close()
        proxy.cut()


# -- the kernel's side, without a browser --------------------------------------------------------------------


def test_a_leaving_or_reconnected_page_s_choice_is_set_from_what_it_showed_and_saved(tagged, store):
    """A choice travels as its place among the options, as ipywidgets syncs it; it is saved at once."""
    import ipywidgets as W

    from widgets.leaving import apply_kept_values, apply_left_values, key_fields

    page = _intake_page(store)
    toggles = [w for w in _tree(page) if isinstance(w, W.ToggleButtons)]
    first, second = toggles[0], toggles[1]
    assert any(c == "swc-m-" + first.model_id for c in first._dom_classes)
    competence = pack_of_repo().competences[0].id
    assert (
        apply_left_values(_kept({first.model_id: {"index": 3}, second.model_id: {"number": 2}}))
        == []
    )
    assert store.values("demo", "p01")["competences.intake"] == {competence: first.options[3][1]}
    assert second.value is None  # a value of another widget's shape is ignored
    # changed while offline: kept under its stable key (as texts are), a choice by its label, and set on the
    # field of the page built again (a culled kernel's page reloaded), whose model ids are new
    again = _intake_page(store)
    [key] = [k for k, w in key_fields(page).items() if w is second]
    assert key in key_fields(again) and key_fields(again)[key] is not second
    third = [w for w in _tree(again) if isinstance(w, W.ToggleButtons)][2]
    [third_key] = [k for k, w in key_fields(again).items() if w is third]
    answer = json.loads(
        apply_kept_values(
            _kept(
                {
                    key: {"left": {"label": second.options[1][0]}},
                    third_key: {"left": {"number": 2}},  # not a choice's shape
                    "bestaat-niet-0": {"left": {"label": "1"}},
                }
            )
        )
    )
    assert answer == {key: "saved", third_key: "unknown", "bestaat-niet-0": "unknown"}
    assert (
        store.values("demo", "p01")["competences.intake"][pack_of_repo().competences[1].id]
        == second.options[1][1]
    )


def test_left_values_of_the_wrong_shape_or_out_of_range_are_ignored_or_clamped():
    import ipywidgets as W

    from widgets.leaving import _set_left

    slider, box, dropdown = (
        W.IntSlider(value=50, min=0, max=100),
        W.Checkbox(),
        W.Dropdown(options=["a", "b"]),
    )
    _set_left(slider, {"number": 140})
    _set_left(box, {"checked": "ja"})
    _set_left(dropdown, {"index": 7})
    assert (slider.value, box.value, dropdown.index) == (100, False, 0)
    _set_left(slider, {"number": True})
    _set_left(box, {"checked": True})
    _set_left(dropdown, {"index": 1})
    assert (slider.value, box.value, dropdown.value) == (100, True, "b")
    # kept offline, a choice travels by its label (or value): what the participant picked, wherever it is now
    choice = W.Dropdown(
        options=[("(nog niet gekozen)", ""), ("Gemeente Noord", "g1"), ("Provincie", "p1")]
    )
    _set_left(choice, {"label": "Gemeente\u00a0Noord"})  # as the browser draws a dropdown's spaces
    assert choice.value == "g1"
    _set_left(choice, {"label": "p1"})
    assert choice.value == "p1"
    _set_left(choice, {"label": "Waterschap"})  # no such option: ignored
    assert choice.value == "p1"


def _tree(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _tree(child)


def pack_of_repo():
    from conftest import REPO

    return load_edition("demo", Settings(REPO / "sessions")).content


def test_a_slider_and_a_dropdown_kept_offline_are_set_by_key_clamped_and_by_label_on_a_page_built_again(
    tagged, store
):
    """What a reloaded page (culled kernel, restarted server) gets: stable keys, a choice's label, a clamped slider."""
    import ipywidgets as W

    from swc_core.scheduling import ManualScheduler
    from widgets.autosave import StoreBinding
    from widgets.base import PageContext
    from widgets.leaving import apply_kept_values, key_fields
    from widgets.page import build_page

    from conftest import REPO

    edition = load_edition("demo", Settings(REPO / "sessions"))
    content = edition.content

    def role_page():
        binding = StoreBinding(store, "demo", "p01", "p01", scheduler=ManualScheduler())
        return build_page(
            PageContext(edition, "p01", binding, binding.load(), step="dagdeel-5"), foldouts=False
        )

    first, again = key_fields(role_page()), key_fields(role_page())
    assert {k: type(w) for k, w in first.items()} == {k: type(w) for k, w in again.items()}
    slider = next(
        k for k, w in again.items() if isinstance(w, W.IntSlider) and k.startswith("eigen-rol-")
    )
    dropdown = next(
        k for k, w in again.items() if isinstance(w, W.Dropdown) and k.startswith("patronen-")
    )
    answer = content.vocab.toets_answers[-1]
    assert json.loads(
        apply_kept_values(
            _kept(
                {
                    slider: {"left": {"number": 140}},
                    dropdown: {"left": {"label": answer.name.replace(" ", "\u00a0")}},
                }
            )
        )
    ) == {slider: "saved", dropdown: "saved"}
    values = store.values("demo", "p01")
    assert values["role"]["focus"] == 100
    assert values["patterns"][content.patterns[0].id]["answer"] == answer.id


def test_a_choice_kept_offline_meets_the_same_choice_set_elsewhere_shows_both_and_keeps_every_version(
    tagged, store
):
    """A choice changed offline was based on what the store held then; set another way elsewhere meanwhile,
    the reloaded page shows both ("Hier" / "Elders") instead of overwriting, and the store keeps both."""
    import ipywidgets as W

    from widgets.autosave import flush_every_page
    from widgets.leaving import apply_kept_values, key_fields

    competence = pack_of_repo().competences[0].id
    store.save(
        "demo", "p01", "competences.intake", {competence: 2}, "p01"
    )  # what the page showed at the cut
    store.save("demo", "p01", "competences.intake", {competence: 4}, "p01")  # the phone, meanwhile
    page = _intake_page(
        store
    )  # the page reloaded after its kernel was culled: it loads the phone's 4
    [key] = [k for k, w in key_fields(page).items() if isinstance(w, W.ToggleButtons)][:1]
    kept = {key: {"left": {"label": "3"}, "base": {"label": "2"}}}  # 2 -> 3 offline
    assert json.loads(apply_kept_values(_kept(kept))) == {key: "saved"}
    history = [r.value[competence] for r in store.history("demo", "p01", "competences.intake")]
    assert history == [2, 4, 3], (
        "every version in the store; this page's choice the newest, as in a live conflict"
    )
    [panel] = [w for w in _tree(page) if "swc-conflicts" in getattr(w, "_dom_classes", ())]
    shown = [w.value for w in _tree(panel) if isinstance(w, W.Label)]
    assert (
        text("conflict.here", value="3") in shown and text("conflict.elsewhere", value="4") in shown
    )
    keep_elsewhere = [w for w in _tree(panel) if isinstance(w, W.Button)][1]
    keep_elsewhere.click()
    assert flush_every_page() == []
    assert store.values("demo", "p01")["competences.intake"][competence] == 4
    assert not panel.children

    # no conflict when the store still held the base (only this page changed it), nor without a base (an
    # entry kept by an older page): the kept choice is set and saved, no panel
    again = _intake_page(store)
    assert json.loads(
        apply_kept_values(_kept({key: {"left": {"label": "1"}, "base": {"label": "4"}}}))
    ) == {key: "saved"}
    assert store.values("demo", "p01")["competences.intake"][competence] == 1
    assert not [
        w for w in _tree(again) if "swc-conflicts" in getattr(w, "_dom_classes", ()) and w.children
    ]

"""Personal links: every participant opens their own workbook and nobody else's (issue 20).

Library first (codes, the door's backoff, who may open which page, the log),
then the two commands (``swc links``, ``swc participants``), then a real
``swc serve --host`` answering each route to each kind of visitor over HTTP.
The same in Chromium, with three browsers: tests/test_personal_links_in_browser.py.
"""

from __future__ import annotations

import html
import json
import logging
import math
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from swc_core.cli import cli
from swc_core.codes import CODE_ALPHABET, CODES_FILE, CodeBook, normalise_code
from swc_core.edition import load_edition, open_store
from swc_core.errors import EditionError
from swc_core.serve.access import AccessPolicy, Role, Tokens, Visitor
from swc_core.serve.attempts import Attempts
from swc_core.serve.landing import door_page, landing_page
from swc_core.serve.links import Links
from swc_core.serve.quiet_log import quiet_server_log
from swc_core.serve.site import Site
from swc_core.settings import Settings

from conftest import REPO, copy_sessions
from servers import personal_secret, swc_serve

PEOPLE = [f"p{i:02d}" for i in range(1, 31)]


# -- the codes -------------------------------------------------------------------


def test_a_personal_code_is_long_random_and_typeable(tmp_path):
    codes = CodeBook(tmp_path).ensure(PEOPLE)
    secrets_, shorts = [c.secret for c in codes.values()], [c.code for c in codes.values()]
    assert len(set(secrets_)) == len(set(shorts)) == 30
    assert all(len(s) >= 32 and s.replace("-", "").replace("_", "").isalnum() for s in secrets_), (
        "192 bits, URL-safe"
    )
    assert all(len(c) == 10 and set(c) <= set(CODE_ALPHABET) for c in shorts)
    assert not set(CODE_ALPHABET) & set("01OIL"), "nothing to confuse on a printed card"
    assert 10 * math.log2(len(CODE_ALPHABET)) > 49, "bits in a short code"
    assert codes["p01"].shown == f"{codes['p01'].code[:5]}-{codes['p01'].code[5:]}"


def test_codes_are_kept_owner_only_and_survive_a_restart(tmp_path):
    first = CodeBook(tmp_path).ensure(PEOPLE[:3])
    assert stat.S_IMODE((tmp_path / CODES_FILE).stat().st_mode) == 0o600
    assert CodeBook(tmp_path).ensure(PEOPLE[:3]) == first, (
        "a restarted server keeps every card working"
    )
    more = CodeBook(tmp_path).ensure(PEOPLE[:4])
    assert {k: more[k] for k in PEOPLE[:3]} == first and "p04" in more, (
        "a participant added later gets a code"
    )


def test_a_typed_code_is_found_whatever_its_case_spaces_and_dashes(tmp_path):
    book = CodeBook(tmp_path)
    code = book.ensure(PEOPLE[:5])["p03"]
    for typed in [
        code.code,
        code.code.lower(),
        code.shown,
        f" {code.code[:5].lower()} {code.code[5:]} ",
    ]:
        assert book.by_code(typed) == "p03", typed
    assert normalise_code("ab-cd ef") == "ABCDEF"
    assert book.by_code(code.secret) is None and book.by_secret(code.code) is None, (
        "neither stands in for the other"
    )
    assert book.by_code("") is None and book.by_secret(None) is None


def test_a_renewed_card_is_useless_at_once_also_to_a_server_already_running(tmp_path):
    server = CodeBook(tmp_path)  # the running server's book
    old = server.ensure(PEOPLE[:3])["p02"]
    assert server.by_secret(old.secret) == "p02"
    fresh = CodeBook(tmp_path).renew("p02", PEOPLE[:3])  # `swc links --renew p02`, another process
    assert server.by_secret(old.secret) is None and server.by_code(old.code) is None
    assert server.by_secret(fresh.secret) == "p02" and server.by_code(fresh.code) == "p02"
    assert server.codes()["p01"] == CodeBook(tmp_path).codes()["p01"], (
        "the other cards keep working"
    )


def test_every_lookup_compares_with_every_participant_in_constant_time(tmp_path, monkeypatch):
    """No early exit: a match on the first participant costs as many comparisons as no match at all."""
    import swc_core.codes as codes_module

    book = CodeBook(tmp_path)
    first = book.ensure(PEOPLE)["p01"]
    calls = []
    real = codes_module.hmac.compare_digest
    monkeypatch.setattr(
        codes_module.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b)
    )
    assert book.by_secret(first.secret) == "p01"
    hit = len(calls)
    calls.clear()
    assert book.by_secret("x" * len(first.secret)) is None
    assert hit == len(calls) == 30


def test_a_code_of_someone_no_longer_in_the_edition_opens_nothing(tmp_path):
    book = CodeBook(tmp_path)
    codes = book.ensure(PEOPLE[:3])
    policy = AccessPolicy(Tokens.generate(), book, frozenset(PEOPLE[:2]))
    assert policy.visitor(codes["p01"].secret) == Visitor(Role.PARTICIPANT, "p01")
    assert policy.visitor(codes["p03"].secret).role is Role.NONE
    assert policy.participant_by_code(codes["p03"].code) is None


def test_the_trainer_and_the_room_keep_their_tokens(tmp_path):
    tokens = Tokens.generate()
    policy = AccessPolicy(tokens, CodeBook(tmp_path), frozenset(PEOPLE))
    assert policy.visitor(tokens.trainer) == Visitor(Role.TRAINER)
    assert policy.visitor(tokens.room) == Visitor(Role.ROOM), (
        "the room link is the door, nobody in particular"
    )
    assert AccessPolicy(None).visitor(None) == Visitor(Role.TRAINER), (
        "loopback without --host: no codes"
    )


# -- the door's backoff -------------------------------------------------------------------


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_failed_attempts_from_one_address_are_slowed_down():
    clock = Clock()
    attempts = Attempts(free=10, base=1.0, cap=60.0, forget=900.0, clock=clock)
    for _ in range(10):
        assert attempts.wait("10.0.0.7") == 0
        attempts.failed("10.0.0.7")
    assert attempts.wait("10.0.0.7") == pytest.approx(1.0)
    assert attempts.wait("10.0.0.8") == 0, "another laptop in the room is not slowed down"
    clock.now += 1.0
    assert attempts.wait("10.0.0.7") == 0
    attempts.failed("10.0.0.7")
    assert attempts.wait("10.0.0.7") == pytest.approx(2.0), "each further failure doubles the wait"
    for _ in range(20):
        clock.now += 100
        attempts.failed("10.0.0.7")
    assert attempts.wait("10.0.0.7") == pytest.approx(60.0), "capped at a minute"
    clock.now += 901
    assert attempts.wait("10.0.0.7") == 0, "forgotten a quarter of an hour after the last failure"


def test_the_backoff_cannot_fill_the_memory():
    attempts = Attempts(capacity=100)
    for i in range(1000):
        attempts.failed(f"10.0.{i // 256}.{i % 256}")
    assert len(attempts._records) == 100


# -- who may open which page --------------------------------------------------------------


@pytest.fixture
def demo(sessions_dir):
    return load_edition("demo", Settings(sessions_dir))


def test_a_participant_opens_only_their_own_workbook_and_their_teams_homework(demo):
    site = Site(demo)
    a = Visitor(Role.PARTICIPANT, "p01")  # team-veen
    allowed = [
        "?participant=p01",
        "?participant=p01&language=nl",
        "?participant=p01&team=team-veen",
    ]
    refused = [
        "?participant=p02",
        "?participant=p01&participant=p02",
        "?participant=p02&participant=p01",
        "",
        "?participant=p01&team=team-klimaat",
        "?team=team-veen",
    ]
    for query in allowed:
        assert site.permits(a, "dagdeel-3.ipynb", query[1:]), query
    for query in refused:
        assert site.permits(a, "dagdeel-3.ipynb", query[1:]) is False, query
    assert site.permits(a, "homework.ipynb", "team=team-veen&step=tussentijd-b")
    for query in [
        "team=team-klimaat&step=tussentijd-b",
        "team=team-veen&team=team-klimaat",
        "step=tussentijd-b",
        "team=team-veen&participant=p02",
    ]:
        assert site.permits(a, "homework.ipynb", query) is False, query
    assert site.permits(a, "dashboards/overzicht.ipynb", "") is False
    assert site.permits(a, "../README.md", "") is None


def test_the_room_opens_no_page_and_the_trainer_every_page(demo):
    site = Site(demo)
    for path, query in [
        ("intake.ipynb", "participant=p01"),
        ("homework.ipynb", "team=team-veen"),
        ("dashboards/overzicht.ipynb", ""),
    ]:
        assert site.permits(Visitor(Role.ROOM), path, query) is False
        assert site.permits(Visitor(Role.NONE), path, query) is False
        assert site.permits(Visitor(Role.TRAINER), path, query) is True


def test_a_kernel_is_reachable_by_its_owner_and_the_trainer_only():
    a, b = Visitor(Role.PARTICIPANT, "p01"), Visitor(Role.PARTICIPANT, "p02")
    assert a.may_use_kernel(a.owner) and not b.may_use_kernel(a.owner)
    assert Visitor(Role.TRAINER).may_use_kernel(a.owner)
    assert not a.may_use_kernel(None), (
        "a preheated kernel nobody was given yet belongs to no participant"
    )
    assert not a.may_use_kernel(Visitor(Role.TRAINER).owner), (
        "a dashboard's kernel is the trainer's"
    )
    assert not Visitor(Role.ROOM).may_use_kernel("")


@pytest.mark.date_sensitive
def test_a_participants_landing_page_shows_only_their_own_links(demo):
    import re

    page = landing_page(
        Site(demo),
        Visitor(Role.PARTICIPANT, "p01"),
        Links.build("127.0.0.1", 8866, Tokens.generate()),
        date(2026, 11, 10),
    )
    assert set(re.findall(r"participant=(p\d+)", page)) == {"p01"}
    assert set(re.findall(r"team=([a-z-]+)", page)) == {"team-veen"}
    assert "class='swc-current'" in page, "the step of the day highlighted"
    assert "/niet-ik" in page and "Welkom, Annelies Verhoef" in page
    assert "/casus/p05" in page and "/casus/p01" not in page, (
        "colleagues' cases to read, not one's own"
    )


@pytest.mark.date_sensitive
def test_the_trainer_sees_who_opened_their_workbook_and_nothing_more(demo):
    page = landing_page(
        Site(demo),
        Visitor(Role.TRAINER),
        Links.build("127.0.0.1", 8866, Tokens.generate()),
        date(2026, 11, 10),
        opened=frozenset({"p01", "p03"}),
    )
    assert "2 van de 12 deelnemers openden al hun eigen werkboek" in page
    assert (
        "<li>✓ Annelies Verhoef</li>" in page
        and "<li class='swc-not-yet'>– Joost de Kruijf</li>" in page
    )
    assert "/kaarten" in page and "/kaarten/links.xlsx" in page


def test_the_door_names_no_one(demo):
    page = door_page(Site(demo))
    assert (
        "Scan je kaart of typ je code" in page
        and "action='/code'" in page
        and "method='post'" in page
    )
    assert not any(p.name in page for p in demo.spec.participants)


# -- the edition's setting ----------------------------------------------------------------


def _edition_with(sessions: Path, extra: str) -> Settings:
    path = sessions / "demo" / "edition.yml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return Settings(sessions)


def test_reading_colleagues_cases_is_the_whole_edition_unless_the_edition_says_team(sessions_dir):
    edition = load_edition("demo", Settings(sessions_dir))
    assert edition.spec.case_reading == "edition" and edition.may_read_case("p01", "p05")
    team = load_edition("demo", _edition_with(sessions_dir, "case_reading: team\n"))
    assert team.may_read_case("p01", "p02") and not team.may_read_case("p01", "p05")
    assert team.may_read_case("p05", "p05"), "one's own case, always"


def test_a_wrong_reading_scope_is_reported_with_its_line(sessions_dir):
    with pytest.raises(EditionError) as info:
        load_edition("demo", _edition_with(sessions_dir, "case_reading: iedereen\n"))
    (problem,) = info.value.problems
    assert (
        "case_reading" in str(problem)
        and "'iedereen'" in str(problem)
        and "edition" in str(problem)
    )
    last_line = len((sessions_dir / "demo" / "edition.yml").read_text().splitlines())
    assert problem.where.endswith(f"edition.yml:{last_line}")


def test_an_email_address_that_is_none_is_reported(sessions_dir):
    path = sessions_dir / "demo" / "edition.yml"
    path.write_text(
        path.read_text().replace(
            "    casus: Beekdalherstel Elsloop\n",
            "    casus: Beekdalherstel Elsloop\n    email: joost-at-beemden\n",
        )
    )
    with pytest.raises(EditionError) as info:
        load_edition("demo", Settings(sessions_dir))
    assert "geen e-mailadres" in str(info.value)


# -- the log --------------------------------------------------------------------------


def test_no_code_reaches_a_log_line():
    logger = logging.getLogger("swc-test-server")
    quiet_server_log(logger)
    access = logging.getLogger("tornado.access")
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    handler = Keep()
    access.addHandler(handler)
    try:
        access.warning(
            "%d %s %.2fms", 403, "GET /p/Qoqyn-IyruZwmKClrVC3v5Fch6GdHJAr (10.0.0.7)", 1.0
        )
        access.warning(
            "%d %s %.2fms",
            403,
            "GET /voila/render/intake.ipynb?participant=p01&token=GEHEIM (10.0.0.7)",
            1.0,
        )
        access.warning("%d %s %.2fms", 403, "GET /r/ABCDEFGHJK (10.0.0.7)", 1.0)
        access.warning("%d %s %.2fms", 403, "GET /voila/static/voila.js (10.0.0.7)", 1.0)
    finally:
        access.removeHandler(handler)
    assert seen[0] == "403 GET /p/… (10.0.0.7) 1.00ms"
    assert seen[1] == "403 GET /voila/render/intake.ipynb?participant=p01&token=… (10.0.0.7) 1.00ms"
    assert seen[2] == "403 GET /r/… (10.0.0.7) 1.00ms"
    assert seen[3] == "403 GET /voila/static/voila.js (10.0.0.7) 1.00ms", (
        "the rest of the line as it was"
    )


# -- swc links ------------------------------------------------------------------------


def _run(sessions: Path, *args: str):
    return CliRunner().invoke(cli, ["--sessions-dir", str(sessions), *args])


def test_swc_links_writes_the_cards_and_the_mail_merge_lists_owner_only(sessions_dir):
    from openpyxl import load_workbook

    result = _run(sessions_dir, "links", "demo", "--host", "192.168.1.20", "--port", "8866")
    assert result.exit_code == 0, result.output
    folder = sessions_dir / "demo" / "kaarten"
    page, csv_file, xlsx = folder / "kaarten.html", folder / "links.csv", folder / "links.xlsx"
    for path in (page, csv_file, xlsx):
        assert str(path) in result.output
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    codes = CodeBook(sessions_dir / "demo").codes()
    html = page.read_text(encoding="utf-8")
    assert html.count('class="card"') == 12 and html.count("<svg") == 12
    assert codes["p07"].shown in html and "http://192.168.1.20:8866/r/" in html
    rows = list(load_workbook(xlsx).worksheets[0].values)
    assert rows[0] == (
        "id",
        "naam",
        "organisatie",
        "team",
        "e-mail",
        "code",
        "persoonlijke_link",
        "zaallink",
    )
    p07 = next(r for r in rows if r[0] == "p07")
    assert p07[1] == "Eva Lindeman" and p07[5] == codes["p07"].shown
    assert p07[6] == f"http://192.168.1.20:8866/p/{codes['p07'].secret}"
    text_ = csv_file.read_bytes().decode("utf-8-sig")
    assert text_.splitlines()[0].startswith("id;naam;organisatie") and codes["p07"].secret in text_


def test_a_card_escapes_what_the_edition_says(sessions_dir):
    from swc_core.cards import cards_page, make_cards

    path = sessions_dir / "demo" / "edition.yml"
    path.write_text(
        path.read_text().replace("name: Eva Lindeman", 'name: "<script>alert(1)</script> Eva"')
    )
    edition = load_edition("demo", Settings(sessions_dir))
    codes = CodeBook(sessions_dir / "demo").ensure(edition.participants)
    html = cards_page(edition, make_cards(edition, codes, "http://h:1", "http://h:1/r/X"))
    assert (
        "<script>alert(1)</script>" not in html
        and "&lt;script&gt;alert(1)&lt;/script&gt; Eva" in html
    )


def test_swc_links_renew_replaces_one_card_and_nothing_else(sessions_dir):
    assert _run(sessions_dir, "links", "demo").exit_code == 0
    before = CodeBook(sessions_dir / "demo").codes()
    result = _run(sessions_dir, "links", "demo", "--renew", "p07")
    assert result.exit_code == 0, result.output
    after = CodeBook(sessions_dir / "demo").codes()
    assert after["p07"] != before["p07"] and all(
        after[p] == before[p] for p in before if p != "p07"
    )
    assert after["p07"].shown in result.output and "Eva Lindeman" in result.output
    single = sessions_dir / "demo" / "kaarten" / "kaart-p07.html"
    assert str(single) in result.output and single.read_text().count('class="card"') == 1
    assert (
        before["p07"].secret not in (sessions_dir / "demo" / "kaarten" / "kaarten.html").read_text()
    )


def test_swc_links_refuses_an_unknown_participant_before_changing_anything(sessions_dir):
    result = _run(sessions_dir, "links", "demo", "--renew", "p99")
    assert result.exit_code == 2 and "onbekende deelnemer 'p99'" in result.output
    assert not (sessions_dir / "demo" / CODES_FILE).exists()


# -- swc participants ---------------------------------------------------------------------

HEADER = ["Naam", "Organisatie", "Team", "E-mail"]
ROWS = [
    ["Wietske Zandvoort", "Waterschap Groene Delta", "Team Noord", "wietske@groenedelta.example"],
    ["Bas Kruimel", "Gemeente Hooidijk", "Team Noord", ""],
    ["Fenna de Wolff", "Provincie Oostmark", "Team Zuid", "fenna@oostmark.example"],
    ["Annelies Verhoef", "Provincie Zuidwaarde", "Team Zuid", ""],
]


def _xlsx(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _csv(path: Path, rows: list[list], delimiter: str, bom: bool) -> Path:
    text_ = "\r\n".join(delimiter.join(cell for cell in row) for row in rows) + "\r\n"
    path.write_bytes(text_.encode("utf-8-sig" if bom else "utf-8"))
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv-excel-nl", "csv-comma"])
def test_participants_come_from_a_spreadsheet_with_ids_made_and_the_rest_kept(
    sessions_dir, tmp_path, kind
):
    if kind == "xlsx":
        source = _xlsx(tmp_path / "deelnemers.xlsx", [HEADER, *ROWS])
    else:
        source = _csv(
            tmp_path / "deelnemers.csv",
            [HEADER, *ROWS],
            ";" if kind == "csv-excel-nl" else ",",
            bom=kind == "csv-excel-nl",
        )
    before = (sessions_dir / "demo" / "edition.yml").read_text(encoding="utf-8")
    result = _run(sessions_dir, "participants", "demo", str(source))
    assert result.exit_code == 0, result.output
    assert "4 deelnemers en 2 teams" in result.output
    edition = load_edition("demo", Settings(sessions_dir))
    people = {p.name: p for p in edition.spec.participants}
    assert people["Annelies Verhoef"].id == "p01", (
        "the same person keeps their id, and so their answers"
    )
    assert people["Annelies Verhoef"].casus, "and their casus title"
    assert people["Wietske Zandvoort"].casus is None, (
        "a title stays with its person, not with an id"
    )
    assert (
        people["Wietske Zandvoort"].email == "wietske@groenedelta.example"
        and people["Bas Kruimel"].email is None
    )
    assert {p.id for p in edition.spec.participants} == {"p01", "p02", "p03", "p04"}, (
        "no answers yet: ids from p01"
    )
    assert {t.id: t.members for t in edition.spec.teams} == {
        "team-noord": [people["Wietske Zandvoort"].id, people["Bas Kruimel"].id],
        "team-zuid": [people["Fenna de Wolff"].id, "p01"],
    }
    assert edition.team("team-noord").captain == people["Wietske Zandvoort"].id
    after = (sessions_dir / "demo" / "edition.yml").read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0], "the comment at the top stays"
    assert (
        "tussentijd-b: 2026-11-10" in after
        and edition.spec.dates == load_edition("demo", Settings(sessions_dir)).spec.dates
    )
    assert "Joost de Kruijf (p02) staat niet meer in het bestand" in result.output


def test_a_new_participant_never_gets_the_id_of_answers_in_the_store(tmp_path):
    sessions = copy_sessions(tmp_path, with_demo_answers=True)
    source = _xlsx(tmp_path / "deelnemers.xlsx", [HEADER, *ROWS])
    with open_store(load_edition("demo", Settings(sessions)), Settings(sessions)) as store:
        answered = set(store.latest("demo"))
    assert _run(sessions, "participants", "demo", str(source)).exit_code == 0
    ids = {p.name: p.id for p in load_edition("demo", Settings(sessions)).spec.participants}
    assert ids["Annelies Verhoef"] == "p01"
    new = {ids[name] for name in ("Wietske Zandvoort", "Bas Kruimel", "Fenna de Wolff")}
    assert not new & answered, "someone new would otherwise see a former participant's answers"


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [["Naam", "Team"], ["Bas Kruimel", "Team Noord"]],
            [":1: kolom 'organisatie' ontbreekt", "tip: de eerste rij moet de kolomnamen bevatten"],
        ),
        (
            [HEADER, ROWS[0], ["", "Gemeente Hooidijk", "Team Noord", ""]],
            [":3: kolom 'naam' is leeg"],
        ),
        (
            [HEADER, ROWS[0], ["Bas Kruimel", "Gemeente Hooidijk", "", ""]],
            [":3: kolom 'team' is leeg"],
        ),
        (
            [
                HEADER,
                ROWS[0],
                ["Bas Kruimel", "Gemeente Hooidijk", "Team Noord", "bas-at-hooidijk"],
            ],
            [
                ":3: kolom 'e-mail': 'bas-at-hooidijk' is geen e-mailadres",
                "tip: schrijf het als naam@organisatie.nl",
            ],
        ),
        (
            [HEADER, *ROWS, ["wietske zandvoort", "Waterschap Groene Delta", "Team Zuid", ""]],
            [":6: wietske zandvoort (Waterschap Groene Delta) staat ook op rij 2"],
        ),
        (
            [
                HEADER,
                ROWS[0],
                ["Bas Kruimel", "Gemeente Hooidijk", "Team Noord", "WIETSKE@groenedelta.example"],
            ],
            [":3: e-mailadres 'WIETSKE@groenedelta.example' staat ook op rij 2"],
        ),
        (
            [HEADER, ["x" * 301, "Gemeente Hooidijk", "Team Noord", ""]],
            [":2: kolom 'naam' is te lang (301 tekens"],
        ),
        (
            [[*HEADER, "naam"], ["Bas Kruimel", "Gemeente Hooidijk", "Team Noord", "", "Bas"]],
            [":1: kolom 'naam' staat twee keer in de eerste rij"],
        ),
    ],
)
def test_a_bad_spreadsheet_is_refused_with_file_row_column_and_hint(
    sessions_dir, tmp_path, rows, expected
):
    source = _xlsx(tmp_path / "deelnemers.xlsx", rows)
    before = (sessions_dir / "demo" / "edition.yml").read_text(encoding="utf-8")
    result = _run(sessions_dir, "participants", "demo", str(source))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for needle in expected:
        assert needle in result.output, result.output
    assert str(source) in result.output
    assert (sessions_dir / "demo" / "edition.yml").read_text(encoding="utf-8") == before, (
        "nothing written"
    )


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("deelnemers.txt", b"naam;organisatie;team\n", "kan '.txt' niet lezen"),
        (
            "deelnemers.csv",
            "naam;organisatie;team\nBjörn;Gemeente;Team\n".encode("cp1252"),
            "is geen UTF-8",
        ),
        ("deelnemers.csv", b"naam;organisatie;team\n", "bevat geen deelnemers"),
        ("ontbreekt.csv", None, "bestand niet gevonden"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_dutch_line(
    sessions_dir, tmp_path, name, content, expected
):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    result = _run(sessions_dir, "participants", "demo", str(source))
    assert result.exit_code == 2 and expected in result.output and "tip:" in result.output, (
        result.output
    )


# -- a real server with --host ----------------------------------------------------------

A, TEAMMATE, B = "p01", "p02", "p05"  # A and TEAMMATE in team-veen, B in team-klimaat


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("personal")
    sessions = copy_sessions(tmp, with_demo_answers=True)
    path = sessions / "demo" / "edition.yml"
    path.write_text(path.read_text(encoding="utf-8") + "case_reading: team\n", encoding="utf-8")
    log = tmp / "serve.log"
    with swc_serve(sessions, log, "--host", "127.0.0.1", "--pool", "0") as base:
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        codes = {pid: c for pid, c in CodeBook(sessions / "demo").codes().items()}
        yield {"base": base, "tokens": tokens, "codes": codes, "log": log, "sessions": sessions}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _http(
    url: str,
    cookie: str | None = None,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict | None = None,
) -> tuple[int, str, dict]:
    request = urllib.request.Request(
        url,
        method=method,
        data=data,
        headers={
            "Accept": "text/html",
            **({"Cookie": cookie} if cookie else {}),
            **(headers or {}),
        },
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=120) as response:
            return (
                response.status,
                response.read().decode("utf-8", "replace"),
                dict(response.headers),
            )
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)


def _cookie(served, who: str) -> str:
    if who == "trainer":
        return f"swc_demo={served['tokens']['trainer']}"
    if who == "room":
        return f"swc_demo={served['tokens']['room']}"
    return f"swc_demo={served['codes'][who].secret}"


def _kernel_id(page: str) -> str:
    return page.split('"kernelId": "', 1)[1].split('"', 1)[0]


def _kernel_of_page(served, who: str, path: str) -> str:
    status, body, _ = _http(served["base"] + path, _cookie(served, who))
    assert status == 200, (path, status)
    return _kernel_id(body)


def _end_kernel(served, kernel_id: str) -> None:
    """Pages rendered by these tests do not wait for culling: the trainer ends their kernels."""
    assert (
        _http(
            f"{served['base']}/api/kernels/{kernel_id}", _cookie(served, "trainer"), method="DELETE"
        )[0]
        == 204
    )


def _websocket(served, kernel_id: str, cookie: str) -> int:
    import asyncio

    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    url = served["base"].replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"

    async def attempt() -> int:
        try:
            conn = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookie}))
        except HTTPClientError as err:
            return err.code
        conn.close()
        return 101

    return asyncio.run(attempt())


# route -> (address, what it answers to A (a participant), to the room link, to the trainer)
ROUTES = {
    "own workbook": (f"/voila/render/dagdeel-3.ipynb?participant={A}", (200, 403, 200)),
    "B's workbook": (f"/voila/render/dagdeel-3.ipynb?participant={B}", (403, 403, 200)),
    "B's workbook behind A's name": (
        f"/voila/render/dagdeel-3.ipynb?participant={A}&participant={B}",
        (403, 403, 200),
    ),
    "own team's homework": (
        "/voila/render/homework.ipynb?team=team-veen&step=tussentijd-b",
        (200, 403, 200),
    ),
    "other team's homework": (
        "/voila/render/homework.ipynb?team=team-klimaat&step=tussentijd-b",
        (403, 403, 200),
    ),
    # the team page knows its viewer (the captain's button) only for the visitor themselves
    "own team's homework as oneself": (
        f"/voila/render/homework.ipynb?team=team-veen&step=tussentijd-b&participant={A}",
        (200, 403, 200),
    ),
    "own team's homework as a teammate": (
        f"/voila/render/homework.ipynb?team=team-veen&step=tussentijd-b&participant={TEAMMATE}",
        (403, 403, 200),
    ),
    "own tussentijd page": (f"/voila/render/tussentijd-b.ipynb?participant={A}", (200, 403, 200)),
    "a teammate's tussentijd page": (
        f"/voila/render/tussentijd-b.ipynb?participant={TEAMMATE}",
        (403, 403, 200),
    ),
    "dashboard": ("/voila/render/dashboards/overzicht.ipynb", (403, 403, 200)),
    "team dashboard": ("/voila/render/dashboards/team.ipynb?team=team-veen", (403, 403, 200)),
    "export csv": ("/export/antwoorden.csv", (403, 403, 200)),
    "export xlsx": ("/export/antwoorden.xlsx", (403, 403, 200)),
    "cards": ("/kaarten", (403, 403, 200)),
    "links for a mail merge": ("/kaarten/links.xlsx", (403, 403, 200)),
    "static file": ("/voila/static/voila.js", (200, 403, 200)),
    "teammate's case": (f"/casus/{TEAMMATE}", (200, 403, 200)),
    "other team's case": (f"/casus/{B}", (403, 403, 200)),  # case_reading: team
    "begrippenlijst": ("/begrippen", (200, 403, 200)),
}
PAGE_ROUTES = {name: path for name, (path, _) in ROUTES.items()}


@pytest.mark.parametrize("route", list(PAGE_ROUTES))
def test_each_route_answers_each_visitor_as_it_should(served, route):
    for who, expected in zip((A, "room", "trainer"), ROUTES[route][1]):
        status, body, _ = _http(served["base"] + PAGE_ROUTES[route], _cookie(served, who))
        assert status == expected, (route, who, status)
        if status == 403:
            assert "Geen toegang" in body
        if status == 200 and "/voila/render/" in PAGE_ROUTES[route]:
            _end_kernel(served, _kernel_id(body))


def test_a_participants_kernel_answers_no_one_else(served):
    """Kernel API, websocket, the leave beacon, the offline keeper and Voilà's shutdown: its owner and the trainer."""
    base = served["base"]
    kernel = _kernel_of_page(served, A, PAGE_ROUTES["own workbook"])
    b, room = _cookie(served, B), _cookie(served, "room")
    for cookie in (b, room):
        assert _http(f"{base}/api/kernels/{kernel}", cookie)[0] == 403
        assert _http(f"{base}/api/kernels/{kernel}", cookie, method="DELETE")[0] == 403
        assert _websocket(served, kernel, cookie) == 403
        assert _http(f"{base}/swc/leave/{kernel}", cookie, method="POST", data=b"{}")[0] == 403
        assert (
            _http(
                f"{base}/swc/keep/{kernel}",
                cookie,
                method="POST",
                data=b'{"casus-1": {"text": "x"}}',
            )[0]
            == 403
        )
        assert (
            _http(f"{base}/voila/api/shutdown/{kernel}", cookie, method="POST", data=b"")[0] == 403
        )
    assert _http(f"{base}/api/kernels/{kernel}", _cookie(served, A))[0] == 200, (
        "still running: nothing reached it"
    )
    assert _websocket(served, kernel, _cookie(served, A)) == 101
    assert _http(f"{base}/api/kernels/{kernel}", _cookie(served, "trainer"))[0] == 200
    dashboard = _kernel_of_page(served, "trainer", PAGE_ROUTES["dashboard"])
    assert _http(f"{base}/api/kernels/{dashboard}", _cookie(served, A))[0] == 403, (
        "nor a dashboard's kernel"
    )
    assert _websocket(served, dashboard, _cookie(served, A)) == 403
    _end_kernel(served, dashboard)
    assert (
        _http(f"{base}/swc/leave/{kernel}", _cookie(served, A), method="POST", data=b"{}")[0] == 204
    )


def test_a_participants_page_shows_their_own_links_and_no_code(served):
    status, body, _ = _http(served["base"] + "/", _cookie(served, A))
    assert status == 200 and "Welkom, Annelies Verhoef" in body
    import re

    assert set(re.findall(r"participant=(p\d+)", body)) == {A}
    assert "/casus/p02" in body and "/casus/p05" not in body, "case_reading: team"
    for code in served["codes"].values():
        assert code.secret not in body and code.code not in body and code.shown not in body
    assert served["tokens"]["trainer"] not in body and served["tokens"]["room"] not in body


def test_a_colleagues_case_is_read_only_confidential_and_escaped(served):
    edition = load_edition("demo", Settings(served["sessions"]))
    with open_store(edition, Settings(served["sessions"])) as store:
        store.save(
            "demo",
            TEAMMATE,
            "casus",
            {"title": "<script>alert('x')</script> Elsloop", "opgave": "<b>vet</b>"},
            author="test",
        )
    status, body, headers = _http(served["base"] + f"/casus/{TEAMMATE}", _cookie(served, A))
    assert status == 200
    assert "Vertrouwelijk" in body and "Joost de Kruijf" in body and "alleen om te lezen" in body
    assert (
        "<script>alert" not in body
        and "&lt;script&gt;alert(" in body
        and "&lt;b&gt;vet&lt;/b&gt;" in body
    )
    assert "default-src 'none'" in headers["Content-Security-Policy"], (
        "not even an injected script could run"
    )
    assert headers["Cache-Control"] == "no-store"
    for never in ("<form", "<input", "<textarea", "kernel", "download", "/export/"):
        assert never not in body.lower(), never
    assert "@media print" in body, "printing leaves only a notice"


def test_a_typed_code_opens_the_participant_and_a_wrong_one_the_door_again(served):
    base, room = served["base"], _cookie(served, "room")
    code = served["codes"][B]
    typed = urllib.parse.urlencode({"code": f" {code.code[:5].lower()} {code.code[5:]}"}).encode()
    status, _, headers = _http(base + "/code", room, method="POST", data=typed)
    assert status == 303 and headers["Location"] == "/"
    assert headers["Set-Cookie"].startswith(f"swc_demo={code.secret};")
    assert (
        "httponly" in headers["Set-Cookie"].lower()
        and "samesite=lax" in headers["Set-Cookie"].lower()
    )
    status, body, _ = _http(base + "/code", room, method="POST", data=b"code=AAAAA-BBBBB")
    assert status == 403 and "Deze code kennen we niet" in body
    other_site = {"Origin": "http://elders.example"}
    assert _http(base + "/code", room, method="POST", data=typed, headers=other_site)[0] == 403
    assert _http(base + "/code", None, method="POST", data=typed)[0] == 403, (
        "only at the room's door"
    )


def test_not_you_forgets_the_participant(served):
    status, _, headers = _http(served["base"] + "/niet-ik", _cookie(served, A))
    assert status == 302 and headers["Set-Cookie"].startswith(
        f"swc_demo={served['tokens']['room']};"
    )
    status, body, _ = _http(served["base"] + "/", headers["Set-Cookie"].split(";")[0])
    assert "Scan je kaart of typ je code" in body and "Annelies" not in body


def test_the_trainer_sees_who_has_opened_their_workbook(served):
    _end_kernel(served, _kernel_of_page(served, A, PAGE_ROUTES["own workbook"]))
    _end_kernel(
        served, _kernel_of_page(served, "trainer", f"/voila/render/intake.ipynb?participant={B}")
    )
    status, body, _ = _http(served["base"] + "/", _cookie(served, "trainer"))
    assert status == 200 and "<li>✓ Annelies Verhoef</li>" in body
    assert "<li class='swc-not-yet'>– Marloes Brink</li>" in body, (
        "the trainer opening B's workbook is not B"
    )
    opened = json.loads((served["sessions"] / "demo" / ".serve-opened.json").read_text())
    assert A in opened and B not in opened


def test_a_card_renewed_while_the_server_runs_stops_working_at_once(served):
    base, sessions = served["base"], served["sessions"]
    old = f"swc_demo={personal_secret(sessions, TEAMMATE)}"
    assert _http(base + "/", old)[0] == 200
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "swc_core.cli",
            "--sessions-dir",
            str(sessions),
            "links",
            "demo",
            "--renew",
            TEAMMATE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert _http(base + "/", old)[0] == 403
    assert _http(base + "/", f"swc_demo={personal_secret(sessions, TEAMMATE)}")[0] == 200


def test_no_code_is_in_the_servers_log(served):
    base = served["base"]
    _http(base + "/p/" + "Z" * 32)  # a refused link and a refused token are logged, blanked
    _http(base + "/voila/static/voila.js?token=NIETGOED")
    _http(base + f"/p/{served['codes'][A].secret}")
    time.sleep(0.5)
    log = served["log"].read_text(errors="replace")
    assert "/p/…" in log and "token=…" in log
    for code in CodeBook(served["sessions"] / "demo").codes().values():
        assert code.secret not in log and code.code not in log
    assert "Z" * 32 not in log and "NIETGOED" not in log


def test_many_wrong_codes_from_one_address_are_slowed_down(tmp_path):
    sessions = copy_sessions(tmp_path)
    with swc_serve(sessions, tmp_path / "serve.log", "--host", "127.0.0.1", "--pool", "0") as base:
        tokens = json.loads((sessions / "demo" / ".serve-tokens.json").read_text())
        right = CodeBook(sessions / "demo").codes()[A].code
        room = f"swc_demo={tokens['room']}"
        for i in range(10):
            assert (
                _http(base + "/code", room, method="POST", data=f"code=WRONG{i:05d}".encode())[0]
                == 403
            )
        status, body, _ = _http(base + "/code", room, method="POST", data=f"code={right}".encode())
        assert status == 429 and "Even wachten" in body, (
            "not even the right code is looked at while waiting"
        )
        assert _http(base + "/p/" + "Q" * 32)[0] == 429, "the same wait for a link"
        time.sleep(1.2)
        assert _http(base + "/code", room, method="POST", data=f"code={right}".encode())[0] == 303


def test_on_loopback_without_host_the_single_laptop_demo_needs_no_code(tmp_path):
    sessions = copy_sessions(tmp_path)
    with swc_serve(sessions, tmp_path / "serve.log", "--pool", "0") as base:
        status, body, _ = _http(base + "/")
        assert status == 200 and "participant=p01" in body and "participant=p12" in body
        assert _http(base + "/casus/p05")[0] == 200
        assert _http(base + "/kaarten")[0] == 404, "no cards where no codes are asked"
    assert not (sessions / "demo" / CODES_FILE).exists()


def test_on_a_participants_own_hub_server_another_teams_homework_is_refused(
    sessions_dir, monkeypatch
):
    """JupyterHub: the hub's login is the identity (SWC_PARTICIPANT); the team in the address must be theirs."""
    import ipywidgets as W

    from swc_core.page_params import OWN_PARTICIPANT_ENV
    from widgets.homework import open_homework

    monkeypatch.setenv(OWN_PARTICIPANT_ENV, "p01")  # team-veen
    monkeypatch.setenv("QUERY_STRING", "team=team-klimaat&step=tussentijd-b")
    refused = open_homework("tussentijd-b", edition="demo", sessions_dir=str(sessions_dir))
    assert isinstance(refused, W.HTML) and "ander team" in refused.value
    monkeypatch.setenv("QUERY_STRING", "team=team-veen&step=tussentijd-b")
    own = open_homework("tussentijd-b", edition="demo", sessions_dir=str(sessions_dir))
    assert not isinstance(own, W.HTML) and "swc-page" in own._dom_classes


def test_a_link_of_another_card_does_not_switch_a_browser_that_belongs_to_someone(served):
    """Login CSRF: a link someone sends must not make A's browser save into their workbook."""
    base = served["base"]
    status, body, headers = _http(base + f"/p/{served['codes'][B].secret}", _cookie(served, A))
    assert status == 409 and "Set-Cookie" not in headers
    assert "Annelies Verhoef" in body and "/niet-ik" in body
    assert served["codes"][B].secret not in body
    status, _, headers = _http(base + "/niet-ik", _cookie(served, A))
    room = headers["Set-Cookie"].split(";")[0]
    status, _, headers = _http(base + f"/p/{served['codes'][B].secret}", room)
    assert status == 302 and headers["Set-Cookie"].startswith(
        f"swc_demo={served['codes'][B].secret};"
    )


def test_the_begrippenlijst_is_a_page_of_its_own_with_every_term(served):
    from swc_core.content import load_content

    status, body, headers = _http(served["base"] + "/begrippen", _cookie(served, A))
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    for term in load_content().glossary:
        assert f"<dt>{html.escape(term.name)}</dt>" in body, term.name

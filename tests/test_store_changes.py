"""The store's change signal (swc_core/store/changes.py) on SQLite and PostgreSQL, and the live room that uses it.

Saves come from another process, as they do in a room (a page's kernel, ``swc import``).
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from swc_core.store import Store
from swc_core.store.changes import change_signal

from conftest import REPO

SAVE = (
    "import sys; from swc_core.store import Store\n"
    "with Store.open(sys.argv[1]) as s: s.save('demo', 'p01', 'casus', {'title': sys.argv[2]}, author='elders')"
)


def _save_elsewhere(url: str, title: str) -> None:
    subprocess.run([sys.executable, "-c", SAVE, url, title], check=True, cwd=REPO, timeout=120)


def _fires_within(signal, seconds: float) -> bool:
    """A NOTIFY is delivered on commit but travels a socket: look until it arrives (or ``seconds`` pass)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if signal.changed():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'swc.db'}"
    return request.getfixturevalue("postgres_url")


def test_the_signal_fires_once_per_save_elsewhere_and_is_quiet_otherwise(store_url):
    with Store.open(store_url) as store:
        signal = change_signal(store)
        try:
            assert signal.changed(), "the first look knows nothing yet"
            assert not signal.changed()
            _save_elsewhere(store_url, "Eerste")
            assert _fires_within(signal, 10)
            assert not signal.changed(), "one save, one signal"
            store.save(
                "demo", "p02", "casus", {"title": "Hier"}, author="hier"
            )  # the store's own connection
            assert _fires_within(signal, 10)
            time.sleep(0.2)
            assert not signal.changed()
        finally:
            signal.close()


def test_a_lost_listening_connection_fires_and_listens_again(postgres_url):
    """The database server restarted or the network dropped the connection: the caller then asks the table
    (which says whether the store is reachable), and the next save is signalled again."""
    with Store.open(postgres_url) as store:
        signal = change_signal(store)
        try:
            signal.changed()
            pid = signal._conn.info.backend_pid
            engine = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"))
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            engine.dispose()
            assert _fires_within(signal, 10), "a broken connection reports a possible change"
            signal.changed()  # listening again
            _save_elsewhere(postgres_url, "Na de onderbreking")
            assert _fires_within(signal, 10)
        finally:
            signal.close()


class _Silent:
    """A change signal that never fires: what the live room does when the trigger is missing."""

    def changed(self) -> bool:
        return False

    def close(self) -> None:
        pass


def test_the_live_room_polls_only_when_signalled_or_when_a_confirmation_is_due(tmp_path):
    from swc_core.edition import load_edition, open_store
    from swc_core.room.live import LiveRoom
    from swc_core.scheduling import ManualScheduler
    from swc_core.settings import Settings

    from conftest import copy_sessions

    settings = Settings(copy_sessions(tmp_path, with_demo_answers=True))
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        signalled = LiveRoom(store, edition, scheduler=(clock := ManualScheduler()))
        silent = LiveRoom(store, edition, scheduler=clock, signal=_Silent(), confirm_every=5.0)
        signalled.start(), silent.start()
        clock.advance(0.3)
        _save_elsewhere(str(store.engine.url), "Gezien")
        clock.advance(0.1)
        assert signalled.room.workbooks["p01"].casus.title == "Gezien", "one look after the save"
        assert silent.room.workbooks["p01"].casus.title != "Gezien"
        clock.advance(5.0)
        assert silent.room.workbooks["p01"].casus.title == "Gezien", (
            "the confirmation catches what no signal said"
        )


def test_a_confirmation_is_due_after_seconds_not_after_a_count_of_looks(tmp_path):
    """Under load a look comes later than every 0.1 s; the 5 s safety net is still 5 s of the clock."""
    from swc_core.edition import load_edition, open_store
    from swc_core.room.live import LiveRoom
    from swc_core.scheduling import ManualScheduler
    from swc_core.settings import Settings

    from conftest import copy_sessions

    settings = Settings(copy_sessions(tmp_path, with_demo_answers=True))
    edition = load_edition("demo", settings)
    with open_store(edition, settings) as store:
        room = LiveRoom(
            store,
            edition,
            scheduler=(clock := ManualScheduler()),
            signal=_Silent(),
            confirm_every=5.0,
        )
        _save_elsewhere(str(store.engine.url), "Laat gezien")
        clock.advance(2.5)
        assert room.look() is False, "2.5 s after the start: no confirmation yet"
        clock.advance(2.5)
        assert room.look() is True, (
            "two slow looks 2.5 s apart make the 5 s after which the store is asked"
        )
        assert room.room.workbooks["p01"].casus.title == "Laat gezien"

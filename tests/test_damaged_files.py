"""Damage of any kind, anywhere in the database file: opening it either works (the damage
missed every page in use: the file passes SQLite's integrity check) or is refused with a
StoreError naming the problem; never another exception, and the file's bytes never change.
Hypothesis chooses where and how (bytes overwritten with zeros or noise, bits flipped, the
file cut short or grown, its key file damaged)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officer_app.store import Store, StoreError, keyslots
from tests.conftest import ACCOUNT_NAMES, PASSWORD, add_accounts, approve, open_store

ADMIN = ACCOUNT_NAMES["administrator"]


@pytest.fixture(scope="module")
def original(tmp_path_factory, library):
    """An encrypted database with accounts, two checklists and their reviews, checkpointed
    into one file (no -wal), and its key file."""
    from officer_app import interchange
    from tests.conftest import VALID_EXAMPLE

    folder = tmp_path_factory.mktemp("original")
    path = folder / "Łuczak & <co>.sqlite"
    with open_store(path) as store:
        users = add_accounts(store)
        for n in range(2):
            checklist = interchange.read_file(VALID_EXAMPLE, library)
            checklist.uid = f"uid-{n}"
            store.sign_in(users["officer"])
            store.save(checklist)
            store.sign_in(users["supervisor"])
            approve(store, checklist, library)
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not path.with_name(path.name + "-wal").exists() or not path.with_name(
        path.name + "-wal"
    ).stat().st_size
    return path


damage = st.one_of(
    st.tuples(st.just("zeros"), st.integers(0, 10**6), st.integers(1, 4096)),
    st.tuples(st.just("noise"), st.integers(0, 10**6), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(0, 7)),
    st.tuples(st.just("cut"), st.integers(1, 10**6), st.just(0)),
    st.tuples(st.just("grow"), st.integers(1, 5000), st.just(0)),
)


def damaged(content: bytes, how: tuple) -> bytes:
    kind, where, what = how
    where %= len(content)
    data = bytearray(content)
    if kind == "zeros":
        data[where : where + what] = bytes(min(what, len(data) - where))
    elif kind == "noise":
        data[where : where + len(what)] = what[: len(data) - where]
    elif kind == "flip":
        data[where] ^= 1 << what
    elif kind == "cut":
        del data[len(data) - 1 - where % (len(data) - 1) :]
    else:
        data += bytes(where)
    return bytes(data)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(how=damage)
def test_a_damaged_database_opens_whole_or_is_refused_unchanged(original, tmp_path, how):
    path = tmp_path / original.name
    shutil.copyfile(original, path)
    shutil.copyfile(keyslots.key_file_of(original), keyslots.key_file_of(path))
    content = damaged(original.read_bytes(), how)
    path.write_bytes(content)
    try:
        with Store.open(path, ADMIN, PASSWORD) as store:
            store.sign_in(None)
            assert store.count() == 2  # what opens is whole
        opened = True
    except StoreError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        opened = False
    if not opened:
        assert path.read_bytes() == content  # refused: never written to or "repaired"
    for extra in ("-wal", "-shm"):
        leftover = path.with_name(path.name + extra)
        leftover.unlink(missing_ok=True)


@settings(max_examples=40, deadline=None)
@given(how=damage)
def test_a_damaged_key_file_is_refused_and_changes_nothing(original, tmp_path_factory, how):
    folder = tmp_path_factory.mktemp("keys")
    path = folder / original.name
    shutil.copyfile(original, path)
    keys = keyslots.key_file_of(path)
    content = damaged(keyslots.key_file_of(original).read_bytes(), how)
    keys.write_bytes(content)
    before = path.read_bytes()
    try:
        Store.open(path, ADMIN, PASSWORD).close()
    except StoreError as exc:
        assert str(exc)
        assert path.read_bytes() == before and keys.read_bytes() == content

"""Shared fixtures: the bundled definition and risk tool, a complete valid checklist, and
user folders redirected into tmp_path so no test touches a real user's data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argon2 import PasswordHasher  # noqa: E402

from officer_app import interchange  # noqa: E402
from officer_app.accounts import passwords  # noqa: E402
from officer_app.library import default_library  # noqa: E402
from officer_app.permissions import User  # noqa: E402
from officer_app.store import keyslots  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
VALID_EXAMPLE = EXAMPLES / "valid-two-children.json"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("OFFICER_APP_DB", raising=False)
    monkeypatch.delenv("OFFICER_APP_SETTINGS", raising=False)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch):
    """Argon2id with small parameters in tests (the stated ones take 0.1 s a hash); the
    parameters travel in each hash, so subprocesses verify these quickly too.
    tests/test_accounts.py checks the real parameters."""
    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    monkeypatch.setattr(keyslots, "DERIVATION", keyslots.Derivation(1024, 1, 1))


PASSWORD = "Hasło <&> 2026"  # non-ASCII and markup characters, as everywhere in test data
ACCOUNT_NAMES = {
    "administrator": "a.łuczak",
    "officer": "pc.krężołek",
    "officer2": "pc.okafor",
    "supervisor": "sgt.nowak",
}


def add_accounts(store) -> dict[str, User]:
    """The first administrator, two officers and a supervisor, all with PASSWORD; the store
    is left signed out (maintenance access) as it was."""
    before = store.user
    admin = store.create_first_admin(ACCOUNT_NAMES["administrator"], PASSWORD)
    store.sign_in(admin)
    users = {"administrator": admin}
    for key in ("officer", "officer2", "supervisor"):
        role = "officer" if key.startswith("officer") else key
        users[key] = store.add_user(ACCOUNT_NAMES[key], role, PASSWORD)
    store.sign_in(before)
    return users


def approve(store, checklist, library) -> None:
    """A supervisor's approval of a submitted checklist (every item of their checklist yes,
    the officer's grade agreed), by whoever the store is signed in as."""
    from officer_app import review
    from officer_app.review.items import supervisor_checklist

    items = {item.id: {"answer": "yes"} for item in supervisor_checklist().items}
    grade = checklist.get("risk.officer_grade") or "standard"
    review.approve(
        store,
        checklist,
        library,
        agreed_grade=grade,
        items=items,
        grade_rationale="Agreed <&> with the officer.",
    )


@pytest.fixture(scope="session")
def library():
    return default_library()


@pytest.fixture(scope="session")
def definition(library):
    return library.latest_definition()


@pytest.fixture(scope="session")
def tool(library):
    return library.risk_tool("dash-topics")


@pytest.fixture
def valid_checklist(library):
    """A fresh copy of the complete, valid, submitted example: two children (Kacper Łuczak
    spoken to alone, Amelia Krężołek not alone), Polish adults, '&' in the address."""
    return interchange.read_file(VALID_EXAMPLE, library)


# The database key of every test database opened with open_store: tests that are not about
# key slots hand the key on directly, as a worker thread does within the app.
KEY = bytes(range(32))


def open_store(path, **kwargs):
    """The store at `path` as tests open it: maintenance access (no user signed in) unless
    `user=` is given, with KEY (a new encrypted file when nothing is there). Every test opens
    stores through this one function, so how a file is unlocked is decided here."""
    from officer_app.store import Store

    kwargs.setdefault("key", KEY)
    return Store(path, **kwargs)


def raw_connection(path, **kwargs):
    """A connection to a test database keyed with KEY, as an attacker who has the key or
    another program would make it, for tests that read or change the file behind the store's
    back. `kwargs` go to connect() (timeout, isolation_level)."""
    from officer_app.store.driver import sqlite

    conn = sqlite.connect(str(path), **kwargs)
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    return conn

"""Accounts through the core API, on a real database file: argon2id with the stated
parameters, the first administrator, adding, resetting and disabling accounts, signing in
with a lockout after repeated failures, and an audit entry for every account change."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from officer_app.accounts import passwords
from officer_app.accounts.passwords import PasswordError
from officer_app.permissions import ADMINISTRATOR, OFFICER, SUPERVISOR, PermissionDenied, User
from officer_app.store import LoginError, StoreError, audit
from officer_app.store.users import AccountError
from tests.conftest import ACCOUNT_NAMES, PASSWORD, ROOT, add_accounts, open_store, raw_connection

OFFICER_NAME = ACCOUNT_NAMES["officer"]  # "pc.krężołek": non-ASCII, as real names are
WRONG = "Złe <hasło> & nie to"
NEW_PASSWORD = "Nowe hasło <b> & 2027"
ARGON2_HASH = re.compile(
    r"\$argon2id\$v=19\$m=(?P<m>\d+),t=(?P<t>\d+),p=(?P<p>\d+)"
    r"\$(?P<salt>[A-Za-z0-9+/]+)\$(?P<hash>[A-Za-z0-9+/]+)"
)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "officer-app.sqlite"


@pytest.fixture
def store(db_path):
    with open_store(db_path, actor="maintenance") as opened:
        yield opened


@pytest.fixture
def users(store) -> dict[str, User]:
    return add_accounts(store)


def entries(db_path: Path, *actions: str) -> list[tuple]:
    """(action, subject, detail, record_hash) of the log, read from the file directly."""
    with raw_connection(db_path) as conn:
        rows = conn.execute(
            "SELECT action, subject, detail, record_hash FROM audit_log ORDER BY id"
        ).fetchall()
    return [r for r in rows if not actions or r[0] in actions]


def stored_hash(db_path: Path, name: str) -> str:
    with raw_connection(db_path) as conn:
        return conn.execute("SELECT password_hash FROM users WHERE name = ?", [name]).fetchone()[0]


def parameters(hashed: str) -> dict[str, int]:
    """The argon2 parameters written in a hash string (PHC format), read without argon2."""
    found = ARGON2_HASH.fullmatch(hashed)
    assert found, hashed
    return {
        "m": int(found["m"]),
        "t": int(found["t"]),
        "p": int(found["p"]),
        "salt_bytes": len(found["salt"]) * 3 // 4,
        "hash_bytes": len(found["hash"]) * 3 // 4,
    }


STATED = {"m": 65536, "t": 3, "p": 4, "salt_bytes": 16, "hash_bytes": 32}


def default_hasher() -> PasswordHasher:
    """The module's hasher as built from its stated constants (the autouse fixture swaps the
    module's own for a fast one)."""
    return PasswordHasher(
        time_cost=passwords.TIME_COST,
        memory_cost=passwords.MEMORY_COST_KIB,
        parallelism=passwords.PARALLELISM,
        hash_len=passwords.HASH_LENGTH,
        salt_len=passwords.SALT_LENGTH,
    )


class CountingHasher(PasswordHasher):
    """A real (fast) argon2 hasher that counts the hashes it verifies."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified: list[str] = []

    def verify(self, hash, password):  # argon2's parameter names
        self.verified.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


# ---------------------------------------------------------------- hashing


def test_the_default_hasher_makes_argon2id_hashes_with_the_stated_parameters():
    """In a fresh interpreter (no test fixture): what hash_password really stores."""
    script = (
        "from officer_app.accounts import passwords;"
        "print(passwords.hash_password('Hasło <&> 2026'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    hashed = done.stdout.strip()
    found = parameters(hashed)
    assert {k: found[k] for k in STATED} == STATED
    assert default_hasher().verify(hashed, "Hasło <&> 2026")
    assert not default_hasher().check_needs_rehash(hashed)


def test_the_module_constants_are_the_stated_ones_and_the_wrong_name_hash_uses_them():
    assert (passwords.TIME_COST, passwords.MEMORY_COST_KIB, passwords.PARALLELISM) == (3, 65536, 4)
    assert (passwords.SALT_LENGTH, passwords.HASH_LENGTH, passwords.MIN_LENGTH) == (16, 32, 8)
    # made at import by the default hasher: a wrong name costs what a wrong password costs
    found = parameters(passwords._DUMMY)
    assert {k: found[k] for k in STATED} == STATED
    hashed = default_hasher().hash(PASSWORD)
    assert {k: parameters(hashed)[k] for k in STATED} == STATED


def test_a_hash_with_older_parameters_is_rehashed_with_the_stated_ones_at_sign_in(
    store, users, db_path, monkeypatch
):
    old = stored_hash(db_path, OFFICER_NAME)
    assert parameters(old)["m"] == 1024  # made by the fast test hasher
    monkeypatch.setattr(passwords, "_hasher", default_hasher())
    assert store.login(OFFICER_NAME, PASSWORD) == users["officer"]
    new = stored_hash(db_path, OFFICER_NAME)
    assert {k: parameters(new)[k] for k in STATED} == STATED
    assert entries(db_path, "account password")[-1][:3] == (
        "account password",
        OFFICER_NAME,
        "re-hashed with new parameters",
    )
    store.sign_in(users["administrator"])
    assert store.verify_audit().ok  # the new hash is what the chain recorded
    store.sign_in(None)
    assert store.login(OFFICER_NAME.upper(), PASSWORD) == users["officer"]


def test_passwords_are_never_stored_as_typed(store, users, db_path):
    files = [db_path, Path(f"{db_path}-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert PASSWORD.encode() not in raw
    assert stored_hash(db_path, OFFICER_NAME).startswith("$argon2id$")


# ---------------------------------------------------------------- the first administrator


def test_the_first_administrator_is_created_once(store, db_path):
    assert not store.has_accounts()
    admin = store.create_first_admin("a.łuczak", PASSWORD)
    assert admin == User("a.łuczak", ADMINISTRATOR)
    assert store.has_accounts()
    with pytest.raises(AccountError, match="already has accounts; an administrator adds"):
        store.create_first_admin("someone.else", PASSWORD)
    with pytest.raises(AccountError, match="already has accounts"):
        store.create_first_admin("A.ŁUCZAK", PASSWORD)
    store.sign_in(admin)
    assert [(a.name, a.role) for a in store.accounts()] == [("a.łuczak", ADMINISTRATOR)]
    assert entries(db_path, "account create") == [
        (
            "account create",
            "a.łuczak",
            "first administrator",
            audit.stored_account_hash(store._db.conn, "a.łuczak"),
        )
    ]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "The password is empty; type one of at least 8 characters."),
        ("        ", "The password is empty; type one of at least 8 characters."),
        ("Łódź<&>", "The password has 7 characters; it needs at least 8."),
    ],
)
def test_a_first_administrator_with_a_short_password_is_refused(store, db_path, password, message):
    with pytest.raises(PasswordError) as caught:
        store.create_first_admin("a.łuczak", password)
    assert str(caught.value) == message
    assert not store.has_accounts()
    assert entries(db_path) == []


@pytest.mark.parametrize("name", ["", "   ", "a łuczak", "tab\tname", "x" * 65, "bell\x07"])
def test_an_unusable_account_name_is_refused_with_a_message(store, name):
    with pytest.raises(AccountError, match="account name"):
        store.create_first_admin(name, PASSWORD)
    assert not store.has_accounts()


# ---------------------------------------------------------------- adding, resetting, disabling


def test_an_administrator_adds_users_of_each_role(store, users):
    store.sign_in(users["administrator"])
    added = store.add_user("  det.o'brien-smith ", SUPERVISOR, PASSWORD)
    assert added == User("det.o'brien-smith", SUPERVISOR)
    listed = {a.name: (a.role, a.status, a.disabled) for a in store.accounts()}
    assert listed == {
        "a.łuczak": (ADMINISTRATOR, "active", False),
        "det.o'brien-smith": (SUPERVISOR, "active", False),
        "pc.krężołek": (OFFICER, "active", False),
        "pc.okafor": (OFFICER, "active", False),
        "sgt.nowak": (SUPERVISOR, "active", False),
    }
    store.sign_in(None)
    assert store.login("DET.O'BRIEN-SMITH", PASSWORD) == added


def test_an_unknown_role_is_refused(store, users):
    store.sign_in(users["administrator"])
    with pytest.raises(AccountError, match="'sergeant' is not a role; choose officer, super"):
        store.add_user("sgt.kowalska", "sergeant", PASSWORD)
    assert "sgt.kowalska" not in {a.name for a in store.accounts()}


@pytest.mark.parametrize("name", ["PC.OKAFOR", "pc.okafor", "PC.KRĘŻOŁEK", "Pc.Krężołek"])
def test_account_names_are_unique_whatever_their_case(store, users, name):
    store.sign_in(users["administrator"])
    with pytest.raises(AccountError, match="already exists"):
        store.add_user(name, SUPERVISOR, PASSWORD)
    assert len(store.accounts()) == 4


@pytest.mark.parametrize("typed", ["pc.krężołek", "PC.KRĘŻOŁEK", "Pc.KrężOłek", " pc.krężołek "])
def test_names_are_case_insensitive_when_signing_in(store, users, typed):
    user = store.login(typed, PASSWORD)
    assert user == User(OFFICER_NAME, OFFICER)  # the name as stored, whatever was typed
    assert store.user == user and store.actor == OFFICER_NAME


def test_a_reset_password_replaces_the_old_one(store, users, db_path):
    store.sign_in(users["administrator"])
    store.reset_password("PC.KRĘŻOŁEK", NEW_PASSWORD)
    store.sign_in(None)
    with pytest.raises(LoginError, match="The name or the password is wrong"):
        store.login(OFFICER_NAME, PASSWORD)
    assert store.login(OFFICER_NAME, NEW_PASSWORD) == users["officer"]
    assert entries(db_path, "account password")[-1][:3] == (
        "account password",
        OFFICER_NAME,
        "password reset",
    )


def test_a_reset_to_a_short_password_is_refused_and_the_old_one_still_works(store, users):
    store.sign_in(users["administrator"])
    with pytest.raises(PasswordError, match="has 5 characters; it needs at least 8"):
        store.reset_password(OFFICER_NAME, "Łódź&")
    with pytest.raises(PasswordError, match="The password is empty"):
        store.reset_password(OFFICER_NAME, "")
    store.sign_in(None)
    assert store.login(OFFICER_NAME, PASSWORD) == users["officer"]


def test_resetting_an_unknown_account_says_so(store, users):
    store.sign_in(users["administrator"])
    with pytest.raises(AccountError, match="There is no account named pc.nobody"):
        store.reset_password("pc.nobody", NEW_PASSWORD)


def test_a_disabled_account_cannot_sign_in_until_enabled(store, users, db_path):
    store.sign_in(users["administrator"])
    store.set_disabled("Pc.Krężołek")
    assert {a.name: a.status for a in store.accounts()}[OFFICER_NAME] == "disabled"
    store.sign_in(None)
    with pytest.raises(LoginError) as caught:
        store.login(OFFICER_NAME, PASSWORD)
    assert str(caught.value) == f"The account {OFFICER_NAME} is disabled; ask an administrator."
    assert store.user is None
    with pytest.raises(LoginError, match="is disabled"):
        store.check_password(OFFICER_NAME, PASSWORD)
    assert entries(db_path, "login failed")[-1][:3] == (
        "login failed",
        OFFICER_NAME,
        "account disabled",
    )
    store.sign_in(users["administrator"])
    # disabling removed the account's key slot: enabling needs a new password first
    assert store.key_file().slot(OFFICER_NAME) is None
    with pytest.raises(AccountError, match="Set a new password for pc.krężołek first"):
        store.set_disabled(OFFICER_NAME, disabled=False)
    store.reset_password(OFFICER_NAME, "Nowe <hasło> & 2026")
    store.set_disabled(OFFICER_NAME, disabled=False)
    store.sign_in(None)
    assert store.login(OFFICER_NAME, "Nowe <hasło> & 2026") == users["officer"]
    actions = [e[0] for e in entries(db_path, "account disable", "account enable")]
    assert actions == ["account disable", "account enable"]


def test_an_administrator_cannot_disable_themself_or_the_last_administrator(store, users):
    store.sign_in(users["administrator"])
    with pytest.raises(AccountError, match="You cannot disable your own account"):
        store.set_disabled("A.ŁUCZAK")
    store.sign_in(None)  # maintenance access: only the last-administrator rule applies
    with pytest.raises(AccountError, match="a.łuczak is the last active administrator"):
        store.set_disabled("a.łuczak")
    store.sign_in(users["administrator"])
    store.add_user("a.nowicka", ADMINISTRATOR, PASSWORD)
    store.set_disabled("a.nowicka")
    store.sign_in(None)
    with pytest.raises(AccountError, match="last active administrator"):
        store.set_disabled("a.łuczak")


# ---------------------------------------------------------------- signing in and the lockout


def test_signing_in_sets_the_user_and_records_it(store, users, db_path):
    user = store.login(ACCOUNT_NAMES["supervisor"], PASSWORD)
    assert user == users["supervisor"] and store.user == user
    assert entries(db_path)[-1][:3] == ("login", "sgt.nowak", "role supervisor")
    store.sign_in(users["administrator"])
    assert {a.name: a.last_login for a in store.accounts()}["sgt.nowak"]


def test_check_password_confirms_without_signing_in(store, users, db_path):
    store.sign_in(users["supervisor"])
    assert store.check_password(OFFICER_NAME, PASSWORD) == users["officer"]
    assert store.user == users["supervisor"]
    assert entries(db_path)[-1][:2] == ("unlock", OFFICER_NAME)


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(
    store, users, db_path
):
    messages = []
    for _ in range(5):
        with pytest.raises(LoginError) as caught:
            store.login("PC.KRĘŻOŁEK", WRONG)
        messages.append(str(caught.value))
    assert messages[:4] == [
        "The name or the password is wrong (4 more tries before the account is locked).",
        "The name or the password is wrong (3 more tries before the account is locked).",
        "The name or the password is wrong (2 more tries before the account is locked).",
        "The name or the password is wrong (1 more try before the account is locked).",
    ]
    assert messages[4] == (
        f"Wrong password. The account {OFFICER_NAME} is now locked for 15 minutes after 5 "
        "wrong passwords."
    )
    log = entries(db_path, "login failed", "account locked")
    assert [(a, s, d) for a, s, d, _ in log] == [
        ("login failed", OFFICER_NAME, "wrong password"),
    ] * 4 + [("account locked", OFFICER_NAME, "5 wrong passwords")]

    with pytest.raises(LoginError) as caught:
        store.login(OFFICER_NAME, PASSWORD)  # the right password, while locked
    assert re.fullmatch(
        rf"The account {OFFICER_NAME} is locked after 5 wrong passwords until \d\d:\d\d; try "
        "again then or ask an administrator to reset the password.",
        str(caught.value),
    )
    assert store.user is None
    assert entries(db_path)[-1][:3] == ("login failed", OFFICER_NAME, "account locked")
    with pytest.raises(LoginError, match="is locked"):
        store.check_password(OFFICER_NAME, PASSWORD)
    store.sign_in(users["administrator"])
    status = {a.name: a.status for a in store.accounts()}[OFFICER_NAME]
    assert re.fullmatch(r"locked until \d\d:\d\d", status)
    # other accounts are not affected
    store.sign_in(None)
    assert store.login("pc.okafor", PASSWORD) == users["officer2"]


def test_a_reset_clears_the_lock(store, users):
    for _ in range(5):
        with pytest.raises(LoginError):
            store.login(OFFICER_NAME, WRONG)
    store.sign_in(users["administrator"])
    store.reset_password(OFFICER_NAME, NEW_PASSWORD)
    assert {a.name: a.status for a in store.accounts()}[OFFICER_NAME] == "active"
    store.sign_in(None)
    assert store.login(OFFICER_NAME, NEW_PASSWORD) == users["officer"]


def test_the_lock_ends_when_its_time_has_passed(store, users, db_path):
    for _ in range(5):
        with pytest.raises(LoginError):
            store.login(OFFICER_NAME, WRONG)
    with raw_connection(db_path) as conn:  # 15 minutes later
        conn.execute(
            "UPDATE users SET locked_until = '2000-01-01T00:00:00+00:00' WHERE name = ?",
            [OFFICER_NAME],
        )
    assert store.login(OFFICER_NAME, PASSWORD) == users["officer"]


def test_a_right_password_clears_the_count_of_wrong_ones(store, users):
    for _ in range(4):
        with pytest.raises(LoginError):
            store.login(OFFICER_NAME, WRONG)
    store.login(OFFICER_NAME, PASSWORD)
    store.sign_in(None)
    for _ in range(4):
        with pytest.raises(LoginError, match="more tr"):
            store.login(OFFICER_NAME, WRONG)
    assert store.login(OFFICER_NAME, PASSWORD) == users["officer"]


def test_wrong_passwords_at_the_unlock_prompt_count_towards_the_lock(store, users):
    for _ in range(4):
        with pytest.raises(LoginError):
            store.check_password(OFFICER_NAME, WRONG)
    with pytest.raises(LoginError, match="is now locked for 15 minutes"):
        store.login(OFFICER_NAME, WRONG)


def test_a_wrong_name_takes_the_same_path_as_a_wrong_password(store, users, db_path, monkeypatch):
    hasher = CountingHasher()
    monkeypatch.setattr(passwords, "_hasher", hasher)
    with pytest.raises(LoginError) as wrong_password:
        store.login(OFFICER_NAME, WRONG)
    with pytest.raises(LoginError) as wrong_name:
        store.login("pc.nikt <&>", WRONG)
    # one argon2 verification each: the wrong name against a hash with the same parameters
    assert len(hasher.verified) == 2
    assert hasher.verified[1] == passwords._DUMMY
    assert parameters(hasher.verified[1])["t"] >= parameters(hasher.verified[0])["t"]
    # neither message says which of the two was wrong
    assert str(wrong_name.value) == "The name or the password is wrong."
    assert str(wrong_password.value).startswith("The name or the password is wrong")
    assert entries(db_path)[-1][:3] == ("login failed", "pc.nikt <&>", "no such account")
    for _ in range(6):  # a name that is not an account is never "locked" and adds nothing
        with pytest.raises(LoginError, match=r"^The name or the password is wrong\.$"):
            store.login("pc.nikt <&>", PASSWORD)
    store.sign_in(users["administrator"])
    assert len(store.accounts()) == 4


def test_login_errors_and_account_errors_are_store_errors():
    assert issubclass(LoginError, StoreError) and issubclass(AccountError, StoreError)
    assert issubclass(PasswordError, ValueError)


# ---------------------------------------------------------------- the audit entries


def test_each_account_change_writes_an_entry_with_its_subject_and_record_hash(
    store, users, db_path
):
    store.sign_in(users["administrator"])
    store.add_user("pc.wiśniewski", OFFICER, PASSWORD)
    after_create = audit.stored_account_hash(store._db.conn, "pc.wiśniewski")
    store.reset_password("PC.WIŚNIEWSKI", NEW_PASSWORD)
    after_reset = audit.stored_account_hash(store._db.conn, "pc.wiśniewski")
    store.set_disabled("pc.wiśniewski")
    after_disable = audit.stored_account_hash(store._db.conn, "pc.wiśniewski")
    store.reset_password("pc.wiśniewski", "Nowe <hasło> & 2026")  # enabling needs a new key slot
    after_second_reset = audit.stored_account_hash(store._db.conn, "pc.wiśniewski")
    store.set_disabled("pc.wiśniewski", disabled=False)
    after_enable = audit.stored_account_hash(store._db.conn, "pc.wiśniewski")
    mine = [e for e in store.audit_log() if e.subject == "pc.wiśniewski"]
    assert [(e.action, e.actor, e.detail, e.record_hash) for e in mine] == [
        ("account create", "a.łuczak", "role officer", after_create),
        ("account password", "a.łuczak", "password reset", after_reset),
        ("account disable", "a.łuczak", "", after_disable),
        ("account password", "a.łuczak", "password reset", after_second_reset),
        ("account enable", "a.łuczak", "", after_enable),
    ]
    assert len({after_create, after_reset, after_disable}) == 3
    assert after_enable != after_disable
    assert all(e.checklist_id is None and e.hash for e in mine)
    assert store.verify_audit().ok


# ---------------------------------------------------------------- who may manage accounts


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_only_an_administrator_adds_resets_disables_and_lists_accounts(store, users, db_path, who):
    store.sign_in(users[who])
    before = entries(db_path)
    attempts = [
        lambda: store.add_user("pc.nowy", OFFICER, PASSWORD),
        lambda: store.add_user("sgt.boss", ADMINISTRATOR, PASSWORD),
        lambda: store.reset_password("pc.okafor", NEW_PASSWORD),
        lambda: store.reset_password("a.łuczak", NEW_PASSWORD),
        lambda: store.set_disabled("pc.okafor"),
        lambda: store.set_disabled("a.łuczak", disabled=False),
        store.accounts,
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        article = "An" if who == "officer" else "A"
        assert str(caught.value) == (
            f"{article} {who} cannot manage accounts; only an administrator can."
        )
    assert entries(db_path) == before
    store.sign_in(None)
    assert store.login("pc.okafor", PASSWORD) == users["officer2"]
    assert store.login("a.łuczak", PASSWORD) == users["administrator"]


@pytest.mark.parametrize("who", ["officer", "supervisor"])
def test_a_user_may_reset_their_own_password(store, users, db_path, who):
    me = users[who]
    store.sign_in(me)
    store.reset_password(me.name.upper(), NEW_PASSWORD)
    assert entries(db_path)[-1][:3] == ("account password", me.name, "password reset")
    store.sign_in(None)
    assert store.login(me.name, NEW_PASSWORD) == me
    with pytest.raises(LoginError):
        store.login(me.name, PASSWORD)

"""Demo data never mixes with real data, through the real command line (`main([...])`): `demo`
refuses a real database and changes nothing in it; `list`, `export-json` and `referral` on a
demo database say DEMO; a demo JSON file is refused by a real database."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from officer_app import review
from officer_app.cli import main
from officer_app.demo_mark import DEMO_NOTICE
from officer_app.referral.style import DEMO_TEXT
from officer_app.review.items import supervisor_checklist
from officer_app.store import Store
from tests.conftest import (
    ACCOUNT_NAMES,
    PASSWORD,
    VALID_EXAMPLE,
    add_accounts,
    open_store,
)

DEMO_PASSWORD = "demo <&> hasło"


@pytest.fixture
def real_db(tmp_path, valid_checklist, library):
    """A real database (name with Polish letters and markup) holding one real checklist, an
    officer's, approved by a supervisor."""
    path = tmp_path / "Łuczak & <real>.sqlite"
    with _opened(path) as store:
        users = add_accounts(store)
        store.sign_in(users["officer"])
        store.save(valid_checklist)
        store.sign_in(users["supervisor"])
        items = {item.id: {"answer": "yes"} for item in supervisor_checklist().items}
        grade = valid_checklist.get("risk.officer_grade")
        review.approve(store, valid_checklist, library, agreed_grade=grade, items=items)
    return path


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "Krężołek demo.sqlite"
    assert main(["--db", str(path), "demo", "--count", "6", "--demo-password", DEMO_PASSWORD]) == 0
    capsys.readouterr()
    return path


def as_user(monkeypatch, name: str, password: str = PASSWORD) -> None:
    """The command line signs in as `name` (a key of ACCOUNT_NAMES, or a demo account)."""
    monkeypatch.setenv("OFFICER_APP_USER", ACCOUNT_NAMES.get(name, name))
    monkeypatch.setenv("OFFICER_APP_PASSWORD", password)


def _opened(path):
    """The store at `path` with maintenance access: a demo file through demo.admin's key slot
    (its key is random), a test file with the tests' key."""
    if "demo" not in path.name:
        return open_store(path)
    store = Store.open(path, "demo.admin", DEMO_PASSWORD)
    store.sign_in(None)
    return store


def _rows(path) -> int:
    with _opened(path) as store:
        return store.count()


def _approved_id(path) -> int:
    with _opened(path) as store:
        return store.list(state="approved")[0].id


def test_demo_refuses_a_real_database_and_changes_nothing(real_db, capsys, monkeypatch):
    as_user(monkeypatch, "administrator")
    with open_store(real_db) as store:
        entries_before = len(store.audit_log())
    assert main(["--db", str(real_db), "demo", "--count", "5"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("officer-app: error: ")
    assert str(real_db) in err and "1 real checklist" in err
    assert "--db" in err and "new file" in err
    assert _rows(real_db) == 1
    with open_store(real_db) as store:
        assert store.meta("demo") is None
        added = [e.action for e in store.audit_log()][entries_before:]
    assert added == ["login"]  # the administrator's sign-in, and nothing else


def test_demo_marks_a_new_file_and_adds_to_it_again(demo_db, capsys):
    more = ["demo", "--count", "2", "--seed", "9", "--demo-password", DEMO_PASSWORD]
    assert main(["--db", str(demo_db), *more]) == 0
    assert "demo database" in capsys.readouterr().err
    assert _rows(demo_db) == 8
    with _opened(demo_db) as store:
        assert store.meta("demo") == "yes"


def test_list_says_demo_data_first_only_for_a_demo_database(demo_db, real_db, capsys, monkeypatch):
    as_user(monkeypatch, "demo.supervisor", DEMO_PASSWORD)
    assert main(["--db", str(demo_db), "list", "--search", "luczak"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == DEMO_NOTICE == "DEMO DATA: these are not real checklists"
    assert lines[1].split()[:2] == ["id", "state"] and "Łuczak" not in lines[0]
    as_user(monkeypatch, "supervisor")
    assert main(["--db", str(real_db), "list"]) == 0
    out = capsys.readouterr().out
    assert "DEMO" not in out and out.splitlines()[0].split()[:2] == ["id", "state"]


def test_export_json_of_a_demo_database_carries_the_demo_marker(
    demo_db, real_db, tmp_path, monkeypatch
):
    demo_json, real_json = tmp_path / "demo & <1>.json", tmp_path / "real.json"
    as_user(monkeypatch, "demo.admin", DEMO_PASSWORD)
    demo_id = str(_approved_id(demo_db))
    assert main(["--db", str(demo_db), "export-json", demo_id, "--out", str(demo_json)]) == 0
    as_user(monkeypatch, "administrator")
    assert main(["--db", str(real_db), "export-json", "1", "--out", str(real_json)]) == 0
    demo_doc = json.loads(demo_json.read_text(encoding="utf-8"))
    assert demo_doc["demo"] is True
    assert list(demo_doc)[:3] == ["format", "format_version", "demo"]  # seen at the top
    assert "demo" not in json.loads(real_json.read_text(encoding="utf-8"))
    with _opened(demo_db) as store:
        assert "demo JSON" in store.audit_log(int(demo_id))[-1].detail


def test_export_json_to_standard_output_is_marked_too(demo_db, capsys, monkeypatch):
    as_user(monkeypatch, "demo.admin", DEMO_PASSWORD)
    assert main(["--db", str(demo_db), "export-json", str(_approved_id(demo_db))]) == 0
    assert json.loads(capsys.readouterr().out)["demo"] is True


def test_a_demo_json_file_is_refused_by_a_real_database(
    demo_db, real_db, tmp_path, capsys, monkeypatch
):
    exported = tmp_path / "Łuczak <demo> & co.json"
    as_user(monkeypatch, "demo.admin", DEMO_PASSWORD)
    demo_id = str(_approved_id(demo_db))
    assert main(["--db", str(demo_db), "export-json", demo_id, "--out", str(exported)]) == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["uid"] = "a-new-uid-so-only-the-demo-mark-can-refuse-it"
    exported.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    as_user(monkeypatch, "officer")
    assert main(["--db", str(real_db), "import", str(exported), str(VALID_EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert f"{exported}: refused, nothing stored" in err
    assert "demo: this file holds demo data" in err and "demo database" in err
    assert "--db" in err
    assert _rows(real_db) == 1
    with open_store(real_db) as store:  # the refusal is logged (a failed sign-in would be too)
        assert store.count() == 1
    as_user(monkeypatch, "demo.officer", DEMO_PASSWORD)
    assert main(["--db", str(demo_db), "import", str(exported)]) == 0  # demo into demo: fine
    assert _rows(demo_db) == 7


def test_referral_from_a_demo_database_says_demo_on_every_page(
    demo_db, real_db, tmp_path, monkeypatch
):
    demo_pdf, real_pdf = tmp_path / "demo <&>.pdf", tmp_path / "real.pdf"
    args = ["referral", str(_approved_id(demo_db)), "--out", str(demo_pdf)]
    as_user(monkeypatch, "demo.admin", DEMO_PASSWORD)
    assert main(["--db", str(demo_db), *args]) == 0
    pages = [page.extract_text() for page in PdfReader(demo_pdf).pages]
    assert len(pages) >= 2
    assert all(DEMO_TEXT in page for page in pages)
    assert PdfReader(demo_pdf).metadata.title.startswith("DEMO DATA")
    as_user(monkeypatch, "administrator")
    assert main(["--db", str(real_db), "referral", "1", "--out", str(real_pdf)]) == 0
    assert all("DEMO" not in page.extract_text() for page in PdfReader(real_pdf).pages)


def test_demo_never_goes_into_the_default_database(tmp_path, capsys):
    from officer_app import paths

    assert main(["demo", "--count", "3"]) == 2
    assert "--db" in capsys.readouterr().err
    assert not paths.default_db_path().exists()  # nothing created, nothing marked

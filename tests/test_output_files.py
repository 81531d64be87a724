"""Where output may be written (officer_app.files.check_output) and every file the command line
writes: an existing file is replaced only with --force; a link (even to a regular file), a
folder, "", a device, a pipe and a missing folder are refused with one sentence naming the
path, before anything is rendered or recorded, leaving every file as it was and no temporary
file behind."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from officer_app import disclosure
from officer_app.audit_export import export_audit_csv
from officer_app.cli import main
from officer_app.files import OutputExists, OutputRefused, check_output, write_atomically
from officer_app.settings import load_settings
from officer_app.store import StoreError
from tests import test_disclosure
from tests.test_cli import run, signed_in
from tests.test_disclosure import admin_store, exports

approved = test_disclosure.approved  # the fixture: a checklist a supervisor approved

OLD = "stary plik Łuczak <&>\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, pipes and devices")


def names(folder: Path) -> list[str]:
    """Everything in `folder`, a temporary file included."""
    return sorted(os.listdir(folder))


@pytest.fixture
def folder(tmp_path) -> Path:
    made = tmp_path / "Eksport Krężołek & <MASH>"
    made.mkdir()
    return made


@pytest.fixture
def existing(folder) -> Path:
    path = folder / "Łuczak.out"
    path.write_text(OLD, encoding="utf-8")
    return path


@pytest.fixture
def link(folder, existing) -> Path:
    path = folder / "link <to> Łuczak.out"
    path.symlink_to(existing)
    return path


@pytest.fixture
def fifo(folder) -> Path:
    path = folder / "rura & Łódź.out"
    os.mkfifo(path)
    return path


# ---------------------------------------------------------------- the core's one check


def test_a_new_file_in_an_existing_folder_may_be_written(folder):
    assert check_output(str(folder / "nowy.pdf")) == folder / "nowy.pdf"


def test_an_existing_file_needs_force(existing):
    with pytest.raises(OutputExists) as refused:
        check_output(existing)
    assert str(refused.value) == f"{existing} already exists; choose another name to keep it."
    assert check_output(existing, force=True) == existing


@POSIX
@pytest.mark.parametrize("force", [False, True])
def test_what_is_never_written_is_refused_even_with_force(folder, link, fifo, force):
    dangling = folder / "dangling.out"
    dangling.symlink_to(folder / "nothing here")
    cases = {
        link: "it is a link, not an ordinary file",
        dangling: "it is a link, not an ordinary file",
        fifo: "it is a pipe, not an ordinary file",
        Path(os.devnull): "it is a device, not an ordinary file",
        folder: "it is a folder; name a file in it",
        folder / "nowy" / "x.pdf": f"the folder {folder / 'nowy'} does not exist",
    }
    for path, why in cases.items():
        with pytest.raises(OutputRefused) as refused:
            check_output(path, force=force)
        assert not isinstance(refused.value, OutputExists)
        assert str(refused.value).startswith(f"Cannot write {path}: {why}")
    with pytest.raises(OutputRefused, match="^No file name was given"):
        check_output("", force=force)
    with pytest.raises(OutputRefused, match="it names a folder"):
        check_output(f"{folder}/nowy/", force=force)


def test_a_folder_the_user_may_not_write_in_is_named(folder, monkeypatch):
    """Simulated (the tests may run as root, who may write anywhere)."""
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != folder)
    with pytest.raises(OutputRefused) as refused:
        check_output(folder / "r.pdf")
    assert str(refused.value) == (
        f"Cannot write {folder / 'r.pdf'}: you may not write in {folder}; choose another folder."
    )


@POSIX
def test_write_atomically_checks_a_named_output_before_and_at_the_rename(folder, existing, link):
    with pytest.raises(OutputExists):
        write_atomically(existing, b"new", force=False)
    with pytest.raises(OutputRefused, match="is a link"):
        write_atomically(link, b"new", force=True)
    assert existing.read_text(encoding="utf-8") == OLD and link.is_symlink()
    write_atomically(existing, "nowy ż".encode(), force=True)
    assert existing.read_text(encoding="utf-8") == "nowy ż"

    late = folder / "late.out"

    def becomes_a_link(temp: Path) -> None:  # someone puts a link there meanwhile
        temp.write_bytes(b"secret")
        late.symlink_to(existing)

    with pytest.raises(OutputRefused, match="is a link"):
        write_atomically(late, becomes_a_link, force=True)
    assert late.is_symlink() and existing.read_text(encoding="utf-8") == "nowy ż"
    assert names(folder) == sorted([existing.name, link.name, late.name])


# ---------------------------------------------------------------- disclosures


@POSIX
def test_a_refused_export_writes_nothing_and_records_nothing(
    approved, existing, link, fifo, library
):
    path, checklist_id = approved
    folder = existing.parent
    before = names(folder)
    with admin_store(path) as store:
        log = len(store.audit_log())
        for out in (existing, link, fifo, folder):
            force = out != existing
            with pytest.raises(OutputRefused):
                disclosure.export_json(store, checklist_id, out, force=force)
            with pytest.raises(OutputRefused):
                disclosure.export_referral(
                    store, checklist_id, out, library, load_settings(), force=force
                )
            with pytest.raises(OutputRefused):
                export_audit_csv(store, store.audit_log(), out, force=force)
        assert len(store.audit_log()) == log and exports(store) == []
    assert existing.read_text(encoding="utf-8") == OLD and link.is_symlink()
    assert names(folder) == before


def test_force_replaces_an_existing_export_and_records_it(approved, existing):
    path, checklist_id = approved
    with admin_store(path) as store:
        done = disclosure.export_json(store, checklist_id, existing, force=True)
        assert [e.record_hash for e in exports(store)] == [done.sha256]
    assert json.loads(existing.read_text("utf-8"))["audit"]
    assert names(existing.parent) == [existing.name]


@POSIX
def test_a_target_that_became_a_link_after_the_check_is_not_replaced(approved, existing):
    path, checklist_id = approved
    late = existing.parent / "late.json"

    def render(witness) -> bytes:  # after the first check, before the rename
        late.symlink_to(existing)
        return b'{"secret": "Kacper \xc5\x81uczak"}'

    with admin_store(path) as store:
        with pytest.raises(StoreError, match="could not be put in place"):
            store.disclose(checklist_id, "JSON", render, disclosure.staged_file(late))
        assert [e.action for e in store.audit_log()][-2:] == ["export", "export failed"]
    assert late.is_symlink() and existing.read_text(encoding="utf-8") == OLD
    assert names(existing.parent) == sorted([existing.name, late.name])


# ---------------------------------------------------------------- the command line


def cli(db: Path, *args) -> int:
    return main(["--db", str(db), *[str(a) for a in args]])


@POSIX
def test_export_json_and_referral_refuse_and_replace_only_with_force(
    approved, existing, link, fifo, monkeypatch, capsys
):
    path, checklist_id = approved
    signed_in(monkeypatch, path, "administrator")
    folder = existing.parent
    for command in ("export-json", "referral"):
        assert cli(path, command, checklist_id, "--out", existing) == 2
        err = capsys.readouterr().err
        assert err == f"officer-app: error: {existing} already exists; add --force to replace it.\n"
        for out, why in ((link, "a link"), (fifo, "a pipe"), (os.devnull, "a device")):
            assert cli(path, command, checklist_id, "--out", out, "--force") == 2
            err = capsys.readouterr().err
            assert err == (
                f"officer-app: error: Cannot write {out}: it is {why}, not an ordinary file; "
                "name another file.\n"
            )
        for out in ("", folder):
            assert cli(path, command, checklist_id, "--out", out, "--force") == 2
            err = capsys.readouterr().err.splitlines()
            assert len(err) == 1 and err[0].startswith("officer-app: error: ")
            assert (
                ("No file name" in err[0]) if out == "" else (f"{folder}: it is a folder" in err[0])
            )
    assert existing.read_text(encoding="utf-8") == OLD and link.is_symlink()
    with admin_store(path) as store:
        assert exports(store) == []

    assert cli(path, "export-json", checklist_id, "--out", existing, "--force") == 0
    assert json.loads(existing.read_text("utf-8"))["audit"]
    assert cli(path, "referral", checklist_id, "--out", existing, "--force") == 0
    assert existing.read_bytes().startswith(b"%PDF")
    with admin_store(path) as store:
        assert len(exports(store)) == 2
    assert names(folder) == sorted([existing.name, link.name, fifo.name])


@POSIX
def test_the_audit_log_as_csv_from_the_command_line(approved, existing, link, monkeypatch, capsys):
    path, _ = approved
    signed_in(monkeypatch, path, "administrator")
    assert cli(path, "audit", "list", "--csv", existing) == 2
    assert "already exists; add --force to replace it." in capsys.readouterr().err
    assert cli(path, "audit", "list", "--csv", link, "--force") == 2
    assert f"Cannot write {link}: it is a link" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == OLD
    with admin_store(path) as store:
        assert exports(store) == []
    assert cli(path, "audit", "list", "--action", "approve", "--csv", existing, "--force") == 0
    assert "Wrote 1 entry to" in capsys.readouterr().err
    assert existing.read_bytes().startswith(b"\xef\xbb\xbf#,")
    with admin_store(path) as store:
        assert len(exports(store)) == 1
    assert names(existing.parent) == sorted([existing.name, link.name])


@POSIX
def test_schema_out_through_the_real_command_line(tmp_path, existing, link):
    refused = run(tmp_path, "schema", "--out", existing, db=None)
    assert refused.returncode == 2 and refused.stdout == ""
    assert (
        refused.stderr
        == f"officer-app: error: {existing} already exists; add --force to replace it.\n"
    )
    assert existing.read_text(encoding="utf-8") == OLD
    for out in (link, "", existing.parent):
        refused = run(tmp_path, "schema", "--out", out, "--force", db=None)
        assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1
        assert "Traceback" not in refused.stderr and "Errno" not in refused.stderr
    assert link.is_symlink() and existing.read_text(encoding="utf-8") == OLD
    replaced = run(tmp_path, "schema", "--out", existing, "--force", db=None)
    assert replaced.returncode == 0, replaced.stderr
    assert json.loads(existing.read_text("utf-8"))["$schema"]
    assert names(existing.parent) == sorted([existing.name, link.name])

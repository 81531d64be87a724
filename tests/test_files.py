"""Files are written whole or not at all."""

from __future__ import annotations

import pytest

from officer_app.files import WriteError, write_atomically


def test_bytes_are_written_and_replace_an_old_file(tmp_path):
    target = tmp_path / "Łuczak & <co>.json"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "nowy ż".encode())
    assert target.read_text(encoding="utf-8") == "nowy ż"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"previous")

    def half_then_fail(path):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(WriteError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "x.json", b"{}")

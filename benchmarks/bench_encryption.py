"""What encryption at rest costs, each figure against a baseline measured in the same run:

- signing in (Store.open: the key slot's argon2id derivation, the stored hash checked, the
  quick_check) against one argon2id password hash with the same parameters;
- a one-row UPDATE of a checklist's JSON through SQLCipher against the same UPDATE through
  the standard library's unencrypted sqlite3, on files of the same content (in a temporary
  folder: on a RAM-backed /tmp neither waits for a disk);
- a backup (online backup API, read back with integrity_check) against copying the file's
  bytes.

    .venv/bin/python benchmarks/bench_encryption.py [--n 2000]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_form import median_ms  # noqa: E402
from officer_app.accounts import passwords  # noqa: E402
from officer_app.demo import DEMO_ADMIN, add_demo_accounts, add_demo_checklists  # noqa: E402
from officer_app.library import default_library  # noqa: E402
from officer_app.settings import load_settings  # noqa: E402
from officer_app.store import Store  # noqa: E402
from officer_app.store.backups import backup  # noqa: E402
from officer_app.store.keyslots import new_key  # noqa: E402
from officer_app.store.opening import connect  # noqa: E402

PASSWORD = "bench <&> hasło"


def row(label: str, measured: float, base_label: str, base: float) -> None:
    ratio = measured / base
    print(f"{label:<36} {measured:8.2f} ms | {base_label:<32} {base:8.2f} ms | {ratio:6.1f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="demo checklists in the database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        with Store(path, key=new_key()) as store:
            add_demo_accounts(store, PASSWORD)
            add_demo_checklists(store, default_library(), load_settings(), args.n)
            key = store.key
        size_mb = path.stat().st_size / 1e6
        print(f"{args.n} demo checklists, {size_mb:.1f} MB encrypted\n")

        row(
            "sign in (Store.open)",
            median_ms(lambda: Store.open(path, DEMO_ADMIN.name, PASSWORD).close(), 5),
            "one argon2id password hash",
            median_ms(lambda: passwords.hash_password(PASSWORD), 5),
        )

        plain = Path(folder) / "plain.sqlite"
        source = connect(path, key)
        source.execute("ATTACH DATABASE ? AS plain KEY ''", [str(plain)])
        source.execute("SELECT sqlcipher_export('plain')")
        source.execute("DETACH DATABASE plain")
        source.close()
        encrypted, unencrypted = connect(path, key), sqlite3.connect(plain)
        data = encrypted.execute("SELECT data FROM checklists WHERE id = 1").fetchone()[0]

        def update(conn) -> None:
            conn.execute("UPDATE checklists SET data = ? WHERE id = 1", [data])
            conn.commit()

        for conn in (encrypted, unencrypted):
            conn.execute("DROP TRIGGER IF EXISTS checklists_locked")
            conn.commit()
        row(
            "UPDATE one checklist, SQLCipher",
            median_ms(lambda: update(encrypted), 200),
            "the same UPDATE, plain sqlite3",
            median_ms(lambda: update(unencrypted), 200),
        )
        encrypted.close()
        unencrypted.close()

        store = Store(path, key=key)
        copies = iter(range(1000))
        row(
            "backup (copy, read back, compare)",
            median_ms(lambda: backup(store, Path(folder) / f"b{next(copies)}.sqlite"), 3),
            "copying the file's bytes",
            median_ms(lambda: shutil.copyfile(path, Path(folder) / "bytes.sqlite"), 3),
        )
        store.close()


if __name__ == "__main__":
    main()

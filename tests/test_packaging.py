"""A non-editable install (a real wheel in a fresh virtual environment) finds every resource."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from pathlib import Path

from tests.conftest import ROOT, VALID_EXAMPLE


def test_wheel_installed_in_a_fresh_venv_finds_definitions_schema_and_fonts(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("officer_app-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    declared = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "[gui_scripts]\nofficer-app = ui.launcher:main" in declared, declared
    for needed in (
        "officer_app/resources/checklists/child-da-attendance-v1.json",
        "officer_app/resources/risk_tools/dash-topics-v1.json",
        "officer_app/resources/fonts/DejaVuSans.ttf",
        "ui/__init__.py",
        "officer_app/resources/schema/child-da-attendance-v1.schema.json",
    ):
        assert needed in names

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    fresh_python = fresh / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(fresh_python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        check=True,
    )
    # The dependencies (Qt, reportlab...) come from the test environment; the editable
    # checkout itself is NOT visible: only folders are added, not their .pth files.
    site = Path(
        subprocess.check_output(
            [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (site / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    where = subprocess.check_output(
        [str(fresh_python), "-c", "import officer_app.paths as p; print(p.resources_dir())"],
        cwd=tmp_path,
        env=env,
        text=True,
    ).strip()
    assert where.startswith(str(site)), where
    script = fresh / "bin" / "officer-app"
    db = tmp_path / "installed.sqlite"

    def cli(*args: str, user: str = "", password: str = "Hasło <&> 2026"):
        return subprocess.run(
            [str(script), "--db", str(db), *([f"--user={user}"] if user else []), *args],
            cwd=tmp_path,
            env={**env, "OFFICER_APP_PASSWORD": password, "OFFICER_APP_NEW_PASSWORD": password},
            capture_output=True,
            text=True,
        )

    # the first administrator, then an officer and a supervisor (argon2 from the wheel's deps)
    assert cli("init", "--admin", "a.łuczak").returncode == 0
    for name, role in (("pc.krężołek", "officer"), ("sgt.nowak", "supervisor")):
        added = cli("users", "add", name, "--role", role, user="a.łuczak")
        assert added.returncode == 0, added.stderr
    imported = cli("import", str(VALID_EXAMPLE), user="pc.krężołek")
    assert imported.returncode == 0, imported.stderr
    approved = cli("review", "approve", imported.stdout.strip(), "--all-yes", user="sgt.nowak")
    assert approved.returncode == 0, approved.stderr
    made = cli(
        "referral", imported.stdout.strip(), "--out", str(tmp_path / "r.pdf"), user="a.łuczak"
    )
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")

    # With no subcommand the installed program opens the window on the --db database: a new
    # one waits for its first administrator (the file is created, encrypted, only then) and
    # keeps running until the window is closed.
    window_db = tmp_path / "window Łuczak.sqlite"
    window = subprocess.Popen(
        [str(script), "--db", str(window_db)],
        cwd=tmp_path,
        env={**env, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 5
        while window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert window.poll() is None, window.communicate()[1].decode("utf-8", "replace")
        assert not window_db.exists()
    finally:
        window.terminate()
        window.wait(timeout=30)

"""``make system``, which ``make test`` depends on: the system packages the tests need are
found by their commands, and where one is missing and cannot be installed, one message names
the packages and the command to run. Run through the real Makefile, with a PATH that lacks
what the test says is missing (and apt-get, so that nothing is ever installed here)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO


def make_system(
    tmp_path: Path, commands: list[str], *variables: str
) -> subprocess.CompletedProcess:
    """``make system VARIABLE=...`` with a PATH holding only ``commands`` (this machine's)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in commands:
        found = shutil.which(name)
        assert found, f"{name} is not installed on this machine"
        (folder / name).symlink_to(found)
    return subprocess.run(
        [
            shutil.which("make") or "make",
            "--no-print-directory",
            "-C",
            str(REPO),
            "system",
            *variables,
        ],
        env={"PATH": str(folder)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_nothing_to_do_when_every_command_is_there(tmp_path: Path) -> None:
    # No apt-get on the PATH: had the target wanted to install, it would have failed.
    done = make_system(
        tmp_path, ["chromium", "java", "msgfmt", "jekyll", "npm", "dpkg-query", "id"]
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_missing_package_is_named_with_the_command_that_installs_it(tmp_path: Path) -> None:
    done = make_system(tmp_path, ["java", "jekyll", "npm", "dpkg-query", "id"])
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert lines[0] == "make test needs system packages that are missing here: chromium gettext"
    assert "    sudo apt-get install --no-install-recommends chromium gettext" in lines
    assert "default-jre-headless" not in done.stderr  # java is there


def test_a_package_without_a_command_is_asked_of_dpkg(tmp_path: Path) -> None:
    # How a package that brings no command (a Ruby library, say) joins the list.
    packages = "SYSTEM_PACKAGES=gettext: no-such-package-i16: java:java"
    done = make_system(tmp_path, ["java", "id", "dpkg-query"], packages)
    assert done.returncode != 0
    first = done.stderr.splitlines()[0]
    assert first == "make test needs system packages that are missing here: no-such-package-i16"

"""What every test of a fault or an interruption asserts afterwards: the site is intact.

No temporary file is left, every file the pipeline writes is whole (it parses as what it is),
and the translation memory passes ``msgfmt --check``.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import polib

from pipeline.content import document

WRITTEN = ("content", "locale", "public", "review")


def leftovers(root: Path) -> list[str]:
    """Temporary files of ``write_atomic`` (``.NAME.XXXX.tmp``) anywhere under ``root``."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.tmp"))


def assert_intact(root: Path) -> None:
    """Fail unless every file under content/, locale/, public/ and review/ is whole."""
    assert leftovers(root) == []
    for folder in WRITTEN:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                _assert_whole(root, path)


def _assert_whole(root: Path, path: Path) -> None:
    shown = path.relative_to(root).as_posix()
    if path.suffix == ".md":
        document.read(path, shown)  # raises ContentError for a cut-off front matter or text
    elif path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".po":
        polib.pofile(str(path))
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, f"{shown}: {done.stderr}"
    elif path.suffix == ".xml":
        ET.fromstring(path.read_bytes())
    elif path.suffix == ".html":
        text = path.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), f"{shown} is cut off"

"""The files the export writes into a Jekyll site, and the list that names them.

The export never rewrites a file of the site's own: it writes a file only where none is,
or where the file is one it wrote before and nobody has changed since (its list,
``EXPORTED`` at the site's top, holds the SHA-256 of what it wrote). A file it wrote that
was edited in the Jekyll tree is reported and left as it is; a file it wrote and no longer
makes (a draft removed) is removed, unless it was edited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError, Problem
from pipeline.files import inside, remove, remove_empty_folders, write_atomic
from pipeline.ingest.jekyll_exported import EXPORTED


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Written:
    """The export's list for the site at ``root`` (named ``name`` in messages): each file
    it wrote, by its path from the site's top, with its SHA-256 and what it was made from;
    what this run wrote, and what it said."""

    root: Path
    name: str
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    unchanged: int = 0

    @classmethod
    def read(cls, root: Path, name: str) -> Written:
        """The list as the last export left it (none: an empty list)."""
        written = cls(root, name)
        try:
            raw: Any = json.loads((root / EXPORTED).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return written
        except (OSError, ValueError) as error:
            message = f"cannot be read ({error}): the export writes only where no file is"
            written.problems.append(Problem(written.shown(EXPORTED), None, message, True))
            return written
        files = raw.get("files") if isinstance(raw, dict) else None
        if isinstance(files, dict):
            written.files = {
                str(k): {str(a): str(b) for a, b in v.items()}
                for k, v in files.items()
                if isinstance(v, dict)
            }
        return written

    def shown(self, relative: str) -> str:
        """How messages name a file of the site: ``jekyll-site/en/_posts/x.md``."""
        return f"{self.name.rstrip('/')}/{relative}"

    def is_own(self, relative: str) -> bool:
        """Whether the file at ``relative`` is the site's own (not the export's)."""
        return relative not in self.files and (self.root / relative).exists()

    def write(self, relative: str, data: bytes, origin: str) -> None:
        """Write ``data`` (made from ``origin``) at ``relative``, unless the file there is the
        site's own or was edited since the export wrote it (both said)."""
        self.kept.add(relative)
        try:
            path = inside(self.root, *relative.split("/"))
        except OutputError as error:
            self.problems.append(error.as_problem())
            return
        if self.is_own(relative):
            message = f"the site's own file is here: not overwritten (the version of {origin})"
            self.problems.append(Problem(self.shown(relative), None, message))
            return
        if self._edited(relative, path):
            return
        existed = path.exists()
        try:
            changed = write_atomic(path, data)
        except OutputError as error:
            self.problems.append(error.as_problem())
            return
        self.files[relative] = {"sha256": sha256(data), "from": origin}
        if changed:
            self.done.append(f"{'updated' if existed else 'created'} {self.shown(relative)}")
        else:
            self.unchanged += 1

    def _edited(self, relative: str, path: Path) -> bool:
        """Whether the export's file at ``relative`` was changed in the Jekyll tree (said)."""
        try:
            current = sha256(path.read_bytes())
        except FileNotFoundError:
            return False
        except OSError as error:
            self.problems.append(Problem(self.shown(relative), None, str(error.strerror)))
            return True
        if current == self.files[relative].get("sha256"):
            return False
        origin = self.files[relative].get("from", "the pipeline")
        message = (
            f"edited in the Jekyll tree since the export wrote it: not overwritten; make the "
            f"change in {origin} and remove this file"
        )
        self.problems.append(Problem(self.shown(relative), None, message))
        return True

    def finish(self) -> None:
        """Remove the export's files this run did not make (unless edited), and save the
        list."""
        for relative in sorted(set(self.files) - self.kept):
            path = self.root / relative
            if self._edited(relative, path):
                continue
            if path.exists():
                remove(path)
                remove_empty_folders(self.root, path.parent)
                self.done.append(f"removed {self.shown(relative)}")
            del self.files[relative]
        listed = {"files": dict(sorted(self.files.items()))}
        text = json.dumps(listed, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            write_atomic(self.root / EXPORTED, text)
        except OutputError as error:
            self.problems.append(error.as_problem())

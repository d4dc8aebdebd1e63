"""The build manifest: what the last build read and wrote, kept in the output folder.

``.pipeline/`` in the output folder holds two JSON files, written after every build (never
committed: the output folder is not); the folder itself is made before a build writes any
page, and marks the output folder as a build's (``is_builds``):

- ``manifest.json``: each output file's key (``pipeline.build.keys``: a hash of everything the
  file is made of), the digest of its bytes and its ``stat`` when it was written; and what
  the build read: the fingerprint, the ``stat`` of every content file and draft record, the
  problems it reported, how many pages it made and how many drafts it left out for their
  pseudo text (a build that finds all of these as they were has nothing to do, and says
  what the last one said);
- ``feeds.json``: where each entry of each feed lies in it, so that a changed feed is put
  together from the entries that did not change.

``load``/``save`` keep a ``Manifest`` in any file: the translate stage keeps what its last
run read in one (``pipeline.translate.shortcut``), and ``Manifest.read_the_same`` is how
both tell that nothing they read has changed.

Each file carries the manifest's ``FORMAT``; a file of another format, or one that cannot be
read, counts as absent: the next build renders every file (and still removes the files the
last build recorded, when it can read which).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.errors import Problem
from pipeline.files import write_atomic
from pipeline.state.fingerprints import Snapshot, StatRecord

FORMAT = 2
FOLDER = ".pipeline"
OLD_LIST = ".pipeline-files"  # what builds before the manifest recorded: their file names


class OutputRecord(NamedTuple):
    """What the manifest records of one output file (a list ``[key, digest, stat]`` in its
    JSON)."""

    key: str  # what the file is made of (``pipeline.build.keys``); "" when not known
    digest: str  # of its bytes when it was written
    stat: StatRecord | None  # its ``stat`` then (None: racy, its bytes are read next time)


FeedIndex = list[list[Any]]
"""``[[entry key, start, end], ...]``: where each entry lies in the feed, in bytes."""


@dataclass
class Manifest:
    """What the last build into a folder read and wrote."""

    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    fingerprint: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)  # see pipeline.build.stage.read_state
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    pseudo: int = 0  # drafts left out for their pseudo text

    def read_the_same(self, state: Snapshot) -> bool:
        """Whether ``state`` (what a run would read now) is what this manifest recorded,
        with no input racy: the run would do what the recorded one did."""
        return (
            state.fingerprint == self.fingerprint
            and state.inputs == self.inputs
            and None not in state.inputs.values()
        )


def read_manifest(output: Path) -> Manifest:
    """The manifest of the last build into ``output``; an empty one if there is none.

    A folder built before manifests existed gives the file names it recorded, without keys,
    so that the next build still removes what that one wrote.
    """
    found = load(output / FOLDER / "manifest.json")
    if found is None:
        old = output / OLD_LIST
        names = old.read_text(encoding="utf-8").split() if old.is_file() else []
        return Manifest(outputs={name: OutputRecord("", "", None) for name in names})
    return found


def is_builds(output: Path) -> bool:
    """Whether ``output`` is a build's to write into: missing or empty, or made its own by a
    build (which makes ``.pipeline/`` before it writes any page, so an interrupted first
    build leaves it too; a build before manifests left its file list). Any other folder
    holds files no build wrote, which a build must never replace or remove."""
    try:
        names = os.listdir(output)
    except (FileNotFoundError, NotADirectoryError):
        return True  # nothing in it to keep (writing says what is in the way)
    return not names or FOLDER in names or OLD_LIST in names


def recorded(output: Path) -> bool:
    """Whether a build into ``output`` left a manifest (told without reading it)."""
    return (output / FOLDER / "manifest.json").is_file()


def write_manifest(output: Path, manifest: Manifest) -> None:
    """Record ``manifest`` (and forget the file list of builds before manifests)."""
    save(output / FOLDER / "manifest.json", manifest)
    old = output / OLD_LIST
    if old.is_file():
        old.unlink()


def load(path: Path) -> Manifest | None:
    """The manifest kept in the file ``path``; None if there is none (or of another format)."""
    data = _read(path)
    if data is None:
        return None
    return Manifest(
        outputs={name: OutputRecord(*record) for name, record in data["outputs"].items()},
        fingerprint=data["fingerprint"],
        inputs=data["inputs"],
        problems=[Problem(*problem) for problem in data["problems"]],
        pages=data["pages"],
        pseudo=data.get("pseudo", 0),
    )


def save(path: Path, manifest: Manifest) -> None:
    """Keep ``manifest`` in the file ``path``."""
    data = {
        "outputs": manifest.outputs,
        "fingerprint": manifest.fingerprint,
        "inputs": manifest.inputs,
        "problems": [[p.path, p.line, p.message, p.warning] for p in manifest.problems],
        "pages": manifest.pages,
        "pseudo": manifest.pseudo,
    }
    _write(path, data)


def read_feeds(output: Path) -> dict[str, FeedIndex]:
    """Where the entries of each feed lie, by the feed's file name."""
    return _read(output / FOLDER / "feeds.json") or {}


def write_feeds(output: Path, feeds: dict[str, FeedIndex]) -> None:
    """Record where the entries of each feed lie."""
    _write(output / FOLDER / "feeds.json", feeds)


def _read(path: Path) -> Any:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data["data"]


def _write(path: Path, data: Any) -> None:
    text = json.dumps({"format": FORMAT, "data": data}, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, text, durable=False)

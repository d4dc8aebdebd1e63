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

Each file is a cache (``pipeline.state.cache``) of the manifest's ``FORMAT``: one of another
format counts as absent, and so does a damaged one, said in one line; the next build renders
every file (and still removes the files the last build recorded, when it can read which).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.errors import Problem, UsageError
from pipeline.state.cache import Cache, Damaged
from pipeline.state.fingerprints import Snapshot, StatRecord, digest, stat_list

FORMAT = 3
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


def refuse_tracked(output: Path, last: Manifest, named: str) -> None:
    """Raise ``UsageError`` if git tracks files in ``output`` that the last build did not
    write as they are now (not in its manifest, or their bytes changed since): committed
    work a build must not write over or mix with its own (``build --force`` builds anyway).
    Told by ``git ls-files`` where ``output`` lies in a git work tree; elsewhere, nothing
    is tracked."""
    found = [name for name in _tracked(output) if not _as_built(output, name, last)]
    if found:
        shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        raise UsageError(
            f"{named}: git tracks files here that no build wrote as they are ({shown}); a "
            "build never writes over committed work: move them out, or build with --force"
        )


def _tracked(output: Path) -> list[str]:
    """The files under ``output`` that git tracks, relative to it, but the build's own
    bookkeeping (``.pipeline/``); none outside a git work tree (asked of git only in one)."""
    if not output.is_dir() or not any((p / ".git").exists() for p in (output, *output.parents)):
        return []
    try:
        listed = subprocess.run(
            ["git", "-C", str(output), "ls-files", "-z"], capture_output=True, check=False
        )
    except OSError:  # no git: nothing can be told tracked
        return []
    if listed.returncode != 0:
        return []
    names = os.fsdecode(listed.stdout).split("\0")
    return [name for name in names if name and not name.startswith(f"{FOLDER}/")]


def _as_built(output: Path, name: str, last: Manifest) -> bool:
    """Whether the file ``name`` in ``output`` is as the last build wrote it (its ``stat``
    as recorded, or else its bytes)."""
    recorded = last.outputs.get(name)
    if not recorded:
        return False
    path = output / name
    try:
        if recorded.stat is not None and recorded.stat == stat_list(os.stat(path)):
            return True
        return digest(path.read_bytes()) == recorded.digest
    except OSError:
        return True  # gone: nothing to write over


def recorded(output: Path) -> bool:
    """Whether a build into ``output`` left a manifest (told without reading it)."""
    return (output / FOLDER / "manifest.json").is_file()


def write_manifest(output: Path, manifest: Manifest) -> None:
    """Record ``manifest`` (and forget the file list of builds before manifests)."""
    save(output / FOLDER / "manifest.json", manifest)
    old = output / OLD_LIST
    if old.is_file():
        old.unlink()


def load(path: Path, shown: str = "") -> Manifest | None:
    """The manifest kept in the file ``path``; None if there is none, of another format, or
    damaged (said, by ``shown`` or its path: ``pipeline.state.cache``)."""
    return Cache(path, FORMAT, shown, json=True).load(_manifest)


def _manifest(data: Any) -> Manifest:
    """The manifest ``data`` holds, if it has its shape."""
    problems = data["problems"]
    if not (
        isinstance(data["outputs"], dict)
        and all(isinstance(v, list) and len(v) == 3 for v in data["outputs"].values())
        and isinstance(data["fingerprint"], str)
        and isinstance(data["inputs"], dict)
        and isinstance(problems, list)
        and all(isinstance(p, list) and len(p) == 4 for p in problems)
        and isinstance(data["pages"], int)
        and isinstance(data["pseudo"], int)
    ):
        raise Damaged("not a manifest")
    return Manifest(
        outputs={name: OutputRecord(*record) for name, record in data["outputs"].items()},
        fingerprint=data["fingerprint"],
        inputs=data["inputs"],
        problems=[Problem(*problem) for problem in problems],
        pages=data["pages"],
        pseudo=data["pseudo"],
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
    Cache(path, FORMAT, json=True).save(data)


def read_feeds(output: Path) -> dict[str, FeedIndex]:
    """Where the entries of each feed lie, by the feed's file name."""
    return Cache(output / FOLDER / "feeds.json", FORMAT, json=True).load(_feeds) or {}


def _feeds(data: Any) -> dict[str, FeedIndex]:
    if not isinstance(data, dict) or not all(
        isinstance(index, list) and all(isinstance(span, list) and len(span) == 3 for span in index)
        for index in data.values()
    ):
        raise Damaged("not an index of feeds")
    return data


def write_feeds(output: Path, feeds: dict[str, FeedIndex]) -> None:
    """Record where the entries of each feed lie."""
    Cache(output / FOLDER / "feeds.json", FORMAT, json=True).save(feeds)

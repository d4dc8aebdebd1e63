"""What is stale: the files of the site whose key, or whose bytes, are not what the last
build recorded.

The last build into the output folder recorded, for every file it wrote, the file's key (what
it is made of, ``pipeline.build.keys``), the digest of its bytes and its ``stat``
(``pipeline.state.manifest``). A file is up to date when its key is the recorded one and it
is still as that build left it: its ``stat`` says so, or else its bytes do. A build with
nothing changed (the same inputs, none racy, every file as left) has nothing to do at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.state import manifest
from pipeline.state.fingerprints import Snapshot, digest, stat_list

if TYPE_CHECKING:  # (a build with nothing to do imports neither the keys nor the plan)
    from pipeline.build.keys import Output
    from pipeline.build.plan import SitePlan


class Seen(NamedTuple):
    """What finding the stale files learnt of those that are not: a file found by its
    ``stat`` is ``intact``; one found by its bytes is in ``hashed``, with its ``stat`` from
    before they were read. Recording the manifest does not look at them again."""

    hashed: dict[str, os.stat_result]
    intact: set[str]


def nothing_seen() -> Seen:
    """A ``Seen`` of no file."""
    return Seen({}, set())


def nothing_changed(output: Path, inputs: Snapshot, last: manifest.Manifest) -> bool:
    """Whether the last build read exactly these inputs (none of them racy) and its files are
    all as it left them: then there is nothing to do."""
    if not last.read_the_same(inputs) or not last.outputs:
        return False
    folder = os.fspath(output)
    for name, (_, _, stat) in last.outputs.items():
        try:
            if stat is None or stat_list(os.stat(os.path.join(folder, name))) != stat:
                return False
        except OSError:
            return False
    return True


def stale_files(
    output: Path, wanted: Iterable[Output], last: manifest.Manifest, seen: Seen
) -> list[Output]:
    """The files of ``wanted`` that are not up to date in ``output`` (what was learnt of the
    others goes into ``seen``)."""
    return [o for o in wanted if not _up_to_date(output, o, last, seen)]


def _up_to_date(output: Path, wanted: Output, last: manifest.Manifest, seen: Seen) -> bool:
    recorded = last.outputs.get(wanted.file)
    if recorded is None or recorded.key != wanted.key:
        return False
    path = os.path.join(output, wanted.file)  # a str: thousands of Paths cost more than stat
    try:
        stat = os.stat(path)
        if recorded.stat is not None and recorded.stat == stat_list(stat):
            seen.intact.add(wanted.file)
            return True
        with open(path, "rb") as stream:
            same = digest(stream.read()) == recorded.digest
    except OSError:
        return False
    if same:
        seen.hashed[wanted.file] = stat
    return same


def not_written_by_a_build(
    settings: Settings, output: Path, stale: list[Output], last: manifest.Manifest
) -> tuple[list[Output], list[Problem]]:
    """``stale`` without the files that are there but that no build wrote (put there by
    hand where the site now has a file: the manifest does not list them): a build never
    replaces those, and says so. A folder without a manifest is empty, or holds what an
    interrupted build wrote (``folder.output_folder``): there, every file is the build's."""
    if not last.outputs:
        return stale, []
    mine: list[Output] = []
    foreign: list[Problem] = []
    for wanted in stale:
        name = wanted.file
        if name in last.outputs or not os.path.lexists(os.path.join(output, name)):
            mine.append(wanted)
            continue
        foreign.append(
            Problem(
                settings.relative(output / name),
                None,
                "not written by a build (its manifest does not list it), so it is not "
                "replaced and this file of the site is not written; move it away",
            )
        )
    return mine, foreign


class Planned(NamedTuple):
    """The site as planned, and which of its files are stale: what the rest of a build
    renders, writes and records. (Named tuples, not dataclasses, here and in
    ``pipeline.build.write``: a dataclass costs a build with something to do 0.5 ms to
    make, a third of a per cent of an edit build each.)"""

    plan: SitePlan
    keys: Callable[[], dict[str, Output]]
    """Every file of the site with its key; made when first asked for (a build of every file
    asks while its workers render, ``write.write_stale``)."""
    stale: list[Output]
    problems: list[Problem]
    seen: Seen
    reused: bool = False  # the last build's plan (``plan_cache``): a failed build keeps it
    left_alone: bool = False  # a stale file there that no build wrote was not replaced

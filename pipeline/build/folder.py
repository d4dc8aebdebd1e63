"""The output folder of a build: which folder it is, and what a build leaves there.

A build writes only into a folder that builds wrote (``manifest.is_builds``), marks it as
being written from its first write until its manifest is recorded, and the next build
clears what an interrupted one left (its temporary files, known by their names).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.build.stale import Planned
from pipeline.config import Settings, output_refusal
from pipeline.errors import UsageError
from pipeline.files import make_folder, remove, remove_temporaries, write_atomic
from pipeline.state import manifest

CACHES = Path(".cache") / "pipeline"  # the site's caches (the plan cache's, the scan cache's)
BUILDING = "building"  # in the manifest's folder from a build's first write to its manifest


def output_folder(settings: Settings, out: Path | None, force: bool = False) -> Path:
    """The folder to build into: the ``output`` setting, or ``out`` wherever it is (a folder
    named on the command line is meant, as Hugo's ``--destination`` is), but never one that
    holds files no build wrote: those would be mixed with the site's, and a file of the
    site's name replaced (``manifest.is_builds``; MkDocs would empty the folder instead)."""
    if out is None:
        output, named = settings.output_dir, settings.output
    else:
        refusal = output_refusal(settings.root, out, anywhere=True)
        if refusal:
            raise UsageError(f"--out {out}: the output folder {refusal}")
        output, named = out.resolve(), f"--out {out}"
    if not force and not manifest.is_builds(output):
        raise UsageError(
            f"{named}: the folder holds files that no build wrote (it has no "
            f"{manifest.FOLDER}/), and a build never replaces them; name a new or empty folder"
        )
    return output


def clear_interrupted(settings: Settings, output: Path) -> None:
    """Remove the temporary files that a build into ``output`` interrupted before it recorded
    its manifest (killed, say) may have left there and in the site's caches: it left
    ``.pipeline/building`` (``marked_while_writing``). They are known by their names
    (``files.remove_temporaries``)."""
    mark = output / manifest.FOLDER / BUILDING
    if os.path.exists(mark):
        remove_temporaries(output)
        remove_temporaries(settings.root / CACHES)
        remove(mark)


class _Attempt:
    """A build while it writes: its plan, once made."""

    __slots__ = ("site",)

    def __init__(self) -> None:
        self.site: Planned | None = None


@contextlib.contextmanager
def marked_while_writing(settings: Settings, output: Path) -> Iterator[_Attempt]:
    """While a build writes: the output folder made the build's (``.pipeline/``, see
    ``manifest.is_builds``) and marked as being written (``.pipeline/building``) until the
    build has recorded its manifest. A build that fails leaves no plan cache of its own
    making, nor the folders it made if they are still empty; it leaves the mark (for the
    next build: ``clear_interrupted``)."""
    made = not output.exists()
    make_folder(output / manifest.FOLDER)
    mark = output / manifest.FOLDER / BUILDING
    write_atomic(mark, b"", durable=False)
    attempt = _Attempt()
    try:
        yield attempt
    except BaseException:
        if attempt.site is None or not attempt.site.reused:
            from pipeline.build import plan_cache

            plan_cache.forget(settings.root)
        with contextlib.suppress(OSError):
            if made and os.listdir(output) == [manifest.FOLDER]:
                os.unlink(mark)
                os.rmdir(output / manifest.FOLDER)
                os.rmdir(output)
        raise
    remove(mark)

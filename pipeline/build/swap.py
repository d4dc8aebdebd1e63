"""A built file replaced by swapping it with a spare file, not by renaming over it.

Renaming a new file over an old one (``files.write_atomic``) frees the old file's blocks,
and on a file system mounted with ``discard`` (as the project's VM is) freeing blocks waits
for the disk: 0.5-3.5 ms a file, where writing the new one takes 0.05 ms. A build that
renders 800 pages again after a posting was added waited seconds for that. Here each
process keeps one spare file in ``.pipeline/`` of the output folder; a file that is there
already is replaced by writing the new bytes into the spare and exchanging the two names
in one step (``renameat2`` with ``RENAME_EXCHANGE``, Linux): a reader of the site sees the
old file or the new one, never none and never part of one, as with a rename. The old file,
now under the spare's name, is the spare for the next file, its blocks written over; no
block is freed until the build removes the last spare (``clear``).

Where the exchange is not to be had (another system, a file system without it), or the
spare is not a plain file of its own (a hard link elsewhere is never written into), the file
is written as ``Within.write`` writes it. The bytes of the site are the same either way.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.files import Within
from pipeline.state import manifest

SPARE = ".spare.{pid}.tmp"  # (a temporary's name: a build after a killed one removes it)
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


@functools.cache
def _exchange() -> Callable[[bytes, bytes], int] | None:
    """libc's ``renameat2`` as ``exchange(a, b)`` (0 when done), or None without it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # (only a build that replaces files needs it: 2 ms)

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int

    def exchange(first: bytes, second: bytes) -> int:
        return int(renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE))

    return exchange


class Swapping:
    """``Within.write`` for a build's files, a file that is there already replaced through
    this process's spare (see the module)."""

    def __init__(self, within: Within) -> None:
        self.within = within
        self.base = within.base
        self.spare = os.path.join(within.base, manifest.FOLDER, SPARE.format(pid=os.getpid()))
        self.swapping = True  # (until an exchange fails: then as ``Within.write`` does)

    def write(self, name: str, raw: bytes) -> bool:
        """Write ``raw`` as the file ``name`` unless it holds exactly that; whether it wrote."""
        path = os.path.join(self.base, name)
        try:
            found = os.lstat(path)  # (only looked at: nothing is written before ``within``)
        except OSError:
            found = None
        if found is None or not stat.S_ISREG(found.st_mode):
            return self.within.write(name, raw)  # (a new file, in a folder made here maybe)
        self.within(name)  # (refused if it leaves the output folder)
        if found.st_size == len(raw):
            with contextlib.suppress(OSError), open(path, "rb") as stream:
                if stream.read() == raw:
                    return False
        if self.swapping and self._swapped(path, raw):
            return True
        self.swapping = False
        return self.within.write(name, raw)

    def _swapped(self, path: str, raw: bytes) -> bool:
        """Whether ``raw`` replaced the file at ``path`` by way of the spare."""
        exchange = _exchange()
        if exchange is None:
            return False
        try:
            handle = os.open(self.spare, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            found = os.fstat(handle)
            if not stat.S_ISREG(found.st_mode) or found.st_nlink != 1:
                os.close(handle)
                os.unlink(self.spare)  # (a link, never written into: the next is a new file)
                handle = os.open(
                    self.spare, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644
                )
                found = os.fstat(handle)
            if stat.S_IMODE(found.st_mode) != 0o644:
                os.fchmod(handle, 0o644)
            view = memoryview(raw)
            while view:
                view = view[os.write(handle, view) :]
            os.ftruncate(handle, len(raw))
        except OSError:
            return False
        finally:
            with contextlib.suppress(OSError):
                os.close(handle)
        return exchange(os.fsencode(self.spare), os.fsencode(path)) == 0


def clear(output: Path) -> None:
    """Remove the spares the build's processes left in ``output`` (once they are done)."""
    folder = output / manifest.FOLDER
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(".spare.") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)

"""Writing files safely: atomically, only inside the site root, one run at a time.

Every file the pipeline writes goes through ``write_atomic``: the text is written to a
temporary file in the same folder and renamed over the target, so an interrupted run never
leaves a half-written file. ``inside`` refuses any path that would leave its base folder
(``..``, absolute parts, or a symlink pointing elsewhere).

Symlinks are checked here, in one place, for every file and folder the pipeline writes,
makes, moves or removes (``may_write``): a run names the folders it works in (``confined``:
the CLI gives the site root, the output folder and the review folder), and nothing is
written where a symlink leads out of the folder it lies in. A symlink that stays inside is
followed (a ``locale`` kept elsewhere in the site is the site's own arrangement); what is
built into the output or review folder stays in that folder, wherever it is (``build --out``):
no symlink there leads into the site's sources either.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from pipeline.errors import OutputError


def inside(base: Path, *parts: str) -> Path:
    """``base`` joined with ``parts``, refused if the result would not be inside ``base``.

    Symlinks are resolved, so a link that points out of ``base`` is refused too.

    >>> inside(Path("/site"), "content", "sv", "a.md").as_posix()
    '/site/content/sv/a.md'
    >>> inside(Path("/site"), "../etc/passwd")
    Traceback (most recent call last):
    ...
    pipeline.errors.OutputError: ../etc/passwd: leaves /site; refused
    """
    path = base.joinpath(*parts)
    real_base = base.resolve()
    real = path.resolve()
    if real != real_base and real_base not in real.parents:
        raise OutputError(f"leaves {base}; refused", path="/".join(parts) or str(path))
    return path


class Within:
    """``inside`` for many files of one folder: each folder on the way is checked once.

    A build writes thousands of files, each in a folder of its own, and resolving every path
    costs more than writing it. A name with ``..``, an absolute name, or a folder on the way
    that is a symlink pointing out of ``base`` is refused all the same.

    >>> Within(Path("/site"))("en/news/a/index.html").as_posix()
    '/site/en/news/a/index.html'
    >>> Within(Path("/site"))("../etc/passwd")
    Traceback (most recent call last):
    ...
    pipeline.errors.OutputError: ../etc/passwd: leaves /site; refused
    """

    def __init__(self, base: Path) -> None:
        may_write(base, follow=True)  # (the folders on the way are checked by ``_folders``)
        self.base = base
        self.checked: set[str] = set()
        self.made: set[str] = set()

    def __call__(self, name: str) -> Path:
        """The path of ``name`` (``/``-separated, relative) inside the base folder."""
        self._folders(name, make=False)
        return self.base / name

    def write(self, name: str, data: bytes) -> bool:
        """``write_atomic(self(name), data, durable=False)`` with fewer system calls: each
        missing folder on the way is made here, and a file in a folder made here is written
        without looking for one already there (there is none: a build writes each file
        once). Returns whether it wrote."""
        path = os.path.join(self.base, name)
        if not self._folders(name, make=True):
            return _write_atomic(Path(path), data, durable=False)
        try:
            _write_new(path, data, durable=False)
        except OSError as error:
            raise OutputError(_describe_os_error(error), path=path) from None
        return True

    def _folders(self, name: str, make: bool) -> bool:
        """Refuse ``name`` if it leaves the base folder, checking each folder on the way
        once; with ``make``, make those missing. Whether ``name``'s folder was made here."""
        parts = name.split("/")
        if name.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise OutputError(f"leaves {self.base}; refused", path=name)
        folder = ""
        for part in parts[:-1]:
            folder = f"{folder}/{part}" if folder else part
            if folder in self.checked:
                continue
            path = os.path.join(self.base, folder)
            if make and _made(path):
                self.made.add(folder)  # a folder made here is no symlink
            elif os.path.islink(path):
                inside(self.base, *folder.split("/"))
            self.checked.add(folder)
        return folder in self.made


def _made(folder: str) -> bool:
    """Whether ``folder`` was made now (else it is there already, or cannot be made, which
    writing into it will say)."""
    try:
        os.mkdir(folder)
    except OSError:
        return False
    return True


_BOUNDS: list[tuple[str, str]] = []  # the run's folders (``confined``): as named, as real
WATCHERS: list[Callable[[str], None]] = []  # told each path ``may_write`` is asked about


@contextlib.contextmanager
def confined(*folders: Path) -> Iterator[None]:
    """Within this, ``may_write`` refuses to write outside ``folders`` (see the module)."""
    saved = list(_BOUNDS)
    for folder in folders:
        named, real = os.path.abspath(folder), os.path.realpath(folder)
        _BOUNDS.extend([(named, real), (real, real)])
    try:
        yield
    finally:
        _BOUNDS[:] = saved


def may_write(path: Path | str, follow: bool = False) -> None:
    """Raise ``OutputError`` unless writing ``path`` stays inside the folder of the run it
    lies in (the innermost of those ``confined`` names: the output folder for a page, the
    site root for a catalog): its folder, and with ``follow`` the path itself (a folder to
    write into, a file opened in place), must really lie there, whatever symlinks lead
    there. A file itself is replaced by a rename, never written through: not followed.
    Outside ``confined``, nothing is checked. ``WATCHERS`` are told of it."""
    for watcher in WATCHERS:
        watcher(os.path.abspath(path))
    if not _BOUNDS:
        return
    named = os.path.abspath(path)
    within = [(b, r) for b, r in _BOUNDS if named == b or named.startswith(b.rstrip("/") + "/")]
    if not within:
        raise OutputError("outside the site's folders; refused", path=str(path))
    base, real_base = max(within, key=lambda bound: len(bound[0]))
    real = os.path.realpath(named if follow else os.path.dirname(named))
    if real != real_base and not real.startswith(real_base.rstrip("/") + "/"):
        raise OutputError(
            f"a symbolic link leads out of {base} (to {real}); refused", path=str(path)
        )


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False without touching the file when it already holds exactly ``data``, so that
    re-runs change nothing (no new modification time, no churn in git).

    ``durable=False`` skips the ``fsync``: the rename still makes the write atomic for the
    run (an interrupted run leaves the old file or the new one), but after a power cut the
    new file may be empty. Only for files the pipeline can write again from its sources (the
    built site, whose manifest notices such a file and rebuilds it); a sync per file would
    take more time than everything else a build does.
    """
    may_write(path)
    return _write_atomic(path, data, durable)


def _write_atomic(path: Path, data: str | bytes, durable: bool) -> bool:
    """``write_atomic`` where ``may_write`` was asked (``Within`` checks its own files)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            found = None
        if (
            found is not None
            and stat.S_ISREG(found.st_mode)
            and found.st_size == len(raw)
            and path.read_bytes() == raw
        ):
            return False
        if not path.parent.is_dir():  # a stat; mkdir on an existing folder costs more
            path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(os.fspath(path), raw, durable)
    except OSError as error:
        raise _cannot_write(error, path) from None
    return True


def _cannot_write(error: OSError, path: Path) -> OutputError:
    """The error to report for ``error``, met writing ``path`` (or making it a folder)."""
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        blocker = next((p for p in reversed(path.parents) if p.is_file()), None)
        if blocker is not None:
            return OutputError(
                f"cannot write: {blocker} is a file where a folder is needed", path=str(path)
            )
    return OutputError(_describe_os_error(error), path=str(path))


_names = itertools.count()
_umask: list[int] = []


def _temporary(path: str) -> tuple[int, str]:
    """A new temporary file beside ``path`` (named after this process and a counter, made
    with ``O_EXCL``, mode 0644): its handle and its path."""
    folder, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    while True:
        temporary = os.path.join(folder, f".{name}.{os.getpid()}-{next(_names)}.tmp")
        try:
            return os.open(temporary, flags, 0o644), temporary
        except FileExistsError:  # left by an earlier process of the same number
            continue


def _write_new(path: str, raw: bytes, durable: bool) -> None:
    """Write ``raw`` to a new temporary file beside ``path`` (``_temporary``) and rename it
    over ``path``."""
    # (an interruption as the file is made leaves it; the next build removes it by its name,
    # remove_temporaries)
    handle, temporary = _temporary(path)
    try:
        try:
            if _file_mode() != 0o644:
                os.fchmod(handle, 0o644)
            view = memoryview(raw)
            while view:
                view = view[os.write(handle, view) :]
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic_with(path: Path, fill: Callable[[IO[bytes]], None], durable: bool = False) -> None:
    """Write ``path`` as ``fill(stream)`` writes it, atomically as ``write_atomic`` does:
    for data written as it is made (a large pickle), never whole in memory."""
    may_write(path)
    try:
        make_folder(path.parent)
        handle, temporary = _temporary(os.fspath(path))
        try:
            with os.fdopen(handle, "wb") as stream:
                if _file_mode() != 0o644:
                    os.fchmod(stream.fileno(), 0o644)
                fill(stream)
                if durable:
                    stream.flush()
                    os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise _cannot_write(error, path) from None


TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)(-[0-9]+)?\.tmp")
"""A temporary file's name (``_write_new``: ``.NAME.PID-N.tmp``; plan cache: ``.NAME.PID.tmp``)."""


def remove_temporaries(folder: Path) -> int:
    """Remove the temporary files that processes of the pipeline no longer running left
    in ``folder`` and the folders in it (an interrupted run: killed, or stopped between
    making one and removing it); how many. A file is known by its name (``TEMPORARY``)."""
    removed = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            found = TEMPORARY.fullmatch(name)
            if found and not _running(int(found["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(parent, name))
                    removed += 1
    return removed


def _running(pid: int) -> bool:
    """Whether the process ``pid`` runs (not one ended but not waited for: a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            return stream.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _file_mode() -> int:
    """The mode ``os.open(..., 0o644)`` gives under the umask (read once, by setting it)."""
    if not _umask:
        mask = os.umask(0o022)
        os.umask(mask)
        _umask.append(mask)
    return 0o644 & ~_umask[0]


def move(source: Path, target: Path) -> None:
    """Move a file (same file system: a rename), refusing to replace another file."""
    may_write(source)
    may_write(target)
    if target.exists():
        raise OutputError(f"cannot move {source} here: the file exists", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
    except OSError as error:
        raise OutputError(_describe_os_error(error), path=str(target)) from None


def make_folder(path: Path) -> None:
    """Make the folder ``path`` and its missing parents (there already: nothing to do)."""
    may_write(path, follow=True)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(error, path) from None


def remove(path: Path) -> None:
    """Delete a file the pipeline itself wrote (never content)."""
    may_write(path)
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise OutputError(_describe_os_error(error), path=str(path)) from None


def remove_empty_folders(base: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) ``base`` while they are empty,
    as removing a page leaves them."""
    if base not in folder.parents:
        return  # (a file of ``base`` itself was removed: there is no folder to look at)
    may_write(folder)
    try:
        while base in folder.parents and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError as error:
        raise OutputError(_describe_os_error(error), path=str(folder)) from None


def _describe_os_error(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full; nothing was half-written, free space and run again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "cannot write here (read-only or no permission)"
    return f"cannot write: {error.strerror or error}"


LOCK_NAME = ".pipeline.lock"


@contextlib.contextmanager
def locked(root: Path, wait: bool = False) -> Iterator[None]:
    """Hold the site's lock for the duration of a run that writes files.

    A second run refuses at once (``wait=False``) with a clear message, or waits its turn.
    """
    path = root / LOCK_NAME
    may_write(path, follow=True)  # (opened where it is: a symlink leads there)
    try:
        stream = open(path, "a+")  # noqa: SIM115 - closed in finally
    except OSError as error:
        raise OutputError(_describe_os_error(error), path=str(path)) from None
    try:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise OutputError(
                "another pipeline run is working on this site; wait for it to finish and try again",
                path=str(path),
            ) from None
        yield
    finally:
        stream.close()

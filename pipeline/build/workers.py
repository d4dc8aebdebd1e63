"""Work spread over the machine's cores: forked processes that share what the parent has.

A build parses and renders thousands of independent documents, and Python runs one thread at
a time. ``fork_share`` runs jobs in this process and in forked children, each taking the next
job left from a queue (a pipe of job numbers), so that they end together; the children start
with everything the parent holds (settings, plan, templates already compiled), so only their
results travel back, pickled through a pipe. That makes it pay from a few hundred pages on;
below that, and where ``fork`` is not the way processes start (Windows; macOS, where forking
a process that has used system frameworks is unsafe), the work runs here, one job after
another, with the same results.

A ``Standby`` is a process forked before its work is known: it gets ready (imports, compiles)
on the other core while this process finds out what there is to do, then runs the one job it
is sent, or is stopped unused.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, NoReturn, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")
Ready = TypeVar("Ready")


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether ``fork_share`` runs jobs in parallel here (Linux) or one after another."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def workers(setting: int, jobs: int, threshold: int) -> int:
    """How many processes to use for ``jobs`` units of work: the ``build-workers`` setting
    if above 0, else every core once there are ``threshold`` units or more.

    >>> workers(0, 10, 200), workers(3, 10, 200)
    (1, 3)
    """
    if not can_fork():
        return 1
    if setting > 0:
        return setting
    return cores() if jobs >= threshold else 1


def return_freed_memory() -> None:
    """Give the memory freed so far back to the system (where the C library can): the
    bodies, and what rendering each page used, are freed in thousands of small holes that
    the rest of the build, and the processes forked to render pages, would otherwise carry
    as resident memory (a build of 10,000 pairs peaked 50 MB higher)."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused, not given back
        pass


def fork_share(
    work: Callable[[Job], list[Result]],
    jobs: Sequence[Job],
    processes: int,
    first: Callable[[], list[Result]] = list,
) -> list[Result]:
    """Every result of ``first()`` and of ``work(job)`` for each of ``jobs``, over
    ``processes`` processes: this one, which runs ``first()`` first, and forked children.
    Each process takes the next job none has taken until none is left, so that they end
    together (within a job) however long ``first`` and each job take. With one process, or
    where processes are not forked, everything runs here, in order. An exception in a child
    is raised here, as it was raised there."""
    if processes < 2 or len(jobs) < 2 or not can_fork():
        return first() + [result for job in jobs for result in work(job)]
    # The queue: a pipe of job numbers, 4 bytes each, written in runs of whole numbers no
    # longer than PIPE_BUF, so that a read of 4 bytes always takes one whole number.
    taken, queue = os.pipe()
    children: list[tuple[int, int]] = []
    try:
        for _ in range(processes - 1):
            children.append(_start(lambda _: _take(work, jobs, taken, queue), None))
        numbers = b"".join(number.to_bytes(4, "little") for number in range(len(jobs)))
        for start in range(0, len(numbers), 4096):
            os.write(queue, numbers[start : start + 4096])
        os.close(queue)  # (the children closed theirs): the queue ends once it is empty
        queue = -1
        mine = first() + _take(work, jobs, taken)
        results = []
        while children:
            results += _result(*children.pop(0))  # type: ignore[arg-type]
    finally:
        _stop(children)
        for pipe in (taken, queue):
            if pipe >= 0:
                with contextlib.suppress(OSError):
                    os.close(pipe)
    return results + mine


def _take(
    work: Callable[[Job], list[Result]], jobs: Sequence[Job], taken: int, queue: int = -1
) -> list[Result]:
    """Run the jobs this process takes from the queue (``taken``, the pipe's end to read
    from; ``queue``, its end to write to, which a child closes first) until it is empty."""
    if queue >= 0:
        os.close(queue)
    results: list[Result] = []
    while number := os.read(taken, 4):
        results += work(jobs[int.from_bytes(number, "little")])
    return results


def _start(work: Callable[[Job], Result], job: Job) -> tuple[int, int]:
    """Fork a child that runs ``work(job)`` and sends back what came of it."""
    read, write = os.pipe()
    try:
        pid, child = _fork()
    except OSError:
        os.close(read)
        os.close(write)
        raise
    if pid:
        os.close(write)
        return pid, read
    with child:  # pragma: no cover - the child's side; its results are what is tested
        os.close(read)
        _answer(write, lambda: work(job))


HELD = (signal.SIGINT, signal.SIGTERM)


def _fork() -> tuple[int, contextlib.AbstractContextManager[None]]:
    """``os.fork()``, and for the child the guard its whole life runs in.

    A forked child must never come back into its caller's code: a SIGTERM or Ctrl-C that
    reaches it before it is inside its ``try`` would raise (the CLI turns both into an
    exception) and the child would go on running the parent's program (a build, a test
    session) beside it, while the parent waits for it. So both signals are held from
    before the fork until the child is inside the guard, which ends it with ``os._exit``
    whatever escapes (``tests/build/test_workers.py``)."""
    parent = os.getpid()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    if pid:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return pid, _child(parent, mask)


@contextlib.contextmanager
def _child(parent: int, mask: set[signal.Signals]) -> Iterator[None]:  # pragma: no cover
    """In a forked child: its work runs inside, and nothing comes out (``os._exit``)."""
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        _end_with(parent)
        yield
    finally:
        os._exit(1)  # (what ends well has exited already, with its own status)


def _end_with(parent: int) -> None:  # pragma: no cover - runs in a child
    """Have this child process, forked by ``parent``, stopped (SIGTERM, as ``_stop`` stops
    it) when ``parent`` ends, however it ends: killed (SIGKILL), a build's worker would go
    on writing into the site, holding the site's lock, after its build has gone."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: fork_share and Standby do not fork there
        pass
    if os.getppid() != parent:  # it ended before this process could ask
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _answer(pipe: int, produce: Callable[[], object]) -> NoReturn:  # pragma: no cover
    """In a child: send back through ``pipe`` what ``produce()`` gave, or what it raised,
    and end the process (exit status 1 if it raised)."""
    status = 0
    try:
        try:
            payload = pickle.dumps((True, produce()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:
            status = 1
            payload = _pickled_error(error)
        with os.fdopen(pipe, "wb") as stream:
            stream.write(payload)
    finally:
        # Never return into the parent's code (its finally blocks, its lock, its output).
        os._exit(status)


def _pickled_error(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error))
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))


def _result(pid: int, pipe: int) -> object:
    """What the child ``pid`` sent through ``pipe``, once it has exited."""
    try:
        with os.fdopen(pipe, "rb") as stream:
            payload = stream.read()
    finally:
        os.waitpid(pid, 0)  # a child whose pipe is closed stops writing and exits
    ok, value = pickle.loads(payload) if payload else (False, RuntimeError("a worker died"))
    if not ok:
        raise value
    return value


def _stop(children: list[tuple[int, int]]) -> None:
    """Stop children still running (this process was interrupted or failed)."""
    for pid, pipe in children:
        with contextlib.suppress(OSError):
            os.close(pipe)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


class Standby(Generic[Job, Result]):
    """A forked process that gets ready for a job before the job is known.

    ``Standby.start(ready, work)`` forks a child that calls ``ready()`` at once and then
    waits; ``send(job)`` gives it the job, ``result()`` is what ``work(ready(), job)`` gave
    there (an exception raised there is raised here), and ``stop()`` ends a standby that is
    not needed (at any time). What ``ready()`` raises is raised in ``work``'s turn, as if it
    had been called then.
    """

    def __init__(self, pid: int, jobs: int, results: int) -> None:
        self.pid = pid
        self.jobs: int | None = jobs  # the pipe the job goes through, until it is sent
        self.results: int | None = results

    @classmethod
    def start(
        cls, ready: Callable[[], Ready], work: Callable[[Ready, Job], Result]
    ) -> Standby[Job, Result] | None:
        """A standby process, or None where processes are not forked (see ``can_fork``) or
        one cannot be now (too many processes or open files: the work is done without)."""
        if not can_fork():
            return None
        pipes: list[int] = []
        try:
            pipes += os.pipe()
            pipes += os.pipe()
            pid, child = _fork()
        except OSError:
            for pipe in pipes:
                os.close(pipe)
            return None
        job_read, job_write, result_read, result_write = pipes
        if pid:
            os.close(job_read)
            os.close(result_write)
            return cls(pid, job_write, result_read)
        with child:  # pragma: no cover - the child's side; its results are tested
            os.close(job_write)
            os.close(result_read)
            _serve(ready, work, job_read, result_write)
        return None  # pragma: no cover - never reached: the child has exited

    def send(self, job: Job) -> bool:
        """Give the standby process its job (once); False, and the standby stopped, if the
        job cannot be pickled to go there (then it is the caller's to do)."""
        assert self.jobs is not None, "a standby runs one job"
        try:
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self.stop()
            return False
        try:
            with os.fdopen(self.jobs, "wb") as stream:
                stream.write(payload)
        except BrokenPipeError:
            pass  # it died: result() says so
        finally:
            self.jobs = None
        return True

    def result(self) -> Result:
        """What the job sent gave, once the standby process has exited."""
        assert self.results is not None and self.jobs is None, "send the job first"
        pipe, self.results = self.results, None
        return _result(self.pid, pipe)  # type: ignore[return-value]

    def stop(self) -> None:
        """End the standby process, whatever it is doing, as ``fork_share`` ends its children
        (SIGTERM: a file it is writing is not left half-written); nothing once it has sent
        its result."""
        if self.jobs is not None:
            with contextlib.suppress(OSError):
                os.close(self.jobs)
        if self.results is not None:
            _stop([(self.pid, self.results)])
        self.jobs = self.results = None


def _serve(
    ready: Callable[[], Ready], work: Callable[[Ready, Job], Result], jobs: int, results: int
) -> None:  # pragma: no cover - runs in the standby process
    """The standby process: get ready, wait for the job, send back what came of it, exit."""
    try:
        failed: BaseException | None = None
        try:
            state = ready()
        except Exception as error:
            failed = error
        with os.fdopen(jobs, "rb") as stream:
            payload = stream.read()
        if payload:

            def run() -> Result:
                if failed is not None:
                    raise failed
                return work(state, pickle.loads(payload))

            _answer(results, run)
    finally:
        os._exit(0)  # (no job came: not needed; or what ``_answer`` did not reach)

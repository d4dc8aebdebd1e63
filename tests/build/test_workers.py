"""``pipeline.build.workers.Standby``: a forked process that gets ready before its job is known,
on real processes."""

from __future__ import annotations

import os
import time

import pytest

from pipeline.build import workers
from pipeline.errors import PipelineError


def ready() -> dict[str, int]:
    return {"ready in": os.getpid()}


def work(state: dict[str, int], job: list[int]) -> tuple[dict[str, int], int, int]:
    return state, sum(job), os.getpid()


def reaped(pid: int) -> bool:
    """Whether the process ``pid`` (a child of this one) is gone and waited for."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_standby_runs_its_job_where_it_got_ready() -> None:
    standby = workers.Standby.start(ready, work)
    assert standby is not None
    standby.send([1, 2, 3])
    state, total, pid = standby.result()
    assert total == 6
    assert state == {"ready in": pid} and pid == standby.pid != os.getpid()
    assert reaped(standby.pid)
    standby.stop()  # after its result: nothing left to do


def test_what_fails_there_is_raised_here() -> None:
    def failing(state: object, job: str) -> None:
        raise PipelineError(f"cannot: {job}", "content/sv/a.md", 3)

    standby = workers.Standby.start(ready, failing)
    assert standby is not None
    standby.send("render")
    with pytest.raises(PipelineError) as raised:
        standby.result()
    assert str(raised.value) == "content/sv/a.md:3: cannot: render"
    assert reaped(standby.pid)


def test_what_failed_while_getting_ready_is_raised_when_the_job_comes() -> None:
    def unready() -> None:
        raise ValueError("no catalog")

    standby = workers.Standby.start(unready, work)
    assert standby is not None
    standby.send([1])
    with pytest.raises(ValueError, match="no catalog"):
        standby.result()


@pytest.mark.parametrize("when", ["getting ready", "waiting", "working"])
def test_a_standby_not_needed_is_stopped_and_waited_for(when: str) -> None:
    def slow_ready() -> None:
        time.sleep(600 if when == "getting ready" else 0)

    def slow_work(state: None, job: int) -> int:
        time.sleep(600)
        return job

    standby = workers.Standby.start(slow_ready, slow_work)
    assert standby is not None
    if when == "working":
        standby.send(1)
    standby.stop()
    assert reaped(standby.pid)


def test_where_processes_are_not_forked_there_is_no_standby(monkeypatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert workers.Standby.start(ready, work) is None


def test_a_job_that_cannot_go_there_is_left_to_the_caller() -> None:
    standby = workers.Standby.start(ready, work)
    assert standby is not None
    assert not standby.send([lambda: 1])  # a lambda cannot be pickled
    assert reaped(standby.pid)


def test_when_no_process_can_be_started_there_is_no_standby(monkeypatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    opened = len(os.listdir("/proc/self/fd"))
    assert workers.Standby.start(ready, work) is None
    assert len(os.listdir("/proc/self/fd")) == opened  # its pipes closed


def test_shared_jobs_are_each_run_once_and_the_slow_first_is_made_up_for() -> None:
    def work(job: int) -> list[tuple[int, int]]:
        return [(job, os.getpid())]

    def first() -> list[tuple[int, int]]:
        time.sleep(0.5)  # this process starts late: the child takes the jobs meanwhile
        return [(-1, os.getpid())]

    results = workers.fork_share(work, list(range(200)), 2, first)
    assert sorted(job for job, _ in results) == [-1, *range(200)]
    by_child = [job for job, pid in results if pid != os.getpid()]
    assert len(by_child) > 100  # more than an even split: it did not wait for this one


def test_a_failing_shared_job_is_raised_here_and_no_child_is_left() -> None:
    def work(job: int) -> list[int]:
        if job == 150:
            raise PipelineError(f"cannot: {job}", "content/sv/a.md", 1)
        return [job]

    with pytest.raises(PipelineError, match="cannot: 150"):
        workers.fork_share(work, list(range(200)), 2, lambda: [])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_one_process_runs_everything_here_in_order() -> None:
    calls: list[object] = []

    def work(job: int) -> list[int]:
        calls.append(job)
        return [job]

    assert workers.fork_share(work, [3, 1, 2], 1, lambda: ["first"]) == ["first", 3, 1, 2]
    assert calls == [3, 1, 2]


def interrupted_at_once(parent: int) -> None:
    """What a SIGTERM (which the CLI turns into an exception) does in a child that gets it
    the moment it is forked, before it is inside its own code."""
    raise KeyboardInterrupt


def test_a_child_interrupted_as_it_starts_never_runs_its_parents_code(
    monkeypatch, tmp_path
) -> None:
    """A forked child that an exception reaches before its work never comes back into the
    caller (it once went on running the test session beside it while its parent waited)."""
    monkeypatch.setattr(workers, "_end_with", interrupted_at_once)
    me = os.getpid()
    escaped = tmp_path / "escaped"

    def came_back() -> None:
        if os.getpid() != me:  # only a child that escaped gets here
            escaped.write_text(str(os.getpid()))
            os._exit(0)

    try:
        standby = workers.Standby.start(ready, work)
    finally:
        came_back()  # (what escaped a child comes out here, raising)
    assert standby is not None
    standby.send([1])
    with pytest.raises(RuntimeError, match="a worker died"):
        standby.result()
    with pytest.raises(RuntimeError, match="a worker died"):
        try:
            workers.fork_share(lambda job: [job], [1, 2, 3], processes=2)
        finally:
            came_back()
    assert not escaped.exists()
    assert reaped(standby.pid)

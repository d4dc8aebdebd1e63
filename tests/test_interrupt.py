"""SIGINT and SIGTERM in the middle of a run, and two runs at once, on real processes.

Each run is ``python -m pipeline ... --root SITE`` in a process of its own. A run is held at
a known point before it is signalled: ``translate`` by the fake LibreTranslate server, which
keeps a request waiting; ``build`` by a hook that stops it at the rename of a file it
is writing (the temporary file is there, the rename not done); a build with workers, its own
process and each worker so (``HOLD``), then signalled or killed. Afterwards the site must be
intact (``tests/intact.py``; after a kill, once the next build has run), the workers gone with
their build, and the next run must finish the work with the result of a run that was never
interrupted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, FakeLibreTranslate, Site, engine_pyproject
from tests.intact import assert_intact, leftovers

POSTINGS = {
    "a": "Hej världen",
    "b": "Bästa bäcken",
    "c": "Cirkeln sluts",
}
PATIENCE = 60  # seconds a process may take to react: far more than it needs, never waited out

# Run as ``python -c HOOK MARKER N ARGS...``: the real CLI, stopped at the N-th rename (inside
# ``write_atomic``, between writing a temporary file and renaming it) until a signal comes.
HOOK = """\
import os, sys, time
from pathlib import Path

marker, after, calls = Path(sys.argv[1]), int(sys.argv[2]), [0]
real_replace = os.replace

def replace(source, target):
    calls[0] += 1
    if calls[0] == after:
        marker.touch()
        while True:
            time.sleep(0.05)
    real_replace(source, target)

os.replace = replace
from pipeline.cli import main
os._exit(main(sys.argv[3:]))
"""


@pytest.fixture
def server() -> Iterator[FakeLibreTranslate]:
    """The fake LibreTranslate server, for pipeline processes (not patched like ``libre``)."""
    made = FakeLibreTranslate()
    made.slow_seconds = 120.0  # a held request waits for ``released``, never for this
    thread = threading.Thread(target=made.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield made
    made.released.set()
    made.shutdown()
    made.server_close()


def make_site(root: Path, concurrency: int = 1) -> Site:
    site = Site(root)
    root.mkdir(parents=True)
    site.write("pyproject.toml", engine_pyproject(timeout=60, attempts=2, concurrency=concurrency))
    for ref, title in POSTINGS.items():
        site.write(
            f"content/sv/{ref}.md",
            f"---\nlang: sv\nref: {ref}\ntitle: {title}\n---\n"
            f"Första stycket om {title}, med en [länk](https://example.net/{ref}).\n\n"
            f"Andra stycket om `{ref}`.\n",
        )
    return site


def environment(server: FakeLibreTranslate) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "LIBRETRANSLATE_API_KEY"}
    env["LIBRETRANSLATE_URL"] = server.url
    return env


def start(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args, "--root", str(root)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=PATIENCE)
    assert "Traceback" not in err, err
    return process.returncode, out, err


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    return finish(start(root, *args, env=env))


def wait_for(condition: Callable[[], bool], process: subprocess.Popen) -> None:
    """Poll until ``condition`` holds; fail if the process ends first or it takes too long."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.02)


def held(server: FakeLibreTranslate, root: Path) -> Callable[[], bool]:
    """Whether a request is being held after the first draft was written."""
    return lambda: server.requests > 3 and any((root / "content" / "en").glob("*.md"))


def translated_without_interruption(tmp_path: Path, server: FakeLibreTranslate) -> Site:
    site = make_site(tmp_path / "calm")
    code, _, err = run(site.root, "translate", env=environment(server))
    assert code == 0, err
    return site


@pytest.mark.parametrize(
    ("signum", "concurrency"),
    [(signal.SIGINT, 1), (signal.SIGTERM, 1), (signal.SIGINT, 4)],
    ids=["SIGINT", "SIGTERM", "SIGINT-4-at-once"],
)
def test_an_interrupted_translate_keeps_what_was_done_and_a_rerun_completes(
    tmp_path: Path, server: FakeLibreTranslate, signum: int, concurrency: int
) -> None:
    site = make_site(tmp_path / "site", concurrency)
    env = environment(server)
    server.faults = [None] * 3  # a.md (title, two paragraphs), then every request is held
    server.always = "slow"
    process = start(site.root, "translate", env=env)
    wait_for(held(server, site.root), process)
    process.send_signal(signum)
    code, _, err = finish(process)
    assert code == 130
    assert err.splitlines()[-1] == (
        "pipeline: interrupted; finished files are kept, run again to complete"
    )
    assert_intact(site.root)
    drafted = sorted(site.files("content/en"))
    assert drafted  # what was finished is kept
    assert "HEJ VÄRLDEN" in site.read("locale/memory/sv-en.po")

    server.always = None
    server.released.set()
    sent = server.requests
    code, _, err = run(site.root, "translate", env=env)
    assert code == 0, err
    assert_intact(site.root)
    assert server.requests - sent <= 6  # b.md and c.md at most: nothing of a.md again
    calm = translated_without_interruption(tmp_path, server)
    assert site.files("content") == calm.files("content")
    assert site.files("locale") == calm.files("locale")


def hooked(hook: str, *args: str) -> subprocess.Popen:
    """``python -c HOOK ARGS...``: the real CLI, run by a hook that stops it somewhere."""
    return subprocess.Popen(
        [sys.executable, "-c", hook, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def published(root: Path) -> dict[str, bytes]:
    """The built site, without the build's own bookkeeping (``public/.pipeline/``, which
    records file times and so differs between any two builds)."""
    return {k: v for k, v in Site(root).files("public").items() if "/.pipeline/" not in k}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_leaves_no_half_file_and_a_rerun_completes(
    tmp_path: Path, signum: int
) -> None:
    site = make_site(tmp_path / "site")
    shutil.copy(REPO / "babel.cfg", site.root / "babel.cfg")
    shutil.copytree(REPO / "locale", site.root / "locale", ignore=shutil.ignore_patterns("*.mo"))
    for command in ("translate", "i18n"):
        code, _, err = run(site.root, command, "--translator", "pseudo")
        assert code == 0, err
    calm = tmp_path / "calm"
    shutil.copytree(site.root, calm)
    marker = tmp_path / "writing"
    process = hooked(HOOK, str(marker), "5", "build", "--root", str(site.root))
    wait_for(marker.exists, process)
    assert leftovers(site.root)  # stopped between writing a temporary file and its rename
    process.send_signal(signum)
    code, _, err = finish(process)
    assert code == 130, err
    assert_intact(site.root)
    assert 0 < len(site.files("public")) < 12  # some pages written, the rest not

    code, _, err = run(site.root, "build")
    assert code == 0, err
    assert run(calm, "build")[0] == 0
    assert published(site.root) == published(calm)
    code, _, err = run(site.root, "check")
    assert code == 0, err


def test_a_second_run_at_the_same_time_refuses_and_the_first_finishes(
    tmp_path: Path, server: FakeLibreTranslate
) -> None:
    site = make_site(tmp_path / "site")
    env = environment(server)
    server.faults = [None] * 3
    server.always = "slow"
    first = start(site.root, "translate", env=env)
    wait_for(held(server, site.root), first)
    before = site.files("locale")
    refusal = "another pipeline run is working on this site; wait for it to finish and try again"
    for command in ("translate", "ingest", "build"):
        code, out, err = run(site.root, command, env=env)
        assert code == 1
        assert err.splitlines() == [f"{site.root / '.pipeline.lock'}: {refusal}"]
        assert out == ""
    assert site.files("locale") == before  # the refused runs touched nothing
    server.always = None
    server.released.set()
    code, _, err = finish(first)
    assert code == 0, err
    assert_intact(site.root)
    assert len(site.files("content/en")) == len(POSTINGS)
    assert run(site.root, "translate", env=env)[0] == 0  # the lock is free again


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_run_interrupted_within_a_draft_resumes_to_what_an_uninterrupted_run_makes(
    tmp_path: Path, server: FakeLibreTranslate, signum: int
) -> None:
    """Stopped after the engine answered b.md's title and before its paragraphs: the next
    run sends only the paragraphs, and its drafts, memory and records (every block's
    ``"origin": "engine"``) are byte for byte those of a run never interrupted."""
    site = make_site(tmp_path / "site")
    env = environment(server)
    server.faults = [None] * 4  # a.md, then b.md's title; b.md's first paragraph is held
    server.always = "slow"
    process = start(site.root, "translate", env=env)
    wait_for(lambda: server.requests > 4, process)
    process.send_signal(signum)
    assert finish(process)[0] == 130
    assert_intact(site.root)
    assert "BÄSTA BÄCKEN" not in site.read("locale/memory/sv-en.po")  # no draft of b.md yet

    server.always = None
    server.released.set()
    sent = server.requests
    code, _, err = run(site.root, "translate", env=env)
    assert code == 0, err
    assert server.requests - sent == 5  # b.md's two paragraphs, and c.md
    calm = translated_without_interruption(tmp_path, server)
    assert site.files("content") == calm.files("content")
    assert site.files("locale") == calm.files("locale")


# Run as ``python -c HOLD FOLDER TARGET ARGS...``: the real CLI, whose build's own process
# stops at the rename of the file named TARGET, and each worker it forks at its first rename
# (between writing a temporary file and renaming it), each until a signal comes. Each
# process says where it stopped with a file in FOLDER named after it and its number.
HOLD = """\
import os, sys, time
from pathlib import Path

folder, target, first = Path(sys.argv[1]), sys.argv[2], os.getpid()
real_replace = os.replace

def replace(source, destination):
    me = os.getpid()
    if (os.path.basename(destination) == target) if me == first else me not in held:
        held.add(me)
        (folder / f"{'build' if me == first else 'worker'}-{me}").touch()
        while True:
            time.sleep(0.05)
    real_replace(source, destination)

held = set()
os.replace = replace
from pipeline.cli import main
os._exit(main(sys.argv[3:]))
"""
PAIRS_WITH_WORKERS = 25  # 50 pages: 3 runs of pipeline.build.write.CHUNK for 2 processes


def site_with_workers(root: Path) -> Site:
    """A site whose build renders its pages in two processes (``build-workers = 2``)."""
    site = Site(root)
    site.write("pyproject.toml", '[tool.pipeline]\nsite-url = "https://example.org"\n'
               'translator = "pseudo"\nbuild-workers = 2\n')  # fmt: skip
    for number in range(PAIRS_WITH_WORKERS):
        site.write(
            f"content/sv/p{number}.md",
            f"---\nlang: sv\nref: p{number}\ntitle: Inlägg {number}\n"
            f"date: 2024-01-{number % 28 + 1:02d}\n---\nFörsta stycket om {number}.\n",
        )
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    shutil.copytree(REPO / "locale", root / "locale", ignore=shutil.ignore_patterns("*.mo"))
    for command in ("translate", "i18n"):
        code, _, err = run(root, command)
        assert code == 0, err
    return site


def running(pid: int) -> bool:
    """Whether the process ``pid`` still runs (an ended one not yet waited for does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != b"Z"


@pytest.mark.parametrize(
    "signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"]
)
def test_an_interrupted_build_with_workers_stops_them_and_the_next_build_clears_up(
    tmp_path: Path, signum: int
) -> None:
    site = site_with_workers(tmp_path / "site")
    calm = tmp_path / "calm"
    shutil.copytree(site.root, calm)
    held = tmp_path / "held"
    held.mkdir()
    process = hooked(HOLD, str(held), "sitemap.xml", "build", "--root", str(site.root))
    stopped = lambda: sorted(p.name.split("-")[0] for p in held.iterdir())  # noqa: E731
    try:
        wait_for(lambda: stopped() == ["build", "worker"], process)
        worker = int(next(held.glob("worker-*")).name.split("-")[1])
        assert len(leftovers(site.root)) == 2  # each stopped with a temporary file
        process.send_signal(signum)
        code, _, err = finish(process)
        # The worker stops with the build, however the build ends.
        deadline = time.monotonic() + PATIENCE
        while running(worker) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not running(worker), "the worker outlived its build"
    finally:
        for stray in held.iterdir():
            with contextlib.suppress(OSError):
                os.kill(int(stray.name.split("-")[1]), signal.SIGKILL)
        process.kill()
        process.wait()
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
        # Only what the killed build itself was writing is left: the worker cleared up.
        (left,) = leftovers(site.root)
        assert left.startswith(f"public/.sitemap.xml.{process.pid}-"), left
    else:
        assert code == 130, err
        assert leftovers(site.root) == []

    code, _, err = run(site.root, "build")  # removes what the interrupted build left
    assert code == 0, err
    assert_intact(site.root)
    assert run(calm, "build")[0] == 0
    assert published(site.root) == published(calm)
    code, _, err = run(site.root, "check")
    assert code == 0, err

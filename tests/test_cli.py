"""The command line as a user meets it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

from pipeline.files import locked
from tests.conftest import SEEDS


def test_python_dash_m_runs_as_a_process(site) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(SEEDS[0]), "--root", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("ingest: 1 created")


def test_root_before_or_after_the_command(site, run) -> None:
    assert run(site.root, "ingest").code == 0
    from pipeline.cli import main

    assert main(["--root", str(site.root), "ingest"]) == 0


def test_usage_errors_exit_2(site, run, capsys) -> None:
    assert run(site.root, "no-such-command").code == 2
    from pipeline.cli import main

    assert main(["ingest", "--root", str(site.root / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_missing_path_is_a_problem_not_a_traceback(site, run) -> None:
    result = run(site.root, "ingest", "does-not-exist.md")
    assert result.code == 1
    assert result.err_lines == ["does-not-exist.md: no such file or folder"]


def test_second_run_refuses_while_the_lock_is_held(site, run) -> None:
    with locked(site.root):
        result = run(site.root, "ingest")
    assert result.code == 1
    assert "another pipeline run is working on this site" in result.err
    assert run(site.root, "ingest").code == 0


def test_a_reader_that_goes_away_is_not_a_traceback(site) -> None:
    # As in `pipeline status --json | head -1`: the pipe closes while the report is written.
    for number in range(300):  # a report long enough to fill the pipe's buffer
        site.write(
            f"content/sv/p{number}.md",
            f"---\nlang: sv\nref: p{number}\ntitle: Posting {number}\n---\nText.\n",
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "status", "--json", "--root", str(site.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b'{\n  "versi'
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait() == 1
    assert "Traceback" not in error and "BrokenPipe" not in error, error


def test_a_build_leaves_the_cycle_collector_as_it_found_it(seed_site, capsys) -> None:
    import gc

    from pipeline.cli import main

    assert gc.isenabled()
    assert main(["build", "--root", str(seed_site.root)]) == 0
    assert gc.isenabled()  # off while the build ran; a library call, or a test, finds it on
    gc.disable()
    try:
        assert main(["build", "--root", str(seed_site.root), "--full"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_outside_a_site_every_command_refuses_and_leaves_nothing(tmp_path, run) -> None:
    """A folder with no content/ and no [tool.pipeline]: exit 2 with what to do, and no
    lock, cache or output left behind."""
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    (nowhere / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    for command in ("ingest", "translate", "i18n", "build", "check", "status", "review", "all"):
        result = run(nowhere, command)
        assert result.code == 2, command
        assert result.err == (
            f"pipeline: {nowhere} is not a site: it has no content/ folder and no "
            "[tool.pipeline] in a pyproject.toml (name the site's root with --root, or "
            "start a site with 'pipeline ingest PATH')\n"
        )
    assert sorted(p.name for p in nowhere.iterdir()) == ["pyproject.toml"]

"""``-q`` and ``-v`` on every command, ``check --json``, and progress only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from pipeline.cli import COMMANDS, build_parser

GOOD = "---\nlang: sv\nref: a\ntitle: A\n---\nText.\n"
NO_TITLE = "---\nlang: sv\nref: b\n---\nText.\n"
NO_REF = "---\nlang: sv\ntitle: C\n---\nText.\n"  # a warning: no 'ref' yet


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_takes_q_and_v_before_or_after_it(name) -> None:
    parser = build_parser()
    needed = {"approve": ["a-ref"], "export": ["--format", "po"], "import": ["drafts.po"]}
    extra = needed.get(name, [])
    assert parser.parse_args([name, *extra, "-q"]).quiet
    assert parser.parse_args(["-v", name, *extra]).verbose
    with pytest.raises(SystemExit):
        parser.parse_args([name, *extra, "-q", "-v"])  # one or the other


def test_quiet_prints_errors_only_and_exits_as_ever(site, run) -> None:
    site.write("content/sv/a.md", GOOD)
    site.write("content/sv/b.md", NO_TITLE)
    site.write("content/sv/c.md", NO_REF)
    loud = run(site.root, "check")
    quiet = run(site.root, "check", "-q")
    assert loud.code == quiet.code == 1
    assert "content/sv/b.md: 'title' is missing" in loud.err_lines
    assert any("warning: no 'ref'" in line for line in loud.err_lines)
    assert loud.out.startswith("check: ")
    assert quiet.err_lines == [line for line in loud.err_lines if ": warning: " not in line]
    assert quiet.out == ""


def test_verbose_says_what_came_from_the_caches(site, run) -> None:
    site.write("content/sv/a.md", GOOD)
    plain = run(site.root, "check")
    verbose = run(site.root, "check", "-v")
    assert verbose.code == plain.code == 0
    assert verbose.out == plain.out
    said = [line for line in verbose.err_lines if line.startswith("pipeline: ")]
    # (the digest of the piece of the body judged, by the document's; what was said of it)
    assert "pipeline: check-language: 2 of 2 results from the last run" in said
    assert "pipeline: check-references: 1 of 1 results from the last run" in said
    assert all(line.startswith("pipeline: ") for line in verbose.err_lines)


def test_check_json_lists_each_problem_with_its_check(site, run) -> None:
    site.write("content/sv/a.md", GOOD)
    site.write("content/sv/b.md", NO_TITLE)
    site.write("content/sv/c.md", NO_REF)
    result = run(site.root, "check", "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert list(data) == ["version", "problems", "summary"]
    assert data["version"] == 1
    assert {"check": "content", "file": "content/sv/b.md", "line": None} | {
        "severity": "error",
        "message": "'title' is missing",
    } in data["problems"]
    for problem in data["problems"]:
        assert list(problem) == ["check", "file", "line", "severity", "message"]
    assert data["summary"] == {"checks": 8, "errors": 1, "warnings": len(data["problems"]) - 1}
    # the same problems as on standard error, and as -q leaves the JSON alone
    assert len(result.err_lines) == len(data["problems"])
    assert json.loads(run(site.root, "check", "--json", "-q").out) == data


def _translate(root, stderr) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "pipeline", "translate", "--translator", "pseudo"]
    return subprocess.run(
        [*command, "--root", str(root)], stderr=stderr, stdout=subprocess.DEVNULL, check=False
    )


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(site) -> None:
    site.write("content/sv/a.md", GOOD)
    site.write("content/sv/d.md", GOOD.replace("ref: a", "ref: d"))
    piped = _translate(site.root, subprocess.PIPE)
    assert piped.returncode in (0, 3)
    assert b"\r" not in piped.stderr and b"1/2" not in piped.stderr
    for path in (site.root / "content" / "en").glob("*.md"):
        path.unlink()
    leader, follower = pty.openpty()
    try:
        ran = _translate(site.root, follower)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # (the terminal's other end is closed: all read)
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert ran.returncode in (0, 3)
    assert seen.startswith(b"\rtranslate 0/2")  # (then at most 10 a second)
    assert b"\r\x1b[K" in seen  # the line cleared at the end

"""``pipeline all`` plans the site once: its check takes the plan the build of the run made
or took from the plan cache (``pipeline.build.stage.Built``), and says exactly what a check
that plans the site itself says, with nothing remembered (a copy of the site without
``.cache``), whatever the change: a body edited, a posting added, the build left stale."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.build import plan, stage
from pipeline.check import audit
from pipeline.check import stage as check_stage
from pipeline.files import write_atomic
from pipeline.state import fingerprints
from tests.build.test_build import SV_POST, toggle

URL = "/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"
# A posting whose url is another's: left out, with a problem of the plan's own.
CLASH = f"""\
---
lang: sv
ref: krock
title: Krock
date: 2024-01-01
url: {URL}
---
Text.
"""
# A posting whose draft holds pseudo text (the offline engine's): an edit of its body
# changes only bodies, and the plan cache serves. It names an image the site lacks.
EDITED = "content/sv/2024-02-01-nytt.md"
NEW = """\
---
lang: sv
ref: nytt
title: Nytt
date: 2024-02-01
---
Ett stycke.

![En bild](/uploads/saknas.png)
"""
ADDED = """\
---
title: Ny mötesplats
date: 2026-01-02 10:00:00
---

Vi öppnar en ny mötesplats där boende kan träffas.
"""


@pytest.fixture
def site(seed_site, monkeypatch):
    """The seed site with problems the plan reports: a url taken, a static file where the
    site has one of its own (refused); no file is racy (``fingerprints.RACY_NS``), as a
    site's files are some seconds after a run."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    seed_site.write("content/sv/2024-01-01-krock.md", CLASH)
    seed_site.write(EDITED, NEW)
    seed_site.write("static/pairs.json", "{}")
    return seed_site


@pytest.fixture
def planning(monkeypatch) -> list[str]:
    """Who planned the site in each run since: "build" or "check"."""
    calls: list[str] = []
    real = plan.plan_site

    def counted(settings, content, statics=None):
        calls.append("check" if statics is None else "build")
        return real(settings, content, statics)

    monkeypatch.setattr(plan, "plan_site", counted)
    monkeypatch.setattr(audit, "plan_site", counted)
    return calls


@pytest.fixture
def said(monkeypatch) -> list[tuple]:
    """What each check run said: its exit code, problems and lines."""
    found: list[tuple] = []
    real = check_stage.check

    def recording(*args, **kwargs):
        report = real(*args, **kwargs)
        found.append((int(report.exit_code), [str(p) for p in report.problems], report.lines()))
        return report

    monkeypatch.setattr(check_stage, "check", recording)
    return found


def alone(site, run, tmp_path: Path) -> tuple:
    """What ``pipeline check`` says of a copy of ``site`` without ``.cache``: nothing
    remembered, and the site planned by check itself."""
    copy = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}"
    shutil.copytree(site.root, copy, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    result = run(copy, "check")
    return result.code, result.err_lines, result.out.splitlines()


def run_all(site, run, planning: list[str]) -> list[str]:
    """Run ``pipeline all``; who planned the site in it."""
    time.sleep(0.05)  # past the file system clock's tick, as edits are in real use
    planning.clear()
    assert run(site.root, "all").code in (0, 1, 3)
    return list(planning)


def test_check_takes_the_plan_the_build_made_or_reused(site, run, tmp_path, planning, said) -> None:
    # A symbolic link in static/ (left out, said before the files refused).
    os.symlink("uploads", site.root / "static" / "lank")
    assert run_all(site, run, planning) == ["build"]  # (check took it)
    assert said[-1] == alone(site, run, tmp_path)
    problems = said[-1][1]
    assert any(p.startswith(EDITED) and "image /uploads/saknas.png" in p for p in problems)
    assert [p for p in problems if "rename one" in p or p.startswith("static/")] == [
        f"content/sv/2024-01-01-krock.md:6: its URL {URL} is already that of {SV_POST}; rename one",
        "static/lank: warning: a symbolic link: not copied into the output (copy the file "
        "itself here)",
        "static/pairs.json: /pairs.json is already that of a file of the site itself; move one",
    ]
    os.unlink(site.root / "static" / "lank")  # (a symbolic link is read again by every build)
    assert run_all(site, run, planning) == ["build"]
    assert said[-1] == alone(site, run, tmp_path)
    toggle(site, EDITED, "Ett stycke.", "Ett nytt stycke.")
    assert run_all(site, run, planning) == []  # the plan cache's, taken by check too
    assert said[-1] == alone(site, run, tmp_path)


def test_after_a_posting_is_added_the_next_run_plans_nothing(
    site, run, tmp_path, planning, said, monkeypatch
) -> None:
    run_all(site, run, planning)
    # The draft of the posting added (pseudo text, left out) and its record are written
    # within the racy window of the build of the run: that build keeps no stat of them,
    # and the next one reads them again, to find the draft left out still.
    monkeypatch.setattr(fingerprints, "RACY_NS", 1_000_000_000)
    time.sleep(1.05)  # (the other files older than that)
    site.write("content/sv/ny-motesplats.md", ADDED)
    assert run_all(site, run, planning) == ["build"]
    assert said[-1] == alone(site, run, tmp_path)
    toggle(site, EDITED, "Ett stycke.", "Ett nytt stycke.")
    assert run_all(site, run, planning) == []
    assert said[-1] == alone(site, run, tmp_path)


def test_a_build_left_stale_is_checked_as_it_stands(
    site, run, tmp_path, planning, said, monkeypatch
) -> None:
    run_all(site, run, planning)
    # A url changed after the build, by a write of the run's own: check plans the site.
    real = stage.build

    def then_moved(*args, **kwargs):
        report = real(*args, **kwargs)
        text = (site.root / SV_POST).read_text(encoding="utf-8")
        write_atomic(site.root / SV_POST, text.replace("\n---\n", "\nurl: /flyttad/\n---\n", 1))
        return report

    monkeypatch.setattr(stage, "build", then_moved)
    toggle(site, EDITED, "Ett stycke.", "Ett nytt stycke.")
    assert run_all(site, run, planning) == ["check"]
    stale = said[-1]
    assert stale == alone(site, run, tmp_path)
    missing = "public/flyttad/index.html: missing: the build is out of date; run 'pipeline build'"
    assert missing in stale[1]
    # Checked alone (no build before it in the run), after a change of front matter.
    monkeypatch.setattr(stage, "build", real)
    assert run_all(site, run, planning) == ["build"]
    toggle(site, SV_POST, "url: /flyttad/", "url: /flyttad-igen/")
    planning.clear()
    assert run(site.root, "check").code == 1
    assert planning == ["check"]
    assert said[-1] == alone(site, run, tmp_path)
    assert any("flyttad-igen" in p and "missing" in p for p in said[-1][1])

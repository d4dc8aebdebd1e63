"""``pipeline all`` scans each tree once for every stage's shortcut (``scans_shared``) and
takes its last run's word when nothing at all changed: it gives exactly what the stages
run one by one (each in a process of its own, nothing shared) give, after each change.

Files written a moment ago count as changed (``fingerprints.RACY_NS``); these tests set that
window to nothing, so that the shortcuts can be taken at all.
"""

from __future__ import annotations

import shutil

import pytest

from pipeline.check import shortcut as check_shortcut
from pipeline.cli import STAGES
from pipeline.content import front_matter
from pipeline.content.document import split
from pipeline.state import fingerprints
from tests.conftest import Site, engine_pyproject, spy

POSTING = """\
---
lang: sv
ref: {ref}
title: Rubrik {ref}
date: 2024-03-0{day}
---
Vi söker en utvecklare i {ref}.

Ett andra stycke om {ref}.
"""


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)


def _twins(ui_site: Site, tmp_path) -> tuple[Site, Site]:
    ui_site.write("pyproject.toml", engine_pyproject())
    ui_site.write("content/sv/2024-03-01-a.md", POSTING.format(ref="a", day=1))
    ui_site.write("content/sv/2024-03-02-b.md", POSTING.format(ref="b", day=2))
    other = tmp_path / "twin"
    shutil.copytree(ui_site.root, other, symlinks=True)
    return ui_site, Site(other)


def _state(site: Site) -> dict[str, bytes]:
    """The files of ``site`` (but the build's records, which name the site's folder)."""
    found = {**site.files("content"), **site.files("public"), **site.files("locale")}
    return {name: data for name, data in found.items() if "/." not in name}


def _same_after(change, together: Site, apart: Site, run) -> None:
    for site in (together, apart):
        change(site)
    whole = run(together.root, "all")
    codes, out, err = [], [], []
    for stage in STAGES:
        result = run(apart.root, stage)
        codes.append(result.code)
        out += result.out.splitlines()
        err += result.err_lines
    assert whole.code == max(codes), whole.err
    assert sorted(whole.out.splitlines()) == sorted(out)
    assert sorted(set(whole.err_lines)) == sorted(set(err))
    assert _state(together) == _state(apart)


def test_all_gives_what_the_stages_one_by_one_give(ui_site, tmp_path, run, libre, settled):
    together, apart = _twins(ui_site, tmp_path)
    changes = [
        lambda site: None,  # the first run: everything made
        lambda site: None,  # nothing changed: every stage's (and all's) last word
        lambda site: site.edit("content/sv/2024-03-01-a.md", "andra stycke", "tredje stycke"),
        lambda site: site.write("content/sv/2024-03-03-c.md", POSTING.format(ref="c", day=3)),
        lambda site: site.write("content/sv/2024-03-04-d.md", "---\ntitle: [Trasig\n---\nx\n"),
        lambda site: (site.root / "content/sv/2024-03-04-d.md").unlink(),
        lambda site: (site.root / "public/404.html").write_text("<p>by hand</p>"),
        lambda site: None,
        lambda site: (site.root / "content/en/2024-03-02-rubrik-b.md").unlink(),
        lambda site: None,
    ]
    for change in changes:
        _same_after(change, together, apart, run)


def test_all_takes_its_last_word_only_while_nothing_changed(
    ui_site, tmp_path, run, libre, monkeypatch, settled
):
    together, apart = _twins(ui_site, tmp_path)
    for _ in range(2):  # made, then a run that writes nothing: kept
        _same_after(lambda site: None, together, apart, run)
    calls = spy(monkeypatch, check_shortcut, "check_unless_unchanged")

    def checked() -> int:  # (how many runs on ``together`` ran ``check``)
        return sum(call[0].root == together.root for call in calls)

    again = run(together.root, "all")
    assert checked() == 0  # no stage ran: the last run's word
    _same_after(lambda site: None, together, apart, run)
    assert checked() == 0
    # the build's records gone (hidden, in the output folder): every stage runs again
    (together.root / "public/.pipeline/manifest.json").unlink()
    changed = run(together.root, "all")
    assert checked() == 1
    assert changed.out != again.out and "0 rendered" not in changed.out
    # a translation left pending is never kept: the next run tries again
    libre.always = "500"
    together.write("content/sv/2024-03-03-c.md", POSTING.format(ref="c", day=3))
    assert run(together.root, "all").code == 3
    assert run(together.root, "all").code == 3
    assert checked() == 3


def test_all_says_a_problem_again_with_its_exit_code(
    ui_site, tmp_path, run, libre, monkeypatch, settled
):
    together, apart = _twins(ui_site, tmp_path)
    broken = "---\ntitle: [Trasig\n---\nx\n"
    for site in (together, apart):
        site.write("content/sv/2024-03-04-d.md", broken)
    for _ in range(3):  # made, settled (kept), then said again from what was kept
        _same_after(lambda site: None, together, apart, run)
    calls = spy(monkeypatch, check_shortcut, "check_unless_unchanged")
    again = run(together.root, "all")
    assert calls == []  # the last run's word
    assert again.code == 1 and "2024-03-04-d.md:3: invalid YAML" in again.err


def test_all_parses_each_front_matter_once(ui_site, tmp_path, run, libre, monkeypatch):
    """Ingest, its check that a file is normal and translate share what they parse
    (``parse_cache.SharedParses``): in one run each front matter text is parsed once, that
    of a file ingest normalizes too, and the run gives what the stages one by one give."""
    together, apart = _twins(ui_site, tmp_path)
    for site in (together, apart):  # no lang, no ref, no time: normalized (as a and b are)
        site.write("content/sv/2024-03-05-e.md", "---\ntitle: Ny\ndate: 2024-03-05\n---\nText.\n")
    before = {split(text.decode())[0] for text in together.files("content").values()}
    parsed = spy(monkeypatch, front_matter.FrontMatterHandler, "parse")
    ran: list[int] = []  # how many parses each run had made by its end

    def counted(root, *args):
        result = run(root, *args)
        ran.append(len(parsed))
        return result

    _same_after(lambda site: None, together, apart, counted)
    in_all = [call[1] for call in parsed[: ran[0]]]
    after = {split(text.decode())[0] for text in together.files("content").values()}
    assert len(before) == 3 and len(after) == 6 and not before & after  # all made normal
    assert sorted(in_all) == sorted(before | after)
    assert len(parsed) - ran[0] > len(in_all)  # (the stages one by one parse some again)

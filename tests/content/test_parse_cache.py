"""The front matter memo: a run parses only front matter it has not seen, remembers what
parsing gave (warnings too), and a planted memo cannot run code."""

from __future__ import annotations

import os
import pickle

from pipeline.content import front_matter
from pipeline.content.document import split
from pipeline.content.parse_cache import FILE, version
from pipeline.state.fingerprints import digest
from tests.build.test_build import SV_POST, toggle


def test_a_second_run_parses_only_changed_front_matter(seed_site, run, monkeypatch) -> None:
    toggle(seed_site, SV_POST, "lang: sv\n", "lang: sv\ntitle: Dubbel\n")
    first = run(seed_site.root, "build")
    assert first.code == 0, first.err
    assert (seed_site.root / FILE).is_file()
    parsed = []
    real = front_matter.FrontMatterHandler.parse

    def counting(self, fm, first_line=1):
        parsed.append(fm)
        return real(self, fm, first_line)

    monkeypatch.setattr(front_matter.FrontMatterHandler, "parse", counting)
    again = run(seed_site.root, "build")
    assert parsed == [] and again.err == first.err  # the duplicate key's warning, remembered
    assert "duplicate key 'title'" in again.err
    toggle(seed_site, SV_POST, "title: Dubbel\n", "")
    assert run(seed_site.root, "build").code == 0
    assert len(parsed) == 1


class Planted:
    def __reduce__(self):
        return (os.system, ("touch planted",))


def test_a_planted_memo_runs_no_code_and_counts_as_empty(seed_site, run) -> None:
    fm_text = split(seed_site.read(SV_POST), SV_POST)[0]
    entries = {digest(fm_text.encode("utf-8")): pickle.dumps(Planted())}
    (seed_site.root / FILE).parent.mkdir(parents=True)
    (seed_site.root / FILE).write_bytes(pickle.dumps({"version": version(), "data": entries}))
    assert run(seed_site.root, "build").code == 0
    (seed_site.root / FILE).write_bytes(pickle.dumps(Planted()))
    assert run(seed_site.root, "build").code == 0
    assert not (seed_site.root / "planted").exists() and not os.path.exists("planted")

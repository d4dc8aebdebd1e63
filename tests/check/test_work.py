"""How much work ``check`` does, counted (never timed): the site is planned once, and each
rooted link (``/en/``, ``https://…``) is joined to the site's URL once, not once per page."""

from __future__ import annotations

from collections import Counter

from bench.corpus import write_corpus
from bench.run import add_ui_catalogs
from pipeline.check import audit, served
from tests.conftest import spy

PAIRS = 6


def test_check_plans_the_site_once_and_joins_each_rooted_link_once(
    tmp_path, run, monkeypatch
) -> None:
    site = write_corpus(tmp_path / "corpus", PAIRS).site
    add_ui_catalogs(site)
    assert run(site, "build").code == 0
    served._joined.cache_clear()
    served._resolved.cache_clear()
    plans = spy(monkeypatch, audit, "plan_site")
    joins = spy(monkeypatch, served, "urljoin")

    checked = run(site, "check")

    assert checked.code == 0, checked.err
    assert len(plans) == 1  # the content, references and site checks share it
    rooted = Counter(call for call in joins if served.ROOTED.match(call[1]))
    assert rooted, "the pages link to the site's own pages"
    # once for the links, once for the hreflang sets; from the origin, not from each page
    assert max(rooted.values()) <= 2
    assert {base for base, _href in rooted} == {"https://bench.example.org"}
    pages = len(list((site / "public").rglob("*.html")))
    assert len(rooted) < pages * 4  # (every page names the home pages, the lists, the feed)

"""The Jekyll fixture site as real Jekyll builds it: a check on the fixture and on the harness.

These are the URLs, redirects, files and pairs that the import of a Jekyll site must keep
(``test_jekyll_compare.py`` holds the pipeline to them). They were read off Jekyll's build and
are listed here in full, so that a change to the fixture shows what it changes.
"""

from __future__ import annotations

import re

from tests.jekyll_site import FIXTURE, JekyllSite, Pair

PAGES = {
    # posts: the site's permalink (/:categories/:year/:month/:day/:title:output_ext)
    "/2019/11/20/arsmote.html": "_posts/2019-11-20-arsmote.md",
    "/nyheter/2020/05/27/ny-tjanst-outreach-strategist.html": (
        "_posts/2020-05-27-ny-tjanst-outreach-strategist.md"
    ),
    "/nyheter/2021/03/04/Välkommen-Åsa.html": "_posts/2021-03-04-Välkommen Åsa.md",
    "/nyheter/evenemang/2021/09/01/demokratidagen.html": "_posts/2021-09-01-demokratidagen.md",
    "/en/news/events/2021/09/01/demokratidagen-en.html": "_posts/2021-09-01-demokratidagen-en.md",
    # 23:30 UTC on 15 January is 16 January in the site's timezone
    "/nyheter/2022/01/16/civic-tech-traff.html": "_posts/2022-01-15-civic-tech-traff.md",
    # posts: the document's own permalink
    "/nyheter/2022/oppen-data/": "_posts/2022-06-10-oppen-data.md",
    "/en/news/open-data/": "en/_posts/2022-06-10-open-data.md",
    # posts under en/: the permalink of the defaults for path en, type posts
    "/en/news/2020/05/new-job-outreach-strategist/": (
        "en/_posts/2020-05-27-new-job-outreach-strategist.md"
    ),
    "/en/news/2021/03/welcome-åsa/": "en/_posts/2021-03-04-Welcome Åsa.md",
    "/en/news/2022/01/civic-tech-meetup/": "en/_posts/2022-01-15-civic-tech-meetup.md",
    # collection projekt (/projekt/:path/), one document with its own permalink
    "/projekt/demokratiappen/": "_projekt/demokratiappen.md",
    "/projekt/en/demokratiappen/": "_projekt/en/demokratiappen.md",
    "/projekt/Medborgarbudget Malmö/": "_projekt/Medborgarbudget Malmö.md",
    "/arkiv/2019/skolval.html": "_projekt/skolval.md",
    # collection uppdrag (/:collection/:name:output_ext; under _uppdrag/en/ the defaults')
    "/uppdrag/civic-tech.html": "_uppdrag/civic-tech.md",
    "/uppdrag/region-vast.html": "_uppdrag/region-vast.md",
    "/en/clients/civic-tech/": "_uppdrag/en/civic-tech.md",
    # pages in Markdown and HTML; index.md serves its folder
    "/": "index.md",
    "/en/": "en/index.md",
    "/om-oss/": "om-oss.md",
    "/en/about.html": "en/about.md",
    "/lediga-tjanster/": "lediga-tjanster/index.md",
    "/en/jobs/": "en/jobs/index.md",
    "/lediga-tjanster/utvecklare.html": "lediga-tjanster/utvecklare.md",
    "/en/jobs/developer.html": "en/jobs/developer.md",
    "/lediga-tjanster/Projektledare Göteborg.html": "lediga-tjanster/Projektledare Göteborg.md",
    "/kontakt.html": "kontakt.html",
    "/en/contact.html": "en/contact.html",
    "/om/metoden.html": "metod.md",
    "/integritet.html": "integritet.md",
    "/integritet-en.html": "integritet-en.md",
    "/404.html": "404.md",
    # list pages written in Liquid
    "/nyheter/": "nyheter.html",
    "/en/news/": "en/news.html",
}

REDIRECTS = {
    "/nyheter/outreach/": "/nyheter/2020/05/27/ny-tjanst-outreach-strategist.html",
    "/en/news/2022/06/open-data/": "/en/news/open-data/",
    "/projekt/malmo/": "/projekt/Medborgarbudget Malmö/",
    "/en/about-us/": "/en/about.html",
    "/en/om.html": "/en/about.html",
}

ASSETS = {
    "/assets/bilder/möte.jpg",
    "/assets/css/style.css",
    "/assets/logos/demokratiappen.svg",
    "/dokument/protokoll-2019.md",  # Markdown without front matter: copied as it is
    "/dokument/stadgar.pdf",
    "/robots.txt",
    "/uploads/2020/outreach strategist.png",
    "/uploads/logotyper/Region Väst.png",
    "/uploads/logotyper/civic-tech.png",
    "/uploads/team/anna.jpg",
    "/uploads/team/bertil.jpg",
    "/uploads/team/åsa.jpg",
    "/uploads/thumbs/demokratidagen.png",
    "/uploads/thumbs/oppen-data.png",
    "/uploads/thumbs/outreach.png",
}

PAIRS = [
    Pair("pages", "about", "ref", {"en": "/en/about.html", "sv": "/om-oss/"}),
    Pair("pages", "hem", "ref", {"en": "/en/", "sv": "/"}),
    Pair(
        "pages", "integritet", "file name", {"en": "/integritet-en.html", "sv": "/integritet.html"}
    ),
    Pair("pages", "jobb", "ref", {"en": "/en/jobs/", "sv": "/lediga-tjanster/"}),
    Pair("pages", "kontakt", "ref", {"en": "/en/contact.html", "sv": "/kontakt.html"}),
    Pair(
        "pages",
        "utvecklare",
        "ref",
        {"en": "/en/jobs/developer.html", "sv": "/lediga-tjanster/utvecklare.html"},
    ),
    Pair(
        "posts",
        "Nya Medarbetare 2021",
        "ref",
        {"en": "/en/news/2021/03/welcome-åsa/", "sv": "/nyheter/2021/03/04/Välkommen-Åsa.html"},
    ),
    Pair(
        "posts",
        "Open.Data.2022",
        "ref",
        {"en": "/en/news/open-data/", "sv": "/nyheter/2022/oppen-data/"},
    ),
    Pair(
        "posts",
        "_posts/demokratidagen",
        "file name",
        {
            "en": "/en/news/events/2021/09/01/demokratidagen-en.html",
            "sv": "/nyheter/evenemang/2021/09/01/demokratidagen.html",
        },
    ),
    Pair(
        "posts",
        "civic-tech",
        "ref",
        {
            "en": "/en/news/2022/01/civic-tech-meetup/",
            "sv": "/nyheter/2022/01/16/civic-tech-traff.html",
        },
    ),
    Pair(
        "posts",
        "outreach-strategist",
        "ref",
        {
            "en": "/en/news/2020/05/new-job-outreach-strategist/",
            "sv": "/nyheter/2020/05/27/ny-tjanst-outreach-strategist.html",
        },
    ),
    Pair(
        "projekt",
        "demokratiappen",
        "ref",
        {"en": "/projekt/en/demokratiappen/", "sv": "/projekt/demokratiappen/"},
    ),
    Pair(
        "uppdrag",
        "civic-tech",
        "ref",
        {"en": "/en/clients/civic-tech/", "sv": "/uppdrag/civic-tech.html"},
    ),
]

LEFT_OUT = [
    "_drafts/kommande-evenemang.md",  # a draft
    "_posts/2023-02-01-hemlig-nyhet.md",  # published: false
    "lediga-tjanster/gammal-tjanst.md",  # published: false
    "gamla/utkast.md",  # in an exclude:d folder
    "README.md",  # exclude:d
    "_team/anna.md",  # a collection with output: false
    "_team/bertil.md",
    "_team/åsa.md",
]
"""Files with front matter that Jekyll publishes no page of."""


def test_jekyll_builds_the_fixture_without_a_warning(jekyll_site: JekyllSite):
    assert jekyll_site.warnings == []


def test_jekyll_serves_35_pages_each_from_its_file(jekyll_site: JekyllSite):
    served = {url: page.source for url, page in jekyll_site.pages.items()}
    assert served == PAGES
    assert len(served) == 35


def test_the_pages_are_in_the_language_of_their_front_matter_or_defaults(
    jekyll_site: JekyllSite,
):
    languages = {page.source: page.lang for page in jekyll_site.pages.values()}
    english = sorted(source for source, lang in languages.items() if lang == "en")
    assert english == [
        "_posts/2021-09-01-demokratidagen-en.md",  # lang: en in its front matter
        "_projekt/en/demokratiappen.md",  # the defaults for _projekt/en
        "_uppdrag/en/civic-tech.md",  # the defaults for _uppdrag/en
        "en/_posts/2020-05-27-new-job-outreach-strategist.md",  # the defaults for en
        "en/_posts/2021-03-04-Welcome Åsa.md",
        "en/_posts/2022-01-15-civic-tech-meetup.md",
        "en/_posts/2022-06-10-open-data.md",
        "en/about.md",
        "en/contact.html",
        "en/index.md",
        "en/jobs/developer.md",
        "en/jobs/index.md",
        "en/news.html",
        "integritet-en.md",  # lang: en in its front matter
    ]
    assert set(languages.values()) == {"sv", "en"}


def test_jekyll_serves_5_redirects_each_to_a_page(jekyll_site: JekyllSite):
    targets = {url: redirect.target for url, redirect in jekyll_site.redirects.items()}
    assert targets == REDIRECTS
    for redirect in jekyll_site.redirects.values():
        assert redirect.canonical == redirect.target
        assert redirect.target in jekyll_site.pages


def test_jekyll_copies_15_files_as_they_are(jekyll_site: JekyllSite):
    assert set(jekyll_site.assets) == ASSETS
    committed = {f for f in FIXTURE.rglob("*") if f.suffix in (".png", ".jpg", ".svg", ".pdf")}
    assert len(committed) == 12  # the images and the PDF, every one of them on the site


def test_the_feed_is_the_one_other_file_jekyll_renders(jekyll_site: JekyllSite):
    assert jekyll_site.documents == {"/feed.xml"}


def test_13_pairs_by_ref_within_a_collection_or_by_file_name(jekyll_site: JekyllSite):
    assert jekyll_site.pairs == PAIRS
    by_ref = [p for p in jekyll_site.pairs if p.basis == "ref"]
    assert len(by_ref) == 11
    # one ref, two collections, two different things: two pairs, never one
    assert [p.collection for p in by_ref if p.key == "civic-tech"] == ["posts", "uppdrag"]


def test_drafts_unpublished_excluded_and_data_only_files_make_no_page(jekyll_site: JekyllSite):
    sources = {page.source for page in jekyll_site.pages.values()}
    for name in LEFT_OUT:
        assert (FIXTURE / name).is_file(), name
        assert name not in sources


def test_the_fixture_readme_names_only_files_that_exist():
    """Every file named in the README's table of cases (its last column) is in the fixture."""
    rows = [
        line
        for line in (FIXTURE / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| case")
    ]
    named = [name for row in rows for name in re.findall(r"`([^`]+)`", row.split("|")[-2])]
    assert len(named) > 40
    missing = [name for name in named if not (FIXTURE / name).exists()]
    assert missing == []

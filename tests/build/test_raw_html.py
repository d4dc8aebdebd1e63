"""Raw HTML in bodies, through the CLI on real files: what a page may show of it is on the
page, what could run is not, and ``check`` warns of each thing taken out at its line."""

from __future__ import annotations

import re

from tests.conftest import Site

POSTING = """\
---
lang: sv
ref: metod
title: Metod
---
Ring oss<br/>eller skriv till oss.

<div class="box">

**Viktigt:** läs <img src=/logo.png onerror=alert(1)> noga.

</div>

<script>alert(1)</script>

En [länk](/kontakt/) och <a href="javascript:alert(1)">en till</a>.

<figure><img src="/logo.png" alt="Logga"><figcaption>Vår logga</figcaption></figure>
<iframe src="https://www.youtube-nocookie.com/embed/x" title="Film"></iframe>
<iframe src="http://example.org/film" title="Film"></iframe>
"""
PAGE = """\
---
lang: sv
ref: kontakt
title: Kontakt
---
<h1>Kontakt</h1>
<p>Storgatan 1<br/>Göteborg</p>
<script>document.title = "x"</script>
<p onclick="alert(1)">E-post: <a href="mailto:hej@example.org">hej@example.org</a></p>
"""


def _built(ui_site: Site, run) -> Site:
    ui_site.write("content/sv/metod.md", POSTING, dedent=False)
    ui_site.write("content/sv/kontakt.html", PAGE, dedent=False)
    ui_site.write("static/logo.png", b"\x89PNG\r\n\x1a\n")
    for command in ("i18n", "build"):
        result = run(ui_site.root, command)
        assert result.code == 0, result.err
    return ui_site


def _main(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_raw_html_in_markdown_is_on_the_page_cleaned(ui_site, run) -> None:
    site = _built(ui_site, run)
    page = _main(site.read("public/metod/index.html"))
    assert "Ring oss<br>eller" in page
    assert '<div class="box">' in page and "<strong>Viktigt:</strong>" in page
    assert '<img src="/logo.png">' in page
    assert '<a href="/kontakt/">länk</a>' in page and "<a>en till</a>" in page
    assert '<figure><img src="/logo.png" alt="Logga"><figcaption>Vår logga</figcaption>' in page
    assert '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Film">' in page
    assert '<iframe title="Film">' in page  # an iframe's address must be https
    lowered = page.lower()
    assert "<script" not in lowered and "alert" not in lowered and "javascript:" not in lowered
    assert not re.search(r"\son\w+=", lowered)


def test_an_html_document_is_on_the_page_cleaned(ui_site, run) -> None:
    site = _built(ui_site, run)
    page = _main(site.read("public/kontakt/index.html"))
    assert "<p>Storgatan 1<br>Göteborg</p>" in page
    assert '<p>E-post: <a href="mailto:hej@example.org">hej@example.org</a></p>' in page
    assert "<script" not in page and "document.title" not in page and "onclick" not in page


def test_check_warns_of_what_the_page_leaves_out_at_its_line(ui_site, run) -> None:
    site = _built(ui_site, run)
    result = run(site.root, "check")
    assert result.code == 0, result.err
    said = [line.split(" (raw HTML")[0] for line in result.err_lines if "raw HTML" in line]
    assert said == [
        "content/sv/kontakt.html:8: warning: <script> removed from the page",
        "content/sv/kontakt.html:9: warning: onclick= removed from <p>",
        "content/sv/metod.md:10: warning: onerror= removed from <img>",
        "content/sv/metod.md:14: warning: <script> removed from the page",
        "content/sv/metod.md:16: warning: href= removed from <a>",
        "content/sv/metod.md:20: warning: src= removed from <iframe>",
    ]

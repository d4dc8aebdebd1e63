"""Documents whose body is HTML (``content/<lang>/<name>.html``, pages moved in from Jekyll):
drafted through the CLI like Markdown ones, with the front matter translated as usual and
the text of the body's block elements translated, every tag and attribute of the original
kept (``alt`` and ``title`` translated), code and scripts as they are; recorded, reviewed,
updated block by block and checked like any draft."""

from __future__ import annotations

import json

from pipeline.content import document
from tests.conftest import translate_with
from tests.translate.pages import markup

ORIGINAL = "content/sv/kontakt.html"
PAGE = """\
---
lang: sv
ref: kontakt
title: Kontakta oss
excerpt: Så når du oss.
---
<h1>Kontakt</h1>
<p>Exempellabbet ekonomisk förening<br/>Storgatan 1, 411 01 Göteborg</p>
<p>E-post: <a href="mailto:hej@example.org">hej@example.org</a></p>
<div class="ruta">
  Ring oss på vardagar.
  <p>Vi svarar <strong>inom en vecka</strong> och följer <code>GDPR-lagen</code>.</p>
  <img src="/uploads/karta.png" alt="En karta över Göteborg" title="Karta">
</div>
<ul>
  <li>Måndag till fredag</li>
  <li>Inte på helgdagar</li>
</ul>
<table><tr><th>Dag</th><td>Tid</td></tr></table>
<pre>
  Storgatan 1 &amp; 3
</pre>
<script>var hej = "<p>hej</p>";</script>
<!-- slut på sidan -->
"""
SWEDISH = ["Kontakt</h1>", "ekonomisk förening", "Ring oss", "Vi svarar", "inom en vecka"]
SWEDISH += ["En karta", "Måndag till", "helgdagar", "<th>Dag", "<td>Tid"]
AS_IT_IS = ["<code>GDPR-lagen</code>", "Storgatan 1 &amp; 3", 'var hej = "<p>hej</p>";']
AS_IT_IS += ['<a href="mailto:hej@example.org">hej@example.org</a>', "<!-- slut på sidan -->"]


def problems(site, run) -> list[tuple[str, str, int]]:
    """The draft's problems in ``status --json``: check, message and line."""
    status = run(site.root, "status", "--json")
    (version,) = [v for v in json.loads(status.out)["refs"][0]["versions"] if v["role"] == "draft"]
    return [(p["check"], p["message"], p["line"]) for p in version["problems"]]


def test_an_html_page_gets_an_html_draft_with_its_tags(site, run) -> None:
    site.write(ORIGINAL, PAGE)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert "drafted content/en/kontakt.html from content/sv/kontakt.html (machine)" in result.out
    draft = document.read(site.root / "content/en/kontakt.html")
    assert draft.title.startswith("［") and draft.metadata["excerpt"].startswith("［")
    assert markup(draft.body) == markup(PAGE.split("---\n", 2)[2])
    for words in SWEDISH:
        assert words not in draft.body, words
    for kept in AS_IT_IS:
        assert kept in draft.body, kept
    before = site.files()
    assert run(site.root, "translate").out.startswith("translate: nothing to do")
    assert site.files() == before


def test_a_real_engine_gets_the_words_only_and_names_the_draft_html(site, run, libre) -> None:
    translate_with(site, "libre")
    site.write(ORIGINAL, PAGE)
    assert run(site.root, "translate").code == 0
    draft = document.read(site.root / "content/en/kontakta-oss.html")
    assert draft.title == "KONTAKTA OSS"
    assert "<p>VI SVARAR <strong>INOM EN VECKA</strong> OCH FÖLJER <code>GDPR-lagen" in draft.body
    assert 'alt="EN KARTA ÖVER GÖTEBORG" title="KARTA"' in draft.body
    assert "  RING OSS PÅ VARDAGAR.\n  <p>" in draft.body
    sent = " ".join(libre.texts)
    assert "En karta över Göteborg" in sent and "Ring oss på vardagar." in sent
    for never in ("<", "href", "mailto", "hej@example.org", "GDPR", "slut på sidan", "var hej"):
        assert never not in sent, never


def test_a_reviewed_html_draft_is_updated_block_by_block_and_checked(site, run, libre) -> None:
    translate_with(site, "libre")
    site.write(ORIGINAL, PAGE)
    assert run(site.root, "translate").code == 0
    draft = "content/en/kontakta-oss.html"
    site.edit(draft, "RING OSS PÅ VARDAGAR.", "Call us on weekdays.")
    assert run(site.root, "approve", "kontakt", "--force").code == 0
    site.edit(ORIGINAL, "Inte på helgdagar", "Inte på röda dagar")
    libre.texts.clear()
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert f"updated {draft} from {ORIGINAL} (outdated)" in result.out
    assert libre.texts == ["Inte på röda dagar"]
    body = site.read(draft)
    assert "Call us on weekdays." in body and "<li>INTE PÅ RÖDA DAGAR</li>" in body

    site.edit(draft, "<strong>INOM EN VECKA</strong>", "INOM EN VECKA")
    lines = site.read(draft).split("\n")
    (at,) = [n for n, text in enumerate(lines, start=1) if "VI SVARAR" in text]
    lost = ("markdown", "the HTML differs: </strong>, <strong> lost", at)
    assert lost in problems(site, run)
    site.edit(ORIGINAL, "Måndag", "Tisdag")  # (the original's blocks now come from the record)
    assert lost in problems(site, run)
    review = run(site.root, "review")
    assert review.code == 0, review.err
    assert "Call us on weekdays." in site.read("review/en/kontakt.html")

"""kramdown's ``<br/>`` in a Jekyll site's Markdown, through ``pipeline ingest``: a hard line
break in a paragraph (which the build renders as the ``<br />`` kramdown renders); where
Markdown cannot end a line, HTML left in the Markdown, so the page comes in as HTML."""

from __future__ import annotations

from pathlib import Path

from pipeline.build.markdown import render
from pipeline.content import document
from tests.conftest import PYPROJECT
from tests.test_hostile import pipeline

PAGE = """\
---
title: Kontakt
---
Ring oss<br/>eller skriv till oss.

- Storgatan 1<br>411 01 Göteborg
- Telefon<br />- dygnet runt

Sista raden.<br/>

Kod: `<br/>` är en radbrytning.
"""

TABLE = """\
---
title: Adress
---
## Rubrik<br/>med brytning

| Adress |
| --- |
| Storgatan 1<br>Göteborg |
"""


def test_a_paragraphs_br_is_a_hard_line_break_and_the_others_are_said(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: Labbet\n", encoding="utf-8")
    (site / "kontakt.md").write_text(PAGE, encoding="utf-8")
    (site / "adress.md").write_text(TABLE, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    done = pipeline(root, "ingest", "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    broken = "<br/> -> a hard line break (a '\\' at the end of the line)"
    assert [line for line in done.stdout.splitlines() if "<br/>" in line] == [
        f"site/kontakt.md:4: {broken}",
        f"site/kontakt.md:6: {broken}",
        f"site/kontakt.md:7: {broken}",
        "site/kontakt.md:9: <br/> at the end of a paragraph removed (it shows nothing)",
    ]
    assert done.stderr.splitlines() == [
        "site/adress.md:4: warning: <br/> is HTML in Markdown, which the build shows as text: "
        "the page comes in as HTML (adress.html), its Markdown rendered as kramdown renders it"
    ]
    table = document.read(root / "content/sv/adress.html").body
    assert "<h2>Rubrik<br/>med brytning</h2>" in table
    assert "<td>Storgatan 1<br>Göteborg</td>" in table
    body = document.read(root / "content/sv/kontakt.md").body
    assert body.startswith(
        "Ring oss\\\neller skriv till oss.\n\n"
        "- Storgatan 1\\\n411 01 Göteborg\n"
        "- Telefon\\\n\\- dygnet runt\n\n"
        "Sista raden.\n"
    )
    assert "Kod: `<br/>` är en radbrytning." in body
    html = render(body)
    assert "<p>Ring oss<br />\neller skriv till oss.</p>" in html
    assert "<li>Storgatan 1<br />\n411 01 Göteborg</li>" in html
    assert "<li>Telefon<br />\n- dygnet runt</li>" in html
    assert "<p>Sista raden.</p>" in html

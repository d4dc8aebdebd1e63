"""``pipeline check``: every image and file a document names resolves, or is an error at
the file and line that names it (issue 18)."""

from __future__ import annotations

import unicodedata

PNG = b"\x89PNG\r\n\x1a\n"


def test_images_and_files_that_are_there_pass(site, run) -> None:
    site.write("static/uploads/a.png", PNG)
    site.write("static/dokument/stadgar.pdf", b"%PDF-1.4\n")
    site.write(
        "content/sv/a.md",
        """\
        ---
        lang: sv
        ref: a
        title: A
        image: /uploads/a.png
        thumbnail: uploads/a.png
        links:
        - title: Stadgar
          url: /dokument/stadgar.pdf
        ---
        ![En bild](/uploads/a.png) och [stadgarna](/dokument/stadgar.pdf).

        [Sidan B](/b/), [flödet](/feed.xml), [oss](mailto:hej@example.org),
        [ut](https://example.com/x.png), [här](#rubrik) och [hem](/).

        [Sidan B igen][b]

        [b]: ../b/
        """,
    )
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: B\n---\nText.\n")
    result = run(site.root, "check")
    assert (result.code, result.err) == (0, "")


def test_each_missing_image_or_file_is_an_error_at_its_line(site, run) -> None:
    site.write("static/uploads/a.png", PNG)
    site.write(
        "content/sv/a.md",
        """\
        ---
        lang: sv
        ref: a
        title: A
        image: /uploads/borta.png
        links:
        - title: Stadgar
          url: /dokument/stadgar.pdf
        ---
        Ett stycke med en [länk till protokollet](/dokument/protokoll.pdf)
        och en ![bild](/uploads/a.png) som finns.

        ![En bild som saknas](/uploads/saknas.jpg)

        - [En sida som inte finns](/finns-inte/)

        <p>Raw HTML, cleaned and shown: <img src="/uploads/html.png" alt=""></p>

        Och [en referens][ref] och ![samma bild igen](/uploads/saknas.jpg).

        [ref]: /dokument/referens.pdf
        """,
    )
    result = run(site.root, "check")
    assert result.code == 1
    file = "a file of the site; put it in static"
    assert result.err_lines == [
        f"content/sv/a.md:5: image /uploads/borta.png (front matter 'image') does not resolve "
        f"to {file}/uploads/borta.png or correct the path",
        f"content/sv/a.md:8: link /dokument/stadgar.pdf (front matter 'links[].url') does not "
        f"resolve to {file}/dokument/stadgar.pdf or correct the path",
        f"content/sv/a.md:10: link /dokument/protokoll.pdf does not resolve to "
        f"{file}/dokument/protokoll.pdf or correct the path",
        f"content/sv/a.md:13: image /uploads/saknas.jpg does not resolve to "
        f"{file}/uploads/saknas.jpg or correct the path",
        "content/sv/a.md:15: link /finns-inte/ does not resolve to a page of the site; "
        "correct it, or add it to the aliases of the page it means",
        f"content/sv/a.md:17: image /uploads/html.png does not resolve to "
        f"{file}/uploads/html.png or correct the path",
        f"content/sv/a.md:21: link /dokument/referens.pdf does not resolve to "
        f"{file}/dokument/referens.pdf or correct the path",
        f"content/sv/a.md:19: image /uploads/saknas.jpg does not resolve to "
        f"{file}/uploads/saknas.jpg or correct the path",
    ]
    assert result.out.splitlines()[-1] == "check: 8 checks, 8 errors, 0 warnings"


def test_names_with_spaces_and_non_ascii_letters_resolve_however_spelled(site, run) -> None:
    """Percent-encoded or not, and a file whose name is stored decomposed (NFD, as macOS
    writes å) found by a reference written composed (NFC)."""
    site.write("static/uploads/Region Väst.png", PNG)
    site.write(unicodedata.normalize("NFD", "static/uploads/team/åsa.jpg"), PNG)
    site.write(
        "content/sv/a.md",
        """\
        ---
        lang: sv
        ref: a
        title: A
        logotype: /uploads/Region Väst.png
        image: /uploads/team/%C3%A5sa.jpg
        ---
        ![Logotyp](/uploads/Region%20V%C3%A4st.png)
        ![Logotyp](<../uploads/Region Väst.png>)
        ![Åsa](/uploads/team/åsa.jpg)
        """,
    )
    result = run(site.root, "check")
    assert (result.code, result.err) == (0, "")
    site.edit("content/sv/a.md", "![Åsa](/uploads/team/åsa.jpg)", "![Åsa](/uploads/team/asa.jpg)")
    result = run(site.root, "check")
    assert result.code == 1
    assert result.err_lines[0] == (
        "content/sv/a.md:10: image /uploads/team/asa.jpg does not resolve to a file of the "
        "site; put it in static/uploads/team/asa.jpg or correct the path"
    )


def test_an_html_document_is_read_as_html_and_relative_paths_from_its_page(site, run) -> None:
    """A relative reference leads where a browser takes it from the page's URL (``/kontakt/``
    for ``content/sv/kontakt.html``): ``karta.png`` is ``/kontakt/karta.png``."""
    site.write("static/uploads/logo.png", PNG)
    site.write("static/kontakt/karta.png", PNG)
    site.write(
        "content/sv/kontakt.html",
        """\
        ---
        lang: sv
        ref: kontakt
        title: Kontakt
        ---
        <h1>Kontakt</h1>
        <p><img src="/uploads/logo.png" alt=""> <img src="karta.png" alt=""></p>
        <p><a href="/uploads/borta.pdf">Stadgar</a>
        <img src="../uploads/logo.png" alt="">
        <img
          src="/uploads/saknas.png" alt=""></p>
        """,
    )
    result = run(site.root, "check")
    assert result.code == 1
    assert result.err_lines == [
        "content/sv/kontakt.html:8: link /uploads/borta.pdf does not resolve to a file of the "
        "site; put it in static/uploads/borta.pdf or correct the path",
        "content/sv/kontakt.html:10: image /uploads/saknas.png does not resolve to a file of the "
        "site; put it in static/uploads/saknas.png or correct the path",
    ]


def test_only_what_a_page_shows_is_judged(site, run) -> None:
    """An unpublished document shows nothing; a document's own url and aliases, its
    draft's source and values that are no path to a file name nothing."""
    site.write(
        "content/sv/a.md",
        """\
        ---
        lang: sv
        ref: a
        title: A
        published: false
        image: /uploads/borta.png
        ---
        ![](/uploads/borta.png)
        """,
    )
    site.write(
        "content/sv/b.md",
        """\
        ---
        lang: sv
        ref: b
        title: B
        url: /om/b.html
        aliases: [/gamla/b.html]
        version: v1.2
        folder: /om-oss/
        cdn: //cdn.example.org/x.js
        ---
        Text.
        """,
    )
    result = run(site.root, "check")
    assert (result.code, result.err) == (0, "")


def test_the_content_of_the_home_page_is_judged_too(site, run) -> None:
    """A document at the home page's URL is the home page's content (``url: /``)."""
    site.write(
        "content/sv/index.md",
        "---\nlang: sv\nref: hem\ntitle: Hem\nurl: /\n---\nVälkommen!\n\n![](bild.png)\n",
    )
    result = run(site.root, "check")
    assert result.err_lines == [
        "content/sv/index.md:9: image bild.png does not resolve to a file of the site; "
        "put it in static/bild.png or correct the path"
    ]


def test_pages_at_urls_with_spaces_and_non_ascii_letters_pass_the_audit(ui_site, run) -> None:
    """The audit reads a page's URL from its file's name (``Medborgarbudget Malmö/``) and
    its canonical, hreflang and sitemap entries percent-encoded: the same URL."""
    ui_site.write("static/uploads/Region Väst.png", PNG)
    for lang, url in (("sv", "/projekt/Medborgarbudget Malmö/"), ("en", "/en/Välkommen Åsa.html")):
        ui_site.write(
            f"content/{lang}/a.md",
            f"---\nlang: {lang}\nref: a\ntitle: A\nurl: {url}\n---\n"
            "[Sv](/projekt/Medborgarbudget%20Malm%C3%B6/) "
            "[En](</en/Välkommen Åsa.html>) ![](/uploads/Region%20V%C3%A4st.png)\n",
        )
    assert run(ui_site.root, "i18n").code == 0
    assert run(ui_site.root, "build").code == 0
    assert (ui_site.root / "public/projekt/Medborgarbudget Malmö/index.html").is_file()
    result = run(ui_site.root, "check")
    assert (result.code, result.err) == (0, "")

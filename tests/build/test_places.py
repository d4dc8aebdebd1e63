"""Where pages live: a document's own ``url``, the ``permalinks`` setting, ``aliases`` as
redirect pages, each section's list page, the files of ``static/`` and ``.html`` documents;
what is refused, at its line; and what a change to each renders again."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from tests.build.test_incremental import counts, tree


def doc(site, path: str, body: str = "Text.\n", **meta) -> None:
    """A posting with ``meta`` as its front matter."""
    site.write(path, "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)


@pytest.fixture
def built(ui_site, run):
    """A site with a Swedish page at its own url, its English version, and i18n done."""
    doc(ui_site, "content/sv/om.md", title="Om oss", ref="om", url="/om/Åsa Ö.html")
    doc(ui_site, "content/en/about.md", title="About", ref="om", url="/en/about/")
    assert run(ui_site.root, "i18n").code == 0
    return ui_site


def build(site, run, *args: str):
    result = run(site.root, "build", *args)
    assert result.code == 0, result.err
    return result


def test_a_page_is_written_at_its_url_and_linked_percent_encoded(built, run) -> None:
    build(built, run)
    page = built.read("public/om/Åsa Ö.html")
    own = "https://example.org/om/%C3%85sa%20%C3%96.html"
    assert f'<link rel="canonical" href="{own}">' in page
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/about/">' in page
    assert f'<link rel="alternate" hreflang="sv" href="{own}">' in built.read(
        "public/en/about/index.html"
    )
    assert 'href="/om/%C3%85sa%20%C3%96.html"' in built.read("public/index.html")
    assert f"<loc>{own}</loc>" in built.read("public/sitemap.xml")
    assert f'"url": "{own}"' in built.read("public/pairs.json")
    assert run(built.root, "check").code == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/.pipeline/manifest.html", "its URL /.pipeline/manifest.html must not hold a part "
         "that starts with '.' or is empty"),
        ("/a//b/", "its URL /a//b/ must not hold a part that starts with '.' or is empty"),
        ("/om", "its URL /om must end in '/' or '.html'"),
        ("/feed.xml", "its URL /feed.xml must end in '/' or '.html'"),
        ("/en/about/index.html", "its URL /en/about/index.html is already that of "
         "content/en/about.md; rename one"),
        ("/en/404.html", "its URL /en/404.html is already that of a page of the site itself; "
         "rename one"),
        ("/../x/", "url '/../x/' must not hold '..'"),
    ],
)  # fmt: skip
def test_a_url_out_of_the_folder_or_taken_is_refused_at_its_line(
    built, run, url: str, message: str
) -> None:
    doc(built, "content/sv/x.md", title="X", ref="x", url=url)
    result = run(built.root, "build")
    assert result.code == 1
    assert result.err_lines == [f"content/sv/x.md:4: {message}"]
    assert (built.root / "public/om/Åsa Ö.html").is_file()  # the good files are built
    assert not (built.root / "public/.pipeline/manifest.html").exists()


def test_permalinks_place_the_pages_of_a_section_per_language(built, run) -> None:
    built.write(
        "pyproject.toml",
        built.read("pyproject.toml") + 'permalinks = { news = "/:section/:year/:month/:slug/", '
        'projekt = { sv = "/projekt/:slug/", en = "/projects/:title/" } }\n',
    )
    doc(built, "content/sv/2021-03-04-hej.md", title="Hej", ref="hej")
    doc(built, "content/sv/app.md", title="Appen", ref="app", section="projekt")
    doc(built, "content/en/app.md", title="The App", ref="app", section="projekt")
    doc(built, "content/en/own.md", title="Own", ref="own", section="projekt", url="/x/")
    build(built, run)
    for made in ("nyheter/2021/03/hej", "projekt/app", "en/projects/the-app", "x"):
        assert (built.root / "public" / made / "index.html").is_file(), made
    doc(built, "content/sv/undated.md", title="Odaterad", ref="u", section="news")
    result = run(built.root, "build")
    assert result.err_lines == [
        "content/sv/undated.md:4: its URL has no date for :year of 'permalinks.news'"
    ]


def test_an_alias_is_a_redirect_page_to_where_the_page_lives(built, run) -> None:
    built.edit(
        "content/en/about.md", "ref: om\n", "ref: om\naliases: [/en/about-us/, /en/om.html]\n"
    )
    build(built, run)
    for alias in ("public/en/about-us/index.html", "public/en/om.html"):
        page = built.read(alias)
        assert '<meta name="robots" content="noindex">' in page
        target = "https://example.org/en/about/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'<link rel="canonical" href="{target}">' in page
        assert f'<a href="{target}">{target}</a>' in page
    assert "about-us" not in built.read("public/sitemap.xml")
    assert run(built.root, "check").code == 0


def test_an_alias_where_a_page_is_is_refused_at_its_line(built, run) -> None:
    doc(built, "content/sv/y.md", title="Y", ref="y", aliases=["/om/Åsa Ö.html", "/gammal/"])
    result = run(built.root, "build")
    assert result.err_lines == [
        "content/sv/y.md:2: aliases: /om/Åsa Ö.html is already that of content/sv/om.md"
    ]
    assert (built.root / "public/gammal/index.html").is_file()


def test_a_section_has_a_list_page_per_language_and_a_page_at_its_url_is_its_content(
    built, run
) -> None:
    doc(built, "content/sv/app.md", title="Appen", ref="app", section="projekt")
    doc(built, "content/en/app.md", title="The App", ref="app", section="projekt")
    doc(
        built, "content/sv/projekt.md", "Våra projekt.\n", title="Projekt", ref="p", url="/projekt/"
    )
    build(built, run)
    listing = built.read("public/projekt/index.html")
    assert "<h1>Projekt</h1>\n<p>Våra projekt.</p>" in listing
    assert '<a href="/projekt/app/">Appen</a>' in listing
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/projekt/">' in listing
    assert '<a href="/en/projekt/app/">The App</a>' in built.read("public/en/projekt/index.html")
    assert not (built.root / "public/projekt/projekt").exists()
    assert run(built.root, "check").code == 0


def test_a_page_at_a_home_is_its_content_and_so_is_its_translation(built, run) -> None:
    doc(built, "content/sv/hem.md", "Välkommen, läsare.\n", title="Välkommen", ref="h", url="/")
    draft = {"from": "sv", "status": "reviewed"}
    doc(
        built,
        "content/en/home.md",
        "Welcome, reader.\n",
        title="Welcome",
        ref="h",
        translation=draft,
    )
    build(built, run)
    assert "<h1>Välkommen</h1>\n<p>Välkommen, läsare.</p>" in built.read("public/index.html")
    home = built.read("public/en/index.html")
    assert "<h1>Welcome</h1>\n<p>Welcome, reader.</p>" in home
    assert '<a href="/en/about/">About</a>' in home  # and still the site's listing
    assert not (built.root / "public/en/home").exists()
    assert '"h": {"en": {"file": "content/en/home.md"' in built.read("public/pairs.json")


def test_a_translation_finds_its_home_page_taken_and_keeps_a_page_of_its_own(built, run) -> None:
    doc(built, "content/sv/hem.md", "Hej.\n", title="Hem", ref="h", url="/")
    doc(built, "content/en/start.md", "Start.\n", title="Start", ref="s", url="/en/")
    draft = {"from": "sv", "status": "reviewed"}
    doc(built, "content/en/home.md", "Hello.\n", title="Home", ref="h", translation=draft)
    build(built, run)
    assert "<h1>Start</h1>" in built.read("public/en/index.html")
    assert "<h1>Home</h1>" in built.read("public/en/home/index.html")


def test_an_html_document_is_its_html_cleaned(built, run) -> None:
    body = '<h2 class="x">Kontakt</h2>\n<p onclick="x()">Ring<br/>oss</p>\n'
    built.write("content/sv/kontakt.html", "---\ntitle: Kontakt\nref: k\n---\n" + body)
    build(built, run)
    assert '<h2 class="x">Kontakt</h2>\n<p>Ring<br>oss</p>\n' in built.read(
        "public/kontakt/index.html"
    )


def test_static_files_are_copied_as_they_are_and_only_when_changed(built, run) -> None:
    image = bytes(range(256)) * 4
    built.write("static/uploads/Region Väst.png", image)
    built.write("static/robots.txt", "User-agent: *\nDisallow: /hemligt/\n")
    built.write("static/dokument/a.md", "# As it is\n")
    first = build(built, run)
    public = built.root / "public"
    assert (public / "uploads/Region Väst.png").read_bytes() == image
    assert built.read("public/robots.txt") == "User-agent: *\nDisallow: /hemligt/\n"
    assert built.read("public/dokument/a.md") == "# As it is\n"
    assert counts(build(built, run).out) == (0, 0, 0)
    built.write("static/dokument/a.md", "# Changed\n")
    assert counts(build(built, run).out) == (1, 1, 0)
    (built.root / "static/uploads/Region Väst.png").unlink()
    assert counts(build(built, run).out) == (0, 0, 1)
    assert not (public / "uploads").exists()
    (built.root / "static/robots.txt").unlink()
    assert counts(build(built, run).out) == (1, 1, 0)  # the pipeline's own again
    assert "Sitemap: https://example.org/sitemap.xml" in built.read("public/robots.txt")
    assert counts(first.out)[0] == 14


def test_a_symbolic_link_in_static_is_not_followed(built, run, tmp_path) -> None:
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    (built.root / "static").mkdir()
    (built.root / "static/leak.txt").symlink_to(tmp_path / "secret.txt")
    result = build(built, run)
    assert result.err_lines == [
        "static/leak.txt: warning: a symbolic link: not copied into the output (copy the file "
        "itself here)"
    ]
    assert not (built.root / "public/leak.txt").exists()


def test_a_static_file_where_a_page_is_is_refused(built, run) -> None:
    built.write("static/om/Åsa Ö.html", "<p>mine</p>")
    built.write("static/sitemap.xml", "<urlset/>")
    result = run(built.root, "build")
    assert result.code == 1
    assert result.err_lines == [
        "static/om/Åsa Ö.html: /om/Åsa Ö.html is already that of content/sv/om.md; move one",
        "static/sitemap.xml: /sitemap.xml is already that of a file of the site itself; move one",
    ]
    assert "<p>mine</p>" not in built.read("public/om/Åsa Ö.html")


def test_changing_a_url_an_alias_or_a_static_file_renders_what_depends_on_it(built, run) -> None:
    doc(built, "content/sv/2021-03-04-hej.md", title="Hej", ref="hej")
    built.write("static/a.txt", "a\n")
    build(built, run)
    public = built.root / "public"

    def step(edit, written: int, removed: int) -> None:
        edit()
        assert counts(build(built, run).out)[1:] == (written, removed), edit
        assert counts(build(built, run).out) == (0, 0, 0)
        fresh = built.root / "fresh"
        assert run(built.root, "build", "--full", "--out", str(fresh)).code == 0
        assert tree(public) == tree(fresh), edit
        assert counts(run(built.root, "build", "--full").out)[1:] == (0, 0)

    # The page moves: its new file, its counterpart's hreflang and switcher, the home page,
    # the sitemap and pairs.json are written; its old file is removed.
    step(lambda: built.edit("content/sv/om.md", "/om/Åsa Ö.html", "/om-oss/"), 5, 1)
    # An alias: its page is written (the page it leads to renders as it was).
    step(lambda: built.edit("content/sv/om.md", "ref: om\n", "ref: om\naliases: [/om/]\n"), 1, 0)
    step(lambda: built.edit("content/sv/om.md", "aliases: [/om/]\n", ""), 0, 1)
    step(lambda: built.write("static/a.txt", "b\n"), 1, 0)
    step(lambda: built.write("static/b/c.txt", "c\n"), 1, 0)
    step(lambda: (built.root / "static/a.txt").unlink(), 0, 1)
    # A build into an empty folder from the same content takes the last plan (plan_cache):
    # the aliases' targets and the static files' sources are kept there too.
    step(lambda: built.edit("content/sv/om.md", "ref: om\n", "ref: om\naliases: [/om/]\n"), 1, 0)
    made = tree(public)
    shutil.rmtree(public)
    assert counts(build(built, run).out) == (len(made), len(made), 0)
    assert tree(public) == made
    assert re.search(r"https://example.org/om-oss/", built.read("public/sitemap.xml"))

"""The incremental build: after every kind of edit, what it leaves in the output folder is
the whole tree, byte for byte, that a full build of the same inputs makes in an empty folder;
and it renders only what the edit touched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.build import stage
from pipeline.build import templates as templating
from pipeline.state import fingerprints
from tests.build.test_build import EN_DRAFT, SV_POST, toggle, write_doc

EN_PAGE = "content/en/developer-and-system-administrator.md"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file the build made under ``folder`` (its manifest aside), with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(".pipeline/")
    }


def counts(out: str) -> tuple[int, int, int]:
    """Rendered, written and removed, from the build's summary."""
    found = re.search(r"(\d+) rendered, (\d+) written, (\d+) removed", out)
    assert found, out
    rendered, written, removed = found.groups()
    return int(rendered), int(written), int(removed)


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package's templates that the build renders with, so a test can edit one."""
    copy = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, copy)
    monkeypatch.setattr(templating, "TEMPLATES", copy)
    monkeypatch.setattr(fingerprints, "TEMPLATES", copy)
    return copy


@pytest.mark.parametrize("racy_ns", [fingerprints.RACY_NS, 0], ids=["racy", "settled"])
def test_incremental_builds_equal_full_builds_over_a_sequence_of_edits(
    seed_site, run, templates, monkeypatch, racy_ns
) -> None:
    # "settled": every file counts as older than the clock's tick (as in real use, where
    # edits are seconds apart), so a build with no change takes the manifest's word for it.
    monkeypatch.setattr(fingerprints, "RACY_NS", racy_ns)
    site = seed_site
    for number in range(1, 4):
        write_doc(
            site,
            f"content/sv/2021-0{number}-01-nyhet-{number}.md",
            f"Brödtext {number} med *betoning* och [en länk](https://example.com/{number}).\n",
            lang="sv",
            ref=f"nyhet-{number}",
            title=f"Nyhet {number}",
            date=f"2021-0{number}-01T10:00:00+01:00",
            excerpt=f"Utdrag {number}",
        )
        write_doc(
            site,
            f"content/en/2021-0{number}-01-news-{number}.md",
            f"Body {number}.\n",
            lang="en",
            ref=f"nyhet-{number}",
            title=f"News {number}",
            date=f"2021-0{number}-01T10:00:00+01:00",
            translation={"from": "sv", "status": "machine", "engine": "pseudo"},
        )

    def edit_body() -> None:
        toggle(site, "content/sv/2021-02-01-nyhet-2.md", "Brödtext 2", "Ny brödtext 2")

    def edit_title() -> None:
        toggle(site, "content/sv/2021-03-01-nyhet-3.md", "title: Nyhet 3", "title: Nyhet tre")

    def unpublish_draft() -> None:
        toggle(site, EN_DRAFT, "lang: en\n", "lang: en\npublished: false\n")

    def delete_posting() -> None:
        (site.root / "content/sv/2021-01-01-nyhet-1.md").unlink()

    def change_template() -> None:
        page = templates / "base.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<hr></main>"))

    def change_catalog() -> None:
        toggle(site, "locale/sv/LC_MESSAGES/messages.po", 'msgstr "Läs mer"', 'msgstr "Läs vidare"')
        assert run(site.root, "i18n").code == 0

    def change_setting() -> None:
        pyproject = site.root / "pyproject.toml"
        pyproject.write_text(pyproject.read_text() + 'site-name = "Labbet"\n', encoding="utf-8")

    def edit_page_without_date() -> None:
        toggle(site, EN_PAGE, "\n---\n", "\n---\nA new first paragraph.\n\n")

    edits = [
        edit_body,
        edit_title,
        unpublish_draft,
        delete_posting,
        edit_page_without_date,
        change_template,
        change_catalog,
        change_setting,
    ]
    first = run(site.root, "build")
    assert first.code == 0, first.err
    rendered_by_edit = {}
    for edit in [lambda: None, *edits]:
        edit()
        incremental = run(site.root, "build")
        assert incremental.code == 0, incremental.err
        shutil.rmtree(site.root / "fresh", ignore_errors=True)
        assert run(site.root, "build", "--out", str(site.root / "fresh")).code == 0
        name = getattr(edit, "__name__", "")
        assert tree(site.root / "public") == tree(site.root / "fresh"), name
        rendered_by_edit[name] = counts(incremental.out)
    assert run(site.root, "check").code == 0
    total = counts(first.out)[0]
    assert rendered_by_edit["<lambda>"] == (0, 0, 0)
    # A body: its page and its language's feed. A title: also the home page and sitemap
    # neighbours that list it, but not every page.
    assert rendered_by_edit["edit_body"][0] == 2
    assert rendered_by_edit["edit_title"][0] < total // 2
    # The draft's page goes; the original's page and both homes' hreflang sets change.
    assert rendered_by_edit["unpublish_draft"][2] == 2  # and the English news list, now empty
    assert rendered_by_edit["delete_posting"][2] == 1
    for everything in ("change_template", "change_catalog", "change_setting"):
        assert rendered_by_edit[everything][0] >= total - 3, everything  # (3 files gone by then)


def test_a_full_build_ignores_the_manifest_and_repairs_what_was_changed_by_hand(
    seed_site, run
) -> None:
    assert run(seed_site.root, "build").code == 0
    built = tree(seed_site.root / "public")
    page = seed_site.root / "public/index.html"
    page.write_text("changed by hand\n", encoding="utf-8")
    (seed_site.root / "public/style.css").unlink()
    repaired = run(seed_site.root, "build")
    assert counts(repaired.out) == (2, 2, 0)
    assert tree(seed_site.root / "public") == built
    assert counts(run(seed_site.root, "build", "--full").out) == (17, 0, 0)


def test_a_broken_manifest_means_a_full_build(seed_site, run) -> None:
    assert run(seed_site.root, "build").code == 0
    (seed_site.root / "public/.pipeline/manifest.json").write_text("{", encoding="utf-8")
    again = run(seed_site.root, "build")
    assert again.code == 0, again.err
    assert counts(again.out) == (17, 0, 0)


def test_parallel_rendering_makes_the_same_site(seed_site, run) -> None:
    assert run(seed_site.root, "build").code == 0
    pyproject = seed_site.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "build-workers = 2\n", encoding="utf-8")
    assert run(seed_site.root, "build", "--full", "--out", str(seed_site.root / "two")).code == 0
    assert tree(seed_site.root / "two") == tree(seed_site.root / "public")


def test_a_build_with_nothing_changed_reads_no_posting_and_says_the_same(
    seed_site, run, monkeypatch
) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    toggle(seed_site, SV_POST, "lang: sv\n", "lang: sv\ntitle: Dubbel\n")
    first = run(seed_site.root, "build")
    assert "duplicate key 'title'" in first.err

    def refuse(*args, **kwargs):
        raise AssertionError("a posting was read")

    monkeypatch.setattr(stage, "scan", refuse)
    again = run(seed_site.root, "build")
    assert (again.code, again.err) == (first.code, first.err)
    assert counts(again.out) == (0, 0, 0)
    (seed_site.root / "public/index.html").write_text("changed by hand\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="a posting was read"):
        run(seed_site.root, "build")


def test_a_limited_feed_drops_its_oldest_entry_when_a_newer_posting_arrives(seed_site, run) -> None:
    site = seed_site
    pyproject = site.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "feed-entries = 2\n", encoding="utf-8")

    def post(number: int) -> None:
        write_doc(
            site,
            f"content/sv/2030-0{number}-01-nyhet-{number}.md",
            f"Brödtext {number}.\n",
            lang="sv",
            ref=f"nyhet-{number}",
            title=f"Nyhet {number}",
            date=f"2030-0{number}-01T10:00:00+01:00",
        )

    def entries() -> list[str]:
        feed = (site.root / "public/feed.xml").read_text(encoding="utf-8")
        return re.findall(r"<title>(Nyhet \d)</title>", feed)

    post(1)
    post(2)
    assert run(site.root, "build").code == 0
    assert entries() == ["Nyhet 2", "Nyhet 1"]
    post(3)
    incremental = run(site.root, "build")
    assert incremental.code == 0, incremental.err
    assert entries() == ["Nyhet 3", "Nyhet 2"]
    assert run(site.root, "build", "--out", str(site.root / "fresh")).code == 0
    assert tree(site.root / "public") == tree(site.root / "fresh")
    # Every page is not rendered again for it: the new page, the feed, and the pages that
    # show it (lists, related items); no page of the other language.
    files = int(re.search(r"build: (\d+) files", incremental.out).group(1))
    assert counts(incremental.out)[0] < files
    assert (site.root / "public/en/index.html").stat().st_mtime_ns < (
        site.root / "public/feed.xml"
    ).stat().st_mtime_ns
    pyproject.write_text(pyproject.read_text().replace("feed-entries = 2", "feed-entries = 0"))
    assert run(site.root, "build").code == 0
    assert entries() == ["Nyhet 3", "Nyhet 2", "Nyhet 1"]


def _news(site, numbers: range) -> None:
    for number in numbers:
        write_doc(
            site,
            f"content/sv/2030-01-{number:02d}-nytt-{number}.md",
            f"Brödtext {number}.\n",
            lang="sv",
            ref=f"nytt-{number}",
            title=f"Nytt {number}",
            date=f"2030-01-{number:02d}T10:00:00+01:00",
        )


@pytest.mark.parametrize("own_templates", [False, True], ids=["package", "own"])
def test_an_older_postings_title_renders_only_the_pages_that_show_it(
    seed_site, run, own_templates
) -> None:
    site = seed_site
    _news(site, range(1, 9))
    if own_templates:  # a site's own template may show every teaser (site_pages)
        site.write("templates/page.html", '{% extends "package:page.html" %}\n')
    first = run(site.root, "build")
    assert first.code == 0, first.err
    # The oldest of eight is among no page's related items: its page, the Swedish home and
    # news list, and the Swedish feed show its title; with the site's own templates, every
    # Swedish page (each might show every teaser) is rendered again.
    toggle(site, "content/sv/2030-01-01-nytt-1.md", "title: Nytt 1", "title: Nytt ett")
    edited = run(site.root, "build")
    assert edited.code == 0, edited.err
    assert run(site.root, "build", "--out", str(site.root / "fresh")).code == 0
    assert tree(site.root / "public") == tree(site.root / "fresh")
    built = tree(site.root / "public")
    swedish = [p for p in built if p.endswith(".html") and not p.startswith("en/")]
    assert counts(edited.out)[0] == (len(swedish) + 1 if own_templates else 4)
    # The fourth newest is among the related items of the three newest only.
    toggle(site, "content/sv/2030-01-05-nytt-5.md", "title: Nytt 5", "title: Nytt fem")
    fourth = run(site.root, "build")
    assert counts(fourth.out)[0] == (len(swedish) + 1 if own_templates else 4 + 3)
    # The newest posting is among the related items of every page of its section.
    toggle(site, "content/sv/2030-01-08-nytt-8.md", "title: Nytt 8", "title: Nytt åtta")
    newest = run(site.root, "build")
    assert counts(newest.out)[0] >= 8 + 3  # (the eight pages, home, list and feed)
    assert run(site.root, "build", "--out", str(site.root / "fresh2")).code == 0
    assert tree(site.root / "public") == tree(site.root / "fresh2")


def test_the_package_templates_show_of_other_documents_what_document_keys_cover() -> None:
    # A document page's key covers, of the other documents, the newest RELATED of its
    # section and the menu (pipeline.build.keys): the package's templates must show no more.
    from pipeline.build.keys import RELATED

    for path in sorted(templating.TEMPLATES.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert "site_pages" not in text, path.name
        for found in re.findall(r"section_pages\S*", text):
            assert found.startswith(f"section_pages[:{RELATED}]|"), path.name
        if "section_pages" in text:
            assert f"related[:{RELATED - 1}]" in text, path.name

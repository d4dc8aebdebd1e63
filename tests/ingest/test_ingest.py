"""The ingest stage through the CLI: seeds, bad input, Jekyll sites, lang toggles, idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.content import document
from pipeline.ingest.stage import ingest
from tests.conftest import REPO, SEEDS

BAD = Path(__file__).parent / "bad"
BAD_CASES = sorted(p for p in BAD.iterdir() if p.suffix != ".expected")


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_bad_input_gets_its_documented_message(case: Path, site, run) -> None:
    expected = (BAD / f"{case.name}.expected").read_text(encoding="utf-8")
    result = run(site.root, "ingest", str(case))
    assert result.err == expected.replace("{path}", str(case))
    warnings_only = all(": warning: " in line for line in result.err_lines)
    assert result.code == (0 if warnings_only else 1)


def test_all_problems_are_listed_and_good_files_still_ingested(site, run) -> None:
    mixed = site.root.parent / "mixed"
    shutil.copytree(BAD, mixed, ignore=shutil.ignore_patterns("*.expected", "*.png"))
    shutil.copy(SEEDS[0], mixed / "zz-good.md")
    result = run(site.root, "ingest", str(mixed))
    assert result.code == 1
    expected_errors = sum(
        1
        for f in BAD.glob("*.expected")
        if f.stem != "photo.png"
        for line in f.read_text().splitlines()
        if ": warning: " not in line
    )
    assert len([e for e in result.err_lines if ": warning: " not in e]) == expected_errors
    stored = sorted(p.name for p in (site.root / "content" / "sv").iterdir())
    assert "2020-05-27-zz-good.md" in stored  # the good posting, named after its file
    assert "duplicate-keys.md" in stored  # warnings do not stop a file
    assert "published: false" in site.read("content/sv/duplicate-keys.md")


def test_seeds_become_the_committed_content(site, run) -> None:
    result = run(site.root, "ingest", *map(str, SEEDS))
    assert result.code == 0, result.err
    committed = {p.name: p.read_bytes() for p in (REPO / "content" / "sv").iterdir()}
    made = {p.name: p.read_bytes() for p in (site.root / "content" / "sv").iterdir()}
    assert made == {name: committed[name] for name in made}
    assert set(made) == {
        "2020-05-27-ansokan-stangd-outreach-strategist-till-demokratilabb.md",
        "utvecklare-och-systemadministrator.md",
    }


def test_seed_normalization(site, run) -> None:
    run(site.root, "ingest", *map(str, SEEDS))
    news = document.read(
        site.root / "content/sv/2020-05-27-ansokan-stangd-outreach-strategist-till-demokratilabb.md"
    )
    assert news.ref == "ansokan-stangd-outreach-strategist-till-demokratilabb"
    assert news.metadata["date"].text == "2020-05-27T14:10:53+02:00"
    job = document.read(site.root / "content/sv/utvecklare-och-systemadministrator.md")
    assert list(job.metadata)[:2] == ["lang", "ref"]
    assert job.lang == "sv" and job.ref == "utvecklare-och-systemadministrator"
    # 23:00 UTC is midnight in Stockholm: dates are written in the site's time zone.
    assert job.metadata["date"].text == "2024-01-28T00:00:00+01:00"
    assert job.published is False


def test_second_ingest_changes_no_byte(site, run) -> None:
    run(site.root, "ingest", *map(str, SEEDS))
    before = site.files()
    times = {p: p.stat().st_mtime_ns for p in (site.root / "content").rglob("*.md")}
    result = run(site.root, "ingest", *map(str, SEEDS))
    assert result.code == 0
    assert site.files() == before
    assert {p: p.stat().st_mtime_ns for p in (site.root / "content").rglob("*.md")} == times
    assert "0 created, 0 updated, 2 unchanged" in result.out


def test_changed_version_updates_in_place(site, run, tmp_path) -> None:
    posting = tmp_path / "2021-03-01-ny-tjanst.md"
    posting.write_text("---\ntitle: Ny tjänst\n---\nFörsta versionen.\n", encoding="utf-8")
    run(site.root, "ingest", str(posting))
    posting.write_text("---\ntitle: Ny tjänst\n---\nAndra versionen.\n", encoding="utf-8")
    result = run(site.root, "ingest", str(posting))
    assert "1 updated" in result.out
    assert [p.name for p in (site.root / "content/sv").iterdir()] == ["2021-03-01-ny-tjanst.md"]
    stored = site.read("content/sv/2021-03-01-ny-tjanst.md")
    assert "Andra versionen." in stored and "ref: ny-tjanst" in stored


def test_new_file_in_content_gets_ref_name_and_date(site, run) -> None:
    site.write(
        "content/sv/Ledig tjänst.md",
        """\
        ---
        title: Ledig tjänst
        date: 2022-09-01
        ---
        Text.
        """,
    )
    result = run(site.root, "ingest")
    assert result.code == 0, result.err
    text = site.read("content/sv/2022-09-01-ledig-tjanst.md")
    assert text.startswith("---\nlang: sv\nref: ledig-tjanst\ntitle: Ledig tjänst\n")
    assert "date: 2022-09-01T00:00:00+02:00\n" in text
    assert not (site.root / "content/sv/Ledig tjänst.md").exists()


def test_a_dated_file_name_gives_a_post_without_date_its_date(site, run, tmp_path) -> None:
    # As Jekyll reads a post's date from its name: for a file brought in and for one an
    # editor put into content/ directly, which the build would otherwise list undated.
    loose = tmp_path / "2024-04-02-utan-datum.md"
    loose.write_text("---\ntitle: Utan datum\n---\nText.\n", encoding="utf-8")
    site.write("content/sv/2024-05-03-ingen-dag.md", "---\ntitle: Ingen dag\n---\nText.\n")
    result = run(site.root, "ingest", str(loose))
    assert result.code == 0, result.err
    assert "date: 2024-04-02T00:00:00+02:00\n" in site.read("content/sv/2024-04-02-utan-datum.md")
    assert "date: 2024-05-03T00:00:00+02:00\n" in site.read("content/sv/2024-05-03-ingen-dag.md")
    site.write("content/sv/2024-02-30-fel-dag.md", "---\ntitle: Fel dag\n---\nText.\n")
    result = run(site.root, "ingest")
    assert result.code == 1
    assert result.err_lines == [
        "content/sv/2024-02-30-fel-dag.md: the file name starts with 2024-02-30, which is not "
        "a date: day is out of range for month; rename the file or set date"
    ]
    assert result.out.splitlines()[-1].endswith("; 1 error, 0 warnings")


def test_lang_toggle_moves_the_file_and_back(site, run) -> None:
    site.write(
        "content/sv/about.md", "---\nlang: sv\nref: about\ntitle: About us\n---\nIn English.\n"
    )
    site.write("content/sv/other.md", "---\nlang: sv\nref: other\ntitle: Annat\n---\nText.\n")
    run(site.root, "ingest")
    before = site.files()
    site.write(
        "content/sv/about.md", "---\nlang: en\nref: about\ntitle: About us\n---\nIn English.\n"
    )
    result = run(site.root, "ingest")
    assert result.code == 0, result.err
    assert "moved content/sv/about.md -> content/en/about.md (lang: en)" in result.out
    assert "lang: en" in site.read("content/en/about.md")
    assert not (site.root / "content/sv/about.md").exists()
    site.write(
        "content/en/about.md", site.read("content/en/about.md").replace("lang: en", "lang: sv")
    )
    run(site.root, "ingest")
    assert site.files() == before


def test_toggle_refuses_to_overwrite(site, run) -> None:
    site.write("content/en/about.md", "---\nlang: en\nref: about-en\ntitle: About\n---\nOther.\n")
    site.write("content/sv/about.md", "---\nlang: en\nref: about\ntitle: About us\n---\nText.\n")
    result = run(site.root, "ingest")
    assert result.code == 1
    assert result.err_lines == [
        "content/en/about.md: cannot move content/sv/about.md here (lang: en): the file exists"
    ]
    assert site.read("content/en/about.md").endswith("Other.\n")


JEKYLL_CONFIG = """\
    title: Digidem Lab
    timezone: Europe/Stockholm
    collections:
      jobs:
        output: true
    exclude: [drafts-old]
    defaults:
      - scope: {path: ""}
        values: {lang: sv, layout: default}
      - scope: {path: "_posts/en", type: posts}
        values: {lang: en}
      - scope: {path: "", type: jobs}
        values: {menu: lediga-tjanster}
    """


def test_jekyll_site_reads_posts_collections_pages_and_defaults(site, run, tmp_path) -> None:
    jekyll = tmp_path / "jekyll"
    files = {
        "_config.yml": JEKYLL_CONFIG,
        "_posts/2020-05-27-ny-tjanst.md": "---\ntitle: Ny tjänst\n---\nText.\n",
        "_posts/en/2020-06-01-new-job.md": (
            "---\ntitle: New job\ndate: 2020-06-01 10:00\n---\nText.\n"
        ),
        "_jobs/utvecklare.md": "---\ntitle: Utvecklare\n---\nText.\n",
        "om-oss.md": "---\ntitle: Om oss\nlang: sv\n---\nText.\n",
        "README.md": "No front matter: a static file for Jekyll, not a page.\n",
        "_drafts/utkast.md": "---\ntitle: Utkast\n---\nNot published by Jekyll.\n",
        "_layouts/default.html": "<html>{{ content }}</html>\n",
        "drafts-old/gammal.md": "---\ntitle: Excluded\n---\nText.\n",
    }
    for name, text in files.items():
        (jekyll / name).parent.mkdir(parents=True, exist_ok=True)
        (jekyll / name).write_text(text, encoding="utf-8")
    result = run(site.root, "ingest", str(jekyll))
    assert result.code == 0, result.err
    assert sorted(site.files()) == [
        "content/en/2020-06-01-new-job.md",
        "content/sv/2020-05-27-ny-tjanst.md",
        "content/sv/om-oss.md",
        "content/sv/utvecklare.md",
    ]
    post = document.read(site.root / "content/sv/2020-05-27-ny-tjanst.md")
    assert post.metadata["date"].text == "2020-05-27T00:00:00+02:00"  # from the file name
    assert post.metadata["layout"] == "default" and post.ref == "ny-tjanst"
    english = document.read(site.root / "content/en/2020-06-01-new-job.md")
    assert english.lang == "en" and english.metadata["date"].text == "2020-06-01T10:00:00+02:00"
    job = document.read(site.root / "content/sv/utvecklare.md")
    assert job.metadata["menu"] == "lediga-tjanster"
    # Each at the URL Jekyll serves it at; a collection is a section; no permalink written.
    assert post.metadata["url"] == "/2020/05/27/ny-tjanst.html" and "permalink" not in post.metadata
    assert (job.metadata["url"], job.metadata["section"]) == ("/jobs/utvecklare.html", "jobs")
    # A file without front matter is copied as it is; the draft, the layout and the excluded
    # folder are named, each with why it does not come across.
    assert site.files("static") == {"static/README.md": files["README.md"].encode()}
    assert f"{jekyll}/_drafts/utkast.md:1: warning: a draft" in result.err
    assert f"left out {jekyll}/_layouts/: Jekyll's layouts" in result.out
    assert f"left out {jekyll}/drafts-old/: excluded in _config.yml" in result.out


def test_jekyll_timezone_reads_dates_and_a_second_run_changes_nothing(site, run, tmp_path) -> None:
    jekyll = tmp_path / "jekyll"
    (jekyll / "_posts").mkdir(parents=True)
    (jekyll / "_config.yml").write_text("timezone: America/New_York\n", encoding="utf-8")
    (jekyll / "_posts/2021-02-03-nyhet.md").write_text(
        "---\ntitle: Nyhet\ndate: 2021-02-03 10:00\n---\nText.\n", encoding="utf-8"
    )
    assert run(site.root, "ingest", str(jekyll)).code == 0
    # 10:00 in New York, the Jekyll site's zone, written in the site's own zone.
    stored = document.read(site.root / "content/sv/2021-02-03-nyhet.md")
    assert stored.metadata["date"].text == "2021-02-03T16:00:00+01:00"
    before = site.files()
    assert "0 normalized" in run(site.root, "ingest").out
    assert "1 unchanged" in run(site.root, "ingest", str(jekyll)).out
    assert site.files() == before


_BOMB = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
    f"{x}: &{x} [{', '.join([f'*{y}'] * 9)}]" for x, y in zip("bcdefg", "abcdef", strict=True)
]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            [*_BOMB, "defaults:", '  - scope: {path: ""}', "    values: {bomb: *g}"],
            "1: invalid Jekyll config: YAML aliases (*name) expand it to more than 100,000 "
            "values; write the values out instead",
        ),
        (
            ["title: Digidem Lab", "exclude: [vendor", "timezone: Europe/Stockholm"],
            "3: invalid YAML in Jekyll config: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
        ),
    ],
    ids=["alias-bomb", "invalid-yaml"],
)
def test_a_bad_jekyll_config_is_one_line_and_nothing_is_ingested(
    site, run, tmp_path, config: list[str], message: str
) -> None:
    jekyll = tmp_path / "jekyll"
    (jekyll / "_posts").mkdir(parents=True)
    (jekyll / "_config.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    (jekyll / "_posts/2021-01-01-x.md").write_text("---\ntitle: X\n---\nText.\n")
    result = run(site.root, "ingest", str(jekyll))
    assert result.code == 1
    assert result.err_lines == [f"{jekyll / '_config.yml'}:{message}"]
    assert site.files("content") == {}


def test_ref_collision_with_existing_document_is_refused(site, run, tmp_path) -> None:
    site.write("content/sv/forsta.md", "---\nlang: sv\nref: samma\ntitle: Första\n---\nText.\n")
    other = tmp_path / "andra.md"
    other.write_text("---\ntitle: Andra\nref: samma\n---\nText.\n", encoding="utf-8")
    result = run(site.root, "ingest", str(other))
    assert result.code == 1
    assert "ref 'samma' in 'sv' is already held by content/sv/forsta.md" in result.err
    assert "Första" in site.read("content/sv/forsta.md")


def test_nothing_is_written_outside_the_site_root(site, run, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (site.root / "content").mkdir()
    (site.root / "content" / "sv").symlink_to(outside, target_is_directory=True)
    posting = tmp_path / "post.md"
    posting.write_text("---\ntitle: Hej\n---\nText.\n", encoding="utf-8")
    result = run(site.root, "ingest", str(posting))
    assert result.code == 1
    assert list(outside.iterdir()) == []
    assert "leaves" in result.err


def test_stage_function_returns_a_report(site) -> None:
    report = ingest(site.settings, [SEEDS[0]])
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    assert report.exit_code == 0 and not report.problems


def test_new_ref_goes_right_after_an_existing_lang(site, run, tmp_path) -> None:
    posting = tmp_path / "om-oss.md"
    posting.write_text("---\ntitle: Om oss\nlang: sv\nmenu: om\n---\nText.\n", encoding="utf-8")
    assert run(site.root, "ingest", str(posting)).code == 0
    assert site.read("content/sv/om-oss.md").startswith(
        "---\ntitle: Om oss\nlang: sv\nref: om-oss\nmenu: om\n---\n"
    )


def test_a_page_in_html_stays_html(site, run, tmp_path) -> None:
    page = tmp_path / "Kontakt.html"
    page.write_text("---\ntitle: Kontakt\n---\n<p>Ring oss<br/>i dag.</p>\n", encoding="utf-8")
    site.write("content/en/about.html", "---\ntitle: About\n---\n<p>We are a lab.</p>\n")
    result = run(site.root, "ingest", str(page))
    assert result.code == 0, result.err
    assert sorted(site.files()) == ["content/en/about.html", "content/sv/kontakt.html"]
    assert site.read("content/sv/kontakt.html").endswith("---\n<p>Ring oss<br/>i dag.</p>\n")
    assert "ref: about" in site.read("content/en/about.html")

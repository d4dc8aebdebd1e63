"""The export's rules about the Jekyll site's own files, held on a copy of the fixture site
(no Jekyll build needed): the site's files are never rewritten, an edit made in the Jekyll
tree is reported and kept, a draft that must not be published yet is written with
``published: false`` and named by no page, a layout without the include is named at its
line, ingest leaves the export's files out, and ``pipeline all`` exports each time.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.check.audit import read_site as read_built
from pipeline.config import load_settings
from pipeline.content import document
from tests.conftest import engine_pyproject
from tests.exchange.test_jekyll_export import NAME, English
from tests.jekyll_site import FIXTURE, jekyll_build
from tests.test_hostile import pipeline


def moved_in(tmp_path: Path, engine: str = "pseudo", extra: str = "") -> Path:
    """The fixture copied beside a new site root, ingested and translated; the root."""
    shutil.copytree(FIXTURE, tmp_path / NAME)
    root = tmp_path / "root"
    root.mkdir()
    settings = engine_pyproject(engine, timeout=5) + f'jekyll-site = "../{NAME}"\n' + extra
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    for command in (("ingest", NAME), ("translate",)):
        done = pipeline(root, *command, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def pseudo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture moved in and drafted by ``pseudo``, once for the module."""
    folder = tmp_path_factory.mktemp("moved")
    moved_in(folder)
    return folder


@pytest.fixture
def pseudo(pseudo_template: Path, tmp_path: Path) -> Path:
    """A copy of ``pseudo_template`` in the test's own folder; the site root."""
    for name in (NAME, "root"):
        shutil.copytree(pseudo_template / name, tmp_path / name, symlinks=True)
    return tmp_path / "root"


def export(tmp_path: Path, *args: str):
    return pipeline(
        tmp_path / "root", "export", "--format", "jekyll", "-o", NAME, *args, cwd=tmp_path
    )


def listed(site: Path) -> dict[str, dict[str, str]]:
    return json.loads((site / ".pipeline-export.json").read_text("utf-8"))["files"]


def test_pseudo_drafts_are_written_unpublished_and_a_layout_is_named_at_its_line(
    tmp_path: Path, pseudo: Path
) -> None:
    site = tmp_path / NAME
    layout = (site / "_layouts/default.html").read_bytes()
    done = export(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"{NAME}/_layouts/default.html:12: warning: this <head> does not include the hreflang "
        "yet: add the line '{% include hreflang.html canonical=\"no\" %}' before </head> (or "
        "run the export with --wire)"
    ]
    assert (site / "_layouts/default.html").read_bytes() == layout
    drafts = [path for path, entry in listed(site).items() if entry["from"].startswith("content/")]
    assert len(drafts) == 9
    for path in drafts:
        assert document.read(site / path).metadata["published"] is False
    data = json.loads((site / "_data/hreflang.json").read_text("utf-8"))
    assert not set(drafts) & set(data)
    assert data["_projekt/skolval.md"]["versions"] == [
        {"lang": "sv", "url": "https://example.org/arkiv/2019/skolval.html"}
    ]


def test_unreviewed_drafts_wait_for_review_when_the_site_says_so(tmp_path: Path, libre) -> None:
    libre.answers = English()
    moved_in(tmp_path, "libre", "publish-unreviewed = false\n")
    site = tmp_path / NAME
    assert export(tmp_path).returncode == 0
    draft = next(
        path
        for path in listed(site)
        if path.endswith(".md")
        and document.read(site / path).translation["source"] == "_projekt/skolval.md"
    )
    assert draft == "_projekt/en/" + Path(listed(site)[draft]["from"]).name
    assert document.read(site / draft).metadata["published"] is False
    root = tmp_path / "root"
    assert pipeline(root, "approve", "skolval", "--force").returncode == 0
    done = export(tmp_path)
    assert done.returncode == 0, done.stderr
    reviewed = document.read(site / draft)
    assert "published" not in reviewed.metadata
    assert reviewed.translation["status"] == "reviewed"
    data = json.loads((site / "_data/hreflang.json").read_text("utf-8"))
    assert {v["lang"] for v in data["_projekt/skolval.md"]["versions"]} == {"sv", "en"}


def test_the_sites_own_files_and_edits_in_the_jekyll_tree_are_never_overwritten(
    tmp_path: Path, pseudo: Path
) -> None:
    site = tmp_path / NAME
    assert export(tmp_path).returncode == 0
    drafts = {e["from"]: p for p, e in listed(site).items()}
    # An editor changes an original in the Jekyll tree, a translator an exported draft, and
    # someone puts a page of the site's own where a draft goes.
    original = site / "_projekt/skolval.md"
    original.write_text(original.read_text("utf-8").replace("elever", "barn"), "utf-8")
    exported = site / drafts["content/en/region-vast.md"]
    exported.write_text(exported.read_text("utf-8") + "\nEdited in Jekyll.\n", "utf-8")
    own = site / drafts["content/en/metod.html"]
    own_text = "The site's own notes, no page.\n"
    del_from_list = listed(site)
    del del_from_list[drafts["content/en/metod.html"]]
    (site / ".pipeline-export.json").write_text(json.dumps({"files": del_from_list}), "utf-8")
    own.write_text(own_text, "utf-8")
    skolval = (site / drafts["content/en/skolval.md"]).read_bytes()
    done = export(tmp_path)
    assert done.returncode == 1
    assert set(done.stderr.splitlines()) >= {
        f"{NAME}/_projekt/skolval.md: warning: not as content/sv/skolval.md holds it (edited "
        f"since it was ingested?): its versions are not exported; run 'pipeline ingest "
        f"{NAME}/_projekt/skolval.md' first",
        f"{NAME}/{drafts['content/en/metod.html']}: the site's own file is here: not overwritten "
        "(the version of content/en/metod.html)",
        f"{NAME}/{drafts['content/en/region-vast.md']}: edited in the Jekyll tree since the "
        "export wrote it: not overwritten; make the change in content/en/region-vast.md and "
        "remove this file",
    }
    assert own.read_text("utf-8") == own_text
    assert exported.read_text("utf-8").endswith("Edited in Jekyll.\n")
    assert (site / drafts["content/en/skolval.md"]).read_bytes() == skolval  # kept, not removed


def test_ingest_leaves_the_exports_files_out_and_changes_nothing(
    tmp_path: Path, pseudo: Path
) -> None:
    root = pseudo
    assert export(tmp_path, "--wire").returncode == 0
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    again = pipeline(root, "ingest", NAME, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 updated" in again.stdout
    for path, entry in listed(tmp_path / NAME).items():
        assert f"left out {NAME}/{path}: written by pipeline export from {entry['from']}" in (
            again.stdout
        ) or path.startswith("_includes/")
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before


def test_all_exports_into_the_site_the_setting_names(tmp_path: Path, pseudo: Path) -> None:
    root = pseudo
    done = pipeline(root, "all", cwd=tmp_path)
    assert "export jekyll: 9 drafts (9 with published: false); 11 files written" in done.stdout
    assert (tmp_path / NAME / "_includes/hreflang.html").is_file()


@pytest.mark.parametrize("args", [(), ("-o", "nowhere")])
def test_a_site_must_be_named_and_be_a_jekyll_site(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.pipeline]\nsite-url = "https://example.org"\n')
    done = pipeline(root, "export", "--format", "jekyll", *args, cwd=tmp_path)
    assert done.returncode == 2
    wanted = "name the Jekyll site with -o SITE" if not args else "nowhere is no Jekyll site"
    assert wanted in done.stderr


def test_a_site_whose_head_is_a_themes_is_told_where_the_line_goes(
    tmp_path: Path, pseudo: Path
) -> None:
    shutil.rmtree(tmp_path / NAME / "_layouts")
    done = export(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"{NAME}: warning: no layout or include of the site writes a <head> (a theme's does): "
        "add the line '{% include hreflang.html %}' to the <head> of the site's pages (a copy "
        "of the theme's head.html)"
    ]


def test_unreviewed_drafts_are_noindex_and_named_by_no_page_when_the_site_says_so(
    tmp_path: Path, libre
) -> None:
    libre.answers = English()
    root = moved_in(tmp_path, "libre", "noindex-unreviewed = true\n")
    assert export(tmp_path, "--wire").returncode == 0
    site = tmp_path / NAME
    data = json.loads((site / "_data/hreflang.json").read_text("utf-8"))
    draft = next(p for p, e in data.items() if e["noindex"])
    original = data[document.read(site / draft).translation["source"]]
    assert data[draft]["alternates"] == [] and data[draft]["x_default"] is None
    assert [v["lang"] for v in original["versions"]] == ["en", "sv"]  # the switcher's
    assert [v["lang"] for v in original["alternates"]] == ["sv"]
    built = jekyll_build(site, tmp_path / "built")
    done = pipeline(root, "check", "--out", str(built.output), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pages = read_built(load_settings(root), built.output).pages
    assert pages[data[draft]["url"]].noindex
    assert pages[data[draft]["url"]].alternates == []
    assert pages[original["url"]].hreflang_set() == {
        ("sv", original["url"]),
        ("x-default", original["url"]),
    }


SMALL_SITE = {
    "_config.yml": (
        'title: Labbet\nurl: "https://example.org"\ncollections_dir: samlingar\n'
        "defaults:\n  - scope: {path: ''}\n    values: {layout: default, lang: sv}\n"
        "  - scope: {path: samlingar/en}\n    values: {lang: en}\n"
    ),
    "_layouts/default.html": (
        '<!DOCTYPE html>\n<html lang="{{ page.lang }}">\n<head>\n  <title>{{ page.title }}'
        "</title>\n</head>\n<body>{{ content }}</body>\n</html>\n"
    ),
    "samlingar/_posts/2021-05-01-hej.md": (
        "---\ntitle: Hej\nref: hej\n---\nVi har öppet hus på lördag för alla som vill komma.\n"
    ),
    "samlingar/en/_posts/2021-05-01-hello.md": (
        "---\ntitle: Hello\nref: hej\n---\nWe have an open house on Saturday for all.\n"
    ),
    "samlingar/_posts/2021-06-01-sommar.md": (
        "---\ntitle: Sommar\n---\nKontoret är stängt under juli och öppnar igen i augusti.\n"
    ),
}


def test_a_site_with_collections_dir_keeps_its_posts_there(tmp_path: Path, libre) -> None:
    libre.answers = English()
    site = tmp_path / NAME
    for name, text in SMALL_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(engine_pyproject("libre", timeout=5), "utf-8")
    for command in (("ingest", NAME), ("translate",)):
        assert pipeline(root, *command, cwd=tmp_path).returncode == 0
    done = export(tmp_path, "--wire")
    assert done.returncode == 0, done.stderr
    drafts = [p for p, e in listed(site).items() if e["from"].startswith("content/")]
    assert len(drafts) == 1 and drafts[0].startswith("samlingar/en/_posts/2021-06-01-")
    data = json.loads((site / "_data/hreflang.json").read_text("utf-8"))
    # keyed by page.path, which Jekyll gives without collections_dir
    assert sorted(data) == sorted(p.removeprefix("samlingar/") for p in [*SMALL_SITE][2:] + drafts)
    built = jekyll_build(site, tmp_path / "built")
    check = pipeline(root, "check", "--out", str(built.output), cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    pages = read_built(load_settings(root), built.output).pages
    assert all(len(page.hreflang_set()) == 3 for page in pages.values())  # sv, en, x-default

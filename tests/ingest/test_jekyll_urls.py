"""Jekyll's URL rules as the import applies them (``pipeline.ingest.jekyll_urls``), held
against Jekyll itself: its own ``slugify`` and ``escape_path`` run by Ruby, and small sites
built by real Jekyll with each permalink style, placeholder and scope, then ingested.

Each site's layout writes each page's file into a ``<meta>`` tag (``tests/jekyll_site.py``),
so every page Jekyll serves is traced to its file, and the ``url`` ingest gave that file's
document must be the URL Jekyll serves it at.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from pipeline.ingest.jekyll_urls import escape_path, slugify
from tests.conftest import PYPROJECT
from tests.jekyll_site import jekyll, jekyll_build
from tests.test_hostile import pipeline

TEXTS = [
    "Välkommen Åsa!",
    "The _config.yml file?!",
    "  Café — 100% Öl & Bröd  ",
    "Привет, мир 2021",
    "a--b__c..d~~e",
    "Ünïcödé ÆØÅ ß",
    "tab\tand\nnewline",
    "日本語のタイトル",
    "-leading and trailing-",
    "C'est l'été (été)",
]
MODES = ["default", "pretty", "raw", "ascii", "none"]


def ruby(script: str, data: object) -> object:
    """What ``script`` prints as JSON, run by Ruby with Jekyll loaded, given ``data``."""
    ruby_bin = Path(jekyll()).resolve().parent / "ruby"
    command = [str(ruby_bin) if ruby_bin.exists() else "ruby", "-rjson", "-rjekyll", "-e", script]
    done = subprocess.run(
        command, input=json.dumps(data), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_slugify_is_jekylls_in_every_mode():
    script = (
        "cases = JSON.parse($stdin.read); puts JSON.generate(cases.map { |t, m, c| "
        "Jekyll::Utils.slugify(t, mode: m, cased: c) })"
    )
    cases = [[text, mode, cased] for text in TEXTS for mode in MODES for cased in (False, True)]
    theirs = ruby(script, cases)
    ours = [slugify(text, mode, cased) for text, mode, cased in cases]
    wrong = [
        f"{c}: ours {o!r}, Jekyll's {t!r}"
        for c, o, t in zip(cases, ours, theirs, strict=True)
        if o != t
    ]
    assert wrong == []


def test_escape_path_is_jekylls():
    values = ["/Medborgarbudget Malmö", "a/b-c.d", "x?y", "50%", "[a](b)", "é#1", "a+b=c;d"]
    theirs = ruby(
        "puts JSON.generate(JSON.parse($stdin.read).map { |v| Jekyll::URL.escape_path(v) })", values
    )
    assert [escape_path(v) for v in values] == theirs


LAYOUT = (
    '<html><head><meta name="source" content="{{ page.path }}"></head>'
    "<body>{{ content }}</body></html>\n"
)

FILES = {
    "_layouts/default.html": LAYOUT,
    "_posts/2021-1-5-Hello World.md": "---\ntitle: Hej\n---\nText.\n",
    "_posts/2021-03-04-kategorier.md": (
        "---\ntitle: K\ncategories: Ett tvÅ\ncategory: Tre\n---\nT.\n"
    ),
    "_posts/2021-03-05-eget.md": "---\ntitle: E\nslug: Eget Namn\n---\nT.\n",
    "_posts/2021-12-31-sent.md": "---\ntitle: S\ndate: 2021-12-31 23:30:00 -0500\n---\nT.\n",
    "arkiv/_posts/2020-02-29-skottdag.md": "---\ntitle: Skottdag\n---\nT.\n",
    "_posts/2022-01-02-egen.md": (
        "---\ntitle: M\npermalink: /:month_:day/:i_month/:short_year/\n---\nT.\n"
    ),
    "about.md": "---\ntitle: Om\n---\nT.\n",
    "docs/index.html": "---\ntitle: Docs\n---\n<p>T.</p>\n",
    "docs/guide.md": "---\ntitle: Guide\n---\nT.\n",
    "docs/sida.md": "---\ntitle: Sida\npermalink: /d/:path/:basename:output_ext\n---\nT.\n",
    "glob/a.md": "---\ntitle: A\n---\nT.\n",
    "_recipes/sub/Pasta Bake.md": "---\ntitle: Pasta\n---\nT.\n",
    "_notes/anteckning.md": "---\ntitle: N\ndate: 2019-08-07\n---\nT.\n",
    "_events/fest.md": "---\ntitle: F\ndate: 2023-06-09 18:00:00 +0200\n---\nT.\n",
}
CONFIG = """\
timezone: Europe/Stockholm
collections:
  recipes:
    output: true
  notes:
    output: true
    permalink: /n/:i_month-:i_day-:short_year/:name:output_ext
  events:
    output: true
    permalink: /e/:year/W:week/:short_day/:long_month/:y_day/:slug/
defaults:
  - scope: {path: ""}
    values: {layout: default}
  - scope: {path: "glob/*"}
    values: {permalink: /globbed/:basename/}
"""


def served_and_ingested(tmp_path: Path, files: dict[str, str]) -> tuple[dict, dict, Path, str]:
    """The site of ``files`` built by real Jekyll and ingested: the file each URL Jekyll
    serves comes from, the ``url`` ingest gave each file's document, the root, and what
    ingest said."""
    site = tmp_path / "site"
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    built = jekyll_build(site, tmp_path / "jekyll")
    assert built.warnings == []
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    done = pipeline(root, "ingest", "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    made = dict(re.findall(r"^created (content/\S+) from site/(.+) \(ref", done.stdout, re.M))
    ours = {}
    for doc, source in made.items():
        url = re.search(r"^url: (.+)$", (root / doc).read_text("utf-8"), re.M)
        ours[source] = url.group(1).strip("'\"") if url else None
    theirs = {page.source: url for url, page in built.pages.items()}
    return ours, theirs, root, done.stdout


@pytest.mark.parametrize(
    "permalink", ["pretty", "none", "ordinal", "weekdate", "/blog/:year/:title"]
)
def test_ingest_gives_each_document_the_url_jekyll_serves_it_at(tmp_path: Path, permalink: str):
    files = {**FILES, "_config.yml": CONFIG + f"permalink: {permalink}\n"}
    ours, theirs, _, _ = served_and_ingested(tmp_path, files)
    assert ours == theirs
    assert len(theirs) == len(FILES) - 1


def test_collections_in_a_folder_of_their_own_keep_their_urls_and_files(tmp_path: Path):
    files = {
        "_layouts/default.html": LAYOUT,
        "_config.yml": (
            "collections_dir: samlingar\ncollections:\n  projekt:\n    output: true\n"
            'defaults:\n  - scope: {path: ""}\n    values: {layout: default}\n'
        ),
        "samlingar/_posts/2021-01-01-p.md": "---\ntitle: P\n---\nT.\n",
        "samlingar/_projekt/en/a.md": "---\ntitle: A\n---\nT.\n",
        "samlingar/_projekt/b.png.md": "---\ntitle: B\n---\nT.\n",
        "samlingar/_projekt/bild på mig.png": "PNG",
        "_posts/2021-01-02-utanfor.md": "---\ntitle: Utanför\n---\nT.\n",
    }
    ours, theirs, root, said = served_and_ingested(tmp_path, files)
    # Jekyll names a document by its path in the collections' folder.
    assert {path.removeprefix("samlingar/"): url for path, url in ours.items()} == theirs
    assert sorted(theirs) == ["_posts/2021-01-01-p.md", "_projekt/b.png.md", "_projekt/en/a.md"]
    assert (root / "static/projekt/bild på mig.png").read_bytes() == b"PNG"
    assert "left out site/_posts/: outside collections_dir, where Jekyll reads no posts" in said

"""The drafts and the hreflang back into the Jekyll site they came from (issue 23), proved
with real Jekyll.

A copy of the fixture site (a git repository, as a co-op keeps its site) is ingested, its
drafts translated through the LibreTranslate-compatible test server (so that they are
published), exported back with ``--wire``, and built by Jekyll. Then the auditor passes on
Jekyll's ``_site``; every page names in hreflang exactly the published versions of its ref
(each document of the site mapped to its ref through what ingest and the export said);
``_data/hreflang.json`` (the switcher's data) holds the same for every document; git sees
only the files the export added and the one line it wired; a second export changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.check.audit import read_site as read_built
from pipeline.check.served import normal
from pipeline.config import load_settings
from pipeline.content import document
from tests.conftest import engine_pyproject, serving_libre
from tests.jekyll_site import FIXTURE, JekyllSite, jekyll_build
from tests.test_hostile import pipeline

NAME = "jekyll-site"
CREATED = re.compile(rf"^created (?P<doc>content/\S+) from {NAME}/(?P<source>.+) \(ref \S+\)$")
WIRED = '{% include hreflang.html canonical="no" %}'
ENGLISH = [
    "the",
    "members",
    "of",
    "the",
    "cooperative",
    "meet",
    "every",
    "year",
    "to",
    "decide",
    "what",
    "they",
    "will",
    "do",
    "next",
]


class English(dict):
    """The test server's answers: each word of the text sent as an English word (its
    placeholders as they are), so that the auditor reads every draft as English."""

    def get(self, text: str, default: object = None) -> str:
        words = iter(ENGLISH * (1 + len(text) // 3))
        return re.sub(r"[^\W\d_]+", lambda _: next(words), text)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@dataclass(frozen=True)
class Exported:
    """The fixture moved in, translated, exported back and built by Jekyll."""

    work: Path
    root: Path
    site: Path
    ingested: dict[str, str]  # Jekyll path -> content/ path, by what ingest said
    export: subprocess.CompletedProcess[str]
    built: JekyllSite

    @property
    def listed(self) -> dict[str, dict[str, str]]:
        """The export's list: each file it wrote, with what it was written from."""
        return json.loads((self.site / ".pipeline-export.json").read_text("utf-8"))["files"]

    def documents(self) -> dict[str, document.Document]:
        """Every document of the Jekyll site by its path there, as the pipeline holds it:
        originals by what ingest said, drafts by the export's list."""
        paths = dict(self.ingested)
        paths |= {k: v["from"] for k, v in self.listed.items() if v["from"].startswith("content/")}
        return {path: document.read(self.root / held) for path, held in paths.items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    work = tmp_path_factory.mktemp("export")
    site = work / NAME
    shutil.copytree(FIXTURE, site)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "the co-op's site")
    root = work / "root"
    root.mkdir()
    settings = engine_pyproject("libre", timeout=5) + f'jekyll-site = "../{NAME}"\n'
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    ingest = pipeline(root, "ingest", NAME, cwd=work)
    assert ingest.returncode == 0, ingest.stderr
    ingested = {}
    for line in ingest.stdout.splitlines():
        if created := CREATED.match(line):
            ingested[created["source"]] = created["doc"]
    with pytest.MonkeyPatch.context() as patch, serving_libre(patch) as libre:
        libre.answers = English()
        done = pipeline(root, "translate", cwd=work)
        assert done.returncode == 0, done.stderr
        assert libre.requests > 0
    export = pipeline(root, "export", "--format", "jekyll", "--wire", cwd=work)
    assert export.returncode == 0, export.stderr
    built = jekyll_build(site, work / "built")
    return Exported(work, root, site, ingested, export, built)


def test_every_draft_lands_where_the_site_keeps_its_language(exported: Exported) -> None:
    drafts = {k: v for k, v in exported.listed.items() if v["from"].startswith("content/en/")}
    assert len(drafts) == 9
    places = {
        path.split("/")[0] if not path.startswith("_") else path.rsplit("/", 1)[0]
        for path in drafts
    }
    # posts and pages in en/ (as the site's pairs are), a collection's in its own en/ folder
    assert places == {"en", "_projekt/en", "_uppdrag/en"}
    for path, entry in drafts.items():
        doc = document.read(exported.site / path)
        draft = document.read(exported.root / entry["from"])
        assert doc.lang == "en"
        assert doc.translation["status"] == "machine"
        assert "url" not in doc.metadata and "section" not in doc.metadata
        original = document.read(exported.site / doc.translation["source"])
        assert doc.metadata["ref"] == original.metadata.get("ref", draft.ref)
        # held back only where the original is not published
        assert (doc.metadata.get("published") is False) == (
            original.metadata.get("published") is False
        )


def test_jekyll_site_passes_the_auditor(exported: Exported) -> None:
    done = pipeline(exported.root, "check", "--out", str(exported.built.output), cwd=exported.work)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def expected_sets(exported: Exported) -> dict[str, set[tuple[str, str]]]:
    """What each built page (by its source in the site) must name: the published versions
    of its ref, by language, and x-default the Swedish one."""
    documents = exported.documents()
    served = {page.source: page.url for page in exported.built.pages.values() if page.source}
    by_ref: dict[str, dict[str, str]] = {}
    for path, doc in documents.items():
        if path in served:
            by_ref.setdefault(doc.ref, {})[doc.lang] = normal("https://example.org" + served[path])
    sets = {}
    for path, doc in documents.items():
        if path in served:
            versions = by_ref[doc.ref]
            named = {(lang, url) for lang, url in versions.items()}
            sets[path] = named | {("x-default", versions.get("sv") or versions["en"])}
    return sets


def test_every_page_of_a_pair_names_its_counterparts(exported: Exported) -> None:
    settings = load_settings(exported.root)
    built = read_built(settings, exported.built.output)
    pages = {page.source: page.url for page in exported.built.pages.values() if page.source}
    expected = expected_sets(exported)
    pairs = [s for s in expected.values() if len(s) > 2]
    assert len(pairs) >= 20  # 13 pairs of the site's own, and the drafts' (7 published)
    for source, wanted in expected.items():
        page = built.pages[normal("https://example.org" + pages[source])]
        assert page.hreflang_set() == wanted, source


def test_the_switcher_data_is_right_for_every_document(exported: Exported) -> None:
    data = json.loads((exported.site / "_data/hreflang.json").read_text("utf-8"))
    expected = expected_sets(exported)
    assert set(data) == set(expected)
    for path, wanted in expected.items():
        entry = data[path]
        for key in ("versions", "alternates"):  # the switcher's, the hreflang's: the same here
            versions = {(v["lang"], v["url"]) for v in entry[key]}
            assert versions | {("x-default", entry["x_default"])} == wanted, path
        assert entry["noindex"] is False


def test_git_sees_only_what_the_export_added_and_the_wired_line(exported: Exported) -> None:
    status = git(exported.site, "status", "--porcelain", "--untracked-files=all", "-z")
    entries = [e for e in status.split("\0") if e]
    changed = {e[3:] for e in entries if not e.startswith("??")}
    added = {e[3:] for e in entries if e.startswith("??")}
    assert changed == {"_layouts/default.html"}
    assert added == {*exported.listed, ".pipeline-export.json"}
    diff = git(exported.site, "diff", "--unified=0", "_layouts/default.html").splitlines()
    assert [
        line for line in diff if line.startswith(("+", "-")) and line[1:3] not in ("++", "--")
    ] == [f"+  {WIRED}"]


def test_a_second_export_changes_nothing(exported: Exported) -> None:
    before = {
        p.relative_to(exported.site).as_posix(): p.read_bytes()
        for p in exported.site.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(exported.site).parts
    }
    again = pipeline(exported.root, "export", "--format", "jekyll", cwd=exported.work)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
    assert "0 files written" in again.stdout
    after = {
        p.relative_to(exported.site).as_posix(): p.read_bytes()
        for p in exported.site.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(exported.site).parts
    }
    assert after == before

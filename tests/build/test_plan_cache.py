"""A build after edits of documents' bodies only reuses the last build's plan
(``pipeline.build.plan_cache``); every other change (front matter, files added, removed or renamed,
settings, catalogs, a file changed by hand, a damaged, older or planted cache) makes it plan
the site again. Either way the output is the full build's, byte for byte."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time

import pytest

from pipeline.build import plan, plan_cache, workers
from pipeline.build.render import Renderer, TemplateError
from pipeline.state import fingerprints
from tests.build.test_build import EN_DRAFT, SV_NEWS, SV_POST, toggle, write_doc
from tests.build.test_incremental import EN_PAGE, counts, tree
from tests.conftest import spy

PLAN = str(plan_cache.FILE)
TEMPLATE = "pipeline/templates/page.html"


@pytest.fixture
def planned(seed_site, run, monkeypatch) -> list[tuple]:
    """The site built once, settled (every file older than the racy window); the list
    counts the builds that planned the site since."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    calls = spy(monkeypatch, plan, "plan_site")
    assert run(seed_site.root, "build").code == 0
    assert (seed_site.root / PLAN).is_file()
    calls.clear()
    return calls


def same_as_full(site, run, calls: list[tuple]) -> tuple[bool, tuple[int, int, int]]:
    """Build incrementally, then fully into an empty folder; both trees must be equal.
    Whether the incremental build planned the site, and what it rendered, wrote, removed."""
    time.sleep(0.05)  # past the file system clock's tick, as edits are in real use
    calls.clear()
    incremental = run(site.root, "build")
    replanned = bool(calls)
    shutil.rmtree(site.root / "fresh", ignore_errors=True)
    full = run(site.root, "build", "--out", str(site.root / "fresh"))
    assert incremental.code == full.code, incremental.err
    assert tree(site.root / "public") == tree(site.root / "fresh")
    assert incremental.err == full.err  # the same warnings
    return replanned, counts(incremental.out)


def body_edit(site, path: str = SV_POST, text: str = "Ett nytt första stycke.") -> None:
    toggle(site, path, "\n---\n", f"\n---\n{text}\n\n")


def test_a_body_edit_reuses_the_plan(seed_site, run, planned) -> None:
    body_edit(seed_site)
    assert same_as_full(seed_site, run, planned) == (False, (2, 2, 0))  # its page, its feed
    assert "Ett nytt första stycke." in seed_site.read(SV_NEWS)
    body_edit(seed_site, EN_DRAFT, "A new first paragraph.")
    assert same_as_full(seed_site, run, planned) == (False, (2, 2, 0))
    body_edit(seed_site, EN_PAGE, "A new first paragraph.")  # not on the site (unpublished)
    assert same_as_full(seed_site, run, planned) == (False, (0, 0, 0))
    # Two edits since the plan was made, then the first undone: its page is rendered again.
    toggle(seed_site, SV_POST, "\nEtt nytt första stycke.\n\n", "\n")
    replanned, _ = same_as_full(seed_site, run, planned)
    assert not replanned
    assert "Ett nytt första stycke." not in seed_site.read(SV_NEWS)
    # Touched, not changed: nothing to render.
    os.utime(seed_site.root / SV_POST)
    assert same_as_full(seed_site, run, planned) == (False, (0, 0, 0))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: '", "title: 'Ny "),
        ("title: ", "title: Ny "),  # not YAML: the posting is left out
        ("date: 2020-05-27", "date: 2020-05-28"),
        ("lang: sv\n", "lang: sv\npublished: false\n"),
        ("lang: sv\n", "lang: en\n"),
        ("lang: sv\n", "lang: sv\ntitle: Dubbel\n"),  # a warning more
        ("---\n", "---\n# en kommentar\n"),  # the same front matter, on other lines
    ],
    ids=["title", "invalid", "date", "published", "lang", "warning", "lines"],
)
def test_a_front_matter_edit_plans_the_site(seed_site, run, planned, old, new) -> None:
    toggle(seed_site, SV_POST, old, new)
    assert same_as_full(seed_site, run, planned)[0]
    # The next body edit reuses the new plan (unless the posting is left out of it).
    body_edit(seed_site)
    assert same_as_full(seed_site, run, planned)[0] == (new == "title: Ny ")


def test_files_added_removed_or_renamed_plan_the_site(seed_site, run, planned) -> None:
    write_doc(seed_site, "content/sv/2030-01-01-ny.md", "Ny.\n", lang="sv", title="Ny", ref="ny")
    assert same_as_full(seed_site, run, planned)[0]
    source = seed_site.root / "content/sv/2030-01-01-ny.md"
    source.rename(seed_site.root / "content/sv/2030-01-01-nyare.md")
    assert same_as_full(seed_site, run, planned)[0]
    (seed_site.root / "content/sv/2030-01-01-nyare.md").unlink()
    assert same_as_full(seed_site, run, planned)[0]
    (seed_site.root / "content/sv/notes.txt").write_text("not a posting\n", encoding="utf-8")
    assert same_as_full(seed_site, run, planned)[0]
    (seed_site.root / "content/sv/notes.txt").write_text("still not one\n", encoding="utf-8")
    assert same_as_full(seed_site, run, planned)[0]


def test_settings_and_catalogs_plan_the_site(seed_site, run, planned) -> None:
    pyproject = seed_site.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'site-name = "Labbet"\n', encoding="utf-8")
    body_edit(seed_site)
    assert same_as_full(seed_site, run, planned)[0]
    toggle(seed_site, "locale/sv/LC_MESSAGES/messages.po", 'msgstr "Nyheter"', 'msgstr "Nytt"')
    assert run(seed_site.root, "i18n").code == 0
    body_edit(seed_site, EN_PAGE)
    assert same_as_full(seed_site, run, planned)[0]


def test_a_file_changed_by_hand_plans_the_site(seed_site, run, planned) -> None:
    (seed_site.root / "public/index.html").write_text("changed by hand\n", encoding="utf-8")
    body_edit(seed_site)
    assert same_as_full(seed_site, run, planned)[0]
    # A feed whose index of entries is lost is made again from every entry.
    write_doc(seed_site, "content/sv/2030-01-01-ny.md", "Ny.\n", lang="sv", title="Ny", ref="ny",
              date="2030-01-01")  # fmt: skip
    assert same_as_full(seed_site, run, planned)[0]
    (seed_site.root / "public/.pipeline/feeds.json").unlink()
    body_edit(seed_site, text="Ännu ett stycke.")
    assert same_as_full(seed_site, run, planned)[0]
    # With the index back, the feed reuses the other posting's entry.
    body_edit(seed_site, text="Och ett stycke till.")
    assert same_as_full(seed_site, run, planned) == (False, (2, 2, 0))


def test_a_build_of_every_file_indexes_its_feeds_by_the_keys_made_meanwhile(
    seed_site, run, monkeypatch
) -> None:
    # Into an empty folder, the pages render before the keys are made (pipeline.build.stage); the
    # feed's index must still name each entry by its key, or the next build would plan the
    # site and render every entry again.
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    write_doc(seed_site, "content/sv/2030-01-01-ny.md", "Ny.\n", lang="sv", title="Ny", ref="ny",
              date="2030-01-01")  # fmt: skip
    assert run(seed_site.root, "build").code == 0
    # The entries are rendered in this process, where the spy sees them, not in a standby.
    monkeypatch.setattr(workers.Standby, "start", classmethod(lambda cls, ready, work: None))
    planning = spy(monkeypatch, plan, "plan_site")
    entries = spy(monkeypatch, Renderer, "feed_entry")
    time.sleep(0.05)
    body_edit(seed_site)
    assert counts(run(seed_site.root, "build").out) == (2, 2, 0)
    assert planning == []
    assert [page.doc.shown for _, page, _ in entries] == [SV_POST]
    assert "Ny.&lt;/p&gt;" in seed_site.read("public/feed.xml")  # the other entry, kept


def test_an_edit_is_rendered_by_a_standby_made_ready_while_the_build_looked(
    seed_site, run, planned, monkeypatch, tmp_path
) -> None:
    # The process forked when the build saw a change renders the edited page, not this one
    # (pipeline.build.stage._standby); what it wrote is recorded here as if this one had.
    renderers = tmp_path / "renderers"
    real = Renderer.page

    def page(self, *args, **kwargs):
        with open(renderers, "a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Renderer, "page", page)
    body_edit(seed_site)
    assert same_as_full(seed_site, run, planned) == (False, (2, 2, 0))
    pids = renderers.read_text(encoding="utf-8").split()
    assert pids[0] != str(os.getpid())  # then the full build of same_as_full, here
    # A no-op build stops the standby it started; none is left running, or unwaited for.
    assert run(seed_site.root, "build").out.endswith("0 rendered, 0 written, 0 removed\n")
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_failure_in_the_standby_is_reported_as_any_other(seed_site, run, planned, monkeypatch):
    def page(self, *args, **kwargs):
        raise TemplateError("cannot be rendered: 'doc' is undefined", TEMPLATE)

    monkeypatch.setattr(Renderer, "page", page)
    before = seed_site.read(SV_NEWS)
    body_edit(seed_site)
    result = run(seed_site.root, "build")
    assert result.code == 1
    assert result.err == f"{TEMPLATE}: cannot be rendered: 'doc' is undefined\n"
    assert seed_site.read(SV_NEWS) == before
    assert not [p for p in (seed_site.root / "public").rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.undo()
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    assert same_as_full(seed_site, run, planned)[1][:2] == (2, 2)


def test_a_build_into_an_empty_folder_takes_the_last_plan_and_keys(seed_site, run, planned):
    # The plan cache is of the content (.cache/pipeline/), not of the output folder: a build
    # into an empty folder from the same content renders every file from the last plan and
    # its keys, and writes what planning again (--full) writes, keys included.
    shutil.rmtree(seed_site.root / "public")
    assert counts(run(seed_site.root, "build").out) == (17, 17, 0)
    assert planned == []
    taken, keys = tree(seed_site.root / "public"), manifest_keys(seed_site)
    assert counts(run(seed_site.root, "build", "--full").out) == (17, 0, 0)
    assert len(planned) == 1
    assert tree(seed_site.root / "public") == taken and manifest_keys(seed_site) == keys
    # After an edit, it plans again: the scan reads the edited file anyway.
    planned.clear()
    body_edit(seed_site)
    time.sleep(0.05)
    shutil.rmtree(seed_site.root / "public")
    assert run(seed_site.root, "build").code == 0
    assert len(planned) == 1


def manifest_keys(site) -> dict[str, str]:
    """Every built file's key, as the manifest of ``public/`` records it."""
    data = json.loads((site.root / "public/.pipeline/manifest.json").read_text(encoding="utf-8"))
    return {name: record[0] for name, record in data["data"]["outputs"].items()}


def test_a_damaged_older_or_planted_plan_is_never_trusted(seed_site, run, planned) -> None:
    stored = pickle.loads((seed_site.root / PLAN).read_bytes())
    for number, values in enumerate(stored["pages"]):
        if values[0] == "document":
            stored["pages"][number] = (*values[:11], "Planterad rubrik", *values[12:])

    def plant(data: bytes, text: str) -> None:
        (seed_site.root / PLAN).write_bytes(data)
        body_edit(seed_site, text=text)

    for number, damaged in enumerate((b"", b"\x80\x05garbage", pickle.dumps(["not", "a"]))):
        plant(damaged, f"Stycke {number}.")
        assert same_as_full(seed_site, run, planned)[0]
    for number, older in enumerate(({"format": plan_cache.FORMAT - 1}, {"version": "another"})):
        plant(pickle.dumps({**stored, **older}), f"Äldre {number}.")
        assert same_as_full(seed_site, run, planned)[0]
        assert "Planterad rubrik" not in seed_site.read("public/index.html")
    plant(pickle.dumps({"format": plan_cache.FORMAT, "x": Planted()}), "Planterad.")
    assert same_as_full(seed_site, run, planned)[0]
    assert not (seed_site.root / "planted").exists() and not os.path.exists("planted")
    # The same plan in the current format is believed: the checks above are what refused it.
    plant(pickle.dumps(stored), "Trodd.")
    assert run(seed_site.root, "build").code == 0
    assert "Planterad rubrik" in seed_site.read(SV_NEWS)


class Planted:
    def __reduce__(self):
        return (os.system, ("touch planted",))


def test_a_racy_edit_is_read_again(seed_site, run, monkeypatch) -> None:
    # The file just edited has no stat recorded: it is read again by every build until it
    # settles; then the plan made after it is reused.
    assert run(seed_site.root, "build").code == 0
    body_edit(seed_site)
    assert run(seed_site.root, "build").code == 0
    body_edit(seed_site, text="Och ett till.")
    assert run(seed_site.root, "build").code == 0
    shutil.rmtree(seed_site.root / "fresh", ignore_errors=True)
    assert run(seed_site.root, "build", "--out", str(seed_site.root / "fresh")).code == 0
    assert tree(seed_site.root / "public") == tree(seed_site.root / "fresh")


def test_a_draft_left_out_for_pseudo_text_written_again_reuses_the_plan(
    seed_site, run, planned
) -> None:
    # An edit of an original whose draft holds pseudo text (never published): translate
    # writes the draft and its record again, and the build needs no new plan for that.
    site = seed_site
    original = "content/sv/2030-01-01-nytt.md"
    write_doc(site, original, "Ett stycke.\n", lang="sv", ref="nytt", title="Nytt")
    assert run(site.root, "translate", "--translator", "pseudo").code in (0, 3)
    assert same_as_full(site, run, planned)[0]  # (a file added)
    (draft,) = (p.relative_to(site.root).as_posix() for p in site.root.glob("content/en/*nytt*"))
    record = site.root / "locale/memory/drafts/en/nytt.json"
    before = (site.read(draft), record.read_text(encoding="utf-8"))
    body_edit(site, original)
    assert run(site.root, "translate", "--translator", "pseudo").code in (0, 3)
    assert (site.read(draft), record.read_text(encoding="utf-8")) != before
    assert same_as_full(site, run, planned) == (False, (1, 1, 0))  # the original's page
    # What the plan reads of a draft left out (here whether it is published) plans the site.
    toggle(site, draft, "\nref: nytt\n", "\nref: nytt\npublished: false\n")
    assert same_as_full(site, run, planned)[0]
    # So does a record changed whose draft did not (it may tell the draft is pseudo no more).
    record.write_text(before[1], encoding="utf-8")
    assert same_as_full(site, run, planned)[0]

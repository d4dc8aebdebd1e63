"""``pipeline translate`` with the offline ``pseudo`` engine: drafts, memory, no churn."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pipeline.content import document
from pipeline.slugs import slugify
from pipeline.translate import segments

MARKDOWN = Path(__file__).parent / "markdown"
CASES = sorted(p for p in MARKDOWN.glob("*.md") if not p.name.endswith(".expected.md"))

POSTING = """\
---
lang: sv
ref: ny-tjanst
title: 'Ny tjänst: Utvecklare'
date: 2024-03-01T10:00:00+01:00
image: /uploads/dev.jpg
excerpt: Digidem Lab söker en utvecklare.
published: false
---
Vi söker en utvecklare som kan `Python`.

Läs mer på [vår sida](https://digidemlab.org/om) eller mejla <jobb@digidemlab.org>.

## Om tjänsten

Tjänsten är på heltid.
"""

DRAFT = "content/en/2024-03-01-ny-tjanst.md"  # its original's name: its title is pseudo text
RENAMED = "content/en/2024-03-01-new-position-developer.md"  # once a person translated it
MEMORY = "locale/memory/sv-en.po"


def draft_of(site, relative: str = DRAFT) -> document.Document:
    return document.read(site.root / relative)


def everything(site) -> dict[str, bytes]:
    return {**site.files("content"), **site.files("locale")}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_draft_of_each_markdown_case(site, run, case: Path) -> None:
    site.write(f"content/sv/{case.name}", case.read_text(encoding="utf-8"), dedent=False)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    (made,) = (site.root / "content" / "en").iterdir()
    expected = case.with_name(case.stem + ".expected.md").read_text(encoding="utf-8")
    assert made.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_markup_of_the_original_is_byte_identical_in_the_draft(site, run, case: Path) -> None:
    site.write(f"content/sv/{case.name}", case.read_text(encoding="utf-8"), dedent=False)
    assert run(site.root, "translate").code == 0
    (made,) = (site.root / "content" / "en").iterdir()
    original = document.read(site.root / "content" / "sv" / case.name).body
    draft = document.read(made).body
    markup = re.compile(
        r"https?://[^\s)>\]\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`\n]+`|\{%.*?%\}|\{\{.*?\}\}"
        r"|\]\([^)]*\)|<[^>\n]+>"
    )
    assert sorted(markup.findall(draft)) == sorted(markup.findall(original))
    shape = [(t.type, t.tag, t.markup) for t in segments.MARKDOWN.parse(original)]
    assert [(t.type, t.tag, t.markup) for t in segments.MARKDOWN.parse(draft)] == shape


def test_a_draft_for_every_original(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert f"drafted {DRAFT} from content/sv/2024-03-01-ny-tjanst.md (machine)" in result.out
    assert "6 from the engine (pseudo)" in result.out
    draft = draft_of(site)
    assert list(draft.metadata) == [
        "lang",
        "ref",
        "title",
        "date",
        "image",
        "excerpt",
        "translation",
    ]
    assert draft.lang == "en" and draft.ref == "ny-tjanst"
    assert draft.metadata["date"].text == "2024-03-01T10:00:00+01:00"
    assert draft.metadata["image"] == "/uploads/dev.jpg"
    assert "published" not in draft.metadata  # the original's governs its drafts
    assert draft.translation == {
        "from": "sv",
        "source": "sv/2024-03-01-ny-tjanst.md",
        "source_hash": draft.translation["source_hash"],
        "status": "machine",
        "engine": "pseudo",
    }
    assert draft.title.startswith("［") and slugify(draft.title) == "ny-tjanst-utvecklare"
    assert "](https://digidemlab.org/om)" in draft.body
    assert run(site.root, "check").code == 0


def test_a_second_run_sends_nothing_and_changes_nothing(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    before = everything(site)
    result = run(site.root, "translate")
    assert result.code == 0
    assert result.out == "translate: nothing to do, every draft is up to date\n"
    assert everything(site) == before


def test_a_run_with_nothing_to_do_parses_no_markdown(site, run, monkeypatch) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")

    def refuse(*args: object) -> None:
        raise AssertionError("a Markdown body was parsed")

    monkeypatch.setattr(segments.MARKDOWN, "parse", refuse)
    assert run(site.root, "translate").code == 0


def test_an_engine_is_not_even_created_when_nothing_is_to_do(site, run, libre, monkeypatch) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    assert run(site.root, "translate", "--translator", "libre").code == 0
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    assert run(site.root, "translate", "--translator", "deepl").code == 0


def test_an_engine_without_its_key_is_a_usage_error(site, run, monkeypatch) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    result = run(site.root, "translate", "--translator", "deepl")
    assert result.code == 2
    assert result.err_lines == ["the 'deepl' translator needs DEEPL_API_KEY in the environment"]


def test_an_unknown_engine_is_a_usage_error(site, run) -> None:
    result = run(site.root, "translate", "--translator", "babelfish")
    assert result.code == 2
    assert result.err_lines == [
        "unknown translator 'babelfish' (choose one of: pseudo, google, libre, deepl, "
        "microsoft, mymemory)"
    ]


def test_the_engine_setting_is_used(site, run) -> None:
    site.write("pyproject.toml", '[tool.pipeline]\ntranslator = "babelfish"\n')
    assert run(site.root, "translate").code == 2


def test_a_ref_with_an_original_in_the_target_language_gets_no_draft(site, run) -> None:
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: Hej\n---\nText.\n")
    site.write("content/en/a.md", "---\nlang: en\nref: a\ntitle: Hello\n---\nText.\n")
    before = everything(site)
    result = run(site.root, "translate")
    assert result.code == 0
    assert everything(site) == before


def test_english_originals_get_swedish_drafts(site, run) -> None:
    site.write("content/en/about.md", "---\nlang: en\nref: about\ntitle: About us\n---\nHello.\n")
    assert run(site.root, "translate").code == 0
    draft = draft_of(site, "content/sv/about.md")  # the original's name, while pseudo
    assert draft.translation["from"] == "en" and draft.lang == "sv"
    assert (site.root / "locale/memory/en-sv.po").is_file()


def test_the_draft_name_is_fixed_once_the_draft_exists(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    original = site.read("content/sv/2024-03-01-ny-tjanst.md")
    site.write(
        "content/sv/2024-03-01-ny-tjanst.md",
        original.replace("'Ny tjänst: Utvecklare'", "'Ny tjänst: Systemutvecklare'"),
    )
    assert run(site.root, "translate").code == 0
    assert sorted(site.files("content/en")) == [DRAFT]
    assert "Śẏśťḗṁ" in draft_of(site).title


def test_a_name_taken_by_another_file_gets_a_number(site, run) -> None:
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: Hej\n---\nText.\n")
    site.write("content/en/a.md", "---\nlang: en\nref: other\ntitle: Other\n---\nText.\n")
    assert run(site.root, "translate").code == 0
    assert draft_of(site, "content/en/a-2.md").ref == "a"


def test_the_memory_passes_msgfmt_and_marks_machine_entries_fuzzy(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(site.root / MEMORY)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "0 translated messages, 6 fuzzy translations."
    memory = site.read(MEMORY)
    assert '#. machine: pseudo\n#, fuzzy\nmsgid "Tjänsten är på heltid."\n' in memory


def reviewed(site, relative: str, replacements: dict[str, str]) -> None:
    """Act as a translator: rewrite some blocks of a draft and set it reviewed."""
    text = site.read(relative)
    for old, new in replacements.items():
        text = re.sub(old, new, text, count=1, flags=re.MULTILINE)
    site.write(relative, text.replace("status: machine", "status: reviewed"), dedent=False)


def test_a_reviewed_draft_keeps_its_wording_when_its_original_changes(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    reviewed(
        site,
        DRAFT,
        {
            r"^［Ṽī.*$": "We are looking for a developer who knows `Python`.",
            r"^## .*$": "## About the position",
            r"^title: .*$": "title: 'New position: Developer'",
        },
    )
    recorded = run(site.root, "translate")  # the reviewed wording enters the memory
    assert recorded.code == 0
    # Its title translated by a person: the draft takes its name from it, once.
    assert f"renamed {DRAFT} to {RENAMED} (its title is translated now)" in recorded.out
    memory = site.read(MEMORY)
    assert 'msgid "## Om tjänsten"' not in memory
    assert 'msgid "Om tjänsten"\nmsgstr "About the position"\n' in memory
    reviewed_text = site.read(RENAMED)
    original = site.read("content/sv/2024-03-01-ny-tjanst.md")
    site.write(
        "content/sv/2024-03-01-ny-tjanst.md",
        original.replace("Tjänsten är på heltid.", "Tjänsten är på deltid."),
    )
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert "1 from the engine" in result.out
    draft = draft_of(site, RENAMED)
    assert draft.translation["status"] == "outdated"
    assert draft.title == "New position: Developer"
    assert draft.body.startswith("We are looking for a developer who knows `Python`.\n")
    assert "## About the position\n" in draft.body
    assert draft.body.endswith("\n［Ťĵäńśťḗń äŕ ṗå ḋḗĺťīḋ. ·······］\n")
    changed = [
        a
        for a, b in zip(reviewed_text.splitlines(), site.read(RENAMED).splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 3  # source_hash, status and the changed paragraph
    assert run(site.root, "translate").code == 0
    assert "nothing to do" in run(site.root, "translate").out


def test_reviewed_wording_is_reused_by_other_documents(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    reviewed(site, DRAFT, {r"^［Ť.*$": "The position is full time."})
    site.write(
        "content/sv/annan.md",
        "---\nlang: sv\nref: annan\ntitle: Annan tjänst\n---\nTjänsten är på heltid.\n",
    )
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert draft_of(site, "content/en/annan.md").body == "The position is full time.\n"


def test_the_drafts_own_published_false_survives_an_update(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    text = site.read(DRAFT).replace("translation:", "published: false\ntranslation:")
    site.write(DRAFT, text, dedent=False)
    original = site.read("content/sv/2024-03-01-ny-tjanst.md")
    site.write("content/sv/2024-03-01-ny-tjanst.md", original + "\nNytt stycke.\n")
    assert run(site.root, "translate").code == 0
    draft = draft_of(site)
    assert draft.metadata["published"] is False
    assert list(draft.metadata)[-2:] == ["published", "translation"]


def test_a_draft_never_copies_the_keys_of_one_version(site, run) -> None:
    """``url``, ``aliases``, ``slug`` and ``published`` are each version's own: the draft's
    path comes from its section's pattern or the default scheme. ``section`` is copied."""
    site.write(
        "content/sv/2020-05-27-ny-tjanst.md",
        """\
        ---
        lang: sv
        ref: ny-tjanst
        title: Ny tjänst
        url: /nyheter/2020/05/27/x.html
        aliases: [/old/]
        slug: ny-tjanst-2020
        section: nyheter
        published: true
        ---
        Vi söker en utvecklare.
        """,
    )
    assert run(site.root, "translate").code == 0
    draft = draft_of(site, "content/en/2020-05-27-ny-tjanst.md")
    assert list(draft.metadata) == ["lang", "ref", "title", "section", "translation"]
    assert draft.metadata["section"] == "nyheter"

    # A draft's own url and aliases are kept when its original changes.
    path = "content/en/2020-05-27-ny-tjanst.md"
    own = "url: /en/news/x/\naliases: [/en/old/]\ntranslation:"
    site.write(path, site.read(path).replace("translation:", own), dedent=False)
    site.edit("content/sv/2020-05-27-ny-tjanst.md", "/old/]", "/old/, /gammal/]")
    site.edit("content/sv/2020-05-27-ny-tjanst.md", "utvecklare", "designer")
    assert run(site.root, "translate").code == 0
    draft = draft_of(site, path)
    assert (draft.metadata["url"], draft.metadata["aliases"]) == ("/en/news/x/", ["/en/old/"])


def test_copied_front_matter_follows_the_original_without_touching_the_wording(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    reviewed(site, DRAFT, {r"^title: .*$": "title: 'New position: Developer'"})
    before = site.read(DRAFT)
    original = site.read("content/sv/2024-03-01-ny-tjanst.md")
    site.write("content/sv/2024-03-01-ny-tjanst.md", original.replace("dev.jpg", "developer.jpg"))
    result = run(site.root, "translate")
    assert result.code == 0
    assert f"refreshed {DRAFT}" in result.out
    assert f"renamed {DRAFT} to {RENAMED}" in result.out
    assert site.read(RENAMED) == before.replace("dev.jpg", "developer.jpg")


def test_a_draft_that_no_longer_lines_up_is_left_as_it_is(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    run(site.root, "translate")
    reviewed(site, DRAFT, {r"^## .*\n\n": ""})  # the translator dropped a heading
    before = site.read(DRAFT)
    result = run(site.root, "translate")
    assert result.code == 0
    assert result.err_lines == [
        f"{DRAFT}: warning: its blocks do not line up with its original's (a paragraph, "
        "heading or list item added or removed, or no record of the original it was made "
        "from): its wording is left as it is and not added to the memory; bring it in line "
        "with the original by hand, or delete it to get a new draft"
    ]
    assert site.read(DRAFT) == before


def test_a_flagged_block_names_its_line_in_the_draft(site, run, monkeypatch) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    monkeypatch.setattr(
        "pipeline.translate.engines.PseudoEngine.translate",
        lambda self, text, source, target: text.replace("⟦1⟧", "") + " ·",
    )
    result = run(site.root, "translate")
    assert result.code == 0
    # (this engine's text is not bracketed as pseudo's: the draft is named by its title)
    draft = "content/en/2024-03-01-ny-tjanst-utvecklare.md"
    lines = site.read(draft).splitlines()
    code = lines.index("Vi söker en utvecklare som kan `Python`.") + 1
    link = next(n for n, line in enumerate(lines, start=1) if line.startswith("Läs mer på"))
    flagged = [line for line in result.err_lines if "kept in 'sv'" in line]
    assert flagged == [
        f"{draft}:{code}: warning: paragraph kept in 'sv': the engine lost the code span "
        "'`Python`'",
        f"{draft}:{link}: warning: paragraph kept in 'sv': the engine lost the link '['",
    ]
    assert draft_of(site, draft).translation["status"] == "machine"


def test_a_deleted_memory_is_rebuilt_from_the_drafts(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    site.write("content/sv/annan.md", "---\nlang: sv\nref: annan\ntitle: Annan\n---\nText.\n")
    run(site.root, "translate")
    reviewed(site, "content/en/annan.md", {r"^［Ť.*$": "Text."})
    run(site.root, "translate")
    before = everything(site)
    (site.root / MEMORY).unlink()
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert "0 from the engine" in result.out
    assert everything(site) == before


def test_a_broken_memory_stops_the_run_with_a_clear_message(site, run) -> None:
    site.write("content/sv/2024-03-01-ny-tjanst.md", POSTING)
    site.write(MEMORY, 'msgid "a"\n<<<<<<< HEAD\nmsgstr "b"\n')
    result = run(site.root, "translate")
    assert result.code == 1
    assert result.err_lines == [
        f"{MEMORY}:2: not a readable gettext catalog (Unknown or misformatted keyword); mend "
        "it (a merge conflict?) or delete it: the next run rebuilds it from the drafts"
    ]
    assert site.files("content/en") == {}

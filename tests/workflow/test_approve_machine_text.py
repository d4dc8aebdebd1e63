"""``approve`` never passes machine text as reviewed (issue 16, section 2), through the CLI on
real files: a block of machine text no person has changed since the engine made it needs
``--force``, pseudo text is refused even then, and ``status`` and the review page show both
as problems of their own."""

from __future__ import annotations

import json

from tests.conftest import translate_with
from tests.workflow.test_workflow import DRAFT, MEMORY, ORIGINAL, POSTING, PSEUDO

RECORD = "locale/memory/drafts/en/ny-tjanst.json"
CHANGED_LINE = 16  # the second paragraph, in the draft's file


def reviewed_then_outdated(site, run) -> str:
    """A draft a translator wrote and set to reviewed, whose original then changed in its
    second paragraph: ``make translate`` makes it ``outdated``, that block machine text.
    The draft's file (a pseudo draft's, named after its original, is renamed by the title
    the translator wrote)."""
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0
    (made,) = site.files("content/en")
    lines = site.read(made).replace("status: machine", "status: reviewed").split("\n")
    lines[3] = "title: 'New position: Developer'"
    lines[5] = "excerpt: Digidem Lab is looking for a developer."
    lines[13] = "We are looking for a developer who knows `Python`."
    lines[15] = "The position is 80% for 6 months."
    site.write(made, "\n".join(lines), dedent=False)
    assert run(site.root, "translate").code == 0
    (draft,) = site.files("content/en")
    site.edit(ORIGINAL, "6 månader", "9 månader")
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert f"updated {draft} from {ORIGINAL} (outdated)" in result.out
    return draft


def written(site) -> dict[str, bytes]:
    """Every file approve could write: the drafts, the memory and the drafts' records."""
    return {**site.files("content"), **site.files("locale")}


def problems(site, run) -> list[tuple[str, str, int, str]]:
    """The draft's problems in ``status --json``: check, message, line and block."""
    result = run(site.root, "status", "--json")
    assert result.code == 0, result.err
    (draft,) = [v for v in json.loads(result.out)["refs"][0]["versions"] if v["role"] == "draft"]
    return [(p["check"], p["message"], p["line"], p["block"]) for p in draft["problems"]]


def test_an_outdated_draft_with_a_machine_block_is_refused_until_a_person_edits_it(
    site, run, libre
) -> None:
    translate_with(site, "libre")
    draft = reviewed_then_outdated(site, run)
    assert site.read(draft).split("\n")[CHANGED_LINE - 1] == "TJÄNSTEN ÄR PÅ 80 % I 9 MÅNADER."
    before = written(site)

    result = run(site.root, "approve", "ny-tjanst")
    assert result.code == 1
    assert result.err_lines == [
        f"{draft}:{CHANGED_LINE}: machine text not yet reviewed (libre)",
        f"{draft}: not approved: 1 block is machine text not yet reviewed (above); correct the "
        "draft, or approve it as it is with --force",
    ]
    assert result.out == "approve: 0 drafts reviewed, 1 refused (see above)\n"
    assert written(site) == before  # nothing written: the draft, its record, the memory

    # status and its JSON show the block as a problem of its own; the draft needs review
    status = run(site.root, "status")
    assert status.out.splitlines()[1:] == [
        f"           en    outdated  {draft}  needs review",
        f"    {draft}:{CHANGED_LINE}: machine text: not yet reviewed (libre)",
        "status: 1 refs; drafts: 0 machine, 0 reviewed, 1 outdated, 0 missing, 0 orphans; "
        "1 draft needs review",
    ]
    assert problems(site, run) == [
        ("machine text", "not yet reviewed (libre)", CHANGED_LINE, "body.2")
    ]

    # The translator corrects the block: a person wrote it, approve takes it as it is.
    site.edit(draft, "TJÄNSTEN ÄR PÅ 80 % I 9 MÅNADER.", "The position is 80% for 9 months.")
    result = run(site.root, "approve", "ny-tjanst")
    assert result.code == 0, result.err
    assert result.err == ""
    memory = site.read(MEMORY)
    assert '\n\nmsgid "Tjänsten är på 80 % i 9 månader."\nmsgstr "The position is 80% for 9' in (
        memory
    )
    recorded = json.loads(site.read(RECORD))
    assert {b["origin"] for b in recorded["blocks"]} == {"reviewed"}
    assert problems(site, run) == []


def test_force_approves_the_machine_block_as_it_is_and_lists_it_first(site, run, libre) -> None:
    translate_with(site, "libre")
    draft = reviewed_then_outdated(site, run)
    result = run(site.root, "approve", "ny-tjanst", "--force")
    assert result.code == 0, result.err
    assert result.err_lines == [
        f"{draft}:{CHANGED_LINE}: warning: machine text not yet reviewed (libre)"
    ]
    assert result.out.splitlines() == [
        f"approved {draft}: reviewed, its blocks are in the memory",
        "approve: 1 draft reviewed",
    ]
    assert (
        '\n\nmsgid "Tjänsten är på 80 % i 9 månader."\nmsgstr "TJÄNSTEN ÄR PÅ 80 % I 9 MÅNADER."'
        in site.read(MEMORY)
    )
    assert problems(site, run) == []


def test_the_review_page_counts_the_machine_block_as_a_problem(site, run, libre) -> None:
    translate_with(site, "libre")
    draft = reviewed_then_outdated(site, run)
    assert run(site.root, "review").code == 0
    page = site.read("review/en/ny-tjanst.html")
    assert "<dt>Problems</dt><dd>1 (1 block of machine text not yet reviewed)</dd>" in page
    block = page[page.index('id="block-4"') :]  # the last block
    assert "<li><strong>machine text</strong>: not yet reviewed (libre)</li>" in block
    assert f'<span class="where">{draft}:{CHANGED_LINE}</span>' in block
    assert "<td>1</td>" in site.read("review/index.html")  # the index's Problems column


def test_pseudo_text_in_an_outdated_draft_is_refused_even_with_force(site, run) -> None:
    draft = reviewed_then_outdated(site, run)  # with the default engine, pseudo
    before = written(site)
    result = run(site.root, "approve", "ny-tjanst", "--force")
    assert result.code == 1
    assert result.err_lines == [f"{draft}:{CHANGED_LINE}: not approved: pseudo: {PSEUDO}"]
    assert written(site) == before
    assert problems(site, run) == [("pseudo", PSEUDO, CHANGED_LINE, "body.2")]
    assert run(site.root, "review").code == 0
    assert "<li><strong>pseudo</strong>: " in site.read("review/en/ny-tjanst.html")


def test_a_pseudo_draft_is_refused_even_with_force_naming_every_block(site, run) -> None:
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0
    site.edit(DRAFT, "［Ṽī śöķḗŕ", "We are looking for Ṽī śöķḗŕ")  # its end left: still pseudo
    before = written(site)
    result = run(site.root, "approve", "ny-tjanst", "--force")
    assert result.code == 1
    assert result.err_lines == [
        f"{DRAFT}:{line}: not approved: pseudo: {PSEUDO}" for line in (4, 6, 14, 16)
    ]
    assert written(site) == before
    assert "#, fuzzy" in site.read(MEMORY) and "\n\nmsgid" not in site.read(MEMORY)


def test_a_memory_that_holds_pseudo_text_as_reviewed_gives_it_only_as_machine_text(
    site, run, libre
) -> None:
    # (A memory approved before approve refused pseudo text.)
    site.write(
        MEMORY,
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Vi söker en utvecklare som kan `Python`."\n'
        'msgstr "［Ṽī śöķḗŕ ḗń ūťṽḗċķĺȧŕḗ śȯṁ ķȧń `Python`. ···········］"\n',
    )
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0
    assert (
        '#. machine: pseudo\n#, fuzzy\nmsgid "Vi söker en utvecklare som kan `Python`."'
        in site.read(MEMORY)
    )
    assert ("pseudo", PSEUDO, 14, "body.1") in problems(site, run)
    given = {b["key"]: b for b in json.loads(site.read(RECORD))["blocks"]}["body.1"]
    assert (given["origin"], given["engine"]) == ("memory", "pseudo")  # as machine text
    # A real engine takes no pseudo text from the memory: it translates the block anew.
    translate_with(site, "libre")
    assert run(site.root, "translate").code == 0
    assert (
        '#. machine: libre\n#, fuzzy\nmsgid "Vi söker en utvecklare som kan `Python`."\n'
        'msgstr "VI SÖKER EN UTVECKLARE SOM KAN `Python`."' in site.read(MEMORY)
    )
    assert [p for p in problems(site, run) if p[0] == "pseudo"] == []

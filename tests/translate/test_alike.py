"""Blocks that read alike keep their own links, code and HTML (issue 16), through the CLI:
with the offline engine and with the real deep-translator client against the fake
LibreTranslate server; within one document, and across documents through the memory."""

from __future__ import annotations

import re

import pytest

from pipeline.content import document
from tests.conftest import engine_pyproject

ALIKE = """\
---
lang: sv
ref: las-mer
title: Läs mer
---
Läs mer [här](https://example.org/a).

Läs mer [här](https://example.org/b).

Läs mer [här](#c).

Kör `make lint` nu.

Kör `make test` nu.

Det är <i>viktigt</i>.

Det är <b>viktigt</b>.

Se <https://example.org/x> nu.

Se <https://example.org/y> nu.

Se https://example.org/p nu.
"""
DRAFT = "content/en/las-mer.md"
# Link targets, code spans, tags and URLs, in the order they come.
PROTECTED = re.compile(r"\]\([^)]*\)|`[^`]*`|<[^<>]*>|https://\S+(?= )")


def draft(site, relative: str) -> document.Document:
    return document.read(site.root / relative)


@pytest.mark.parametrize("engine", ["pseudo", "libre"])
def test_blocks_that_read_alike_keep_their_own_links_code_and_html(
    site, run, request, engine: str
) -> None:
    if engine == "libre":
        libre = request.getfixturevalue("libre")
        site.write("pyproject.toml", engine_pyproject())
    site.write("content/sv/las-mer.md", ALIKE)
    result = run(site.root, "translate", "--translator", engine)
    assert result.code == 0, result.err
    body = draft(site, DRAFT).body
    assert PROTECTED.findall(body) == PROTECTED.findall(ALIKE)
    for target in ("(https://example.org/a)", "(https://example.org/b)", "(#c)"):
        assert body.count(target) == 1, body
    assert "kept in" not in result.err
    # Each block is in the memory with its own links.
    memory = site.read("locale/memory/sv-en.po")
    for block in ALIKE.split("---\n")[2].split("\n\n"):
        assert f'msgid "{block.strip()}"' in memory.replace('\\"', '"')
    if engine == "libre":
        # The engine was asked once per text it saw: the title and four masked texts.
        assert libre.requests == 5
        assert body.startswith("LÄS MER [HÄR](https://example.org/a).\n\n")


ISSUE_CASES = """\
---
lang: sv
ref: fall
title: Fall
---
Se [https://x.org/jobb](https://x.org/jobb) och ![https://x.org/a.png](/a.png).

    [bar]: /kod

Sök på www.example.com/search?q=a&hl; eller mejla <jobb\\+sv@example.org>.

Länken [foo][ref\\[] och [bar] som saknas.

- [ ] Skriv texten
- [x] Läs den

[ref\\[]: /uri
"""
ISSUE_DRAFT = """\
［Śḗ [https://x.org/jobb](https://x.org/jobb) ȯċḣ ![https://x.org/a.png](/a.png). ·······］

    [bar]: /kod

［Śöķ ṗå www.example.com/search?q=a&hl; ḗĺĺḗŕ ṁḗĵĺȧ <jobb\\+sv@example.org>. ·········］

［Ĺäńķḗń [ḟȯȯ][ref\\[] ȯċḣ [ḃȧŕ] śȯṁ śȧķńȧś. ············］

- [ ] ［Śķŕīṽ ťḗẋťḗń ····］
- [x] ［Ĺäś ḋḗń ···］

[ref\\[]: /uri
"""


def test_what_is_not_words_is_never_translated(site, run) -> None:
    """URLs as link and alt text, a URL that holds an entity, an address with an escape, a
    label with an escaped bracket, a label defined nowhere but in a code block, task boxes."""
    site.write("content/sv/fall.md", ISSUE_CASES)
    result = run(site.root, "translate", "--translator", "pseudo")
    assert result.code == 0, result.err
    assert draft(site, "content/en/fall.md").body == ISSUE_DRAFT


DEFINES = "---\nlang: sv\nref: {ref}\ntitle: {title}\n---\nSe [foo] och [bar][].\n{defined}"


def test_a_memory_entry_never_gives_another_document_a_link_it_does_not_have(site, run) -> None:
    site.write(
        "content/sv/a.md",
        DEFINES.format(ref="a", title="Ett", defined="\n[foo]: /a\n[bar]: /b\n"),
    )
    assert run(site.root, "translate").code == 0
    site.write("content/sv/b.md", DEFINES.format(ref="b", title="Två", defined=""))
    site.write("content/sv/c.md", DEFINES.format(ref="c", title="Tre", defined="\n[foo]: /c\n"))
    site.write(
        "content/sv/d.md",
        DEFINES.format(ref="d", title="Fyra", defined="\n[bar]: /d\n[foo]: /d\n"),
    )
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    both = "［Śḗ [ḟȯȯ][foo] ȯċḣ [ḃȧŕ][bar]. ·········］\n"
    # (pseudo drafts have their originals' names)
    assert draft(site, "content/en/a.md").body == both + "\n[foo]: /a\n[bar]: /b\n"
    assert draft(site, "content/en/b.md").body == "［Śḗ [ḟȯȯ] ȯċḣ [ḃȧŕ][]. ·······］\n"
    assert draft(site, "content/en/c.md").body.startswith("［Śḗ [ḟȯȯ][foo] ȯċḣ [ḃȧŕ][]. ")
    # The same labels defined (to other targets): a's entry serves d, its links resolve in d.
    assert draft(site, "content/en/d.md").body == both + "\n[bar]: /d\n[foo]: /d\n"
    assert "blocks: 1 from memory" in result.out
    memory = site.read("locale/memory/sv-en.po")
    assert 'msgctxt "references: [bar] [foo]"\nmsgid "Se [foo] och [bar][]."' in memory
    assert 'msgctxt "references: [foo]"\nmsgid "Se [foo] och [bar][]."' in memory


def test_a_title_never_gives_a_body_its_translated_code(site, run) -> None:
    """A title is not Markdown (its backticks are words to an engine): its entry in the
    memory does not serve a paragraph that reads the same."""
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: Kör `make`\n---\nText.\n")
    assert run(site.root, "translate").code == 0
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: Annan\n---\nKör `make`\n")
    assert run(site.root, "translate").code == 0
    assert draft(site, "content/en/b.md").body == "［Ķöŕ `make` ···］\n"

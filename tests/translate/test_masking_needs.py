"""A pattern's ``needs`` (the strings one of which every match holds, checked before its
regex is run) never change what is masked: over tricky texts, every match of every pattern
holds one of its needs, and masking with the needs gives what masking without them gives.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.translate import checks, html_segments, masking, terminology
from pipeline.translate.masking import (
    MARKDOWN_MASKERS,
    PLAIN_MASKERS,
    UI_MASKERS,
    Masker,
    markdown_maskers,
    mask,
    pattern,
)

PATTERNS = [
    value
    for module in (masking, terminology, checks, html_segments)
    for value in vars(module).values()
    if isinstance(value, Masker) and value.regex is not None
] + [m for m in terminology.HIDDEN if m.regex is not None]

# Pieces near what the patterns look for: whole ones, broken ones, and look-alikes.
PIECES = [
    "https://a.se/x_y",
    "http:/a.se",
    "ftp://f.se/",
    "www.a.se/?q=x&hl;",
    "wwwa.se",
    "hej@a.se",
    "foo\\+@a",
    "@",
    "<b@c.se>",
    "<https://x>",
    "<a href='/x'>",
    "</p>",
    "<!-- c -->",
    "<?php ?>",
    "<!DOCTYPE x>",
    "<![CDATA[x]]>",
    "<",
    ">",
    "&amp;",
    "&#106;",
    "&",
    ";",
    "`kod`",
    "``a`b``",
    "`",
    "{{ x }}",
    "{% if %}",
    "{",
    "}",
    "{x}",
    "{.klass}",
    "{: #id}",
    "{0!r:>4}",
    "%(namn)s",
    "%d",
    "80 %",
    "%",
    "[^1]",
    "[^",
    "[a](/b)",
    "[a][b]",
    "](",
    "][",
    "\\*",
    "\\",
    "  \n",
    "\\\n",
    "\n",
    "**",
    "_",
    "a_b",
    "~~",
    "~",
    "⟦1⟧",
    "⟦",
    "⟧",
    "<code>x</code>",
    "<KBD>y</kbd >",
    "ord",
    "kommunen",
    " ",
    "é",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
SPACED = st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join)


def without_needs(maskers: list[Masker]) -> list[Masker]:
    """The same maskers, each pattern running its regex on every text."""
    return [
        pattern(m.name, m.regex.pattern, m.regex.flags) if m.regex is not None else m
        for m in maskers
    ]


def test_the_patterns_of_every_list_are_found_and_declare_their_needs() -> None:
    named = {id(m) for m in PATTERNS}
    listed = [*MARKDOWN_MASKERS, *PLAIN_MASKERS, *UI_MASKERS, *terminology.HIDDEN]
    patterns = [m for m in listed if m.regex is not None]
    assert patterns and all(id(m) in named for m in patterns)
    assert all(m.needs for m in PATTERNS), [m.name for m in PATTERNS if not m.needs]


@given(st.one_of(TEXT, SPACED))
def test_every_match_holds_one_of_its_patterns_needs(text: str) -> None:
    for masker in PATTERNS:
        assert masker.regex is not None
        for match in masker.regex.finditer(text):
            assert any(needed in match.group() for needed in masker.needs), (masker.name, text)


@given(st.one_of(TEXT, SPACED))
def test_masking_with_needs_masks_what_masking_without_them_does(text: str) -> None:
    lists = [
        MARKDOWN_MASKERS,
        markdown_maskers(["a", "b"]),
        PLAIN_MASKERS,
        UI_MASKERS,
        terminology.HIDDEN,
    ]
    for maskers in lists:
        assert mask(text, maskers) == mask(text, without_needs(maskers))
        assert mask(text, maskers, fold_lines=True) == mask(
            text, without_needs(maskers), fold_lines=True
        )
    for masker in PATTERNS:
        assert list(masker.find(text)) == list(without_needs([masker])[0].find(text))


def test_urls_and_visible_words_are_found_as_before() -> None:
    assert list(masking.URL.find("se a.se/x och www.b.se")) == [(14, 22, None)]
    assert list(masking.URL.find("se a.se/x")) == []
    assert terminology.visible("Se **[kommunen](https://x.se/kommun)** nu.") == (
        "Se  [kommunen   nu."
    )

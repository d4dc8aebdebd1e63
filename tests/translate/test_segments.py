"""Segmenting and masking: properties over generated Markdown, and the masks, case by case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.translate.engines import pseudo
from pipeline.translate.masking import (
    MARKDOWN_MASKERS,
    PLAIN_MASKERS,
    UI_MASKERS,
    MaskError,
    markdown_maskers,
    mask,
    unmask,
)
from pipeline.translate.runner import split
from pipeline.translate.segments import MARKDOWN, check, render, segment

WORDS = st.sampled_from(
    ["Vi", "söker", "dig", "som", "tror", "på", "demokrati", "Göteborg", "år", "2024", "och", "x_y"]
)
INLINE = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"**{w}**"),
    WORDS.map(lambda w: f"*{w}*"),
    WORDS.map(lambda w: f"_{w}_"),
    WORDS.map(lambda w: f"~~{w}~~"),
    WORDS.map(lambda w: f"`{w}`"),
    WORDS.map(lambda w: f"[{w}](https://example.org/{w}?a=1&b_c=2)"),
    WORDS.map(lambda w: f'[{w}](/sida "Titel {w}")'),
    WORDS.map(lambda w: f"![{w}](/bild.png)"),
    WORDS.map(lambda w: f"[{w}][ref]"),
    st.just("[ref]"),
    st.just("<https://digidemlab.org>"),
    st.just("hej@digidemlab.org"),
    st.just("https://example.org/a_b_c."),
    st.just("{{ page.title }}"),
    st.just("{% include x.html %}"),
    st.just('<span class="x">'),
    st.just("</span>"),
    st.just("\\*"),
    st.just("&amp;"),
    st.just("5 * 3"),
    st.just("⟦1⟧"),
    # What sites moved in from Jekyll write (kramdown): footnotes and attribute lists.
    st.just("[^1]"),
    WORDS.map(lambda w: f"[{w}](/sida){{.knapp}}"),
    WORDS.map(lambda w: f"`{w}`{{#kod}}"),
    st.just("{: .klass}"),
)
LINE = st.lists(INLINE, min_size=1, max_size=8).map(" ".join)
TEXT = st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "  \n".join(lines))


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["p", "h", "setext", "ul", "ol", "quote", "table", "code", "html", "dl", "fn", "attrs"]
        )
    )
    text = draw(TEXT)
    line = draw(LINE)
    if kind == "h":
        return f"{'#' * draw(st.integers(1, 6))} {line}"
    if kind == "setext":
        return f"{line}\n{draw(st.sampled_from(['===', '---']))}"
    if kind == "ul":
        items = draw(st.lists(TEXT, min_size=1, max_size=3))
        return "\n".join("* " + item.replace("\n", "\n  ") for item in items)
    if kind == "ol":
        items = draw(st.lists(LINE, min_size=1, max_size=3))
        return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
    if kind == "quote":
        return "> " + text.replace("\n", "\n> ")
    if kind == "table":
        cells = draw(st.lists(WORDS, min_size=2, max_size=2))
        return f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {line} | {cells[0]} |"
    if kind == "code":
        return f"```\n{line}\n```"
    if kind == "html":
        return f"<div>\n{line}\n</div>"
    if kind == "dl":
        return f"{line}\n: " + text.replace("\n", "\n  ")
    if kind == "fn":
        return "[^fn]: " + text.replace("\n", "\n    ")
    if kind == "attrs":
        return f"{{.klass #id}}\n{text}"
    return text


DOCUMENTS = st.lists(blocks(), min_size=1, max_size=6).map(
    lambda parts: "\n\n".join(parts) + "\n\n[ref]: https://example.org/ref\n\n[^1]: Fotnot.\n"
)


def translated(body: str, engine) -> str:
    segmented = segment(body)
    targets = []
    for block in segmented.blocks:
        masked = mask(block.text, _maskers(segmented), fold_lines=True)
        restored = unmask(masked, engine(masked.text)) if masked.needs_engine else block.text
        assert check(block, restored, segmented.references) is None, (block.text, restored)
        targets.append(restored)
    return render(segmented, targets)


def _maskers(segmented):
    return markdown_maskers(segmented.labels)


def shape(body: str) -> list[tuple[str, str, str]]:
    return [(t.type, t.tag, t.markup) for t in MARKDOWN.parse(body) if t.type != "inline"]


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_masking_with_an_identity_engine_gives_back_every_byte(body: str) -> None:
    assert translated(body, lambda text: text) == body


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_the_pseudo_engine_keeps_every_placeholder_and_the_block_structure(body: str) -> None:
    result = translated(body, pseudo)
    assert shape(result) == shape(body)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=5, max_value=60))
def test_split_keeps_every_character_under_the_limit(text: str, limit: int) -> None:
    pieces = split(text, limit)
    assert "".join(piece + space for piece, space in pieces) == text
    assert all(len(piece) <= limit for piece, _ in pieces)


MASKS = [
    (MARKDOWN_MASKERS, "Se [sidan](https://a.se/x_y) nu.", "Se ⟦1⟧sidan⟦2⟧ nu."),
    (MARKDOWN_MASKERS, "Bild: ![ett foto](/a.png 'titel')", "Bild: ⟦1⟧ett foto⟦2⟧"),
    (MARKDOWN_MASKERS, "Mejla hej@a.se eller <b@c.se>.", "Mejla ⟦1⟧ eller ⟦2⟧."),
    (MARKDOWN_MASKERS, "Kör `make test` i {{ site.dir }}.", "Kör ⟦1⟧ i ⟦2⟧."),
    (MARKDOWN_MASKERS, "{% if x %}Ja{% endif %}", "⟦1⟧Ja⟦2⟧"),
    (MARKDOWN_MASKERS, "Ett <em>viktigt</em> ord", "Ett ⟦1⟧viktigt⟦2⟧ ord"),
    (
        MARKDOWN_MASKERS,
        "**Fet** och _kursiv_ men snake_case",
        "⟦1⟧Fet⟦2⟧ och ⟦3⟧kursiv⟦4⟧ men snake_case",
    ),
    (MARKDOWN_MASKERS, "Rad ett  \nrad två\nrad tre", "Rad ett⟦1⟧rad två rad tre"),
    (MARKDOWN_MASKERS, "Pris \\*inte\\* 5 &amp; 3", "Pris ⟦1⟧inte⟦2⟧ 5 ⟦3⟧ 3"),
    (MARKDOWN_MASKERS, "Redan ⟦1⟧ här", "Redan ⟦1⟧1⟦2⟧ här"),
    (MARKDOWN_MASKERS, "Se not[^1] och [^x-2].", "Se not⟦1⟧ och ⟦2⟧."),
    (MARKDOWN_MASKERS, "Se [mer](/a){.knapp} nu", "Se ⟦1⟧mer⟦2⟧ nu"),
    (MARKDOWN_MASKERS, "En ![bild](/b.png){#b .stor} och `x`{.c}", "En ⟦1⟧bild⟦2⟧ och ⟦3⟧"),
    (MARKDOWN_MASKERS, "Ett\n{: .ingress}\nstycke {:#id} här", "Ett ⟦1⟧stycke ⟦2⟧ här"),
    (MARKDOWN_MASKERS, "Mängden {x} och {{ y }}", "Mängden {x} och ⟦1⟧"),
    (PLAIN_MASKERS, "Läs mer på https://a.se/jobb.", "Läs mer på ⟦1⟧."),
    (PLAIN_MASKERS, "Titel *med* stjärnor", "Titel *med* stjärnor"),
    (UI_MASKERS, "%(count)s lediga tjänster i {city}", "⟦1⟧ lediga tjänster i ⟦2⟧"),
    (UI_MASKERS, "Publicerad %s, 100%% klart", "Publicerad ⟦1⟧, 100⟦2⟧ klart"),
]


@pytest.mark.parametrize(("maskers", "text", "expected"), MASKS)
def test_what_each_masker_hides(maskers, text: str, expected: str) -> None:
    masked = mask(text, maskers, fold_lines=True)
    assert masked.text == expected
    assert unmask(masked, masked.text) == text


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("See ⟦1⟧.", "the engine lost the code span '`kod`'"),
        ("See ⟦1⟧ ⟦1⟧ ⟦2⟧.", "the engine repeated the URL 'https://a.se/x'"),
        ("See ⟦1⟧ ⟦2⟧ ⟦3⟧.", "the engine added placeholder ⟦3⟧"),
        ("See ⟦1⟧ ⟦2⟧ ⟦.", "the engine garbled a placeholder"),
    ],
)
def test_an_answer_with_broken_placeholders_is_refused(answer: str, message: str) -> None:
    masked = mask("Se https://a.se/x och `kod`.", MARKDOWN_MASKERS)
    with pytest.raises(MaskError, match=message.replace("(", r"\(").replace(")", r"\)")):
        unmask(masked, answer)


def test_placeholders_may_come_back_with_spaces_inside() -> None:
    masked = mask("Se `kod`.", MARKDOWN_MASKERS)
    assert unmask(masked, "See ⟦ 1 ⟧.") == "See `kod`."

"""Segmenting and masking HTML bodies: properties over generated HTML (every byte back with an
identity engine, every tag kept with pseudo), and bodies that are not well formed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.translate import html_segments
from pipeline.translate.blocks import render
from pipeline.translate.engines import pseudo
from pipeline.translate.masking import mask, unmask
from tests.translate.pages import markup

WORDS = st.sampled_from(["Vi", "söker", "dig", "Göteborg", "år", "2024", "&amp;", "&nbsp;", "<"])
INLINE = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"<em>{w}</em>"),
    WORDS.map(lambda w: f'<a href="/sida?a=1&amp;b=2" title="Läs {w}">{w}</a>'),
    WORDS.map(lambda w: f'<img src="/bild.png" alt="Bild av {w}">'),
    WORDS.map(lambda w: f"<code>{w} &lt;x&gt;</code>"),
    st.just("<br/>"),
    st.just("<br>\n  "),
    st.just("hej@example.org"),
    st.just("https://example.org/a_b"),
    st.just("{{ page.title }}"),
    st.just("<!-- en kommentar -->"),
    st.just("⟦1⟧"),
)
TEXT = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)


@st.composite
def elements(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "h2", "ul", "div", "table", "dl", "pre", "script", "bare"]))
    text = draw(TEXT)
    if kind == "ul":
        items = draw(st.lists(TEXT, min_size=1, max_size=3))
        return "<ul>\n" + "".join(f"  <li>{item}</li>\n" for item in items) + "</ul>"
    if kind == "div":
        return f'<div class="ruta">\n  {text}\n  <p>{draw(TEXT)}</p>\n</div>'
    if kind == "table":
        return f"<table><tr><th>{text}</th><td>{draw(TEXT)}</td></tr></table>"
    if kind == "dl":
        return f"<dl><dt>{text}</dt><dd>{draw(TEXT)}</dd></dl>"
    if kind == "pre":
        return f"<pre>\n  {text}\n</pre>"
    if kind == "script":
        return f'<script>var x = "<p>{text}</p>";</script>'
    if kind == "bare":
        return text
    return f"<{kind}>{text}</{kind}>"


BODIES = st.lists(elements(), min_size=1, max_size=5).map(lambda parts: "\n".join(parts) + "\n")


def translated(body: str, engine) -> str:
    segmented = html_segments.segment(body)
    targets = []
    for block in segmented.blocks:
        masked = mask(block.text, html_segments.MASKERS, fold_lines=True)
        restored = unmask(masked, engine(masked.text)) if masked.needs_engine else block.text
        assert html_segments.check(block, restored) is None, (block.text, restored)
        targets.append(restored)
    return render(segmented, targets)


@settings(max_examples=150, deadline=None)
@given(BODIES)
def test_masking_with_an_identity_engine_gives_back_every_byte(body: str) -> None:
    assert translated(body, lambda text: text) == body


@settings(max_examples=150, deadline=None)
@given(BODIES)
def test_the_pseudo_engine_keeps_every_tag_attribute_and_code(body: str) -> None:
    assert markup(translated(body, pseudo)) == markup(body)


@pytest.mark.parametrize(
    ("body", "texts"),
    [
        ("<div>Ett</div></div>Två<p>Tre</section>Fyra", ["Ett", "Två", "Tre", "Fyra"]),
        ("<p>Ett<p>Två</p><li>Tre", ["Ett", "Två", "Tre"]),
        ("<pre>Kod <b>kvar</b>", []),
        ("Text <b>fet <i>båda</b> kursiv</i> slut", ["Text <b>fet <i>båda</b> kursiv</i> slut"]),
        ("<p> &nbsp; &amp;</p><p><code>kod</code></p><p><img src=x alt=''></p>", []),
    ],
)
def test_html_that_is_not_well_formed_keeps_every_byte(body: str, texts: list[str]) -> None:
    segmented = html_segments.segment(body)
    assert [block.text for block in segmented.blocks] == texts
    assert translated(body, lambda text: text) == body
    assert markup(translated(body, pseudo)) == markup(body)

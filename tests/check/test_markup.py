"""The markup check's shortcut: a body ``may_hold_html`` calls free of raw HTML is one in
which markdown-it-py finds none (so ``losses`` has nothing to say of it), over bodies made of
what sits on the boundary: autolinks, addresses, near-autolinks, comments, tags, ``<`` as text.
"""

from __future__ import annotations

from hypothesis import example, given, settings

from pipeline.build.markdown import losses
from pipeline.build.raw_html import pieces_of
from pipeline.check.markup import may_hold_html
from pipeline.content.markdown_syntax import markdown_parser
from tests.conftest import texts_of

FRAGMENTS = [
    "<https://example.org/a?b=1>",
    "<info@digidemlab.org>",
    "<a.b+c-d:x>",
    "<javascript:alert(1)>",
    "<ab:>",
    "<a:b>",  # a scheme of one letter: no autolink, but no tag either
    "<x@y>",
    "<info@-bad.org>",
    "<https://a b>",
    "<mailto:a@b.se>",
    "<br>",
    "<b onclick=x>",
    "</div>",
    "<div",
    "<!-- kommentar -->",
    "<!--",
    "-->",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "<![CDATA[ x ]]>",
    "<script>",
    "<pre",
    "a < b",
    "<3",
    "<<",
    "<",
    ">",
    "@",
    ":",
    "`",
    "text",
    "ord",
]
SEPARATORS = [" ", "", "\n", "\n\n", "\n> ", "\n- ", "\n    ", "\n| "]
BODIES = texts_of(FRAGMENTS, SEPARATORS, 8)


@settings(max_examples=400, deadline=None)
@given(BODIES)
@example("<!-- a > b\n<https://example.org>\n")
@example("</div>\n<https://example.org>\n")
@example("Mejla <info@digidemlab.org>.\n\n> <https://example.org>\n")
def test_a_body_said_to_hold_no_html_holds_none(body: str) -> None:
    if may_hold_html(body):
        return
    tokens = markdown_parser(html=True).parse(body)
    assert list(pieces_of(tokens)) == []
    assert losses(body) == []


def test_raw_html_is_seen() -> None:
    for body in ("Ring<br/>oss", "<div>\n<https://x.se>\n</div>", "<!-- x -->", "</p>", "<?x?>"):
        assert may_hold_html(body), body
    assert may_hold_html("<info@example.org>", is_html=True)

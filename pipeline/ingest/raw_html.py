"""A Jekyll page's Markdown that holds HTML, brought in as the HTML kramdown made of it.

kramdown passes the HTML of a Markdown body through (an ``<aside>`` an include wrote in, a
``<div markdown="1">`` around Markdown, an ``<iframe>``); the build shows raw HTML in a
Markdown body as text, and keeps an ``.html`` document's body as it is. So a Markdown body
that still holds HTML once its Liquid and kramdown are rewritten comes in as an ``.html``
document: its Markdown rendered by the parser of bodies (``markdown_parser``: the plugins for
kramdown's attribute lists, definition lists and footnotes), its HTML kept; a ``<br/>`` that
could not become a hard line break (in a heading, a table cell) is HTML too.

>>> found = first_html('Text.\\n\\n<div class="ruta">\\n\\n**Obs!**\\n\\n</div>\\n')
>>> found
(2, '<div class="ruta">')
>>> print(as_html('{.ingress}\\nText.\\n\\n<div class="ruta">\\n\\n**Obs!**\\n\\n</div>\\n'))
<p class="ingress">Text.</p>
<div class="ruta">
<p><strong>Obs!</strong></p>
</div>
<BLANKLINE>
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt

from pipeline.content.markdown_syntax import markdown_parser


def first_html(body: str) -> tuple[int, str] | None:
    """The 0-based line of ``body`` where its first HTML is, and the first line of that
    HTML; None when the body holds none."""
    for token in _parser().parse(body):
        if token.type == "html_block" and token.map:
            return token.map[0], token.content.split("\n", 1)[0].strip()
        line = token.map[0] if token.map else 0
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                return line, child.content
    return None


def as_html(body: str) -> str:
    """``body`` (Markdown) as HTML, its HTML kept as it is."""
    return str(_parser().render(body))


@functools.cache
def _parser() -> MarkdownIt:
    return markdown_parser(html=True)

"""The Markdown of bodies: one configured markdown-it-py parser for every part that reads it.

A body is CommonMark with tables, and with what sites moved in from Jekyll write in
kramdown: definition lists (``Term`` then ``: definition``), footnotes (``[^1]`` and
``[^1]: text``) and attribute lists (``{.class}``, ``{#id}``: on a line of their own before a
block, or right after a link, an image or a code span), through mdit-py-plugins. Attribute
lists set ids and classes only; anything else they name is left out.

The translate stage segments bodies with this parser and the build renders them with it, so
that a draft has the blocks its original has, as the page shows them.

>>> html = markdown_parser().render("Term\\n: Definition[^1]\\n\\n[^1]: Note.\\n")
>>> print(html.split("\\n</dl>")[0])
<dl>
<dt>Term</dt>
<dd>Definition<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></dd>
>>> markdown_parser().render("{.ingress #start}\\nText [a](/a){.more onclick=x}\\n")
'<p id="start" class="ingress">Text <a href="/a" class="more">a</a></p>\\n'
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

ATTRIBUTES = ("id", "class")
"""What an attribute list may set: kramdown's ``{: .class}`` and ``{:#id}`` at most."""


def markdown_parser(
    html: bool = True, validate_link: Callable[[str], bool] | None = None
) -> MarkdownIt:
    """A new markdown-it-py parser of bodies (see the module's docstring).

    ``html``: raw HTML in a body is HTML (True: what the segmenter reads) or text (False).
    ``validate_link``: which link and image URLs become links and images (None: markdown-it's
    own rule, which refuses ``javascript:`` and the like).
    """
    md = (
        MarkdownIt("commonmark", {"html": html})
        .enable("table")
        .use(deflist_plugin)
        .use(footnote_plugin)
        .use(attrs_plugin, allowed=ATTRIBUTES)
        .use(attrs_block_plugin, allowed=ATTRIBUTES)
    )
    if validate_link is not None:
        md.validateLink = validate_link
    return md

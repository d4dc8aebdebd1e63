"""Markdown made into HTML: markdown-it-py decides, cmark-gfm renders where they agree.

markdown-it-py (CommonMark plus tables, only safe links) is the parser of record: the
translate stage segments with it, the checks read with it, and its HTML is the HTML of the
site. It takes about 0.8 ms a posting, though, most of a full build. cmark-gfm (GitHub's C
implementation of CommonMark, through ``cmarkgfm``) takes about 0.03 ms and gives the same
HTML for ordinary postings, so it renders a body whenever nothing in it is known to make the
two differ; everything else goes to markdown-it-py:

- before rendering: raw HTML (any ``<`` but that of an autolink to a web or mail address;
  only markdown-it-py's HTML is cleaned), tabs and carriage returns, link reference
  definitions, what could be a table, a code span wrapped onto an indented line, runs of
  four emphasis marks, an empty list item, a hard break after a backslash, an indented line
  after a quote, an entity in a fence's info string, and emphasis beside a non-ASCII symbol
  (``*€*``): the places where the two implement different versions of the spec or have
  known bugs; and footnotes, attribute lists and definition lists, which cmark-gfm does not
  read;
- after rendering: a link or image whose URL the site does not allow (cmark-gfm would make
  ``tel:`` or ``data:`` a link; markdown-it-py leaves the text as written), a URL with
  non-ASCII text (markdown-it-py writes host names in punycode), and an empty block quote
  (which the two print differently).

Raw HTML in a body is HTML, cleaned by nh3 (``pipeline.build.raw_html``): what could run is
taken out, and ``losses`` says what, for the check stage to warn of. Which links a page may
carry, from Markdown, raw HTML or front matter, ``safe_url`` says.

``tests/build/test_markdown.py`` holds both to the same HTML on the test and benchmark corpora, and
to the link and raw HTML rules (cleaned, never run) on hostile and random input.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from pipeline.build.raw_html import SAFE_SCHEMES, clean, pieces_of, removed, safe_url

__all__ = ["SAFE_SCHEMES", "losses", "render", "safe_url"]

# CommonMark's autolinks of e-mail addresses and of http(s) URLs, closing '>' included.
AUTOLINK = (
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>"
    r"|https?://[^\x00-\x20<>]*>"
)
# Where cmark-gfm and markdown-it-py are known to part ways (see the module's docstring).
# Split so that each search can skip ahead to the characters its branches start with (one
# alternation of all of them tried every branch at every character: most of the time of
# rendering a body): literal texts, branches within a line, and branches at a line's start
# (searched in the text after a "\n", so that "\n" starts them all; ``(?=\n|\Z)`` is ``$``).
RISKY_TEXTS = (
    "\t",  # tabs
    "\r",  # and lone carriage returns
    "****",  # nested strong emphasis
    "____",
)
RISKY_INLINE = re.compile(
    r"<(?!" + AUTOLINK + ")"  # raw HTML (autolinks to web and mail addresses render alike)
    r"|\]:"  # link reference definitions
    r"|\\ +\n"  # a backslash before a hard line break
    r"|`[^\n]*\n +\S"  # a code span that may wrap onto an indented line
    r"|\[\^|[)\]`]\{"  # a footnote, an attribute list after a link, image or code span
)
RISKY_LINE = re.compile(
    r"\n {0,3}(?:```|~~~)[^\n]*&"  # an entity in a fence's info string
    r"|\n[ |:-]*-[ |:-]*(?=\n|\Z)"  # a line that could be a table's delimiter row
    r"|\n {0,3}(?:[*+-]|\d{1,9}[.)]) *(?=\n|\Z)"  # an empty list item (where lists end differs)
    r"|\n {0,3}>[^\n]*\n {4}"  # an indented line after a quote (lazy continuation)
    r"|\n {0,3}(?:\{|[:~][ \t])"  # an attribute list before a block, a definition
)
EMPHASIS_MARKS = "*_"
NON_ASCII_ESCAPE = re.compile(r"%[89a-fA-F]")
EMPTY_QUOTE = "<blockquote>\n</blockquote>"
STYLE = 'style="text-align: '
STYLE_SPACE = re.compile(r'(<t[hd] style="text-align:) ')


def render(text: str) -> str:
    """``text`` (a document's Markdown body) as HTML, as markdown-it-py renders it, its raw
    HTML cleaned (``raw_html.clean``).

    >>> render("Hej *världen*, [vi](https://example.org) & <b>du</b>.\\n")[:55]
    '<p>Hej <em>världen</em>, <a href="https://example.org">'
    >>> render("Ring<br/>oss <b onclick='x'>nu</b><script>alert(1)</script>\\n")
    '<p>Ring<br>oss <b>nu</b></p>\\n'
    >>> render("[a](javascript:alert(1))\\n")
    '<p>[a](javascript:alert(1))</p>\\n'
    """
    fast = _fast(text)
    return fast if fast is not None else of_record(text)


def _fast(text: str) -> str | None:
    """cmark-gfm's HTML of ``text``, or None where it may differ from markdown-it-py's."""
    if _risky(text) or _symbol_beside_emphasis(text):
        return None
    cmark = _cmark()
    if cmark is None:
        return None
    out = cmark(text)
    if EMPTY_QUOTE in out:
        return None
    for url in _link_targets(out):
        # A URL the site does not allow, or one with non-ASCII text (markdown-it-py writes
        # a host name in punycode, cmark-gfm percent-encodes it).
        if safe_url(html.unescape(url)) is None or NON_ASCII_ESCAPE.search(url):
            return None
    return STYLE_SPACE.sub(r"\1", out) if STYLE in out else out


def _link_targets(out: str) -> Iterator[str]:
    """Every ``href`` and ``src`` value of cmark-gfm's HTML ``out`` (which writes a quote in
    a value as ``&quot;``), and at worst a few texts that are not: each is only checked.
    Found with ``str.find``: a regular expression that starts with an alternation is tried
    at every character (25 µs a body, half of what cmark-gfm takes to render it).

    >>> list(_link_targets('<a href="/a">x</a> <img src="b.png" alt="">'))
    ['/a', 'b.png']
    """
    for attribute in ('href="', 'src="'):
        at = out.find(attribute)
        while at != -1:
            start = at + len(attribute)
            end = out.find('"', start)
            if end == -1:
                yield out[start:]
                break
            yield out[start:end]
            at = out.find(attribute, end)


def _risky(text: str) -> bool:
    """Whether ``text`` holds one of the places where the two renderers part ways."""
    return (
        any(risky in text for risky in RISKY_TEXTS)
        or RISKY_INLINE.search(text) is not None
        or RISKY_LINE.search("\n" + text) is not None
    )


def _symbol_beside_emphasis(text: str) -> bool:
    """Whether a symbol outside ASCII (``€``) stands right before or after an emphasis mark.

    >>> _symbol_beside_emphasis("*€*"), _symbol_beside_emphasis("*så*")
    (True, False)
    """
    for mark in EMPHASIS_MARKS:
        at = text.find(mark)
        while at != -1:
            for beside in (text[at - 1 : at] if at else "", text[at + 1 : at + 2]):
                if beside > "\x7f" and unicodedata.category(beside).startswith("S"):
                    return True
            at = text.find(mark, at + 1)
    return False


@functools.cache
def _cmark() -> Any:
    """cmark-gfm with only the table extension, raw HTML and every URL passed through (the
    guards above decide what is allowed); None where the wheel is not installed.

    This is ``cmarkgfm.cmark.markdown_to_html_with_extensions``, but for one thing: that
    function never frees the syntax tree nor the HTML it gets from C (about 15 kB a posting:
    150 MB in each process of a build of 10,000 pairs), and its C module has no function
    that frees them. Both are freed here through the library's own ``cmark_node_free`` and
    the C library's ``free``, which cmark's default allocator uses; where they cannot be
    found, the memory is left as cmarkgfm leaves it.
    """
    try:
        from cmarkgfm import _cmark as compiled
        from cmarkgfm.cmark import Options
    except ImportError:  # pragma: no cover - a platform without the wheel renders slower
        return None
    lib, ffi = compiled.lib, compiled.ffi
    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
    lib.cmark_gfm_core_extensions_ensure_registered()
    table = lib.cmark_find_syntax_extension(b"table")
    free_node, free = _freeing(compiled.__file__)

    def render(text: str) -> str:
        raw = text.encode("utf-8")
        parser = lib.cmark_parser_new(options)
        try:
            lib.cmark_parser_attach_syntax_extension(parser, table)
            lib.cmark_parser_feed(parser, raw, len(raw))
            root = lib.cmark_parser_finish(parser)
            extensions = lib.cmark_parser_get_syntax_extensions(parser)
            made = lib.cmark_render_html(root, options, extensions)
            html = ffi.string(made).decode("utf-8")
            free_node(int(ffi.cast("uintptr_t", root)))
            free(int(ffi.cast("uintptr_t", made)))
        finally:
            lib.cmark_parser_free(parser)
        return html

    return render


def _freeing(library: str) -> tuple[Callable[[int], None], Callable[[int], None]]:
    """``cmark_node_free`` of the compiled module at ``library`` and the C library's
    ``free``, each taking an address; functions that do nothing where either is missing."""
    import ctypes

    try:
        free_node = ctypes.CDLL(library).cmark_node_free
        free = ctypes.CDLL(None).free
    except (OSError, AttributeError):  # pragma: no cover - not a platform the wheel is for
        return (lambda address: None), (lambda address: None)
    for function in (free_node, free):
        function.argtypes = [ctypes.c_void_p]
        function.restype = None
    return free_node, free


@functools.cache
def _of_record() -> Any:
    """markdown-it-py as the site renders with it (``markdown_parser``, the segmenter's, raw
    HTML read as HTML), safe links."""
    from pipeline.content.markdown_syntax import markdown_parser

    return markdown_parser(html=True, validate_link=lambda url: safe_url(url) is not None)


def _parsed(text: str) -> tuple[list[Any], str]:
    """markdown-it-py's tokens of ``text`` and their HTML, raw HTML not yet cleaned."""
    md, env = _of_record(), {}
    tokens = md.parse(text, env)
    return tokens, md.renderer.render(tokens, md.options, env)


def of_record(text: str) -> str:
    """``text`` as markdown-it-py renders it, its raw HTML cleaned: what ``render`` gives
    where the fast path cannot (and, for tests, everywhere)."""
    tokens, out = _parsed(text)
    return clean(out) if any(True for _ in pieces_of(tokens)) else out


def losses(body: str, is_html: bool = False) -> list[tuple[int, str]]:
    """What cleaning takes from ``body`` (Markdown, or HTML if ``is_html``) as the site
    renders it: ``(line, message)``, line 0 the body's first.

    >>> losses("Ring oss<br/>eller\\n<b onclick=x>skriv</b>\\n\\n<script>alert(1)</script>\\n")
    [(1, 'onclick= removed from <b>'), (3, '<script> removed from the page')]
    """
    if "<" not in body:
        return []
    if is_html:
        return removed([(0, body)], body)
    tokens, out = _parsed(body)
    return removed(list(pieces_of(tokens)), out)


def fast_path_taken(text: str) -> bool:
    """Whether ``render`` lets cmark-gfm render ``text`` (for tests and measurements)."""
    return _fast(text) is not None

"""Which links a page may carry, whether they come from front matter or from Markdown."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

# Anything else (javascript:, data:, vbscript:, file:, ...) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(url: str) -> str | None:
    """``url`` if a page may link to it: a relative URL or one of ``SAFE_SCHEMES``.

    The scheme is looked for as a browser might find it, and as an attacker hides it: with
    entities and percent-escapes decoded and blanks and control characters left out. A colon
    before the first ``/``, ``?`` or ``#`` makes what precedes it a scheme.

    >>> safe_url("https://example.org/a"), safe_url("/en/"), safe_url("mailto:a@b.se")
    ('https://example.org/a', '/en/', 'mailto:a@b.se')
    >>> safe_url("java\\tscript:alert(1)"), safe_url(" data:text/html,x"), safe_url("VBScript:x")
    (None, None, None)
    >>> safe_url("&#106;avascript:alert(1)"), safe_url("java%09script:x"), safe_url("./a:b")
    (None, None, './a:b')
    """
    seen = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url)))
    first = re.split(r"[/?#]", seen, maxsplit=1)[0]
    if ":" in first and first.split(":", 1)[0].lower() not in SAFE_SCHEMES:
        return None
    return url.strip()

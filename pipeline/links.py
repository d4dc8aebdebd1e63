"""Which links a page may carry, whether they come from front matter or from Markdown."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Anything else (javascript:, data:, vbscript:, file:, ...) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(url: str) -> str | None:
    """``url`` if a page may link to it: a relative URL or one of ``SAFE_SCHEMES``.

    Control characters and blanks are ignored when finding the scheme, as browsers ignore
    them.

    >>> safe_url("https://example.org/a"), safe_url("/en/"), safe_url("mailto:a@b.se")
    ('https://example.org/a', '/en/', 'mailto:a@b.se')
    >>> safe_url("java\\tscript:alert(1)"), safe_url(" data:text/html,x"), safe_url("VBScript:x")
    (None, None, None)
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    scheme = urlsplit(cleaned).scheme.lower() if re.match(r"^[A-Za-z][\w+.-]*:", cleaned) else ""
    return url.strip() if not scheme or scheme in SAFE_SCHEMES else None

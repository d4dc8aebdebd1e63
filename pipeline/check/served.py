"""How the auditor reads URLs and output folders that another tool may have written.

A page's URL is compared in one written form, whoever wrote it: a Jekyll site serves
``/projekt/Medborgarbudget Malmö/`` from its folder and names it
``/projekt/Medborgarbudget%20Malm%C3%B6/`` in its links; both are the same page. An output
folder without the pipeline's bookkeeping was built by another tool (Jekyll's ``_site``): it
is audited as it is served, not against what the content plans.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from pipeline.ingest.jekyll_urls import link
from pipeline.state.manifest import FOLDER


@functools.lru_cache(maxsize=65536)
def normal(url: str) -> str:
    """``url`` in the one form the auditor compares: its path %-escaped as Jekyll writes it,
    from its Unicode NFC form (remembered: the sitemap and the pages name each URL again).

    >>> normal("https://example.org/projekt/Medborgarbudget Malmö/")
    'https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/'
    >>> normal("https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/")
    'https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/'
    """
    if PLAIN.fullmatch(url):
        return url  # (what the rest gives back as it is, told at once)
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=link(parts.path)))


# A URL that ``normal`` gives back as it is: a lowercase scheme, a host without port or user,
# a path of unreserved characters only (nothing to escape, decode or normalize).
PLAIN = re.compile(r"https?://[A-Za-z0-9.\-]+(?:/[A-Za-z0-9._~/\-]*)?")


# An href that names its own path or host: joined to a page's URL, only the page's scheme and
# host count (RFC 3986, 5.2.2), and a site's pages name mostly the same few on every page.
ROOTED = re.compile(r"/|https?://[^/?#]")
ORIGIN = re.compile(r"https?://[^/]*")


def joined(url: str, href: str) -> str:
    """``urljoin(url, href)``, remembered by ``url``'s origin for a rooted ``href``.

    >>> joined("https://example.org/en/news/", "/en/"), joined("https://example.org/a/", "b")
    ('https://example.org/en/', 'https://example.org/a/b')
    """
    origin = ORIGIN.match(url) if ROOTED.match(href) else None
    return urljoin(url, href) if origin is None else _joined(origin.group(), href)


def resolved(url: str, href: str) -> str:
    """``normal(joined(url, href))``, remembered alike (the hreflang audits ask for each
    page's set on every page that names it)."""
    origin = ORIGIN.match(url) if ROOTED.match(href) else None
    return normal(urljoin(url, href)) if origin is None else _resolved(origin.group(), href)


@functools.lru_cache(maxsize=8192)
def _joined(origin: str, href: str) -> str:
    return urljoin(origin, href)


@functools.lru_cache(maxsize=8192)
def _resolved(origin: str, href: str) -> str:
    return normal(urljoin(origin, href))


def built_here(output: Path) -> bool:
    """Whether the pipeline built ``output`` (it keeps its bookkeeping there)."""
    return (output / FOLDER).is_dir()


def is_absolute(href: str) -> bool:
    """Whether ``href`` is an absolute http(s) URL."""
    parts = urlsplit(href)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def difference(ours: set[tuple[str, str]], theirs: set[tuple[str, str]], we: str, they: str) -> str:
    """What two hreflang sets do not share, as ``only here: en URL; only there: ...``."""
    parts = [
        f"only {where}: " + ", ".join(f"{code} {url}" for code, url in sorted(pairs))
        for where, pairs in ((we, ours - theirs), (they, theirs - ours))
        if pairs
    ]
    return "; ".join(parts)

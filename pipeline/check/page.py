"""What the auditor finds in one built page alone: each a function of the page's URL and of
what a crawler reads of it, so that ``site.read_site`` remembers it with the page (by the
digest of its bytes) and a page the build did not write again is not audited again.

The site-wide audits (``pipeline.check.audit``) then only put the pages' findings together
and look across pages (return links, the sitemap, whether a link's file exists).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.check.served import is_absolute, joined, normal, resolved
from pipeline.config import LANGUAGE_CODE

HREFLANG = re.compile(LANGUAGE_CODE.pattern, re.IGNORECASE)  # BCP 47 is case-insensitive

Found = list[tuple[str, "int | None"]]
"""What one audit finds in one page: each message with its line (None: the page's)."""


@dataclass
class BuiltPage:
    """One HTML file of the output as a crawler reads it; ``url`` is where it is served."""

    file: str
    url: str
    lang: str | None = None
    noindex: bool = False
    canonical: list[tuple[str, int]] = field(default_factory=list)
    alternates: list[tuple[str, str, int]] = field(default_factory=list)  # code, URL, line
    links: list[tuple[str, int]] = field(default_factory=list)
    # What the audits of a page alone found in it (``OWN``, by name), and its links to
    # this site (``link_targets``): made when it is read, remembered with it.
    own: dict[str, Found] = field(default_factory=dict, repr=False, compare=False)
    targets: list[tuple[str, int, str]] = field(default_factory=list, repr=False, compare=False)
    _named: list[tuple[str, str, int]] | None = field(default=None, repr=False, compare=False)
    _set: frozenset[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    def named(self) -> list[tuple[str, str, int]]:
        """The page's hreflang links as (code as written, absolute URL, line), made once."""
        if self._named is None:
            named = [(code, resolved(self.url, href), line) for code, href, line in self.alternates]
            self._named = named
        return self._named

    def hreflang_set(self) -> frozenset[tuple[str, str]]:
        """The page's set as (lowercase code, absolute URL) pairs (made once: the audits
        ask for it once per page that names this one)."""
        if self._set is None:
            self._set = frozenset((code.lower(), url) for code, url, _ in self.named())
        return self._set


def codes_and_urls(page: BuiltPage) -> Found:
    """Codes are BCP 47 (or x-default), each at most once; URLs absolute."""
    found: Found = []
    seen: set[str] = set()
    for code, href, line in page.alternates:
        if code.lower() != "x-default" and not HREFLANG.match(code):
            found.append(
                (
                    f"hreflang '{code}' is not a BCP 47 language code "
                    "(such as 'sv', 'en' or 'en-GB'; not 'en_GB')",
                    line,
                )
            )
        if code.lower() in seen:
            found.append((f"hreflang '{code}' is in the set twice", line))
        seen.add(code.lower())
        if not is_absolute(href):
            found.append((f"hreflang '{code}' href '{href}' is not an absolute URL", line))
    return found


def self_and_default(page: BuiltPage) -> Found:
    """The set names the page itself and has an ``x-default``."""
    found: Found = []
    if page.url not in {url for _, url in page.hreflang_set()}:
        found.append((f"hreflang set does not name the page itself ({page.url})", None))
    if not any(code == "x-default" for code, _ in page.hreflang_set()):
        found.append(("hreflang set has no x-default", None))
    return found


def canonical_and_lang(page: BuiltPage) -> Found:
    """``<html lang>`` on every page; on an indexed page one canonical, the page's own URL,
    and a ``lang`` that agrees with the page's own hreflang."""
    found: Found = []
    if not page.lang:
        found.append(("<html> has no lang attribute", None))
    if page.noindex:
        return found
    if len(page.canonical) != 1:
        found.append((f"{len(page.canonical)} canonical links; a page has one", None))
    for href, line in page.canonical:
        if not is_absolute(href):
            found.append((f"canonical '{href}' is not an absolute URL", line))
        elif normal(href) != page.url:
            found.append((f"canonical {href} is not the page's own URL {page.url}", line))
    own = own_code(page)
    if page.lang and own and page.lang.lower() != own.lower():
        found.append(
            (f"<html lang=\"{page.lang}\"> disagrees with the page's own hreflang '{own}'", None)
        )
    return found


# The audits of a page alone, by name, in the order their site-wide audits run.
OWN: dict[str, Callable[[BuiltPage], Found]] = {
    "codes": codes_and_urls,
    "self": self_and_default,
    "canonical": canonical_and_lang,
}


def own_code(page: BuiltPage) -> str | None:
    """The code, as written, under which a page names itself (x-default aside)."""
    return next(
        (code for code, url, _ in page.named() if url == page.url and code.lower() != "x-default"),
        None,
    )


def link_targets(page: BuiltPage, site_url: str) -> list[tuple[str, int, str]]:
    """Each link of ``page`` to this site (below ``site_url``): ``(href, line, URL)``; the
    page itself (an empty href, a ``#fragment``) aside."""
    found = []
    for href, line in page.links:
        if not href.strip() or href.startswith("#"):
            continue  # the page itself
        url = joined(page.url, href.strip())
        if is_ours(url, site_url):
            found.append((href, line, sys.intern(url)))
    return found


def is_ours(url: str, site_url: str) -> bool:
    """Whether an absolute ``url`` is on the site at ``site_url``."""
    return url == site_url or url.startswith(site_url + "/")

"""The built site read back as a crawler reads it: each HTML page of the output folder with
its ``<html lang>``, ``robots`` meta, canonical, hreflang set and links, by its URL.

The auditor (``pipeline.check.audit``) judges what is read here. URLs are compared in one
spelling (``same_url``): a page's own URL is made from its file's path, the links to it are
written percent-encoded, and a page edited by hand may spell them either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from pipeline.config import Settings
from pipeline.errors import Problem

URL_PATH_SAFE = "/!$&'()*+,;=:@"
"""What stays as it is in a URL's path when the audit compares two URLs (RFC 3986's
sub-delimiters, ``:`` and ``@``); everything else is percent-encoded, as UTF-8."""
# (tag, attribute) pairs whose URL a browser follows or loads.
LINKING = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"), ("script", "src")}
LINKING |= {("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}


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

    def hreflang_set(self) -> set[tuple[str, str]]:
        """The page's set as (lowercase code, absolute URL) pairs."""
        return {(code.lower(), same_url(self.url, href)) for code, href, _ in self.alternates}


class _Reader(HTMLParser):
    def __init__(self, page: BuiltPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        rel = values.get("rel", "").lower().split()
        if tag == "html":
            self.page.lang = values.get("lang")
        elif tag == "meta" and values.get("name", "").lower() == "robots":
            self.page.noindex |= "noindex" in values.get("content", "").lower()
        elif tag == "link" and "canonical" in rel:
            self.page.canonical.append((values.get("href", ""), line))
            return  # audited as the canonical, not as a link
        elif tag == "link" and "alternate" in rel and "hreflang" in values:
            self.page.alternates.append((values["hreflang"], values.get("href", ""), line))
            return  # audited with the hreflang set
        for name, value in values.items():
            if (tag, name) in LINKING:
                self.page.links.append((value, line))


@dataclass
class BuiltSite:
    """The output folder as read back: its pages by URL, and where they are."""

    settings: Settings
    output: Path
    pages: dict[str, BuiltPage] = field(default_factory=dict)

    def shown(self, file: str) -> str:
        """How messages name a file of the output (``public/en/index.html``)."""
        return self.settings.relative(self.output / file)

    def is_ours(self, url: str) -> bool:
        """Whether an absolute ``url`` is on this site (below ``site-url``)."""
        base = self.settings.site_url
        return url == base or url.startswith(base + "/")

    def file_of(self, url: str) -> str | None:
        """The output file that serves ``url`` if it is on this site and exists there."""
        if not self.is_ours(url):
            return None
        path = unquote(urlsplit(url[len(self.settings.site_url) :] or "/").path) or "/"
        relative = path.lstrip("/")
        # A folder is served by its index.html; servers redirect "/en" to "/en/" too.
        candidates = [relative] if relative and not relative.endswith("/") else []
        candidates.append((relative.rstrip("/") + "/index.html").lstrip("/"))
        for candidate in candidates:
            if ".." not in Path(candidate).parts and (self.output / candidate).is_file():
                return candidate
        return None

    def problem(self, page: BuiltPage, message: str, line: int | None = None) -> Problem:
        """A problem with one page."""
        return Problem(self.shown(page.file), line, message)


def read_site(settings: Settings, output: Path) -> BuiltSite:
    """Every ``.html`` file under ``output`` (hidden ones and symlinks aside), parsed."""
    site = BuiltSite(settings, output)
    for path in sorted(output.rglob("*.html")):
        file = path.relative_to(output).as_posix()
        if any(part.startswith(".") for part in Path(file).parts) or path.is_symlink():
            continue  # (a build writes no symlink: where one is, its page is missing)
        served = "/" + (file.removesuffix("index.html") if path.name == "index.html" else file)
        page = BuiltPage(file, same_url(settings.site_url + served))
        _Reader(page).feed(path.read_text(encoding="utf-8", errors="replace"))
        site.pages[page.url] = page
    return site


def same_url(base: str, href: str = "") -> str:
    """``href`` made absolute from ``base``, its path percent-encoded one way, so that two
    spellings of one URL compare equal (``/Malmö/``, ``/Malm%C3%B6/``, ``/Malm%c3%b6/``).

    >>> same_url("https://example.org/projekt/Medborgarbudget Malmö/")
    'https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/'
    >>> same_url("https://example.org/en/", "../projekt/Malm%c3%b6/")
    'https://example.org/projekt/Malm%C3%B6/'
    """
    parts = urlsplit(urljoin(base, href) if href else base)
    path = quote(unquote(parts.path), safe=URL_PATH_SAFE)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))

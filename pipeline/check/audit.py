"""The auditor: what SEO audit tools check on a bilingual site, run offline on the build.

``pipeline check`` reads every HTML page of the output folder and ``sitemap.xml`` back, as
a crawler would, and checks each page's hreflang set against Google's rules (self-reference,
return links, ``x-default``, valid codes, absolute URLs, targets that exist and are indexed),
its canonical, its ``<html lang>``, the sitemap's alternates, every internal link, and that
the output is what the content plans (nothing missing, nothing left over). It trusts nothing
the build meant to do: a page edited by hand is judged as it is.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

from pipeline.build.plan import SITEMAP, SitePlan, plan_site
from pipeline.check.page import own_code
from pipeline.check.served import built_here, difference, normal
from pipeline.check.site import BuiltPage, BuiltSite, read_site
from pipeline.config import Settings
from pipeline.content.tree import Content
from pipeline.errors import Problem
from pipeline.i18n.stage import BABEL_CFG
from pipeline.state.manifest import FOLDER, OLD_LIST
from pipeline.state.remembered import Remembered

NOT_BUILT = "which is not in the built site"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


def codes_and_urls(site: BuiltSite) -> list[Problem]:
    """Codes are BCP 47 (or x-default), each at most once; URLs absolute."""
    return _own(site, "codes", _indexed(site))


def self_and_default(site: BuiltSite) -> list[Problem]:
    """Each set names the page itself and has an ``x-default``."""
    return _own(site, "self", _indexed(site))


def _own(site: BuiltSite, name: str, pages: list[BuiltPage]) -> list[Problem]:
    """What the audit ``name`` of a page alone (``page.OWN``) found in each of ``pages``."""
    return [site.problem(page, message, line) for page in pages for message, line in page.own[name]]


def targets_and_return_links(site: BuiltSite) -> list[Problem]:
    """Every target is built and indexed; every language target names this page back under
    this page's own code, and has the same set."""
    found = []
    for page in _indexed(site):
        own = page.hreflang_set()
        code_of_page = (own_code(page) or "").lower()
        for code, url, line in page.named():
            if url == page.url:
                continue
            target = site.pages.get(url) if site.file_of(url) else None
            if target is None:
                found.append(
                    site.problem(page, f"hreflang '{code}' names {url}, {NOT_BUILT}", line)
                )
            elif target.noindex:
                found.append(
                    site.problem(page, f"hreflang '{code}' names {url}, which is noindex", line)
                )
            elif code.lower() == "x-default":
                continue
            elif not _names_back(target, page.url, code_of_page):
                found.append(
                    site.problem(
                        page,
                        f"hreflang '{code}' names {url}, which does not name this page back "
                        "(no return link)",
                        line,
                    )
                )
            elif target.hreflang_set() != own:
                differs = difference(own, target.hreflang_set(), "here", "there")
                found.append(
                    site.problem(page, f"hreflang set differs from that of {url} ({differs})", line)
                )
    return found


def _names_back(target: BuiltPage, url: str, code: str) -> bool:
    """Whether ``target`` names ``url`` under ``code`` (under any code when ``code`` is
    empty: a page that does not name itself is reported on its own)."""
    codes = {c for c, u in target.hreflang_set() if u == url}
    return code in codes if code else bool(codes)


def canonical_and_lang(site: BuiltSite) -> list[Problem]:
    """``<html lang>`` on every page; on indexed pages one canonical, the page's own URL, and
    a ``lang`` that agrees with the page's own hreflang."""
    return _own(site, "canonical", list(site.pages.values()))


def sitemap(site: BuiltSite) -> list[Problem]:
    """``sitemap.xml`` lists every indexed page with exactly its ``<head>`` set."""
    shown = site.shown(SITEMAP)
    entries = _sitemap_entries(site)
    if isinstance(entries, Problem):
        return [entries]
    found = []
    listed: set[str] = set()
    for loc, alternates in entries:
        listed.add(loc)
        page = site.pages.get(loc)
        if page is None or page.noindex:
            state = "noindex" if page else "not in the built site"
            found.append(Problem(shown, None, f"{loc} is {state}"))
        elif alternates != page.hreflang_set():
            differs = difference(page.hreflang_set(), alternates, "in <head>", "in the sitemap")
            found.append(
                Problem(
                    shown,
                    None,
                    f"{loc}: alternates differ from the page's <head> set ({differs})",
                )
            )
    for page in _indexed(site):
        if page.url not in listed:
            found.append(site.problem(page, f"not in {SITEMAP}"))
    return found


Entries = list[tuple[str, frozenset[tuple[str, str]]]]


def _sitemap_entries(site: BuiltSite) -> Entries | Problem:
    """Each ``<url>`` of the sitemap: its ``<loc>`` and its alternates, as the auditor
    compares them; remembered by the digest of the sitemap's bytes (``site.digest_of``).
    Or why it has none (missing, not XML)."""
    shown = site.shown(SITEMAP)
    try:
        data, known = site.digest_of(SITEMAP)
    except FileNotFoundError:
        return Problem(shown, None, "missing")
    remembered = Remembered(site.settings, "check-sitemap")
    found, entries = remembered.get(known)
    if not found:
        if data is None:
            data = (site.output / SITEMAP).read_bytes()
        try:
            root = ET.parse(io.BytesIO(data)).getroot()
        except ET.ParseError as error:
            return Problem(shown, error.position[0], f"not well-formed XML: {error}")
        entries = [
            (
                normal((entry.findtext(f"{SITEMAP_NS}loc") or "").strip()),
                frozenset(
                    (link.get("hreflang", "").lower(), normal(link.get("href", "")))
                    for link in entry.iter(f"{XHTML_NS}link")
                    if link.get("rel") == "alternate"
                ),
            )
            for entry in root.iter(f"{SITEMAP_NS}url")
        ]
        remembered.put(known, entries)
    remembered.save()
    return entries


def internal_links(site: BuiltSite) -> list[Problem]:
    """Every link to a page or file of this site resolves to a file of the output."""
    return [
        site.problem(page, f"link to {href} does not resolve to a file of the site", line)
        for page in site.pages.values()
        for href, line, url in page.targets
        if site.file_of(url) is None
    ]


def _indexed(site: BuiltSite) -> list[BuiltPage]:
    return [page for page in site.pages.values() if not page.noindex]


Audit = Callable[[BuiltSite], list[Problem]]

# The audits, in the order they run.
AUDITS: list[tuple[str, Audit]] = [
    ("hreflang codes and URLs", codes_and_urls),
    ("self-reference and x-default", self_and_default),
    ("targets and return links", targets_and_return_links),
    ("canonical and lang", canonical_and_lang),
    ("sitemap", sitemap),
    ("internal links", internal_links),
]


def site_problems(settings: Settings, content: Content) -> list[Problem]:
    """Audit the built site in the output folder; first, that it is the site the content
    plans (a stale build is audited as it stands, and said to be stale)."""
    output = settings.output_dir
    if not output.is_dir():
        if not (settings.root / BABEL_CFG).is_file():
            return []  # a site without templates' catalogs is not one that is built here
        return [
            Problem(
                settings.output,
                None,
                "not built yet, so the site is not audited; run 'pipeline build' (make build)",
                warning=True,
            )
        ]
    # Another tool's build (Jekyll's _site) is audited as served, its sitemap where it has one.
    ours = built_here(output)
    site = read_site(settings, output)
    found = _against_plan(settings, content, site) if ours else []
    for _name, audit in AUDITS:
        if ours or audit is not sitemap or (output / SITEMAP).is_file():
            found += audit(site)
    return found


def planned(settings: Settings, content: Content) -> SitePlan:
    """The site ``content`` plans, made once per check (the content check asks too), unless
    it was given (``keep``)."""
    kept = getattr(content, "_planned", None)
    if kept is None or kept[0] is not settings:
        kept = keep(settings, content, plan_site(settings, content))
    return kept[1]


def keep(settings: Settings, content: Content, plan: SitePlan) -> tuple[Settings, SitePlan]:
    """Have ``planned`` give ``plan``, the one ``plan_site(settings, content)`` makes (a
    build of the same run made it, or took it from the plan cache: ``stage.Built``)."""
    kept = content._planned = (settings, plan)  # type: ignore[attr-defined]
    return kept


def _against_plan(settings: Settings, content: Content, site: BuiltSite) -> list[Problem]:
    output = site.output
    planned_files = set(planned(settings, content).files())
    built = {
        file
        for file in site.files
        if file.rsplit("/", 1)[-1] != OLD_LIST and file.split("/", 1)[0] != FOLDER
    }
    found = []
    for file in sorted(planned_files - built):
        found.append(
            Problem(
                settings.relative(output / file),
                None,
                "missing: the build is out of date; run 'pipeline build'",
            )
        )
    for file in sorted(built - planned_files):
        found.append(
            Problem(
                settings.relative(output / file),
                None,
                "not part of the site the content makes (left from an earlier build or put "
                "there by hand); run 'pipeline build'",
            )
        )
    return found

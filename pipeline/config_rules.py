"""The rule of each setting: what a value of the right type must also be.

``config.Settings`` declares each setting with its rule (``setting(default, doc, rule)``), as
MkDocs' config options carry theirs; ``load_settings`` runs every rule, in the order the
settings are declared, and reports all they say at once. A rule is given the setting's
kebab-case name, its value and the other settings it may need (``Site``), and yields a
message for each thing wrong (nothing when the value is right).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from pipeline.slugs import is_slug

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
TRANSLATABLE_KEY = re.compile(r"^[^\[\]\s]+(\[\]\.[^\[\]\s]+)?$")
SITE_URL = re.compile(r"^https?://[^/\s]+(/[^\s]*)?$")
# Folders of the site that a build must never write into (or replace).
PROTECTED = ("content", "locale", "pipeline", "tests", ".git")


class Site(Protocol):
    """What rules read of the settings besides the value they judge."""

    root: Path
    languages: list[str]
    output: str
    review: str


Rule = Callable[[str, Any, Site], Iterator[str]]
"""A setting's rule: its name, its value, the settings; yields what is wrong."""


def site_url(key: str, value: str, site: Site) -> Iterator[str]:
    """An absolute http(s) URL without a trailing slash."""
    if not SITE_URL.match(value) or value.endswith("/"):
        yield (f"'{key}' must be an absolute http(s) URL without a trailing slash, not '{value}'")


def languages(key: str, value: list[str], site: Site) -> Iterator[str]:
    """At least one language, each a BCP 47 code, none twice."""
    if not value:
        yield f"'{key}' must name at least one language"
    for code in value:
        if not LANGUAGE_CODE.match(code):
            yield f"'{code}' is not a BCP 47 language code such as 'sv', 'en' or 'en-GB'"
    if len(set(value)) != len(value):
        yield f"'{key}' names a language twice"


def site_language(key: str, value: str, site: Site) -> Iterator[str]:
    """One of the site's languages."""
    if value not in site.languages:
        yield f"'{key}' is '{value}', which is not in 'languages'"


def time_zone(key: str, value: str, site: Site) -> Iterator[str]:
    """An IANA time zone."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        yield f"'{key}' '{value}' is not an IANA time zone"


def translatable_keys(key: str, value: list[str], site: Site) -> Iterator[str]:
    """Each entry ``key`` or ``key[].sub``."""
    for entry in value:
        if not TRANSLATABLE_KEY.match(entry):
            yield f"'{key}' entry '{entry}' must be 'key' or 'key[].sub'"


def at_least(least: float) -> Rule:
    """The rule of a number that must be ``least`` or more."""

    def rule(key: str, value: float, site: Site) -> Iterator[str]:
        if value < least:
            yield f"'{key}' must be at least {least}, not {value}"

    return rule


def output_folder(key: str, value: str, site: Site) -> Iterator[str]:
    """A folder inside the site root, apart from what the site is made of
    (``output_refusal``); a link that leads out of the root is named with its target."""
    refused = output_refusal(site.root, site.root / value)
    if refused or Path(value).is_absolute():
        link = site.root / value
        shown = f" (a link to {link.resolve()})" if link.is_symlink() else ""
        yield (
            f"'{key}' {refused or 'must be a folder inside the site root'}, not '{value}'{shown}"
        )


def review_folder(key: str, value: str, site: Site) -> Iterator[str]:
    """A folder inside the site root, apart from the output folder (review pages are never
    published)."""
    refusal = output_refusal(site.root, site.root / value)
    output = (site.root / site.output).resolve()
    review = (site.root / value).resolve()
    overlaps = review == output or output in review.parents or review in output.parents
    output_refused = output_refusal(site.root, site.root / site.output)
    if overlaps and not refusal and not output_refused:  # a refused output is said already
        refusal = "must be apart from the 'output' folder (review pages are never published)"
    if refusal or Path(value).is_absolute():
        yield f"'{key}' {refusal or 'must be a folder inside the site root'}, not '{value}'"


def source_folder(key: str, value: str, site: Site) -> Iterator[str]:
    """A folder inside the site root that the site is made from (``static``, ``data``):
    apart from content/ and locale/ and from the output and review folders."""
    refusal = output_refusal(site.root, site.root / value)
    folder = (site.root / value).resolve()
    for other in (site.output, site.review):
        built = (site.root / other).resolve()
        said = output_refusal(site.root, site.root / other) is not None  # reported already
        overlaps = folder == built or built in folder.parents or folder in built.parents
        if overlaps and not refusal and not said:
            refusal = f"must be apart from the '{other}' folder, which the pipeline writes"
    if refusal or Path(value).is_absolute() or not value.strip("/."):
        yield f"'{key}' {refusal or 'must be a folder inside the site root'}, not '{value}'"


PERMALINK_PLACEHOLDERS = ("year", "month", "day", "slug", "title", "section", "filename")
"""What a ``permalinks`` pattern may hold (Hugo's names)."""


def permalink_patterns(
    key: str, value: dict[str, str | dict[str, str]], site: Site
) -> Iterator[str]:
    """Each section's pattern, or one per site language: a path from ``/`` with the known
    placeholders, one of which names the page (``:slug``, ``:title`` or ``:filename``)."""
    for section, patterns in value.items():
        named = patterns if isinstance(patterns, dict) else {"": patterns}
        for lang, pattern in named.items():
            where = f"{key}.{section}" + (f".{lang}" if lang else "")
            if lang and lang not in site.languages:
                yield f"'{where}': '{lang}' is not in 'languages'"
            yield from (f"'{where}' {problem}" for problem in _pattern_problems(pattern))


def _pattern_problems(pattern: str) -> Iterator[str]:
    """What is wrong with one URL pattern of ``permalinks``.

    >>> list(_pattern_problems("/:year/:slug/"))
    []
    >>> for problem in _pattern_problems("news/:date"):
    ...     print(problem)
    must start with '/', not 'news/:date'
    has no placeholder ':date' (known: :year :month :day :slug :title :section :filename)
    must hold :slug, :title or :filename, so that each page has a path of its own
    """
    if not pattern.startswith("/"):
        yield f"must start with '/', not '{pattern}'"
    if ".." in pattern or re.search(r"[?#\\\x00-\x1f\x7f]", pattern):
        yield "must not hold '..', '?', '#', '\\' or control characters"
    used = re.findall(r":([a-z_]+)", pattern)
    for name in used:
        if name not in PERMALINK_PLACEHOLDERS:
            known = " ".join(f":{p}" for p in PERMALINK_PLACEHOLDERS)
            yield f"has no placeholder ':{name}' (known: {known})"
    if not {"slug", "title", "filename"} & set(used):
        yield "must hold :slug, :title or :filename, so that each page has a path of its own"


def section_slugs(key: str, value: dict[str, dict[str, str]], site: Site) -> Iterator[str]:
    """Each section's name, and its name in each language, a slug."""
    for section, names in value.items():
        for lang, name in {"": section, **names}.items():
            if not is_slug(name):
                where = f"{key}.{section}" + (f".{lang}" if lang else "")
                yield f"'{where}' must be a slug (a-z, digits, '-'), not '{name}'"


def coverage(key: str, value: dict[str, float], site: Site) -> Iterator[str]:
    """Site languages, each with a percent from 0 to 100."""
    for lang, percent in value.items():
        if lang not in site.languages or not 0 <= percent <= 100:
            yield (
                f"'{key}' maps site languages to a percent from 0 to 100, not {lang} = {percent}"
            )


def output_refusal(root: Path, output: Path, anywhere: bool = False) -> str | None:
    """Why ``output`` cannot be the build's output folder, or None when it can.

    It must lie inside the site root, below it, and apart from the folders the site is made
    of (a build removes what it wrote there before). With ``anywhere`` (a folder named on
    the command line, which the user means) it may lie outside the root too, but never hold
    it.

    >>> output_refusal(Path("/site"), Path("/site/public")) is None
    True
    >>> output_refusal(Path("/site"), Path("/site/content/x"))
    'must not be inside content/, which the site is made of'
    >>> output_refusal(Path("/site"), Path("/tmp/public"))
    'must be a folder inside the site root'
    >>> output_refusal(Path("/site"), Path("/tmp/public"), anywhere=True) is None
    True
    >>> output_refusal(Path("/site/a"), Path("/site"), anywhere=True)
    'must not be the site root, nor a folder that holds it'
    """
    root = root.resolve()
    output = output.resolve()
    if anywhere and (output == root or output in root.parents):
        return "must not be the site root, nor a folder that holds it"
    if root not in output.parents:
        return None if anywhere else "must be a folder inside the site root"
    top = output.relative_to(root).parts[0]
    if top in PROTECTED:
        return f"must not be inside {top}/, which the site is made of"
    return None

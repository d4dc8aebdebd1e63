"""Settings: declared once, typed, with a default and a docstring each.

The site root's ``pyproject.toml`` may override any of them in its ``[tool.pipeline]`` table,
with the names spelled in kebab-case (``default-language = "sv"``). Every unknown or
mistyped key is reported in one pass, naming the key and its line, before any file is
touched.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError, Problem
from pipeline.slugs import is_slug

PYPROJECT = "pyproject.toml"
TABLE = "tool.pipeline"


def setting(default: Any, doc: str) -> Any:
    """Declare one setting: its default and what it means (shown in errors and the README)."""
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Everything a stage needs to know about the site, passed explicitly to each stage."""

    root: Path = field(default_factory=Path.cwd, metadata={"doc": "The site root (--root)."})

    site_url: str = setting(
        "https://digidemlab.org",
        "Absolute URL of the published site, without a trailing slash; canonical, hreflang, "
        "sitemap and feed URLs start with it.",
    )
    languages: list[str] = setting(
        ["sv", "en"], "Site languages as BCP 47 codes; each has a folder content/<lang>/."
    )
    default_language: str = setting(
        "sv", "The language originals are assumed to be in, and the target of x-default."
    )
    timezone: str = setting(
        "Europe/Stockholm", "IANA time zone for dates written without an offset."
    )
    translatable: list[str] = setting(
        ["title", "excerpt", "ingress-text", "links[].title"],
        "Front matter keys whose text is translated; key[].sub names a key in a list of mappings.",
    )
    output: str = setting("public", "Folder, inside the site root, that the site is built into.")
    translator: str = setting(
        "pseudo", "Translation engine used when --translator is not given (see README: Engines)."
    )
    translator_timeout: float = setting(
        20.0, "Seconds one call to a translation engine may take before it counts as failed."
    )
    translator_attempts: int = setting(
        5, "Attempts per text (the first and its retries) before an engine counts as unreachable."
    )
    translator_max_wait: float = setting(
        90.0,
        "Seconds one text may spend in retries (backoff and Retry-After waits included) before "
        "the engine counts as unreachable.",
    )
    translator_concurrency: int = setting(
        4, "Texts sent to an engine at the same time (1: one after the other)."
    )
    site_name: str = setting(
        "Digidem Lab", "Name of the site, in every page's header and title and in the feeds."
    )
    default_language_in_subdir: bool = setting(
        False,
        "Whether the default language's pages live under /<lang>/ like the others (as Hugo's "
        "defaultContentLanguageInSubdir); false: at the root of the site.",
    )
    sections: dict[str, dict[str, str]] = setting(
        {
            "news": {"sv": "nyheter", "en": "news"},
            "lediga-tjanster": {"sv": "lediga-tjanster", "en": "jobs"},
        },
        "URL folder of each section per language: 'news' holds the dated posts, any other "
        "name is a page's 'menu'. A section or language not named here uses the section's name.",
    )
    jobs_section: str = setting(
        "lediga-tjanster", "The 'menu' of job pages: home pages list them as open positions."
    )
    publish_unreviewed: bool = setting(
        True,
        "Whether drafts whose translation status is machine or outdated are published (with a "
        "notice that links to the original).",
    )
    noindex_unreviewed: bool = setting(
        False,
        "Whether published unreviewed drafts carry noindex and are left out of hreflang sets "
        "and the sitemap.",
    )
    build_workers: int = setting(
        0,
        "Processes that render a build's pages (0: one per core when a build renders "
        "enough pages to pay for it, else one; see README: Benchmarks).",
    )
    feed_entries: int = setting(
        20,
        "Number of the newest dated postings each language's Atom feed carries (0: every "
        "dated posting).",
    )
    review: str = setting(
        "review",
        "Folder, inside the site root and apart from 'output', that 'pipeline review' writes "
        "the translators' review pages into; never part of the published site.",
    )
    catalog_coverage: dict[str, float] = setting(
        {},
        "Minimum share of translated UI strings per language in percent, such as { en = 90 }; "
        "a language not named here needs 100.",
    )

    @property
    def content_dir(self) -> Path:
        """``content/`` under the root: one folder per language."""
        return self.root / "content"

    @property
    def review_dir(self) -> Path:
        """The folder of the translators' review pages."""
        return self.root / self.review

    @property
    def locale_dir(self) -> Path:
        """``locale/`` under the root: gettext catalogs, translation memory, glossary."""
        return self.root / "locale"

    @property
    def output_dir(self) -> Path:
        """The build's output folder."""
        return self.root / self.output

    def relative(self, path: Path) -> str:
        """``path`` as the user should read it: relative to the root when it is inside.

        >>> Settings(root=Path("/site")).relative(Path("/site/content/sv/a.md"))
        'content/sv/a.md'
        >>> Settings(root=Path("/site")).relative(Path("/tmp/a.md"))
        '/tmp/a.md'
        """
        text, root = os.fspath(path), os.fspath(self.root)
        if text.startswith(root.rstrip(os.sep) + os.sep):  # as relative_to, without new paths
            return text[len(root.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def declared() -> dict[str, dataclasses.Field[Any]]:
    """The settings a ``[tool.pipeline]`` table may set, by their kebab-case name."""
    return {f.name.replace("_", "-"): f for f in dataclasses.fields(Settings) if f.name != "root"}


def load_settings(root: Path) -> Settings:
    """Read ``root/pyproject.toml`` (if any) over the defaults; raise ``ConfigError`` listing
    every problem found.
    """
    root = root.resolve()
    path = root / PYPROJECT
    if not path.is_file():
        return Settings(root=root)
    text = path.read_text(encoding="utf-8")
    try:
        table = tomllib.loads(text).get("tool", {}).get("pipeline", {})
    except tomllib.TOMLDecodeError as error:
        line = _line_from_toml_error(str(error)) or (text.count("\n") or None)
        raise ConfigError([Problem(PYPROJECT, line, f"not valid TOML: {error}")]) from None
    lines = _key_lines(text)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    fields = declared()
    hints = typing.get_type_hints(Settings)  # once: it evaluates every annotation
    for key, value in table.items():
        where = lines.get(key)
        if key not in fields:
            import difflib  # only for a mistyped key: every run loads settings

            hint = difflib.get_close_matches(key, list(fields), n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(Problem(PYPROJECT, where, f"[{TABLE}] unknown key '{key}'{tip}"))
            continue
        hint_type = hints[fields[key].name]
        if not _has_type(value, hint_type):
            problems.append(
                Problem(
                    PYPROJECT,
                    where,
                    f"[{TABLE}] '{key}' must be {_describe(hint_type)}, "
                    f"not {_describe_value(value)}",
                )
            )
            continue
        values[fields[key].name] = value
    settings = Settings(root=root, **values)
    problems += [Problem(PYPROJECT, lines.get(k), m) for k, m in _check_values(settings)]
    if problems:
        raise ConfigError(problems)
    return settings


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
TRANSLATABLE_KEY = re.compile(r"^[^\[\]\s]+(\[\]\.[^\[\]\s]+)?$")


def _check_values(settings: Settings) -> list[tuple[str, str]]:
    """Problems with values that have the right type but a wrong meaning."""
    found: list[tuple[str, str]] = []
    if not re.match(
        r"^https?://[^/\s]+(/[^\s]*)?$", settings.site_url
    ) or settings.site_url.endswith("/"):
        found.append(
            (
                "site-url",
                f"'site-url' must be an absolute http(s) URL without a trailing slash, "
                f"not '{settings.site_url}'",
            )
        )
    if not settings.languages:
        found.append(("languages", "'languages' must name at least one language"))
    for code in settings.languages:
        if not LANGUAGE_CODE.match(code):
            found.append(
                (
                    "languages",
                    f"'{code}' is not a BCP 47 language code such as 'sv', 'en' or 'en-GB'",
                )
            )
    if len(set(settings.languages)) != len(settings.languages):
        found.append(("languages", "'languages' names a language twice"))
    if settings.default_language not in settings.languages:
        found.append(
            (
                "default-language",
                f"'default-language' is '{settings.default_language}', which is not in 'languages'",
            )
        )
    try:
        zoneinfo.ZoneInfo(settings.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        found.append(("timezone", f"'timezone' '{settings.timezone}' is not an IANA time zone"))
    for key in settings.translatable:
        if not TRANSLATABLE_KEY.match(key):
            found.append(
                ("translatable", f"'translatable' entry '{key}' must be 'key' or 'key[].sub'")
            )
    for key, value, least in (
        ("translator-timeout", settings.translator_timeout, 0.01),
        ("translator-attempts", settings.translator_attempts, 1),
        ("translator-max-wait", settings.translator_max_wait, 0),
        ("translator-concurrency", settings.translator_concurrency, 1),
        ("build-workers", settings.build_workers, 0),
        ("feed-entries", settings.feed_entries, 0),
    ):
        if value < least:
            found.append((key, f"'{key}' must be at least {least}, not {value}"))
    output_refused = output_refusal(settings.root, settings.root / settings.output)
    if output_refused or Path(settings.output).is_absolute():
        link = settings.root / settings.output
        shown = f" (a link to {link.resolve()})" if link.is_symlink() else ""
        found.append(
            (
                "output",
                f"'output' {output_refused or 'must be a folder inside the site root'}, "
                f"not '{settings.output}'{shown}",
            )
        )
    refusal = output_refusal(settings.root, settings.review_dir)
    output = settings.output_dir.resolve()
    review = settings.review_dir.resolve()
    overlaps = review == output or output in review.parents or review in output.parents
    if overlaps and not refusal and not output_refused:  # a refused output is said already
        refusal = "must be apart from the 'output' folder (review pages are never published)"
    if refusal or Path(settings.review).is_absolute():
        found.append(
            (
                "review",
                f"'review' {refusal or 'must be a folder inside the site root'}, "
                f"not '{settings.review}'",
            )
        )
    for section, names in settings.sections.items():
        for lang, name in {"": section, **names}.items():
            if not is_slug(name):
                where = f"sections.{section}" + (f".{lang}" if lang else "")
                found.append(
                    ("sections", f"'{where}' must be a slug (a-z, digits, '-'), not '{name}'")
                )
    for lang, percent in settings.catalog_coverage.items():
        if lang not in settings.languages or not 0 <= percent <= 100:
            found.append(
                (
                    "catalog-coverage",
                    f"'catalog-coverage' maps site languages to a percent from 0 to 100, "
                    f"not {lang} = {percent}",
                )
            )
    return found


# Folders of the site that a build must never write into (or replace).
PROTECTED = ("content", "locale", "pipeline", "tests", ".git")


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


def _has_type(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_has_type(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            _has_type(k, key) and _has_type(v, item) for k, v in value.items()
        )
    if origin in (typing.Union, types.UnionType):
        return any(_has_type(value, option) for option in typing.get_args(hint))
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is type(None):
        return value is None
    return isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is list:
        return f"a list of {_describe(typing.get_args(hint)[0])}"
    if origin is dict:
        _key, item = typing.get_args(hint)
        return f"a table of {_describe(item)}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(option) for option in typing.get_args(hint))
    return {str: "text", bool: "true or false", int: "a whole number", float: "a number"}.get(
        hint, getattr(hint, "__name__", str(hint))
    )


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return f"text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"{type(value).__name__} {value!r}"


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of each key of the ``[tool.pipeline]`` table (tomllib gives no lines)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$", line)
        if header:
            table = header.group(1).replace('"', "").replace(" ", "")
            continue
        key = re.match(r'^\s*"?([A-Za-z0-9_.-]+)"?\s*=', line)
        if key and table == TABLE:
            lines.setdefault(key.group(1), number)
    return lines


def _line_from_toml_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None

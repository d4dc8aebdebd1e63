"""Settings: declared once, typed, with a default, a docstring and a rule each.

The site root's ``pyproject.toml`` may override any of them in its ``[tool.pipeline]`` table,
with the names spelled in kebab-case (``default-language = "sv"``). Every unknown or
mistyped key, and every value its setting's rule refuses (``config_rules``), is reported in
one pass, naming the key and its line, before any file is touched.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import config_rules as rules
from pipeline.config_rules import LANGUAGE_CODE, Rule, output_refusal
from pipeline.errors import ConfigError, Problem

PYPROJECT = "pyproject.toml"
TABLE = "tool.pipeline"

__all__ = ["LANGUAGE_CODE", "Settings", "declared", "load_settings", "output_refusal", "setting"]


def setting(default: Any, doc: str, rule: Rule | None = None) -> Any:
    """Declare one setting: its default, what it means (shown in errors and the README), and
    the rule its value must also follow besides its type (``config_rules``)."""
    metadata = {"doc": doc, "rule": rule}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """Everything a stage needs to know about the site, passed explicitly to each stage."""

    root: Path = field(default_factory=Path.cwd, metadata={"doc": "The site root (--root)."})

    site_url: str = setting(
        "https://digidemlab.org",
        "Absolute URL of the published site, without a trailing slash; canonical, hreflang, "
        "sitemap and feed URLs start with it.",
        rules.site_url,
    )
    languages: list[str] = setting(
        ["sv", "en"],
        "Site languages as BCP 47 codes; each has a folder content/<lang>/.",
        rules.languages,
    )
    default_language: str = setting(
        "sv",
        "The language originals are assumed to be in, and the target of x-default.",
        rules.site_language,
    )
    timezone: str = setting(
        "Europe/Stockholm", "IANA time zone for dates written without an offset.", rules.time_zone
    )
    translatable: list[str] = setting(
        ["title", "excerpt", "ingress-text", "links[].title"],
        "Front matter keys whose text is translated; key[].sub names a key in a list of mappings.",
        rules.translatable_keys,
    )
    output: str = setting(
        "public", "Folder, inside the site root, that the site is built into.", rules.output_folder
    )
    translator: str = setting(
        "pseudo", "Translation engine used when --translator is not given (see README: Engines)."
    )
    translator_timeout: float = setting(
        20.0,
        "Seconds one call to a translation engine may take before it counts as failed.",
        rules.at_least(0.01),
    )
    translator_attempts: int = setting(
        5,
        "Attempts per text (the first and its retries) before an engine counts as unreachable.",
        rules.at_least(1),
    )
    translator_max_wait: float = setting(
        90.0,
        "Seconds one text may spend in retries (backoff and Retry-After waits included) before "
        "the engine counts as unreachable.",
        rules.at_least(0),
    )
    translator_concurrency: int = setting(
        4, "Texts sent to an engine at the same time (1: one after the other).", rules.at_least(1)
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
        rules.section_slugs,
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
        "enough pages to pay for it, else one; see docs/benchmarks.md).",
        rules.at_least(0),
    )
    feed_entries: int = setting(
        20,
        "Number of the newest dated postings each language's Atom feed carries (0: every "
        "dated posting).",
        rules.at_least(0),
    )
    review: str = setting(
        "review",
        "Folder, inside the site root and apart from 'output', that 'pipeline review' writes "
        "the translators' review pages into; never part of the published site.",
        rules.review_folder,
    )
    static: str = setting(
        "static",
        "Folder, inside the site root, of files the build copies into the output as they are, "
        "at the same path (Hugo's static/): images, PDFs, a robots.txt of the site's own. "
        "A Jekyll site's files that Jekyll copies come in here.",
        rules.source_folder,
    )
    data: str = setting(
        "data",
        "Folder, inside the site root, of data for the templates: YAML files, and data-only "
        "collections as data/<collection>/*.md (a Jekyll collection with output: false); "
        "never pages, never translated.",
        rules.source_folder,
    )
    templates: str = setting(
        "templates",
        "Folder, inside the site root, of the site's own Jinja2 templates, searched before the "
        "package's (Hugo's layouts/): a file named as one of pipeline/templates/ replaces it, "
        'and one may extend the package\'s as "package:NAME" to change a block of it '
        "(docs/templates.md).",
        rules.source_folder,
    )
    permalinks: dict[str, str | dict[str, str]] = setting(
        {},
        "URL pattern of the pages of each section, below the language's prefix, optionally "
        'per language (Hugo\'s permalinks), such as { news = "/:year/:month/:slug/", '
        'projekt = { sv = "/projekt/:slug/", en = "/projects/:slug/" } }. Placeholders: '
        ":year :month :day :slug :title :section :filename. A document's own url wins; "
        "a section without a pattern keeps the default scheme.",
        rules.permalink_patterns,
    )
    jekyll_site: str = setting(
        "",
        "Folder of a Jekyll site (its _config.yml) that 'pipeline all' writes the drafts and "
        "the hreflang back into each time ('pipeline export --format jekyll'; "
        "docs/jekyll-export.md); '' for none.",
    )
    catalog_coverage: dict[str, float] = setting(
        {},
        "Minimum share of translated UI strings per language in percent, such as { en = 90 }; "
        "a language not named here needs 100.",
        rules.coverage,
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
    def static_dir(self) -> Path:
        """The folder of files copied into the output as they are (``static``)."""
        return self.root / self.static

    @property
    def templates_dir(self) -> Path:
        """The folder of the site's own templates (``templates``)."""
        return self.root / self.templates

    @property
    def data_dir(self) -> Path:
        """The folder of data for the templates (``data``)."""
        return self.root / self.data

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


def is_site(root: Path) -> bool:
    """Whether ``root`` is a site's root: it holds ``content/``, or a ``pyproject.toml``
    with a ``[tool.pipeline]`` table (a site still without content)."""
    if (root / "content").is_dir():
        return True
    try:
        table = tomllib.loads((root / PYPROJECT).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "pipeline" in table.get("tool", {})


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


def _check_values(settings: Settings) -> list[tuple[str, str]]:
    """Problems with values that have the right type but a wrong meaning: what each
    setting's rule says, in the order the settings are declared."""
    found: list[tuple[str, str]] = []
    for key, declaration in declared().items():
        rule = declaration.metadata.get("rule")
        if rule is not None:
            value = getattr(settings, declaration.name)
            found += [(key, message) for message in rule(key, value, settings)]
    return found


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

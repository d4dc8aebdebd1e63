"""Finding postings to ingest: single files, folders of Markdown, and Jekyll sites.

A folder with a ``_config.yml`` is read as a Jekyll site would read it: posts from every
``_posts/`` folder, documents of the collections the config names, Markdown pages with front
matter elsewhere, and the config's ``defaults:`` applied to the files they scope.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.content.document import decode
from pipeline.content.front_matter import HANDLER, parse_error
from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import inside

# Folders a Jekyll build never reads, besides those starting with '_' or '.'.
JEKYLL_EXCLUDED = {"node_modules", "vendor", "Gemfile", "Gemfile.lock"}
MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class Source:
    """One posting to ingest and what its origin says about it."""

    path: Path
    shown: str
    jekyll_type: str | None = None  # "posts", "pages" or a collection's label
    defaults: dict[str, Any] = field(default_factory=dict)
    timezone: str | None = None  # the Jekyll site's timezone, for dates without an offset

    @property
    def is_jekyll_post(self) -> bool:
        """Whether Jekyll would read this file as a post."""
        return self.jekyll_type == "posts"


def find_sources(
    paths: list[Path], shown: dict[Path, str] | None = None
) -> tuple[list[Source], list[Problem]]:
    """The postings named by ``paths`` (files, folders, Jekyll site roots), in a stable order."""
    shown = shown or {}
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        name = shown.get(path, str(path))
        if path.is_symlink() and not path.exists():
            problems.append(Problem(name, None, "broken symlink"))
        elif path.is_file():
            sources.append(Source(path, name))
        elif (path / "_config.yml").is_file():
            found, trouble = _jekyll_site(path, name)
            sources += found
            problems += trouble
        elif path.is_dir():
            for file in _markdown_files(path, path):
                sources.append(Source(file, _join(name, file.relative_to(path))))
        else:
            problems.append(Problem(name, None, "no such file or folder"))
    return sources, problems


def _join(base: str, relative: Path) -> str:
    return f"{base.rstrip('/')}/{relative.as_posix()}"


def _markdown_files(folder: Path, base: Path, skip: set[str] | None = None) -> list[Path]:
    """Markdown files under ``folder``, not following symlinks out of ``base``."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or (skip is not None and p in skip) for p in parts):
            continue
        if path.suffix in MARKDOWN and path.is_file():
            try:
                inside(base, path.relative_to(base).as_posix())
            except OutputError:  # a symlink that leaves the folder being ingested
                continue
            found.append(path)
    return found


def _jekyll_site(root: Path, name: str) -> tuple[list[Source], list[Problem]]:
    config_path = root / "_config.yml"
    config_name = _join(name, Path("_config.yml"))
    try:
        text = decode(config_path.read_bytes(), config_name)
        # Loaded as front matter is: safely, and refused if its aliases expand it too far.
        config = HANDLER.parse(text, first_line=1).data or {}
    except ContentError as error:
        return [], [error.as_problem()]
    except yaml.YAMLError as error:
        return [], [parse_error(error, config_name, text, 1, "Jekyll config").as_problem()]
    except OSError as error:
        return [], [Problem(config_name, None, f"cannot read: {error.strerror}")]
    if not isinstance(config, dict):
        return [], [Problem(config_name, 1, "must be a mapping of settings")]
    timezone = config.get("timezone") if isinstance(config.get("timezone"), str) else None
    defaults = config.get("defaults") if isinstance(config.get("defaults"), list) else []
    collections = config.get("collections") or {}
    labels = list(collections) if isinstance(collections, (dict, list)) else []
    collections_dir = root / str(config.get("collections_dir") or "")
    excluded = set(JEKYLL_EXCLUDED) | {str(e).strip("/") for e in config.get("exclude") or []}

    typed: list[tuple[Path, str]] = []
    for posts in sorted(collections_dir.rglob("_posts")):
        typed += [(f, "posts") for f in _markdown_files(posts, root)]
    for label in labels:
        folder = collections_dir / f"_{label}"
        if folder.is_dir() and label != "posts":
            typed += [(f, str(label)) for f in _markdown_files(folder, root)]
    for file in _markdown_files(root, root, skip=excluded):
        relative = file.relative_to(root).parts
        if not any(p.startswith("_") for p in relative) and _has_front_matter(file):
            typed.append((file, "pages"))

    sources = []
    for file, kind in typed:
        relative = file.relative_to(root).as_posix()
        values = jekyll_defaults(defaults, relative, kind)
        sources.append(Source(file, _join(name, Path(relative)), kind, values, timezone))
    return sources, []


def _has_front_matter(path: Path) -> bool:
    """Jekyll copies files without front matter as they are; they are not postings."""
    try:
        with path.open("rb") as stream:
            return stream.read(6).removeprefix(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return False


def jekyll_defaults(defaults: list[Any], relative: str, kind: str) -> dict[str, Any]:
    """The values of Jekyll's ``defaults:`` that apply to the file at ``relative``.

    A more specific scope (a longer path, then a type) wins over a less specific one, as in
    Jekyll; among equal scopes the later one wins.

    >>> rules = [{"scope": {"path": ""}, "values": {"lang": "sv", "layout": "post"}},
    ...          {"scope": {"path": "_posts/en", "type": "posts"}, "values": {"lang": "en"}}]
    >>> jekyll_defaults(rules, "_posts/en/2020-01-01-hi.md", "posts")
    {'lang': 'en', 'layout': 'post'}
    >>> jekyll_defaults(rules, "_posts/2020-01-01-hej.md", "posts")
    {'lang': 'sv', 'layout': 'post'}
    """
    matching = []
    for order, rule in enumerate(defaults):
        if not isinstance(rule, dict) or not isinstance(rule.get("values"), dict):
            continue
        scope = rule.get("scope") if isinstance(rule.get("scope"), dict) else {}
        scope_path = str(scope.get("path") or "").strip("/")
        scope_type = scope.get("type")
        if scope_type and scope_type != kind:
            continue
        if scope_path and not (
            relative == scope_path
            or relative.startswith(scope_path + "/")
            or fnmatch.fnmatch(relative, scope_path)
            or fnmatch.fnmatch(relative, scope_path + "/*")
        ):
            continue
        matching.append((len(scope_path), bool(scope_type), order, rule["values"]))
    merged: dict[str, Any] = {}
    for *_, values in sorted(matching, key=lambda m: m[:3]):
        merged.update(values)
    return merged

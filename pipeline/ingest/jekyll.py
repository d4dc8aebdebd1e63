"""A Jekyll site read as Jekyll 4.3 reads it: which files are pages, posts, documents of a
collection, data, files copied as they are, and which Jekyll leaves out (and why).

The walk mirrors Jekyll's ``Reader``: every folder from the top, its entries filtered as
``EntryFilter`` does (``exclude:`` and ``include:`` of ``_config.yml``, names starting with
``_ . # ~``, backups ending in ``~``); a file that starts with a ``---`` line is a page, any
other is copied as it is; each folder's ``_posts/`` holds its posts (the folders above are
their categories) and ``_drafts/`` its drafts; ``_<label>/`` holds the documents of each
collection of ``collections:`` (``output: false``: data, never pages). Nothing is left out
without a line that names it and says why (``Site.left_out``).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.content.document import Document, decode
from pipeline.content.front_matter import HANDLER, parse_error
from pipeline.errors import ContentError, Problem
from pipeline.ingest.jekyll_exported import exported

CONFIG = "_config.yml"
DEFAULT_EXCLUDES = (
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
)
POST_NAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
"""Jekyll's ``DATE_FILENAME_MATCHER``: a post's name starts with its date."""
SPECIAL = ("_", ".", "#", "~")
KNOWN_FOLDERS = {
    "_layouts": "Jekyll's layouts; the site's look is the pipeline's templates",
    "_includes": "Jekyll's includes; those a page includes are written into it",
    "_sass": "Sass partials; compile the site's stylesheet and put it in static/",
    "_site": "Jekyll's own output",
    "_plugins": "Jekyll plugins (Ruby); the pipeline does not run them",
}


@dataclass(frozen=True)
class Config:
    """What of ``_config.yml`` the import needs (Jekyll's defaults where it says nothing)."""

    values: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str, default: str = "") -> str:
        """A setting that is text (a number written plainly counts as its text)."""
        value = self.values.get(key)
        return str(value) if isinstance(value, (str, int, float)) else default

    def words(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A setting that is a list of texts."""
        value = self.values.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else default

    @property
    def permalink(self) -> str:
        """The site's ``permalink``: a style's name (``date``, ``pretty``...) or a template."""
        return self.text("permalink", "date") or "date"

    @property
    def collections(self) -> dict[str, dict[str, Any]]:
        """Each collection's settings by its label, ``posts`` first (always output)."""
        raw = self.values.get("collections")
        labels = (
            raw if isinstance(raw, dict) else dict.fromkeys(raw) if isinstance(raw, list) else {}
        )
        found: dict[str, dict[str, Any]] = {"posts": {}}
        for label, meta in labels.items():
            found[str(label)] = dict(meta) if isinstance(meta, dict) else {}
        found["posts"]["output"] = True
        return found

    @property
    def defaults(self) -> list[Any]:
        """The ``defaults:`` rules, as written."""
        value = self.values.get("defaults")
        return value if isinstance(value, list) else []

    @property
    def markdown_exts(self) -> tuple[str, ...]:
        """The extensions of Markdown files (``markdown_ext``), with their dot."""
        names = self.text("markdown_ext", "markdown,mkdown,mkdn,mkd,md").split(",")
        return tuple("." + n.strip().lower() for n in names if n.strip())

    @property
    def timezone(self) -> str | None:
        """The site's ``timezone``, the zone of its dates written without an offset."""
        return self.text("timezone") or None


@dataclass(frozen=True)
class Entry:
    """A file of the site: where it is, its path from the site's top, and what it is to
    Jekyll (``collection``: ``posts``, ``pages`` or a collection's label; '' for a file
    copied as it is)."""

    path: Path
    relative: str
    collection: str = ""

    @property
    def folder(self) -> str:
        """Its folder from the site's top ('' for the top)."""
        return self.relative.rpartition("/")[0]


@dataclass
class Posting:
    """A page, post or document of the site on its way into ``content/<lang>/``."""

    entry: Entry
    doc: Document
    lang: str
    url: str  # decoded, as Jekyll serves it
    markdown: bool
    body_line: int  # the file line of the body's first line
    ref: str = ""
    name: str = ""
    info: list[str] = field(default_factory=list)


@dataclass
class Site:
    """A Jekyll site as read: its documents (posts, pages, documents of collections that are
    output), the files it copies as they are, its data (``_data/`` and the collections that
    are not output, by their place under ``data/``), and what it leaves out, each with why."""

    root: Path
    name: str  # how messages name the site's folder
    config: Config
    documents: list[Entry] = field(default_factory=list)
    static: list[Entry] = field(default_factory=list)
    data: list[tuple[Entry, str]] = field(default_factory=list)
    drafts: list[Entry] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def shown(self, relative: str) -> str:
        """How messages name the file at ``relative``: ``jekyll-site/_posts/x.md``."""
        return f"{self.name.rstrip('/')}/{relative}"

    def leave_out(self, relative: str, why: str) -> None:
        """Say that the file or folder at ``relative`` does not come across, and why."""
        folder = "/" if (self.root / relative).is_dir() else ""
        self.left_out.append(f"left out {self.shown(relative)}{folder}: {why}")


def read_config(root: Path, name: str) -> Config | Problem:
    """The site's ``_config.yml``, loaded safely; a problem naming its line if it is bad."""
    shown = f"{name.rstrip('/')}/{CONFIG}"
    try:
        text = decode((root / CONFIG).read_bytes(), shown)
        # Loaded as front matter is: safely, and refused if its aliases expand it too far.
        values = HANDLER.parse(text, first_line=1).data or {}
    except ContentError as error:
        return error.as_problem()
    except yaml.YAMLError as error:
        return parse_error(error, shown, text, 1, "Jekyll config").as_problem()
    except OSError as error:
        return Problem(shown, None, f"cannot read: {error.strerror}")
    if not isinstance(values, dict):
        return Problem(shown, 1, "must be a mapping of settings")
    return Config(values)


def read_site(root: Path, name: str) -> Site:
    """Every file of the Jekyll site at ``root``, sorted out as Jekyll sorts it."""
    config = read_config(root, name)
    if isinstance(config, Problem):
        site = Site(root, name, Config())
        site.problems.append(config)
        return site
    site = Site(root, name, config)
    walker = _Walker(site, exported(root))
    walker.folder("")
    for label, meta in config.collections.items():
        if label != "posts":
            walker.collection(label, bool(meta.get("output")))
    return site


class _Walker:
    """The walk through a site's folders, as Jekyll's readers make it."""

    def __init__(self, site: Site, exported: dict[str, str]) -> None:
        self.site = site
        self.exported = exported
        config = site.config
        self.exclude = [*config.words("exclude"), *DEFAULT_EXCLUDES]
        self.include = list(config.words("include", (".htaccess",)))
        self.exclude = [p for p in self.exclude if p not in self.include]
        self.collections_dir = config.text("collections_dir").strip("/")
        self.handled = {"_posts", "_drafts"}  # read where they are found (posts)

    def verdict(self, name: str, relative: str) -> str | None:
        """Why Jekyll leaves out the entry named ``name`` at ``relative`` (``EntryFilter``),
        or None when it reads it."""
        if name.endswith("."):
            return "its name ends with '.', which Jekyll skips"
        if relative in self.exported:
            return f"written by pipeline export from {self.exported[relative]}"
        included = self.matches(self.include, relative) or self.matches(self.include, name)
        if self.matches(self.exclude, relative) and not included:
            if self.matches(list(self.site.config.words("exclude")), relative):
                return "excluded in _config.yml (exclude:)"
            return "excluded by Jekyll itself (a tool's folder)"
        path = self.site.root / relative
        if path.is_symlink() and not _within(self.site.root, path):
            return "a link out of the site, which Jekyll does not follow"
        if included:
            return None
        if name.startswith(SPECIAL):
            return "Jekyll skips names that start with _ . # or ~"
        if name.endswith("~"):
            return "a backup file (its name ends with ~), which Jekyll skips"
        return None

    def matches(self, patterns: list[str], relative: str) -> bool:
        """Jekyll's ``glob_include?``: a pattern matches as a glob, or as the start of the
        path, or names the folder with a trailing ``/``."""
        root = self.site.root.as_posix()
        entry = f"{root}/{relative}"
        for pattern in patterns:
            full = f"{root}/{pattern.lstrip('/')}"
            if fnmatch.fnmatchcase(entry, full) or entry.startswith(full):
                return True
            if full == entry + "/" and (self.site.root / relative).is_dir():
                return True
        return False

    def folder(self, relative: str) -> None:
        """A folder as ``Reader#read_directories`` reads it, and the folders below it."""
        base = self.site.root / relative
        for name in _listing(self.site, relative):
            entry = f"{relative}/{name}" if relative else name
            path = base / name
            why = self.verdict(name, entry)
            if why is not None:
                self.special(entry, name, why)
            elif path.is_dir() and path.is_symlink():
                self.site.leave_out(entry, "a linked folder, which the import does not follow")
            elif path.is_dir():
                self.folder(entry)
            elif _has_front_matter(path):
                self.site.documents.append(Entry(path, entry, "pages"))
            else:
                self.site.static.append(Entry(path, entry))
        if relative.startswith(self.collections_dir):  # Reader#retrieve_posts
            self.posts(relative)

    def special(self, entry: str, name: str, why: str) -> None:
        """An entry Jekyll's filter drops: read elsewhere (posts, collections, data), or
        left out with its reason."""
        top = entry == name or entry == f"{self.collections_dir}/{name}"
        labels = {f"_{label}" for label in self.site.config.collections}
        if name in self.handled and not entry.startswith(self.collections_dir):
            self.site.leave_out(entry, "outside collections_dir, where Jekyll reads no posts")
        elif name in self.handled or (top and name in labels) or name == CONFIG:
            pass
        elif top and name == self.site.config.text("data_dir", "_data"):
            self.data(entry, "")
        elif top and name in KNOWN_FOLDERS:
            self.site.leave_out(entry, KNOWN_FOLDERS[name])
        else:
            self.site.leave_out(entry, why)

    def posts(self, relative: str) -> None:
        """The posts of ``<relative>/_posts/`` (and the drafts of ``_drafts/``, left out)."""
        for magic in ("_posts", "_drafts"):
            base = f"{relative}/{magic}" if relative else magic
            if not (self.site.root / base).is_dir():
                continue
            if magic == "_drafts":
                self.site.drafts += [
                    Entry(self.site.root / e, e, "posts") for e in self.files(base)
                ]
                continue
            for entry in self.files(base):
                inner = entry[len(base) + 1 :]
                if not POST_NAME.match(inner):
                    self.site.leave_out(
                        entry,
                        "in _posts/ but its name does not start with a "
                        "date (YYYY-MM-DD-), so Jekyll skips it",
                    )
                else:
                    self.site.documents.append(Entry(self.site.root / entry, entry, "posts"))

    def files(self, base: str) -> list[str]:
        """The files below the folder ``base`` that Jekyll reads (as it filters the entries
        of a collection: each by its first folder and its own name); what it drops is left
        out with the reason."""
        found = []
        for name in _listing(self.site, base):
            entry = f"{base}/{name}"
            path = self.site.root / entry
            why = self.verdict(name, entry)
            if why is None and path.is_dir() and path.is_symlink():
                why = "a linked folder, which the import does not follow"
            if why is not None:
                self.site.leave_out(entry, why)
            elif path.is_dir():
                for inner in _below(path):
                    below = f"{entry}/{inner}"
                    why = self.verdict(inner.rpartition("/")[2], below)
                    if why is None and (self.site.root / below).is_dir():
                        why = "a linked folder, which the import does not follow"
                    if why is None:
                        found.append(below)
                    else:
                        self.site.leave_out(below, why)
            else:
                found.append(entry)
        return found

    def collection(self, label: str, output: bool) -> None:
        """The documents of a collection (``output: false``: its files are data)."""
        base = f"{self.collections_dir}/_{label}".strip("/")
        if not (self.site.root / base).is_dir():
            return
        if not output:
            self.data(base, label)
            return
        for entry in self.files(base):
            path = self.site.root / entry
            if _has_front_matter(path):
                self.site.documents.append(Entry(path, entry, label))
            else:
                self.site.static.append(Entry(path, entry, label))

    def data(self, base: str, under: str) -> None:
        """Every file below ``base``, as data at ``data/<under>/<its path inside base>``."""
        for entry in self.files(base):
            inner = entry[len(base) + 1 :]
            self.site.data.append(
                (Entry(self.site.root / entry, entry), f"{under}/{inner}".strip("/"))
            )


def _listing(site: Site, relative: str) -> list[str]:
    """The names in the folder at ``relative``, sorted; none (and said) if it cannot be read."""
    try:
        return sorted(os.listdir(site.root / relative))
    except OSError as error:
        site.leave_out(relative, f"cannot be read: {error.strerror}")
        return []


def _below(folder: Path) -> list[str]:
    """Every file below ``folder`` as a path inside it, sorted; linked folders not entered."""
    found = []
    for current, folders, files in os.walk(folder):
        inner = Path(current).relative_to(folder).as_posix()
        prefix = "" if inner == "." else inner + "/"
        found += [prefix + name for name in files]
        found += [prefix + name for name in folders if (Path(current) / name).is_symlink()]
    return sorted(found)


def _within(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _has_front_matter(path: Path) -> bool:
    """Jekyll's ``has_yaml_header?``: the first line is ``---`` (spaces after it allowed)."""
    try:
        with path.open("rb") as stream:
            first = stream.readline()
    except OSError:
        return False
    return re.match(rb"^---\s*\r?\n", first) is not None

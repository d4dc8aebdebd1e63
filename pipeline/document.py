"""The content model: one Markdown file with YAML front matter, read and written faithfully.

``read``/``loads`` and ``dumps``/``save`` are a pair around ``Document``. Loading and saving
keeps what an editor wrote: key order, values, Unicode, long strings on one line, dates
exactly as written (unless a stage normalizes them on purpose) and the body byte for byte.

python-frontmatter's ``YAMLHandler`` loads and exports the YAML, configured for this: a safe
loader that also reports duplicate keys and the line of every key, and a dumper that keeps
key order and never wraps. Its ``loads``/``dumps`` are not used for the file as a whole,
because they strip the body (an indented code block at the top would change meaning) and do
not remove a byte-order mark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import write_atomic

MAX_BYTES = 8 * 1024 * 1024
"""Postings larger than this are refused with a clear message instead of being parsed."""


class WrittenDatetime(dt.datetime):
    """A datetime that remembers how it was written, so saving writes it back unchanged."""

    text: str

    @classmethod
    def of(cls, value: dt.datetime, text: str | None = None) -> WrittenDatetime:
        """``value`` as a written datetime; ``text`` defaults to ISO 8601 with a ``T``."""
        made = cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
            fold=value.fold,
        )
        made.text = text if text is not None else value.isoformat()
        return made

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                dt.datetime(
                    self.year,
                    self.month,
                    self.day,
                    self.hour,
                    self.minute,
                    self.second,
                    self.microsecond,
                    self.tzinfo,
                ),
                self.text,
            ),
        )


class WrittenDate(dt.date):
    """A date (no time of day) that remembers how it was written."""

    text: str

    @classmethod
    def of(cls, value: dt.date, text: str | None = None) -> WrittenDate:
        """``value`` as a written date; ``text`` defaults to ISO 8601."""
        made = cls(value.year, value.month, value.day)
        made.text = text if text is not None else value.isoformat()
        return made

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_rebuild, (dt.date(self.year, self.month, self.day), self.text))


def _rebuild(value: dt.date, text: str) -> WrittenDate | WrittenDatetime:
    if isinstance(value, dt.datetime):
        return WrittenDatetime.of(value, text)
    return WrittenDate.of(value, text)


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML's safe loader, plus: duplicate keys recorded, dates that remember their text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # key, first line, later line (0-based)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append(
                        (key_node.value, seen[key_node.value], key_node.start_mark.line)
                    )
                seen[key_node.value] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_written_timestamp(self, node: yaml.ScalarNode) -> WrittenDate | WrittenDatetime:
        try:
            value = self.construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a possible date", node.start_mark
            ) from None
        if isinstance(value, dt.datetime):
            return WrittenDatetime.of(value, node.value)
        return WrittenDate.of(value, node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_written_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


class _Dumper(yaml.SafeDumper):
    """YAML's safe dumper: dates as written (or ISO 8601 with a T), multi-line text as blocks."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if any(c in data for c in "\u2028\u2029\x85"):  # Unicode line breaks: keep visible
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        if "\n" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="|")
        return super().represent_str(data)

    def represent_written(self, data: WrittenDate | WrittenDatetime) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", data.text)

    def represent_iso_datetime(self, data: dt.datetime) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _Dumper.represent_str)
_Dumper.add_representer(WrittenDate, _Dumper.represent_written)
_Dumper.add_representer(WrittenDatetime, _Dumper.represent_written)
_Dumper.add_representer(dt.datetime, _Dumper.represent_iso_datetime)


@dataclass
class FrontMatter:
    """Front matter as loaded: the data, the file line of each top-level key, and warnings."""

    data: Any
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int, int]]


class FrontMatterHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler, configured to keep what the editor wrote."""

    def load(self, fm: str, **kwargs: object) -> Any:
        """The data of the front matter text ``fm`` (safe loading)."""
        return self.parse(fm).data

    def parse(self, fm: str, first_line: int = 1) -> FrontMatter:
        """Load ``fm`` whose first line is line ``first_line`` of its file.

        Raises ``yaml.YAMLError`` (with marks relative to ``fm``) on invalid YAML.
        """
        loader = _Loader(fm)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
            key_lines: dict[str, int] = {}
            if isinstance(node, yaml.MappingNode):
                for key_node, _ in node.value:
                    key_lines[str(key_node.value)] = key_node.start_mark.line + first_line
            duplicates = [(k, a + first_line, b + first_line) for k, a, b in loader.duplicates]
        finally:
            loader.dispose()
        return FrontMatter(data, key_lines, duplicates)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """YAML text of ``metadata``: key order kept, never wrapped, Unicode as is."""
        kwargs.setdefault("Dumper", _Dumper)
        kwargs.setdefault("sort_keys", False)
        kwargs.setdefault("width", float("inf"))
        kwargs.setdefault("default_flow_style", False)
        kwargs.setdefault("allow_unicode", True)
        # Not the parent's export: its str.strip() also strips Unicode spaces such as U+00A0
        # that begin the first key or end the last value, which changes what was written.
        return yaml.dump(metadata, **kwargs).rstrip("\n")


HANDLER = FrontMatterHandler()


@dataclass
class Document:
    """One posting in one language: front matter (``metadata``) and Markdown ``body``.

    ``path`` is the file it was read from or will be saved to; ``shown`` is how messages name
    it (relative to the site root). ``key_lines`` gives the 1-based file line of each
    top-level key, for messages.
    """

    path: Path
    metadata: dict[str, Any]
    body: str
    shown: str = ""
    key_lines: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.shown:
            self.shown = str(self.path)

    @property
    def lang(self) -> str | None:
        """The language the front matter declares (``lang``), if any."""
        value = self.metadata.get("lang")
        return value if isinstance(value, str) and value else None

    @property
    def ref(self) -> str | None:
        """The ``ref`` shared by all language versions, if set and not empty."""
        value = self.metadata.get("ref")
        return value if isinstance(value, str) and value else None

    @property
    def title(self) -> str:
        """The title, or an empty text."""
        value = self.metadata.get("title")
        return value if isinstance(value, str) else ""

    @property
    def date(self) -> dt.datetime | dt.date | None:
        """The ``date`` if it is a date (validation reports it otherwise)."""
        value = self.metadata.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def published(self) -> bool:
        """False only when the front matter says ``published: false``."""
        return self.metadata.get("published", True) is not False

    @property
    def translation(self) -> dict[str, Any] | None:
        """The ``translation:`` block of a draft; None for an original."""
        value = self.metadata.get("translation")
        return value if isinstance(value, dict) else None

    @property
    def is_original(self) -> bool:
        """Whether this document is an original (it has no ``translation:`` block)."""
        return "translation" not in self.metadata

    def line_of(self, key: str) -> int | None:
        """The 1-based file line of a top-level key, if known."""
        return self.key_lines.get(key)

    def problem(self, message: str, key: str | None = None, warning: bool = False) -> Problem:
        """A problem about this document, at the line of ``key`` where known."""
        line = self.line_of(key) if key else None
        return Problem(self.shown, line, message, warning=warning)


def decode(raw: bytes, shown: str) -> str:
    """Text of a posting's bytes: UTF-8 (a BOM is dropped), CRLF line ends made LF.

    Raises ``ContentError`` for binary or non-UTF-8 data, naming the line.
    """
    if len(raw) > MAX_BYTES:
        raise ContentError(
            f"file is {len(raw) // 1024} KiB; "
            f"postings larger than {MAX_BYTES // 1024} KiB are refused",
            shown,
        )
    if b"\x00" in raw:
        raise ContentError("not a text file (binary data); a posting is UTF-8 Markdown", shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ContentError(
            f"not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded); "
            "save the file as UTF-8, the encoding postings are expected in",
            shown,
            line,
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def loads(text: str, path: Path, shown: str = "") -> Document:
    """Parse a posting's text. Raises ``ContentError`` (with the file line) if unreadable.

    >>> doc = loads("---\\ntitle: Hej\\ntitle: Hallå\\n---\\nText\\n", Path("a.md"))
    >>> doc.title, doc.body
    ('Hallå', 'Text\\n')
    >>> [str(w) for w in doc.warnings]
    ["a.md:3: warning: duplicate key 'title' (also on line 2); the last value wins"]
    """
    shown = shown or str(path)
    lines = text.split("\n")
    boundary = HANDLER.FM_BOUNDARY
    if not lines or not boundary.fullmatch(lines[0]):
        raise ContentError(
            "no front matter: a posting starts with a line '---', then YAML, then '---'", shown, 1
        )
    close = next((i for i in range(1, len(lines)) if boundary.fullmatch(lines[i])), None)
    if close is None:
        raise ContentError("front matter is never closed: no second '---' line", shown, 1)
    fm_text = "".join(line + "\n" for line in lines[1:close])  # each line keeps its end
    body = "\n".join(lines[close + 1 :])
    if body and not body.endswith("\n"):
        body += "\n"  # a file always ends with a newline; a missing one is not content
    try:
        parsed = HANDLER.parse(fm_text, first_line=2)
    except yaml.YAMLError as error:
        raise _yaml_error(error, shown, fm_text) from None
    data = parsed.data if parsed.data is not None else {}
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a text"}.get(type(data), type(data).__name__)
        raise ContentError(
            f"front matter must be a mapping of keys to values, not {kind}", shown, 2
        )
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise ContentError(f"front matter key {bad_keys[0]!r} must be text", shown, 2)
    warnings = [
        Problem(
            shown,
            later,
            f"duplicate key '{key}' (also on line {first}); the last value wins",
            warning=True,
        )
        for key, first, later in parsed.duplicates
    ]
    return Document(path, data, body, shown, parsed.key_lines, warnings)


def _yaml_error(error: yaml.YAMLError, shown: str, fm_text: str) -> ContentError:
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        line = fm_text[: error.position].count("\n") + 2
        return ContentError(
            f"invalid YAML in front matter: character U+{error.character:04X} is not allowed "
            "(a control character); remove it",
            shown,
            line,
        )
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    if mark is None or "end of stream" in problem:
        # Something left open (a quote, a bracket): where it was opened helps more than
        # the end of the front matter, where the parser noticed.
        mark = getattr(error, "context_mark", None) or mark
    line = mark.line + 2 if mark is not None else None
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        message = f"YAML tag '{tag}' is not allowed (front matter is loaded safely)"
    elif isinstance(error, yaml.constructor.ConstructorError):
        message = f"invalid front matter: {problem}"
    else:
        context = getattr(error, "context", None)
        message = f"invalid YAML in front matter: {problem}" + (f" ({context})" if context else "")
    return ContentError(message, shown, line)


def read(path: Path, shown: str = "") -> Document:
    """Read and parse the posting at ``path``. Raises ``ContentError``."""
    shown = shown or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(f"cannot read: {error.strerror}", shown) from None
    return loads(decode(raw, shown), path, shown)


def dumps(doc: Document) -> str:
    """The file text of ``doc``: front matter between ``---`` lines, the body, a final newline."""
    metadata = HANDLER.export(doc.metadata) if doc.metadata else ""
    head = f"---\n{metadata}\n---\n" if metadata else "---\n---\n"
    return head + (doc.body if doc.body.endswith("\n") or not doc.body else doc.body + "\n")


def save(doc: Document) -> bool:
    """Write ``doc`` to ``doc.path`` atomically; False if the file already held this text.

    Raises ``OutputError`` rather than write a posting that reading would refuse (larger
    than ``MAX_BYTES``: a draft can be longer than its original).
    """
    raw = dumps(doc).encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise OutputError(
            f"not written: it would be {len(raw) // 1024} KiB, and "
            f"postings larger than {MAX_BYTES // 1024} KiB are refused",
            doc.shown or str(doc.path),
        )
    return write_atomic(doc.path, raw)


def same_text(a: Document, b: Document) -> bool:
    """Whether saving ``a`` and ``b`` would write the same file."""
    return dumps(a) == dumps(b)

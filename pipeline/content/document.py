"""The content model: one Markdown file with YAML front matter, read and written faithfully.

``read``/``loads`` here and ``dumps``/``save`` in ``pipeline.content.edit`` are a pair around
``Document``. Loading and saving keeps what an editor wrote: key order, values, Unicode, long
strings on one line, dates exactly as written (unless a stage normalizes them on purpose),
comments and styles, and the body byte for byte.

``pipeline.content.front_matter`` loads the YAML (safely). ``split`` cuts a posting into
front matter and body without parsing either, so a build can tell from hashes which of the
two changed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.content.dates import WrittenDate, WrittenDatetime
from pipeline.content.parse_cache import FrontMatterMemo, remembered, share
from pipeline.errors import ContentError, Problem

# A line of three or more dashes opens and closes the front matter (python-frontmatter's).
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
MAX_BYTES = 8 * 1024 * 1024
"""Postings larger than this are refused with a clear message instead of being parsed."""


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
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode"
        raise ContentError(
            "UTF-16 text, not UTF-8; save the file as UTF-8, the encoding postings are expected in",
            shown,
            1,
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
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n") if "\r" in text else text  # a search costs less


def split(text: str, shown: str = "") -> tuple[str, str]:
    """A posting's text cut into its front matter (each line with its end) and its body,
    neither parsed. Raises ``ContentError`` when there is no front matter.

    >>> split("---\\ntitle: Hej\\n---\\nText")
    ('title: Hej\\n', 'Text\\n')
    """
    # Line by line up to the closing '---' only: a body is most of a posting, and a build
    # cuts every posting it renders (splitting the whole text into lines cost more than
    # reading the file).
    end = text.find("\n")
    if not BOUNDARY.fullmatch(text if end == -1 else text[:end]):
        raise ContentError(
            "no front matter: a posting starts with a line '---', then YAML, then '---'", shown, 1
        )
    start = at = end + 1  # where the front matter's first line starts
    while end != -1:
        end = text.find("\n", at)
        if BOUNDARY.fullmatch(text, at, len(text) if end == -1 else end):
            break
        at = end + 1
    else:
        raise ContentError("front matter is never closed: no second '---' line", shown, 1)
    fm_text = text[start:at]  # each line keeps its end
    body = "" if end == -1 else text[end + 1 :]
    if body and not body.endswith("\n"):
        body += "\n"  # a file always ends with a newline; a missing one is not content
    return fm_text, body


def loads(text: str, path: Path, shown: str = "", memo: FrontMatterMemo | None = None) -> Document:
    """Parse a posting's text. Raises ``ContentError`` (with the file line) if unreadable.

    >>> doc = loads("---\\ntitle: Hej\\ntitle: Hallå\\n---\\nText\\n", Path("a.md"))
    >>> doc.title, doc.body
    ('Hallå', 'Text\\n')
    >>> [str(w) for w in doc.warnings]
    ["a.md:3: warning: duplicate key 'title' (also on line 2); the last value wins"]
    """
    shown = shown or str(path)
    fm_text, body = split(text, shown)
    parsed = memo.get(fm_text) if memo is not None else remembered(fm_text)
    if parsed is None:
        from pipeline.content.front_matter import HANDLER, parse_error

        try:
            loaded = HANDLER.parse(fm_text, first_line=2)
        except HANDLER.errors as error:
            raise parse_error(error, shown, fm_text) from None
        parsed = (loaded.data, loaded.key_lines, loaded.duplicates)
        if memo is not None:
            memo.put(fm_text, parsed)
        else:
            share(fm_text, parsed)
    loaded_data, key_lines, duplicates = parsed
    data = loaded_data if loaded_data is not None else {}
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
        for key, first, later in duplicates
    ]
    return Document(path, data, body, shown, key_lines, warnings)


def read(path: Path, shown: str = "", memo: FrontMatterMemo | None = None) -> Document:
    """Read and parse the posting at ``path`` (its front matter through ``memo``, if given).
    Raises ``ContentError``."""
    shown = shown or str(path)
    return loads(decode(_read_raw(path, shown), shown), path, shown, memo)


def body_start(doc: Document) -> int | None:
    """The file line the body of ``doc`` starts on (None if the file cannot be read)."""
    try:
        fm_text, _body = split(doc.path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ContentError):
        return None
    return fm_text.count("\n") + 3  # the opening line, the front matter, the closing line


def read_body(path: Path, shown: str = "") -> str:
    """The Markdown body of the posting at ``path``, its front matter not parsed (a build
    knows it already). Raises ``ContentError``."""
    shown = shown or str(path)
    return split(decode(_read_raw(path, shown), shown), shown)[1]


def _read_raw(path: Path, shown: str) -> bytes:
    """The bytes of the file at ``path``, unbuffered (a buffered reader costs a posting as
    much again in system calls). Raises ``ContentError``."""
    try:
        with open(path, "rb", buffering=0) as stream:
            return stream.readall()
    except OSError as error:
        raise ContentError(f"cannot read: {error.strerror}", shown) from None


def same_value(a: Any, b: Any) -> bool:
    """Whether two front matter values mean the same and would be written the same: the
    written form of dates included, the order of keys not (an edited file keeps its own)."""
    if isinstance(a, dict):
        same_keys = isinstance(b, dict) and a.keys() == b.keys()
        return same_keys and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dt.date):  # as written: a written date's text, else ISO 8601
        return isinstance(b, dt.date) and _as_written(a) == _as_written(b)
    return type(a) is type(b) and a == b


def _as_written(value: dt.date) -> tuple[bool, str]:
    """Whether ``value`` has a time of day, and its text as it is written."""
    if isinstance(value, (WrittenDate, WrittenDatetime)):
        return isinstance(value, dt.datetime), value.text
    return isinstance(value, dt.datetime), value.isoformat()

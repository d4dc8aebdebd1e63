"""Postings written: a new file afresh, a file that exists edited in place.

``dumps``/``save`` (the pair of ``document.read``/``loads``) write a ``Document``: where its
file exists (or the file it came from, ``base``), through ``rewrite`` (the front matter made
the document's, the body replaced); ``update`` sets or removes a few keys of a posting's
text (what ``import`` needs). They are the one way every stage writes a posting.

Editing writes anew only the key–value pairs whose values change; every other byte of the
file stays as it was: comments (on their own lines and after values), blank lines, key
order, quoting, flow lists, folded and literal strings, dates as written, anchors, the
byte-order mark, the line ends and the body.

How: the front matter is composed by the same safe YAML 1.1 loader that reads it (so a
value is compared as every stage reads it: ``yes`` is true), which gives the lines of
each pair. A changed pair is cut out, loaded by ruamel.yaml's round-trip loader, given
its new value in place (a quoted string stays quoted in the same style, a flow list
stays a flow list, a mapping keeps its comments and the order of its keys) and dumped
back into its lines; a mapping that changes inside is edited the same way, pair by pair,
so a changed ``translation.status`` leaves the rest of the block as it was. A new key is
written after the key it follows in the mapping asked for. The result is read back with
the safe loader: should it not hold exactly the values asked for, the front matter is
written afresh (``front_matter.HANDLER.export``) rather than wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.util import load_yaml_guess_indent

from pipeline.content import document
from pipeline.content.dates import WrittenDate, WrittenDatetime
from pipeline.content.document import BOUNDARY, Document, same_value
from pipeline.content.front_matter import HANDLER, _Loader
from pipeline.content.parse_cache import remembered, share
from pipeline.errors import OutputError
from pipeline.files import write_atomic

_STR = "tag:yaml.org,2002:str"
_PLAIN_DATE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*: [0-9][0-9 :T.+Z-]*\n?")
_RESOLVER = yaml.resolver.Resolver()
_STYLED = (
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)


def dumps(doc: Document, base: Path | None = None) -> str:
    """The file text of ``doc``: front matter between ``---`` lines, the body, a final newline.

    When the file ``base`` (by default ``doc.path``) exists and has front matter, that is
    the text edited (``rewrite``): only the keys whose values differ
    are written anew, and its comments, styles, byte-order mark and line ends stay. Else
    the front matter is written afresh, in the style of ``front_matter.HANDLER.export``.
    """
    body = doc.body if doc.body.endswith("\n") or not doc.body else doc.body + "\n"
    written = _written(base or doc.path)
    if written is not None:
        edited = rewrite(written, doc.metadata, body)
        if edited is not None:
            return edited
    metadata = HANDLER.export(doc.metadata) if doc.metadata else ""
    head = f"---\n{metadata}\n---\n" if metadata else "---\n---\n"
    return head + body


def _written(path: Path) -> str | None:
    """The text of the posting at ``path`` exactly as written (BOM and CRLF kept), if any."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if len(raw) > document.MAX_BYTES:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def save(doc: Document, base: Path | None = None, text: str | None = None) -> bool:
    """Write ``doc`` to ``doc.path`` atomically (as ``dumps`` writes it, editing the file
    ``base`` or the one at ``doc.path``; ``text``: what ``dumps`` gave, if the caller asked
    it already); False if the file already held this text.

    Raises ``OutputError`` rather than write a posting that reading would refuse (larger
    than ``MAX_BYTES``: a draft can be longer than its original).
    """
    raw = (dumps(doc, base) if text is None else text).encode("utf-8")
    if len(raw) > document.MAX_BYTES:
        raise OutputError(
            f"not written: it would be {len(raw) // 1024} KiB, and "
            f"postings larger than {document.MAX_BYTES // 1024} KiB are refused",
            doc.shown or str(doc.path),
        )
    return write_atomic(doc.path, raw)


def update(text: str, changes: Mapping[str, Any], removals: Iterable[str] = ()) -> str:
    """``text`` (a posting's whole text) with its top-level keys ``changes`` set and
    ``removals`` removed, every other byte as it was (see the module). A new key goes last.
    Raises ``ValueError`` if ``text`` has no front matter, ``yaml.YAMLError`` if it does not
    load (``document.loads`` says where).

    >>> update("---\\ntitle: Hej # mine\\ntags: [a, b]\\n---\\nText\\n", {"tags": ["a", "c"]})
    '---\\ntitle: Hej # mine\\ntags: [a, c]\\n---\\nText\\n'
    """
    parts = _Parts.of(text)
    if parts is None:
        raise ValueError("no front matter to update")
    old = HANDLER.parse(parts.front).data or {}
    if not isinstance(old, dict):
        raise ValueError("front matter is not a mapping")
    gone = set(removals)
    new = {k: v for k, v in old.items() if k not in gone}
    new.update(changes)
    return parts.joined(_edited(parts.front, old, new), None)


def rewrite(text: str, metadata: Mapping[str, Any], body: str) -> str | None:
    """``text`` with its front matter made ``metadata`` (only the pairs that differ written)
    and its body made ``body`` (LF line ends, as ``document.decode`` gives it; kept byte for
    byte when it reads the same). None if ``text`` has no front matter that loads."""
    parts = _Parts.of(text)
    if parts is None:
        return None
    known = remembered(parts.front)  # (as ingest read it a moment ago)
    if known is not None:
        old = known[0]
    else:
        try:
            old = HANDLER.parse(parts.front).data
        except HANDLER.errors:
            return None
    if not isinstance(old, dict):
        return None
    same_body = parts.body.replace("\r\n", "\n") == body  # (a missing last newline is added)
    if body and not body.endswith("\n"):
        body += "\n"
    return parts.joined(_edited(parts.front, old, dict(metadata)), None if same_body else body)


@dataclass
class _Parts:
    """A posting's text cut up as written: byte-order mark, opening line, front matter
    (LF line ends), closing line, body (raw), and whether its line ends are CRLF."""

    bom: str
    opening: str
    front: str
    closing: str
    body: str
    crlf: bool

    @classmethod
    def of(cls, text: str) -> _Parts | None:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        lines = text[len(bom) :].splitlines(keepends=True)
        if not lines or not BOUNDARY.fullmatch(lines[0].rstrip("\r\n")):
            return None
        for index, line in enumerate(lines[1:], start=1):
            if BOUNDARY.fullmatch(line.rstrip("\r\n")):
                front = "".join(lines[1:index]).replace("\r\n", "\n")
                body = "".join(lines[index + 1 :])
                return cls(bom, lines[0], front, line, body, lines[0].endswith("\r\n"))
        return None

    def joined(self, front: str, body: str | None) -> str:
        """The text again, with ``front`` (LF) and, unless None, ``body`` (LF) in it."""
        if self.crlf:
            front = front.replace("\n", "\r\n")
            body = body.replace("\n", "\r\n") if body is not None else None
        closing = self.closing if self.closing.endswith("\n") else self.closing + "\n"
        return self.bom + self.opening + front + closing + (self.body if body is None else body)


def _edited(front: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The front matter text ``front`` (of the values ``old``) made to hold ``new``."""
    if same_value(old, new):
        return front
    try:
        loader = _Loader(front)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        lines = front.splitlines(keepends=True)
        if node is None and new:  # nothing but comments (or nothing): the keys after them
            return front + HANDLER.export(new) + "\n"
        if isinstance(node, yaml.MappingNode) and not node.flow_style:
            edits = _mapping_edits(lines, node, old, new, 0)
            for start, end, replacement in sorted(edits, key=lambda e: e[:2], reverse=True):
                lines[start:end] = replacement
            edited = "".join(lines)
            checked = HANDLER.parse(edited, first_line=2)  # (as reading its file would)
            if same_value(checked.data or {}, new):
                share(edited, (checked.data, checked.key_lines, checked.duplicates))
                return edited
    except (yaml.YAMLError, RuamelError, ValueError):
        pass
    return HANDLER.export(new) + "\n" if new else ""


Edit = tuple[int, int, list[str]]


def _mapping_edits(
    lines: list[str], node: yaml.MappingNode, old: dict[str, Any], new: dict[str, Any], indent: int
) -> list[Edit]:
    """The line edits that make the block mapping ``node`` (of the values ``old``) hold ``new``."""
    spans = {k.value: (k, v, *_span(lines, k, v)) for k, v in node.value}
    if list(spans) != list(old) or len(spans) != len(node.value):  # keys not text, or twice
        raise ValueError("keys not kept apart")
    edits: list[Edit] = []
    for key, (_k, value_node, start, end) in spans.items():
        if key not in new:
            edits.append((start, end, []))
        elif same_value(old.get(key), new[key]):
            continue
        elif (
            isinstance(old.get(key), dict)
            and isinstance(new[key], dict)
            and isinstance(value_node, yaml.MappingNode)
            and not value_node.flow_style
            and _on_own_lines(lines, value_node)
        ):
            inner = value_node.value[0][0].start_mark.column
            edits += _mapping_edits(lines, value_node, old[key], new[key], inner)
        else:
            chunk = "".join(line[indent:] if line.strip() else "\n" for line in lines[start:end])
            edits.append((start, end, _indented(_pair(chunk, key, old.get(key), new[key]), indent)))
    at = spans[next(iter(spans))][2] if spans else 0  # before the first key
    added: dict[int, list[str]] = {}
    for key, value in new.items():
        if key in spans:
            at = spans[key][3]
        else:
            added.setdefault(at, []).extend(_indented(_fresh(key, value), indent))
    return edits + [(at, at, pair_lines) for at, pair_lines in added.items()]


def _on_own_lines(lines: list[str], node: yaml.MappingNode) -> bool:
    """Whether a block mapping's keys begin lines (not ``? key`` / ``: first: pair``)."""
    mark = node.value[0][0].start_mark
    return not lines[mark.line][: mark.column].strip()


def _span(lines: list[str], key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
    """The lines ``[start, end)`` a pair is written on (trailing blank lines not)."""
    start = key.start_mark.line
    last = max(start, _last_line(value))
    keep = isinstance(value, yaml.ScalarNode) and value.style in "|>" and "+" in lines[start]
    while last > start and not keep and not lines[last].strip():
        last -= 1
    return start, last + 1


def _last_line(node: yaml.Node) -> int:
    """The last line holding part of ``node`` (an alias's node lies where its anchor is)."""
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style:
        last = node.value[-1]
        children = list(last) if isinstance(last, tuple) else [last]
        if children:
            return _last_line(children[-1])
    mark = node.end_mark
    return mark.line if mark.column > 0 else mark.line - 1


def _indented(text: str, indent: int) -> list[str]:
    return [(" " * indent + line) if line.strip() else line for line in text.splitlines(True)]


def _pair(chunk: str, key: str, old: Any, new: Any) -> str:
    """The pair ``key: old`` written as ``chunk``, given the value ``new`` in place."""
    if isinstance(new, dt.date) and _PLAIN_DATE.fullmatch(chunk):
        # A date alone on its line, unquoted, no comment (as ingest finds most): nothing of
        # how it was written to keep, and written as a new pair is (a fifth of the time).
        return _fresh(key, new)
    writer = _writer()
    try:
        loaded, sequence, offset = load_yaml_guess_indent(chunk, yaml=writer)
    except RuamelError:
        return _fresh(key, new)
    if not isinstance(loaded, CommentedMap) or list(loaded) != [key]:
        return _fresh(key, new)
    _assign(loaded, key, old, new)
    writer.indent(mapping=sequence or 2, sequence=sequence or 2, offset=offset or 0)
    out = io.StringIO()
    writer.dump(loaded, out)
    return out.getvalue()


def _fresh(key: str, value: Any) -> str:
    """A new pair, written as a new file's front matter is."""
    return HANDLER.export({key: value}) + "\n"


def _assign(container: Any, key: Any, old: Any, new: Any) -> None:
    """Make ``container[key]`` (round-trip data, of the value ``old`` as the safe loader
    reads it) ``new``, keeping what can be kept of how it was written."""
    if same_value(old, new):
        return
    current = container[key]
    if isinstance(new, dict) and isinstance(old, dict) and isinstance(current, CommentedMap):
        for gone in [k for k in current if k not in new]:
            del current[gone]
        for position, (k, v) in enumerate(new.items()):
            if k in current:
                _assign(current, k, old.get(k), v)
            else:
                current.insert(position, k, _converted(v))
    elif isinstance(new, list) and isinstance(old, list) and isinstance(current, CommentedSeq):
        for index in range(min(len(old), len(new))):
            _assign(current, index, old[index], new[index])
        del current[len(new) :]
        current.extend(_converted(v) for v in new[len(old) :])
    elif isinstance(new, str) and isinstance(current, _STYLED) and current:
        container[key] = type(current)(new)  # (an empty text's quotes are no style)
    else:
        container[key] = _converted(new)


def _converted(value: Any) -> Any:
    """``value`` as round-trip data: strings quoted where YAML 1.1 would read another type."""
    if isinstance(value, dict):
        return CommentedMap((k, _converted(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_converted(v) for v in value)
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
            return SingleQuotedScalarString(value)
    return value


def _writer() -> YAML:
    """ruamel.yaml's round-trip dumper: never wraps; dates as the pipeline writes them."""
    writer = YAML(typ="rt", pure=True)
    writer.preserve_quotes = True
    writer.width = 1_000_000
    writer.allow_unicode = True
    writer.representer.add_representer(WrittenDate, _represent_written)
    writer.representer.add_representer(WrittenDatetime, _represent_written)
    writer.representer.add_representer(dt.datetime, _represent_datetime)
    return writer


def _represent_written(representer: Any, data: WrittenDate | WrittenDatetime) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", data.text)


def _represent_datetime(representer: Any, data: dt.datetime) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())

"""The translation memory: one gettext catalog per language pair, shared through git.

``locale/memory/<from>-<to>.po`` maps each source block (msgid) to its translation (msgstr).
Reviewed translations are plain entries; machine translations are ``fuzzy``, with the engine
named in an extracted comment (``#. machine: libre``), so Poedit shows them as needing work.
A reviewed translation replaces a machine one, never the other way round. Text of the
``pseudo`` engine is never a reviewed translation, whoever says so: it is kept as a machine
one (and an entry a memory holds as reviewed is read as one).

A block that uses reference links (``[text][label]``, ``[label]``) is translated by what its
document defines: ``[a]`` is a link where ``[a]: /url`` is defined and text where it is
not. Its entry carries the labels it used as its context (``msgctxt "references: [a]"``),
and is found only for a block with the same text and the same labels defined.

``loads``/``dumps`` are a pair. The output is stable: entries sorted by source text, no
dates (the header's revision date is fixed; git keeps the history), no line wrapping (a
block is one line, or one line per line it has), so a re-run leaves git clean and a change
shows as the entries it touched. Every file passes ``msgfmt --check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from babel.messages.pofile import PoFileError, escape, read_po

from pipeline.config import Settings
from pipeline.errors import ContentError
from pipeline.files import inside, write_atomic
from pipeline.translate.engines import PseudoEngine, looks_pseudo

FOLDER = "memory"
MACHINE_COMMENT = "machine: "


def memory_path(settings: Settings, source: str, target: str) -> Path:
    """``locale/memory/<source>-<target>.po``."""
    return inside(settings.locale_dir, FOLDER, f"{source}-{target}.po")


class Entry(NamedTuple):
    """One remembered translation; ``engine`` names who made a machine one. (A named
    tuple: a memory of 11,000 entries is made in a third of the time frozen dataclasses
    take, which is most of reading it from ``memory_cache``.)"""

    source: str
    target: str
    reviewed: bool
    engine: str | None = None
    context: str = ""  # the reference labels the source's links use, if any


@dataclass
class Memory:
    """The memory of one language pair, as loaded; ``changed`` once anything is added."""

    path: Path
    source: str
    target: str
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)  # by source, context
    changed: bool = False
    added: int = 0  # entries added or changed since loading
    # Each entry's text in the file (for the entry it was made of), made once (``dumps``).
    written: dict[tuple[str, str], tuple[Entry, str]] = field(default_factory=dict, repr=False)
    saved: str | None = field(default=None, repr=False)  # the text last saved (``save``)
    kept_as: Any = field(default=None, repr=False)  # what it was kept as (``memory_cache``)

    def get(self, text: str, context: str = "") -> Entry | None:
        """The remembered translation of ``text`` in ``context``, if any."""
        return self.entries.get((text, context))

    def add_machine(self, source: str, target: str, engine: str, context: str = "") -> None:
        """Remember an engine's translation, unless a reviewed one is known."""
        known = self.entries.get((source, context))
        if known is None or not known.reviewed:
            self._put(Entry(source, target, False, engine, context))

    def add_reviewed(self, source: str, target: str, context: str = "") -> None:
        """Remember a translator's translation (the latest one reviewed wins); pseudo text
        only as the machine text it is."""
        if looks_pseudo(target):
            self.add_machine(source, target, PseudoEngine.name, context)
        else:
            self._put(Entry(source, target, True, None, context))

    def _put(self, entry: Entry) -> None:
        key = (entry.source, entry.context)
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self.changed = True
            self.added += 1

    def save(self) -> bool:
        """Write the memory if it changed; True if the file was written."""
        if not self.changed:
            return False
        self.changed = False
        self.saved = dumps(self)
        return write_atomic(self.path, self.saved)


def load(path: Path, source: str, target: str, shown: str = "") -> Memory:
    """The memory at ``path`` (empty if there is none). Raises ``ContentError`` if unreadable."""
    text = read_text(path, shown)
    if text is None:
        return Memory(path, source, target)
    return loads(text, path, source, target, shown)


def read_text(path: Path, shown: str = "") -> str | None:
    """The text of the memory at ``path`` (None if there is none), its line ends read as
    ``Path.read_text`` reads them. Raises ``ContentError`` if unreadable."""
    raw = read_bytes(path, shown)
    return None if raw is None else decode(raw, path, shown)


def read_bytes(path: Path, shown: str = "") -> bytes | None:
    """The bytes of the memory at ``path`` (None if there is none)."""
    if not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise ContentError(
            f"cannot read the translation memory: {error}", shown or str(path)
        ) from None


def decode(raw: bytes, path: Path, shown: str = "") -> str:
    """A memory's text from its bytes, its line ends as universal newlines read them."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            f"cannot read the translation memory: {error}", shown or str(path)
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def loads(text: str, path: Path, source: str, target: str, shown: str = "") -> Memory:
    """Parse a memory's text. Raises ``ContentError`` naming the file if it is not a catalog."""
    # Babel's reader, given lines split at "\n" only: Unicode line separators (U+2028) are
    # text inside a block, not line ends (polib would split there).
    try:
        catalog = read_po((line + "\n" for line in text.split("\n")), abort_invalid=True)
    except (PoFileError, ValueError) as error:
        reason = str(error).rsplit(" on ", 1)[0]
        lineno = getattr(error, "lineno", None)
        raise ContentError(
            f"not a readable gettext catalog ({reason}); mend it (a merge conflict?) or "
            "delete it: the next run rebuilds it from the drafts",
            shown or str(path),
            None if lineno is None else lineno + 1,  # Babel counts from 0
        ) from None
    memory = Memory(path, source, target)
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.string:
            continue
        engine = next(
            (
                comment[len(MACHINE_COMMENT) :]
                for comment in message.auto_comments
                if comment.startswith(MACHINE_COMMENT)
            ),
            None,
        )
        target = message.string if isinstance(message.string, str) else message.string[0]
        context = message.context or ""
        entry = Entry(message.id, target, not message.fuzzy, engine, context)
        if looks_pseudo(target):  # (approved before pseudo text was refused)
            entry = Entry(message.id, target, False, engine or PseudoEngine.name, context)
        memory.entries[message.id, context] = entry
    return memory


HEADER = """\
# Translation memory of the site, {source} -> {target}: source blocks and their translations.
# Written by `pipeline translate`: reviewed translations are plain entries, machine ones are
# fuzzy. Revision dates are not kept here; git keeps the history.
msgid ""
msgstr ""
"Project-Id-Version: translation memory {source}-{target}\\n"
"PO-Revision-Date: 1970-01-01 00:00+0000\\n"
"Last-Translator: see git log\\n"
"Language-Team: none\\n"
"Language: {target}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: {source}\\n"
"""


def dumps(memory: Memory) -> str:
    """The memory as a gettext catalog, in its stable form."""
    parts = [header(memory)]
    written = memory.written
    for key in sorted(memory.entries):
        entry = memory.entries[key]
        made = written.get(key)
        if made is None or made[0] is not entry:
            made = written[key] = (entry, _entry_text(entry))
        parts.append(made[1])
    return "".join(parts)


def header(memory: Memory) -> str:
    """The text a memory's file starts with."""
    return HEADER.format(source=memory.source, target=memory.target)


def _entry_text(entry: Entry) -> str:
    """An entry as the file holds it: a blank line, its comments and its fields."""
    lines = [""]
    if not entry.reviewed:
        lines.append(f"#. {MACHINE_COMMENT}{entry.engine or 'unknown'}")
        lines.append("#, fuzzy")
    if entry.context:
        lines.append(f"msgctxt {escape(entry.context)}")
    lines += _field("msgid", entry.source) + _field("msgstr", entry.target)
    return "\n".join(lines) + "\n"


def _field(name: str, text: str) -> list[str]:
    """A PO field: one line, or (for text with line breaks) an empty first line and one
    line per line of the text, as gettext's tools write it."""
    if "\n" not in text:
        return [f"{name} {escape(text)}"]
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return [f'{name} ""'] + [escape(line) for line in lines]

"""The record of a draft: for each block, its source, what the pipeline wrote and where it
came from, kept beside the memory in ``locale/memory/drafts/<lang>/<ref>.json``.

The record is what lets the pipeline and the people after it know, without git:

- which source text each block of the draft translates, so that when the original changes,
  the draft's wording is matched to the old source and kept for every unchanged block, even
  wording a translator edited after the draft was made;
- each block's origin (``ORIGINS``: memory, engine, edited by hand...) and, for a flagged
  block, why it was kept in the source language (for ``status`` and the review page);
- the source and translation a block had when the draft was last reviewed (``previous``),
  so a reviewer of an ``outdated`` draft sees what changed in the original;
- whether the draft's file name is provisional: a draft whose title is ``pseudo`` text is
  named after its original, and renamed once when its title is first translated for real;
- the hashes the draft and its original had when it was recorded, so that a run with
  nothing changed decides from hashes, without parsing a Markdown body; and the hash of the
  original's Markdown outside its blocks, so that when only block texts changed, the draft
  is updated in place (its own blank lines and markup kept, only changed blocks rewritten).

``loads``/``dumps`` are a pair; the JSON is stable (sorted keys, one key per line).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.files import inside, write_atomic
from pipeline.slugs import is_slug
from pipeline.translate.engines import looks_pseudo

# Under locale/, beside the memory (``memory.FOLDER``), which is not imported for this: a
# build reads the records (``records_folder``) and never the memory.
RECORDS = Path("memory", "drafts")

# Where a block's wording came from.
ENGINE = "engine"  # translated by the engine named in ``engine``
MEMORY = "memory"  # a machine translation from the memory (``engine`` made it)
REVIEWED = "reviewed"  # wording a translator reviewed (this draft's, or the memory's)
HAND = "hand"  # edited by hand in the draft, not reviewed yet
KEPT = "kept"  # kept in the source language: the engine's answer was unusable (``problem``)
COPIED = "copied"  # nothing to translate (only code, links, numbers...)
ORIGINS = (ENGINE, MEMORY, REVIEWED, HAND, KEPT, COPIED)
MACHINE = (ENGINE, MEMORY, KEPT)  # what a translator has not read


@dataclass
class BlockRecord:
    """One block of a draft."""

    key: str
    kind: str
    source: str
    target: str
    origin: str
    engine: str | None = None
    problem: str | None = None
    previous: dict[str, str] | None = None  # {"source", "target"} when last reviewed


@dataclass
class DraftRecord:
    """One draft: its files, the hashes it was recorded with, and its blocks."""

    draft: str  # path of the draft under content/, e.g. en/a.md
    original: str  # path of the original under content/, e.g. sv/a.md
    source_hash: str  # the original's source_hash the blocks' sources belong to
    draft_hash: str  # the draft's own source_hash when recorded
    status: str
    blocks: list[BlockRecord] = field(default_factory=list)
    skeleton: str = ""  # skeleton_hash of the original's body the blocks come from
    # The file name is the original's, given while the title was pseudo text: the draft is
    # renamed when its title is first translated by a real engine or a person.
    provisional: bool = False

    def block(self, key: str) -> BlockRecord | None:
        """The block recorded under ``key``."""
        return next((b for b in self.blocks if b.key == key), None)


_BLOCK_FIELDS = tuple(f.name for f in fields(BlockRecord))


def unread(block: BlockRecord) -> bool:
    """Whether no person has seen ``block`` since an engine made it: its wording is an
    engine's (``engine``, or a machine translation from the memory), the draft holds it byte
    for byte as the pipeline wrote it, and the draft has not been reviewed since.

    ``wording.existing`` gives these origins only then: a block whose text differs from what
    the pipeline wrote is ``hand``, and every block of a draft set to ``reviewed`` (by
    ``approve``, or by hand) is ``reviewed``, pseudo text aside (see ``is_pseudo``).
    """
    return block.origin in (ENGINE, MEMORY)


def is_pseudo(block: BlockRecord) -> bool:
    """Whether ``block`` holds the pseudo engine's text, which is never a translation.

    The engine closes all it writes with the same padding (``looks_pseudo``), so the text
    tells, whatever the block's origin says (the record may be gone, or the memory may give
    pseudo text to a draft of another engine). A person who rewrote a pseudo block wrote its
    text, and it is theirs; one who left the padding in left pseudo text.
    """
    return looks_pseudo(block.target)


def records_folder(settings: Settings) -> Path:
    """``locale/memory/drafts/``: what a build reads of the translate stage's work."""
    return settings.locale_dir / RECORDS


def recorded_refs(settings: Settings, lang: str) -> set[str]:
    """The refs that have a record in ``lang`` (none if its folder cannot be listed)."""
    try:
        names = os.listdir(records_folder(settings) / lang)
    except OSError:
        return set()
    return {name.removesuffix(".json") for name in names if name.endswith(".json")}


def record_path(settings: Settings, lang: str, ref: str) -> Path:
    """``locale/memory/drafts/<lang>/<ref>.json``."""
    if is_slug(ref) and lang in settings.languages:
        # A slug and a site language cannot leave the folder; a symlink on the way is
        # refused where the record is written or removed (``files.may_write``), without
        # ``inside`` resolving every path (a tenth of recording 1,000 drafts).
        return records_folder(settings) / lang / f"{ref}.json"
    return inside(settings.locale_dir, *RECORDS.parts, lang, f"{ref}.json")


def loads(text: str) -> DraftRecord:
    """A record from its JSON text. Raises ``ValueError`` if it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    blocks = [BlockRecord(**block) for block in data.pop("blocks", [])]
    return DraftRecord(**data, blocks=blocks)


def dumps(record: DraftRecord) -> str:
    """The record as stable JSON text."""
    # (the fields read one by one: ``asdict`` copies every value deeply, for nothing here)
    data: dict[str, Any] = {f.name: getattr(record, f.name) for f in fields(DraftRecord)}
    data["blocks"] = [
        {name: value for name in _BLOCK_FIELDS if (value := getattr(b, name)) is not None}
        for b in record.blocks
    ]
    if not record.provisional:
        del data["provisional"]  # (the records of most drafts stay as they were)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load(settings: Settings, lang: str, ref: str) -> DraftRecord | None:
    """The record of the draft of ``ref`` in ``lang``; None if there is none or it is
    unreadable (a record is rebuilt from the draft and its original when missing)."""
    if not is_slug(ref) or lang not in settings.languages:
        return None
    path = record_path(settings, lang, ref)  # (not resolved: a slug and a site language)
    try:
        return loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None


def save(settings: Settings, lang: str, ref: str, record: DraftRecord) -> bool:
    """Write the record atomically; False if it already held this.

    Not synced to the disk (``durable=False``): a record the system lost in a power cut
    reads as none, and is made again from the draft and its original (``load``). A sync per
    record was 3.7 s of the 10.8 s translate took on a fresh clone of the bench (1,000
    drafts recorded), on this machine's disk."""
    return write_atomic(record_path(settings, lang, ref), dumps(record), durable=False)

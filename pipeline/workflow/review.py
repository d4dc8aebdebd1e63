"""``pipeline review``: static pages for translators, one per draft that needs review.

Each page shows the original and the draft side by side, block by block, with each block's
origin (engine, memory, edited by hand...), what the quality checks found in it, for a block
whose original changed since the last review what changed (a word diff of the old and new
source, and the translation reviewed then), and the file and line to edit. An index lists the
drafts by need: those whose original changed first (``outdated``), then machine drafts with
findings of the quality checks, then the rest. Blocks of machine text that no person has seen
since the engine made them, and blocks of pseudo text, are problems of their own, counted
with the rest: a page never says "0 problems" above a block nobody read.

The pages go to the ``review`` folder (default ``review/``, not committed), never into the
published site: they show unreviewed text and are for the people who review it. They are
plain HTML with their style inline (no external assets), work with the keyboard alone, and
their few interface strings are in English: they are a tool of the translation team, whose
working language the interface assumes, while every text under review keeps its ``lang``.
Every value is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import jinja2

from pipeline.build.render import render_template
from pipeline.build.templates import TEMPLATES
from pipeline.build.write import write_listed
from pipeline.config import Settings
from pipeline.content.tree import scan
from pipeline.errors import ContentError
from pipeline.report import Report
from pipeline.translate import memory, record
from pipeline.translate.suggestions import Suggester
from pipeline.workflow.status import CHANGED, PSEUDO, UNREAD, RefState, Version, survey

REVIEW_TEMPLATES = TEMPLATES / "review"
TEMPLATES_SHOWN = "pipeline/templates/review"
INDEX = "index.html"

ORIGIN_NAMES = {
    record.ENGINE: "machine: from the engine",
    record.MEMORY: "machine: from the translation memory",
    record.REVIEWED: "reviewed",
    record.HAND: "edited by hand, not reviewed",
    record.KEPT: "kept in the original language (the engine failed)",
    record.COPIED: "copied: nothing to translate",
}


@dataclass(frozen=True)
class Change:
    """One piece of a word diff: ``same``, ``del`` (removed) or ``ins`` (added) text."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[Change]:
    """What changed from ``old`` to ``new``, word by word.

    >>> [(c.kind, c.text) for c in word_diff("på heltid.", "på deltid.")]
    [('same', 'på '), ('del', 'heltid'), ('ins', 'deltid'), ('same', '.')]
    """
    before = re.findall(r"\s+|\w+|[^\w\s]", old)
    after = re.findall(r"\s+|\w+|[^\w\s]", new)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            changes.append(Change("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            changes.append(Change("del", "".join(before[a1:a2])))
        if b2 > b1:
            changes.append(Change("ins", "".join(after[b1:b2])))
    return changes


@dataclass
class Draft:
    """A draft that needs review, as its page and the index show it."""

    ref: str
    version: Version
    page: str  # path inside the review folder: en/ref.html

    @property
    def outdated(self) -> bool:
        """Whether the original changed since the draft was last reviewed or made."""
        return self.version.status == "outdated" or not self.version.current

    @property
    def findings(self) -> int:
        """How many problems the checks and the pipeline found in it."""
        return len(self.version.issues)

    @property
    def unread(self) -> int:
        """How many of its blocks are machine text no person has seen since it was made."""
        return sum(1 for i in self.version.issues if i.check == UNREAD)

    @property
    def need(self) -> int:
        """The index's order: 0 outdated, 1 with findings of the checks, 2 the rest (every
        block of a machine draft is unread, so that alone does not put a draft first)."""
        checked = any(i.check not in (UNREAD, PSEUDO) for i in self.version.issues)
        return 0 if self.outdated else 1 if checked else 2

    @property
    def title(self) -> str:
        """The draft's title."""
        return self.version.doc.title if self.version.doc else self.ref


@dataclass
class ReviewReport(Report):
    """Which review pages were written where."""

    output: str = ""
    drafts: int = 0
    written: int = 0
    removed: int = 0

    def summary(self) -> str:
        """``review: 2 drafts to review in review/ (index.html): 3 written, 0 removed``."""
        plural = "s" if self.drafts != 1 else ""
        return (
            f"review: {self.drafts} draft{plural} to review in {self.output}/ ({INDEX}): "
            f"{self.written} written, {self.removed} removed"
        )


def review(settings: Settings) -> ReviewReport:
    """Write the review pages of every draft that needs review, and their index."""
    content = scan(settings)
    report = ReviewReport(problems=list(content.problems))
    states = survey(settings, content)
    drafts = sorted(_drafts(states), key=lambda d: (d.need, d.ref, d.version.lang))
    env = _environment()
    files = {INDEX: render_template(env, "index.html", {"drafts": drafts}, TEMPLATES_SHOWN)}
    suggesters: dict[tuple[str, str], Suggester] = {}
    for draft in drafts:
        suggester = _suggester(settings, draft.version, suggesters)
        context = _context(draft, suggester)
        files[draft.page] = render_template(env, "draft.html", context, TEMPLATES_SHOWN)
    report.written, report.removed = write_listed(settings.review_dir, files)
    report.output = settings.relative(settings.review_dir)
    report.drafts = len(drafts)
    return report


def _drafts(states: list[RefState]) -> list[Draft]:
    return [
        Draft(state.ref, version, f"{version.lang}/{state.ref}.html")
        for state in states
        for version in state.versions
        if version.needs_review
    ]


def _suggester(
    settings: Settings, version: Version, known: dict[tuple[str, str], Suggester]
) -> Suggester | None:
    """The memory's suggester for the draft's language pair (loaded once per pair); None
    when the memory cannot be read (the translate stage reports why)."""
    source = version.original.lang if version.original else None
    if source is None:
        return None
    if (source, version.lang) not in known:
        path = memory.memory_path(settings, source, version.lang)
        try:
            loaded = memory.load(path, source, version.lang)
        except ContentError:
            return None
        known[source, version.lang] = Suggester(loaded)
    return known[source, version.lang]


def _context(draft: Draft, suggester: Suggester | None = None) -> dict[str, object]:
    version = draft.version
    blocks = []
    for number, block in enumerate(version.blocks, start=1):
        previous = block.previous or {}
        changed = previous.get("source") is not None and previous.get("source") != block.source
        machine = block.origin in record.MACHINE
        blocks.append(
            {
                "number": number,
                "anchor": f"block-{number}",
                "state": block,
                "origin": ORIGIN_NAMES.get(block.origin, block.origin),
                "machine": block.origin in (*record.MACHINE, record.HAND),
                "diff": word_diff(previous["source"], block.source) if changed else None,
                "reviewed_before": previous.get("target") if changed else None,
                # A close reviewed translation, shown beside machine text, never used.
                "suggestion": suggester.suggest(block.source) if machine and suggester else None,
            }
        )
    general = [i for i in version.issues if i.key is None]
    return {
        "draft": draft,
        "version": version,
        "source_lang": version.original.lang if version.original else "",
        "blocks": blocks,
        "general": general,
        "changed": [i for i in general if i.check == CHANGED],
        "to_index": "../" + INDEX,
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(REVIEW_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

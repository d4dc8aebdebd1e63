"""The glossary at work in translation: names masked from the engines, each block checked,
and the site's reviewed drafts compared.

- ``name_maskers(glossary, lang)``: the masker of the names to keep, added to a text's
  maskers before it goes to an engine, so the names come back unchanged;
- the quality check ``glossary`` (``status``, the review page, the translate stage's
  warnings): a block whose source holds a glossary term and whose translation lacks the
  glossary's term (or keeps a name in another form); ``breaks`` says it of one text, also
  for the suggestions of ``i18n --fill`` (``strings.glossary_notes``);
- ``glossary_problems`` (``pipeline check``): the glossary file's errors, and each term that
  reviewed drafts translate otherwise than the glossary, with the drafts and lines.

Terms are matched in what a reader sees: URLs, code, link targets and HTML are left out.

>>> from pipeline.translate.glossary import loads
>>> from pipeline.translate.segments import segment
>>> found = loads("sv,en,note,keep\\nkommun,municipality,,\\n", ["sv", "en"])
>>> block = segment("Se [kommunen](https://x.se/kommun).\\n").blocks[0]
>>> [(str(m), kept) for m, kept in uses(found, block, "See [the council](https://x.se/kommun).",
...                                        "sv", "en")]
[("'kommunen' should be 'municipality' (locale/glossary.csv:2)", False)]
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.content.document import Document, body_start
from pipeline.content.tree import Content, source_hash
from pipeline.errors import Problem
from pipeline.report import progress
from pipeline.state.remembered import Remembered, key
from pipeline.translate import glossary, record
from pipeline.translate.checks import Pair
from pipeline.translate.glossary import Glossary, Occurrence
from pipeline.translate.masking import (
    AUTOLINK,
    CODE_SPAN,
    EMAIL,
    HTML,
    LIQUID,
    PLACEHOLDER,
    URL,
    Masker,
    mask,
    pattern,
)
from pipeline.translate.segments import (
    FRONT_MATTER,
    Block,
    document_blocks,
    front_matter_blocks,
    recorded_block,
)

NAME = "glossary"


def load(settings: Settings) -> Glossary:
    """The site's glossary, read once per run (``Pair.context["glossary"]``)."""
    return glossary.load(settings)


def name_maskers(found: Glossary, lang: str) -> list[Masker]:
    """The maskers of the names to keep in a text in ``lang`` (none if there are none); put
    them after the markup's maskers, so a name inside a URL stays part of the URL."""
    if not found.names(lang):
        return []
    return [Masker("name", lambda text: ((*span, None) for span in found.name_spans(text, lang)))]


# What a reader does not see as words, for matching terms: a cheaper cut than the maskers
# of translation, which must also give back every byte of the markup.
HIDDEN = [
    LIQUID,
    CODE_SPAN,
    AUTOLINK,
    HTML,
    pattern(
        "link target",
        r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]",
        needs=("](", "]["),
    ),
    URL,
    EMAIL,
    pattern("emphasis", r"\*+|~~+|(?<!\w)_+|_+(?!\w)", needs=("*", "~~", "_")),
]


def visible(text: str) -> str:
    """``text`` as a reader sees its words: without URLs, code, tags, link targets or
    emphasis marks.

    >>> visible("Se **[kommunen](https://x.se/kommun)** och `kod`.")
    'Se  [kommunen   och  .'
    """
    return PLACEHOLDER.sub(" ", mask(text, HIDDEN).text)


def uses(
    found: Glossary,
    block: Block,
    target: str,
    source_lang: str,
    target_lang: str,
) -> list[tuple[Occurrence, bool]]:
    """Each glossary term of ``block`` (in the glossary's order), and whether its translation
    ``target`` holds what the glossary asks."""
    if not found.terms or not found.mentions(block.text, source_lang, target_lang):
        return []
    return found.uses(visible(block.text), visible(target), source_lang, target_lang)


def glossary_followed(pair: Pair) -> str | None:
    """The translation holds the glossary's term for each term of the source, and every name
    to keep as it is."""
    found = pair.context.get(NAME)
    if not isinstance(found, Glossary):
        return None
    return breaks(found, pair.block, pair.target, pair.source_lang, pair.target_lang)


def breaks(
    found: Glossary, block: Block, target: str, source_lang: str, target_lang: str
) -> str | None:
    """What ``target``, the translation of ``block``, does not hold of the glossary (each
    term or name, with the glossary's line), or None if it follows the glossary."""
    found_uses = uses(found, block, target, source_lang, target_lang)
    return "; ".join(str(m) for m, kept in found_uses if not kept) or None


# --- pipeline check ------------------------------------------------------------------------


def glossary_problems(settings: Settings, content: Content) -> list[Problem]:
    """The glossary's own errors, and a warning per term that reviewed drafts translate
    otherwise than the glossary says, naming each draft and line (and the drafts that follow
    it, when there are some: the site then says it two ways).

    What each draft gives is remembered by the digest of the files it comes from (the
    draft, its original, its record and the glossary: ``check.remembered``), so an
    unchanged draft is neither aligned nor matched again; a draft's body is parsed for the
    lines of its blocks only where a warning names one (``_name_places``)."""
    found = glossary.load(settings)
    problems = list(found.problems)
    if not found.terms:
        return problems
    follows: dict[int, set[str]] = defaultdict(set)
    breaks: dict[int, list[tuple[Document, Place]]] = defaultdict(list)
    terms: dict[int, Occurrence] = {}
    versions = content.versions()
    remembered = Remembered(settings, "check-glossary")
    glossary_bytes = _bytes(settings.locale_dir / glossary.FILE)
    inputs_of: dict[str, str] = {}
    drafts = sorted(content.drafts(), key=lambda d: d.shown)
    for draft in progress("check: glossary", drafts, len(drafts)):
        translation = draft.translation or {}
        source_lang, target_lang = str(translation.get("from")), draft.lang
        if translation.get("status") != "reviewed" or not draft.ref or not target_lang:
            continue
        originals = [d for d in versions[draft.ref].get(source_lang, []) if d.is_original]
        if not originals or not found.rules(source_lang, target_lang):
            continue
        inputs = inputs_of[draft.shown] = _inputs(settings, draft, originals[0], glossary_bytes)
        known, used = remembered.get(inputs)
        if not known:
            used = remembered.put(inputs, _draft_uses(found, draft, originals[0], settings))
        for fields, kept, where in used:
            occurrence = Occurrence(*fields)
            terms.setdefault(occurrence.line, occurrence)
            if kept:
                follows[occurrence.line].add(draft.shown)
            else:
                breaks[occurrence.line].append((draft, where))
    _name_places(settings, breaks, remembered, inputs_of)
    remembered.save()
    for line in sorted(breaks):
        places = [str(where) for _, where in breaks[line]]  # (past the named: counted)
        problems.append(_inconsistent(terms[line], sorted(follows[line]), places))
    return problems


Place = str | tuple[str]
"""Where in a draft a term is broken: ``content/en/a.md:14``, or ``(key,)`` for a block whose
line is known only by parsing the draft's body, done for the places a warning names."""


def _name_places(
    settings: Settings,
    breaks: dict[int, list[tuple[Document, Place]]],
    remembered: Remembered,
    inputs_of: dict[str, str],
) -> None:
    """Give each place a warning names (the first ``MOST_LISTED`` of each term's) its line,
    and remember it with its draft's results; the others are only counted. Parsing every
    deviating draft's body for lines no message shows was a tenth of ``check``."""
    named: dict[str, dict[Place, str]] = defaultdict(dict)
    lines: dict[str, _Lines] = {}
    for places in breaks.values():
        for number, (draft, where) in enumerate(places[:MOST_LISTED]):
            if isinstance(where, tuple):
                at = lines.setdefault(draft.shown, _Lines(draft, settings))
                named[draft.shown][where] = text = at.named(where)
                places[number] = (draft, text)
    for shown, texts in named.items():
        _, used = remembered.get(inputs_of[shown])
        remembered.put(inputs_of[shown], [(f, k, texts.get(w, w)) for f, k, w in used])


def _draft_uses(
    found: Glossary, draft: Document, original: Document, settings: Settings
) -> list[tuple[tuple[Any, ...], bool, Place]]:
    """Each glossary term of ``draft``'s blocks: the occurrence (as a tuple of its fields),
    whether the draft follows the glossary there, and where in the draft it is."""
    translation = draft.translation or {}
    source_lang, target_lang = str(translation.get("from")), str(draft.lang)
    lines = _Lines(draft, settings)
    used = []
    for block, target in _aligned(original, draft, settings):
        for occurrence, kept in uses(found, block, target.text, source_lang, target_lang):
            fields = tuple(getattr(occurrence, f.name) for f in dataclasses.fields(occurrence))
            used.append((fields, kept, "" if kept else lines.where(target)))
    return used


def _inputs(settings: Settings, draft: Document, original: Document, glossary_bytes: bytes) -> str:
    """The digest of what ``_draft_uses`` reads: the draft, its original, its record, the
    glossary, and the names they are shown by."""
    assert draft.lang is not None and draft.ref is not None
    kept = record.records_folder(settings) / draft.lang / f"{draft.ref}.json"
    return key(
        draft.shown,
        original.shown,
        _bytes(draft.path),
        _bytes(original.path),
        _bytes(kept),
        glossary_bytes,
    )


def _bytes(path: Path) -> bytes:
    """The bytes of the file ``path``; none if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _aligned(original: Document, draft: Document, settings: Settings) -> list[tuple[Block, Block]]:
    """The original's blocks beside the draft's texts, if they line up (else none: the
    translate stage warns about such a draft).

    Parsing every body's Markdown would double the time of ``check``; so the draft's record
    gives the pairs when it was made from the draft and original as they are (after
    ``translate``, it was), else the bodies' paragraphs (text between blank lines) are
    paired when both have as many, and only otherwise are the bodies parsed."""
    assert draft.lang is not None and draft.ref is not None
    recorded = record.load(settings, draft.lang, draft.ref)
    if (
        recorded is not None
        and recorded.status == "reviewed"
        and recorded.draft_hash == source_hash(draft, settings)
        and recorded.source_hash == source_hash(original, settings)
    ):
        return [
            (
                recorded_block(original, b.key, b.kind, b.source),
                recorded_block(original, b.key, b.kind, b.target),
            )
            for b in recorded.blocks
        ]
    for split in (_paragraphs, _blocks):
        source, target = split(original, settings), split(draft, settings)
        if [(b.key, b.kind) for b in source] == [(b.key, b.kind) for b in target]:
            return list(zip(source, target, strict=True))
    return []


def _paragraphs(doc: Document, settings: Settings) -> list[Block]:
    """The translatable front matter of ``doc`` and the text between blank lines of its
    body (each with its line in the body), without parsing the Markdown."""
    found = front_matter_blocks(doc, settings)
    for match in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", doc.body):
        line = doc.body.count("\n", 0, match.start()) + 1
        found.append(Block(f"paragraph.{len(found)}", "paragraph", match.group(), line))
    return found


def _blocks(doc: Document, settings: Settings) -> list[Block]:
    return document_blocks(doc, settings)[0]


class _Lines:
    """Where a draft's blocks are in its file (its body parsed only when a message names a
    block whose line only that tells)."""

    def __init__(self, draft: Document, settings: Settings) -> None:
        self.draft = draft
        self.settings = settings
        self.lines: dict[str, int | None] | None = None  # the line of each block, by key
        self.start = body_start(draft) if draft.body else None

    def where(self, block: Block) -> Place:
        """``content/en/a.md:14``: the line of the draft's ``block``; ``(key,)`` for a
        recorded block, whose line is the draft's block's (``named`` tells it)."""
        if block.kind == FRONT_MATTER:
            return self._shown(self.draft.line_of(block.key.split("[", 1)[0]))
        if block.line is None:
            return (block.key,)
        return self._in_body(block.line)

    def named(self, place: Place) -> str:
        """``place`` as a message names it, the draft's body parsed if needs be."""
        if isinstance(place, str):
            return place
        if self.lines is None:
            self.lines = {b.key: b.line for b in _blocks(self.draft, self.settings)}
        return self._in_body(self.lines.get(place[0]))

    def _in_body(self, at: int | None) -> str:
        return self._shown(None if at is None or self.start is None else self.start + at - 1)

    def _shown(self, line: int | None) -> str:
        return self.draft.shown if line is None else f"{self.draft.shown}:{line}"


MOST_LISTED = 5  # places named in one warning; the rest are counted


def _inconsistent(term: Occurrence, follows: list[str], breaks: list[str]) -> Problem:
    wanted = " or ".join(f"'{w}'" for w in term.wanted)
    listed = _listed(breaks)
    if term.keep:
        message = f"'{term.wanted[0]}' is a name to keep, but reviewed drafts change it: {listed}"
    elif follows:
        message = (
            f"the reviewed drafts translate '{term.term}' in more than one way: as {wanted} "
            f"in {_listed(follows)}; otherwise in {listed}"
        )
    else:
        message = f"the reviewed drafts do not translate '{term.term}' as {wanted}: {listed}"
    return Problem(glossary.SHOWN, term.line, message, warning=True)


def _listed(places: list[str]) -> str:
    """
    >>> _listed(["a", "b"]), _listed([str(n) for n in range(8)])
    ('a, b', '0, 1, 2, 3, 4 and 3 more')
    """
    shown = ", ".join(places[:MOST_LISTED])
    more = len(places) - MOST_LISTED
    return f"{shown} and {more} more" if more > 0 else shown

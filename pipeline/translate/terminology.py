"""The glossary at work in translation: names masked from the engines, each block checked,
and the site's reviewed drafts compared.

- ``name_maskers(glossary, lang)``: the masker of the names to keep, added to a text's
  maskers before it goes to an engine, so the names come back unchanged;
- the quality check ``glossary`` (``status``, the review page, the translate stage's
  warnings): a block whose source holds a glossary term and whose translation lacks the
  glossary's term (or keeps a name in another form);
- ``glossary_problems`` (``pipeline check``): the glossary file's errors, and each term that
  reviewed drafts translate otherwise than the glossary, with the drafts and lines.

Terms are matched in what a reader sees: URLs, code, link targets and HTML are left out.

>>> from pipeline.glossary import loads
>>> from pipeline.translate.segments import segment
>>> found = loads("sv,en,note,keep\\nkommun,municipality,,\\n", ["sv", "en"])
>>> block = segment("Se [kommunen](https://x.se/kommun).\\n").blocks[0]
>>> [(str(m), kept) for m, kept in uses(found, block, "See [the council](https://x.se/kommun).",
...                                        "sv", "en")]
[("'kommunen' should be 'municipality' (locale/glossary.csv:2)", False)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pipeline import glossary
from pipeline.config import Settings
from pipeline.content import Content
from pipeline.document import HANDLER, Document
from pipeline.errors import Problem
from pipeline.glossary import Glossary, Occurrence
from pipeline.translate.masking import (
    PLACEHOLDER,
    PLAIN_MASKERS,
    Masker,
    markdown_maskers,
    mask,
)
from pipeline.translate.quality import Pair, context_loader, quality_check
from pipeline.translate.segments import FRONT_MATTER, Block, document_blocks

NAME = "glossary"


@context_loader(NAME)
def load(settings: Settings) -> Glossary:
    """The site's glossary, read once per run (``Pair.context["glossary"]``)."""
    return glossary.load(settings)


def name_maskers(found: Glossary, lang: str) -> list[Masker]:
    """The maskers of the names to keep in a text in ``lang`` (none if there are none); put
    them after the markup's maskers, so a name inside a URL stays part of the URL."""
    if not found.names(lang):
        return []
    return [Masker("name", lambda text: ((*span, None) for span in found.name_spans(text, lang)))]


def visible(text: str, maskers: Sequence[Masker]) -> str:
    """``text`` without what the maskers protect (URLs, code, link targets, tags...)."""
    return PLACEHOLDER.sub(" ", mask(text, maskers).text)


def uses(
    found: Glossary,
    block: Block,
    target: str,
    source_lang: str,
    target_lang: str,
    references: dict[str, Any] | None = None,
) -> list[tuple[Occurrence, bool]]:
    """Each glossary term of ``block`` (in the glossary's order), and whether its translation
    ``target`` holds what the glossary asks."""
    if not found.terms:
        return []
    maskers = PLAIN_MASKERS if block.kind == FRONT_MATTER else markdown_maskers(references or {})
    return found.uses(
        visible(block.text, maskers), visible(target, maskers), source_lang, target_lang
    )


@quality_check(NAME)
def glossary_followed(pair: Pair) -> str | None:
    """The translation holds the glossary's term for each term of the source, and every name
    to keep as it is."""
    found = pair.context.get(NAME)
    if not isinstance(found, Glossary):
        return None
    found_uses = uses(
        found, pair.block, pair.target, pair.source_lang, pair.target_lang, pair.references
    )
    return "; ".join(str(m) for m, kept in found_uses if not kept) or None


# --- pipeline check ------------------------------------------------------------------------


def glossary_problems(settings: Settings, content: Content) -> list[Problem]:
    """The glossary's own errors, and a warning per term that reviewed drafts translate
    otherwise than the glossary says, naming each draft and line (and the drafts that follow
    it, when there are some: the site then says it two ways)."""
    found = glossary.load(settings)
    problems = list(found.problems)
    if not found.terms:
        return problems
    follows: dict[int, set[str]] = defaultdict(set)
    breaks: dict[int, list[str]] = defaultdict(list)
    terms: dict[int, Occurrence] = {}
    versions = content.versions()
    for draft in sorted(content.drafts(), key=lambda d: d.shown):
        translation = draft.translation or {}
        source_lang, target_lang = translation.get("from"), draft.lang
        if translation.get("status") != "reviewed" or not draft.ref or not target_lang:
            continue
        originals = [d for d in versions[draft.ref].get(str(source_lang), []) if d.is_original]
        if not originals or not found.rules(str(source_lang), target_lang):
            continue
        pairs = _aligned(originals[0], draft, settings)
        for block, target_block in pairs:
            for occurrence, kept in uses(
                found, block, target_block.text, str(source_lang), target_lang
            ):
                terms.setdefault(occurrence.line, occurrence)
                if kept:
                    follows[occurrence.line].add(draft.shown)
                else:
                    breaks[occurrence.line].append(_where(draft, target_block))
    for line in sorted(breaks):
        problems.append(_inconsistent(terms[line], sorted(follows[line]), breaks[line]))
    return problems


def _aligned(original: Document, draft: Document, settings: Settings) -> list[tuple[Block, Block]]:
    """The original's blocks beside the draft's, if they line up (else none: the translate
    stage warns about such a draft)."""
    source, _ = document_blocks(original, settings)
    target, _ = document_blocks(draft, settings)
    if [(b.key, b.kind) for b in source] != [(b.key, b.kind) for b in target]:
        return []
    return list(zip(source, target, strict=True))


def _where(draft: Document, block: Block) -> str:
    """``content/en/a.md:14``: the block's line in the draft's file, where known."""
    if block.kind == FRONT_MATTER:
        line = draft.line_of(block.key.split("[", 1)[0])
    else:
        start = _body_start(draft)
        line = start + (block.line or 1) - 1 if start else None
    return draft.shown if line is None else f"{draft.shown}:{line}"


def _body_start(doc: Document) -> int | None:
    """The file line the body of ``doc`` starts on."""
    try:
        lines = doc.path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    close = next((i for i in range(1, len(lines)) if HANDLER.FM_BOUNDARY.fullmatch(lines[i])), None)
    return None if close is None else close + 2


def _inconsistent(term: Occurrence, follows: list[str], breaks: list[str]) -> Problem:
    wanted = " or ".join(f"'{w}'" for w in term.wanted)
    listed = ", ".join(breaks)
    if term.keep:
        message = f"'{term.wanted[0]}' is a name to keep, but reviewed drafts change it: {listed}"
    elif follows:
        message = (
            f"the reviewed drafts translate '{term.term}' in more than one way: as {wanted} "
            f"in {', '.join(follows)}; otherwise in {listed}"
        )
    else:
        message = f"the reviewed drafts do not translate '{term.term}' as {wanted}: {listed}"
    return Problem(glossary.SHOWN, term.line, message, warning=True)

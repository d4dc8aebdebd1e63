"""The quality checks a reviewer sees per block, each a function of a ``Pair``.

A check compares one block's source with its translation and says what looks wrong (a
message), or None when the block passes, the way Weblate's checks do. ``markdown`` holds the
block's Markdown to the source's (links, images, code, HTML, emphasis); the others compare
what must survive translation unchanged (placeholders, URLs, numbers, e-mail addresses) or
what usually does (the end punctuation), and flag a block left identical to its source.
Link targets and emphasis are the Markdown check's: the checks after it look at the text
around them. ``quality.CHECKS`` lists them, with the glossary's (``terminology``), in the
order they run.

>>> def found(source, target):
...     pair = Pair(Block("body.1", "paragraph", source), target, "sv", "en")
...     return [f for f in (run(pair) for run in (numbers, end_punctuation)) if f]
>>> found("Tjänsten är på 80 %.", "The position is 80% of full time.")
[]
>>> found("Tjänsten är på 80 %.", "The position is part time!")
['the number 80 is missing', "ends with '!', the original with '.'"]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.translate.masking import BRACES, EMAIL, LIQUID, URL, Masker, mask, pattern
from pipeline.translate.segments import Block, check, maskers_for


@dataclass(frozen=True)
class Pair:
    """One block of a draft: its source block, its translation, and the languages."""

    block: Block
    target: str
    source_lang: str
    target_lang: str
    references: dict[str, Any] = field(default_factory=dict)
    """Link reference definitions of the original's body, for the Markdown check."""
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Site-wide things a check needs (e.g. a loaded glossary), keyed by the check's name."""


# Link and image targets (``](...)``), autolinks and code spans are the Markdown check's.
_MARKDOWN_TARGETS = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[^<>\s]+>|`+[^`]*`+")
# Only named printf placeholders: in prose, ``80 % i`` is a percentage and a word.
PRINTF_NAMED = pattern(
    "placeholder", r"%\([A-Za-z_][A-Za-z0-9_]*\)[#0+-]?\d*(?:\.\d+)?[sdifr]", needs=("%(",)
)
_NUMBER = re.compile(r"\d+")
# Thousands written with a separator (``2 500``, ``2,500``, ``1.250``) count as one number.
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+\b")
# Closing marks that may follow a sentence's end: quotes, brackets, emphasis, and the
# pseudo engine's padding and bracket (``… ·····］``).
_CLOSERS = " \t\n\"'”’»)]}*_·］"
_ENDS = {".": ".", "!": "!", "?": "?", ":": ":", ";": ";", "…": "…"}


def _found(masker: Masker, text: str) -> Counter[str]:
    return Counter(text[begin:end] for begin, end, _ in masker.find(text))


def _plain(text: str) -> str:
    """``text`` without Markdown link targets and code, where the Markdown check looks."""
    return _MARKDOWN_TARGETS.sub(" ", text)


def _compare(what: str, before: Counter[str], after: Counter[str]) -> str | None:
    """``the URL 'x' is missing; the URL 'y' was added``, or None when both hold the same."""
    lost, added = before - after, after - before
    parts = [f"the {what} {item!r} is missing" for item in sorted(lost)]
    parts += [f"the {what} {item!r} was added" for item in sorted(added)]
    return "; ".join(parts) or None


def markdown(pair: Pair) -> str | None:
    """The translation keeps the block's Markdown: links, images, code, HTML, emphasis."""
    return check(pair.block, pair.target, pair.references)


def placeholders(pair: Pair) -> str | None:
    """Liquid and Jinja tags (``{{ x }}``, ``{% x %}``) and ``%(name)s`` or ``{name}``
    placeholders: the same ones, as often, in the translation."""
    source, target = _plain(pair.block.text), _plain(pair.target)
    before = _found(LIQUID, source) + _found(PRINTF_NAMED, source) + _found(BRACES, source)
    after = _found(LIQUID, target) + _found(PRINTF_NAMED, target) + _found(BRACES, target)
    return _compare("placeholder", before, after)


def urls(pair: Pair) -> str | None:
    """Every URL written in the text comes back unchanged."""
    return _compare("URL", _found(URL, _plain(pair.block.text)), _found(URL, _plain(pair.target)))


def emails(pair: Pair) -> str | None:
    """Every e-mail address comes back unchanged."""
    before, after = _found(EMAIL, pair.block.text), _found(EMAIL, pair.target)
    return _compare("e-mail address", before, after)


def _numbers(text: str) -> Counter[str]:
    """The numbers of ``text`` outside URLs, e-mail addresses and Markdown targets, as digit
    runs: ``2,5`` and ``2.5`` give the same runs, and so do ``1 000``, ``1,000`` and ``1000``.

    >>> sorted(_numbers("1250 för i år och 2 500 kronor, 2,5 dagar"))
    ['1250', '2', '2500', '5']
    """
    plain = _plain(text)
    for masker in (URL, EMAIL):
        plain = re.sub("|".join(re.escape(s) for s in _found(masker, plain)) or "$^", " ", plain)
    plain = _THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group()), plain)
    return Counter(_NUMBER.findall(plain))


def numbers(pair: Pair) -> str | None:
    """The same numbers, as often (written with any separators)."""
    before, after = _numbers(pair.block.text), _numbers(pair.target)
    lost, added = before - after, after - before
    parts = [f"the number {n} is missing" for n in sorted(lost, key=int)]
    parts += [f"the number {n} was added" for n in sorted(added, key=int)]
    return "; ".join(parts) or None


def identical(pair: Pair) -> str | None:
    """A block with words to translate is not left as it is (the engine kept it, or nobody
    translated it). Names and short labels (one or two words) may stay."""
    source = pair.block.text.strip()
    if pair.target.strip() != source:
        return None
    masked = mask(source, maskers_for(pair.block, None))
    words = [w for w in masked.text.split() if any(c.isalpha() for c in w)]
    if not masked.needs_engine or len(words) < 3:
        return None
    return f"the same as the original: not translated to '{pair.target_lang}'"


def _end(text: str) -> str:
    """The sentence-ending mark of ``text`` ('' for none)."""
    stripped = text
    while stripped and (stripped[-1].isspace() or stripped[-1] in _CLOSERS):
        stripped = stripped[:-1]
    return _ENDS.get(stripped[-1:], "") if stripped else ""


def end_punctuation(pair: Pair) -> str | None:
    """A block that ends a sentence with ``.``, ``!``, ``?``, ``:``, ``;`` or ``…`` ends its
    translation the same way, and one without such a mark is not given one."""
    before, after = _end(pair.block.text), _end(pair.target)
    if before == after:
        return None
    if not before:
        return f"ends with {after!r}, the original with no punctuation"
    if not after:
        return f"ends with no punctuation, the original with {before!r}"
    return f"ends with {after!r}, the original with {before!r}"

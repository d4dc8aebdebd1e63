"""How a glossary term is found in a text: with its inflections, as whole words.

A term matches where each of its words is followed by one of its language's endings. The
endings hang off the glossary's own form rather than off a stemmer's stem: Snowball's Swedish
stemmer (tried: snowballstemmer 3.1.1) leaves the definite -n and -t after a vowel
(medborgarjuryn, demokratin, civilsamhället) unstemmed, so "deltagande demokratin" would not
match "deltagande demokrati"; and stemming both sides conflates derivations that a
terminology check must tell apart (English "municipal" and "municipality" share a stem).
A form that changes its stem (stad, städer) is a row of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

APOSTROPHES = "'’"

SWEDISH_ENDINGS = (
    "s",
    "n",
    "ns",
    "t",
    "ts",
    "en",
    "ens",
    "et",
    "ets",
    "ar",
    "arna",
    "arnas",
    "er",
    "erna",
    "ernas",
    "or",
    "orna",
    "ornas",
    "r",
    "rna",
    "rnas",
    "na",
    "nas",
    "a",
    "e",
    "es",
)
"""Endings of Swedish nouns and adjectives after the glossary's form: definite (-en, -et,
-n, -t), plural (-ar, -er, -or, -r and their definite -na), genitive (-s), adjective (-a, -e)."""


@functools.cache
def needle(term: str) -> str:
    """What every match of ``term`` holds, in any case: its first word up to an apostrophe,
    and without a final y (juries).

    >>> needle("Citizens' jury"), needle("company")
    ('citizens', 'compan')
    """
    word = re.split(f"[{APOSTROPHES}]", term.split()[0].casefold())[0]
    return word[:-1] if word.endswith("y") and len(word) > 1 else word


def _literal(text: str) -> str:
    """``text`` as a regular expression, either apostrophe standing for both."""
    return "['’]".join(re.escape(part) for part in re.split(f"[{APOSTROPHES}]", text))


def _swedish(word: str) -> str:
    return _literal(word) + "(?:" + "|".join(SWEDISH_ENDINGS) + ")?"


def _english(word: str) -> str:
    """A word with its plural and possessive: jury, juries, jury's, juries'; budget(s)."""
    if word[-1:] in APOSTROPHES:  # citizens': a possessive already
        return _literal(word)
    if re.search(r"[^aeiou]y$", word):
        stem = _literal(word[:-1]) + "(?:y|ies)"
    else:
        stem = _literal(word) + "(?:e?s)?"
    return stem + "(?:['’]s?)?"


MATCHERS: dict[str, Callable[[str], str]] = {"sv": _swedish, "en": _english}
"""How a word of a term is matched with its inflections, per language (others: exactly)."""


def term_pattern(term: str, lang: str) -> re.Pattern[str]:
    """The pattern of ``term`` and its inflections in ``lang``: whole words, any case, any
    space or hyphen between words, either apostrophe.

    >>> bool(term_pattern("deltagande demokrati", "sv").search("den deltagande demokratin"))
    True
    >>> bool(term_pattern("citizens' jury", "en").search("two Citizens’ juries"))
    True
    >>> bool(term_pattern("kommun", "sv").search("kommunfullmäktige"))
    False
    """
    word = MATCHERS.get(lang.split("-")[0].lower(), _literal)
    words = [word(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"(?:\s+|-)".join(words) + r"(?!\w)", re.IGNORECASE)


def name_pattern(name: str) -> re.Pattern[str]:
    """The pattern of a name to keep: exactly as written (any space between its words), also
    before a possessive ending (Digidem Labs, Digidem Lab's), which is not part of it.

    >>> [m.group() for m in name_pattern("Digidem Lab").finditer("Digidem Labs, Digidem Lab's")]
    ['Digidem Lab', 'Digidem Lab']
    """
    words = r"\s+".join(_literal(w) for w in name.split())
    return re.compile(r"(?<!\w)" + words + r"(?=(?:s|['’]s?)?(?!\w))")

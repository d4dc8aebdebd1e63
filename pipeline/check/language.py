"""Which language a document's text is in, found offline, reported only when confident.

An editor may tag a Swedish posting ``lang: en``; ``check`` catches it with an offline
detector (lingua, whose models ship in its wheel). The detector only chooses among the
site's languages, and a document is reported only when the text is long enough and the
detector is confident, so names and short notes never raise false alarms. Only the body is
judged: a title is often a name (an organisation's, in its own language) and says nothing
of the language the page is written in.

An original is the editor's: its advice is to correct ``lang`` or the text. A draft is the
translator's: its advice names the line of the first block still in the other language.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from babel import Locale, UnknownLocaleError
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from markdown_it import MarkdownIt

from pipeline.check.findings import Findings
from pipeline.config import Settings
from pipeline.content.document import Document, body_start
from pipeline.content.tree import Content
from pipeline.errors import Problem
from pipeline.report import progress
from pipeline.state.remembered import key

MIN_WORDS = 12
MIN_BLOCK_WORDS = 3  # a block that names the line in a draft: a heading is a few words
MIN_CONFIDENCE = 0.95
MAX_CHARACTERS = 4000  # of a text's words: enough to tell
# Of a body's Markdown, the piece that is parsed and judged: its start, cut at a blank line (a
# block's end) before this many characters, so that no block is cut in two. Some 250 words
# tell lingua the language with the confidence asked for; parsing whole bodies to judge their
# words was most of what a check of a new site cost (docs/benchmarks.md).
MAX_MARKDOWN = 2000
UNDETECTABLE_ENGINES = {"pseudo"}  # accented source text, not a translation, by design


def plain_text(markdown: str) -> str:
    """The words a reader sees in ``markdown``: no URLs, code, HTML or markup.

    >>> plain_text("# Rubrik\\n\\nSe [vår sida](https://example.org) och `kod`.\\n")
    'Rubrik\\nSe vår sida och .'
    """
    return "\n".join(text for _line, text in _blocks(markdown))


def _blocks(markdown: str) -> Iterator[tuple[int, str]]:
    """Each block's words, with the 0-based line of ``markdown`` it starts on."""
    for token in _markdown().parse(markdown):
        if token.type == "inline" and token.children and token.map:
            yield token.map[0], "".join(c.content for c in token.children if c.type == "text")


@functools.cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@functools.cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector | None:
    known = [_lingua(code) for code in languages]
    chosen = [lang for lang in known if lang is not None]
    if len(chosen) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*chosen).build()


def _lingua(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code.split("-")[0]))
    except ValueError:
        return None


def detect(text: str, languages: list[str]) -> tuple[str, float] | None:
    """The site language ``text`` is written in and the detector's confidence, or None
    when the text is too short or no language is clearly ahead.

    >>> detect("Vi söker dig som tror på ett samhälle där de med minst makt får "
    ...        "möjlighet att forma sitt område och sin vardag.", ["sv", "en"])[0]
    'sv'
    >>> detect("Digidem Lab", ["sv", "en"]) is None
    True
    """
    return detect_all([text], languages)[0]


def detect_all(texts: list[str], languages: list[str]) -> list[tuple[str, float] | None]:
    """``detect`` of each of ``texts``, one call of lingua's each. (Not lingua's calls that
    spread texts over the cores: their thread pool lives on in the process, and a process
    forked from it that calls them again waits for those threads forever.)"""
    found: list[tuple[str, float] | None] = [None] * len(texts)
    detector = _detector(tuple(languages))
    if detector is None:
        return found
    cut = [text[:MAX_CHARACTERS] for text in texts]
    judged = [number for number, text in enumerate(cut) if len(text.split()) >= MIN_WORDS]
    if not judged:
        return found
    for number in judged:
        best = detector.compute_language_confidence_values(cut[number])[0]
        if best.value < MIN_CONFIDENCE:
            continue
        code = best.language.iso_code_639_1.name.lower()
        site_code = next(lang for lang in languages if lang.split("-")[0] == code)
        found[number] = (site_code, best.value)
    return found


def bounded(markdown: str) -> str:
    """The start of ``markdown`` that is judged: up to the last blank line before
    ``MAX_MARKDOWN`` characters (all of a shorter text).

    >>> bounded("a" * 10), len(bounded(("word " * 99 + "\\n\\n") * 100)) <= MAX_MARKDOWN
    ('aaaaaaaaaa', True)
    """
    if len(markdown) <= MAX_MARKDOWN:
        return markdown
    piece = markdown[:MAX_MARKDOWN]
    end = piece.rfind("\n\n")
    return piece[:end] if end > 0 else piece


def language_problems(settings: Settings, content: Content) -> list[Problem]:
    """Documents whose body is confidently in another site language than their ``lang``.

    What the detector said of each body is remembered by the digest of its judged piece
    (``bounded``), and that digest by the document's (``findings.Findings``): the body of a
    document unchanged since is not read, and a body judged before is not judged again."""
    found = []
    remembered = Findings(settings, content, "check-language")
    judged = []
    unknown: dict[str, str] = {}  # the words of each piece not judged before, by its digest
    documents = content.documents
    for doc in progress("check: language", documents, len(documents)):
        if doc.lang not in settings.languages or _engine(doc) in UNDETECTABLE_ENGINES:
            continue
        wanted = remembered.of(doc, _piece, "piece")
        judged.append((doc, wanted))
        if wanted not in unknown and not remembered.get(wanted)[0]:
            unknown[wanted] = plain_text(bounded(doc.body))
    texts = list(unknown.values())
    for wanted, detected in zip(unknown, detect_all(texts, settings.languages), strict=True):
        remembered.put(wanted, detected)
    for doc, wanted in judged:
        detected = remembered.get(wanted)[1]
        if detected is None or detected[0] == doc.lang:
            continue
        lang, confidence = detected
        if doc.is_original:
            advice = (
                f"the text reads as '{lang}' (confidence {confidence:.2f}), "
                f"but lang is '{doc.lang}'; correct lang or the text"
            )
            found.append(doc.problem(advice, "lang"))
        else:
            line = _first_line_in(doc, lang, settings.languages)
            where = "" if line is None else f" at line {line}"
            advice = (
                f"the draft still holds {_name(lang)} text{where} "
                f"(it reads as '{lang}', confidence {confidence:.2f}); translate it"
            )
            found.append(Problem(doc.shown, line, advice))
    remembered.save()
    return found


def _piece(doc: Document) -> str:
    """The digest of the piece of ``doc``'s body that is judged (``bounded``)."""
    return key(bounded(doc.body))


def _first_line_in(doc: Document, lang: str, languages: list[str]) -> int | None:
    """The file line of the first block of ``doc``'s body that reads as ``lang`` (of the
    site's languages, whatever the confidence: the whole body was judged already), or of
    the body's first line."""
    start = body_start(doc)
    if start is None:
        return None
    detector = _detector(tuple(languages))
    blocks = list(_blocks(doc.body))
    for line, text in blocks:
        if detector is not None and len(text.split()) >= MIN_BLOCK_WORDS:
            best = detector.compute_language_confidence_values(text)[0]
            if best.language.iso_code_639_1.name.lower() == lang.split("-")[0]:
                return start + line
    return start + blocks[0][0] if blocks else start


def _name(lang: str) -> str:
    """The English name of a language: ``Swedish`` for ``sv``."""
    try:
        return Locale.parse(lang.replace("-", "_")).get_language_name("en") or f"'{lang}'"
    except (ValueError, UnknownLocaleError):
        return f"'{lang}'"


def _engine(doc: Document) -> Any:
    return (doc.translation or {}).get("engine")

"""Which language a document's text is in, found offline, reported only when confident.

An editor may tag a Swedish posting ``lang: en``; ``check`` catches it with an offline
detector (lingua, whose models ship in its wheel). The detector only chooses among the
site's languages, and a document is reported only when the text is long enough and the
detector is confident, so names and short notes never raise false alarms.
"""

from __future__ import annotations

import functools
from typing import Any

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder
from markdown_it import MarkdownIt

from pipeline.config import Settings
from pipeline.content import Content
from pipeline.document import Document
from pipeline.errors import Problem

MIN_WORDS = 12
MIN_CONFIDENCE = 0.95
MAX_CHARACTERS = 4000  # enough to tell; long postings need not be read to the end
UNDETECTABLE_ENGINES = {"pseudo"}  # accented source text, not a translation, by design


def plain_text(markdown: str) -> str:
    """The words a reader sees in ``markdown``: no URLs, code, HTML or markup.

    >>> plain_text("# Rubrik\\n\\nSe [vår sida](https://example.org) och `kod`.\\n")
    'Rubrik\\nSe vår sida och .'
    """
    words: list[str] = []
    for token in _markdown().parse(markdown):
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type == "text"))
    return "\n".join(words)


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
    text = text[:MAX_CHARACTERS]
    detector = _detector(tuple(languages))
    if detector is None or len(text.split()) < MIN_WORDS:
        return None
    best = detector.compute_language_confidence_values(text)[0]
    if best.value < MIN_CONFIDENCE:
        return None
    code = best.language.iso_code_639_1.name.lower()
    site_code = next(lang for lang in languages if lang.split("-")[0] == code)
    return site_code, best.value


def language_problems(settings: Settings, content: Content) -> list[Problem]:
    """Documents whose text is confidently in another site language than their ``lang``."""
    found = []
    for doc in content.documents:
        if doc.lang not in settings.languages or _engine(doc) in UNDETECTABLE_ENGINES:
            continue
        detected = detect(_readable_text(doc), settings.languages)
        if detected is not None and detected[0] != doc.lang:
            lang, confidence = detected
            found.append(
                doc.problem(
                    f"the text reads as '{lang}' (confidence {confidence:.2f}), "
                    f"but lang is '{doc.lang}'; correct lang or the text",
                    "lang",
                )
            )
    return found


def _engine(doc: Document) -> Any:
    return (doc.translation or {}).get("engine")


def _readable_text(doc: Document) -> str:
    parts = [doc.title, str(doc.metadata.get("excerpt") or ""), plain_text(doc.body)]
    return "\n".join(p for p in parts if p)

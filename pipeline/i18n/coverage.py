"""How far each language's UI catalog is translated, and whether what is translated is sound.

A catalog is read back with polib, not Babel (``audit``): Babel counts fuzzy entries as
translated and compiles entries whose placeholders are wrong, which rendering would then
fail on. ``Coverage`` counts a language's entries; ``coverage_shortfall`` lists what is
missing when a language is below its ``catalog-coverage``; ``mismatch`` tells an entry whose
placeholders do not fit its msgid (never compiled).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import polib
from babel.messages.catalog import Message

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.i18n.catalogs import po_path

PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>\w+)\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"  # %(name)s, %d
    r"|\{(?P<brace>\w*)(?:[!:][^{}]*)?\}"  # {name}, {0:>3}
)


@dataclass(frozen=True)
class Coverage:
    """How much of one language's catalog is translated (fuzzy entries are not)."""

    lang: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        """Entries in use (obsolete ones are not counted)."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Translated share of the entries, 100 for an empty catalog."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def shown_percent(self) -> str:
        """The percent rounded down, so that only a complete catalog shows 100%.

        >>> Coverage("sv", 999, 1, 0).shown_percent(), Coverage("en", 2, 0, 0).shown_percent()
        ('99.9%', '100%')
        """
        if self.translated == self.total:
            return "100%"
        return f"{math.floor(self.percent * 10) / 10:.1f}%"

    def __str__(self) -> str:
        return (
            f"{self.lang}: {self.shown_percent()} translated ({self.translated} of {self.total}), "
            f"{self.fuzzy} fuzzy, {self.untranslated} untranslated"
        )


def audit(settings: Settings, lang: str, text: str) -> tuple[Coverage, list[Problem]]:
    """Read a ``.po`` text back (with polib, not Babel): its coverage, and the problems that
    compiling it would hide: unreadable entries, duplicates, placeholders that differ."""
    shown = settings.relative(po_path(settings, lang))
    try:
        catalog = polib.pofile(text, check_for_duplicates=True)
    except (OSError, ValueError) as error:
        line = re.search(r"line (\d+)", str(error))
        return Coverage(lang, 0, 0, 0), [
            Problem(shown, int(line.group(1)) if line else None, f"cannot be read: {error}")
        ]
    problems = []
    for entry in catalog:
        if entry.obsolete or not entry.translated():
            continue
        source = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        strings = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        wrong = _placeholder_problem(source, strings)
        if wrong:
            problems.append(Problem(shown, entry.linenum, f"{quote(entry.msgid)}: {wrong}"))
    active = [e for e in catalog if not e.obsolete]
    fuzzy = sum(1 for e in active if e.fuzzy)
    translated = sum(1 for e in active if e.translated())
    coverage = Coverage(lang, translated, fuzzy, len(active) - translated - fuzzy)
    return coverage, problems


def coverage_shortfall(
    settings: Settings, coverage: Coverage, text: str, warning: bool = False
) -> list[Problem]:
    """A problem when a language is below its threshold (``catalog-coverage``), then one per
    entry that is missing: the translators' to-do list."""
    wanted = settings.catalog_coverage.get(coverage.lang, 100.0)
    if coverage.percent >= wanted:
        return []
    shown = settings.relative(po_path(settings, coverage.lang))
    found = [
        Problem(
            shown,
            None,
            f"{coverage}; 'catalog-coverage' asks for {wanted:g}%",
            warning=warning,
        )
    ]
    for entry in polib.pofile(text):
        if not entry.obsolete and not entry.translated():
            state = "fuzzy (review it, then remove 'fuzzy')" if entry.fuzzy else "untranslated"
            found.append(
                Problem(shown, entry.linenum, f"{state}: {quote(entry.msgid)}", warning=warning)
            )
    return found


def placeholders(text: str) -> set[str]:
    return {
        match.group(0) for match in PLACEHOLDER.finditer(text.replace("%%", "").replace("{{", ""))
    }


def _placeholder_problem(source: list[str], strings: list[str]) -> str | None:
    """Why the translated ``strings`` do not fit the msgid (and plural) ``source``, or None.

    A translation may use no placeholder its source lacks (rendering it would fail); a
    singular keeps every placeholder of its msgid; every plural form keeps the plural's,
    except the count, which a form for exactly one may spell out.

    >>> _placeholder_problem(["Hello %(name)s"], ["Hej %(namn)s"])
    'placeholders differ: the msgid has %(name)s, the translation has %(namn)s'
    >>> _placeholder_problem(["%(num)d job", "%(num)d jobs"], ["ett jobb", "%(num)d jobb"]) is None
    True
    """
    allowed = set().union(*map(placeholders, source))
    needed = placeholders(source[-1]) - (
        {m for m in allowed if "(num)" in m} if len(source) > 1 else set()
    )
    for string in strings:
        used = placeholders(string)
        if used - allowed or needed - used:
            return (
                f"placeholders differ: the msgid has {' '.join(sorted(allowed)) or 'none'}, "
                f"the translation has {' '.join(sorted(used)) or 'none'}"
            )
    return None


def mismatch(message: Message) -> bool:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return _placeholder_problem(ids, strings) is not None


def quote(msgid: str) -> str:
    shown = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return json.dumps(shown, ensure_ascii=False)

"""The glossary: names that never change, and terms that always translate the same way.

``locale/glossary.csv`` is a CSV file a translator edits by hand (or in a spreadsheet). Its
header names the columns: one per site language (the first is the one each row is about),
then ``note`` and ``keep``::

    sv,en,note,keep
    Digidem Lab,,our name,yes
    medborgarbudget,participatory budget,"the process, not the money",

A row with ``keep`` set to ``yes`` is a name: it stays as it is in every language, and the
engines never see it. Any other row is a preferred term: where the term (or an inflection of
it) is in a source text, its translation must hold the row's term in the target language (or
an inflection of that). Matching is case-insensitive and on whole words; ``inflections.MATCHERS``
says which inflections count per language.

``loads``/``dumps`` are a pair: the pipeline never reorders or rewrites the file, and a file
written back from what was read is the same, byte for byte.

>>> glossary = loads("sv,en,note,keep\\nGöteborg,Gothenburg,,\\n", ["sv", "en"])
>>> [(str(o), kept) for o, kept in glossary.uses("Vi bor i Göteborgs skärgård.",
...                                              "We live in Göteborg.", "sv", "en")]
[("'Göteborgs' should be 'Gothenburg' (locale/glossary.csv:2)", False)]
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.translate.inflections import name_pattern, needle, term_pattern

FILE = "glossary.csv"
SHOWN = f"locale/{FILE}"
NOTE, KEEP = "note", "keep"
YES, NO = "yes", ("", "no")


@dataclass(frozen=True)
class Term:
    """One row: its forms by language, its note, whether it is a name to keep, its line."""

    forms: dict[str, str]
    note: str = ""
    keep: bool = False
    line: int = 0


@dataclass(frozen=True)
class Occurrence:
    """A glossary term found in a source text; ``str`` says what its translation must hold."""

    found: str  # the source's words, as written
    wanted: tuple[str, ...]  # any one of these would do
    keep: bool
    line: int
    term: str = ""  # the glossary's own form of what was found

    def __str__(self) -> str:
        where = f"{SHOWN}:{self.line}"
        if self.keep:
            return f"'{self.found}' is a name to keep as it is ({where})"
        wanted = " or ".join(f"'{w}'" for w in self.wanted)
        return f"'{self.found}' should be {wanted} ({where})"


class Rule(NamedTuple):
    """What the glossary asks of a translation: a term in the source language, the terms
    that would do in the target, and its (first) row."""

    have: str
    wanted: tuple[str, ...]
    term: Term


@dataclass
class Glossary:
    """The terms of ``locale/glossary.csv``, with what is needed to write it back unchanged."""

    header: list[str] = field(default_factory=list)
    records: list[tuple[list[str], str]] = field(default_factory=list)
    """Every record of the file (the header first) with its text as written, quotes,
    spaces and line ends included: what ``dumps`` writes back."""
    terms: list[Term] = field(default_factory=list)  # the sound rows
    problems: list[Problem] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # the language columns, in order
    bom: bool = False
    _patterns: dict[tuple[str, str], re.Pattern[str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _rules: dict[tuple[str, str], list[Rule]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def pattern(self, term: str, lang: str, keep: bool = False) -> re.Pattern[str]:
        """The (cached) pattern of ``term`` in ``lang``."""
        key = (term if keep else term.casefold(), "" if keep else lang)
        if key not in self._patterns:
            self._patterns[key] = name_pattern(term) if keep else term_pattern(term, lang)
        return self._patterns[key]

    def names(self, lang: str) -> list[str]:
        """The names to keep that a text in ``lang`` may hold, longest first (so that
        "Decidim Association" is one name, not "Decidim" and a word)."""
        found = {t.forms.get(lang) or t.forms[self.key] for t in self.terms if t.keep}
        return sorted(found, key=lambda n: (-len(n), n))

    def name_spans(self, text: str, lang: str) -> Iterator[tuple[int, int]]:
        """Where the names to keep are in ``text``, from left to right."""
        key = ("names", lang)
        if key not in self._patterns:
            names = [self.pattern(name, lang, keep=True).pattern for name in self.names(lang)]
            self._patterns[key] = re.compile("|".join(names) or "(?!)")
        for match in self._patterns[key].finditer(text):
            yield match.span()

    def without_names(self, text: str, lang: str) -> str:
        """``text`` with each name to keep replaced by a space."""
        parts, position = [], 0
        for begin, end in self.name_spans(text, lang):
            parts += [text[position:begin], " "]
            position = end
        return "".join(parts) + text[position:]

    @property
    def key(self) -> str:
        """The language each row is about (the first language column)."""
        return self.languages[0] if self.languages else ""

    def rules(self, source: str, target: str) -> list[Rule]:
        """What the glossary asks of a translation from ``source`` to ``target``: each
        source term, the target terms that would do, and its (first) row."""
        if (source, target) not in self._rules:
            self._rules[source, target] = self._make_rules(source, target)
        return self._rules[source, target]

    def mentions(self, text: str, source: str, target: str) -> bool:
        """Whether ``text`` may hold a term or name of ``rules(source, target)``: a quick
        test (no pattern) before a text is looked at closely."""
        folded = text.casefold()
        return any(needle(have) in folded for have, _, _ in self.rules(source, target))

    def _make_rules(self, source: str, target: str) -> list[Rule]:
        wanted: dict[str, Rule] = {}
        for term in self.terms:
            have = term.forms.get(source) or (term.forms[self.key] if term.keep else "")
            want = term.forms.get(target) or (have if term.keep else "")
            if not have or not want:
                continue
            folded = have if term.keep else have.casefold()
            if folded in wanted:  # another row with this source term: either one will do
                first, others, row = wanted[folded]
                if want not in others:
                    wanted[folded] = (first, (*others, want), row)
            else:
                wanted[folded] = (have, (want,), term)
        return list(wanted.values())

    def uses(
        self, source_text: str, target_text: str, source: str, target: str
    ) -> list[tuple[Occurrence, bool]]:
        """Each glossary term in ``source_text`` (in the order of the glossary), and whether
        its translation ``target_text`` (in ``target``) holds what the glossary asks."""
        found = []
        # A term inside a name is part of the name (Bostadsbolaget, a company, is not one of
        # the housing companies): terms are looked for in the text outside the names.
        texts = {
            True: (source_text, target_text),
            False: (
                self.without_names(source_text, source),
                self.without_names(target_text, target),
            ),
        }
        folded = source_text.casefold()
        for have, wants, term in self.rules(source, target):
            if needle(have) not in folded:
                continue  # (a quick test: a pattern search costs more)
            source_part, target_part = texts[term.keep]
            match = self.pattern(have, source, term.keep).search(source_part)
            if match is None:
                continue
            kept = any(self.pattern(w, target, term.keep).search(target_part) for w in wants)
            miss = Occurrence(" ".join(match.group().split()), wants, term.keep, term.line, have)
            found.append((miss, kept))
        return found


def loads(text: str, languages: Sequence[str], shown: str = SHOWN) -> Glossary:
    """The glossary in ``text``; every problem found is in its ``problems`` (its sound rows
    are still used).

    >>> [str(p) for p in loads("sv,en,note,keep\\nkommun,municipality\\n", ["sv", "en"]).problems]
    ['locale/glossary.csv:2: 2 cells, but the header names 4 columns (sv, en, note, keep)']
    """
    glossary = Glossary(bom=text.startswith("\ufeff"))
    problems = glossary.problems
    numbered = _records(text.removeprefix("\ufeff"), shown, problems)
    records = glossary.records = [(cells, raw) for _, cells, raw in numbered]
    if not records:
        columns = ",".join([*languages[:2], NOTE, KEEP])
        problems.append(
            Problem(shown, 1, f"no header: the first line names the columns: {columns}")
        )
        return glossary
    header = glossary.header = [cell.strip() for cell in records[0][0]]
    if not _header_sound(header, languages, shown, problems):
        return glossary
    langs = glossary.languages = [c for c in header if c not in (NOTE, KEEP)]
    seen: dict[str, int] = {}
    for line, cells, _ in numbered[1:]:
        if not cells:
            continue
        term = _term(cells, header, langs, line, shown, problems)
        if term is None:
            continue
        folded = " ".join(term.forms[langs[0]].casefold().split())
        if folded in seen:
            problems.append(
                Problem(shown, line, f"'{term.forms[langs[0]]}' is already on line {seen[folded]}")
            )
            continue
        seen[folded] = line
        glossary.terms.append(term)
    problems.sort(key=lambda p: p.line or 0)
    return glossary


def dumps(glossary: Glossary) -> str:
    """The glossary as CSV text: every record as it was written, in its order."""
    return ("\ufeff" if glossary.bom else "") + "".join(raw for _, raw in glossary.records)


def load(settings: Settings) -> Glossary:
    """The glossary of the site at ``settings.root``; an empty one if it has none."""
    path = settings.locale_dir / FILE
    shown = settings.relative(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Glossary()
    except OSError as error:
        return Glossary(problems=[Problem(shown, None, f"cannot be read: {error.strerror}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            f"not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded); "
            "save the glossary as UTF-8 CSV"
        )
        return Glossary(problems=[Problem(shown, line, message)])
    return loads(text, settings.languages, shown)


def _records(text: str, shown: str, problems: list[Problem]) -> list[tuple[int, list[str], str]]:
    """Each CSV record with the line it starts on and its text; a quote left open ends the
    reading (what follows it would be one cell)."""
    lines = list(io.StringIO(text, newline=""))  # the lines as csv reads them, ends kept
    reader = csv.reader(lines, strict=True)
    records = []
    start = 0
    try:
        for cells in reader:
            records.append((start + 1, cells, "".join(lines[start : reader.line_num])))
            start = reader.line_num
    except csv.Error as error:
        message = (
            'a quoted cell starts here and is never closed (a missing ")'
            if "unexpected end of data" in str(error)
            else f"not valid CSV: {error}"
        )
        problems.append(Problem(shown, start + 1, message))
        records.append((start + 1, [], "".join(lines[start:])))  # kept as written, unread
    return records


def _header_sound(
    header: list[str], languages: Sequence[str], shown: str, problems: list[Problem]
) -> bool:
    wanted = f"{', '.join(languages)}, then {NOTE} and {KEEP}"
    before = len(problems)
    for index, column in enumerate(header):
        if column not in (*languages, NOTE, KEEP):
            problems.append(Problem(shown, 1, f"unknown column '{column}' (columns: {wanted})"))
        elif column in header[:index]:
            problems.append(Problem(shown, 1, f"column '{column}' is named twice"))
    langs = [c for c in header if c in languages]
    if len(set(langs)) < 2 or NOTE not in header or KEEP not in header:
        missing = [c for c in (*languages[:2], NOTE, KEEP) if c not in header]
        if missing:
            problems.append(Problem(shown, 1, f"the header lacks {', '.join(missing)}"))
    elif header[0] not in languages:
        problems.append(Problem(shown, 1, f"the first column must be a language ({wanted})"))
    return len(problems) == before


def _term(
    cells: list[str],
    header: list[str],
    langs: list[str],
    line: int,
    shown: str,
    problems: list[Problem],
) -> Term | None:
    if len(cells) != len(header):
        problems.append(
            Problem(
                shown,
                line,
                f"{len(cells)} cells, but the header names {len(header)} columns "
                f"({', '.join(header)})",
            )
        )
        return None
    values = {column: " ".join(cell.split()) for column, cell in zip(header, cells, strict=True)}
    keep = values[KEEP].casefold()
    if keep != YES and keep not in NO:
        problems.append(Problem(shown, line, f"keep must be 'yes', 'no' or empty, not '{keep}'"))
        return None
    forms = {lang: values[lang] for lang in langs}
    key = forms[langs[0]]
    if not key:
        problems.append(Problem(shown, line, f"no '{langs[0]}' term"))
        return None
    if keep == YES:
        other = next((f for f in forms.values() if f and f != key), None)
        if other is not None:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"'{key}' is a name to keep, but is written '{other}' in another language; "
                    "leave the other languages empty, or write the name the same",
                )
            )
            return None
    elif not any(forms[lang] for lang in langs[1:]):
        problems.append(
            Problem(
                shown,
                line,
                f"'{key}' has no translation; give one, or set keep to 'yes' for a name",
            )
        )
        return None
    return Term(forms, values[NOTE], keep == YES, line)

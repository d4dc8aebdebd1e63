"""Stage 3, i18n: the UI strings of the templates, through gettext catalogs.

``pipeline i18n`` extracts the strings marked in ``pipeline/templates/`` (as ``babel.cfg``
says) into ``locale/messages.pot``, updates ``locale/<lang>/LC_MESSAGES/messages.po`` for every
site language (new strings untranslated, changed strings fuzzy with their previous msgid,
removed strings obsolete), compiles ``messages.mo`` and reports coverage per language.

Babel extracts, updates and compiles. It is lenient where a site must not be: ``pybabel
compile`` writes an entry whose placeholders are wrong (and rendering it would then fail) and
its statistics count fuzzy entries as translated. So the catalogs are read back with polib for
coverage and lists, placeholders are compared here, and only entries that are translated, not
fuzzy and sound reach the ``.mo``.

Output is stable: a file is rewritten only when more than its dates or Babel's version would
change, so a second run changes no committed file.
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import polib
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from pipeline.config import Settings
from pipeline.content.tree import Content
from pipeline.errors import Problem
from pipeline.files import write_atomic
from pipeline.i18n.catalogs import (
    CatalogError,
    gettext_name,
    mo_path,
    po_path,
    pot_path,
)
from pipeline.report import Report

BABEL_CFG = "babel.cfg"
SOURCE_LANGUAGE = "en"  # the language the templates' msgids are written in
COMMENT_TAGS = ("Translators:",)
HEADER_COMMENT = "# UI strings of the site's templates (see README: UI strings).\n#"
# Header lines that change with the clock or the machine, not with the strings.
VOLATILE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*"$', re.M)
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>\w+)\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"  # %(name)s, %d
    r"|\{(?P<brace>\w*)(?:[!:][^{}]*)?\}"  # {name}, {0:>3}
)

Translate = Callable[[Sequence[str], str, str], list[str]]
"""``translate(texts, source_lang, target_lang)``: the translate stage's engine with its
masking of placeholders, as ``i18n --fill`` uses it (see ``fill``)."""

Note = Callable[[str, str, str, str], str | None]
"""``note(text, suggestion, source_lang, target_lang)``: what a translator reviewing a
machine suggestion should know about it (the glossary's terms it breaks), or None."""


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


@dataclass
class I18nReport(Report):
    """What ``i18n`` wrote and the coverage of every language."""

    coverage: list[Coverage] = field(default_factory=list)
    written: int = 0
    filled: int = 0

    def summary(self) -> str:
        """``i18n: 2 catalogs, 1 file written`` after a line of coverage per language."""
        fill = f", {self.filled} machine suggestions" if self.filled else ""
        return f"i18n: {len(self.coverage)} catalogs, {self.written} files written{fill}"

    def lines(self) -> list[str]:
        """The coverage lines, then the summary."""
        return [*self.done, *map(str, self.coverage), self.summary()]


def i18n(
    settings: Settings,
    translate: Translate | None = None,
    engine: str = "",
    note: Note | None = None,
) -> I18nReport:
    """Extract, update, (with ``translate``: fill, each suggestion annotated by ``note``,)
    compile; report coverage.

    Catalog errors (a broken placeholder, an unreadable ``.po``) are errors; a language below
    its coverage threshold is a warning here and an error in ``check``.
    """
    report = I18nReport()
    template = extract(settings)
    _keep_creation_date(settings, template)
    report.written += _write_stable(pot_path(settings), _po_text(template))
    for lang in settings.languages:
        path = po_path(settings, lang)
        try:
            catalog = updated(settings, lang, template)
        except PoFileError as error:
            report.problems.append(_not_compiled(settings.relative(path), error))
            continue
        if translate is not None:
            report.filled += fill(catalog, lang, translate, engine, note)
        text = _po_text(catalog)
        report.written += _write_stable(path, text)
        coverage, problems = audit(settings, lang, text)
        report.problems += problems
        report.problems += coverage_shortfall(settings, coverage, text, warning=True)
        report.coverage.append(coverage)
        report.written += write_atomic(mo_path(settings, lang), compiled(catalog))
    return report


def extract(settings: Settings) -> Catalog:
    """The UI strings of the templates, as ``babel.cfg`` in the site root maps them."""
    config = settings.root / BABEL_CFG
    if not config.is_file():
        raise CatalogError(
            "missing: it tells 'pipeline i18n' where the templates are (see README: UI strings)",
            BABEL_CFG,
        )
    with config.open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    template = Catalog(project="pipeline", version="templates", header_comment=HEADER_COMMENT)
    current: list[str] = []
    try:
        for name, line, message, comments, context in extract_from_dir(
            str(settings.root),
            method_map,
            options_map,
            comment_tags=COMMENT_TAGS,
            callback=lambda name, method, options: current.append(name),
            strip_comment_tags=True,
        ):
            template.add(message, None, [(name, line)], auto_comments=comments, context=context)
    except jinja2.TemplateSyntaxError as error:
        where = current[-1] if current else None
        raise CatalogError(f"template syntax error: {error.message}", where, error.lineno) from None
    return template


def updated(settings: Settings, lang: str, template: Catalog) -> Catalog:
    """The language's catalog brought up to date with ``template`` (created if missing).

    Obsolete entries whose msgid comes back are revived with their translation, as
    ``msgmerge`` does; Babel alone would leave them obsolete and the string untranslated.
    """
    path = po_path(settings, lang)
    if path.is_file():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=gettext_name(lang), abort_invalid=True)
    else:
        catalog = Catalog(
            locale=gettext_name(lang),
            project="pipeline",
            version="templates",
            header_comment=HEADER_COMMENT,
            language_team=f"{Locale.parse(lang, sep='-').english_name} translators of the site",
            last_translator="the site's translators",
        )
    previous = {m.id: _take_previous_id(m) for m in [*catalog, *catalog.obsolete.values()]}
    for key, message in list(catalog.obsolete.items()):
        if key not in catalog:
            catalog[message.id] = message
    catalog.obsolete.clear()
    # Babel puts the template's own Message objects into the catalog for new strings: a copy
    # keeps one language's translations out of the next language's catalog.
    catalog.update(copy.deepcopy(template), update_header_comment=False)
    catalog.fuzzy = False  # the header is the pipeline's; only entries are ever fuzzy
    for message in catalog:
        # Babel sets a previous msgid only when it finds a string changed; one found on an
        # earlier run stays while the entry is fuzzy, as msgmerge keeps it.
        if message.fuzzy and not message.previous_id and previous.get(message.id):
            message.previous_id = previous[message.id]
    return catalog


PREVIOUS_LINE = re.compile(r'^\| (?:(?P<keyword>msgctxt|msgid|msgid_plural) )?(?P<text>".*")$')


def _take_previous_id(message: Message) -> list[str]:
    """Take the previous msgid (``#| msgid "..."``) out of ``message``'s comments.

    Babel writes these lines but reads them back as translator comments (``| msgid ...``),
    which the next write would keep as ``# | msgid ...`` and pile up run after run.

    >>> message = Message("Read more here", user_comments=['| msgid "Read more"', "note"])
    >>> _take_previous_id(message), message.user_comments
    (['Read more'], ['note'])
    """
    parts: list[list[str]] = []
    current: list[str] | None = None
    kept = []
    for comment in message.user_comments:
        line = PREVIOUS_LINE.match(comment)
        if line is None:
            kept.append(comment)
        elif line.group("keyword") in ("msgid", "msgid_plural"):
            current = [line.group("text")]
            parts.append(current)
        elif line.group("keyword") == "msgctxt":
            current = None  # a previous context: not kept
        elif current is not None:
            current.append(line.group("text"))
    message.user_comments = kept
    return [denormalize("\n".join(part)) for part in parts]


def fill(
    catalog: Catalog, lang: str, translate: Translate, engine: str, note: Note | None = None
) -> int:
    """Fill every untranslated entry with a machine suggestion, marked fuzzy.

    Fuzzy entries are shown to translators as suggestions and never compiled until a
    translator reviews them (removes the ``fuzzy`` flag). Msgids are English: an English
    catalog gets the msgid itself as its suggestion. A suggestion whose placeholders do not
    match is dropped; what ``note`` says of a suggestion (the glossary's terms it breaks) is
    a translator comment on its entry. Returns how many entries were filled.
    """
    todo = [m for m in catalog if m.id and not m.fuzzy and not _complete(m)]
    sources = [text for m in todo for text in _sources(m, catalog.num_plurals)]
    copied = Locale.parse(lang, sep="-").language == SOURCE_LANGUAGE
    if copied:
        suggestions = list(sources)
    else:
        suggestions = translate(sources, SOURCE_LANGUAGE, lang) if sources else []
    filled = 0
    position = 0
    for message in todo:
        count = len(_sources(message, catalog.num_plurals))
        texts = suggestions[position : position + count]
        position += count
        if not all(texts) or any(
            _placeholders(t) != _placeholders(s)
            for t, s in zip(texts, _sources(message, catalog.num_plurals), strict=True)
        ):
            continue  # no suggestion (the engine gave none) or a wrong one
        message.string = tuple(texts) if message.pluralizable else texts[0]
        message.flags.add("fuzzy")
        comments = [f"machine suggestion ({engine or 'engine'}); review it and remove 'fuzzy'"]
        if note is not None and not copied:
            pairs = zip(_sources(message, catalog.num_plurals), texts, strict=True)
            comments += [n for s, t in pairs if (n := note(s, t, SOURCE_LANGUAGE, lang))]
        for comment in dict.fromkeys(comments):
            if comment not in message.user_comments:
                message.user_comments.append(comment)
        filled += 1
    return filled


def _sources(message: Message, num_plurals: int) -> list[str]:
    if not message.pluralizable:
        return [str(message.id)]
    singular, plural = message.id[0], message.id[1]
    return [singular] + [plural] * (num_plurals - 1)


def _complete(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` of ``catalog``: only entries that are translated, not fuzzy and whose
    placeholders match their msgid (Babel alone would compile broken ones)."""
    sound = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
    sound.mime_headers = catalog.mime_headers
    for message in catalog:
        if message.id and not message.fuzzy and _complete(message) and not _mismatch(message):
            sound[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, sound)
    return buffer.getvalue()


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
            problems.append(Problem(shown, entry.linenum, f"{_quote(entry.msgid)}: {wrong}"))
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
                Problem(shown, entry.linenum, f"{state}: {_quote(entry.msgid)}", warning=warning)
            )
    return found


def catalog_problems(settings: Settings, content: Content) -> list[Problem]:
    """The catalogs as ``check`` sees them: every site language has a complete, sound,
    up-to-date catalog. Sites without ``babel.cfg`` have no UI catalogs to check."""
    if not (settings.root / BABEL_CFG).is_file():
        return []
    try:
        template = extract(settings)
    except CatalogError as error:
        return [error.as_problem()]
    wanted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in template if m.id}
    problems = _stale_pot(settings, wanted)
    for lang in settings.languages:
        path = po_path(settings, lang)
        shown = settings.relative(path)
        if not path.is_file():
            problems.append(Problem(shown, None, "missing; run 'pipeline i18n' (make i18n)"))
            continue
        text = path.read_text(encoding="utf-8")
        coverage, found = audit(settings, lang, text)
        problems += found
        if any("cannot be read" in p.message for p in found):
            continue
        problems += _compile_problems(shown, text, lang)
        problems += _stale_mo(settings, lang, text)
        problems += _missing_strings(shown, text, wanted)
        problems += coverage_shortfall(settings, coverage, text)
    return problems


def _stale_pot(settings: Settings, wanted: dict[str, Message]) -> list[Problem]:
    path = pot_path(settings)
    shown = settings.relative(path)
    if not path.is_file():
        return [Problem(shown, None, "missing; run 'pipeline i18n' (make i18n)")]
    have = {e.msgid for e in polib.pofile(path.read_text(encoding="utf-8")) if not e.obsolete}
    if have == set(wanted):
        return []
    return [
        Problem(
            shown,
            None,
            f"out of date with the templates ({len(set(wanted) - have)} new, "
            f"{len(have - set(wanted))} removed strings); run 'pipeline i18n' (make i18n)",
        )
    ]


def _missing_strings(shown: str, text: str, wanted: dict[str, Message]) -> list[Problem]:
    have = {e.msgid for e in polib.pofile(text) if not e.obsolete}
    problems = []
    for msgid in wanted.keys() - have:
        name, line = wanted[msgid].locations[0]
        problems.append(
            Problem(
                shown,
                None,
                f"{_quote(msgid)} ({name}:{line}) is not in the catalog; "
                "run 'pipeline i18n' (make i18n)",
            )
        )
    return sorted(problems)


def _compile_problems(shown: str, text: str, lang: str) -> list[Problem]:
    """What Babel reports while compiling (its checkers), except placeholders (``audit``
    reports those, in its own words)."""
    try:
        catalog = read_po(io.StringIO(text), locale=gettext_name(lang), abort_invalid=True)
    except PoFileError as error:
        return [_not_compiled(shown, error)]
    problems = []
    for message, errors in catalog.check():
        if message.fuzzy or _mismatch(message):
            continue
        for error in errors:
            problems.append(Problem(shown, message.lineno, f"{_quote(str(message.id))}: {error}"))
    return problems


def _stale_mo(settings: Settings, lang: str, text: str) -> list[Problem]:
    """A compiled catalog that is not what its ``.po`` compiles to (a translator edited the
    ``.po`` since): the build would show the old strings. A missing ``.mo`` is the build's
    to report; ``make`` compiles before it builds."""
    path = mo_path(settings, lang)
    try:
        have = path.read_bytes()
        catalog = read_po(io.StringIO(text), locale=gettext_name(lang))
    except (OSError, PoFileError):
        return []
    if have == compiled(catalog):
        return []
    message = "compiled from an older messages.po; run 'pipeline i18n' (make i18n)"
    return [Problem(settings.relative(path), None, message)]


def _not_compiled(shown: str, error: PoFileError) -> Problem:
    """Babel's complaint about a ``.po`` as a problem: its 0-based line made 1-based, and
    the line taken out of its message ("... on 65")."""
    message = re.sub(r" on \d+$", "", str(error))
    return Problem(shown, error.lineno + 1, f"cannot be compiled: {message}")


def _placeholders(text: str) -> set[str]:
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
    allowed = set().union(*map(_placeholders, source))
    needed = _placeholders(source[-1]) - (
        {m for m in allowed if "(num)" in m} if len(source) > 1 else set()
    )
    for string in strings:
        used = _placeholders(string)
        if used - allowed or needed - used:
            return (
                f"placeholders differ: the msgid has {' '.join(sorted(allowed)) or 'none'}, "
                f"the translation has {' '.join(sorted(used)) or 'none'}"
            )
    return None


def _mismatch(message: Message) -> bool:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return _placeholder_problem(ids, strings) is not None


def _quote(msgid: str) -> str:
    shown = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return json.dumps(shown, ensure_ascii=False)


def _po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    # File names without line numbers: editing a template does not touch every catalog.
    write_po(
        buffer,
        catalog,
        width=76,
        include_previous=True,
        include_lineno=False,
        ignore_obsolete=True,
    )
    return buffer.getvalue().decode("utf-8") + _obsolete_text(catalog)


def _obsolete_text(catalog: Catalog) -> str:
    """The obsolete entries (``#~``) with their flags, which Babel's writer drops.

    A fuzzy entry must stay fuzzy while obsolete: if its string comes back, the unreviewed
    translation returns as a suggestion, not as a reviewed one that would be compiled.
    """
    if not catalog.obsolete:
        return ""
    entries = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
    for message in catalog.obsolete.values():
        entries[message.id] = copy.copy(message)
    buffer = io.BytesIO()
    # Three columns narrower, so that the lines stay within 76 with their "#~ ".
    write_po(buffer, entries, width=73, omit_header=True, no_location=True)
    return "".join(
        line if line.startswith("#") or not line.strip() else f"#~ {line}"
        for line in buffer.getvalue().decode("utf-8").splitlines(keepends=True)
    )


def _keep_creation_date(settings: Settings, template: Catalog) -> None:
    """Give ``template`` the creation date of the committed ``.pot`` when its strings are the
    same, so that neither the catalogs nor the compiled ``.mo`` change with the clock."""
    path = pot_path(settings)
    if not path.is_file():
        return
    fresh = template.creation_date
    with path.open("rb") as stream:
        template.creation_date = read_po(stream).creation_date
    if _stable_part(path.read_text(encoding="utf-8")) != _stable_part(_po_text(template)):
        template.creation_date = fresh


def _stable_part(text: str) -> str:
    return VOLATILE.sub("", text)


def _write_stable(path: Path, text: str) -> bool:
    """Write ``text`` unless the file differs from it only in volatile header lines."""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if _stable_part(old) == _stable_part(text):
            return False
    return write_atomic(path, text)

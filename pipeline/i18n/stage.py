"""Stage 3, i18n: the UI strings of the templates, through gettext catalogs.

``pipeline i18n`` extracts the strings marked in ``pipeline/templates/`` (as ``babel.cfg``
says) into ``locale/messages.pot``, updates ``locale/<lang>/LC_MESSAGES/messages.po`` for every
site language (new strings untranslated, changed strings fuzzy with their previous msgid,
removed strings obsolete), compiles ``messages.mo`` and reports coverage per language.

Babel extracts, updates and compiles. It is lenient where a site must not be: ``pybabel
compile`` writes an entry whose placeholders are wrong (and rendering it would then fail) and
its statistics count fuzzy entries as translated. So the catalogs are read back with polib for
coverage and lists, placeholders are compared (``coverage``), and only entries that are
translated, not fuzzy and sound reach the ``.mo``. What ``check`` reports of the catalogs is
``problems``.

Output is stable: a file is rewritten only when more than its dates or Babel's version would
change, so a second run changes no committed file.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.files import write_atomic
from pipeline.i18n.catalogs import CatalogError, gettext_name, mo_path, po_path, pot_path
from pipeline.i18n.coverage import Coverage, audit, coverage_shortfall, mismatch, placeholders
from pipeline.report import Report

BABEL_CFG = "babel.cfg"
SOURCE_LANGUAGE = "en"  # the language the templates' msgids are written in
COMMENT_TAGS = ("Translators:",)
HEADER_COMMENT = "# UI strings of the site's templates (see README: UI strings).\n#"
# Header lines that change with the clock or the machine, not with the strings.
VOLATILE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*"$', re.M)

Translate = Callable[[Sequence[str], str, str], list[str]]
"""``translate(texts, source_lang, target_lang)``: the translate stage's engine with its
masking of placeholders, as ``i18n --fill`` uses it (see ``fill``)."""

Note = Callable[[str, str, str, str], str | None]
"""``note(text, suggestion, source_lang, target_lang)``: what a translator reviewing a
machine suggestion should know about it (the glossary's terms it breaks), or None."""


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
            report.problems.append(not_compiled(settings.relative(path), error))
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
            placeholders(t) != placeholders(s)
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
        if message.id and not message.fuzzy and _complete(message) and not mismatch(message):
            sound[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, sound)
    return buffer.getvalue()


def not_compiled(shown: str, error: PoFileError) -> Problem:
    """Babel's complaint about a ``.po`` as a problem: its 0-based line made 1-based, and
    the line taken out of its message ("... on 65")."""
    message = re.sub(r" on \d+$", "", str(error))
    return Problem(shown, error.lineno + 1, f"cannot be compiled: {message}")


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

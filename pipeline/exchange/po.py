"""Drafts as a gettext PO file (polib), for Poedit, Weblate, OmegaT, Lokalize and the like.

One entry per unit (``units.Unit``): ``msgctxt`` is the unit's id (``ref:block``), ``msgid``
the original's text and ``msgstr`` the draft's, both with the placeholders the engines get
(``⟦1⟧``), and an extracted comment (``#.``, the translators' comment xgettext writes)
that says what each one stands for and that each must stay, once. The reference
(``#: content/en/a.md:7``) is where the draft holds the block. Machine text is ``fuzzy``;
reviewed blocks are plain entries. A suggestion from the memory is an extracted comment
(``#. memory, 85 % alike: ...``), never the ``msgstr``.

The header names the languages (``Language``, ``X-Source-Language``); dates are fixed, so
the same drafts export to the same bytes. ``import_`` reads the file back through
``writeback``: an entry without ``fuzzy`` is final.
"""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.exchange import ExportRequest, deliver
from pipeline.exchange.drafts import collect
from pipeline.exchange.units import Unit, find_stamp
from pipeline.exchange.writeback import ImportReport, Returned, write_back
from pipeline.report import Report, counted

HEADER = (
    "Drafts of the site to translate, {source} -> {target}; written by 'pipeline export'.\n"
    "Each entry is one block of a draft (msgctxt: ref:block). Keep every placeholder "
    "⟦n⟧ once;\nunmark 'fuzzy' when a translation is right, then 'pipeline import FILE'."
)
SOURCE_LANGUAGE = "X-Source-Language"


def export(settings: Settings, request: ExportRequest) -> Report:
    """The drafts of the request as one PO file."""
    source, target, units, report = collect(settings, request)
    catalog = polib.POFile(wrapwidth=0)
    catalog.header = HEADER.format(source=source, target=target)
    catalog.metadata = {
        "Project-Id-Version": f"drafts {source}-{target}",
        "PO-Revision-Date": "1970-01-01 00:00+0000",
        "Last-Translator": "see git log",
        "Language-Team": "none",
        "Language": target,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        SOURCE_LANGUAGE: source,
    }
    for unit in units:
        catalog.append(entry(unit))
    drafts = len({u.ref for u in units})
    what = f"{counted(len(units), 'unit')} of {counted(drafts, 'draft')}"
    return deliver(request, str(catalog) + "\n", report, what)


def entry(unit: Unit) -> polib.POEntry:
    """The PO entry of ``unit``."""
    comments = [f"{unit.kind}; {unit.stamp}"]
    if unit.placeholders_note():
        comments.append(unit.placeholders_note())
    if unit.suggestion is not None:
        found = unit.suggestion
        comments.append(f"memory, {found.similarity} % alike: {found.source!r} = {found.target!r}")
    return polib.POEntry(
        msgctxt=unit.id,
        msgid=unit.masking.text,
        msgstr=unit.masked_target,
        comment="\n".join(comments),
        occurrences=[(unit.file, str(unit.line) if unit.line else "")],
        flags=[] if unit.final else ["fuzzy"],
    )


def import_(settings: Settings, path: Path, shown: str) -> Report:
    """Write the file's translations back into the drafts (``writeback``)."""
    try:
        catalog = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=0)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return ImportReport(problems=[_unreadable(shown, error)])
    lang = catalog.metadata.get("Language", "")
    if lang not in settings.languages:
        message = f"the header's Language is {lang!r}, not one of the site's languages"
        return ImportReport(problems=[Problem(shown, 1, message)])
    units = [
        Returned(
            item.msgctxt or "",
            item.msgid,
            item.msgstr,
            not item.fuzzy,
            item.linenum,
            find_stamp(item.comment),
        )
        for item in catalog
        if not item.obsolete
    ]
    return write_back(settings, lang, units, shown)


def _unreadable(shown: str, error: Exception) -> Problem:
    """``file.po:12: not a readable PO file: syntax error``, from polib's message."""
    text = str(error)
    line = None
    if "(line " in text:
        number = text.rsplit("(line ", 1)[1].rstrip(")")
        line = int(number) if number.isdigit() else None
        text = text.rsplit(" (line ", 1)[0]
    return Problem(shown, line, f"not a readable PO file: {text}")

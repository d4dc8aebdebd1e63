"""The glossary as TBX-Basic (translate-toolkit), for Weblate's glossary and CAT tools' term
bases, and back. ``locale/glossary.csv`` stays the file people edit.

``export`` writes each sound row of the glossary as a ``termEntry`` with a ``langSet`` per
language that has a term (``<martif type="TBX-Basic">``, TBX-Basic's core structure). A row's
note is a ``<note>``; a name to keep (``keep=yes``) has its one form in every language and
``<descrip type="Translation needed">no</descrip>``, the mark translate-toolkit and Weblate
read as a term not to be translated.

``import_`` adds each entry whose term in the glossary's first language is not in the CSV
yet as a new row at its end (the rows there are left as written, byte for byte); an entry
the CSV already holds otherwise is reported at its line in the TBX file, and the CSV's row
is kept. Terms in languages the site does not have are left out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lxml import etree
from translate.storage import tbx

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.exchange import ExportRequest, deliver
from pipeline.files import write_atomic
from pipeline.report import Report, counted
from pipeline.translate import glossary
from pipeline.translate.glossary import KEEP, NOTE, YES, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TRANSLATION_NEEDED = "Translation needed"
SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="{lang}">
<martifHeader><fileDesc><sourceDesc><p>locale/glossary.csv, written by pipeline export</p>\
</sourceDesc></fileDesc><encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>\
</martifHeader>
<text><body></body></text>
</martif>
"""


def export(settings: Settings, request: ExportRequest) -> Report:
    """The glossary's sound rows as TBX-Basic; its problems as warnings."""
    known = glossary.load(settings)
    report = Report(problems=[Problem(p.path, p.line, p.message, True) for p in known.problems])
    key = known.key or settings.default_language
    store = tbx.tbxfile(SKELETON.format(lang=key).encode("utf-8"), sourcelanguage=key)
    for term in known.terms:
        _add(store, term, known.languages)
    text = bytes(store).decode("utf-8")
    return deliver(request, text, report, counted(len(known.terms), "term"))


def _add(store: tbx.tbxfile, term: Term, languages: list[str]) -> None:
    key = languages[0]
    unit = store.addsourceunit(term.forms[key])
    for lang in languages[1:]:
        form = term.forms.get(lang) or (term.forms[key] if term.keep else "")
        if form:
            unit.set_target_terms([form], lang=lang)
    extras = []  # (a termEntry's notes come before its langSets)
    if term.keep:
        descrip = etree.Element(unit.namespaced("descrip"), type=TRANSLATION_NEEDED)
        descrip.text = "no"
        extras.append(descrip)
    if term.note:
        note = etree.Element(unit.namespaced("note"))
        note.text = term.note
        extras.append(note)
    for position, element in enumerate(extras):
        unit.xmlelement.insert(position, element)


def import_(settings: Settings, path: Path, shown: str) -> Report:
    """Add the file's new terms to ``locale/glossary.csv`` (see the module)."""
    report = Report()
    try:
        store = tbx.tbxfile(path.read_bytes())
    except (OSError, ValueError, etree.XMLSyntaxError) as error:
        line = getattr(error, "lineno", None)
        report.problems.append(Problem(shown, line, f"not a readable TBX file: {error}"))
        return report
    known = glossary.load(settings)
    file = settings.locale_dir / glossary.FILE
    if known.records and not known.languages:  # (its header is wrong: the CSV says how)
        report.problems += known.problems
        return report
    header = known.header or [*settings.languages, NOTE, KEEP]
    have = {" ".join(t.forms[header[0]].casefold().split()): t for t in known.terms}
    rows = []
    for unit in store.units:
        forms = _forms(unit)
        row = _row(forms, unit, header)
        folded = " ".join(forms.get(header[0], "").casefold().split())
        line = unit.xmlelement.sourceline
        if not folded:
            report.problems.append(Problem(shown, line, f"no '{header[0]}' term; left out", True))
        elif folded in have:
            if _differs(have[folded], row, header):
                where = f"{glossary.SHOWN}:{have[folded].line}"
                message = f"'{forms[header[0]]}' differs from {where}; the CSV's row is kept"
                report.problems.append(Problem(shown, line, message, True))
        else:
            have[folded] = Term({}, line=0)
            rows.append(row)
    if rows:
        write_atomic(file, _appended(glossary.dumps(known), header, rows))
    report.done.append(f"import: {counted(len(rows), 'term')} added to {glossary.SHOWN}")
    return report


def _forms(unit: tbx.tbxunit) -> dict[str, str]:
    """The unit's first term in each language."""
    forms = {}
    for language in unit.getlanguageNodes():
        lang = language.get(XML_LANG) or ""
        terms = [t.text for t in unit._get_terms(language) if t.text]
        if terms and lang not in forms:
            forms[lang] = " ".join(terms[0].split())
    return forms


def _row(forms: dict[str, str], unit: tbx.tbxunit, header: list[str]) -> list[str]:
    """The CSV row of a unit, in the columns of ``header``."""
    keep = not unit.istranslatable()
    key = forms.get(header[0], "")
    values = {NOTE: " ".join(unit.getnotes().split()), KEEP: YES if keep else ""}
    for lang in header:
        if lang not in (NOTE, KEEP):
            form = forms.get(lang, "")
            values[lang] = "" if keep and form == key and lang != header[0] else form
    return [values.get(column, "") for column in header]


def _differs(term: Term, row: list[str], header: list[str]) -> bool:
    ours = {lang: form for lang, form in term.forms.items() if form}
    theirs = {c: v for c, v in zip(header, row, strict=True) if c not in (NOTE, KEEP) and v}
    return ours != theirs or term.keep != (row[header.index(KEEP)] == YES)


def _appended(text: str, header: list[str], rows: list[list[str]]) -> str:
    """The CSV ``text`` with ``rows`` added at its end (a header first if it has none), in
    the line ending it uses."""
    ending = "\r\n" if "\r\n" in text else "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=ending)
    if not text.strip():
        text = ""
        writer.writerow(header)
    elif not text.endswith(("\n", "\r")):
        text += ending
    writer.writerows(rows)
    return text + buffer.getvalue()

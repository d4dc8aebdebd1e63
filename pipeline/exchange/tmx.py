"""The translation memory as TMX 1.4, for a translator's CAT tool, and back.

``export`` writes the reviewed entries of one language pair (``locale/memory/<from>-<to>.po``)
as translation units with the pair's languages; machine entries stay out (they are no
translator's word). An entry found only with its reference labels (``memory.Entry.context``)
carries them in a ``<note>`` (``context: references: [a]``), and comes back with them.

``import_`` adds every unit of a TMX file whose languages are the site's pair to the memory
as a reviewed translation, used for exact matches from then on (the memory's rules hold:
pseudo text stays machine text). A unit in other languages, or without a translation, is
reported at its line and skipped.
"""

from __future__ import annotations

from pathlib import Path

from translate.storage import tmx

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.exchange import ExportRequest, deliver, language_pair
from pipeline.report import Report, counted
from pipeline.translate import memory

CONTEXT = "context: "
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(settings: Settings, request: ExportRequest) -> Report:
    """The reviewed entries of the memory of the pair, as TMX."""
    source, target = language_pair(settings, request.lang)
    path = memory.memory_path(settings, source, target)
    known = memory.load(path, source, target, settings.relative(path))
    store = tmx.tmxfile(sourcelanguage=source, targetlanguage=target)
    entries = [e for _, e in sorted(known.entries.items()) if e.reviewed]
    for entry in entries:
        note = f"{CONTEXT}{entry.context}" if entry.context else None
        store.addtranslation(entry.source, source, entry.target, target, note)
    return deliver(
        request,
        bytes(store).decode("utf-8"),
        Report(),
        counted(len(entries), "reviewed translation"),
    )


def import_(settings: Settings, path: Path, shown: str) -> Report:
    """Add the file's units to the memory of their pair as reviewed translations."""
    report = Report()
    store = read(path, shown, report)
    if store is None:
        return report
    memories: dict[tuple[str, str], memory.Memory] = {}
    for unit in store.units:
        line = unit.xmlelement.sourceline
        languages = [node.get(XML_LANG) for node in unit.getlanguageNodes()]
        pair = _pair(settings, languages)
        if pair is None or not unit.target:
            why = "no translation" if pair else f"languages {languages} are not the site's pair"
            report.problems.append(Problem(shown, line, f"unit skipped: {why}", warning=True))
            continue
        if pair not in memories:
            file = memory.memory_path(settings, *pair)
            memories[pair] = memory.load(file, *pair, shown=settings.relative(file))
        notes = [n for n in unit.getnotes().split("\n") if n.startswith(CONTEXT)]
        context = notes[0][len(CONTEXT) :] if notes else ""
        memories[pair].add_reviewed(unit.source, unit.target, context)
    for known in memories.values():
        if known.save():
            added = counted(known.added, "translation")
            report.done.append(f"import: {added} added to {settings.relative(known.path)}")
    if not report.done:
        report.done.append(f"import: {shown}: the memory already holds every entry")
    return report


def read(path: Path, shown: str, report: Report) -> tmx.tmxfile | None:
    """The TMX file at ``path``; None (with the reason in ``report``) if it is not one."""
    try:
        return tmx.tmxfile(path.read_bytes())
    except Exception as error:  # lxml's and the toolkit's errors alike: the file is bad
        line = getattr(error, "lineno", None)
        report.problems.append(Problem(shown, line, f"not a readable TMX file: {error}"))
        return None


def _pair(settings: Settings, languages: list[str | None]) -> tuple[str, str] | None:
    """(source, target) when the unit's two languages are the default one and another."""
    source = settings.default_language
    others = [lang for lang in languages if lang != source]
    if source in languages and len(others) == 1 and others[0] in settings.languages:
        return source, str(others[0])
    return None

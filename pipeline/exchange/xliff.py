"""Drafts as XLIFF 1.2 (translate-toolkit), for OmegaT, memoQ, Trados, Okapi and the like.

XLIFF 1.2 rather than 2.x: it is the version translate-toolkit's ``po2xliff`` writes and
most CAT tools read and write (2.x support is still partial in many of them).

One ``<file>`` holds every unit (``units.Unit``) as a ``<trans-unit>`` whose ``id`` is the
unit's id (``ref:block``), with ``<source>`` (the original's text) and ``<target>`` (the
draft's), each placeholder an inline ``<ph id="n">`` holding the text it stands for, so
that CAT tools show it as a tag and protect it; a ``<note from="pipeline">`` says where the
draft holds the block (``content/en/a.md:7``) and what kind of block it is. Machine text is
``state="needs-review-translation"``; a reviewed block is ``state="final"`` and
``approved="yes"``. A suggestion from the memory is an ``<alt-trans origin="memory"
match-quality="85">``, never the target.

On import a unit is final when it is approved (``approved="yes"``) or its target's state is
``final`` or ``signed-off``; anything else stays machine text.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.exchange import ExportRequest, deliver
from pipeline.exchange.drafts import collect
from pipeline.exchange.units import Unit, find_stamp
from pipeline.exchange.writeback import ImportReport, Returned, write_back
from pipeline.report import Report, counted
from pipeline.translate.masking import CLOSE, OPEN, PLACEHOLDER

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
SKELETON = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="content" source-language="{{source}}" target-language="{{target}}"
 datatype="x-markdown"><body></body></file>
</xliff>
"""
FINAL_STATES = ("final", "signed-off")
NOTE_FROM = "pipeline"


def export(settings: Settings, request: ExportRequest) -> Report:
    """The drafts of the request as one XLIFF 1.2 file."""
    source, target, units, report = collect(settings, request)
    store = xliff.xlifffile(SKELETON.format(source=source, target=target).encode("utf-8"))
    store.settargetlanguage(target)
    for unit in units:
        _add(store, unit, target)
    etree.cleanup_namespaces(store.document)  # (the toolkit's units declare XLIFF 1.1's)
    drafts = len({u.ref for u in units})
    what = f"{counted(len(units), 'unit')} of {counted(drafts, 'draft')}"
    return deliver(request, bytes(store).decode("utf-8"), report, what)


def _add(store: xliff.xlifffile, unit: Unit, target: str) -> None:
    item = store.addsourceunit(unit.source, filename="content")
    item.setid(unit.id)
    pieces = {n: text for n, _, text in unit.masking.pieces()}
    item.rich_source = [rich(unit.masking.text, pieces)]
    item.rich_target = [rich(unit.masked_target, pieces)]
    node = item.getlanguageNode(lang=None, index=1)
    node.set("{http://www.w3.org/XML/1998/namespace}lang", target)
    node.set("state", "final" if unit.final else "needs-review-translation")
    item.markapproved(unit.final)
    if not unit.final:
        item.xmlelement.attrib.pop("approved", None)
    item.addnote(f"{unit.note} ({unit.kind}; {unit.stamp})", origin=NOTE_FROM)
    if unit.suggestion is not None:
        found = unit.suggestion
        item.addalttrans(
            found.target,
            origin="memory",
            lang=target,
            sourcetxt=found.source,
            matchquality=str(found.similarity),
        )


def rich(text: str, pieces: dict[int, str]) -> StringElem:
    """``text`` with each placeholder ``⟦n⟧`` as an inline ``<ph id="n">`` of its piece.

    >>> [str(part) for part in rich("Se ⟦1⟧ nu", {1: "`kod`"}).sub]
    ['Se ', '`kod`', ' nu']
    """
    parts: list[StringElem | str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        number = int(match.group(1))
        if number not in pieces:
            continue
        parts.append(text[position : match.start()])
        parts.append(inline.Ph(id=str(number), sub=[pieces[number]]))
        position = match.end()
    parts.append(text[position:])
    return StringElem([part for part in parts if part != ""])


def plain(node: etree._Element | None) -> str:
    """The text of a ``<source>`` or ``<target>``, each ``<ph id="n">`` as ``⟦n⟧`` (other
    inline elements as the text they hold)."""
    if node is None:
        return ""
    parts = [node.text or ""]
    for child in node:
        if etree.QName(child).localname == "ph":
            parts.append(f"{OPEN}{child.get('id', '?')}{CLOSE}")
        else:
            parts.append(plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def import_(settings: Settings, path: Path, shown: str) -> Report:
    """Write the file's translations back into the drafts (``writeback``)."""
    try:
        store = xliff.xlifffile(path.read_bytes())
    except (OSError, ValueError, etree.XMLSyntaxError) as error:
        line = getattr(error, "lineno", None)
        return ImportReport(problems=[Problem(shown, line, f"not a readable XLIFF file: {error}")])
    lang = store.gettargetlanguage() or ""
    if lang not in settings.languages:
        message = f"the file's target-language is {lang!r}, not one of the site's languages"
        return ImportReport(problems=[Problem(shown, None, message)])
    units = []
    for item in store.units:
        target = item.getlanguageNode(lang=None, index=1)
        state = target.get("state", "") if target is not None else ""
        final = item.isapproved() or state in FINAL_STATES
        source = plain(item.getlanguageNode(lang=None, index=0))
        identifier = item.xmlelement.get("id", "")
        line = item.xmlelement.sourceline
        exported = find_stamp(item.getnotes(NOTE_FROM))
        units.append(Returned(identifier, source, plain(target), final, line, exported))
    return write_back(settings, lang, units, shown)

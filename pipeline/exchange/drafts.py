"""The drafts an export of PO or XLIFF holds, as units (``units``), and what it reports."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.content.tree import scan
from pipeline.errors import UsageError
from pipeline.exchange import ExportRequest, language_pair
from pipeline.exchange.units import Unit, drafts_of, units_of
from pipeline.report import Report
from pipeline.translate import memory


def collect(settings: Settings, request: ExportRequest) -> tuple[str, str, list[Unit], Report]:
    """The pair, the units of every draft the request names, and a report of the drafts
    that could not be exported. Raises ``UsageError`` for a ref that no document has."""
    source, target = language_pair(settings, request.lang)
    content = scan(settings)
    report = Report(problems=[p for p in content.problems if not p.warning])
    known_refs = set(content.versions())
    unknown = [ref for ref in request.refs if ref not in known_refs]
    if unknown:
        raise UsageError(
            f"export: no document has ref '{unknown[0]}'; 'pipeline status' lists them"
        )
    versions, problems = drafts_of(settings, content, target, request.refs, request.every)
    report.problems += problems
    path = memory.memory_path(settings, source, target)
    known = memory.load(path, source, target, settings.relative(path))
    units = [unit for version in versions for unit in units_of(settings, version, known)]
    return source, target, units, report

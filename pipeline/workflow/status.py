"""Where every document's translations stand: ``pipeline status``, and what the review pages
and ``approve`` read.

``survey`` looks at every ``ref``: each language's file, its role (original or draft), its
status (``original``, ``machine``, ``reviewed``, ``outdated``, or ``missing`` when a draft is
still to be made), and its problems. A draft's blocks are read from the draft itself, matched
to its original's blocks by structure (as the translate stage matches them), with their
origins from the draft's record; every quality check (``pipeline.translate.quality``) runs
on every block. Nothing is written.

Besides the quality checks, each block of machine text that no person has seen since the
engine made it (``record.unread``) is a problem of its own (``machine text``), and so is
each block of pseudo text (``pseudo``), which is never a translation: a draft never shows
"0 problems" above a block nobody read.

A draft *needs review* when its status is ``machine`` or ``outdated``, when its original
changed since it was made (the next ``make translate`` updates it), or when it holds pseudo
text (even if a person set it to ``reviewed``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.tree import Content, scan, source_hash
from pipeline.content.unsettled import misfiled
from pipeline.errors import Problem
from pipeline.report import Report
from pipeline.translate import quality, record, wording
from pipeline.translate.record import BlockRecord, DraftRecord
from pipeline.translate.segments import Block, document_blocks, recorded_block

JSON_VERSION = 1
"""Version of the ``status --json`` schema (README: The reviewer's workflow); a change
that removes or renames a field increases it."""

ORIGINAL, MISSING = "original", "missing"
UNREVIEWED = ("machine", "outdated")

# Problems that are not quality checks of a block, by the name they are reported under.
ORPHAN = "orphan"
SUPERSEDED = "superseded"
CHANGED = "original changed"
UNALIGNED = "unaligned"
KEPT = "kept"
UNREAD = "machine text"
PSEUDO = "pseudo"
PSEUDO_MESSAGE = "the pseudo engine's text, not a translation: write the translation in its place"


@dataclass(frozen=True)
class Issue:
    """One problem of one version: the check that found it, and where (file line, block)."""

    check: str
    message: str
    line: int | None = None
    key: str | None = None

    def shown(self, path: str) -> str:
        """``content/en/a.md:12: numbers: the number 80 is missing``."""
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.check}: {self.message}"


@dataclass
class BlockState:
    """One block of a draft as a reviewer sees it."""

    key: str
    kind: str
    line: int | None
    source: str
    target: str
    origin: str
    engine: str | None
    findings: list[quality.Finding]
    previous: dict[str, str] | None = None


@dataclass
class Version:
    """One language version of a ``ref``: an original, a draft, or a draft still missing."""

    lang: str
    role: str  # "original" or "draft"
    status: str  # original, machine, reviewed, outdated or missing
    doc: Document | None = None
    original: Document | None = None  # a draft's original, if it exists
    current: bool = True  # a draft made from its original as it is now
    issues: list[Issue] = field(default_factory=list)
    blocks: list[BlockState] = field(default_factory=list)

    @property
    def file(self) -> str | None:
        """The version's file, from the site root; None for a missing draft."""
        return self.doc.shown if self.doc else None

    @property
    def needs_review(self) -> bool:
        """Whether a person should read this draft (see the module's docstring)."""
        return (
            self.doc is not None
            and self.role == "draft"
            and (
                self.status in UNREVIEWED
                or not self.current
                or any(i.check == PSEUDO for i in self.issues)
            )
        )

    @property
    def engine(self) -> str | None:
        """The engine a draft names in its ``translation:`` block."""
        value = ((self.doc.translation or {}) if self.doc else {}).get("engine")
        return str(value) if value is not None else None

    def shown_issues(self) -> list[str]:
        """Every issue as ``path:line: check: message``."""
        return [issue.shown(self.file or "") for issue in self.issues]


@dataclass
class RefState:
    """Every version of one ``ref``, in the order of the site's languages."""

    ref: str
    versions: list[Version]

    @property
    def original_lang(self) -> str | None:
        """The language of the (first) original."""
        return next((v.lang for v in self.versions if v.role == ORIGINAL), None)


def survey(settings: Settings, content: Content, refs: set[str] | None = None) -> list[RefState]:
    """The state of every ``ref`` (or of those in ``refs``), sorted by ref."""
    context = quality.context_for(settings)
    broken = {p.path for p in content.problems if not p.warning}
    found = []
    for ref, languages in sorted(content.versions().items()):
        if refs is not None and ref not in refs:
            continue
        docs = {lang: [d for d in ds if d.shown not in broken] for lang, ds in languages.items()}
        versions = list(_versions(settings, docs, context))
        if versions:  # (a ref whose every file is broken: the content errors say so)
            found.append(RefState(ref, versions))
    return found


def _versions(
    settings: Settings,
    docs: dict[str, list[Document]],
    context: dict[str, Any],
) -> Iterator[Version]:
    originals = {lang: d for lang, ds in docs.items() for d in ds if d.is_original}
    for lang in settings.languages:
        here = docs.get(lang, [])
        original = originals.get(lang)
        if original is not None:
            yield Version(lang, ORIGINAL, ORIGINAL, original)
        for draft in (d for d in here if not d.is_original):
            yield _draft(settings, draft, lang, originals, context)
        if not here and originals:
            yield Version(lang, "draft", MISSING)


def _draft(
    settings: Settings,
    draft: Document,
    lang: str,
    originals: dict[str, Document],
    context: dict[str, Any],
) -> Version:
    translation = draft.translation or {}
    version = Version(lang, "draft", str(translation.get("status")), draft)
    if lang in originals:
        version.issues.append(
            Issue(
                SUPERSEDED,
                f"{originals[lang].shown} is an original of the same ref in the same language; "
                "the next 'make translate' removes this draft (or parks it, if a person wrote "
                "any of it)",
            )
        )
        return version
    original = originals.get(str(translation.get("from")))
    if original is None:
        version.issues.append(Issue(ORPHAN, _orphan(draft)))
        return version
    version.original = original
    version.current = source_hash(original, settings) == translation.get("source_hash")
    if not version.current:
        version.issues.append(
            Issue(CHANGED, "its original changed since it was made: run 'make translate'")
        )
    version.blocks = _blocks(settings, draft, original, version.current, context)
    if not version.blocks:
        version.issues.append(
            Issue(
                UNALIGNED,
                "its blocks do not line up with its original's (a paragraph, heading or list "
                "item added or removed): bring it in line with the original",
            )
        )
    for block in version.blocks:
        version.issues += [Issue(f.check, f.message, block.line, block.key) for f in block.findings]
    return version


def _blocks(
    settings: Settings,
    draft: Document,
    original: Document,
    current: bool,
    context: dict[str, Any],
) -> list[BlockState]:
    """The draft's blocks matched to its original's, with origins and quality findings
    (empty if they do not line up)."""
    translation = draft.translation or {}
    recorded: DraftRecord | None = record.load(settings, str(draft.lang), str(draft.ref))
    if recorded is not None and recorded.source_hash != translation.get("source_hash"):
        recorded = None  # recorded for another version of the original
    sources: dict[str, Block] = {}
    references: dict[str, Any] = {}
    if current:
        blocks, segmented = document_blocks(original, settings)
        sources = {b.key: b for b in blocks}
        references = segmented.references
        base = [(b.key, b.kind, b.text) for b in blocks]
    elif recorded is not None:
        base = [(b.key, b.kind, b.source) for b in recorded.blocks]
    else:
        return []
    draft_blocks, _ = document_blocks(draft, settings)
    matched = wording.existing(
        draft_blocks, base, str(translation.get("status")), translation.get("engine"), recorded
    )
    if matched is None:
        return []
    lines = wording.file_lines(draft, draft_blocks)
    states = []
    for line, item in zip(lines, matched, strict=True):
        source = sources.get(item.key) or recorded_block(original, item.key, item.kind, item.source)
        pair = quality.Pair(
            source,
            item.target,
            str(original.lang),
            str(draft.lang),
            references=references,
            context=context,
        )
        states.append(_state(item, line, quality.findings(pair)))
    return states


def _state(item: BlockRecord, line: int | None, findings: list[quality.Finding]) -> BlockState:
    if item.origin == record.KEPT and item.problem:
        findings = [quality.Finding(KEPT, item.problem), *findings]
    if record.is_pseudo(item):
        findings = [quality.Finding(PSEUDO, PSEUDO_MESSAGE), *findings]
    elif record.unread(item):
        made = f" ({item.engine})" if item.engine else ""
        findings = [quality.Finding(UNREAD, f"not yet reviewed{made}"), *findings]
    return BlockState(
        item.key,
        item.kind,
        line,
        item.source,
        item.target,
        item.origin,
        item.engine,
        findings,
        item.previous,
    )


# --- pipeline status ------------------------------------------------------------------------


@dataclass
class StatusReport(Report):
    """The state of every ref, as a listing or as JSON (``as_json``)."""

    refs: list[RefState] = field(default_factory=list)
    as_json: bool = False

    def counts(self) -> dict[str, int]:
        """How many drafts are in each status, orphans, and how many need review."""
        versions = [v for state in self.refs for v in state.versions if v.role == "draft"]
        counts = {
            "refs": len(self.refs),
            "drafts": sum(1 for v in versions if v.doc is not None),
        }
        for status in ("machine", "reviewed", "outdated", MISSING):
            counts[status] = sum(1 for v in versions if v.status == status)
        counts["orphans"] = sum(1 for v in versions if any(i.check == ORPHAN for i in v.issues))
        counts["need_review"] = sum(1 for v in versions if v.needs_review)
        counts["problems"] = sum(len(v.issues) for state in self.refs for v in state.versions)
        return counts

    def summary(self) -> str:
        """``status: 2 refs; drafts: 1 machine, ...; 1 draft needs review``."""
        c = self.counts()
        need = c["need_review"]
        verdict = (
            "nothing to review"
            if not need
            else f"{need} draft{'s need' if need != 1 else ' needs'} review"
        )
        return (
            f"status: {c['refs']} refs; drafts: {c['machine']} machine, {c['reviewed']} "
            f"reviewed, {c['outdated']} outdated, {c['missing']} missing, {c['orphans']} "
            f"orphans; {verdict}"
        )

    def lines(self) -> list[str]:
        """The listing and the summary, or the JSON document (line by line: the CLI escapes
        each line's control characters, ``errors.printable``)."""
        if self.as_json:
            return json.dumps(self.to_json(), ensure_ascii=False, indent=2).split("\n")
        width = max((len(state.ref) for state in self.refs), default=0)
        found = []
        for state in self.refs:
            for number, version in enumerate(state.versions):
                name = state.ref if number == 0 else ""
                role = "original" if version.role == ORIGINAL else version.status
                note = "  needs review" if version.needs_review else ""
                found.append(
                    f"{name:<{width}}  {version.lang:<5} {role:<9} "
                    f"{version.file or '(run make translate)'}{note}".rstrip()
                )
                found += [f"    {line}" for line in version.shown_issues()]
        return [*found, self.summary()]

    def to_json(self) -> dict[str, Any]:
        """The ``status --json`` document (schema ``JSON_VERSION``, see the README)."""
        return {
            "version": JSON_VERSION,
            "refs": [
                {
                    "ref": state.ref,
                    "original": state.original_lang,
                    "versions": [_version_json(v) for v in state.versions],
                }
                for state in self.refs
            ],
            "summary": self.counts(),
        }


def _version_json(version: Version) -> dict[str, Any]:
    return {
        "lang": version.lang,
        "file": version.file,
        "role": version.role,
        "status": version.status,
        "needs_review": version.needs_review,
        "engine": version.engine if version.role == "draft" else None,
        "problems": [
            {"check": i.check, "message": i.message, "line": i.line, "block": i.key}
            for i in version.issues
        ],
    }


def status(settings: Settings, as_json: bool = False) -> StatusReport:
    """The state of every ref of the site; orphan drafts are also warnings."""
    content = scan(settings)
    report = StatusReport(problems=list(content.problems), as_json=as_json)
    report.refs = survey(settings, content)
    report.problems += misfiled(content) + orphan_problems(settings, content)
    return report


def orphan_problems(settings: Settings, content: Content) -> list[Problem]:
    """A warning for each draft whose original is gone (``status`` and ``check``); orphans
    are never deleted, by any stage."""
    found = []
    for _ref, languages in sorted(content.versions().items()):
        originals = {lang for lang, docs in languages.items() if any(d.is_original for d in docs)}
        for lang, docs in sorted(languages.items()):
            for doc in docs:
                source = str((doc.translation or {}).get("from"))
                if not doc.is_original and lang not in originals and source not in originals:
                    found.append(doc.problem(f"orphan draft: {_orphan(doc)}", warning=True))
    return found


def _orphan(draft: Document) -> str:
    return (
        f"no original has ref '{draft.ref}' any more (deleted, or its ref changed); "
        "this draft is kept: delete it or give an original its ref"
    )

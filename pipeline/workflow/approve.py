"""``pipeline approve REF [--lang LANG]``: a translator says a draft is right.

Approving sets the draft's ``translation.status`` to ``reviewed`` (its ``source_hash`` is
the original's as it is now), then records it as the translate stage records a draft a
translator set to ``reviewed`` by hand: every block enters the translation memory as a
reviewed translation, and the draft's record says so. It is the same code path, so the two
ways of approving cannot drift apart.

Refused (exit 1, nothing written) when the draft cannot be approved as it is: its original
changed since it was made (run ``make translate`` first, then review the changed blocks),
its blocks do not line up with its original's, its original is gone, or it holds pseudo
text (``record.is_pseudo``: never a translation, whoever approves it); and, unless
``force``, when a quality check finds anything, each finding listed as
``path:line: check: message``, or when a block is machine text that no person has seen since
the engine made it (``record.unread``), each listed as ``path:line: machine text not yet
reviewed``. Approving is a person's saying "I read this": the data cannot tell a block read
and found right from one never opened, so ``force`` says it for those blocks (they are then
listed as warnings before the draft is written). An unknown ``ref``, or a language with no
draft of it, is a usage error (exit 2). Without ``lang``, every draft of the ``ref`` that is
not reviewed yet is approved (a site has one draft per other language; each is checked
alike).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.content import edit
from pipeline.content.document import Document
from pipeline.content.tree import scan, source_hash
from pipeline.errors import OutputError, Problem, UsageError
from pipeline.report import Report, counted
from pipeline.translate.stage import translate
from pipeline.workflow.status import (
    CHANGED,
    ORPHAN,
    PSEUDO,
    SUPERSEDED,
    UNALIGNED,
    UNREAD,
    Issue,
    Version,
    survey,
)

BLOCKING = (CHANGED, ORPHAN, SUPERSEDED, UNALIGNED, PSEUDO)
"""Issues that no ``--force`` overrides: the draft's wording cannot be matched to its
original's blocks, so it cannot enter the memory; or it is pseudo text, never a translation."""


@dataclass
class ApproveReport(Report):
    """Which drafts were approved."""

    approved: int = 0
    refused: int = 0

    def summary(self) -> str:
        """``approve: 1 draft reviewed, 0 refused``."""
        plural = "s" if self.approved != 1 else ""
        line = f"approve: {self.approved} draft{plural} reviewed"
        if self.refused:
            line += f", {self.refused} refused (see above)"
        return line


def approve(
    settings: Settings, ref: str, lang: str | None = None, force: bool = False
) -> ApproveReport:
    """Mark the drafts of ``ref`` (in ``lang``, or every one) reviewed; see the module."""
    content = scan(settings)
    report = ApproveReport()
    report.problems += [p for p in content.problems if not p.warning]
    states = survey(settings, content, {ref})
    if not states:
        raise UsageError(f"approve: no document has ref '{ref}'; 'pipeline status' lists every ref")
    drafts = [v for v in states[0].versions if v.role == "draft" and v.doc is not None]
    if lang is not None:
        drafts = [v for v in drafts if v.lang == lang]
        if not drafts:
            raise UsageError(f"approve: ref '{ref}' has no draft in '{lang}'")
    elif not drafts:
        raise UsageError(f"approve: ref '{ref}' has no draft (only its original)")
    for version in drafts:
        pseudo = any(i.check == PSEUDO for i in version.issues)
        if version.status == "reviewed" and version.current and not pseudo:
            report.done.append(f"{version.file} is already reviewed")
            continue
        refusal = _refusal(version, force)
        if refusal:
            report.problems += refusal
            report.refused += 1
            continue
        path = version.file or ""
        unread = [i for i in version.issues if i.check == UNREAD]
        report.problems += [Problem(path, i.line, _listed(i), warning=True) for i in unread]
        if _mark_reviewed(settings, version, report):
            report.approved += 1
    return report


def _refusal(version: Version, force: bool) -> list[Problem]:
    """Why ``version`` cannot be approved (empty: it can)."""
    path = version.file or ""
    blocking = [i for i in version.issues if i.check in BLOCKING]
    if blocking:
        return [Problem(path, i.line, f"not approved: {i.check}: {i.message}") for i in blocking]
    if force or not version.issues:
        return []
    found = [Problem(path, i.line, _listed(i)) for i in version.issues]
    unread = sum(1 for i in version.issues if i.check == UNREAD)
    reasons = []
    if len(found) > unread:
        reasons.append(f"the quality checks found {counted(len(found) - unread, 'problem')}")
    if unread:
        verb = "is" if unread == 1 else "are"
        reasons.append(f"{counted(unread, 'block')} {verb} machine text not yet reviewed")
    return [
        *found,
        Problem(
            path,
            None,
            f"not approved: {'; '.join(reasons)} (above); correct the draft, or approve it "
            "as it is with --force",
        ),
    ]


def _listed(issue: Issue) -> str:
    """``machine text not yet reviewed (libre)``, ``numbers: the number 80 is missing``."""
    if issue.check == UNREAD:
        return f"{issue.check} {issue.message}"
    return f"{issue.check}: {issue.message}"


def _mark_reviewed(settings: Settings, version: Version, report: ApproveReport) -> bool:
    draft, original = version.doc, version.original
    assert draft is not None and original is not None
    metadata = dict(draft.metadata)
    translation = dict(draft.translation or {})
    translation["status"] = "reviewed"
    translation["source_hash"] = source_hash(original, settings)
    metadata["translation"] = translation
    try:
        edit.save(Document(draft.path, metadata, draft.body, draft.shown))
    except OutputError as error:
        report.problems.append(error.as_problem())
        return False
    # The translate stage records the reviewed draft and feeds its blocks to the memory.
    recorded = translate(settings, only={(str(draft.ref), version.lang)})
    report.problems += recorded.problems
    report.done.append(f"approved {draft.shown}: reviewed, its blocks are in the memory")
    report.done += recorded.done  # (renamed, when its title was pseudo text until now)
    return True

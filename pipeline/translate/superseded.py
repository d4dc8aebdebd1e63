"""Drafts superseded by an original in their own language, and how they come back.

When an editor sets ``lang: en`` on a Swedish file (it was written in English), ingest moves
it into ``content/en/``, where its English draft already lies: the same ``ref`` now has an
original and a draft in one language, and the draft is superseded. Before planning, the
translate stage settles this:

- a draft that holds nothing a person wrote (``status: machine``, unchanged since the
  pipeline wrote it, every block from an engine or the memory) is removed with its record;
  its wording is in the translation memory, so the same draft comes back, byte for byte,
  if the original returns to its first language;
- any other draft (reviewed, outdated, or edited by hand) is never deleted: it is moved to
  ``locale/parked/<lang>/`` (its record stays), reported as a warning, and moved back into
  ``content/<lang>/`` by a later run once its original is in its ``from`` language again
  and nothing else of that ``ref`` is in its language.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.document import Document
from pipeline.content.tree import Content, source_hash
from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import inside, move, remove, remove_empty_folders
from pipeline.report import Report
from pipeline.translate import record
from pipeline.translate.drafts import under_content
from pipeline.translate.record import DraftRecord

PARKED = "parked"


def parked_dir(settings: Settings) -> Path:
    """``locale/parked/``: superseded drafts that a person wrote some of."""
    return settings.locale_dir / PARKED


def settle(settings: Settings, content: Content, report: Report) -> bool:
    """Remove or park every superseded draft, and bring parked drafts back where their
    original is again; True if any file moved (the content must be scanned again)."""
    broken = {p.path for p in content.problems if not p.warning}
    changed = False
    versions = content.versions()
    for ref, languages in sorted(versions.items()):
        for lang, docs in sorted(languages.items()):
            original = next((d for d in docs if d.is_original), None)
            if original is None:
                continue
            for draft in docs:
                if not draft.is_original and draft.shown not in broken:
                    changed |= _supersede(settings, ref, lang, draft, original, report)
    return _bring_back(settings, versions, report) or changed


def make_way(settings: Settings, target: Path, original: Document, report: Report) -> bool:
    """Before ingest moves ``original`` to ``target``: when a draft of the same ``ref`` lies
    there (its own draft, about to be superseded; with the ``pseudo`` engine a page's draft
    can have its original's name), remove or park it now, so that the move can go ahead.
    True if it did."""
    try:
        draft = document.read(target, settings.relative(target))
    except ContentError:
        return False
    if draft.is_original or draft.ref != original.ref:
        return False
    lang = target.relative_to(settings.content_dir).parts[0]
    return _supersede(settings, str(draft.ref), lang, draft, original, report)


def machine_only(settings: Settings, draft: Document, recorded: DraftRecord | None) -> bool:
    """Whether ``draft`` is exactly what the pipeline wrote from engines and the memory."""
    return (
        (draft.translation or {}).get("status") == "machine"
        and recorded is not None
        and recorded.draft == under_content(draft, settings)
        and recorded.draft_hash == source_hash(draft, settings)
        and all(b.origin in (*record.MACHINE, record.COPIED) for b in recorded.blocks)
    )


def _supersede(
    settings: Settings, ref: str, lang: str, draft: Document, original: Document, report: Report
) -> bool:
    recorded = record.load(settings, lang, ref)
    try:
        if machine_only(settings, draft, recorded):
            remove(draft.path)
            remove(record.record_path(settings, lang, ref))
            report.done.append(
                f"removed {draft.shown}: superseded by the original {original.shown} "
                "(its machine wording stays in the memory)"
            )
            return True
        target = _free(inside(parked_dir(settings), lang), draft.path.name)
        move(draft.path, target)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return False
    report.problems.append(
        draft.problem(
            f"superseded by the original {original.shown} (same ref, same language), but a "
            f"person wrote some of it: moved to {settings.relative(target)}, and moved back "
            f"when the original is in '{(draft.translation or {}).get('from')}' again",
            warning=True,
        )
    )
    return True


def _free(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem-2.md``... when that is taken."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return path


def _bring_back(
    settings: Settings, versions: dict[str, dict[str, list[Document]]], report: Report
) -> bool:
    """Move parked drafts back into ``content/`` where their original is again."""
    changed = False
    for lang in settings.languages:
        folder = parked_dir(settings) / lang
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.md"), *folder.glob("*.html")]):
            shown = settings.relative(path)
            try:
                draft = document.read(path, shown)
            except ContentError as error:
                report.problems.append(error.as_problem())
                continue
            source = str((draft.translation or {}).get("from"))
            docs = versions.get(str(draft.ref), {})
            if docs.get(lang) or not any(d.is_original for d in docs.get(source, [])):
                continue
            try:
                target = inside(settings.content_dir, lang, path.name)
                move(path, target)
                remove_empty_folders(settings.locale_dir, folder)
            except OutputError as error:
                report.problems.append(
                    Problem(shown, None, f"cannot be brought back: {error.message}", warning=True)
                )
                continue
            report.done.append(
                f"brought back {settings.relative(target)} from {shown} "
                f"(its original is in '{source}' again)"
            )
            changed = True
    return changed

"""What a translate run is to do, decided from hashes, front matter and records alone (no
Markdown parsed): a ``Task`` per draft to write, update or record (``plan``), and what the
run's tasks share (``Run``: the memories, the engine and its runners, the glossary).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.content.document import Document, same_value
from pipeline.content.tree import PSEUDO, Content, is_pseudo, source_hash
from pipeline.translate import memory_cache, record, runner, terminology
from pipeline.translate.drafts import current_metadata, under_content
from pipeline.translate.engines import Engine, looks_pseudo
from pipeline.translate.memory import Memory, memory_path
from pipeline.translate.pending import Pending
from pipeline.translate.plan_memo import Skipped
from pipeline.translate.record import DraftRecord
from pipeline.translate.registry import make_engine
from pipeline.translate.report import TranslateReport
from pipeline.translate.runner import Runner
from pipeline.translate.segments import Segmented

MEMORY_SAVE_SECONDS = 2.0  # the memory is saved at least this often while a run goes on


@dataclass
class Task:
    """One draft to write, update or record."""

    original: Document
    target: str
    draft: Document | None
    recorded: DraftRecord | None
    current: bool  # the draft was made from the original as it is now
    draft_body: Segmented | None = None  # the draft's body, once read
    provisional: bool = False  # its file name is still its original's (record.provisional)

    @property
    def key(self) -> tuple[str, str]:
        """The draft's ref and language."""
        return str(self.original.ref), self.target


def plan(
    content: Content, settings: Settings, report: TranslateReport, skipped: Skipped | None = None
) -> Iterator[Task]:
    """The tasks a run has, decided from hashes, front matter and records only (a draft
    ``skipped`` knows as up to date, from its files' ``stat`` alone)."""
    records = settings.relative(record.records_folder(settings))
    broken = {p.path for p in content.problems if not p.warning}
    unreadable = broken - {d.shown for d in content.documents}
    blocked = {path.split("/")[1] for path in unreadable if path.count("/") >= 2}
    versions = content.versions()
    remembered: dict[tuple[str, str], bool] = {}
    for original in sorted(content.originals(), key=lambda d: d.shown):
        ref, lang = original.ref, content.folder_lang(original)
        if not ref or original.shown in broken or original.lang != lang:
            continue
        digest = None
        for target in settings.languages:
            docs = versions[ref].get(target, []) if target != lang else None
            if docs is None or any(d.is_original or d.shown in broken for d in docs):
                continue  # an original of its own there, or a draft to fix first
            draft = docs[0] if docs else None
            if draft is None and target in blocked:
                report.problems.append(
                    original.problem(
                        f"no '{target}' draft made: content/{target}/ has unreadable files, "
                        "one of which may be its draft",
                        warning=True,
                    )
                )
                continue
            if (lang, target) not in remembered:
                remembered[lang, target] = memory_path(settings, lang, target).is_file()
            files = None
            if draft is not None and skipped is not None and remembered[lang, target]:
                files = skipped.files(original.shown, draft.shown, f"{records}/{target}/{ref}.json")
                if skipped.known((original.shown, target), files):
                    continue
            digest = digest or source_hash(original, content.settings)
            translation = (draft.translation or {}) if draft else {}
            current = (
                draft is not None
                and translation.get("source_hash") == digest
                and translation.get("from") == lang
            )
            recorded = record.load(settings, target, ref) if draft else None
            if (
                current
                and remembered[lang, target]  # (a deleted memory is rebuilt from the drafts)
                and _up_to_date(original, draft, recorded, digest, settings)
                and not (report.engine != PSEUDO and _holds_pseudo(draft, recorded, settings))
            ):
                if files is not None and skipped is not None:
                    skipped.add((original.shown, target), files)
                continue
            provisional = recorded is not None and recorded.provisional
            yield Task(original, target, draft, recorded, current, provisional=provisional)


def _holds_pseudo(draft: Document | None, recorded: DraftRecord | None, settings: Settings) -> bool:
    """Whether a draft holds ``pseudo`` text, as it and its record tell."""
    blocks = [b.target for b in recorded.blocks] if recorded is not None else None
    return draft is not None and is_pseudo(draft, settings, blocks)


def _up_to_date(
    original: Document,
    draft: Document | None,
    recorded: DraftRecord | None,
    digest: str,
    settings: Settings,
) -> bool:
    assert draft is not None
    return (
        recorded is not None
        and recorded.source_hash == digest
        and recorded.draft_hash == source_hash(draft, settings)
        and recorded.status == (draft.translation or {}).get("status")
        and recorded.draft == under_content(draft, settings)
        and same_value(current_metadata(original, draft, settings), draft.metadata)
    )


class Run:
    """What a run shares across tasks: the memories, the engine and its runners."""

    def __init__(self, settings: Settings, engine: str, report: TranslateReport) -> None:
        self.settings = settings
        self.engine_name = engine
        self.report = report
        self.memories: dict[tuple[str, str], Memory] = {}
        self.runners: dict[tuple[str, str], Runner] = {}
        self.engine: Engine | None = None
        self.saved_at = runner.clock()
        self.pending = Pending(settings)
        self.glossary = terminology.load(settings)
        report.problems += self.glossary.problems

    def replaces(self, wording: str) -> bool:
        """Whether this run translates a block anew rather than keep this wording (the
        draft's own, or the memory's): ``pseudo`` text (``looks_pseudo``), when the run's
        engine is a real one. Pseudo text is never a translation, whoever left it there."""
        return self.engine_name != PSEUDO and looks_pseudo(wording)

    def memory(self, source: str, target: str) -> Memory:
        if (source, target) not in self.memories:
            path = memory_path(self.settings, source, target)
            shown = self.settings.relative(path)
            self.memories[source, target] = memory_cache.load(
                self.settings.root, path, source, target, shown
            )
        return self.memories[source, target]

    def runner(self, source: str, target: str) -> Runner:
        if self.engine is None:
            self.engine = make_engine(self.engine_name, self.settings)
        if (source, target) not in self.runners:
            self.runners[source, target] = Runner(self.engine, self.settings, source, target)
        return self.runners[source, target]

    def save_memories(self, force: bool = False, finished: bool = False) -> None:
        """Save the memories and the answers of drafts not yet written (``pending``), at
        least every ``MEMORY_SAVE_SECONDS`` (``force``: now; ``finished``: every draft of
        the run was done)."""
        if force or runner.clock() - self.saved_at >= MEMORY_SAVE_SECONDS:
            for memory in self.memories.values():
                memory.save()
                if force:
                    memory_cache.keep_saved(self.settings.root, memory)
            self.pending.save(finished)
            self.saved_at = runner.clock()
        self.report.characters = sum(r.characters for r in self.runners.values())
        self.report.remembered = sum(m.added for m in self.memories.values())

"""What the translate stage did (``pipeline translate``'s summary and exit code); apart from
the stage, so that a run with nothing to do says so without loading it."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import ExitCode
from pipeline.report import Report

__all__ = ["TranslateReport"]


@dataclass
class TranslateReport(Report):
    """What ``translate`` did: drafts written, blocks by origin, what the engine was sent."""

    engine: str = ""
    created: int = 0
    updated: int = 0
    refreshed: int = 0
    recorded: int = 0
    from_memory: int = 0
    from_engine: int = 0
    kept: int = 0
    characters: int = 0
    remembered: int = 0
    pending: int = 0

    @property
    def exit_code(self) -> ExitCode:
        """``ERRORS`` for content errors, else ``PENDING`` when work was left, else ``OK``."""
        if self.errors:
            return ExitCode.ERRORS
        return ExitCode.PENDING if self.pending else ExitCode.OK

    def summary(self) -> str:
        """``translate: 2 drafts written (1 new, 1 updated), ...``."""
        written = self.created + self.updated
        if not (written or self.refreshed or self.recorded or self.remembered or self.pending):
            return "translate: nothing to do, every draft is up to date"
        line = (
            f"translate: {written} draft{'s' if written != 1 else ''} written "
            f"({self.created} new, {self.updated} updated), {self.refreshed} refreshed, "
            f"{self.recorded} recorded; "
            f"blocks: {self.from_memory} from memory, {self.from_engine} from the engine "
            f"({self.engine}), {self.kept} kept untranslated; "
            f"{self.characters} characters sent"
        )
        if self.remembered:
            line += (
                f"; {self.remembered} memory {'entry' if self.remembered == 1 else 'entries'} added"
            )
        if self.pending:
            line += f"; {self.pending} pending: run again to finish"
        return line

    @property
    def idle(self) -> bool:
        """Whether the run wrote nothing and left nothing to do: the same inputs would make
        a run do (and say) the same again."""
        changed = self.created + self.updated + self.refreshed + self.recorded + self.remembered
        return not (changed or self.pending or self.done)

"""Stage 5, check: validate the content and what was built; CI fails on any error.

Each check is a function of the settings and the content tree that returns the problems it
found. They are named here, in the order they run, and every problem of every check is
reported in one run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.plan import plan_site
from pipeline.check.audit import site_problems
from pipeline.check.language import language_problems
from pipeline.check.markup import markup_problems
from pipeline.config import Settings
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.tree import Content, scan
from pipeline.content.unsettled import misfiled
from pipeline.errors import Problem
from pipeline.i18n.problems import catalog_problems
from pipeline.report import Report, counted
from pipeline.translate.terminology import glossary_problems
from pipeline.workflow.status import orphan_problems

Check = Callable[[Settings, Content], list[Problem]]


def content_problems(settings: Settings, content: Content) -> list[Problem]:
    """Front matter that cannot be read or is invalid, refs claimed twice, documents the
    build leaves out because their URL is taken, and documents not yet moved to the folder
    of their ``lang``."""
    return content.problems + plan_site(settings, content).problems + misfiled(content)


# The checks, in the order they run.
CHECKS: list[tuple[str, Check]] = [
    ("content", content_problems),
    ("orphans", orphan_problems),
    ("language", language_problems),
    ("markup", markup_problems),
    ("glossary", glossary_problems),
    ("catalogs", catalog_problems),
    ("site", site_problems),
]


@dataclass
class CheckReport(Report):
    """Which checks ran and what they found."""

    checks: int = 0

    def summary(self) -> str:
        """``check: 3 checks, 0 errors, 1 warning``."""
        return f"check: {counted(self.checks, 'check')}, {self.tally()}"


def check(settings: Settings, out: Path | None = None) -> CheckReport:
    """Run every check on the site at ``settings.root``, its built site in ``out`` (default:
    the ``output`` setting; a site built elsewhere with ``build --out``)."""
    if out is not None:
        settings = dataclasses.replace(settings, output=str(out))  # an absolute path
    # The memo is read, never saved: check writes no file.
    content = scan(settings, FrontMatterMemo.open(settings))
    report = CheckReport()
    for _name, run in CHECKS:
        report.problems += run(settings, content)
        report.checks += 1
    return report

"""``make``'s whole job timed as users run it: ``pipeline all`` (what ``make`` calls), every
stage in one process, on a site as the last run left it.

Five figures, each on the same copy of the corpus (its translator ``pseudo``, as the
corpus's settings say):

- the first run after an import: the corpus as generated, copied anew before each run: its
  reviewed drafts are not in the translation memory yet (``locale/memory/``), so translate
  records every one of them, once in a site's life;
- from a fresh clone: what a ``git clone`` of the site gives once that first run was
  committed, copied anew before each run: the content and ``locale/`` with its memory, but
  none of what a site's repository ignores (``CLONE_LEAVES``: no ``public/``, no ``.cache/``,
  no compiled catalogs): every stage does all its work;
- nothing changed: the same again on what the last run left, its files older than the
  clock's tick (``RACY_NS``), as a user's are;
- one paragraph edited: a sentence added to one Swedish posting before each run (its
  draft made again by ``pseudo``, its pages built and checked again);
- one posting added: a new Swedish posting, as an editor writes it (a title and a date),
  put into ``content/sv/`` before each run: ingest gives it its ref, ``pseudo`` drafts it.

``pipeline all`` exits 3 when a draft is left to review (a ``pseudo`` draft is): that is
the job done, not a failure, so the commands here accept it (``ALL``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import Corpus, edit_paragraph
from bench.measure import Outcome, measure
from pipeline.state.fingerprints import RACY_NS

ADDED = """\
---
title: Ny mötesplats för boende nummer {n}
date: 2026-01-{day:02d} 10:00:00
---

Vi öppnar en ny mötesplats där boende kan träffas, diskutera och forma sitt område
tillsammans. Alla är välkomna, oavsett ålder eller bakgrund, och det kostar ingenting.

## Så går det till

Kommunen och föreningarna bjuder in till öppna möten varje vecka. Ta med dina idéer om
grönytor, trygghet och mötesplatser, så arbetar vi vidare med dem tillsammans med
tjänstepersoner från stadsdelen. Läs mer på [vår sida](https://example.org/motesplats).
"""


def _all(site: Path) -> list[str]:
    import sys

    # 0 is all done; 3 is all done with drafts left to review (pseudo drafts are)
    return [sys.executable, "-m", "pipeline", "all", "--root", str(site)]


ALL_DONE = (0, 3)
KEYS = ("make_first_s", "make_full_s", "make_noop_s", "make_edit_s", "make_add_s")
# What a site's repository ignores (this project's .gitignore): a clone has none of it.
CLONE_LEAVES = (".cache", "public", "review", "*.mo", ".pipeline.lock")


def make_figures(
    corpus: Corpus,
    site: Path,
    runs: int,
    clear: Callable[[Path], None],
    report: Callable[[str, Outcome], Outcome],
) -> dict[str, Outcome]:
    """The five figures of ``make`` (see the module) on a copy of ``corpus`` at ``site``;
    ``clear`` moves a folder aside (not deleting it while timing), ``report`` logs one."""
    command = _all(site)

    def copied(source: Path) -> Callable[[int], None]:
        def copy(_: int) -> None:
            clear(site)
            shutil.copytree(source, site, ignore=shutil.ignore_patterns(*CLONE_LEAVES))

        return copy

    first = report("make, first run", measure(command, runs, copied(corpus.site), ok=ALL_DONE))
    if not first.measured:
        return dict.fromkeys(KEYS, first)
    clone = site.with_name(f"{site.name}-clone")  # the repository, as that first run left it
    shutil.copytree(site, clone, ignore=shutil.ignore_patterns(*CLONE_LEAVES))
    full = report("make, fresh clone", measure(command, runs, copied(clone), ok=ALL_DONE))
    # What the last fresh run left, once it is older than the clock's tick: a user's site.
    noop = report(
        "make, nothing changed",
        measure(command, runs, lambda i: i == 0 and time.sleep(RACY_NS / 1e9), ok=ALL_DONE),
    )
    originals = sorted((site / "content" / "sv").glob("*.md"))
    target = originals[len(originals) // 2]
    edit = report(
        "make, one paragraph edited",
        measure(command, runs, lambda i: edit_paragraph(target, 100 + i), ok=ALL_DONE),
    )

    def add_posting(number: int) -> None:
        text = ADDED.format(n=number + 1, day=number % 28 + 1)
        (site / "content" / "sv" / f"ny-motesplats-{number + 1}.md").write_text(
            text, encoding="utf-8"
        )

    add = report("make, one posting added", measure(command, runs, add_posting, ok=ALL_DONE))
    figures = (first, full, noop, edit, add)
    return dict(zip(KEYS, figures, strict=True))

"""``python -m bench``: generate the corpus, time every stage and Hugo, print and save.

``benchmark`` reads top to bottom like the run: corpus, Hugo, ingest, translate, build and
check. Each stage works on its own copy of the corpus in a temporary folder, so one stage's
output never feeds another's timing, and nothing is written into the repository except the
JSON file. A stage whose command the CLI does not have yet is reported "not available yet"
(null in the JSON); it is measured as soon as it lands on the branch, with no change here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import LANGUAGES, SEED, SITE_URL, TIMEZONE, Corpus, edit_paragraph, write_corpus
from bench.hugo import find_hugo, hugo_command, hugo_version, write_hugo_site
from bench.make import make_figures
from bench.measure import Outcome, Timed, is_missing_command, measure, measure_in_turn, run_once
from bench.results import FIGURES, Results, table, write_json
from pipeline.state.fingerprints import RACY_NS

PAIRS = 1000
PROJECT = Path(__file__).resolve().parent.parent
UI_FILES = ("babel.cfg", "locale", "pipeline/templates")
"""What ``pipeline i18n`` reads in a site root to compile the UI catalogs the build needs."""
FAST_RUNS = 5  # steps that take about a second or less at 1,000 pairs
SLOW_RUNS = 3  # steps that take several seconds: first runs, full builds, ingest, check
NOT_MEASURED = "not measured (the first run has no figure)"


class Trash:
    """Where the folders of earlier runs go instead of being deleted while timing goes on:
    on the VM of issue 8, a build right after deleting thousands of files took 2-5 times as
    long. The workspace, trash included, is deleted when all figures are taken."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def clear(self, path: Path) -> None:
        """Move ``path`` (if it exists) into the trash, leaving its place empty."""
        if path.exists():
            self.count += 1
            self.root.mkdir(exist_ok=True)
            path.rename(self.root / f"{self.count}-{path.name}")


@dataclass(frozen=True)
class Runs:
    """How many runs each figure is the median of."""

    fast: int = FAST_RUNS
    slow: int = SLOW_RUNS


def log(message: str) -> None:
    """Progress, on standard error (standard output is the table)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def pipeline(*args: str, root: Path) -> list[str]:
    """The command line of ``pipeline ARGS --root ROOT`` in a fresh interpreter, the one
    running the harness (the project's virtual environment under ``make bench``)."""
    return [sys.executable, "-m", "pipeline", *args, "--root", str(root)]


def benchmark(work: Path, pairs: int, seed: int, runs: Runs, hugo: str | None) -> Results:
    """Generate a corpus of ``pairs`` pairs in ``work`` and measure every figure."""
    log(f"generating {pairs} pairs in {work}")
    corpus = write_corpus(work / "corpus", pairs, seed)
    add_ui_catalogs(corpus.site)
    trash = Trash(work / "trash")
    results = Results(pairs)
    results.outcomes["ingest_s"] = _ingest(corpus, work / "ingest", runs, trash)
    results.outcomes.update(_translate(corpus, work / "translate", runs, trash))
    hugo_build = _hugo(corpus, work / "hugo", hugo, trash)
    results.outcomes.update(_build_and_check(corpus, work / "build", runs, trash, hugo_build))
    results.outcomes.update(make_figures(corpus, work / "make", runs.slow, trash.clear, _report))
    return results


def add_ui_catalogs(site: Path, project: Path = PROJECT) -> None:
    """Give ``site`` the project's UI catalogs, laid out as in this repository, and compile
    them with ``pipeline i18n``, as ``make build`` does first (not timed: issue 8 asks for no
    i18n figure). A branch without catalogs or without the i18n stage gets none."""
    for relative in UI_FILES:
        source, target = project / relative, site / relative
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.mo"))
        elif source.is_file():
            shutil.copy2(source, target)
    if not (site / "babel.cfg").is_file():
        return
    run = run_once(pipeline("i18n", root=site))
    if run.exit_code != 0 and not is_missing_command(run, "i18n"):
        log(f"i18n failed (exit {run.exit_code}); the build will lack its catalogs")
        print(run.stderr.rstrip(), file=sys.stderr)


def _report(label: str, outcome: Outcome) -> Outcome:
    shown = f"{outcome.seconds:.3f} s" if outcome.measured else outcome.reason
    log(f"{label}: {shown}")
    if outcome.failed:
        print(outcome.errors.rstrip(), file=sys.stderr)
    return outcome


def _hugo(corpus: Corpus, root: Path, hugo: str | None, trash: Trash) -> Timed | None:
    """Hugo's full build of the corpus made a Hugo site in ``root`` (None without Hugo)."""
    if hugo is None:
        return None
    write_hugo_site(root, corpus.site / "content", SITE_URL, list(LANGUAGES), "sv", TIMEZONE)
    destination = root.parent / "hugo-public"
    return Timed(hugo_command(hugo, root, destination), lambda _: trash.clear(destination))


def _ingest(corpus: Corpus, site: Path, runs: Runs, trash: Trash) -> Outcome:
    def empty_site(_: int) -> None:
        trash.clear(site)
        site.mkdir(parents=True)
        shutil.copy2(corpus.site / "pyproject.toml", site)

    command = pipeline("ingest", str(corpus.postings), root=site)
    return _report("ingest", measure(command, runs.slow, empty_site, subcommand="ingest"))


def _translate(corpus: Corpus, site: Path, runs: Runs, trash: Trash) -> dict[str, Outcome]:
    def originals_only(_: int) -> None:
        trash.clear(site)
        shutil.copytree(corpus.site / "content" / "sv", site / "content" / "sv")
        shutil.copy2(corpus.site / "pyproject.toml", site)

    command = pipeline("translate", "--translator", "pseudo", root=site)
    first = _report(
        "translate, first run",
        measure(command, runs.slow, originals_only, subcommand="translate"),
    )
    if not first.measured:
        later = first if not first.failed else Outcome(reason=NOT_MEASURED)
        return {"translate_first_s": first, "translate_noop_s": later, "translate_edit_s": later}
    # The site is now as the last first run left it: every draft up to date. Its files count
    # as changed until they are older than the clock's tick
    # (pipeline.state.fingerprints.RACY_NS), as they
    # would be when a user runs the stage again: the warm-up run waits for that, then records
    # what it read, so that the timed runs find it unchanged.
    noop = _report(
        "translate, no-op",
        measure(command, runs.fast, prepare=lambda i: i == 0 and time.sleep(RACY_NS / 1e9)),
    )
    target = _edit_target(site)
    edit = _report(
        "translate, one paragraph edited",
        measure(command, runs.fast, prepare=lambda i: edit_paragraph(target, i + 1)),
    )
    return {"translate_first_s": first, "translate_noop_s": noop, "translate_edit_s": edit}


def _build_and_check(
    corpus: Corpus, site: Path, runs: Runs, trash: Trash, hugo: Timed | None
) -> dict[str, Outcome]:
    """The build's figures, check's, and Hugo's full build (``hugo``), which every ratio
    divides by: it is timed in turn with the full build (``measure_in_turn``), the figure
    whose goal is the tightest."""
    shutil.copytree(corpus.site, site)
    output = site / "public"  # the corpus's `output` setting, the build's default
    command = pipeline("build", root=site)

    def empty_output(run: int) -> None:
        # A site copied a moment ago is a site whose every file just changed: what a build
        # reads of a file changed within the clock's tick (pipeline.state.fingerprints.RACY_NS)
        # it reads
        # again next time. A user's postings are older than that; the warm-up run waits so
        # that they are, as the no-op translate does.
        if run == 0:
            time.sleep(RACY_NS / 1e9)
        trash.clear(output)

    built = Timed(command, empty_output, subcommand="build")
    *others, full = measure_in_turn([built] if hugo is None else [hugo, built], runs.fast)
    hugo_full = others[0] if others else Outcome(reason="hugo not on PATH")
    _report("Hugo full build", hugo_full)
    full = _report("build, full", full)
    # check audits the content and, once the build exists, the site just built.
    check = _report("check", measure(pipeline("check", root=site), runs.slow, subcommand="check"))
    if not full.measured:
        later = full if not full.failed else Outcome(reason=NOT_MEASURED)
        return {
            "hugo_full_s": hugo_full,
            "full_build_s": full,
            "noop_build_s": later,
            "edit_build_s": later,
            "check_s": check,
        }
    noop = _report("build, no-op", measure(command, runs.fast))
    target = _edit_target(site)
    edit = _report(
        "build, one posting edited",
        measure(command, runs.fast, prepare=lambda i: edit_paragraph(target, i + 1)),
    )
    return {
        "hugo_full_s": hugo_full,
        "full_build_s": full,
        "noop_build_s": noop,
        "edit_build_s": edit,
        "check_s": check,
    }


def _edit_target(site: Path) -> Path:
    """The Swedish posting the edit benchmarks change: the middle one by name."""
    originals = sorted((site / "content" / "sv").glob("*.md"))
    return originals[len(originals) // 2]


def machine() -> str:
    """Where and when the figures were measured, for the line above the table."""
    return (
        f"{dt.date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )


@contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    """A temporary folder for the corpora, removed afterwards unless ``keep``."""
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        yield work
    finally:
        if keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The options of ``python -m bench``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time the pipeline's stages, and Hugo, on a generated bilingual corpus.",
    )
    parser.add_argument("--pairs", type=int, default=PAIRS, help=f"sv/en pairs (default {PAIRS})")
    parser.add_argument(
        "--runs",
        type=int,
        help=f"runs per figure (default {FAST_RUNS} for fast steps, {SLOW_RUNS} for slow ones)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="corpus seed")
    parser.add_argument(
        "--json",
        type=Path,
        default=Path(os.environ.get("BENCH_JSON") or "bench-results.json"),
        help="where to write the JSON results (default: $BENCH_JSON or bench-results.json)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora")
    args = parser.parse_args(argv)
    if args.pairs < 1 or (args.runs is not None and args.runs < 1):
        parser.error("--pairs and --runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 1 if a command failed (its figure is then null)."""
    args = parse_args(argv)
    runs = Runs(args.runs, args.runs) if args.runs else Runs()
    hugo = find_hugo()
    with workspace(args.keep) as work:
        results = benchmark(work, args.pairs, args.seed, runs, hugo)
    version = hugo_version(hugo) if hugo else "no hugo on PATH"
    counts = f"{runs.fast}" if runs.fast == runs.slow else f"{runs.fast} (fast) or {runs.slow}"
    print(
        f"{args.pairs} sv/en pairs ({2 * args.pairs} pages); each figure the median of "
        f"{counts} runs; {machine()}, {version}.\n"
    )
    print(table(results))
    write_json(args.json, results)
    log(f"wrote {args.json} ({len(FIGURES) + 1} keys)")
    for key in results.failed:
        log(f"{key}: the command failed; its figure is null")
    return 1 if results.failed else 0

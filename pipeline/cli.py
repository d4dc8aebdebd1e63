"""The command line: ``pipeline COMMAND`` (or ``python -m pipeline COMMAND``).

The only place that turns errors into exit codes (``errors.ExitCode``): problems go to
standard error, one per line as ``path:line: message``; what was done to standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from pipeline import __version__, exchange
from pipeline.check import shortcut as checked
from pipeline.config import Settings, is_site, load_settings
from pipeline.errors import ExitCode, PipelineError, UsageError, printable
from pipeline.files import confined, locked
from pipeline.i18n import shortcut as i18n_shortcut
from pipeline.ingest import shortcut as ingested
from pipeline.report import LOG, Report, logging_for, show
from pipeline.state import cache
from pipeline.state.whole_run import every_stage

if TYPE_CHECKING:
    from pipeline.translate.report import TranslateReport

# Each command imports its stage when it runs: a no-op build must not pay for importing
# lingua, polib or Babel's catalog tools (see docs/benchmarks.md).


def _run_ingest(settings: Settings, args: argparse.Namespace) -> Report:
    paths = [Path(p).absolute() for p in args.paths]
    shown = dict(zip(paths, args.paths, strict=True))
    if paths:
        from pipeline.ingest.stage import ingest

        return ingest(settings, paths, shown)
    return ingested.ingest_unless_unchanged(settings)


def _add_ingest(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="Markdown files, folders of them, or a Jekyll site; none: normalize content/",
    )


def _add_translate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--translator",
        metavar="NAME",
        help="engine: pseudo (offline), google, libre, deepl, microsoft or mymemory "
        "(default: the 'translator' setting)",
    )


def _run_translate(settings: Settings, args: argparse.Namespace) -> Report:
    from pipeline.translate import shortcut as translated

    def work() -> TranslateReport:
        from pipeline.translate.stage import translate  # the engines, Babel, markdown-it

        return translate(settings, args.translator)

    return translated.translate(settings, args.translator, work)


def _run_i18n(settings: Settings, args: argparse.Namespace) -> Report:
    if not args.fill:
        return i18n_shortcut.i18n_unless_unchanged(settings)
    from pipeline.i18n.stage import i18n
    from pipeline.translate.strings import glossary_notes, translate_strings

    engine = args.translator or settings.translator

    def suggest(texts: Sequence[str], source: str, target: str) -> list[str]:
        # A string the engine could not translate gets no suggestion (an empty one).
        found = translate_strings(settings, texts, source, target, engine)
        return [item.text or "" for item in found]

    return i18n(settings, suggest, engine, glossary_notes(settings))


def _add_i18n(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fill",
        action="store_true",
        help="fill untranslated strings with machine suggestions, marked fuzzy",
    )
    _add_translate(parser)


def _add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="the built site's folder, anywhere; a build replaces or removes only files a "
        "build wrote there (default: the 'output' setting)",
    )


def _add_build(parser: argparse.ArgumentParser) -> None:
    _add_out(parser)
    parser.add_argument(
        "--full",
        action="store_true",
        help="render every page, ignoring what the last build recorded (its manifest)",
    )
    parser.add_argument(
        "--force", action="store_true", help="build over files no build wrote (or git tracks)"
    )


def _run_build(settings: Settings, args: argparse.Namespace) -> Report:
    from pipeline.build.stage import build

    out = args.out.absolute() if args.out else None
    force = getattr(args, "force", False)  # (not an argument of 'all')
    report = build(settings, out, full=args.full, force=force)
    args.built = report.planned  # (for the check of the same run: 'all')
    return report


def _run_check(settings: Settings, args: argparse.Namespace) -> Report:
    out = args.out.absolute() if args.out else None
    if out is not None and not out.is_dir():
        raise UsageError(f"--out {args.out}: no such folder; name the folder a build wrote")

    built = getattr(args, "built", None)  # (a build's before it in the run)
    return checked.check_unless_unchanged(settings, out, args.json, built)


STAGES = ("ingest", "translate", "i18n", "build", "check")


def _add_all(parser: argparse.ArgumentParser) -> None:
    _add_ingest(parser)
    _add_translate(parser)


@dataclass
class AllReport(Report):
    """What ``all`` has left to say once each stage has printed its own report: the worst
    exit code of the stages."""

    code: ExitCode = ExitCode.OK

    @property
    def exit_code(self) -> ExitCode:
        """The stages' worst: ``ERRORS`` over ``PENDING`` over ``OK``."""
        return self.code


def _run_all(settings: Settings, args: argparse.Namespace) -> Report:
    """Every stage in order, each on what it can read: a posting with broken front matter is
    reported (once, however many stages meet it) and skipped, and the good ones go all the
    way to the output folder. Wrong usage or settings (exit 2) stop the run at once."""
    args.fill, args.out, args.full, args.json = False, None, False, False  # their defaults
    vars(args).update(format="jekyll", output=None, wire=False, lang=None, refs=[], every=False)
    names = (*STAGES[:2], *(("export",) if settings.jekyll_site else ()), *STAGES[2:])
    engine = args.translator or settings.translator
    code = every_stage(settings, names, engine, lambda name: COMMANDS[name].run(settings, args))
    return AllReport(code=code)


def _add_json(parser: argparse.ArgumentParser, what: str = "the state", see: str = "") -> None:
    see = see or "docs/status-json.md"
    text = f"print {what} as JSON (a stable schema with a 'version' field; see {see})"
    parser.add_argument("--json", action="store_true", help=text)


def _add_check(parser: argparse.ArgumentParser) -> None:
    _add_out(parser)
    _add_json(parser, "the problems", "docs/cli.md")


def _run_status(settings: Settings, args: argparse.Namespace) -> Report:
    from pipeline.workflow.status import status

    return status(settings, args.json)


def _run_approve(settings: Settings, args: argparse.Namespace) -> Report:
    from pipeline.workflow.approve import approve

    return approve(settings, args.ref, args.lang, args.force)


def _run_review(settings: Settings, args: argparse.Namespace) -> Report:
    from pipeline.workflow.review import review

    return review(settings)


def _add_approve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="REF", help="the ref of the document whose draft is right")
    parser.add_argument(
        "--lang", metavar="LANG", help="approve only the draft in LANG (default: every draft)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="approve even when the quality checks find problems or blocks are machine text "
        "not yet reviewed (never pseudo text)",
    )


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, its arguments, what it runs, whether it writes files."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Settings, argparse.Namespace], Report]
    writes: bool = True


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


# The commands, in the order of the stages they run.
COMMANDS: dict[str, Command] = {
    "ingest": Command(
        "bring postings into content/<lang>/, validated and normalized", _add_ingest, _run_ingest
    ),
    "translate": Command(
        "write or update the drafts of every original in the other site languages",
        _add_translate,
        _run_translate,
    ),
    "i18n": Command(
        "extract, update and compile the UI catalogs (locale/); print coverage",
        _add_i18n,
        _run_i18n,
    ),
    "build": Command(
        "build the site (default: into public/): pages, feeds, sitemap.xml, pairs.json",
        _add_build,
        _run_build,
    ),
    "status": Command(
        "every ref with its languages' files, roles, statuses and problems; what needs review",
        _add_json,
        _run_status,
        writes=False,
    ),
    "approve": Command(
        "mark a draft reviewed and feed its blocks into the translation memory",
        _add_approve,
        _run_approve,
    ),
    "review": Command(
        "write the translators' review pages (default: into review/, never published)",
        _no_arguments,
        _run_review,
    ),
    "export": Command(exchange.EXPORT_HELP, exchange.add_export, exchange.run_export, False),
    "import": Command(exchange.IMPORT_HELP, exchange.add_import, exchange.run_import),
    "check": Command(
        "validate the content (and the built site); exit 1 on any error",
        _add_check,
        _run_check,
        writes=False,
    ),
    "all": Command(
        "every stage in order (ingest, translate, i18n, build, check), each on the files it "
        "can read; exit with the worst code",
        _add_all,
        _run_all,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``--root`` is accepted before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="site root holding content/, locale/ and pyproject.toml (default: .)",
    )
    level = common.add_mutually_exclusive_group()
    for flags, text in (
        (("-q", "--quiet"), "print errors only"),
        (("-v", "--verbose"), "also say what each stage took from its caches, and its time"),
    ):
        level.add_argument(*flags, action="store_true", default=argparse.SUPPRESS, help=text)
    parser = argparse.ArgumentParser(
        prog="pipeline",
        parents=[common],
        description="Multilingual publishing pipeline: ingest, translate, i18n, build, check.",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        sub = commands.add_parser(
            name, parents=[common], help=command.help, description=command.help
        )
        command.add_arguments(sub)
    return parser


NOT_A_SITE = (
    "pipeline: {root} is not a site: it has no content/ folder and no [tool.pipeline] in a "
    "pyproject.toml (name the site's root with --root, or start a site with 'pipeline "
    "ingest PATH')"
)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl-C: temporary files are removed, no half files


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    root = Path(getattr(args, "root", "."))
    if not root.is_dir():
        print(printable(f"pipeline: --root {root}: no such folder"), file=sys.stderr)
        return ExitCode.USAGE
    with logging_for(getattr(args, "quiet", False), getattr(args, "verbose", False)):
        return _main(args, root)


def _main(args: argparse.Namespace, root: Path) -> int:
    command = COMMANDS[args.command]
    cache.told()  # (what library calls before this run said is not this run's)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        settings = load_settings(root)
        if not is_site(settings.root) and not (args.command == "ingest" and args.paths):
            raise UsageError(NOT_A_SITE.format(root=settings.root))
        bounds = [getattr(args, name, None) for name in ("out", "bound")]  # (anywhere)
        out = [Path(p).absolute() for p in bounds if p]
        with confined(settings.root, settings.output_dir, settings.review_dir, *out):
            if command.writes:
                with locked(settings.root):
                    report = command.run(settings, args)
            else:
                report = command.run(settings, args)
    except PipelineError as error:
        show(Report(), cache.told())  # (the caches ignored on the way)
        LOG.error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        LOG.error("pipeline: interrupted; finished files are kept, run again to complete")
        return ExitCode.INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    show(report, cache.told())
    return report.exit_code


def entry() -> None:
    """The ``pipeline`` script and ``python -m pipeline``: run ``main`` and exit with its code.

    Every run ends at once when ``main`` returns, its output flushed, without tearing the
    interpreter down (freeing every object still alive one by one: 0.02 s of an edit
    build, docs/benchmarks.md); every file was closed and every lock let go by then. An
    interrupted run does not wait for a translation request still in flight in a worker
    thread either. Output into a pipe whose reader has gone exits 1, without a traceback.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``pipeline status | head``): what is left unread is not an
        # error to show. As the Python documentation advises, the rest goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = ExitCode.ERRORS
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)

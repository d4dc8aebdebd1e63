"""``pipeline export`` and ``pipeline import``: the site's drafts, memory and glossary to and
from translators' own tools (Poedit, OmegaT, Weblate, memoQ...). See docs/exchange.md.

The formats are a registry, ``FORMATS``: a format's name (what ``--format`` takes) maps to a
``Format`` naming the module that does the work, the file name endings ``import`` knows it
by, and its help line. The module is imported only when the format is used (translate-toolkit
is not loaded by a build), and holds two functions:

- ``export(settings, request: ExportRequest) -> Report``: write the format's file (or
  folder) to ``request.output``, or to standard output when there is none (``deliver`` does
  either for a text); what it says goes into the report;
- ``import_(settings, path: Path, shown: str) -> Report``: read ``path`` (named ``shown`` in
  messages) and write what it holds back into the site; every problem a ``Problem`` at its
  ``path:line``. A format that is exported only leaves ``suffixes`` empty and needs no
  ``import_``.

A new format is a module with those functions and one line in ``FORMATS``. ``-o PATH`` may
name a file or a folder anywhere: the command may write inside PATH's parent folder (the CLI's
``confined`` bound, ``bound``), and nowhere else outside the site. This module stays light:
the CLI imports it to list the formats in ``--help``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from pipeline.config import Settings
from pipeline.errors import UsageError
from pipeline.files import write_atomic
from pipeline.report import Report


@dataclass(frozen=True)
class Format:
    """One exchange format: its module, the endings of the files it imports, its help."""

    module: str
    suffixes: tuple[str, ...]
    help: str

    def load(self) -> ModuleType:
        """The format's module (imported now, the first time)."""
        return importlib.import_module(self.module)


FORMATS: dict[str, Format] = {
    "po": Format("pipeline.exchange.po", (".po",), "drafts as a gettext catalog"),
    "xliff": Format("pipeline.exchange.xliff", (".xlf", ".xliff"), "drafts as XLIFF 1.2"),
    "tmx": Format("pipeline.exchange.tmx", (".tmx",), "the memory's reviewed entries as TMX"),
    "tbx": Format("pipeline.exchange.tbx", (".tbx",), "the glossary as TBX-Basic"),
    "jekyll": Format("pipeline.exchange.jekyll", (), "drafts and hreflang into a Jekyll site"),
}
"""The formats by the name ``--format`` takes (see the module)."""


@dataclass(frozen=True)
class ExportRequest:
    """What ``pipeline export`` was asked for."""

    format: str
    lang: str | None = None  # the target language (default: the one other than the default)
    refs: list[str] = field(default_factory=list)  # only these documents (default: every one)
    every: bool = False  # every draft (``--all``), not only those that need review
    output: Path | None = None  # the file (or folder) to write; None: standard output
    shown: str = ""  # ``output`` as the user named it
    wire: bool = False  # jekyll: add the include's line to each layout's <head> lacking it


def deliver(request: ExportRequest, text: str, report: Report, what: str) -> Report:
    """Write ``text`` to the request's output (atomically) or to standard output; ``what``
    says what it holds (``3 units of 1 draft``) in the report's line."""
    if request.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return report  # (standard output holds the file; nothing else goes there)
    write_atomic(request.output, text)
    report.done.append(f"export: {what} to {request.shown or request.output}")
    return report


def format_of(path: Path, name: str | None = None) -> str:
    """The format of ``path``: ``name`` if given, else the one its file name ends with.
    Raises ``UsageError`` if there is none."""
    if name is not None:
        return name
    lowered = path.name.lower()
    for format_name, known in FORMATS.items():
        if known.suffixes and lowered.endswith(known.suffixes):
            return format_name
    endings = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    raise UsageError(f"import: {path}: not a file to import; name one ending in {endings}")


EXPORT_HELP = "the drafts (po, xliff), memory (tmx) or glossary (tbx) for translators' tools"
IMPORT_HELP = "bring a translator's PO, XLIFF, TMX or TBX file back into the site"


class _Output(argparse.Action):
    """``-o PATH``: also sets ``bound``, the folder the CLI lets the command write in."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.bound = Path(str(values)).absolute().parent


def add_export(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``pipeline export``."""
    names = ", ".join(f"{name}: {f.help}" for name, f in FORMATS.items())
    parser.add_argument("--format", required=True, choices=list(FORMATS), help=names)
    parser.add_argument(
        "--lang", metavar="LANG", help="the drafts' language (po, xliff), the memory's (tmx)"
    )
    parser.add_argument(
        "-o", "--output", metavar="PATH", action=_Output, help="write here (default: stdout)"
    )
    parser.add_argument(
        "--all", dest="every", action="store_true", help="every draft, reviewed ones too"
    )
    parser.add_argument(
        "--wire", action="store_true", help="jekyll: add the hreflang include to each <head>"
    )
    parser.add_argument("refs", nargs="*", metavar="REF", help="only these documents")


def run_export(settings: Settings, args: argparse.Namespace) -> Report:
    """``pipeline export``: the format's ``export``."""
    output = Path(args.output).absolute() if args.output else None
    request = ExportRequest(
        args.format, args.lang, list(args.refs), args.every, output, args.output or "", args.wire
    )
    return FORMATS[args.format].load().export(settings, request)  # type: ignore[no-any-return]


def add_import(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``pipeline import``."""
    parser.add_argument("file", metavar="FILE", help="a .po, .xlf, .tmx or .tbx file")
    parser.add_argument(
        "--format", choices=[n for n, f in FORMATS.items() if f.suffixes], help="(default: by name)"
    )


def run_import(settings: Settings, args: argparse.Namespace) -> Report:
    """``pipeline import FILE``: the format's ``import_``."""
    path = Path(args.file)
    name = format_of(path, args.format)
    if not path.is_file():
        raise UsageError(f"import: {args.file}: no such file")
    return FORMATS[name].load().import_(settings, path.absolute(), args.file)  # type: ignore[no-any-return]


def language_pair(settings: Settings, lang: str | None) -> tuple[str, str]:
    """The pair (originals' language, drafts' language) an export is for: the default
    language and ``lang`` (default: the site's other language, when it has just one).
    Raises ``UsageError`` for a language the site does not have."""
    source = settings.default_language
    others = [code for code in settings.languages if code != source]
    if lang is None:
        if len(others) != 1:
            raise UsageError(f"export: name the drafts' language: --lang {'|'.join(others)}")
        return source, others[0]
    if lang not in others:
        raise UsageError(f"export: --lang {lang}: not one of the site's draft languages")
    return source, lang

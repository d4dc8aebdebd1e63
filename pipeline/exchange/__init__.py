"""What the pipeline knows, carried out to other tools and back (``pipeline export``).

Each format is named once, in ``FORMATS``, with the function that writes it: it takes the
settings, the place to write to (``-o PATH``; None for the format's own setting) and the
command's options, and returns a report.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.report import Report


@dataclass(frozen=True)
class Options:
    """The options of ``pipeline export`` a format may use."""

    wire: bool = False  # jekyll: add the include's line to the site's <head>


Export = Callable[[Settings, Path | None, Options], Report]


def _jekyll(settings: Settings, target: Path | None, options: Options) -> Report:
    from pipeline.exchange.jekyll import export_jekyll

    return export_jekyll(settings, target, wire=options.wire)


# The formats, by the name ``--format`` takes.
FORMATS: dict[str, Export] = {
    "jekyll": _jekyll,
}


def add_export(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``pipeline export``."""
    parser.add_argument("--format", required=True, choices=sorted(FORMATS), help="the format")
    parser.add_argument(
        "-o", dest="out", metavar="PATH", type=Path, help="where to write (jekyll: the site)"
    )
    parser.add_argument(
        "--wire",
        action="store_true",
        help="jekyll: add the include's line to each layout's <head> that lacks it",
    )


def run_export(settings: Settings, args: argparse.Namespace) -> Report:
    """``pipeline export``: the format's function, on the place named."""
    return FORMATS[args.format](settings, args.out, Options(wire=args.wire))

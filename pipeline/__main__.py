"""``python -m pipeline``: the same entry point as the ``pipeline`` script."""

from pipeline.cli import entry

entry()

"""``python -m pipeline``: the same entry point as the ``pipeline`` script."""

import sys

from pipeline.cli import main

sys.exit(main())

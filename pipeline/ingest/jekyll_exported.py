"""What ``pipeline export --format jekyll`` wrote into a Jekyll site: its list, a hidden file
at the site's top (Jekyll skips it), read by ingest, which leaves those files out (they are
the pipeline's own drafts and data, not the site's), and by the export, which rewrites only
them (``pipeline.exchange.jekyll_files``).
"""

from __future__ import annotations

import json
from pathlib import Path

EXPORTED = ".pipeline-export.json"


def exported(root: Path) -> dict[str, str]:
    """The files the export wrote into the site at ``root`` (its ``EXPORTED`` list), each
    with what it was written from; none when there is no list or it cannot be read (then
    the export rewrites nothing, and ingest reads every file)."""
    try:
        files = json.loads((root / EXPORTED).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        str(path): str(entry.get("from", "the pipeline"))
        for path, entry in files.items()
        if isinstance(entry, dict)
    }

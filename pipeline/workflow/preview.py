"""``make serve``: the built site and the review pages on one local address.

``python -m pipeline.workflow.preview [--root DIR] [--port N]`` serves the output folder at ``/``
and the review folder at ``/review/`` on 127.0.0.1 only, so that a translator opens
``http://127.0.0.1:8000/review/`` beside the site. The review pages are never copied into the
output folder: this preview is the only place where the two meet.
"""

from __future__ import annotations

import argparse
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.config import load_settings
from pipeline.errors import PipelineError

MOUNT = "/review/"


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of ``directory``, and of ``review`` under ``/review/``."""

    def __init__(self, *args: object, directory: str, review: str, **kwargs: object) -> None:
        self.review = review
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        """The file for ``path``: under the review folder for ``/review/...``."""
        if path == MOUNT.rstrip("/") or path.startswith(MOUNT):
            inner = path[len(MOUNT) - 1 :] or "/"
            # The parent's mapping (it drops '..' and the like) within the site, moved over.
            served = Path(super().translate_path(inner)).relative_to(self.directory)
            return str(Path(self.review) / served)
        return super().translate_path(path)


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted; exit 2 for bad settings."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.workflow.preview", description=__doc__
    )
    parser.add_argument("--root", default=".", help="site root (default: .)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(Path(args.root))
    except PipelineError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    handler = functools.partial(
        PreviewHandler,
        directory=str(settings.output_dir),
        review=str(settings.review_dir.resolve()),
    )
    with ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(
            f"site: http://127.0.0.1:{args.port}/  review pages: http://127.0.0.1:{args.port}{MOUNT}"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

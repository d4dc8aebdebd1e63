"""``make serve``: the built site and the review pages on one local address.

``python -m pipeline.workflow.preview [--root DIR] [--port N]`` serves the output folder at ``/``
and the review folder at ``/review/`` on 127.0.0.1 only, so that a translator opens
``http://127.0.0.1:8000/review/`` beside the site. The review pages are never copied into the
output folder: this preview is the only place where the two meet.

It also watches the files the site is made of and rebuilds it when one changes, and the pages
it serves reload themselves after each build, or show its errors (``pipeline.workflow.reload``;
``--no-watch`` serves the files as they are).
"""

from __future__ import annotations

import argparse
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.workflow.reload import VERSION_PATH, Watcher, inject

MOUNT = "/review/"


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of ``directory``, and of ``review`` under ``/review/``; with a ``watcher``, its
    state at ``VERSION_PATH`` and HTML pages with the reload script."""

    def __init__(
        self,
        *args: object,
        directory: str,
        review: str,
        watcher: Watcher | None = None,
        **kwargs: object,
    ) -> None:
        self.review = review
        self.watcher = watcher
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        """A file; the watcher's state; an HTML page with the reload script."""
        if self.watcher is None:
            super().do_GET()
            return
        if self.path.split("?")[0] == VERSION_PATH:
            self._send(self.watcher.state(), "application/json")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            super().do_GET()
            return
        try:
            page = path.read_bytes()
        except OSError:
            super().do_GET()
            return
        self._send(inject(page), "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

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
    parser.add_argument(
        "--no-watch", action="store_true", help="serve the files only: no rebuild, no reload"
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings(Path(args.root))
    except PipelineError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    watcher = None if args.no_watch else Watcher(settings).start()
    handler = functools.partial(
        PreviewHandler,
        directory=str(settings.output_dir),
        review=str(settings.review_dir.resolve()),
        watcher=watcher,
    )
    with ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(
            f"site: http://127.0.0.1:{args.port}/  review pages: http://127.0.0.1:{args.port}{MOUNT}"
            + ("" if watcher is None else "  (rebuilt and reloaded on every change)"),
            flush=True,
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            return 0
        finally:
            if watcher is not None:
                watcher.stop()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

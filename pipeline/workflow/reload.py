"""The preview's live reload: what ``make serve`` watches, how it rebuilds, and the script it
adds to the pages it serves (and only to those: never to the files in the output folder).

A ``Watcher`` looks at the files the site is made of (``content/``, ``locale/``, the site's
templates, static files and data, ``pyproject.toml``) twice a second. When one changed it
runs the stages a user would (``pipeline i18n`` first when a catalog changed, then ``pipeline
build``, the incremental build), each as its own process, with what they print shown in the
terminal; then it counts a new version. A page served by the preview asks for the version
every second (``VERSION_PATH``) and reloads when it changed; when the build failed, the page
shows its errors over the content until a build succeeds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from pipeline.config import PYPROJECT, Settings

VERSION_PATH = "/__preview/version"
POLL_SECONDS = 0.5

SCRIPT = b"""<script>/* pipeline preview: reloads on a new build (not in the published site) */
(function () {
  var seen = null;
  function show(error) {
    var box = document.getElementById("pipeline-preview-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "pipeline-preview-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1rem;background:#7a0000;color:#fff;font:14px/1.4 monospace;" +
        "white-space:pre-wrap;z-index:9999";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed:\\n" + error;
  }
  function ask() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen !== null && state.version !== seen && !state.error) location.reload();
        seen = state.version;
        show(state.error);
      }).catch(function () {}).then(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>
""".replace(b"%s", VERSION_PATH.encode())


def inject(html: bytes) -> bytes:
    """``html`` with the reload script before its ``</body>`` (at its end if it has none)."""
    at = html.rfind(b"</body>")
    return html + SCRIPT if at < 0 else html[:at] + SCRIPT + html[at:]


class Watcher:
    """Rebuilds the site when a file it is made of changes, and counts the builds."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.version = 0
        self.error = ""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="preview-watcher")

    def state(self) -> bytes:
        """The version and the last build's errors, as JSON for the pages."""
        with self._lock:
            return json.dumps({"version": self.version, "error": self.error}).encode()

    def start(self) -> Watcher:
        """Start watching (in a thread of its own)."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching (a build under way finishes first)."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        seen = self.snapshot()
        while not self._stop.wait(POLL_SECONDS):
            now = self.snapshot()
            if now == seen:
                continue
            changed = {name for name in now.keys() | seen.keys() if now.get(name) != seen.get(name)}
            seen = now
            self.rebuild(catalogs=any(name.endswith(".po") for name in changed))
            seen = self.snapshot()  # (what the stages wrote, such as a catalog, is not an edit)

    def rebuild(self, catalogs: bool = False) -> None:
        """Run ``pipeline i18n`` (if ``catalogs``) and ``pipeline build``, printing what they
        print; count a new version, with the errors of a failed run."""
        errors = []
        for command in (["i18n"] if catalogs else []) + ["build"]:
            done = subprocess.run(
                [sys.executable, "-m", "pipeline", command, "--root", str(self.settings.root)],
                capture_output=True,
                text=True,
                check=False,
            )
            sys.stdout.write(done.stdout)
            sys.stderr.write(done.stderr)
            sys.stdout.flush()
            if done.returncode not in (0, 3):
                errors.append(done.stderr.strip() or f"pipeline {command} failed")
                break
        with self._lock:
            self.version += 1
            self.error = "\n".join(errors)

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Size and time of change of every file the site is made of."""
        found: dict[str, tuple[int, int]] = {}
        for path in self._watched():
            try:
                stat = path.stat()
            except OSError:
                continue
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
        return found

    def _watched(self) -> Iterator[Path]:
        settings = self.settings
        yield settings.root / PYPROJECT
        for folder in (
            settings.content_dir,
            settings.locale_dir,
            settings.templates_dir,
            settings.static_dir,
            settings.data_dir,
        ):
            for parent, folders, files in os.walk(folder):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for name in files:
                    if not name.startswith(".") and not name.endswith(".mo"):
                        yield Path(parent, name)

"""Shared fixtures: throwaway sites built inline, the CLI run in-process, and a fake
LibreTranslate server."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import socket
import struct
import textwrap
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from playwright.sync_api import sync_playwright

from pipeline.cli import main
from pipeline.config import Settings, load_settings
from pipeline.translate import runner
from pipeline.workflow.preview import PreviewHandler

# CI runs the same examples every time (a red build means a change broke something, not that
# the dice rolled differently); `HYPOTHESIS_PROFILE=deep make test` searches long and at random.
hypothesis_settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True)
hypothesis_settings.register_profile("deep", max_examples=20_000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))

PYPROJECT = """\
[tool.pipeline]
site-url = "https://example.org"
languages = ["sv", "en"]
default-language = "sv"
"""

SMALL_POSTING = """\
---
lang: sv
ref: a
title: Hej världen
---
Ett stycke med en [länk](https://example.org/x) och `kod`.

Ett andra stycke.
"""
"""A Swedish posting of three blocks to translate: a title and two paragraphs."""


def engine_pyproject(
    engine: str = "libre", timeout: float = 0.3, attempts: int = 3, concurrency: int = 1
) -> str:
    """Settings of a site that translates with ``engine``, bounded for tests."""
    return (
        f'[tool.pipeline]\nsite-url = "https://example.org"\ntranslator = "{engine}"\n'
        f"translator-timeout = {timeout}\ntranslator-attempts = {attempts}\n"
        f"translator-concurrency = {concurrency}\n"
    )


@dataclass
class Site:
    """A site root in a temporary folder, with helpers to write and read its files."""

    root: Path

    def write(self, relative: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace the first ``old`` in a file with ``new``, as an editor would."""
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1), dedent=False)

    def files(self, under: str = "content") -> dict[str, bytes]:
        """Every file under ``under``, by path relative to the root, with its bytes."""
        base = self.root / under
        return (
            {
                p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in sorted(base.rglob("*"))
                if p.is_file()
            }
            if base.exists()
            else {}
        )

    @property
    def settings(self) -> Settings:
        return load_settings(self.root)


def translate_with(site: Site, engine: str) -> None:
    """Set the site's translator in its pyproject.toml, as a user does (``libre``: the fake
    server of the ``libre`` fixture, whose text can be approved; ``pseudo`` text never is)."""
    site.write("pyproject.toml", site.read("pyproject.toml") + f'translator = "{engine}"\n')


def texts_of(fragments: list[str], separators: list[str], most: int) -> st.SearchStrategy[str]:
    """Texts of up to ``most`` of ``fragments``, each after one of ``separators``, ending in
    a newline (for properties over what sits on a parser's boundaries)."""
    parts = st.tuples(st.sampled_from(separators), st.sampled_from(fragments))
    return st.lists(parts, min_size=1, max_size=most).map(
        lambda found: "".join(sep + fragment for sep, fragment in found) + "\n"
    )


def spy(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple]:
    """Record the arguments of every call of ``owner.name`` (still called) in the list
    returned, for tests that assert a stage did, or did not, do a piece of work."""
    real = getattr(owner, name)
    calls: list[tuple] = []

    def recording(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site with two languages (sv default, en) and example.org as its URL."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return Site(root)


@dataclass
class Result:
    """What a CLI run returned and printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run ``pipeline ARGS... --root ROOT`` in-process, as a user would from the shell."""

    def invoke(root: Path, *args: str) -> Result:
        capsys.readouterr()
        code = main([*args, "--root", str(root)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return Result(code, captured.out, captured.err)

    return invoke


# UI catalogs and the seed site -------------------------------------------------------------


def add_ui(site: Site) -> Site:
    """Give ``site`` the repository's babel.cfg, templates and committed catalogs, so that
    ``i18n`` extracts from templates the test may change and ``build`` has catalogs."""
    shutil.copy(REPO / "babel.cfg", site.root / "babel.cfg")
    shutil.copytree(REPO / "pipeline" / "templates", site.root / "pipeline" / "templates")
    shutil.copytree(REPO / "locale", site.root / "locale", ignore=shutil.ignore_patterns("*.mo"))
    return site


def repository_site(root: Path, *commands: str) -> Site:
    """The repository's own site (its settings, content, templates and catalogs) in the new
    folder ``root``, after ``commands`` run on it through the CLI (each must succeed)."""
    root.mkdir(parents=True)
    site = add_ui(Site(root))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "static", root / "static")  # (the postings' images)
    for command in commands:
        assert main([command, "--root", str(root)]) == 0, command
    return site


@pytest.fixture
def ui_site(site: Site) -> Site:
    """An empty site with the templates and catalogs of the repository."""
    return add_ui(site)


@pytest.fixture
def seed_site(ui_site: Site, run) -> Site:
    """The repository's own site (the seeds and their English versions), catalogs compiled."""
    shutil.copytree(REPO / "content", ui_site.root / "content")
    shutil.copytree(REPO / "static", ui_site.root / "static")  # (the postings' images)
    result = run(ui_site.root, "i18n")
    assert result.code == 0, result.err
    return ui_site


class FakeLibreTranslate(ThreadingHTTPServer):
    """A LibreTranslate-compatible server on 127.0.0.1 for the real deep-translator client.

    It translates by upper-casing (placeholders come back as they went), counts requests and
    characters, and serves the faults queued in ``faults``, one per request: ``slow`` (an
    answer after ``slow_seconds``, past the client's timeout), ``429`` (with ``Retry-After:
    retry_after``), ``500``, ``403``, ``reset`` (the connection dropped), ``empty`` (an empty
    translation), ``drop`` (the first placeholder left out), ``html`` (a tag added),
    ``garbage`` (not JSON), ``bare429`` (429 without ``Retry-After``), ``null`` (a JSON
    null for the translation), ``alter`` (a placeholder renumbered), ``same`` (the text sent
    back untranslated), ``echo``, ``echo-encoded``, ``echo-cut`` (the translation with the API
    key it was sent, as it is, URL-encoded, or its first ten characters), ``long`` (the
    translation and 40 times as much more). ``always`` is served when the queue is empty
    (None: no fault).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _LibreHandler)
        self.requests = 0
        self.characters = 0
        self.texts: list[str] = []
        self.paths: list[str] = []
        self.faults: list[str] = []
        self.answers: dict[str, str] = {}
        self.always: str | None = None
        self.retry_after = "2"
        self.slow_seconds = 2.0
        self.released = threading.Event()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def next_fault(self) -> str | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else self.always

    def handle_error(self, request, client_address) -> None:
        pass  # dropped connections are the point of some faults


class _LibreHandler(BaseHTTPRequestHandler):
    server: FakeLibreTranslate

    def log_message(self, format, *args) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        fields = {**query, **form}
        text = fields.get("q", [""])[0]
        server = self.server
        with server.lock:
            server.requests += 1
            server.characters += len(text)
            server.texts.append(text)
            server.paths.append(self.path)
        fault = server.next_fault()
        if fault == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if fault == "slow":
            server.released.wait(server.slow_seconds)
        if fault in ("403", "429", "500", "bare429"):
            self.send_response(429 if fault == "bare429" else int(fault))
            if fault == "429":
                self.send_header("Retry-After", server.retry_after)
            self.end_headers()
            return
        answer = server.answers.get(text, text.upper())
        if fault == "empty":
            answer = ""
        elif fault == "drop":
            answer = re.sub(r"⟦\d+⟧", "", answer, count=1)
        elif fault == "html":
            answer += " <script>x</script>"
        elif fault == "alter":
            answer = re.sub(r"⟦(\d+)⟧", lambda m: f"⟦{int(m[1]) + 7}⟧", answer, count=1)
        elif fault == "same":
            answer = text
        elif fault in ("echo", "echo-encoded", "echo-cut"):
            key = fields.get("api_key", [""])[0]
            shown = {"echo": key, "echo-encoded": urllib.parse.quote_plus(key)}
            answer += f" key={shown.get(fault, key[:10])}"
        elif fault == "long":
            answer += " Mer." * 8 * len(text)
        elif fault == "null":
            answer = None
        body = (
            b"<html>oops" if fault == "garbage" else json.dumps({"translatedText": answer}).encode()
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving_libre(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLibreTranslate]:
    """A fake LibreTranslate server, named by LIBRETRANSLATE_URL while it serves; waits are
    recorded in ``waits`` instead of slept (so a test never waits for a backoff)."""
    server = FakeLibreTranslate()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    monkeypatch.setenv("LIBRETRANSLATE_URL", server.url)
    monkeypatch.delenv("LIBRETRANSLATE_API_KEY", raising=False)
    server.waits = []
    monkeypatch.setattr(runner, "sleep", server.waits.append)
    try:
        yield server
    finally:
        server.released.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def libre(monkeypatch: pytest.MonkeyPatch):
    """A fake LibreTranslate server for the test (see ``serving_libre``)."""
    with serving_libre(monkeypatch) as server:
        yield server


@contextmanager
def _previewing(site: Site) -> Iterator[str]:
    settings = site.settings
    handler = functools.partial(
        PreviewHandler, directory=str(settings.output_dir), review=str(settings.review_dir)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def preview() -> Callable[[Site], AbstractContextManager[str]]:
    """``with preview(site) as url``: the site's output at ``url/`` and its review pages at
    ``url/review/``, on 127.0.0.1 at a free port, as ``make serve`` shows them."""
    return _previewing


# A real browser -----------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is not installed: make system installs it (make test runs it)"
    return found


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Chromium (Debian's ``chromium``, never Playwright's own download), as a
    Playwright browser context with a throwaway profile."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()

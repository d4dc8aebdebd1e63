"""Faults from outside, through the real CLI: translation engines that misbehave, a disk that
is full or read-only, API keys that must stay secret.

After every fault the site is intact (``tests/intact.py``): no temporary file, every written
file whole, the memory a valid catalog; and a re-run with the fault gone finishes the work.
"""

from __future__ import annotations

import errno
import json
import os
import re
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from pipeline import files
from tests.conftest import SMALL_POSTING, engine_pyproject
from tests.intact import assert_intact

PARAGRAPH = "Ett stycke med en [länk](https://example.org/x) och `kod`."
DRAFT = "content/en/hej-varlden.md"


def make_site(site, engine: str = "libre"):
    site.write("pyproject.toml", engine_pyproject(engine))
    site.write("content/sv/a.md", SMALL_POSTING)
    return site


# Translation engines that misbehave ---------------------------------------------------------


def test_a_429_without_retry_after_is_retried_after_a_backoff(site, run, libre) -> None:
    make_site(site)
    libre.faults = ["bare429"]
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert libre.requests == 4
    assert len(libre.waits) == 1 and 0.5 <= libre.waits[0] <= 1.0  # the first backoff
    assert_intact(site.root)


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        ("null", "the engine returned an empty answer"),
        ("alter", "the engine lost the link '['"),
        ("same", "the engine sent it back untranslated, still in 'sv'"),
    ],
)
def test_an_answer_that_cannot_be_used_is_flagged_and_not_remembered(
    site, run, libre, fault: str, problem: str
) -> None:
    make_site(site)
    libre.faults = [None, fault]  # the title is fine, the first paragraph is not
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    lines = site.read(DRAFT).splitlines()
    assert result.err_lines == [
        f"{DRAFT}:{lines.index(PARAGRAPH) + 1}: warning: paragraph kept in 'sv': {problem}"
    ]
    assert_intact(site.root)
    assert PARAGRAPH not in site.read("locale/memory/sv-en.po")
    record = json.loads(site.read("locale/memory/drafts/en/a.json"))
    assert PARAGRAPH in json.dumps(record, ensure_ascii=False)


def test_an_engine_that_keeps_timing_out_leaves_the_work_pending(site, run, libre) -> None:
    make_site(site)
    libre.always = "slow"
    result = run(site.root, "translate")
    assert result.code == 3
    assert result.err_lines == [
        "content/sv/a.md: warning: not translated to 'en' yet (libre: no answer from "
        f"127.0.0.1:{libre.server_address[1]} within 0.3 s (gave up after 3 attempts))"
    ]
    assert len(libre.waits) == 2  # bounded: attempts 1 and 2 were followed by a wait
    assert site.files("content/en") == {}
    assert_intact(site.root)
    libre.always = None
    libre.released.set()
    assert run(site.root, "translate").code == 0
    assert "ETT ANDRA STYCKE." in site.read(DRAFT)


# A disk that is full or read-only ------------------------------------------------------------


def _fail(number: int):
    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    return fail


@pytest.mark.parametrize(("command", "folder"), [("build", "public"), ("translate", "content/en")])
def test_a_file_where_a_folder_should_be(ui_site, run, command, folder) -> None:
    site = make_site(ui_site, "pseudo")
    assert run(site.root, "i18n").code == 0
    site.write(folder, "not a folder\n")
    result = run(site.root, command)
    assert result.code == 1
    (line,) = result.err_lines  # one message, naming the file in the way
    assert line.startswith(f"{site.root / folder}/"), line
    assert line.endswith(f": cannot write: {site.root / folder} is a file where a folder is needed")
    assert site.read(folder) == "not a folder\n"
    assert_intact(site.root)


@pytest.mark.parametrize(
    ("target", "number", "message"),
    [
        (  # the temporary file opens, and writing to it fails
            "write",
            errno.ENOSPC,
            "the disk is full; nothing was half-written, free space and run again",
        ),
        ("replace", errno.EROFS, "cannot write here (read-only or no permission)"),
    ],
)
@pytest.mark.parametrize("command", ["ingest", "translate", "i18n", "build"])
def test_a_full_or_read_only_disk_is_an_error_not_a_traceback(
    ui_site, run, monkeypatch, command: str, target: str, number: int, message: str
) -> None:
    site = make_site(ui_site, "pseudo")
    site.write("content/sv/b.md", "---\ntitle: Bä\n---\nText b.\n")  # ingest has work to do
    if command == "build":
        assert run(site.root, "i18n").code == 0
    before = {**site.files("content"), **site.files("locale")}
    monkeypatch.setattr(files.os, target, _fail(number))
    result = run(site.root, command)
    monkeypatch.undo()
    assert result.code == 1
    assert result.err_lines, result.out
    for line in result.err_lines:
        assert re.fullmatch(rf"\S+: {re.escape(message)}", line), line
    assert_intact(site.root)
    after = {**site.files("content"), **site.files("locale")}
    assert {name: after.get(name) for name in before} == before  # nothing lost or changed
    assert site.files("public") == {}
    result = run(site.root, command)  # the disk has space again
    assert result.code == 0, result.err


# API keys ------------------------------------------------------------------------------------

KEY = "Sekret/Key+4711 =fx"  # "/", "+", " " and "=" differ when URL-encoded
KEY_PART = "Sekr"  # in the key as it is, URL-encoded, or cut short at the end of a message
ENGINE_KEYS = {
    "deepl": "DEEPL_API_KEY",
    "microsoft": "MICROSOFT_API_KEY",
    "libre": "LIBRETRANSLATE_API_KEY",
}


class Provider(ThreadingHTTPServer):
    """DeepL, Microsoft Translator and LibreTranslate on 127.0.0.1, in their own dialects.

    ``mode`` is what every translation request gets: ``ok`` (the text upper-cased), ``401``,
    ``500``, ``slow`` (past the client's timeout) or ``echo`` (an error that repeats the key
    it was sent, as is and URL-encoded, where messages are cut to 200 characters).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProviderHandler)
        self.mode = "ok"
        self.requests: list[str] = []  # every request line, with its headers and body
        self.released = threading.Event()

    def handle_error(self, request, client_address) -> None:
        pass


class _ProviderHandler(BaseHTTPRequestHandler):
    server: Provider

    def log_message(self, format, *args) -> None:
        pass

    def _answer(self, status: int, body: object) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # Microsoft's list of languages, DeepL's of glossaries
        self.server.requests.append(f"GET {self.path}\n{self.headers}")
        if self.path.startswith("/v2/glossaries"):
            self._answer(200, {"glossaries": []})
            return
        languages = {"sv": {"name": "Swedish"}, "en": {"name": "English"}}
        self._answer(200, {"translation": languages})

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        decoded = urllib.parse.unquote_plus(raw)
        self.server.requests.append(f"POST {self.path}\n{self.headers}\n{raw}\n{decoded}")
        mode = self.server.mode
        if mode == "slow":
            self.server.released.wait(5)
        if mode in ("401", "500"):
            self._answer(int(mode), {"message": "no"})
            return
        sent = self.headers.get("Authorization", "") + self.headers.get(
            "Ocp-Apim-Subscription-Key", ""
        )
        form = urllib.parse.parse_qs(raw)
        sent += form.get("api_key", [""])[0]
        if mode == "echo":
            echoed = (
                "x" * 110 + f"{sent} {urllib.parse.quote(sent)} {urllib.parse.quote_plus(sent)}"
            )
            if "microsoft" in self.path:
                self._answer(200, {"error": {"code": 401000, "message": echoed}})
            else:
                self._answer(200, echoed.encode())  # not JSON
            return
        if self.path.startswith("/v2/glossaries"):  # DeepL makes the site's glossary
            self._answer(201, {"glossary_id": "g1", "name": form.get("name", [""])[0]})
        elif self.path.startswith("/v2/translate"):  # DeepL
            self._answer(200, {"translations": [{"text": form["text"][0].upper()}]})
        elif "microsoft" in self.path:
            text = json.loads(raw)[0]["text"]
            self._answer(200, [{"translations": [{"text": text.upper(), "to": "en"}]}])
        else:  # LibreTranslate
            self._answer(200, {"translatedText": form["q"][0].upper()})


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    """The providers' hosts are fixed in the clients: every request goes to the fake one."""
    server = Provider()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    local = f"http://127.0.0.1:{server.server_address[1]}"
    real = requests.Session.request

    def request(session, method, url, *args, **kwargs):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        if parts.netloc == "api.cognitive.microsofttranslator.com":
            path = "/microsoft" + path
        return real(session, method, local + path, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "request", request)
    monkeypatch.setattr("pipeline.translate.runner.sleep", lambda seconds: None)
    monkeypatch.setenv("LIBRETRANSLATE_URL", local + "/")
    for variable in ENGINE_KEYS.values():
        monkeypatch.setenv(variable, KEY)
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()


def leaks(text: str | bytes) -> bool:
    return (KEY_PART.encode() if isinstance(text, bytes) else KEY_PART) in text


@pytest.mark.parametrize("mode", ["ok", "401", "500", "slow", "echo"])
@pytest.mark.parametrize("engine", sorted(ENGINE_KEYS))
def test_an_api_key_is_in_no_file_message_draft_or_memory(
    ui_site, run, provider: Provider, engine: str, mode: str
) -> None:
    site = make_site(ui_site, engine)
    provider.mode = mode
    results = [run(site.root, "translate")]
    provider.mode = "ok"
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: Bä\n---\nText b.\n")
    # The run after the fault finishes the work; after a good run, the site is built too.
    later = ("translate", "i18n", "build", "check") if mode == "ok" else ("translate",)
    results += [run(site.root, command) for command in later]
    assert results[0].code == {"ok": 0, "echo": 0}.get(mode, 3), results[0].err
    assert results[1].code == 0, results[1].err
    assert any(KEY in request for request in provider.requests)  # sent: in a header or body
    assert not any(leaks(request.split("\n", 1)[0]) for request in provider.requests)  # no URL
    for result in results:
        assert not leaks(result.out + result.err), result.err
    written = {**site.files("content"), **site.files("locale"), **site.files("public")}
    assert written and not [name for name, data in written.items() if leaks(data)]
    if mode == "echo" and engine == "microsoft":  # its client puts the error in its message
        assert "***" in results[0].err  # the echoed key was there, and was redacted

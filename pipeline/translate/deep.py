"""The deep-translator engines, with the defects of deep-translator 1.11.4 handled here.

What the installed source does, and what this adapter does about it:

- No timeout on any request, and HTTP failures are raised as unrelated exception types (or
  not at all) with the response's ``Retry-After`` thrown away. Its modules call
  ``requests.get``/``requests.post``; each module used here is given ``HTTP`` instead of the
  ``requests`` module: the same calls with our timeout, one session per thread, and every
  failure turned into ``Transient`` (429, 5xx, timeouts, lost connections; ``Retry-After``
  kept) or ``Refused`` (401, 403, DeepL's 456) before deep-translator sees the response.
- ``LibreTranslator`` checks languages against a hard-coded list without Swedish, insists on
  an API key (a self-hosted server needs none) and sends the text and the key in the URL.
  The adapter sets the languages through the client's setters, passes no key when there is
  none, and ``HTTP`` sends a POST's parameters as a form body.
- ``DeeplTranslator`` sends the key as the ``auth_key`` URL parameter, which DeepL no longer
  accepts, and always uses the free API's host. The adapter's client posts with the
  ``Authorization: DeepL-Auth-Key`` header to the host the key belongs to (``:fx``: free).
  It knows nothing of DeepL's glossaries: the adapter gives DeepL the site's glossary
  (``DeeplGlossaries``) and passes its ``glossary_id`` with every text.
- ``MyMemoryTranslator`` knows regional codes only (``sv-SE``), not ``sv``: the adapter sets
  the languages through the setters, as for LibreTranslate.
- Google rejects texts of 5,000 characters or more and strips outer whitespace; MyMemory
  rejects 500 or more and answers "MYMEMORY WARNING" as if it were a translation when its
  quota is used up. Limits are declared per engine (the ``Runner`` splits under them),
  outer whitespace is kept aside by masking, and the warning counts as a refusal.
- ``translate_batch`` is a loop of single calls: the ``Runner`` sends texts concurrently.

Keys come only from the environment, and every message is redacted of them.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import email.utils
import hashlib
import os
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from pipeline.config import Settings
from pipeline.errors import UsageError
from pipeline.translate import glossary
from pipeline.translate.engines import Engine, Refused, Transient

TIMEOUT: contextvars.ContextVar[float] = contextvars.ContextVar("timeout", default=20.0)

LIBRETRANSLATE_DEFAULT_URL = "https://libretranslate.com/"


class Http:
    """What deep-translator's modules get as ``requests`` (see the module's docstring)."""

    exceptions = requests.exceptions

    def __init__(self) -> None:
        self._local = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        """``requests.get`` with a timeout and failures classified."""
        return self.request("GET", url, params=params, **kwargs)

    def post(
        self, url: str, data: Any = None, json: Any = None, **kwargs: Any
    ) -> requests.Response:
        """``requests.post`` with a timeout and failures classified; parameters of a POST
        without a body are sent as a form body (no text or key in URLs and server logs)."""
        if data is None and json is None and kwargs.get("params"):
            data = kwargs.pop("params")
        return self.request("POST", url, data=data, json=json, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One request; raises ``Transient`` or ``Refused`` for a failure."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        timeout = TIMEOUT.get()
        kwargs["timeout"] = timeout
        host = urlsplit(url).netloc.rpartition("@")[2]  # no user or password in a message
        try:
            response = session.request(method, url, **kwargs)
        except requests.Timeout:
            raise Transient(f"no answer from {host} within {timeout:g} s") from None
        except requests.RequestException as error:
            reason = type(_root_cause(error)).__name__
            raise Transient(f"connection to {host} failed ({reason})") from None
        status = response.status_code
        if status == 429 or status >= 500:
            raise Transient(
                f"{host} answered HTTP {status}", retry_after=retry_after(response.headers)
            )
        if status in (401, 403, 456):
            raise Refused(f"{host} answered HTTP {status} (a wrong key, or the quota is used up)")
        return response


HTTP = Http()


def _root_cause(error: BaseException) -> BaseException:
    """The innermost error behind a requests error (ConnectionRefusedError, not the
    MaxRetryError wrapped around it): what a user can act on."""
    seen = {id(error)}
    while True:
        inner = [getattr(error, "reason", None), error.__cause__, error.__context__, *error.args]
        deeper = next(
            (e for e in inner if isinstance(e, BaseException) and id(e) not in seen), None
        )
        if deeper is None:
            return error
        seen.add(id(deeper))
        error = deeper


def retry_after(headers: Any) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), if any.

    >>> retry_after({"Retry-After": "3"}), retry_after({}), retry_after({"Retry-After": "soon"})
    (3.0, None, None)
    """
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _install() -> None:
    """Give deep-translator's modules ``HTTP`` in place of ``requests``."""
    from deep_translator import deepl, google, libre, microsoft, mymemory

    for module in (deepl, google, libre, microsoft, mymemory):
        module.requests = HTTP  # type: ignore[attr-defined]


class DeepEngine:
    """A deep-translator client behind the ``Engine`` interface: one client per thread and
    language pair, since its clients keep request state in themselves."""

    def __init__(
        self,
        name: str,
        limit: int,
        client: Callable[[str, str], Any],
        timeout: float,
        secrets: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.limit = limit
        self.secrets = secrets
        self._client = client
        self._timeout = timeout
        self._local = threading.local()

    def translate(self, text: str, source: str, target: str) -> str:
        """``text`` in ``target`` through the deep-translator client."""
        token = TIMEOUT.set(self._timeout)
        try:
            clients = self._local.__dict__.setdefault("clients", {})
            if (source, target) not in clients:
                clients[source, target] = self._client(source, target)
            answer = clients[source, target].translate(text)
        finally:
            TIMEOUT.reset(token)
        if isinstance(answer, str) and answer.startswith("MYMEMORY WARNING"):
            raise Refused(answer.split(".")[0])
        return answer


def _environment(name: str) -> str:
    return os.environ.get(name, "").strip()


def _require(variable: str, engine: str) -> str:
    value = _environment(variable)
    if not value:
        raise UsageError(f"the '{engine}' translator needs {variable} in the environment")
    return value


def _google(settings: Settings) -> DeepEngine:
    from deep_translator import GoogleTranslator

    return DeepEngine(
        "google",
        4999,
        lambda source, target: GoogleTranslator(source=source, target=target),
        settings.translator_timeout,
    )


def _libre(settings: Settings) -> DeepEngine:
    from deep_translator import LibreTranslator

    url = _environment("LIBRETRANSLATE_URL") or LIBRETRANSLATE_DEFAULT_URL
    key = _environment("LIBRETRANSLATE_API_KEY")

    def client(source: str, target: str) -> Any:
        made = LibreTranslator(
            source="en", target="en", api_key=key or "none", custom_url=url.rstrip("/") + "/"
        )
        made.api_key = key or None  # a self-hosted server needs no key
        made.source, made.target = source, target  # the setters skip the hard-coded list
        return made

    return DeepEngine("libre", 5000, client, settings.translator_timeout, (key,))


DEEPL_URLS = {"free": "https://api-free.deepl.com", "pro": "https://api.deepl.com"}
"""DeepL's API by kind of key (free keys end in ``:fx``)."""


def _deepl(settings: Settings) -> DeepEngine:
    from deep_translator import DeeplTranslator

    key = _require("DEEPL_API_KEY", "deepl")
    base = DEEPL_URLS["free" if key.endswith(":fx") else "pro"]
    auth = {"Authorization": f"DeepL-Auth-Key {key}"}
    glossaries = DeeplGlossaries(base, auth, glossary.load(settings))

    class Client(DeeplTranslator):  # type: ignore[misc]
        """deep-translator's DeepL client, sending the key as DeepL now requires, with the
        site's glossary."""

        def translate(self, text: str, **kwargs: Any) -> str:
            data = {
                "text": text,
                "source_lang": self._source.upper(),
                # Plain "EN" and "PT" are deprecated targets; the site writes British English.
                "target_lang": {"en": "EN-GB", "pt": "PT-PT"}.get(
                    self._target, self._target.upper()
                ),
            }
            glossary_id = glossaries.id_for(self._source, self._target)
            if glossary_id:
                data["glossary_id"] = glossary_id
            response = HTTP.post(f"{base}/v2/translate", headers=auth, data=data)
            return str(response.json()["translations"][0]["text"])

    return DeepEngine(
        "deepl",
        30000,
        lambda source, target: Client(source=source, target=target, api_key=key),
        settings.translator_timeout,
        (key,),
    )


class DeeplGlossaries:
    """The site's preferred terms as DeepL glossaries (one per language pair), so that DeepL
    writes them itself. Each is named by a hash of its entries: a run reuses the one DeepL
    holds while the glossary file is unchanged, makes a new one when it changed, and deletes
    the older ones. Names to keep need none: they never reach DeepL. A language pair DeepL
    has no glossaries for (it answers 400) is translated without; every block is checked
    against the glossary afterwards, whichever engine made it."""

    PREFIX = "pipeline"

    def __init__(self, base: str, auth: dict[str, str], found: glossary.Glossary) -> None:
        self._base = base
        self._auth = auth
        self._glossary = found
        self._ids: dict[tuple[str, str], str | None] = {}
        self._lock = threading.Lock()

    def id_for(self, source: str, target: str) -> str | None:
        """The id of the glossary for ``source`` to ``target``; None if there is none."""
        with self._lock:  # one thread makes it; the others wait for its id
            if (source, target) not in self._ids:
                self._ids[source, target] = self._make(source, target)
            return self._ids[source, target]

    def _make(self, source: str, target: str) -> str | None:
        entries = "".join(
            f"{have}\t{wanted[0]}\n"
            for have, wanted, term in self._glossary.rules(source, target)
            if not term.keep
        )
        if not entries:
            return None
        digest = hashlib.sha256(entries.encode("utf-8")).hexdigest()[:16]
        family = f"{self.PREFIX} {source}-{target} "
        name = family + digest
        url = f"{self._base}/v2/glossaries"
        found = None
        for held in HTTP.get(url, headers=self._auth).json().get("glossaries", []):
            if held.get("name") == name and found is None:
                found = held.get("glossary_id")
            elif str(held.get("name", "")).startswith(family):
                with contextlib.suppress(Transient):  # a stale one: gone next run, if not now
                    HTTP.request("DELETE", f"{url}/{held.get('glossary_id')}", headers=self._auth)
        if found:
            return str(found)
        made = HTTP.post(
            url,
            headers=self._auth,
            data={
                "name": name,
                "source_lang": source,
                "target_lang": target,
                "entries": entries,
                "entries_format": "tsv",
            },
        )
        if made.status_code >= 400:
            return None
        return str(made.json()["glossary_id"])


def _microsoft(settings: Settings) -> DeepEngine:
    from deep_translator import MicrosoftTranslator

    key = _require("MICROSOFT_API_KEY", "microsoft")
    region = _environment("MICROSOFT_REGION") or None
    return DeepEngine(
        "microsoft",
        10000,
        lambda source, target: MicrosoftTranslator(
            source=source, target=target, api_key=key, region=region
        ),
        settings.translator_timeout,
        (key,),
    )


def _mymemory(settings: Settings) -> DeepEngine:
    from deep_translator import MyMemoryTranslator

    address = _environment("MYMEMORY_EMAIL") or None  # raises the daily quota

    def client(source: str, target: str) -> Any:
        made = MyMemoryTranslator(source="english", target="english", email=address)
        made.source, made.target = source, target  # its list knows only "sv-SE", not "sv"
        return made

    return DeepEngine("mymemory", 499, client, settings.translator_timeout)


MAKERS: dict[str, Callable[[Settings], DeepEngine]] = {
    "google": _google,
    "libre": _libre,
    "deepl": _deepl,
    "microsoft": _microsoft,
    "mymemory": _mymemory,
}


def make(name: str, settings: Settings) -> Engine:
    """The deep-translator engine called ``name``, configured from the environment."""
    _install()
    return MAKERS[name](settings)

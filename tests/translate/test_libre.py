"""The real deep-translator ``LibreTranslator`` client against a fake LibreTranslate server on
127.0.0.1 (``libre`` fixture): counts, the memory, and every fault the world serves."""

from __future__ import annotations

import json

import pytest

from pipeline.content import document
from pipeline.translate.runner import EngineUnavailable
from pipeline.translate.strings import translate_strings
from tests.conftest import SMALL_POSTING as POSTING
from tests.conftest import engine_pyproject


def make_site(site, concurrency: int = 4, paragraphs: int = 0):
    site.write("pyproject.toml", engine_pyproject(concurrency=concurrency))
    if paragraphs:
        body = "\n".join(f"Stycke nummer {n} om demokrati.\n" for n in range(1, paragraphs + 1))
        site.write("content/sv/lang.md", f"---\nlang: sv\nref: lang\ntitle: Lång\n---\n{body}")
    else:
        site.write("content/sv/a.md", POSTING)
    return site


def draft(site, name: str = "hej-varlden.md") -> document.Document:
    return document.read(site.root / "content" / "en" / name)


def test_drafts_through_the_real_client_and_a_second_run_sends_nothing(site, run, libre) -> None:
    make_site(site)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    made = draft(site)
    assert made.title == "HEJ VÄRLDEN"
    assert made.body == (
        "ETT STYCKE MED EN [LÄNK](https://example.org/x) OCH `kod`.\n\nETT ANDRA STYCKE.\n"
    )
    assert made.translation["engine"] == "libre"
    assert libre.requests == 3
    assert sorted(libre.texts) == [
        "Ett andra stycke.",
        "Ett stycke med en ⟦1⟧länk⟦2⟧ och ⟦3⟧.",
        "Hej världen",
    ]
    assert f"{libre.characters} characters sent" in result.out
    assert run(site.root, "translate").code == 0
    assert libre.requests == 3


def test_editing_one_paragraph_of_twenty_sends_only_that_paragraph(site, run, libre) -> None:
    make_site(site, paragraphs=20)
    assert run(site.root, "translate").code == 0
    assert libre.requests == 21
    original = site.read("content/sv/lang.md")
    site.write(
        "content/sv/lang.md",
        original.replace("Stycke nummer 7 om demokrati.", "Stycke nummer sju om demokrati."),
    )
    libre.requests = libre.characters = 0
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert libre.requests == 1
    assert libre.characters == len("Stycke nummer sju om demokrati.")
    assert "31 characters sent" in result.out


@pytest.mark.parametrize("fault", ["429", "500", "reset", "slow"])
def test_a_passing_fault_is_retried(site, run, libre, fault: str) -> None:
    make_site(site, concurrency=1)
    libre.faults = [fault]
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert libre.requests == 4
    assert len(libre.waits) == 1
    if fault == "429":
        assert libre.waits[0] >= 2  # Retry-After: 2
    assert "ETT ANDRA STYCKE." in draft(site).body


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        ("empty", "the engine returned an empty answer"),
        ("drop", "the engine lost the link '['"),
        ("html", "the Markdown differs: HTML </script>, HTML <script> added"),
        ("garbage", "Expecting value: line 1 column 1 (char 0)"),
    ],
)
def test_an_unusable_answer_keeps_the_block_in_swedish_and_flags_it(
    site, run, libre, fault: str, problem: str
) -> None:
    make_site(site, concurrency=1)
    libre.faults = [None, fault]  # the title is fine, the first paragraph is not
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    made = draft(site)
    assert made.body.startswith("Ett stycke med en [länk](https://example.org/x) och `kod`.\n")
    assert made.translation["status"] == "machine"
    text = site.read("content/en/hej-varlden.md").splitlines()
    line = text.index("Ett stycke med en [länk](https://example.org/x) och `kod`.") + 1
    assert result.err_lines == [
        f"content/en/hej-varlden.md:{line}: warning: paragraph kept in 'sv': {problem}"
    ]
    memory = site.read("locale/memory/sv-en.po")
    assert "Ett stycke" not in memory  # an unusable answer is not remembered
    assert run(site.root, "translate").code == 0
    assert libre.requests == 3  # and not sent again


def test_an_unreachable_engine_leaves_the_rest_pending_and_a_rerun_finishes(
    site, run, libre
) -> None:
    make_site(site, concurrency=1)
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: Bä\n---\nText b.\n")
    libre.faults = [None, None, None, None]  # a.md is translated, then the provider fails
    libre.always = "500"
    result = run(site.root, "translate")
    assert result.code == 3
    port = libre.server_address[1]
    assert result.err_lines == [
        f"content/sv/b.md: warning: not translated to 'en' yet (libre: 127.0.0.1:{port} "
        "answered HTTP 500 (gave up after 3 attempts))"
    ]
    assert "1 pending: run again to finish" in result.out
    assert sorted(site.files("content/en")) == ["content/en/hej-varlden.md"]
    # Done before the failure: kept until its draft is written, and only then remembered.
    assert "BÄ" not in site.read("locale/memory/sv-en.po")
    assert "BÄ".encode() in site.files(".cache")[".cache/pipeline/answers.pickle"]
    sent = libre.requests
    libre.always = None
    assert run(site.root, "translate").code == 0
    assert libre.requests == sent + 1  # only "Text b." was left
    assert draft(site, "ba.md").body == "TEXT B.\n"
    assert "BÄ" in site.read("locale/memory/sv-en.po")
    blocks = json.loads(site.read("locale/memory/drafts/en/b.json"))["blocks"]
    assert [b["origin"] for b in blocks] == ["engine", "engine"]  # as if never interrupted
    assert ".cache/pipeline/answers.pickle" not in site.files(".cache") or (
        b"TEXT B" not in site.files(".cache")[".cache/pipeline/answers.pickle"]
    )


def test_a_provider_that_is_down_gives_a_pending_report(site, run, libre, monkeypatch) -> None:
    make_site(site)
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:9/")
    result = run(site.root, "translate")
    assert result.code == 3
    assert result.err_lines == [
        "content/sv/a.md: warning: not translated to 'en' yet (libre: connection to "
        "127.0.0.1:9 failed (ConnectionRefusedError) (gave up after 3 attempts))"
    ]
    assert site.files("content/en") == {}


def test_credentials_in_the_servers_url_never_show(site, run, libre, monkeypatch) -> None:
    make_site(site)
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://coop:pass-4711@127.0.0.1:9/")
    result = run(site.root, "translate")
    assert result.code == 3
    assert "connection to 127.0.0.1:9 failed" in result.err
    assert "pass-4711" not in result.out + result.err


def test_the_api_key_never_shows_and_never_travels_in_a_url(site, run, libre, monkeypatch) -> None:
    make_site(site)
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "sekret-key-4711")
    assert run(site.root, "translate").code == 0
    assert all("sekret" not in path for path in libre.paths)
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: Bä\n---\nText b.\n")
    libre.always = "403"
    result = run(site.root, "translate")
    assert result.code == 3
    assert "answered HTTP 403 (a wrong key, or the quota is used up)" in result.err
    everything = {**site.files("content"), **site.files("locale")}
    assert not any(b"sekret" in data for data in everything.values())
    assert "sekret" not in result.out + result.err


def test_an_interrupted_run_keeps_what_was_done_and_a_rerun_completes(
    site, run, libre, monkeypatch
) -> None:
    make_site(site, concurrency=1)
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: Bä\n---\nText b.\n")
    libre.faults = [None, None, None, "500"]

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.translate.runner.sleep", interrupt)
    result = run(site.root, "translate")
    assert result.code == 130
    assert sorted(site.files("content/en")) == ["content/en/hej-varlden.md"]
    assert not [p for p in site.root.rglob("*.tmp")]
    assert "HEJ VÄRLDEN" in site.read("locale/memory/sv-en.po")
    sent = libre.requests
    assert run(site.root, "translate").code == 0
    assert libre.requests == sent + 2  # b.md's title and text, nothing of a.md


def test_strings_for_the_ui_keep_their_placeholders(site, libre) -> None:
    make_site(site, concurrency=1)
    texts = ["%(count)s lediga tjänster", "Hej {name}!", "%(n)s", "Publicerad %s"]
    libre.faults = [None, None, "drop"]
    found = translate_strings(site.settings, texts, "sv", "en")
    assert [(t.text, t.problem) for t in found] == [
        ("%(count)s LEDIGA TJÄNSTER", None),
        ("HEJ {name}!", None),
        ("%(n)s", None),  # nothing to translate: not sent
        (None, "the engine lost the placeholder '%s'"),
    ]
    assert libre.requests == 3


def test_strings_raise_when_the_engine_is_unreachable(site, libre) -> None:
    make_site(site)
    libre.always = "500"
    with pytest.raises(EngineUnavailable, match="answered HTTP 500"):
        translate_strings(site.settings, ["Hej"], "sv", "en")


LIBRE_KEY = "libresecret-xyz/789 =fx"  # "/", " " and "=" change when URL-encoded


def everything_named(site) -> dict[str, bytes]:
    """Every file under the site root, by its path, with its bytes."""
    return {
        p.relative_to(site.root).as_posix(): p.read_bytes()
        for p in site.root.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("fault", ["echo", "echo-encoded", "echo-cut"])
def test_an_answer_that_echoes_the_key_is_refused_and_the_key_reaches_no_file(
    site, run, libre, monkeypatch, fault: str
) -> None:
    """A 200 answer whose text holds the key (as it is, URL-encoded, cut short) is no
    translation: each block stays in Swedish with a warning that does not show the key, and
    no part of the key reaches the draft, its name, the memory, the record or the site."""
    make_site(site, concurrency=1)
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", LIBRE_KEY)
    libre.always = fault
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    kept = "kept in 'sv': the answer holds the API key it was sent (an echo, refused)"
    assert [line.split(": warning: ")[1] for line in result.err_lines] == [
        f"front matter {kept}",
        f"paragraph {kept}",
        f"paragraph {kept}",
    ]
    made = draft(site)  # named by its title, kept in Swedish
    assert made.title == "Hej världen"
    assert made.body == site.read("content/sv/a.md").split("---\n", 2)[2]
    libre.always = None
    for command in ("i18n", "build", "check"):
        run(site.root, command)
    files = everything_named(site)
    assert "locale/memory/drafts/en/a.json" in files
    # Pieces of the key as sent, URL-encoded and cut; each holds a letter no hex digest has
    # (the caches' seals are hex: "789" alone turned up in one by chance).
    for piece in ("libresec", "xyz", "/789", "xyz%2F789", "789 =", "%3Dfx"):
        assert piece not in result.out + result.err
        assert not [name for name, data in files.items() if piece in name or piece.encode() in data]


def test_an_answer_far_longer_than_its_source_is_refused(site, run, libre) -> None:
    """Over three times the text sent, plus 50 characters (sv->en runs 0.8-1.5 times): no
    translation, whatever else it is; kept out of the draft and the memory."""
    make_site(site, concurrency=1)
    libre.faults = [None, "long"]  # the title is fine, the first paragraph is 40 times over
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    sent = len("Ett stycke med en ⟦1⟧länk⟦2⟧ och ⟦3⟧.")
    answer = len("ETT STYCKE MED EN ⟦1⟧LÄNK⟦2⟧ OCH ⟦3⟧.") + len(" Mer.") * 8 * sent
    assert [line.split(": warning: ")[1] for line in result.err_lines] == [
        f"paragraph kept in 'sv': the answer is {answer:,} characters for {sent} sent, far "
        "longer than a translation is"
    ]
    assert draft(site).body.startswith("Ett stycke med en [länk](https://example.org/x)")
    assert "Mer." not in site.read("locale/memory/sv-en.po")
    assert "Mer." not in site.read("locale/memory/drafts/en/a.json")


def test_nothing_of_a_draft_refused_for_its_size_enters_the_memory(
    site, run, libre, monkeypatch
) -> None:
    """Its answers are kept for the next run (which sends nothing again), never in the
    memory: a refused draft used to add every block to it, again at every run."""
    monkeypatch.setattr(document, "MAX_BYTES", 4096)  # (8 MiB: the same at 1/2048 scale)
    make_site(site, concurrency=1)
    body = "".join(f"Stycke {n} om demokrati och öppenhet i föreningen.\n\n" for n in range(75))
    site.write("content/sv/stor.md", f"---\nlang: sv\nref: stor\ntitle: Stor\n---\n{body}")
    for _ in range(2):  # the second run sends nothing again
        result = run(site.root, "translate")
        assert result.code == 1
        assert "content/en/stor.md: not written: it would be 4 KiB" in result.err
        memory = site.read("locale/memory/sv-en.po")
        assert "HEJ VÄRLDEN" in memory  # a.md's draft was written
        assert "STOR" not in memory and "DEMOKRATI OCH" not in memory
        assert libre.requests == 3 + 76  # a.md, then stor.md once: the second run sent none

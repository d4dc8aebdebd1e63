"""The engines and the runner on their own: the adapters' fixes, the pseudo engine, backoff."""

from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.slugs import slugify
from pipeline.translate import deep, runner
from pipeline.translate.engines import pseudo
from pipeline.translate.registry import make_engine
from pipeline.translate.runner import Runner


class Answer:
    status_code = 200

    def json(self) -> dict:
        return {"translations": [{"text": "Hello"}]}


@pytest.mark.parametrize(
    ("key", "host"), [("abc:fx", "api-free.deepl.com"), ("abc", "api.deepl.com")]
)
def test_deepl_gets_its_key_in_the_header_at_the_keys_host(
    monkeypatch, tmp_path, key, host
) -> None:
    calls = []
    monkeypatch.setenv("DEEPL_API_KEY", key)
    monkeypatch.setattr(deep.HTTP, "post", lambda url, **kw: calls.append((url, kw)) or Answer())
    engine = make_engine("deepl", Settings(root=tmp_path))  # a site without a glossary
    assert engine.translate("Hej", "sv", "en") == "Hello"
    ((url, sent),) = calls
    assert url == f"https://{host}/v2/translate"
    assert sent["headers"] == {"Authorization": f"DeepL-Auth-Key {key}"}
    assert sent["data"] == {"text": "Hej", "source_lang": "SV", "target_lang": "EN-GB"}
    assert engine.secrets == (key,)


@pytest.mark.parametrize("name", ["libre", "mymemory", "google"])
def test_swedish_is_accepted_by_every_client(monkeypatch, name) -> None:
    engine = make_engine(name, Settings())
    client = engine._client("sv", "en")  # builds the deep-translator client, no request
    assert (client.source, client.target) == ("sv", "en")


def test_libre_without_a_key_sends_none(monkeypatch) -> None:
    monkeypatch.delenv("LIBRETRANSLATE_API_KEY", raising=False)
    assert make_engine("libre", Settings())._client("sv", "en").api_key is None


def test_mymemory_quota_warning_is_a_refusal(monkeypatch) -> None:
    engine = make_engine("mymemory", Settings())
    monkeypatch.setattr(
        engine,
        "_client",
        lambda s, t: type(
            "C", (), {"translate": lambda self, x: "MYMEMORY WARNING: YOU USED ALL. Next"}
        )(),
    )
    with pytest.raises(deep.Refused, match="MYMEMORY WARNING: YOU USED ALL"):
        engine.translate("Hej", "sv", "en")


@pytest.mark.parametrize(
    "text", ["Ny tjänst: Utvecklare", "Om oss", "ÅÄÖ och Zebra 2024", "Quality quiz"]
)
def test_pseudo_text_is_longer_keeps_its_slug_and_is_visibly_fake(text: str) -> None:
    made = pseudo(text)
    assert made.startswith("［") and made.endswith("］")
    assert len(made) >= 1.3 * len(text)
    assert slugify(made) == slugify(text)


def test_backoff_grows_with_jitter_and_honours_retry_after() -> None:
    assert 0.5 <= runner.backoff(1) <= 1.0
    assert 4.0 <= runner.backoff(4) <= 8.0
    assert runner.backoff(20) <= runner.BACKOFF_MOST
    assert runner.backoff(1, retry_after=7) == 7


def test_a_long_text_is_sent_in_pieces_under_the_limit(monkeypatch) -> None:
    engine = make_engine("pseudo", Settings())
    monkeypatch.setattr(engine, "limit", 40)
    seen = []
    original = engine.translate
    monkeypatch.setattr(engine, "translate", lambda t, s, g: seen.append(t) or original(t, s, g))
    text = "Första meningen är här. Andra meningen följer nu. Tredje ⟦1⟧ och sista."
    (outcome,) = Runner(engine, Settings(), "sv", "en").translate([text])
    assert seen == ["Första meningen är här.", "Andra meningen följer nu.", "Tredje ⟦1⟧ och sista."]
    assert outcome is not None and outcome.answer is not None
    assert outcome.answer.count("⟦1⟧") == 1

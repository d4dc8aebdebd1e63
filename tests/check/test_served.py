"""``served.normal``'s shortcut: a URL it calls plain is one that urlsplit, Jekyll's link
escaping and urlunsplit give back unchanged."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.check.served import PLAIN, normal
from pipeline.ingest.jekyll_urls import link

URLS = st.tuples(
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "https:/", "//", ""]),
    st.text("ab.-9:@ ", max_size=8),
    st.text("/ab._~-%20?#é: A\t", max_size=16),
).map("".join)


def _slow(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=link(parts.path)))


@settings(max_examples=1000, deadline=None)
@given(URLS)
def test_a_plain_url_is_its_own_normal_form(url: str) -> None:
    normal.cache_clear()
    assert normal(url) == _slow(url)
    if PLAIN.fullmatch(url):
        assert _slow(url) == url

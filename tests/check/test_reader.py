"""Reading a built page piece by piece (``pipeline.check.reader``) gives what reading it whole
gives, over pages made of what could leave the parser mid-way at a cut: tags and quoted
values cut in two, comments, scripts, character references, ``<`` as text."""

from __future__ import annotations

from hypothesis import example, given, settings

from pipeline.check.reader import Reader, events, events_by_piece, pieces
from pipeline.config import Settings
from pipeline.state.remembered import Remembered
from tests.conftest import spy, texts_of

FRAGMENTS = [
    '<html lang="sv">',
    '<meta name="robots" content="noindex">',
    '<link rel="canonical" href="https://example.org/a/">',
    '<link rel="alternate" hreflang="en" href="/en/a/">',
    '<a href="/b/">b</a>',
    "<a href='/c/' title=\"x>y\">c</a>",
    '<a title="',
    "'",
    '"',
    ">",
    '<li class="card">',
    "<footer>",
    "</li>",
    "<ul>",
    "<!-- ",
    " -->",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "]]>",
    "<?x ",
    "&amp;",
    "&",
    "&#",
    "a < b",
    "<",
    "text",
    '<img src="/bild.png">',
]
PAGES = texts_of(FRAGMENTS, ["", " ", "\n", "\n\n"], 30)


@settings(max_examples=500, deadline=None)
@given(PAGES)
@example('<a title="x\n<li class="card">y">z</a>\n<footer>\n<a href="/d/">d</a>\n')
@example("<script>\n<footer>\n</script>\n<footer>\n<a href='/e/'>e</a>\n")
@example('<!-- \n<footer>\n -->\n<li class="card">&amp\n<footer>\n')
def test_a_page_read_piece_by_piece_is_read_as_whole(tmp_path_factory, page: str) -> None:
    root = tmp_path_factory.mktemp("site")
    remembered = Remembered(Settings(root=root), "pieces")
    assert "".join(pieces(page)) == page
    whole = events(page)
    assert events_by_piece(page, remembered)[0] == whole
    # again, every piece remembered (those read alone, and those that were not clean)
    assert events_by_piece(page, remembered)[0] == whole


def test_a_card_the_pages_share_is_read_once(tmp_path, monkeypatch) -> None:
    remembered = Remembered(Settings(root=tmp_path), "pieces")
    card = '<li class="card">\n<a href="/nyheter/ny/">Ny</a>\n</li>\n'
    rest = "</ul>\n<footer>\n</footer>\n"
    one = '<html lang="sv">\n<a href="/a/">a</a>\n<ul>\n' + card + rest
    other = '<html lang="sv">\n<ul>\n' + card + card + rest
    first, keys = events_by_piece(one, remembered)
    assert first == events(one) and len(keys) == 3
    fed = spy(monkeypatch, Reader, "feed")
    second, _keys = events_by_piece(other, remembered)
    # its head and its first card; the second card (with the list's end) and the footer
    # were read with the first page
    assert [piece for _reader, piece in fed] == ['<html lang="sv">\n<ul>\n', card]
    assert second == events(other)
    assert [event[-1] for event in second if event[0] == "link"] == [4, 7]

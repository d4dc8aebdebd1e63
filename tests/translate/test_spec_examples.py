"""Every CommonMark 0.31.2 spec example and every GFM extension example, as a posting of
one throwaway site, drafted by ONE ``pipeline translate --translator pseudo`` run: each
draft must render to the same tags and attributes as its original, with the same words
(pseudo undone), the same code and no URL, address, tag or entity turned into words.

A block the stage keeps in Swedish (with a warning) passes: that is the promised outcome
where a block cannot be translated safely. ``test_how_many_examples_hold`` counts them;
docs/guarantees.md states its figures.

Each pair is rendered three ways: as the site renders it (``pipeline.build.markdown.render``:
raw HTML cleaned; here code must be the same to the byte), as the translate stage
parses it (markdown-it-py, raw HTML kept) and as GitHub does (cmark-gfm with tables,
strikethrough, task lists and the tag filter), so that raw HTML and task list boxes count
as tags too. The examples come from the markdown-it-py sdist and from github/cmark-gfm
(see ``spec/README.md``).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import string
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cmarkgfm import cmark

from pipeline.build.markdown import render
from pipeline.cli import main
from pipeline.content import document
from pipeline.translate.engines import pseudo
from pipeline.translate.segments import MARKDOWN
from tests.conftest import PYPROJECT

SPEC = Path(__file__).resolve().parent / "spec"


@dataclass(frozen=True)
class Example:
    """One spec example: ``name`` is its posting's ref and its test id."""

    name: str
    markdown: str


def _examples() -> list[Example]:
    commonmark = json.loads((SPEC / "commonmark.json").read_text(encoding="utf-8"))
    gfm = json.loads((SPEC / "gfm.json").read_text(encoding="utf-8"))
    found = [Example(f"commonmark-{e['example']:03}", e["markdown"]) for e in commonmark]
    for e in gfm:
        where = "spec" if e["file"] == "spec.txt" else "extensions"
        found.append(Example(f"gfm-{where}-{e['example']:03}", e["markdown"]))
    return found


EXAMPLES = _examples()
COMMONMARK = sum(1 for e in EXAMPLES if e.name.startswith("commonmark"))
KEPT = re.compile(r"^content/en/(?P<file>[^:]+):\d+: warning: .* kept in 'sv': ")


@dataclass
class Drafted:
    """The site after the one run: each example's original and draft bodies, and the
    examples that have a block kept in Swedish."""

    originals: dict[str, str]
    drafts: dict[str, str]
    kept: set[str]
    code: int
    err: str


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Drafted:
    root = tmp_path_factory.mktemp("spec")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "content" / "sv").mkdir(parents=True)
    for example in EXAMPLES:
        head = f"---\nlang: sv\nref: {example.name}\ntitle: Exempel {example.name}\n---\n"
        path = root / "content" / "sv" / f"{example.name}.md"
        path.write_text(head + example.markdown, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["translate", "--translator", "pseudo", "--root", str(root)])
    originals, drafts, by_file = {}, {}, {}
    for path in sorted((root / "content").rglob("*.md")):
        doc = document.read(path)
        (drafts if doc.translation else originals)[str(doc.ref)] = doc.body
        by_file[path.name] = str(doc.ref)
    kept = {by_file[m["file"]] for m in map(KEPT.match, err.getvalue().splitlines()) if m}
    return Drafted(originals, drafts, kept, code, err.getvalue())


def test_the_run_drafts_every_example(drafted: Drafted) -> None:
    assert drafted.code == 0, drafted.err
    assert sorted(drafted.drafts) == sorted(e.name for e in EXAMPLES)
    assert "Traceback" not in drafted.err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_the_draft_has_the_markup_of_its_original(drafted: Drafted, example: Example) -> None:
    original, draft = drafted.originals[example.name], drafted.drafts[example.name]
    assert _page(render(draft), code=True) == _page(render(original), code=True)
    for renderer in (_commonmark, _github):
        assert _page(renderer(draft)) == _page(renderer(original)), renderer.__name__
    text = _text(render(draft))
    for found in _LOOKS_LIKE_MARKUP.finditer(text.translate(_UNPSEUDO)):
        as_drafted = text[found.start() : found.end()]
        assert not _UNPSEUDO_CHARS.intersection(as_drafted), f"translated: {as_drafted}"


def test_how_many_examples_hold(drafted: Drafted) -> None:
    """The figures of docs/guarantees.md: every example holds, and so many of
    them by keeping a block in Swedish."""
    kept_commonmark = sum(1 for name in drafted.kept if name.startswith("commonmark"))
    kept_gfm = len(drafted.kept) - kept_commonmark
    figures = (COMMONMARK, kept_commonmark, len(EXAMPLES) - COMMONMARK, kept_gfm)
    assert figures == (652, 0, 52, 0), figures


# --- pages as compared: tags and attributes, words with pseudo undone, code as it is ------

_ALPHABET = string.ascii_letters
_UNPSEUDO = {
    ord(accented): plain
    for plain, accented in zip(_ALPHABET, pseudo(_ALPHABET)[1 : 1 + len(_ALPHABET)], strict=True)
    if accented != plain
}
_UNPSEUDO_CHARS = {chr(code) for code in _UNPSEUDO}
# What is never words to translate: a URL, an address, an entity (tags are the renderers').
_LOOKS_LIKE_MARKUP = re.compile(r"(?:\w+://|www\.)[^\s<>]*|[\w.+-]+@[\w.+-]*\w|&#?\w+;")


def _words(text: str) -> str:
    """Text as a reader would compare it: pseudo's brackets and padding gone, its letters
    undone, runs of white space as one space."""
    text = re.sub(r"\s*·+］", "", text.replace("［", "")).translate(_UNPSEUDO)
    return " ".join(text.split())


def _commonmark(text: str) -> str:
    """CommonMark as the translate stage parses it: raw HTML kept, so it counts as tags."""
    return MARKDOWN.render(text)


def _github(text: str) -> str:
    return str(
        cmark.markdown_to_html_with_extensions(
            text,
            options=cmark.Options.CMARK_OPT_UNSAFE,
            extensions=["table", "strikethrough", "tasklist", "tagfilter"],
        )
    )


class _Page(HTMLParser):
    """A page as a list: each tag with its attributes (``alt`` as words), each run of text
    as words, and (with ``code``) text in code as it is."""

    def __init__(self, code: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.texts: list[str] = []  # every text outside code, as it is
        self.text = ""
        self.inside: list[bool] = []  # for each open code, pre and p: whether it is code
        self.exact = code

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        shown = [(k, _words(v or "") if k == "alt" else v) for k, v in attrs]
        self.parts.append(f"<{tag} {shown}>" if shown else f"<{tag}>")
        if self.exact and tag in ("code", "pre", "p"):
            # A paragraph in a raw <pre> (CommonMark reads one after a blank line) is words.
            self.inside.append(tag != "p")

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        self.parts.append(f"</{tag}>")
        if self.exact and tag in ("code", "pre", "p") and self.inside:
            self.inside.pop()

    def handle_data(self, data: str) -> None:
        if self.inside and self.inside[-1]:
            self.flush()
            self.parts.append(f"code {data!r}")
        else:
            self.text += data
            self.texts.append(data)

    def flush(self) -> None:
        words = _words(self.text)
        if words:
            self.parts.append(words)
        self.text = ""


def _read(html: str, code: bool) -> _Page:
    page = _Page(code)
    page.feed(html)
    page.close()
    page.flush()
    return page


def _page(html: str, code: bool = False) -> list[str]:
    return _read(html, code).parts


def _text(html: str) -> str:
    """The text of a page outside code, pseudo's brackets and padding gone."""
    text = " ".join(_read(html, code=True).texts)
    return re.sub(r"\s*·+］", " ", text.replace("［", " "))

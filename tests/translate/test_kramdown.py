"""Bodies as sites moved in from Jekyll write them (kramdown: definition lists, footnotes,
attribute lists, HTML blocks around Markdown, ``<br/>``), drafted by one ``pipeline
translate`` run with ``pseudo`` and one with the real LibreTranslate client against the test
server. Each draft renders to the same tags and attributes as its original, text aside, with
the site's parser (``markdown_parser``: raw HTML as HTML) and with its renderer (raw HTML as
text); every attribute list and footnote reference comes back byte for byte; the text of
every block is translated, and the text the skeleton holds is not.

The cases: the bodies of the Jekyll fixture as they are (``tests/fixtures/jekyll-site``), and
``kramdown/*.md``, which hold the same constructs as ingest writes them and more of each.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.build.markdown import render
from pipeline.cli import main
from pipeline.content import document
from pipeline.content.markdown_syntax import markdown_parser
from tests.conftest import FIXTURES, PYPROJECT, engine_pyproject, serving_libre
from tests.translate.pages import markup

JEKYLL = FIXTURES / "jekyll-site"
CASES: dict[str, Path] = {
    "metod": JEKYLL / "metod.md",
    "outreach": JEKYLL / "_posts" / "2020-05-27-ny-tjanst-outreach-strategist.md",
    "utvecklare": JEKYLL / "lediga-tjanster" / "utvecklare.md",
    **{p.stem: p for p in sorted((Path(__file__).parent / "kramdown").glob("*.md"))},
}
# Words of each case that a draft must not hold (translated), and words it must hold as
# they are (the skeleton: an HTML block, an attribute list).
TRANSLATED = {
    "metod": ["Vår metod", "Steg ett", "Medborgardialog", "invånare", "Ring oss", "Metoden"],
    "outreach": ["söker en outreach", "Sista ansökningsdag", "efter den 15 juni"],
    "utvecklare": ["Du bygger", "Tjänsten är", "Ansök senast"],
    "attributes": ["Vi bygger", "mer om oss", "vårt kontor", "En rubrik", "Ett citat", "Anna"],
    "definitions": ["Ordlista", "Medborgarbudget", "Kallas också", "Teknik för", "Term i"],
    "footnotes": ["Sista ansökningsdag", "läses inte", "mitt i texten", "andra stycke"],
    "html-blocks": ["varje svar", "andra stycke", "Rubrik i", "En punkt", "Vi svarar"],
    "metod-as-ingested": ["Vår metod", "Steg ett", "Data som", "varje svar", "Metoden"],
}
KEPT = {
    "metod": ["{: .ingress}", "{:#steg-ett}", "varje svar läses"],
    "html-blocks": ["det här blocket läses inte som Markdown"],
    "attributes": ["{: .efter}", "{:#kramdown-id}", "{.ingress #start}", "{#lista}"],
}
# Attribute lists, Liquid and footnote references: to come back byte for byte.
BYTE_FOR_BYTE = re.compile(r"\{[^{}\n]*\}|\[\^[^\]\s]+\]")


@dataclass
class Drafted:
    """The site after the run: each case's original and draft bodies, and what it said."""

    originals: dict[str, str]
    drafts: dict[str, str]
    code: int
    err: str


def _body(path: Path) -> str:
    """The body of a case: a posting's (the fixture's), or the whole file (``kramdown/``)."""
    text = path.read_text(encoding="utf-8")
    return document.loads(text, path).body if text.startswith("---\n") else text


@pytest.fixture(scope="module", params=["pseudo", "libre"])
def drafted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Drafted:
    engine = request.param
    root = tmp_path_factory.mktemp(engine)
    settings = engine_pyproject("libre", timeout=5) if engine == "libre" else PYPROJECT
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    (root / "content" / "sv").mkdir(parents=True)
    for name, path in CASES.items():
        head = f"---\nlang: sv\nref: {name}\ntitle: Exempel {name}\n---\n"
        (root / "content" / "sv" / f"{name}.md").write_text(head + _body(path), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if engine == "libre":
            stack.enter_context(serving_libre(stack.enter_context(pytest.MonkeyPatch.context())))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = main(["translate", "--translator", engine, "--root", str(root)])
    originals, drafts = {}, {}
    for path in sorted((root / "content").rglob("*.md")):
        doc = document.read(path)
        (drafts if doc.translation else originals)[str(doc.ref)] = doc.body
    return Drafted(originals, drafts, code, err.getvalue())


def test_every_case_is_drafted_without_a_warning(drafted: Drafted) -> None:
    assert drafted.code == 0, drafted.err
    assert sorted(drafted.drafts) == sorted(CASES)
    assert drafted.err == ""


@pytest.mark.parametrize("name", CASES)
def test_the_draft_has_the_markup_of_its_original(drafted: Drafted, name: str) -> None:
    original, draft = drafted.originals[name], drafted.drafts[name]
    parser = markdown_parser()
    assert markup(parser.render(draft)) == markup(parser.render(original))
    assert markup(render(draft)) == markup(render(original))
    assert sorted(BYTE_FOR_BYTE.findall(draft)) == sorted(BYTE_FOR_BYTE.findall(original))


@pytest.mark.parametrize("name", CASES)
def test_the_text_of_every_block_is_translated_and_the_skeleton_is_not(
    drafted: Drafted, name: str
) -> None:
    original, draft = drafted.originals[name], drafted.drafts[name]
    for words in TRANSLATED[name]:
        assert words in original, words
        assert words not in draft, words
    for kept in KEPT.get(name, []):
        assert kept in original and kept in draft, kept

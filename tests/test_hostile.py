"""Hostile content through the real CLI: markup and template syntax that must stay inert, link
schemes that must not become links, unsafe YAML, symlinks and paths that try to leave the
site, and postings big enough to hang a careless parser.

The hostile site is made once (``ingest``, ``translate`` with the LibreTranslate-compatible
test server, which upper-cases text: a ``pseudo`` draft would never be published, ``i18n``,
``build``, ``review``); ``OUTPUTS`` names every output a reader, a translator or a tool
gets, each with the function that checks it. A new output is one more entry there.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import PYPROJECT, REPO, Site, add_ui, serving_libre
from tests.intact import assert_intact

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LIQUID = "{{ 7*7 }}"
TITLE = f"{SCRIPT} {IMG} {LIQUID}"
EXCERPT = f"Utdrag {SCRIPT} {IMG} {LIQUID}"
LINK_TITLE = f"Länk {SCRIPT} {IMG} {LIQUID}"
BODY_IMG = '"><img src=/x.png onerror=alert(1)>'  # raw HTML in a body: kept, cleaned
POSTING = f"""\
---
title: '{TITLE}'
date: 2024-01-02
excerpt: '{EXCERPT}'
links:
- title: '{LINK_TITLE}'
  url: https://example.net/ok
---
Brödtext {SCRIPT} och {BODY_IMG} och {LIQUID} och {{% include x.html %}}.

<div onclick="alert(1)">{SCRIPT}</div>
"""
SV_PAGE = "public/nyheter/ond/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def cli(root: Path, *args: str) -> tuple[int, str]:
    """Run the CLI in-process (for module-scoped fixtures, which cannot use ``run``)."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([*args, "--root", str(root)])
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("hostile") / "site"
    root.mkdir()
    site = add_ui(Site(root))
    site.write("pyproject.toml", PYPROJECT)
    site.write("content/sv/2024-01-02-ond.md", POSTING, dedent=False)
    site.write("static/x.png", b"\x89PNG\r\n\x1a\n")
    with pytest.MonkeyPatch.context() as patch, serving_libre(patch):
        for command in ("ingest", "translate", "i18n", "build", "review"):
            engine = ("--translator", "libre") if command == "translate" else ()
            code, err = cli(root, command, *engine)
            assert code == 0, err
    return site


# What an output must look like ---------------------------------------------------------------


class Markup(HTMLParser):
    """Elements, attributes and text of an HTML document or fragment, as a browser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.chunks: list[str] = []
        self.feed(text)
        self.close()
        self.text = "".join(self.chunks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


SAFE_TARGET = re.compile(r"(https?://|mailto:|/|#|\.{0,2}/?[^:/?#]*([/?#]|$))", re.IGNORECASE)


def assert_inert(markup: Markup, where: str) -> None:
    """No script, no event handler, no link or source but a safe one."""
    assert "script" not in markup.tags, where
    assert not [name for name, _ in markup.attributes if name.startswith("on")], where
    for name, value in markup.attributes:
        if name in ("href", "src", "action", "formaction"):
            assert SAFE_TARGET.match(value.strip()), f"{where}: {name}={value!r}"


def check_pages(site: Site) -> None:
    pages = sorted(site.root.glob("public/**/*.html"))
    assert len(pages) >= 6
    for page in pages:
        assert_inert(Markup(page.read_text(encoding="utf-8")), page.name)
    original = Markup(site.read(SV_PAGE))
    for text in (TITLE, LINK_TITLE):
        assert text in original.text  # shown as the literal text it is
    assert f'Brödtext  och ">  och {LIQUID}' in original.text  # the body's HTML cleaned
    assert ("src", "/x.png") in original.attributes
    assert ("content", EXCERPT) in original.attributes  # the description
    home = Markup(site.read("public/index.html")).text
    assert TITLE in home and EXCERPT in home


def check_feeds(site: Site) -> None:
    for lang, feed in (("sv", "public/feed.xml"), ("en", "public/en/feed.xml")):
        (entry,) = ET.fromstring(site.read(feed)).iter(f"{ATOM}entry")
        title = entry.findtext(f"{ATOM}title") or ""
        summary = entry.findtext(f"{ATOM}summary") or ""
        if lang == "sv":
            assert (title, summary) == (TITLE, EXCERPT)
        else:  # the draft: every tag and Liquid tag kept as they were
            assert SCRIPT.replace("alert", "ALERT") in title and LIQUID in summary
        content = entry.findtext(f"{ATOM}content") or ""
        body = Markup(content)
        assert_inert(body, feed)
        assert "alert" not in body.text.lower() and LIQUID in body.text


def check_sitemap(site: Site) -> None:
    urls = [
        loc.text or ""
        for loc in ET.fromstring(site.read("public/sitemap.xml")).iter()
        if loc.tag == f"{SITEMAP}loc"
    ]
    assert urls and all(re.fullmatch(r"https://example\.org/[a-z0-9/-]*", url) for url in urls)


def check_pairs(site: Site) -> None:
    pairs = json.loads(site.read("public/pairs.json"))
    assert pairs["ond"]["sv"]["file"] == "content/sv/2024-01-02-ond.md"
    assert re.fullmatch(r"content/en/2024-01-02-[a-z0-9-]+\.md", pairs["ond"]["en"]["file"])


def check_drafts_and_memory(site: Site) -> None:
    (draft,) = site.files("content/en").values()
    assert draft.decode().count(LIQUID) == 4  # title, excerpt, link title, body: as written
    assert LIQUID in site.read("locale/memory/sv-en.po")


def check_review_pages(site: Site) -> None:
    pages = sorted(site.root.glob("review/**/*.html"))
    assert len(pages) >= 2  # the list of drafts and the draft's own page
    for page in pages:
        assert_inert(Markup(page.read_text(encoding="utf-8")), page.name)
    listing = Markup(site.read("review/index.html")).text
    (draft,) = [p for p in pages if p.name != "index.html"]
    shown = Markup(draft.read_text(encoding="utf-8")).text
    assert TITLE in shown and EXCERPT in shown and LINK_TITLE in shown
    assert SCRIPT.replace("alert", "ALERT") in listing + shown  # the draft's title


OUTPUTS: dict[str, Callable[[Site], None]] = {
    "pages": check_pages,
    "review pages": check_review_pages,
    "feeds": check_feeds,
    "sitemap": check_sitemap,
    "pairs.json": check_pairs,
    "drafts and memory": check_drafts_and_memory,
}


@pytest.mark.parametrize("output", OUTPUTS)
def test_hostile_text_is_escaped_and_inert(hostile: Site, output: str) -> None:
    OUTPUTS[output](hostile)


def test_template_syntax_in_content_is_never_evaluated(hostile: Site) -> None:
    everything = {**hostile.files("content"), **hostile.files("public")}
    everything |= hostile.files("locale/memory") | hostile.files("review")
    evaluated = [name for name, data in everything.items() if re.search(rb"\b49\b", data)]
    assert evaluated == []


def test_the_hostile_site_passes_its_checks(hostile: Site) -> None:
    code, err = cli(hostile.root, "check")
    assert code == 0, err
    assert "2024-01-02-ond.md:11: warning: <script> removed from the page" in err
    assert_intact(hostile.root)


# Link schemes ---------------------------------------------------------------------------------

UNSAFE = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "java\tscript:alert(1)",
    "java%09script:alert(1)",
    "vbscript:msgbox(1)",
    "VbScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    " DATA:text/html,x",
]
MARKDOWN_UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "java&#09;script:alert(1)",
    "java%09script:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,x",
]
SAFE = ["https://example.net/ok", "http://example.net/ok", "mailto:a@example.net", "../om-oss/"]


def test_unsafe_link_schemes_are_never_links(ui_site, run) -> None:
    links = [{"title": f"fm{n}", "url": url} for n, url in enumerate(UNSAFE + SAFE)]
    lines = []
    for n, url in enumerate(MARKDOWN_UNSAFE + SAFE):
        lines += [f"[md{n}]({url}) ![img{n}]({url}) [ref{n}][r{n}]", "", f"[r{n}]: {url}", ""]
    lines += ["<javascript:alert(1)> <vbscript:x> <data:text/html,x> <https://example.net/auto>"]
    yaml_links = "".join(
        f"- title: {link['title']}\n  url: {json.dumps(link['url'])}\n" for link in links
    )
    ui_site.write(
        "content/sv/sida.md",
        f"---\nlang: sv\nref: sida\ntitle: Sida\nlinks:\n{yaml_links}---\n" + "\n".join(lines),
        dedent=False,
    )
    assert run(ui_site.root, "i18n").code == 0
    result = run(ui_site.root, "build")
    assert result.code == 0, result.err
    page = Markup(ui_site.read("public/sida/index.html"))
    assert_inert(page, "sida")
    targets = {value for name, value in page.attributes if name in ("href", "src")}
    shown = {t for t in targets if not t.startswith(("https://example.org", "/", "#"))}
    assert shown == {*SAFE, "https://example.net/auto"}


# Unsafe YAML ------------------------------------------------------------------------------------

TAGS = [
    "!!python/object/apply:os.system ['touch {pwned}']",
    "!!python/object/new:os.system ['touch {pwned}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:pipeline.config.Settings {{}}",
    "!custom thing",
]


@pytest.mark.parametrize("tag", TAGS)
def test_yaml_tags_are_refused_naming_file_and_line(ui_site, run, tag: str) -> None:
    site = ui_site
    assert run(site.root, "i18n").code == 0
    pwned = site.root.parent / "pwned"
    site.write("content/sv/a.md", f"---\ntitle: A\nx: {tag.format(pwned=pwned)}\n---\nText.\n")
    for command in ("ingest", "translate", "build", "check"):
        result = run(site.root, command)
        assert result.code == 1, (command, result.err)
        (line,) = [line for line in result.err_lines if "content/sv/a.md" in line]
        assert re.fullmatch(
            r"content/sv/a\.md:3: YAML tag '[^']+' is not allowed "
            r"\(front matter is loaded safely\)",
            line,
        ), line
    assert not pwned.exists()


# Leaving the site -------------------------------------------------------------------------------


def test_symlinks_out_of_the_site_are_reported_and_not_followed(ui_site, run, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "---\ntitle: Hemlig\n---\nHEMLIGT innehåll.\n"
    (outside / "hemlig.md").write_text(secret, encoding="utf-8")
    ui_site.write("content/sv/vanlig.md", "---\ntitle: Vanlig\n---\nText.\n")
    (ui_site.root / "content/sv/lank.md").symlink_to(outside / "hemlig.md")
    (ui_site.root / "content/sv/mapp").symlink_to(outside, target_is_directory=True)
    assert run(ui_site.root, "i18n").code == 0
    for command in ("ingest", "translate", "build", "check"):
        result = run(ui_site.root, command)
        assert result.code == 1, (command, result.err)
        for name in ("content/sv/lank.md", "content/sv/mapp"):
            assert f"{name}: symlink not followed" in result.err, (command, result.err)
    written = {**ui_site.files("content/en"), **ui_site.files("public")}
    written |= ui_site.files("locale/memory")
    assert written and not [name for name, data in written.items() if b"HEMLIG" in data]
    assert sorted(p.name for p in outside.iterdir()) == ["hemlig.md"]
    assert (outside / "hemlig.md").read_text(encoding="utf-8") == secret


def test_refs_slugs_and_paths_cannot_leave_the_output_folder(ui_site, run, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ui_site.write("content/sv/a.md", "---\ntitle: A\nref: ../../x\n---\nA\n")
    ui_site.write("content/sv/b.md", f"---\ntitle: B\nmenu: ../../../{outside.name}\n---\nB\n")
    ui_site.write(
        "content/sv/c.md",
        f"---\ntitle: C\npermalink: /../../../{outside.name}/c/\nslug: ../../{outside.name}/c\n"
        "---\nC\n",
    )
    posting = tmp_path / "d.md"
    posting.write_text(f"---\ntitle: ../../../{outside.name}/d\n---\nD\n", encoding="utf-8")
    results = [run(ui_site.root, "ingest", str(posting))]
    assert run(ui_site.root, "i18n").code == 0
    results += [run(ui_site.root, command) for command in ("translate", "build", "check")]
    refusal = (
        "content/sv/a.md:3: ref '../../x' is not a safe slug (lowercase a-z, digits and '-'; "
        "for example 'x')"
    )
    for result in results:
        assert refusal in result.err_lines
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "x").exists()
    inside = [p.relative_to(ui_site.root).as_posix() for p in ui_site.root.rglob("*")]
    assert not [p for p in inside if ".." in p.split("/")]
    pages = sorted(p for p in inside if p.startswith("public/") and p.endswith("index.html"))
    assert "public/outside/b/index.html" in pages  # the menu is a section name, made a slug
    assert "public/outside-c/index.html" in pages  # the slug, made safe at ingest


# Big postings -----------------------------------------------------------------------------------

PATIENCE = 300  # seconds: far more than a linear run needs; a hang fails instead of waiting


def pipeline(root: Path, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS --root ROOT`` run in ``cwd``, as from a shell."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args, "--root", str(root)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


BIG = {
    "10000 blocks": "\n".join(
        f"{'## Rubrik' if n % 10 == 0 else 'Stycke'} {n} om [demokrati](https://example.net/{n}).\n"
        for n in range(10_000)
    ),
    "5 MB": "Ett långt stycke om demokrati och öppenhet, " * (5 * 1024 * 1024 // 46) + "\n",
}


@pytest.mark.parametrize("body", BIG, ids=list(BIG))
def test_a_big_posting_is_handled_or_refused_clearly(ui_site, body: str) -> None:
    ui_site.write("content/sv/stor.md", f"---\ntitle: Stor\n---\n{BIG[body]}", dedent=False)
    done = {command: pipeline(ui_site.root, command) for command in ("ingest", "translate")}
    assert done["ingest"].returncode == 0, done["ingest"].stderr
    if body == "5 MB":  # the pseudo draft would pass the size limit: refused, not written
        assert done["translate"].returncode == 1
        assert re.fullmatch(
            r"content/en/stor\.md: not written: it would be \d+ KiB, and postings larger than "
            r"8192 KiB are refused\n",
            done["translate"].stderr,
        )
    else:
        assert done["translate"].returncode == 0, done["translate"].stderr
        assert ui_site.read("content/en/stor.md").count("\n## ") == 1_000
    for command in ("i18n", "build", "check"):
        result = pipeline(ui_site.root, command)
        assert result.returncode == 0, (command, result.stderr)
    assert_intact(ui_site.root)


def test_a_posting_over_the_size_limit_is_refused_at_ingest(site, run, tmp_path) -> None:
    posting = tmp_path / "enorm.md"
    posting.write_text("---\ntitle: Enorm\n---\n" + "x" * (9 * 1024 * 1024), encoding="utf-8")
    result = run(site.root, "ingest", str(posting))
    assert result.code == 1
    assert result.err_lines == [
        f"{posting}: file is 9216 KiB; postings larger than 8192 KiB are refused"
    ]
    assert site.files("content") == {}


# File names that would drive the terminal -----------------------------------------------------

NASTY_NAME = "a\x1b[2J\x1b]0;owned\x07\nfake.md:1: all is well\u202edm.md"


def test_control_characters_in_file_names_are_shown_escaped(site, run) -> None:
    """ESC, BEL, a newline and U+202E (right-to-left override) in a file name: every line
    the CLI prints names it escaped, one problem a line, none forged."""
    site.write(f"content/sv/{NASTY_NAME}", "---\nlang: sv\nref: a\ntitle: [a, b]\n---\nText.\n")
    site.write(f"content/sv/ok-{NASTY_NAME}", "---\nlang: sv\nref: b\ntitle: Bra\n---\nText.\n")
    results = [run(site.root, command) for command in ("translate", "check", "status")]
    escaped = "a\\x1b[2J\\x1b]0;owned\\x07\\nfake.md:1: all is well\\u202edm.md"
    for result in results:
        printed = result.out + result.err
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", printed), printed
        assert f"content/sv/{escaped}:4: 'title' must be text, not a list" in result.err_lines
        assert not [line for line in result.err_lines if line.startswith("fake.md")]
    drafted = "drafted content/en/ok-a-2j-0-owned-fake-md-1-all-is-welldm.md from content/sv/ok-"
    assert f"{drafted}{escaped} (machine)\n" in results[0].out


def _masking_work(tmp_path: Path, run, links: int) -> int:
    """The lines of ``pipeline.translate.masking`` run while ``translate`` drafts a posting
    whose one paragraph holds ``links`` links: the work masking does, told without a clock."""
    from pipeline.translate import masking

    site = Site(tmp_path / f"links-{links}")
    site.write("pyproject.toml", PYPROJECT)
    text = " ".join(f"Se [sida {n}](https://example.org/{n}) och `kod {n}`." for n in range(links))
    site.write("content/sv/lankar.md", f"---\nlang: sv\nref: lankar\ntitle: Länkar\n---\n{text}\n")
    lines = [0]

    def count(frame, event, arg):
        lines[0] += 1
        return count

    def calls(frame, event, arg):
        return count if frame.f_code.co_filename == masking.__file__ else None

    sys.settrace(calls)
    try:
        result = run(site.root, "translate")
    finally:
        sys.settrace(None)
    assert result.code == 0, result.err
    assert site.read("content/en/lankar.md").count("](https://example.org/") == links
    return lines[0]


def test_masking_does_linear_work_in_the_links_of_a_block(tmp_path, run) -> None:
    """Doubling the links of a paragraph doubles the work of masking it (each span was
    tested against every span taken before: 20,000 links took 67 s)."""
    work = [_masking_work(tmp_path, run, links) for links in (250, 500, 1000)]
    assert work[1] / work[0] < 2.2 and work[2] / work[1] < 2.2, work

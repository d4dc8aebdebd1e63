"""Liquid in the bodies of a Jekyll site, resolved once, at ingest, to what Jekyll shows.

The pipeline runs no Liquid: what a tag gives is written into the body in its place, or the
tag is removed, and either way said. Resolved: ``{% link path %}`` and ``{% post_url name %}``
(the target's URL, as Jekyll writes it), ``{{ site.x }}`` and ``{{ page.x }}`` that are text,
the ``relative_url`` and ``absolute_url`` filters on them or on a quoted path, an
``{% include %}`` whose file holds no Liquid (written in), ``{% raw %}`` (its text kept as
it is), ``{% comment %}`` (removed) and ``{% highlight %}`` (a fenced code block). Anything
else (a loop over ``site.posts``, an ``if``, a plugin's tag) is removed with a warning at its
line that says what the page loses.

``resolve`` gives the new body, the line of the old body each of its lines comes from (for
messages about the new body), and its notes, each at its line in the old body.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.ingest.jekyll_urls import link

TOKEN = re.compile(
    r"\{%-?\s*(?P<tag>\w*)(?P<markup>.*?)-?%\}|\{\{-?(?P<output>.*?)-?\}\}", re.DOTALL
)
BLOCKS = ("for", "if", "unless", "case", "capture", "tablerow", "comment", "raw", "highlight")
LOOP = re.compile(r"\bin\s+(site\.\w+|paginator\.posts)")
LISTED = re.compile(
    r"^(site\.(posts|pages|documents|categories|tags|html_pages)|paginator\.posts)$"
)


class Note(NamedTuple):
    """Something said about a body at its line (1-based in the body): a ``warning`` or what
    was done."""

    line: int
    message: str
    warning: bool


@dataclass(frozen=True)
class Context:
    """What Liquid in one body may name: the URL ``{% link %}`` gives for each file of the
    site (by the path Jekyll knows it by), the posts (same), ``site`` (``_config.yml``),
    ``page`` (the front matter), the includes folder and the page's own folder, and whether
    the body is Markdown (else HTML)."""

    links: Mapping[str, str]
    posts: Mapping[str, str]
    site: Mapping[str, Any]
    page: Mapping[str, Any]
    includes: Path
    folder: Path
    markdown: bool = True
    collections: frozenset[str] = field(default_factory=frozenset)


@dataclass
class _Piece:
    text: str
    line: int  # the old body's line it starts on
    verbatim: bool  # text of the old body (its lines follow one another) or put in its place


def resolve(body: str, context: Context) -> tuple[str, list[int], list[Note]]:
    """``body`` with its Liquid resolved or removed, the old line of each new line, and
    what was done, each at its old line."""
    tokens = list(TOKEN.finditer(body))
    pieces: list[_Piece] = []
    notes: list[Note] = []
    at = index = 0
    while index < len(tokens):
        token = tokens[index]
        line = body.count("\n", 0, token.start()) + 1
        pieces.append(_Piece(body[at : token.start()], body.count("\n", 0, at) + 1, True))
        tag = token.group("tag")
        end = _closing(tokens, index, tag) if tag in BLOCKS else len(tokens)
        if end < len(tokens):
            inner = body[token.end() : tokens[end].start()]
            text, note = _block(tag, token, inner, context, line)
            index, at = end + 1, tokens[end].end()
        elif tag in BLOCKS:
            text, note = "", Note(line, f"{token.group(0)} removed: never closed", True)
            index, at = index + 1, token.end()
        else:
            text, note = (
                _tag(token, context, line) if tag is not None else _output(token, context, line)
            )
            index, at = index + 1, token.end()
        pieces.append(_Piece(text, line, False))
        notes.append(note)
    pieces.append(_Piece(body[at:], body.count("\n", 0, at) + 1, True))
    new, origin = _assemble(pieces)
    return new, origin, notes


def _closing(tokens: list[re.Match[str]], start: int, tag: str) -> int:
    """The index of the token that closes the block opened at ``start`` (``len(tokens)`` if
    none does); ``raw`` ends at the first ``endraw``, other blocks nest."""
    depth = 0
    for index in range(start + 1, len(tokens)):
        name = tokens[index].group("tag")
        if name == f"end{tag}":
            if depth == 0:
                return index
            depth -= 1
        elif name == tag and tag != "raw":
            depth += 1
    return len(tokens)


def _block(
    tag: str, token: re.Match[str], inner: str, context: Context, line: int
) -> tuple[str, Note]:
    markup = token.group("markup").strip()
    shown = f"{{% {tag} {markup} %}}".replace("  ", " ")
    if tag == "raw":
        shown_raw = "Liquid" if TOKEN.search(inner) else "text"
        message = f"{{% raw %}}: its {shown_raw} shown as written, as on Jekyll's page"
        return inner, Note(line, message, shown_raw == "Liquid")
    if tag == "comment":
        return "", Note(line, "{% comment %} removed", False)
    if tag == "highlight":
        language = markup.split()[0] if markup else ""
        code = inner.strip("\n")
        if context.markdown:
            text = f"```{language}\n{code}\n```"
        else:
            marked = f' class="language-{html.escape(language)}"' if language else ""
            text = f"<pre><code{marked}>{html.escape(code)}</code></pre>"
        return text, Note(line, f"{shown} made a code block", False)
    loop = LOOP.search(markup) if tag in ("for", "tablerow") else None
    what = f"a list of {loop.group(1)}" if loop else "Liquid"
    hint = ""
    if loop and LISTED.match(loop.group(1)):
        hint = "; the pipeline's home page and section lists list the site's documents"
    elif loop and loop.group(1).removeprefix("site.") in context.collections:
        hint = f"; {loop.group(1)} is data now (data/), for templates"
    return "", Note(
        line,
        f"{shown} ... {{% end{tag} %}} removed ({what}; the pipeline runs no Liquid){hint}",
        True,
    )


def _tag(token: re.Match[str], context: Context, line: int) -> tuple[str, Note]:
    tag, markup = token.group("tag"), token.group("markup").strip()
    shown = f"{{% {tag} {markup} %}}"
    if tag == "link":
        found = context.links.get(markup.lstrip("/"))
        if found is not None:
            return found, Note(line, f"{shown} -> {found}", False)
        return "", Note(line, f"{shown} removed: the site has no file {markup}", True)
    if tag == "post_url":
        found = _post(markup, context.posts)
        if found is not None:
            return found, Note(line, f"{shown} -> {found}", False)
        return "", Note(line, f"{shown} removed: the site has no post {markup}", True)
    if tag in ("include", "include_relative"):
        return _include(tag, markup, context, line)
    return "", Note(line, f"{shown} removed (the pipeline runs no Liquid)", True)


def _post(name: str, posts: Mapping[str, str]) -> str | None:
    """The URL of the post ``{% post_url name %}`` names (Jekyll's ``PostComparer``)."""
    found = re.match(r"^(.+/)*(\d+-\d+-\d+)-(.*)$", name.lstrip("/"))
    if not found:
        return None
    folder, date, slug = found.group(1) or "", found.group(2), re.escape(found.group(3))
    wanted = re.compile(
        rf"^_posts/{re.escape(folder)}{date}-{slug}\.[^.]+|^{re.escape(folder)}_posts/?{date}-{slug}\.[^.]+"
    )
    return next((url for path, url in posts.items() if wanted.match(path)), None)


def _include(tag: str, markup: str, context: Context, line: int) -> tuple[str, Note]:
    shown = f"{{% {tag} {markup} %}}"
    name = markup.split()[0] if markup else ""
    base = context.includes if tag == "include" else context.folder
    path = (base / name).resolve()
    if not name or ".." in Path(name).parts or not path.is_relative_to(base.resolve()):
        return "", Note(line, f"{shown} removed: no such include", True)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "", Note(line, f"{shown} removed: cannot read {name}", True)
    if "{%" in text or "{{" in text:
        return "", Note(
            line, f"{shown} removed: {name} holds Liquid, which the pipeline does not run", True
        )
    return text.removesuffix("\n"), Note(line, f"{shown}: the text of {name} written in", False)


def _output(token: re.Match[str], context: Context, line: int) -> tuple[str, Note]:
    expression = token.group("output").strip()
    shown = f"{{{{ {expression} }}}}"
    value = _evaluate(expression, context)
    if value is None:
        return "", Note(line, f"{shown} removed (the pipeline runs no Liquid)", True)
    return value, Note(
        line, f"{shown} -> {value}" if value else f"{shown} removed (it is empty)", False
    )


def _evaluate(expression: str, context: Context) -> str | None:
    """The value of ``{{ expression }}``: a quoted text, or ``site.x`` or ``page.x`` that is
    text or a number, through ``relative_url`` and ``absolute_url``; None for anything else.

    >>> site = {"baseurl": "/lab", "url": "https://example.org"}
    >>> context = Context({}, {}, site, {"image": "/x y.png"}, Path("."), Path("."))
    >>> _evaluate("'/a/' | absolute_url", context), _evaluate("page.image | relative_url", context)
    ('https://example.org/lab/a/', '/lab/x%20y.png')
    >>> _evaluate("site.baseurl", context), _evaluate("post.url", context) is None
    ('/lab', True)
    """
    base, *filters = [
        part.strip() for part in re.split(r"\|(?=(?:[^'\"]|'[^']*'|\"[^\"]*\")*$)", expression)
    ]
    quoted = re.fullmatch(r"'([^']*)'|\"([^\"]*)\"", base)
    scope, _, key = base.partition(".")
    if quoted:
        value: Any = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    elif scope in ("site", "page") and re.fullmatch(r"[\w-]+", key):
        value = (context.site if scope == "site" else context.page).get(key, "")
    else:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    baseurl = str(context.site.get("baseurl") or "")
    for name in filters:
        if name == "relative_url":
            text = text if re.match(r"^[a-z][a-z0-9+.-]*:", text) else link(text, baseurl)
        elif name == "absolute_url":
            text = (
                text
                if re.match(r"^[a-z][a-z0-9+.-]*:", text)
                else str(context.site.get("url") or "") + link(text, baseurl)
            )
        else:
            return None
    return text


def _assemble(pieces: list[_Piece]) -> tuple[str, list[int]]:
    """The text of ``pieces`` and, for each of its lines, the old line it comes from."""
    text = "".join(piece.text for piece in pieces)
    starts, at = [], 0
    for piece in pieces:
        starts.append(at)
        at += len(piece.text)
    origin = []
    for offset in [0, *(m.end() for m in re.finditer("\n", text))]:
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        while index + 1 < len(pieces) and not pieces[index].text and starts[index + 1] == offset:
            index += 1
        piece = pieces[index]
        inside = piece.text[: offset - starts[index]].count("\n") if piece.verbatim else 0
        origin.append(piece.line + inside)
    return text, origin


def loops(body: str) -> list[tuple[int, str]]:
    """The loops of ``body`` over the site's documents (``site.posts``, a collection,
    ``paginator.posts``), each with its line: a page that is little else is a list page.

    >>> loops("<h1>Nyheter</h1>\\n{% for post in site.posts %}{{ post.title }}{% endfor %}")
    [(2, 'site.posts')]
    """
    found = []
    for token in TOKEN.finditer(body):
        loop = LOOP.search(token.group("markup") or "") if token.group("tag") == "for" else None
        if loop:
            found.append((body.count("\n", 0, token.start()) + 1, loop.group(1)))
    return found


def text_outside(body: str) -> str:
    """The words of ``body`` outside its Liquid blocks and tags, its HTML tags and Markdown
    marks aside: what a list page shows besides its list.

    >>> text_outside("<h1>News</h1>\\n{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}")
    'News'
    """
    text = re.sub(
        r"\{%-?\s*(for|if|unless|case|capture|tablerow|comment|raw)\b.*?\{%-?\s*end\1\s*-?%\}",
        " ",
        body,
        flags=re.DOTALL,
    )
    text = TOKEN.sub(" ", text)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"[#*_>`\-\[\]()|]", " ", text)
    return " ".join(text.split())

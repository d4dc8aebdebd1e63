"""kramdown's own syntax in a Jekyll site's Markdown, rewritten once, at ingest, into what
markdown-it's plugins read (mdit-py-plugins ``attrs``, ``attrs_block``, ``deflist``,
``footnote``), so that a body renders as kramdown rendered it.

- A block's attribute list (IAL), ``{: .class}`` or ``{:#id}`` on a line of its own right
  after the block (or right before it), becomes ``{.class}`` or ``{#id}`` on a line right
  before the block (``attrs_block``); a heading's ``{#id}`` at its end, the same.
- A span's, ``[text](url){: .class}``, becomes ``[text](url){.class}`` (``attrs``) after a
  link, an image or code; after other text it is removed (markdown-it keeps none there).
- Only ids and classes come across; other attributes are removed, and said.
- ``markdown="1"`` on an HTML block is removed and the block's inside set off by blank lines,
  so that CommonMark reads it as Markdown, as kramdown did.
- ``<br/>`` in a paragraph becomes a hard line break (``line_breaks``).
- ``{:toc}`` (kramdown's table of contents), ``{::comment}``, ``{::options}``, attribute
  list definitions: removed, and said. Definition lists and footnotes stay as they are.
"""

from __future__ import annotations

import re
import textwrap

from pipeline.ingest import line_breaks
from pipeline.ingest.liquid import Note

IAL_LINE = re.compile(r"^(?P<indent>[ \t]*)\{:(?!:)\s*(?P<attrs>[^}]*)\}\s*$")
ALD_LINE = re.compile(r"^\s*\{:[\w-]+:[^}]*\}\s*$")
EXTENSION = re.compile(
    r"\{::(comment|nomarkdown|options)\b[^}]*?(/\}|\}(?P<inner>.*?)\{:/(?:\1)?\})", re.DOTALL
)
SPAN_IAL = re.compile(r"(?<=\S)\{:(?!:)\s*(?P<attrs>[^}]*)\}")
HEADING_ID = re.compile(
    r"^(?P<heading>[ \t]{0,3}#{1,6}[ \t].*?)[ \t]+\{(?P<attrs>#[\w-]+)\}[ \t]*$"
)
ATX = re.compile(r"^[ \t]{0,3}#{1,6}([ \t]|$)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
ATTRIBUTE = re.compile(r"""([.#][\w-]+)|([\w-]+)=("[^"]*"|'[^']*'|\S+)|(\S+)""")
OPENING = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)(?P<before>[^>]*?)\s+markdown\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|\w+)(?P<after>[^>]*)>"
)


def convert(body: str) -> tuple[str, list[Note]]:
    """``body`` (Markdown as kramdown reads it) in the syntax markdown-it's plugins read,
    with what was changed, each at its line of ``body``.

    >>> text, notes = convert("{: .ingress}\\nText.\\n\\n## Steg\\n{:#steg}\\n")
    >>> print(text)
    {.ingress}
    Text.
    <BLANKLINE>
    {#steg}
    ## Steg
    <BLANKLINE>
    """
    # A paragraph's <br/> first, so that the rest is read as it will render; the notes of
    # the passes after it are at its lines, said at those of ``body`` (``origin``).
    body, said, origin = line_breaks.convert(body)
    notes: list[Note] = []
    # The passes that keep every line where it is come next, so that each note is at its
    # line.
    body = _extensions(body, notes)
    body = _span_attributes(body, notes)
    _say_markdown_blocks(body, notes)
    body = _block_attributes(body, notes)
    notes = said + [note._replace(line=origin[note.line - 1]) for note in notes]
    return _markdown_blocks(body), sorted(notes)


def _code_lines(body: str) -> set[int]:
    """The lines (0-based) of ``body``'s fenced code blocks, fences too: kramdown's syntax
    there is code, as it is written.

    >>> sorted(_code_lines("a\\n```\\n{: .x}\\n```\\nb"))
    [1, 2, 3]
    """
    found, fence = set(), ""
    for index, line in enumerate(body.split("\n")):
        marker = FENCE.match(line)
        if fence or marker:
            found.add(index)
        if marker and not fence:
            fence = marker.group(1)
        elif marker and marker.group(1) == fence:
            fence = ""
    return found


def _attributes(text: str, line: int, notes: list[Note]) -> str:
    """kramdown's attribute list ``text`` as markdown-it's: ``{.class #id}``; '' when none
    is left. What is removed is said at ``line``."""
    kept, dropped = [], []
    for match in ATTRIBUTE.finditer(text):
        (kept if match.group(1) else dropped).append(match.group(0))
    if dropped:
        notes.append(
            Note(
                line,
                f"attribute list {{: {text.strip()}}}: {' '.join(dropped)} removed "
                "(only ids and classes come across)",
                True,
            )
        )
    return "{" + " ".join(kept) + "}" if kept else ""


def _extensions(body: str, notes: list[Note]) -> str:
    """``{::comment}``, ``{::options}`` and ``{::nomarkdown}`` removed (the last keeps its
    inside, which markdown-it reads as it is); definitions of attribute lists removed."""

    code = _code_lines(body)

    def replace(match: re.Match[str]) -> str:
        line = body.count("\n", 0, match.start()) + 1
        name = match.group(1)
        if line - 1 in code:
            return match.group(0)
        notes.append(Note(line, f"kramdown's {{::{name}}} removed", name == "nomarkdown"))
        if name == "nomarkdown":
            inner = match.group("inner") or ""
            return "\n" * (match.group(0).count("\n") - inner.count("\n")) + inner
        return "\n" * match.group(0).count("\n")  # every other line stays where it was

    body = EXTENSION.sub(replace, body)
    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        if ALD_LINE.match(line) and number - 1 not in code:
            notes.append(
                Note(
                    number,
                    f"kramdown's attribute list definition {line.strip()} removed; "
                    "write its attributes where it is used",
                    True,
                )
            )
            lines[number - 1] = ""
    return "\n".join(lines)


def _block_attributes(body: str, notes: list[Note]) -> str:
    """Each block's attribute list moved to the line before the block, as markdown-it's
    ``attrs_block`` reads it (kramdown's may stand after the block)."""
    lines = body.split("\n")
    code = _code_lines(body)
    before: dict[int, list[str]] = {}
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if index in code:
            continue
        heading = HEADING_ID.match(line)
        if heading:
            attrs = "{" + heading.group("attrs") + "}"
            before.setdefault(index, []).append(attrs)
            lines[index] = heading.group("heading")
            notes.append(Note(index + 1, f"{line.strip()} -> {attrs} (before its heading)", False))
            continue
        found = IAL_LINE.match(line)
        if not found:
            continue
        dropped.add(index)
        attrs = found.group("attrs").strip()
        after = index > 0 and lines[index - 1].strip() and index - 1 not in dropped
        if attrs == "toc":
            notes.append(
                Note(
                    index + 1,
                    "{:toc} removed with its list: the pipeline makes no table of contents",
                    True,
                )
            )
            dropped |= set(range(_block_start(lines, index - 1), index)) if after else set()
            continue
        target = _block_start(lines, index - 1) if after else index + 1
        if not after and (index + 1 >= len(lines) or not lines[index + 1].strip()):
            notes.append(Note(index + 1, f"{{: {attrs}}} stands by no block; removed", True))
            continue
        converted = _attributes(attrs, index + 1, notes)
        if converted:
            notes.append(
                Note(index + 1, f"{line.strip()} -> {converted} (before its block)", False)
            )
            indent = re.match(r"[ \t]*", lines[target]).group(0)
            before.setdefault(target, []).append(indent + converted)
    out = []
    for index, line in enumerate(lines):
        out += before.get(index, [])
        if index not in dropped:
            out.append(line)
    return "\n".join(out)


def _block_start(lines: list[str], last: int) -> int:
    """The first line of the block whose last line is ``last``: back to a blank line, a
    heading (a block of one line) or a fence's opening line.

    >>> _block_start(["Intro", "", "## Rubrik", "Text", "mer text"], 4)
    3
    """
    if FENCE.match(lines[last]):
        opening = last - 1
        while opening > 0 and not FENCE.match(lines[opening]):
            opening -= 1
        return opening
    start = last
    while start > 0 and lines[start - 1].strip() and not ATX.match(lines[start]):
        if ATX.match(lines[start - 1]):
            break
        start -= 1
    return start


def _span_attributes(body: str, notes: list[Note]) -> str:
    """Span attribute lists after a link, an image or code kept in markdown-it's syntax;
    others removed."""

    code = _code_lines(body)

    def replace(match: re.Match[str]) -> str:
        line = body.count("\n", 0, match.start()) + 1
        if line - 1 in code:
            return match.group(0)
        if body[match.start() - 1] in ")`]":
            return _attributes(match.group("attrs"), line, notes)
        notes.append(
            Note(
                line,
                f"{match.group(0)} removed: markdown-it keeps attributes "
                "only on links, images and code",
                True,
            )
        )
        return ""

    return SPAN_IAL.sub(replace, body)


def _say_markdown_blocks(body: str, notes: list[Note]) -> None:
    """A note for each HTML block with a ``markdown`` attribute (``_markdown_blocks``)."""
    code = _code_lines(body)
    for match in OPENING.finditer(body):
        value, tag = match.group("value").strip("\"'"), match.group("tag")
        line = body.count("\n", 0, match.start()) + 1
        if line - 1 in code:
            continue
        if value in ("1", "block"):
            said = "is set off by blank lines, so that it is read as Markdown"
        else:
            said = "is not read as Markdown"
        notes.append(
            Note(
                line,
                f'markdown="{value}" removed; the inside of <{tag}> {said}',
                value not in ("1", "block", "0"),
            )
        )


def _markdown_blocks(body: str) -> str:
    """Each HTML block with ``markdown="1"``: the attribute removed, its inside between
    blank lines (CommonMark then reads it as Markdown); other values: the attribute removed.

    >>> print(_markdown_blocks('<div class="ruta" markdown="1">\\n**Viktigt**\\n</div>\\n'))
    <div class="ruta">
    <BLANKLINE>
    **Viktigt**
    <BLANKLINE>
    </div>
    <BLANKLINE>
    """
    at = 0
    while (match := OPENING.search(body, at)) is not None:
        at = match.end()
        if body.count("\n", 0, match.start()) in _code_lines(body):
            continue
        tag = match.group("tag")
        opening = f"<{tag}{match.group('before')}{match.group('after')}>"
        at = match.start() + len(opening)  # where the inside begins, once it is rewritten
        end = _closing(body, tag, match.end())
        if end is None or match.group("value").strip("\"'") not in ("1", "block"):
            body = body[: match.start()] + opening + body[match.end() :]
            continue
        inner = textwrap.dedent(body[match.end() : end].strip("\n")).strip("\n")
        body = f"{body[: match.start()]}{opening}\n\n{inner}\n\n{body[end:]}"
    return body


def _closing(body: str, tag: str, start: int) -> int | None:
    """Where the ``</tag>`` that closes the element opened before ``start`` begins."""
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", body[start:]):
        if not match.group(1):
            depth += 1
        elif depth:
            depth -= 1
        else:
            return start + match.start()
    return None


BLOCK_ATTRS = re.compile(r"^(?P<indent>[ \t]*)\{(?P<attrs>[.#][^{}]*)\}[ \t]*$")
SPAN_ATTRS = re.compile(r"(?<=[)`])\{(?P<attrs>[.#][^{}\n]*)\}")
HTML_BLOCK = re.compile(
    r"^(?P<open><(?:div|section|aside|article|figure|details|blockquote|header|footer)"
    r"\b[^>]*?)>[ \t]*$",
    re.IGNORECASE,
)


def to_kramdown(body: str) -> str:
    """``body`` (as markdown-it's plugins read it) back in kramdown's syntax, the inverse of
    ``convert``: attributes ``{.class}`` as ``{: .class}`` (a block's on the line before it,
    where kramdown reads it too), and an HTML block whose inside is set off by blank lines
    marked ``markdown="1"``, so that kramdown reads its inside as Markdown.

    >>> body = '{.ingress}\\nText [a](b){.x}.\\n\\n<div class="ruta">\\n\\n**V**\\n\\n</div>\\n'
    >>> print(to_kramdown(body))
    {: .ingress}
    Text [a](b){: .x}.
    <BLANKLINE>
    <div class="ruta" markdown="1">
    <BLANKLINE>
    **V**
    <BLANKLINE>
    </div>
    <BLANKLINE>
    """
    lines = body.split("\n")
    code = _code_lines(body)
    for index, line in enumerate(lines):
        if index in code:
            continue
        block = BLOCK_ATTRS.match(line)
        html = HTML_BLOCK.match(line)
        if block:
            lines[index] = f"{block.group('indent')}{{: {block.group('attrs').strip()}}}"
        elif (
            html
            and "markdown=" not in line
            and index + 1 < len(lines)
            and not lines[index + 1].strip()
        ):
            lines[index] = f'{html.group("open")} markdown="1">'
        else:
            lines[index] = SPAN_ATTRS.sub(lambda m: f"{{: {m.group('attrs').strip()}}}", line)
    return "\n".join(lines)

"""Pages as the translation tests compare a draft's with its original's: the tags in order,
each with its attributes, and the text of code as it is; the words aside (an ``alt`` or
``title`` value is words too)."""

from __future__ import annotations

from html.parser import HTMLParser

WORDS = ("alt", "title")
CODE = ("code", "pre", "script", "style", "kbd", "samp")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = [(name, "…" if name in WORDS else value) for name, value in attrs]
        self.parts.append(f"<{tag} {shown}>" if shown else f"<{tag}>")
        self.code += tag in CODE

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")
        self.code -= tag in CODE

    def handle_data(self, data: str) -> None:
        if self.code:
            self.parts.append(f"code {data!r}")

    def handle_comment(self, data: str) -> None:
        self.parts.append(f"<!--{data}-->")


def markup(html: str) -> list[str]:
    """The tags of ``html`` in order, with their attributes, and the text of its code."""
    reader = _Markup()
    reader.feed(html)
    reader.close()
    return reader.parts

"""Raw HTML the site takes out of a page: a warning at its line for each tag or attribute
that ``pipeline.build.raw_html.clean`` removes (a ``<script>``, an ``onerror=``, a link to a
``javascript:`` URL), so that nothing a writer typed vanishes without a word."""

from __future__ import annotations

from pipeline.build.markdown import losses
from pipeline.config import Settings
from pipeline.content.document import body_start
from pipeline.content.tree import Content
from pipeline.errors import Problem

ADVICE = " (raw HTML the site does not show; see README: The site)"


def markup_problems(settings: Settings, content: Content) -> list[Problem]:
    """A warning for each piece of raw HTML a document's page leaves out."""
    found = []
    for doc in content.documents:
        lost = losses(doc.body, is_html=doc.path.suffix == ".html")
        start = body_start(doc) if lost else None
        for line, message in lost:
            at = None if start is None else start + line
            found.append(Problem(doc.shown, at, message + ADVICE, warning=True))
    return found

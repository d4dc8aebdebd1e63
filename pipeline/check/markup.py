"""Raw HTML the site takes out of a page: a warning at its line for each tag or attribute
that ``pipeline.build.raw_html.clean`` removes (a ``<script>``, an ``onerror=``, a link to a
``javascript:`` URL), so that nothing a writer typed vanishes without a word.

Most bodies hold no raw HTML at all, and are told so without parsing them (``may_hold_html``):
markdown-it-py reads raw HTML only where a ``<`` is followed by a letter, ``/``, ``!`` or ``?``,
and not where that ``<`` opens an autolink (``<https://example.org>``, ``<info@example.org>``,
which no HTML tag can be read as).
"""

from __future__ import annotations

import re

from pipeline.build.markdown import losses
from pipeline.check.findings import Findings
from pipeline.config import Settings
from pipeline.content.document import Document, body_start
from pipeline.content.tree import Content
from pipeline.errors import Problem

ADVICE = " (raw HTML the site does not show; see README: The site)"

# markdown-it-py's autolinks (rules_inline/autolink.py: AUTOLINK_RE, EMAIL_RE) and a ``>``.
_AUTOLINK = r"[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20]*>"
_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
_EMAIL = rf"[a-zA-Z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})*>"
# Where raw HTML can start: an HTML block (CommonMark's seven kinds) or inline HTML.
_HTML_START = re.compile(rf"<(?!{_AUTOLINK}|{_EMAIL})[a-zA-Z/!?]")


def may_hold_html(body: str, is_html: bool = False) -> bool:
    """Whether ``body`` (Markdown, or HTML if ``is_html``) may hold raw HTML that cleaning
    changes; False is certain: ``losses`` finds nothing in it.

    >>> may_hold_html("Mejla <info@example.org> eller se <https://example.org>.")
    False
    >>> may_hold_html("Ring oss<br/>"), may_hold_html("<!-- x -->"), may_hold_html("a < b")
    (True, True, False)
    """
    if is_html:
        return "<" in body
    return _HTML_START.search(body) is not None


def markup_problems(settings: Settings, content: Content) -> list[Problem]:
    """A warning for each piece of raw HTML a document's page leaves out (what was found in
    each body remembered by its digest and suffix: ``findings.Findings``)."""
    found = []
    remembered = Findings(settings, content, "check-markup")
    for doc in content.documents:
        suffix = doc.path.suffix
        lost = remembered.of(doc, _losses, suffix)
        start = body_start(doc) if lost else None
        for line, message in lost:
            at = None if start is None else start + line
            found.append(Problem(doc.shown, at, message + ADVICE, warning=True))
    remembered.save()
    return found


def _losses(doc: Document) -> list[tuple[int, str]]:
    """``losses`` of ``doc``'s body (none when it cannot hold raw HTML)."""
    is_html = doc.path.suffix == ".html"
    body = doc.body
    return losses(body, is_html=is_html) if may_hold_html(body, is_html) else []

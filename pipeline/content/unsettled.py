"""What the next ``ingest`` settles in the content: warnings until it runs.

An editor who toggles a posting's ``lang``, or puts a posting into ``content/<lang>/`` by
hand, leaves the content as ``ingest`` does not: the next ``ingest`` (``make``) moves the
one and gives the other its ``lang`` and ``ref``. Until then every stage that meets them
says so (``check``, ``status``, ``translate``, which makes no draft of them).
"""

from __future__ import annotations

from pipeline.content.tree import Content
from pipeline.errors import Problem


def misfiled(content: Content) -> list[Problem]:
    """A warning for each document the next ``ingest`` (``make``) settles: one whose
    ``lang`` (a site language) is not the folder it lies in (an editor toggled it; ingest
    moves it, and until then it counts as a document of its folder: ``status``, ``check``),
    and each of ``unpaired``."""
    found = unpaired(content)
    for doc in content.documents:
        folder = content.folder_lang(doc)
        if doc.lang and doc.lang != folder and doc.lang in content.settings.languages:
            message = (
                f"lang is '{doc.lang}' but the file is in content/{folder}/; "
                f"the next 'pipeline ingest' (make) moves it to content/{doc.lang}/"
            )
            found.append(doc.problem(message, "lang", warning=True))
    return found


def unpaired(content: Content) -> list[Problem]:
    """A warning for each original without ``lang`` or ``ref`` (put in ``content/<lang>/``
    by hand): it is built, but no draft is made of it and it is paired with none until
    ``ingest`` sets them."""
    found = []
    for doc in content.documents:
        if doc.is_original and not (doc.lang and doc.ref):
            missing = " and ".join(f"'{k}'" for k in ("lang", "ref") if not doc.metadata.get(k))
            message = (
                f"no {missing} yet: it is built, but not drafted in the other languages nor "
                "paired with them until 'pipeline ingest' (make) sets it"
            )
            found.append(doc.problem(message, warning=True))
    return found

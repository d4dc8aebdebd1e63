"""The name a posting gets in ``content/<lang>/``, and the date a post's file name gives.

A posting is named by its slug (from a ``slug`` key, else from its file name as its author
chose it, without a date); a post (news) by its date and slug, as Jekyll names posts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.content.dates import parse_date
from pipeline.content.document import Document
from pipeline.slugs import DATE_PREFIX, slugify, strip_date_prefix


def file_name(doc: Document, stem: str, post: bool, timezone: str, suffix: str = ".md") -> str:
    """The safe file name a posting gets in ``content/<lang>/`` (``suffix``: ``.html`` for
    a page in HTML).

    The slug comes from a ``slug`` key, else from ``stem`` (a file name as its author chose
    it, date prefix dropped); posts are prefixed with their date, as Jekyll names them.
    """
    slug_key = doc.metadata.get("slug")
    slug = (
        slugify(slug_key)
        if isinstance(slug_key, str) and slug_key
        else slugify(strip_date_prefix(stem))
    )
    if post:
        try:
            date = _post_date(doc.metadata, stem, timezone)
        except ValueError:  # a title that starts like an impossible date: no prefix then
            date = None
        if date is not None:
            return f"{date:%Y-%m-%d}-{slug}{suffix}"
    return f"{slug}{suffix}"


def _post_date(meta: dict[str, Any], stem: str, timezone: str) -> dt.date | None:
    if "date" in meta:
        return parse_date(meta["date"], timezone).date()
    return date_in_name(stem)


def date_in_name(stem: str) -> dt.date | None:
    """The date a ``YYYY-MM-DD-`` file name starts with (None without one), which is a
    post's date when its front matter has none, as in Jekyll.

    >>> date_in_name("2020-05-27-ny-tjanst"), date_in_name("ny-tjanst")
    (datetime.date(2020, 5, 27), None)
    >>> date_in_name("2020-13-45-trasig")
    Traceback (most recent call last):
    ...
    ValueError: the file name starts with 2020-13-45, which is not a date: month must be in 1..12
    """
    match = DATE_PREFIX.match(stem)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError as error:
        raise ValueError(
            f"the file name starts with {match.group(0)[:-1]}, which is not a date: {error}"
        ) from None

"""Safe slugs for refs, file names and URLs.

A slug is lowercase ASCII letters, digits and single hyphens, at most ``MAX_LENGTH``
characters: safe in a file name, a URL and a YAML scalar on every platform.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")

# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def slugify(text: str) -> str:
    """A slug of any text: ASCII-folded, lowercase, hyphen-separated, never empty.

    Text with no Latin letters or digits gets a short stable hash instead.

    >>> slugify("Ansökan stängd: Outreach strategist till demokratilabb")
    'ansokan-stangd-outreach-strategist-till-demokratilabb'
    >>> slugify("ledig-tjänst")
    'ledig-tjanst'
    >>> slugify("../../etc/passwd")
    'etc-passwd'
    >>> slugify("Привет")
    'x-dd679c0b'
    """
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[:MAX_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    if not slug:
        slug = "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return slug


def is_slug(text: str) -> bool:
    """Whether ``text`` is already a safe slug (what a ``ref`` must be).

    >>> is_slug("outreach-strategist"), is_slug("../x"), is_slug("a b"), is_slug("Å")
    (True, False, False, False)
    """
    return len(text) <= MAX_LENGTH and bool(SLUG.match(text))


def strip_date_prefix(stem: str) -> str:
    """A Jekyll file name without its ``YYYY-MM-DD-`` prefix.

    >>> strip_date_prefix("2020-05-27-ny-tjanst")
    'ny-tjanst'
    >>> strip_date_prefix("om-oss")
    'om-oss'
    """
    return DATE_PREFIX.sub("", stem, count=1)


def ref_from_filename(stem: str) -> str:
    """The stable ``ref`` a document gets from its file name (date prefix dropped).

    >>> ref_from_filename("2020-05-27-ledig-tjänst")
    'ledig-tjanst'
    """
    return slugify(strip_date_prefix(stem))

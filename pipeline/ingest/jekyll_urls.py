"""Jekyll's URL rules (4.3), so that every page of a Jekyll site keeps the URL it has.

A page of a Jekyll site is served where Jekyll's ``URL`` class puts it: a ``permalink`` of its
own (front matter, or ``defaults:``), else its collection's (``collections:`` in
``_config.yml``; for posts the site's ``permalink``, a style such as ``date`` or a template),
else the style's template; the placeholders filled (``:title``, ``:slug``, ``:categories``,
``:year``, ...), the result cleaned (no ``..``, no ``//``). A document's placeholders are
those of Jekyll's ``UrlDrop`` (an unknown one is an error, as in Jekyll); a page's are only
``:path``, ``:basename`` and ``:output_ext`` (others stay as they are written, as in Jekyll).
A URL that does not end in ``/`` is served with the output's extension added when it lacks
it, as Jekyll writes the file.

URLs here are decoded (``/projekt/Medborgarbudget Malmö/``, in Unicode NFC), the way a
document's ``url`` holds them; ``link`` gives the encoded form Jekyll writes into pages.
Each function mirrors the Jekyll code it is named after, for a reader holding both.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from urllib.parse import quote, unquote

STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
"""Jekyll's built-in permalink styles, as templates of posts (``style_to_permalink``)."""

HTML_EXTENSIONS = (".html", ".xhtml", ".htm")
PRETTY_EXTRA = set("._~!$&'()+,;=@")
PLAIN_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")
PLACEHOLDER = re.compile(r":([a-z_]+)")
MONTHS = "January February March April May June July August September October November December"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
# What Ruby's Addressable leaves as it is in a path (RFC 3986 pchar and '/').
PATH_SAFE = "/!$&'()*+,;=:@-._~"


def slugify(text: str, mode: str = "default", cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify``: ``default`` keeps letters (any script), marks and digits;
    ``pretty`` also ``._~!$&'()+,;=@``; ``raw`` replaces only whitespace; ``ascii`` keeps
    ``A-Za-z0-9``; each run of other characters becomes one ``-``.

    >>> slugify("Welcome Åsa"), slugify("Välkommen Åsa", "pretty", cased=True)
    ('welcome-åsa', 'Välkommen-Åsa')
    >>> slugify("The _config.yml file?!"), slugify("The _config.yml file?!", "pretty")
    ('the-config-yml-file', 'the-_config.yml-file-!')
    """
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text if cased else text.lower()
    if mode == "latin":
        folded = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in folded if not unicodedata.combining(c))
        text = "".join(c if c.isascii() else "?" for c in text)
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    else:
        slug = "".join(c if _kept(c, mode) else "\0" for c in text)
        slug = re.sub("\0+", "-", slug)
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def _kept(char: str, mode: str) -> bool:
    if mode in ("ascii", "latin"):
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd" or (mode == "pretty" and char in PRETTY_EXTRA)


def escape_path(value: str) -> str:
    """A placeholder's value as Jekyll puts it into a URL (``URL.escape_path``).

    >>> escape_path("/Medborgarbudget Malmö"), escape_path("a/b-c.d")
    ('/Medborgarbudget%20Malm%C3%B6', 'a/b-c.d')
    """
    if not value or PLAIN_PATH.match(value):
        return value
    return quote(value, safe=PATH_SAFE + "?")


def sanitize_url(url: str) -> str:
    """Jekyll's ``URL#sanitize_url``: one leading ``/``, no ``..``, no ``./``, no ``//``.

    >>> sanitize_url("projekt//en/demokratiappen/"), sanitize_url("/a/../b")
    ('/projekt/en/demokratiappen/', '/a/b')
    """
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/+", "/", url)


def decoded(url: str) -> str:
    """A URL as a document's ``url`` holds it: %-escapes decoded, Unicode NFC.

    >>> decoded("/projekt/Medborgarbudget%20Malm%C3%B6/")
    '/projekt/Medborgarbudget Malmö/'
    """
    return unicodedata.normalize("NFC", unquote(url))


def link(url: str, baseurl: str = "") -> str:
    """A decoded URL (or any path) as Jekyll writes it into a page through ``relative_url``
    (``{% link %}``, ``{% post_url %}``, ``| relative_url``): the ``baseurl`` before it, the
    characters a path may not hold %-escaped, a query or fragment kept.

    >>> link("/projekt/Medborgarbudget Malmö/"), link("x.png", "/lab/")
    ('/projekt/Medborgarbudget%20Malm%C3%B6/', '/lab/x.png')
    """
    path, mark, rest = (*re.split(r"([?#])", url, maxsplit=1), "", "")[:3]
    base = baseurl.rstrip("/")
    if base and not base.startswith("/"):
        base = "/" + base
    path = path if path.startswith("/") or not path else "/" + path
    encoded = quote(unicodedata.normalize("NFC", unquote(path.strip())), safe=PATH_SAFE)
    return base + encoded + mark + rest


def permalink_style(site_permalink: str) -> str:
    """The template of posts for the site's ``permalink`` (a style's name, or a template).

    >>> permalink_style("pretty"), permalink_style("/:year/:title/")
    ('/:categories/:year/:month/:day/:title/', '/:year/:title/')
    """
    return STYLES.get(site_permalink, site_permalink)


def add_permalink_suffix(template: str, site_permalink: str) -> str:
    """Jekyll's ``Utils.add_permalink_suffix``: a page or collection template ends as the
    site's permalink does (``/`` for ``pretty``, ``:output_ext`` for ``date``...).

    >>> add_permalink_suffix("/:path/:basename", "pretty")
    '/:path/:basename/'
    >>> add_permalink_suffix("/:path/:basename", "/:categories/:title:output_ext")
    '/:path/:basename:output_ext'
    """
    if site_permalink == "pretty":
        return template + "/"
    if site_permalink in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if site_permalink.endswith("/"):
        template += "/"
    if site_permalink.endswith(":output_ext"):
        template += ":output_ext"
    return template


def output_ext(source_ext: str, permalink: str | None, markdown_exts: Sequence[str]) -> str:
    """The extension of the file Jekyll writes: the permalink's own, else what converting
    the source gives (``.html`` for Markdown; other files keep theirs).

    >>> output_ext(".md", "/404.html", [".md"]), output_ext(".md", "/om/:title/", [".md"])
    ('.html', '.html')
    >>> output_ext(".xml", None, [".md"])
    '.xml'
    """
    if permalink and not permalink.endswith("/"):
        ext = _extname(permalink)
        if ext:
            return ext
    return ".html" if source_ext.lower() in markdown_exts else source_ext


def _extname(path: str) -> str:
    """Ruby's ``File.extname``: the last dotted part of the last segment, '' for none."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:] if dot > 0 and dot < len(name) - 1 else ""


def page_url(folder: str, name: str, permalink: str | None, site_permalink: str, ext: str) -> str:
    """The decoded URL a Jekyll page (not in a collection) is served at.

    ``folder`` is its folder in the site ('' at the top), ``name`` its file name, ``ext`` its
    output extension (``output_ext``).

    >>> page_url("lediga-tjanster", "index.md", None, "date", ".html")
    '/lediga-tjanster/'
    >>> page_url("", "integritet.md", None, "/:categories/:title:output_ext", ".html")
    '/integritet.html'
    >>> page_url("", "metod.md", "/om/metoden:output_ext", "date", ".html")
    '/om/metoden.html'
    >>> page_url("en", "om.md", "/en/about/:basename", "pretty", ".html")
    '/en/about/om.html'
    """
    source_ext = _extname(name)
    basename = re.sub(r"\.*$", "", name.removesuffix(source_ext) if source_ext else name)
    if ext not in HTML_EXTENSIONS:
        template = "/:path/:basename:output_ext"
    elif basename == "index":
        template = "/:path/"
    else:
        template = add_permalink_suffix("/:path/:basename", site_permalink)
    values = (("path", "/" + folder if folder else ""), ("basename", basename), ("output_ext", ext))
    url = _fill_hash(template if permalink is None else str(permalink), values)
    return served(sanitize_url(url), ext, page=True)


def static_url(template: str, label: str, path: str) -> str:
    """The decoded URL of a file a collection copies as it is (``StaticFile#url``): the
    collection's template over its path inside the collection, its extension kept.

    >>> static_url("/projekt/:path/", "projekt", "_projekt/bilder/app.png")
    '/projekt/bilder/app.png'
    """
    ext = _extname(path)
    inside = re.sub(r"\.*$", "", path.removesuffix(ext) if ext else path)
    inside = inside.replace(f"_{label}", "", 1)
    values = (
        ("collection", label),
        ("path", inside),
        ("output_ext", ""),
        ("name", inside.rpartition("/")[2]),
        ("title", ""),
    )
    return decoded(sanitize_url(_fill_hash(template, values)).removesuffix("/") + ext)


def _fill_hash(template: str, values: Sequence[tuple[str, str]]) -> str:
    """A template with the placeholders of a page or a copied file filled, in their order
    (``generate_url_from_hash``); others stay as written."""
    for key, value in values:
        if ":" not in template:
            break
        template = template.replace(f":{key}", escape_path(value))
    return template


def served(url: str, ext: str, page: bool = False) -> str:
    """The decoded URL of the file Jekyll writes for ``url``: a URL that ends in ``/`` is
    its folder's ``index.html`` (a page not in HTML: ``index`` with its own extension); any
    other gets ``ext`` added unless it ends with it.

    >>> served("/om/metoden", ".html"), served("/feed/", ".xml", page=True)
    ('/om/metoden.html', '/feed/index.xml')
    """
    path = decoded(url)
    if path.endswith("/"):
        return path if ext in HTML_EXTENSIONS or not page else path + "index" + ext
    return path if path.endswith(ext) else path + ext


def fill(template: str, values: Mapping[str, str]) -> str:
    """A document's template with its placeholders filled (``generate_url_from_drop``):
    ``:month_`` is ``:month`` and a ``_``; a placeholder ``values`` lacks is a ``KeyError``
    that names it.

    >>> fill("/:collection/:name:output_ext", {"collection": "uppdrag", "name": "a b",
    ...                                        "output_ext": ".html"})
    '/uppdrag/a%20b.html'
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        key, tail = (name[:-1], "_") if name.endswith("_") else (name, "")
        if key not in values:
            raise KeyError(f"the URL template '{template}' has no placeholder ':{key}'")
        return escape_path(values[key]) + tail

    return PLACEHOLDER.sub(value, template)


def document_values(
    path: str, name: str, slug: str, categories: Sequence[str], date: dt.datetime
) -> dict[str, str]:
    """The placeholders of a document of a collection (Jekyll's ``UrlDrop``), but
    ``collection`` and ``output_ext``: ``path`` is its path inside the collection without
    the extension (``/en/demokratiappen``), ``name`` its file name without the extension,
    ``slug`` its ``slug`` (from front matter, else the name without a post's date), and
    ``date`` its date in the site's time zone.

    >>> values = document_values("/2021-03-04-Välkommen Åsa", "2021-03-04-Välkommen Åsa",
    ...                          "Välkommen Åsa", ["Nyheter"], dt.datetime(2021, 3, 4, 9))
    >>> [values[k] for k in ("title", "slug", "name", "categories", "i_month", "short_day")]
    ['Välkommen-Åsa', 'välkommen-åsa', '2021-03-04-välkommen-åsa', 'nyheter', '3', 'Thu']
    """
    year, week, weekday = date.isocalendar()
    lowered = list(dict.fromkeys(c.lower() for c in categories))
    return {
        "path": path,
        "name": slugify(name),
        "title": slugify(slug, "pretty", cased=True),
        "slug": slugify(slug),
        "categories": "/".join(lowered),
        "slugified_categories": "/".join(dict.fromkeys(slugify(c) for c in categories)),
        "year": f"{date:%Y}",
        "month": f"{date:%m}",
        "day": f"{date:%d}",
        "hour": f"{date:%H}",
        "minute": f"{date:%M}",
        "second": f"{date:%S}",
        "i_day": str(date.day),
        "i_month": str(date.month),
        "short_month": MONTHS.split()[date.month - 1][:3],
        "long_month": MONTHS.split()[date.month - 1],
        "short_year": f"{date:%y}",
        "w_year": str(year),
        "week": f"{week:02d}",
        "w_day": str(weekday),
        "short_day": DAYS.split()[weekday - 1][:3],
        "long_day": DAYS.split()[weekday - 1],
        "y_day": f"{date.timetuple().tm_yday:03d}",
    }


def categories(from_path: Sequence[str], data: Mapping[str, object]) -> list[str]:
    """A post's categories as Jekyll gathers them: the folders above its ``_posts/``, then
    ``categories`` (a list, or words of a text), then ``category`` (one, as written).

    >>> categories(["en"], {"categories": "news events", "category": "Nyheter"})
    ['en', 'news', 'events', 'Nyheter']
    """
    found = list(from_path)
    plural = data.get("categories")
    words = (
        plural.split() if isinstance(plural, str) else plural if isinstance(plural, list) else []
    )
    found += [str(w) for w in words if w is not None]
    singular = data.get("category")
    if singular is not None:
        found += [str(v) for v in (singular if isinstance(singular, list) else [singular])]
    return list(dict.fromkeys(found))

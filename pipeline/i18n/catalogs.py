"""Where the UI catalogs of each language live, and the compiled catalog a build renders with.

Kept apart from ``pipeline.i18n.stage`` (extraction, updates, coverage), whose tools (Babel's
message extractors, polib) a build does not need and should not pay to import.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.support import Translations

from pipeline.config import Settings
from pipeline.errors import PipelineError

DOMAIN = "messages"


class CatalogError(PipelineError):
    """The catalogs cannot be extracted or loaded (no ``babel.cfg``, a template that does not
    parse, a missing ``.mo``)."""


def gettext_name(lang: str) -> str:
    """The folder name gettext uses for a BCP 47 code.

    >>> gettext_name("sv"), gettext_name("en-GB")
    ('sv', 'en_GB')
    """
    return str(Locale.parse(lang, sep="-"))


def pot_path(settings: Settings) -> Path:
    """``locale/messages.pot``: every UI string, untranslated."""
    return settings.locale_dir / f"{DOMAIN}.pot"


def po_path(settings: Settings, lang: str) -> Path:
    """``locale/<lang>/LC_MESSAGES/messages.po``: a language's translations (committed)."""
    return settings.locale_dir / gettext_name(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(settings: Settings, lang: str) -> Path:
    """The compiled catalog beside the ``.po`` (built, never committed)."""
    return po_path(settings, lang).with_suffix(".mo")


def translations(settings: Settings, lang: str) -> Translations:
    """The compiled catalog of ``lang`` for the templates; a missing ``.mo`` is an error,
    never a silent fall back to the msgids."""
    path = mo_path(settings, lang)
    try:
        with path.open("rb") as stream:
            return Translations(stream, domain=DOMAIN)
    except FileNotFoundError:
        raise CatalogError(
            "missing; run 'pipeline i18n' (make i18n) to compile the catalogs",
            settings.relative(path),
        ) from None

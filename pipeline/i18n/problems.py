"""The UI catalogs as ``check`` sees them: every site language has a complete, sound and
up-to-date catalog, and the template catalog holds what the templates hold.
"""

from __future__ import annotations

import io

import polib
from babel.messages.catalog import Message
from babel.messages.pofile import PoFileError, read_po

from pipeline.config import Settings
from pipeline.content.tree import Content
from pipeline.errors import Problem
from pipeline.i18n.catalogs import CatalogError, gettext_name, mo_path, po_path, pot_path
from pipeline.i18n.coverage import audit, coverage_shortfall, mismatch, quote
from pipeline.i18n.stage import BABEL_CFG, compiled, extract, not_compiled


def catalog_problems(settings: Settings, content: Content) -> list[Problem]:
    """The catalogs as ``check`` sees them: every site language has a complete, sound,
    up-to-date catalog. Sites without ``babel.cfg`` have no UI catalogs to check."""
    if not (settings.root / BABEL_CFG).is_file():
        return []
    try:
        template = extract(settings)
    except CatalogError as error:
        return [error.as_problem()]
    wanted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in template if m.id}
    problems = _stale_pot(settings, wanted)
    for lang in settings.languages:
        path = po_path(settings, lang)
        shown = settings.relative(path)
        if not path.is_file():
            problems.append(Problem(shown, None, "missing; run 'pipeline i18n' (make i18n)"))
            continue
        text = path.read_text(encoding="utf-8")
        coverage, found = audit(settings, lang, text)
        problems += found
        if any("cannot be read" in p.message for p in found):
            continue
        problems += _compile_problems(shown, text, lang)
        problems += _stale_mo(settings, lang, text)
        problems += _missing_strings(shown, text, wanted)
        problems += coverage_shortfall(settings, coverage, text)
    return problems


def _stale_pot(settings: Settings, wanted: dict[str, Message]) -> list[Problem]:
    path = pot_path(settings)
    shown = settings.relative(path)
    if not path.is_file():
        return [Problem(shown, None, "missing; run 'pipeline i18n' (make i18n)")]
    have = {e.msgid for e in polib.pofile(path.read_text(encoding="utf-8")) if not e.obsolete}
    if have == set(wanted):
        return []
    return [
        Problem(
            shown,
            None,
            f"out of date with the templates ({len(set(wanted) - have)} new, "
            f"{len(have - set(wanted))} removed strings); run 'pipeline i18n' (make i18n)",
        )
    ]


def _missing_strings(shown: str, text: str, wanted: dict[str, Message]) -> list[Problem]:
    have = {e.msgid for e in polib.pofile(text) if not e.obsolete}
    problems = []
    for msgid in wanted.keys() - have:
        name, line = wanted[msgid].locations[0]
        problems.append(
            Problem(
                shown,
                None,
                f"{quote(msgid)} ({name}:{line}) is not in the catalog; "
                "run 'pipeline i18n' (make i18n)",
            )
        )
    return sorted(problems)


def _compile_problems(shown: str, text: str, lang: str) -> list[Problem]:
    """What Babel reports while compiling (its checkers), except placeholders (``audit``
    reports those, in its own words)."""
    try:
        catalog = read_po(io.StringIO(text), locale=gettext_name(lang), abort_invalid=True)
    except PoFileError as error:
        return [not_compiled(shown, error)]
    problems = []
    for message, errors in catalog.check():
        if message.fuzzy or mismatch(message):
            continue
        for error in errors:
            problems.append(Problem(shown, message.lineno, f"{quote(str(message.id))}: {error}"))
    return problems


def _stale_mo(settings: Settings, lang: str, text: str) -> list[Problem]:
    """A compiled catalog that is not what its ``.po`` compiles to (a translator edited the
    ``.po`` since): the build would show the old strings. A missing ``.mo`` is the build's
    to report; ``make`` compiles before it builds."""
    path = mo_path(settings, lang)
    try:
        have = path.read_bytes()
        catalog = read_po(io.StringIO(text), locale=gettext_name(lang))
    except (OSError, PoFileError):
        return []
    if have == compiled(catalog):
        return []
    message = "compiled from an older messages.po; run 'pipeline i18n' (make i18n)"
    return [Problem(settings.relative(path), None, message)]

"""The engines by the names users give them (``--translator``, ``TRANSLATOR=``, the
``translator`` setting): ``pseudo`` offline, the others through deep-translator, which is
imported only when one of them is made (``deep.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import Settings
from pipeline.errors import UsageError
from pipeline.translate.engines import Engine, PseudoEngine


def _pseudo(settings: Settings) -> Engine:
    return PseudoEngine()


def _deep(name: str) -> Callable[[Settings], Engine]:
    def make(settings: Settings) -> Engine:
        from pipeline.translate.deep import make  # imports deep-translator: only when needed

        return make(name, settings)

    return make


ENGINES: dict[str, Callable[[Settings], Engine]] = {
    "pseudo": _pseudo,
    "google": _deep("google"),
    "libre": _deep("libre"),
    "deepl": _deep("deepl"),
    "microsoft": _deep("microsoft"),
    "mymemory": _deep("mymemory"),
}


def check_name(name: str) -> None:
    """Raise ``UsageError`` unless ``name`` is an engine."""
    if name not in ENGINES:
        raise UsageError(f"unknown translator '{name}' (choose one of: {', '.join(ENGINES)})")


def make_engine(name: str, settings: Settings) -> Engine:
    """The engine called ``name``; raises ``UsageError`` if unknown or not configured."""
    check_name(name)
    return ENGINES[name](settings)

"""Jekyll's front matter ``defaults:``, applied to a file as Jekyll 4.3 applies them
(``FrontmatterDefaults#all``): every rule whose scope holds the file (a ``path`` it starts
with, or a glob; a ``type``: ``posts``, ``pages`` or a collection's label), merged so that a
more specific scope wins.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any


def defaults(
    rules: list[Any], relative: str, kind: str, root: Path | None = None, collections_dir: str = ""
) -> dict[str, Any]:
    """The values of ``defaults:`` that apply to the file at ``relative`` of type ``kind``
    (``posts``, ``pages``, a collection's label), as Jekyll's ``FrontmatterDefaults#all``
    merges them: a rule with a longer ``path`` wins over a shorter one, at equal length one
    with a ``type`` wins, else the later one; mappings are merged deep. A scope's ``path``
    that starts with ``collections_dir`` is read without it (``strip_collections_dir``).

    >>> rules = [{"scope": {"path": ""}, "values": {"lang": "sv", "layout": "post"}},
    ...          {"scope": {"path": "_posts/en", "type": "posts"}, "values": {"lang": "en"}}]
    >>> defaults(rules, "_posts/en/2020-01-01-hi.md", "posts")
    {'lang': 'en', 'layout': 'post'}
    >>> defaults(rules, "_posts/2020-01-01-hej.md", "posts")
    {'lang': 'sv', 'layout': 'post'}
    """
    merged: dict[str, Any] = {}
    old: dict[str, Any] | None = None
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("values"), dict):
            continue
        scope = rule.get("scope") if isinstance(rule.get("scope"), dict) else {}
        if not _applies(scope, relative, kind, root, collections_dir.strip("/")):
            continue
        if old is None or _precedes(old, scope):
            merged, old = _deep_merge(merged, rule["values"]), scope
        else:
            merged = _deep_merge(rule["values"], merged)
    return merged


def _applies(
    scope: dict[str, Any], relative: str, kind: str, root: Path | None, collections_dir: str
) -> bool:
    wanted = {"page": "pages", "post": "posts", "draft": "drafts"}.get(
        scope.get("type"), scope.get("type")
    )
    if "type" in scope and str(wanted) != kind:
        return False
    path = scope.get("path")
    if not isinstance(path, str) or not path:
        return True
    if "*" not in path:
        return relative.startswith(
            path.removeprefix(f"{collections_dir}/" if collections_dir else "")
        )
    if root is None:
        return fnmatch.fnmatchcase(relative, path) or fnmatch.fnmatchcase(relative, path + "/*")
    return any(relative.startswith(p.relative_to(root).as_posix()) for p in root.glob(path))


def _precedes(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Jekyll's ``has_precedence?``: whether the scope ``new`` wins over ``old``."""
    new_path, old_path = (str(s.get("path") or "").removeprefix("/") for s in (new, old))
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    return "type" in new or "type" not in old


def _deep_merge(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged

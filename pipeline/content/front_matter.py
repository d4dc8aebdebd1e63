"""YAML front matter, loaded and dumped as an editor wrote it (see ``pipeline.content.document``).

``HANDLER`` loads the YAML with PyYAML's safe loader (YAML 1.1, as Jekyll reads it), which
also reports duplicate keys and the line of every key, and makes dates that remember how
they were written; it exports a new file's front matter with a dumper that keeps key order
and never wraps. A file that exists is edited in place instead (``pipeline.content.edit``,
ruamel.yaml's round trip), so what a person wrote stays. Kept apart from the content model
so that a build which finds nothing new never imports PyYAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from pipeline.content.dates import WrittenDate, WrittenDatetime
from pipeline.errors import ContentError

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_VALUES = 100_000
"""How many values YAML aliases may expand front matter to (a "billion laughs" bound)."""


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML's safe loader, plus: duplicate keys recorded, dates that remember their text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # key, first line, later line (0-based)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append(
                        (key_node.value, seen[key_node.value], key_node.start_mark.line)
                    )
                seen[key_node.value] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_written_timestamp(
        self, node: yaml.ScalarNode
    ) -> WrittenDate | WrittenDatetime | str:
        try:
            value = self.construct_yaml_timestamp(node)
        except ValueError:
            # An impossible date (2020-02-30) is kept as the text it is: the front matter
            # loads, and its ``date`` is reported with every other problem of the file.
            return str(node.value)
        if isinstance(value, dt.datetime):
            return WrittenDatetime.of(value, node.value)
        return WrittenDate.of(value, node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_written_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


class _Dumper(yaml.SafeDumper):
    """YAML's safe dumper: dates as written (or ISO 8601 with a T), multi-line text as blocks."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if any(c in data for c in "\u2028\u2029\x85"):  # Unicode line breaks: keep visible
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        if "\n" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="|")
        return super().represent_str(data)

    def represent_written(self, data: WrittenDate | WrittenDatetime) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", data.text)

    def represent_iso_datetime(self, data: dt.datetime) -> yaml.ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _Dumper.represent_str)
_Dumper.add_representer(WrittenDate, _Dumper.represent_written)
_Dumper.add_representer(WrittenDatetime, _Dumper.represent_written)
_Dumper.add_representer(dt.datetime, _Dumper.represent_iso_datetime)


def _refuse_alias_bombs(root: yaml.Node | None) -> None:
    """Raise ``ConstructorError`` if aliases make ``root`` expand to over ``MAX_VALUES`` values,
    or make a value contain itself (which no stage could compare, hash or write out).

    An alias is the node it names, composed once: counting each node once per mention costs
    one visit per node, however large the expansion would be.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # being counted: the ancestors of the node at hand

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        return []

    def refuse(problem: str, node: yaml.Node) -> None:
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)

    stack = [(root, False)] if root is not None else []
    while stack:  # without recursion: nesting may be deep
        node, counted = stack.pop()
        if counted:
            open_nodes.discard(id(node))
            total = 1 + sum(sizes[id(child)] for child in children(node))
            sizes[id(node)] = min(total, MAX_VALUES + 1)
        elif id(node) in open_nodes:
            refuse("a YAML alias (*name) stands for a value it is part of; write it out", node)
        elif id(node) not in sizes:
            sizes[id(node)] = 0
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children(node))
    if root is not None and sizes[id(root)] > MAX_VALUES:
        refuse(
            f"YAML aliases (*name) expand it to more than {MAX_VALUES:,} values; "
            "write the values out instead",
            root,
        )


@dataclass
class FrontMatter:
    """Front matter as loaded: the data, the file line of each top-level key, and warnings."""

    data: Any
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int, int]]


class FrontMatterHandler:
    """Front matter's YAML, loaded safely and exported as a new file's is written."""

    errors = yaml.YAMLError  # what ``parse`` raises on invalid YAML

    def parse(self, fm: str, first_line: int = 1) -> FrontMatter:
        """Load ``fm`` whose first line is line ``first_line`` of its file.

        Raises ``yaml.YAMLError`` (with marks relative to ``fm``) on invalid YAML.
        """
        loader = _Loader(fm)
        try:
            node = loader.get_single_node()
            _refuse_alias_bombs(node)
            data = loader.construct_document(node) if node is not None else None
            key_lines: dict[str, int] = {}
            if isinstance(node, yaml.MappingNode):
                for key_node, _ in node.value:
                    key_lines[str(key_node.value)] = key_node.start_mark.line + first_line
            duplicates = [(k, a + first_line, b + first_line) for k, a, b in loader.duplicates]
        finally:
            loader.dispose()
        return FrontMatter(data, key_lines, duplicates)

    def export(self, metadata: dict[str, Any], **kwargs: Any) -> str:
        """YAML text of ``metadata``: key order kept, never wrapped, Unicode as is."""
        kwargs.setdefault("Dumper", _Dumper)
        kwargs.setdefault("sort_keys", False)
        kwargs.setdefault("width", float("inf"))
        kwargs.setdefault("default_flow_style", False)
        kwargs.setdefault("allow_unicode", True)
        # Not str.strip(): it also strips Unicode spaces such as U+00A0 that begin the
        # first key or end the last value, which changes what was written.
        return yaml.dump(metadata, **kwargs).rstrip("\n")


HANDLER = FrontMatterHandler()


def parse_error(
    error: yaml.YAMLError, shown: str, fm_text: str, first_line: int = 2, what: str = "front matter"
) -> ContentError:
    """A YAML error in the front matter ``fm_text`` as the content error the user reads: the
    line where it was made. ``fm_text`` begins on line ``first_line`` of its file; ``what``
    names it in the message (another YAML file, such as a Jekyll site's ``_config.yml``)."""
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        line = fm_text[: error.position].count("\n") + first_line
        return ContentError(
            f"invalid YAML in {what}: character U+{error.character:04X} is not allowed "
            "(a control character); remove it",
            shown,
            line,
        )
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    if mark is None or "end of stream" in problem:
        # Something left open (a quote, a bracket): where it was opened helps more than
        # the end of the front matter, where the parser noticed.
        mark = getattr(error, "context_mark", None) or mark
    line = mark.line + first_line if mark is not None else None
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '")
        message = f"YAML tag '{tag}' is not allowed ({what} is loaded safely)"
    elif isinstance(error, yaml.constructor.ConstructorError):
        message = f"invalid {what}: {problem}"
    else:
        context = getattr(error, "context", None)
        message = f"invalid YAML in {what}: {problem}" + (f" ({context})" if context else "")
    return ContentError(message, shown, line)

"""The figures of a benchmark run: as a Markdown table for people, as JSON for tools.

The JSON file has exactly the keys issue 8 names, in its order (``KEYS``): seconds, except
``pairs`` and ``peak_rss_mb``; null where a figure could not be measured (a stage not on
this branch yet, no Hugo, a failed command). The table shows every figure also as a ratio to
Hugo's full build, beside the issue's goal for that ratio.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import Outcome


@dataclass(frozen=True)
class Figure:
    """One row of the table and one key of the JSON."""

    key: str
    label: str
    goal: str = ""


FIGURES = [
    Figure("hugo_full_s", "Hugo: full build"),
    Figure("ingest_s", "ingest into an empty site"),
    Figure("translate_first_s", "translate (pseudo): first run"),
    Figure("translate_noop_s", "translate: no-op re-run", "≤ 0.10"),
    Figure("translate_edit_s", "translate: one paragraph edited"),
    Figure("full_build_s", "build: full, into an empty folder", "≤ 0.75"),
    Figure("noop_build_s", "build: no-op re-run", "≤ 0.10"),
    Figure("edit_build_s", "build: one posting edited", "≤ 0.15"),
    Figure("check_s", "check"),
    Figure("make_noop_s", "make (pipeline all): nothing changed", "≤ 0.10"),
    Figure("make_edit_s", "make: one paragraph edited", "≤ 0.25"),
    Figure("make_add_s", "make: one posting added (pseudo draft)", "≤ 0.40"),
    Figure("make_full_s", "make: from a fresh clone (empty caches)", "≤ 2.0"),
    Figure("make_first_s", "make: first run after an import (memory empty)"),
    Figure("peak_rss_mb", "peak memory of the full build", "< 300 MiB at N = 10,000"),
    Figure("make_peak_rss_mb", "peak memory of make from a fresh clone", "< 300 MB at N = 10,000"),
]
KEYS = ["pairs", *(figure.key for figure in FIGURES)]
MEMORY_OF = {  # each peak memory is that of a figure's runs
    "peak_rss_mb": "full_build_s",
    "make_peak_rss_mb": "make_full_s",
}
HUGO = "hugo_full_s"


@dataclass
class Results:
    """The outcome of each figure (by JSON key) for a corpus of ``pairs`` pairs."""

    pairs: int
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def outcome(self, key: str) -> Outcome:
        """The outcome behind figure ``key`` (the full build's for the peak memory)."""
        return self.outcomes.get(MEMORY_OF.get(key, key), Outcome(reason="not run"))

    def value(self, key: str) -> float | None:
        """The figure: seconds, or MiB for the peak memory; None when not measured."""
        outcome = self.outcome(key)
        return outcome.peak_rss_mb if key in MEMORY_OF else outcome.seconds

    def ratio(self, key: str) -> float | None:
        """The figure as a multiple of Hugo's full build (None for memory or without Hugo)."""
        value, hugo = self.value(key), self.value(HUGO)
        if key in MEMORY_OF or value is None or not hugo:
            return None
        return value / hugo

    @property
    def failed(self) -> list[str]:
        """The figures whose command failed."""
        return [key for key, outcome in self.outcomes.items() if outcome.failed]


def as_json(results: Results) -> dict[str, int | float | None]:
    """The JSON object: exactly ``KEYS``, seconds to 0.1 ms, memory to 0.1 MiB."""
    data: dict[str, int | float | None] = {"pairs": results.pairs}
    for figure in FIGURES:
        value = results.value(figure.key)
        digits = 1 if figure.key in MEMORY_OF else 4
        data[figure.key] = None if value is None else round(value, digits)
    return data


def write_json(path: Path, results: Results) -> None:
    """Write ``as_json(results)`` to ``path``."""
    path.write_text(json.dumps(as_json(results), indent=2) + "\n", encoding="utf-8")


def table(results: Results) -> str:
    """The Markdown table: figure, seconds (or why there is none), ratio to Hugo, goal.

    >>> hugo, check = Outcome((2.0, 1.9, 2.4)), Outcome((0.5,))
    >>> print(table(Results(10, {"hugo_full_s": hugo, "check_s": check})))
    ... # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    | figure | seconds | × Hugo full build | goal (ratio) | runs: fastest–slowest |
    | --- | ---: | ---: | --- | --- |
    | Hugo: full build | 2.000 | 1.00 |  | 1.900–2.400 |
    | ingest into an empty site | not run | — |  |  |
    ...
    | check | 0.500 | 0.25 |  | 0.500–0.500 |
    | make (pipeline all): nothing changed | not run | — | ≤ 0.10 |  |
    ...
    | peak memory of the full build | not run | — | < 300 MiB at N = 10,000 |  |
    | peak memory of make from a fresh clone | not run | — | < 300 MB at N = 10,000 |  |
    """
    rows = [
        "| figure | seconds | × Hugo full build | goal (ratio) | runs: fastest–slowest |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for figure in FIGURES:
        value, ratio = results.value(figure.key), results.ratio(figure.key)
        if value is None:
            shown = results.outcome(figure.key).reason
        elif figure.key in MEMORY_OF:
            shown = f"{value:.1f} MiB"
        else:
            shown = f"{value:.3f}"
        times = "—" if ratio is None else f"{ratio:.2f}"
        spread = results.outcome(figure.key).spread
        runs = f"{spread[0]:.3f}–{spread[1]:.3f}" if spread and figure.key not in MEMORY_OF else ""
        rows.append(f"| {figure.label} | {shown} | {times} | {figure.goal} | {runs} |")
    return "\n".join(rows)

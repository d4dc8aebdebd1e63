"""The quality checks a reviewer sees per block, listed in ``quality.CHECKS``."""

import pytest

from pipeline.translate import quality
from pipeline.translate.quality import Pair, findings
from pipeline.translate.segments import segment


def pair(source: str, target: str) -> Pair:
    return Pair(segment(source).blocks[0], target, "sv", "en")


def test_a_faithful_translation_passes_every_check() -> None:
    faithful = pair("Läs [mer](https://example.org/).\n", "Read [more](https://example.org/).")
    assert findings(faithful) == []


def test_a_lost_link_is_found_by_the_markdown_check() -> None:
    found = findings(pair("Läs [mer](https://example.org/).\n", "Read more."))
    assert [f.check for f in found] == ["markdown"]
    assert "link" in found[0].message


def test_every_check_is_listed_once_by_its_own_name_in_the_order_they_run() -> None:
    names = [name for name, _ in quality.CHECKS]
    assert names == [
        "markdown",
        "placeholders",
        "urls",
        "emails",
        "numbers",
        "identical",
        "end punctuation",
        "glossary",
    ]
    assert len({run for _, run in quality.CHECKS}) == len(names)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Hej {{ namn }}, välkommen.\n", "Hi, welcome.", ["placeholders"]),
        ("Se %(antal)s jobb.\n", "See the jobs.", ["placeholders"]),
        ("Se https://example.org/a idag.\n", "See https://example.org/b today.", ["urls"]),
        ("Mejla jobb@example.org idag.\n", "Mail work@example.org today.", ["emails"]),
        ("Lön 25 000 kr i 6 månader.\n", "Pay SEK 25,000 for 7 months.", ["numbers"]),
        ("Vi söker en utvecklare.\n", "Vi söker en utvecklare.", ["identical"]),
        ("Vi söker en utvecklare.\n", "We are looking for a developer", ["end punctuation"]),
        ("Ansök nu!\n", "Apply now.", ["end punctuation"]),
    ],
)
def test_each_check_finds_what_it_is_for(source: str, target: str, expected: list[str]) -> None:
    assert [f.check for f in findings(pair(source, target))] == expected


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Hej {{ namn }}, se %(antal)s jobb.\n", "Hi {{ namn }}, see %(antal)s jobs."),
        ("Lön 25 000 kr, 2,5 dagar.\n", "Pay SEK 25,000, 2.5 days."),
        ("Tjänsten är på 80 % i ett år.\n", "The position is 80% for a year."),
        ("Läs [mer](https://example.org/1).\n", "Read [more](https://example.org/1)."),
        ("Digidem Lab\n", "Digidem Lab"),
        ("Vi söker dig!\n", "［Ṽī śöķḗŕ ḋīġ! ·····］"),
        ("Rubrik: \u2028\n", "Heading:"),
    ],
)
def test_faithful_translations_pass(source: str, target: str) -> None:
    assert findings(pair(source, target)) == []

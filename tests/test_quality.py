"""The registry of quality checks a reviewer sees per block."""

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


def test_a_name_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="markdown"):
        quality.quality_check("markdown")(lambda p: None)

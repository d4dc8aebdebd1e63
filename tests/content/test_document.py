"""The content model keeps what an editor wrote (inputs beside their expected saved text)."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from pipeline.content import document, edit
from pipeline.errors import ContentError
from tests.conftest import SEEDS

HERE = Path(__file__).parent / "document"
CASES = sorted(p for p in HERE.glob("*.md") if not p.name.endswith(".saved.md"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_saved_text_is_expected(case: Path, tmp_path: Path) -> None:
    """Written as a new file (no file to edit at its path): the expected fresh style."""
    doc = document.read(case)
    doc.path = tmp_path / case.name
    expected = case.with_name(case.stem + ".saved.md").read_text(encoding="utf-8")
    assert edit.dumps(doc) == expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_saving_an_unchanged_file_keeps_every_byte(case: Path, tmp_path: Path) -> None:
    """Saved over the file it was read from (BOM, CRLF, quotes and all): nothing changes
    but a missing last newline, which is no content."""
    raw = case.read_bytes()
    expected = raw if raw.endswith(b"\n") else raw + b"\n"
    path = tmp_path / case.name
    path.write_bytes(raw)
    doc = document.read(path)
    assert edit.dumps(doc).encode("utf-8") == expected
    assert edit.save(doc) is (raw != expected)
    assert path.read_bytes() == expected and not edit.save(document.read(path))


@pytest.mark.parametrize("case", CASES + SEEDS, ids=[c.name for c in CASES + SEEDS])
def test_round_trip_keeps_data_and_text(case: Path, tmp_path: Path) -> None:
    first = document.read(case)
    first.path = tmp_path / "saved.md"
    assert edit.save(first)
    second = document.read(first.path)
    assert second.metadata == first.metadata
    assert list(second.metadata) == list(first.metadata)
    assert second.body == first.body
    assert edit.dumps(second) == first.path.read_text(encoding="utf-8")
    assert not edit.save(second), "saving unchanged data must not rewrite the file"


def test_dates_keep_their_text_and_their_value() -> None:
    doc = document.read(HERE / "dates-as-written.md")
    date = doc.metadata["date"]
    assert date == dt.datetime(2020, 5, 27, 14, 10, 53, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert date.text == "2020-05-27T14:10:53.000+02:00"
    assert doc.metadata["updated"] == dt.date(2020, 5, 27)
    assert doc.metadata["quoted"] == "2020-05-27"  # quoted: text, as YAML says
    again = pickle.loads(pickle.dumps(doc.metadata))
    assert again["date"].text == date.text and again["updated"].text == "2020-05-27"


def test_unicode_is_written_as_is_and_long_lines_are_not_wrapped(tmp_path: Path) -> None:
    doc = document.read(HERE / "key-order-unicode.md")
    doc.path = tmp_path / "new.md"  # written afresh
    text = edit.dumps(doc)
    assert "Öppen tjänst" in text and "\\u" not in text
    assert max(len(line) for line in text.splitlines()) > 100


def test_a_file_ends_with_exactly_one_newline() -> None:
    doc = document.loads("---\ntitle: a\n---\ntext", Path("a.md"))
    assert edit.dumps(doc).endswith("text\n")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"---\ntitle: a\n", "a.md:1: front matter is never closed: no second '---' line"),
        (
            b"title: a\n",
            "a.md:1: no front matter: a posting starts with a line '---', then YAML, then '---'",
        ),
        (
            b"---\n- a\n- b\n---\n",
            "a.md:2: front matter must be a mapping of keys to values, not a list",
        ),
        (
            b"---\ntitle: [a\n---\n",
            "a.md:3: invalid YAML in front matter: did not find expected "
            "',' or ']' (while parsing a flow sequence)",
        ),
        (
            b"---\ntitle: a\nx: !!python/object/apply:os.system ['true']\n---\n",
            "a.md:3: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
            "(front matter is loaded safely)",
        ),
        (
            b"---\ntitle: G\xf6teborg\n---\n",
            "a.md:2: not UTF-8 (byte 0xf6 cannot be decoded); "
            "save the file as UTF-8, the encoding postings are expected in",
        ),
        (
            "---\ntitle: Göteborg\n---\n".encode("utf-16"),
            "a.md:1: UTF-16 text, not UTF-8; save the file as UTF-8, the encoding postings "
            "are expected in",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "a.md: not a text file (binary data); a posting is UTF-8 Markdown",
        ),
    ],
)
def test_unreadable_files_name_the_line(raw: bytes, message: str) -> None:
    with pytest.raises(ContentError) as error:
        document.loads(document.decode(raw, "a.md"), Path("a.md"), "a.md")
    assert str(error.value) == message


def test_text_ending_in_a_newline_keeps_it_as_the_last_key() -> None:
    # Found by the property test: a block scalar at the end of the front matter.
    doc = document.Document(Path("a.md"), {"title": "a", "note": "rad\n"}, "")
    assert document.loads(edit.dumps(doc), Path("a.md")).metadata == doc.metadata


def test_an_impossible_date_loads_as_its_text_to_be_reported_with_the_rest() -> None:
    doc = document.loads("---\ntitle: a\ndate: 2020-13-45\n---\n", Path("a.md"), "a.md")
    assert doc.metadata["date"] == "2020-13-45"

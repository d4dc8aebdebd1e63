"""Properties that must hold for any input (hypothesis): front matter and slugs.

The examples come from the hypothesis profile chosen in conftest.py: derandomized for CI,
``HYPOTHESIS_PROFILE=deep`` for a long random search.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.content import document, edit
from pipeline.content.document import Document
from pipeline.slugs import MAX_LENGTH, is_slug, ref_from_filename, slugify

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
datetimes = st.one_of(
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.datetimes(
        min_value=dt.datetime(1000, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=offsets
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False),
    st.text(),
    st.dates(min_value=dt.date(1000, 1, 1)),
    datetimes,
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(), children, max_size=4),
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(st.text(), values, max_size=8)


@given(front_matter, st.text())
def test_front_matter_survives_save_and_load(metadata: dict, body: str) -> None:
    body = body.replace("\r", "")
    saved = edit.dumps(Document(Path("a.md"), metadata, body))
    loaded = document.loads(saved, Path("a.md"))
    assert loaded.metadata == metadata
    assert list(loaded.metadata) == list(metadata)
    again = document.loads(edit.dumps(loaded), Path("a.md"))
    assert again.metadata == loaded.metadata
    assert edit.dumps(again) == edit.dumps(loaded)


@given(st.text())
def test_slugs_are_safe_bounded_and_stable(text: str) -> None:
    slug = slugify(text)
    assert slug and is_slug(slug) and len(slug) <= MAX_LENGTH
    assert "/" not in slug and ".." not in slug
    assert slugify(text) == slug
    assert slugify(slug) == slug


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.text())
def test_refs_from_file_names_are_safe(date: dt.date, name: str) -> None:
    ref = ref_from_filename(f"{date:%Y-%m-%d}-{name}")
    assert is_slug(ref)
    assert ref == ref_from_filename(f"{date:%Y-%m-%d}-{name}")


@given(front_matter, front_matter, st.text())
def test_an_edited_front_matter_holds_exactly_the_values_asked_for(
    old: dict, changes: dict, body: str
) -> None:
    """``edit.update`` on any front matter, with any changes and removals: the file reads as
    the old values with those applied, the body as it was, and no change changes no byte."""
    body = body.replace("\r", "")
    text = edit.dumps(Document(Path("/nonexistent/a.md"), old, body))
    removals = [key for key in old if len(key) % 2 and key not in changes]
    updated = edit.update(text, changes, removals)
    expected = {k: v for k, v in old.items() if k not in removals}
    expected.update(changes)
    loaded = document.loads(updated, Path("a.md"))
    assert loaded.metadata == expected
    assert loaded.body == document.loads(text, Path("a.md")).body
    assert edit.update(updated, {}, []) == updated

"""The one cache helper: what it keeps it gives back, of its version only, and nothing else."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

from pipeline.content.dates import WrittenDate
from pipeline.state import cache


class Planted:
    def __reduce__(self):
        return (os.system, ("touch planted",))


def test_what_is_saved_comes_back_of_its_version_only(tmp_path: Path) -> None:
    path = tmp_path / cache.FOLDER / "x.pickle"
    data = {"a.md": (WrittenDate.of(dt.date(2024, 3, 1), "2024-03-01"), {"tags": {"x"}})}
    cache.save(path, cache.version(1, "fingerprint"), data)
    back = cache.load(path, cache.version(1, "fingerprint"))
    assert back == data and back["a.md"][0].text == "2024-03-01"
    assert cache.load(path, cache.version(2, "fingerprint")) is None
    assert cache.version(1, "fingerprint") != cache.version(1, "another")


def test_a_missing_damaged_or_planted_cache_is_none_and_runs_no_code(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    wanted = cache.version(1)
    assert cache.load(path, wanted) is None
    for raw in (
        b"",
        b"\x80\x05garbage",
        pickle.dumps(["not", "a", "cache"]),
        pickle.dumps({"version": wanted, "data": Planted()}),
    ):
        path.write_bytes(raw)
        assert cache.load(path, wanted) is None
    assert not (tmp_path / "planted").exists() and not os.path.exists("planted")


def test_data_that_will_not_pickle_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    cache.save(path, cache.version(1), {"f": lambda: None})
    assert not path.exists()

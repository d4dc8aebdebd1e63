"""Every cache, damaged in any way, is ignored and made anew, with one line saying so
(hypothesis, through the CLI on the repository's own site).

A cache is what a run keeps to spare the next one work (``pipeline.state.cache``). Each
example takes a site whose runs left every cache, damages one (bytes cut off, a byte flipped,
bytes appended, other bytes in its place, a pickle that runs code or exhausts memory, a
folder where the file should be), maybe edits a posting, and runs ``translate`` then
``build``: each must exit as on the undamaged site, print what it prints plus at most one
line naming the damaged cache, and leave the content, the memory and the built site byte for
byte as on the undamaged site; the next runs say nothing of caches.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.state import cache, fingerprints
from pipeline.translate import pending
from tests.build.test_build import SV_POST
from tests.conftest import repository_site

CACHES = [
    ".cache/pipeline/front-matter.pickle",
    ".cache/pipeline/scan.pickle",
    ".cache/pipeline/translate.json",
    ".cache/pipeline/answers.pickle",
    "public/.pipeline/manifest.json",
    "public/.pipeline/feeds.json",
]
# (.cache/pipeline/plan.pickle is the build's own, not yet kept through pipeline.state.cache.)

NEW = "content/sv/2024-05-01-ny.md"
EDITS = {
    "none": [],
    "body": [(SV_POST, "Digidem Lab", "Digidem Lab, ändrat")],
    "posting": [(NEW, None, "---\ntitle: Ny\n---\nEn ny nyhet om demokrati.\n")],
}


class Planted:
    def __reduce__(self):
        return (os.system, ("touch planted",))


HOSTILE = [
    b"}Na.",  # the issue's: an empty dict, then a bad opcode
    pickle.dumps(Planted()),
    b"\x80\x05\x8e" + (2**62).to_bytes(8, "little"),  # 4 EiB of bytes, it says
    b"\x80\x05" + b"(" * 200_000 + b".",  # marks without end
    b"\x80\x05\x8a\xff" + b"\xff" * 255 + b".",  # a long int
]


_UNDAMAGED: dict[str, tuple[list[tuple[int, list[str]]], dict[str, bytes]]] = {}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, its catalogs compiled, translated, built: every cache there
    (translate twice: an idle run keeps translate.json)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fingerprints, "RACY_NS", 0)  # (the scan cache keeps no racy file)
        root = tmp_path_factory.mktemp("caches") / "site"
        repository_site(root, "i18n", "translate", "translate", "build")
    # Answers of a draft never written (a run interrupted before it, since deleted).
    answers = {("pseudo", "sv", "en", "Ett stycke som inte finns."): "A paragraph."}
    cache.Cache(root / pending.FILE, pending.VERSION).save(answers)
    for name in CACHES:
        assert (root / name).is_file(), name
    return root


def _runs(run, root: Path) -> list[tuple[int, list[str]]]:
    """``translate``, then ``build``: each one's exit code and lines on standard error."""
    return [(r.code, r.err_lines) for r in (run(root, "translate"), run(root, "build"))]


def _copy(prepared: Path, into: Path, edit: str) -> Path:
    root = into / "site"
    shutil.copytree(prepared, root, symlinks=True)
    for path, old, new in EDITS[edit]:
        file = root / path
        text = file.read_text(encoding="utf-8") if old else ""
        file.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
    return root


def _state(root: Path) -> dict[str, bytes]:
    """What a user keeps: the content, the locale and the built site (not the caches)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "locale", "public")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file() and ".pipeline" not in p.parts
    }


def undamaged(
    run, prepared: Path, edit: str
) -> tuple[list[tuple[int, list[str]]], dict[str, bytes]]:
    """What the runs print and leave on the site undamaged, after ``edit``."""
    if edit not in _UNDAMAGED:
        with tempfile.TemporaryDirectory() as folder:
            root = _copy(prepared, Path(folder), edit)
            _UNDAMAGED[edit] = _runs(run, root), _state(root)
    return _UNDAMAGED[edit]


def _damage(path: Path, how: tuple) -> None:
    kind, *args = how
    data = path.read_bytes()
    if kind == "folder":
        path.unlink()
        path.mkdir()
        (path / "inside").write_bytes(data)
        return
    if kind == "cut":
        data = data[: args[0] % len(data)]
    elif kind == "flip":
        index = args[0] % len(data)
        data = data[:index] + bytes([data[index] ^ args[1]]) + data[index + 1 :]
    elif kind == "append":
        data += args[0]
    elif kind == "other":
        data = args[0]
    elif kind == "planted":  # sealed: its digest matches, its data is hostile
        if path.suffix == ".json":
            planted = "x" if isinstance(args[0], bytes) else args[0]
            cache.Cache(path, _version_of(path, True), json=True).save(planted)
            return
        planted = args[0]
        body = planted if isinstance(planted, bytes) else pickle.dumps((_version_of(path), planted))
        data = body + cache._digest(body)
    path.write_bytes(data)


def _version_of(path: Path, as_json: bool = False):
    raw = path.read_bytes()
    if as_json:
        return json.loads(raw)["version"]
    return pickle.loads(raw[: -2 * cache.DIGEST_SIZE])[0]


def _assert_as_undamaged(prepared: Path, root: Path, name: str, state: dict[str, bytes]) -> None:
    """The content, the locale and the built site are as the undamaged runs left them."""
    made = _state(root)
    if name.endswith("manifest.json"):
        # What the last build wrote and this one does not is left: without the record of
        # what it wrote, a build cannot tell its own files from files put there by hand.
        left = {k: made.pop(k) for k in made.keys() - state.keys()}
        assert left.items() <= _state(prepared).items()
    assert made == state


damages = st.one_of(
    st.tuples(st.just("cut"), st.integers(min_value=0)),
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(1, 255)),
    st.tuples(st.just("append"), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("other"), st.one_of(st.binary(max_size=64), st.sampled_from(HOSTILE))),
    st.tuples(st.just("planted"), st.sampled_from([*HOSTILE, None, [], {"x": [1]}, "x"])),
    st.just(("folder",)),
)


@pytest.mark.parametrize("name", CACHES)
@settings(
    max_examples=max(20, settings.default.max_examples // 40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(how=damages, edit=st.sampled_from(sorted(EDITS)))
def test_a_damaged_cache_is_ignored_said_once_and_made_anew(
    run, prepared, monkeypatch, name: str, how, edit
) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)  # the files were written just now
    expected, state = undamaged(run, prepared, edit)
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(prepared, Path(folder), edit)
        _damage(root / name, how)
        for (code, lines), (code_then, lines_then) in zip(_runs(run, root), expected, strict=True):
            said = [line for line in lines if "cache ignored" in line]
            assert code == code_then and [line for line in lines if line not in said] == lines_then
            assert len(said) <= 1 and all(
                line.endswith("; it is made anew") and name.split("/")[-1] in line for line in said
            ), said
        _assert_as_undamaged(prepared, root, name, state)
        again = _runs(run, root)
        assert not [line for _, lines in again for line in lines if "cache ignored" in line]
        assert not (root / "planted").exists() and not os.path.exists("planted")


@pytest.mark.parametrize("how", [("other", b"}Na."), ("folder",)], ids=["}Na.", "folder"])
@pytest.mark.parametrize("name", CACHES)
def test_the_damage_of_the_issue_in_every_cache(run, prepared, monkeypatch, name: str, how) -> None:
    """``printf '}Na.' > .cache/pipeline/front-matter.pickle``, then an edit and a build,
    crashed every command; a folder where a cache should be failed the build."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    expected, state = undamaged(run, prepared, "body")
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(prepared, Path(folder), "body")
        _damage(root / name, how)
        results = _runs(run, root)
        said = [line for _, lines in results for line in lines if "cache ignored" in line]
        assert [code for code, _ in results] == [code for code, _ in expected]
        assert len(said) == 1 and name.split("/")[-1] in said[0], said
        _assert_as_undamaged(prepared, root, name, state)
        assert run(root, "translate").code == 0  # (translate.json is kept after an idle run)
        if name.endswith("answers.pickle"):  # none kept: every draft was written
            assert not (root / name).exists()
        else:
            assert (root / name).is_file()  # made anew

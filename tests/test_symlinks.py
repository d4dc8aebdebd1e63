"""Nothing is written outside the site root (and the folder named with ``--out``), however
symlinks are arranged among the folders and files the pipeline uses (hypothesis, through the
CLI).

Each example takes the repository's site, replaces some of the folders and files the stages
write (``.cache``, ``locale``, its catalogs and memory and records, ``content/en``, ``public``
and its ``.pipeline``, ``review``, ``.pipeline.lock``...) by symlinks to a copy of them
outside the site, or elsewhere inside it, and runs every stage, ``review``, and ``build
--out`` a folder outside the site. Whatever each run says (a refusal names the symlink), no
file outside the site root and the ``--out`` folder is made, changed or removed, and there
is no traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import repository_site

# What the stages write, folders and files; each may become a symlink.
LINKABLE = [
    ".cache",
    ".cache/pipeline",
    ".cache/pipeline/scan.pickle",
    ".pipeline.lock",
    "locale",
    "locale/memory",
    "locale/memory/drafts",
    "locale/memory/drafts/en",
    "locale/memory/sv-en.po",
    "locale/en",
    "locale/en/LC_MESSAGES",
    "locale/en/LC_MESSAGES/messages.mo",
    "locale/messages.pot",
    "content/en",
    "public",
    "public/.pipeline",
    "public/en",
    "public/index.html",
    "review",
]
FOLDERS = {name for name in LINKABLE if "." not in name.rsplit("/", 1)[-1]} | {
    ".cache",
    "public/.pipeline",
}
NEW = "content/sv/2024-05-01-ny.md"
POSTING = "---\ntitle: Ny\n---\nEn ny nyhet om [demokrati](https://example.org).\n"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, every stage run once."""
    root = tmp_path_factory.mktemp("symlinks") / "site"
    return repository_site(root, "i18n", "translate", "build", "review").root


def snapshot(folder: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``folder`` (symlinks not followed): its kind and bytes or target."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                found[key] = ("folder", b"")
            else:
                found[key] = ("file", path.read_bytes())
    return found


def arrange(root: Path, outside: Path, links: list[tuple[str, str]]) -> None:
    """Make each ``(name, where)`` of ``links`` a symlink: to what it held, moved
    ``outside`` the site, or ``inside`` it (to another folder of the site), or to nothing
    there (``dangling``, outside)."""
    for number, (name, where) in enumerate(links):
        path = root / name
        if path.is_symlink() or not path.parent.is_dir() or path.parent.is_symlink():
            continue  # (a folder above it is a link already)
        base = root / "elsewhere" if where == "inside" else outside
        target = base / f"{number}-{name.replace('/', '-')}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if where == "dangling" and path.is_dir():
            shutil.rmtree(path)
        elif where == "dangling" and path.exists():
            path.unlink()
        elif path.exists():
            shutil.move(path, target)
        elif where != "dangling" and name in FOLDERS:
            target.mkdir()
        path.symlink_to(target, target_is_directory=target.is_dir())


arrangements = st.lists(
    st.tuples(st.sampled_from(LINKABLE), st.sampled_from(["outside", "inside", "dangling"])),
    min_size=1,
    max_size=4,
    unique_by=lambda link: link[0],
)


@settings(
    max_examples=max(15, settings.default.max_examples // 20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(links=arrangements, edit=st.booleans())
def test_nothing_is_written_outside_the_site_under_any_symlinks(run, prepared, links, edit) -> None:
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root, outside, out = top / "site", top / "outside", top / "out"
        shutil.copytree(prepared, root, symlinks=True)
        outside.mkdir()
        if edit:
            (root / NEW).write_text(POSTING, encoding="utf-8")
        arrange(root, outside, links)
        before = snapshot(outside)
        # What is built stays in its folder: a symlink in it leads nowhere, not even
        # elsewhere in the site (the folder itself may be a symlink: it is where it leads).
        built = root / "elsewhere" / "built"
        built.mkdir(parents=True)
        for link in ("public/en", "public/.pipeline"):
            if (root / link).is_dir() and not any(
                (root / part).is_symlink() for part in ("public", link)
            ):
                shutil.move(root / link, built / link.replace("/", "-"))
                (root / link).symlink_to(built / link.replace("/", "-"))
        held = snapshot(built)
        for args in (
            ("ingest",),
            ("translate",),
            ("i18n",),
            ("build",),
            ("review",),
            ("check",),
            ("status",),
            ("build", "--out", str(out)),
            ("check", "--out", str(out)),
        ):
            result = run(root, *args)
            assert result.code in (0, 1, 2), (args, result.err)
        after = snapshot(outside)
        assert after == before, (links, sorted(set(after.items()) ^ set(before.items())))
        assert snapshot(built) == held
        assert sorted(p.name for p in top.iterdir()) in (
            ["out", "outside", "site"],
            ["outside", "site"],
        )


def test_the_symlinks_of_the_issue_are_refused_naming_the_link(run, prepared, tmp_path) -> None:
    """A ``.cache`` link made build and translate write their caches into its target, a
    ``locale`` link the catalogs, the memory and the records, ``locale/en`` the compiled
    catalog, a ``.pipeline.lock`` link made a file at its target."""
    root, outside = tmp_path / "site", tmp_path / "outside"
    shutil.copytree(prepared, root, symlinks=True)
    (root / NEW).write_text(POSTING.replace("---\n", "---\nlang: sv\nref: ny\n", 1))
    outside.mkdir()
    cases = {
        ".pipeline.lock": ["translate"],
        ".cache": ["translate", "build"],
        "locale/en": ["i18n"],
        "locale": ["i18n", "translate"],
    }
    for name, commands in cases.items():
        arrange(root, outside, [(name, "outside")])
        target = os.readlink(root / name)
        before = snapshot(outside)
        for command in commands:
            result = run(root, command)
            assert result.code == 1, (name, command, result.err)
            assert re.search(
                rf"^{re.escape(str(root))}/\S+: a symbolic link leads out of "
                rf"{re.escape(str(root))} \(to {re.escape(target)}[/\w.-]*\); refused$",
                result.err,
                re.MULTILINE,
            ), (name, command, result.err)
        assert snapshot(outside) == before
        (root / name).unlink()  # as it was, for the next case
        if Path(target).exists():
            shutil.move(target, root / name)

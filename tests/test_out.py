"""``build --out DIR`` and ``check --out DIR``: a folder named on the command line may be
anywhere, and a build replaces or removes there only the files a build wrote."""

from __future__ import annotations

import subprocess
from pathlib import Path

NEW_POSTING = """\
---
lang: sv
ref: ny
title: Ny nyhet
date: 2024-05-01T10:00:00+02:00
---
En ny nyhet.
"""


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, less the build's own ``.pipeline/``."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".pipeline" not in path.relative_to(folder).parts
    }


def test_a_site_built_outside_the_root_is_the_same_and_is_checked_there(
    seed_site, run, tmp_path: Path
) -> None:
    root = seed_site.root
    out = tmp_path / "elsewhere" / "site"
    around = {p for p in tmp_path.rglob("*") if root not in p.parents}
    result = run(root, "build", "--out", str(out))
    assert result.code == 0, result.err
    assert f" in {out}/: " in result.out
    # Nothing of the build's leaves the folder named (its caches stay in the site root).
    made = {p for p in tmp_path.rglob("*") if root not in p.parents} - around
    assert made and all(p == out or out in p.parents or p == out.parent for p in made)
    assert run(root, "build").code == 0
    assert files_under(out) == files_under(root / "public")

    assert run(root, "check", "--out", str(out)).code == 0
    (out / "en" / "extra.html").write_text("<p>by hand</p>\n", encoding="utf-8")
    result = run(root, "check", "--out", str(out))
    assert result.code == 1
    assert result.err_lines[0] == (
        f"{out}/en/extra.html: not part of the site the content makes (left from an earlier "
        "build or put there by hand); run 'pipeline build'"
    )
    assert run(root, "check").code == 0  # public/ is audited by default, as before

    missing = run(root, "check", "--out", str(tmp_path / "nowhere"))
    assert missing.code == 2
    assert missing.err == (
        f"--out {tmp_path}/nowhere: no such folder; name the folder a build wrote\n"
    )


def test_a_folder_with_files_no_build_wrote_is_refused_and_left_as_it_was(
    seed_site, run, tmp_path: Path
) -> None:
    root = seed_site.root
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "index.html").write_text("my own page\n", encoding="utf-8")
    (mine / "notes.txt").write_text("notes\n", encoding="utf-8")
    before = files_under(mine)
    result = run(root, "build", "--out", str(mine))
    assert result.code == 2
    assert result.err == (
        f"--out {mine}: the folder holds files that no build wrote (it has no .pipeline/), "
        "and a build never replaces them; name a new or empty folder\n"
    )
    assert files_under(mine) == before and not (mine / ".pipeline").exists()

    # The same rule for the default output folder.
    seed_site.write("public/index.html", "my own page\n")
    result = run(root, "build")
    assert result.code == 2
    assert result.err.startswith("public: the folder holds files that no build wrote")
    assert seed_site.read("public/index.html") == "my own page\n"

    # The site root, and a folder that holds it, are never an output folder.
    for folder in (root, tmp_path):
        result = run(root, "build", "--out", str(folder))
        assert result.code == 2
        assert "must not be the site root, nor a folder that holds it" in result.err

    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(root, "build", "--out", str(empty)).code == 0
    assert (empty / "index.html").is_file()


def test_a_build_replaces_and_removes_only_what_a_build_wrote(
    seed_site, run, tmp_path: Path
) -> None:
    root = seed_site.root
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    # By hand, where the page of a posting added next will be.
    page = out / "nyheter" / "ny" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("my page\n", encoding="utf-8")
    seed_site.write("content/sv/2024-05-01-ny.md", NEW_POSTING)

    left = (
        f"{page}: not written by a build (its manifest does not list it), so it is not "
        "replaced and this file of the site is not written; move it away"
    )
    for _ in range(2):  # a build with nothing else to do says it again
        result = run(root, "build", "--out", str(out))
        assert result.code == 1
        assert result.err_lines == [left]
        assert page.read_text(encoding="utf-8") == "my page\n"
        assert "Ny nyhet" in (out / "index.html").read_text(encoding="utf-8")

    page.unlink()  # moved away: the next build writes the page
    assert run(root, "build", "--out", str(out)).code == 0
    assert "Ny nyhet" in page.read_text(encoding="utf-8")

    (root / "content/sv/2024-05-01-ny.md").unlink()
    assert run(root, "build", "--out", str(out)).code == 0
    assert not page.exists() and not page.parent.exists()  # a build wrote it: removed
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"  # never the build's


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_files_git_tracks_that_no_build_wrote_are_never_written_over(seed_site, run) -> None:
    """A site committed in docs/ (GitHub Pages): a page edited by hand and committed, and a
    committed file of its own, stop the build (exit 2, nothing changed) unless --force."""
    root = seed_site.root
    docs = root / "docs"
    assert run(root, "build", "--out", str(docs)).code == 0
    git(root, "init", "-q")
    git(root, "add", "docs")
    git(root, "commit", "-qm", "the site")
    assert run(root, "build", "--out", str(docs)).code == 0  # all as the build wrote it

    home = docs / "index.html"
    home.write_text("<p>edited by hand, committed</p>\n", encoding="utf-8")
    (docs / "CNAME").write_text("example.org\n", encoding="utf-8")
    git(root, "add", "docs")
    git(root, "commit", "-qm", "by hand")
    seed_site.write("content/sv/2024-05-01-ny.md", NEW_POSTING)
    before = files_under(docs)
    result = run(root, "build", "--out", str(docs))
    assert result.code == 2
    assert result.err == (
        "docs: git tracks files here that no build wrote as they are (CNAME, index.html); "
        "a build never writes over committed work: move them out, or build with --force\n"
    )
    assert files_under(docs) == before

    result = run(root, "build", "--out", str(docs), "--force")
    assert result.code == 0, result.err
    assert "Ny nyhet" in home.read_text(encoding="utf-8")
    assert (docs / "CNAME").read_text(encoding="utf-8") == "example.org\n"  # not the site's

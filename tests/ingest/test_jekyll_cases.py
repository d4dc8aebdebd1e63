"""A Jekyll site's corner cases through ``pipeline ingest``, compared as a whole with what it
must give (``jekyll-cases/site`` beside ``jekyll-cases/expected``): Liquid resolved (a
``post_url`` and ``absolute_url`` under a ``baseurl``, ``page.x``, ``site.x``, an include
without Liquid, ``highlight``, ``comment``) or removed with a warning at its line (an ``if``,
a plugin's tag, an include with Liquid, a loop never closed, ``raw`` Liquid shown as it is);
kramdown that markdown-it reads another way (``{:toc}``, attributes on emphasis or other
than ids and classes, ``markdown="span"``, a heading's ``{#id}``, nested ``markdown="1"``
blocks, attributes after a fence and kramdown's syntax inside one, left as code); files
Jekyll skips (no date in ``_posts/``, ``exclude:``, a backup, a hidden file, a draft),
renders (Sass, JSON in Liquid, a ``robots.txt`` with front matter), copies (``include:``) or
keeps as data; a ``redirect_to``; and what of ``_config.yml`` to set in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PYPROJECT
from tests.test_hostile import pipeline

CASES = Path(__file__).parent / "jekyll-cases"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_every_corner_case_is_resolved_or_said_at_its_line(tmp_path: Path):
    shutil.copytree(CASES / "site", tmp_path / "site")
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    done = pipeline(root, "ingest", "site", cwd=tmp_path)
    expected = CASES / "expected"
    assert done.returncode == 0
    assert done.stderr == (expected / "stderr.txt").read_text("utf-8")
    assert done.stdout == (expected / "stdout.txt").read_text("utf-8")
    made = {k: v for k, v in tree(root).items() if k not in ("pyproject.toml", ".pipeline.lock")}
    assert made == {
        k: v for k, v in tree(expected).items() if k not in ("stdout.txt", "stderr.txt")
    }
    assert tree(tmp_path / "site") == tree(CASES / "site")  # the site is left as it was


def test_a_post_named_with_an_impossible_date_is_read_as_jekyll_reads_it(tmp_path: Path):
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Digidem Lab\n", encoding="utf-8")
    posts = {
        "2021-02-30-sen.md": "---\ntitle: Sen\n---\nT.\n",  # 2 March, as Ruby reads it
        "2021-13-01-fel.md": "---\ntitle: Fel\n---\nT.\n",  # no date: Jekyll fails too
        "2021-02-31-datum.md": "---\ntitle: Datum\ndate: 2021-03-05\n---\nT.\n",
    }
    for name, text in posts.items():
        (site / "_posts" / name).write_text(text, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    done = pipeline(root, "ingest", "site", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "site/_posts/2021-02-30-sen.md: warning: the file name's date 2021-02-30 is read as "
        "2021-03-02, as Jekyll reads it",
        "site/_posts/2021-13-01-fel.md: the file name starts with 2021-13-01, which is not a "
        "date; rename the file or set date",
    ]
    # A date in front matter is the post's date, as in Jekyll: its name's does not count.
    assert sorted(p.name for p in (root / "content/sv").iterdir()) == [
        "2021-03-02-sen.md",
        "2021-03-05-datum.md",
    ]
    assert "url: /2021/03/02/sen.html" in (root / "content/sv/2021-03-02-sen.md").read_text()

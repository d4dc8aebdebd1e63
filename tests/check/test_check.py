"""``pipeline check`` on content: every problem listed, exit 1."""

from __future__ import annotations


def test_check_passes_on_good_content(site, run) -> None:
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: A\n---\nText.\n")
    result = run(site.root, "check")
    assert result.code == 0, result.err
    assert result.out.startswith("check: ")


def test_check_lists_every_content_error(site, run) -> None:
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: [A]\n---\nText.\n")
    site.write("content/sv/b.md", "---\nlang: sv\nref: a\ntitle: B\n---\nText.\n")
    site.write("content/en/c.md", "---\nlang: en\nref: c\n---\nText.\n")
    result = run(site.root, "check")
    assert result.code == 1
    assert result.err_lines == [
        "content/sv/a.md:4: 'title' must be text, not a list",
        "content/en/c.md: 'title' is missing",
        "content/sv/b.md:3: ref 'a' is also claimed by content/sv/a.md (in 'sv'); "
        "give one of them another ref",
    ]

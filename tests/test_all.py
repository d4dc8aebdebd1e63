"""``pipeline all`` (what ``make`` runs): every stage in order, each on the files it can
read, so that one posting with broken front matter stops none of the good ones; the run
exits with the worst code at the end."""

from __future__ import annotations

from tests.conftest import engine_pyproject

GOOD = """\
---
lang: sv
ref: bra
title: Utvecklare
date: 2024-03-01
---
Vi söker en utvecklare.
"""

BROKEN = """\
---
lang: sv
title: [Trasig
---
Text.
"""

BROKEN_LINE = (
    "content/sv/2024-03-02-trasig.md:4: invalid YAML in front matter: did not find "
    "expected ',' or ']' (while parsing a flow sequence)"
)


def test_a_broken_posting_stops_none_of_the_good_ones(ui_site, run, libre) -> None:
    ui_site.write("pyproject.toml", engine_pyproject())
    ui_site.write("content/sv/2024-03-01-bra.md", GOOD)
    ui_site.write("content/sv/2024-03-02-trasig.md", BROKEN)
    result = run(ui_site.root, "all")
    assert result.code == 1
    assert result.err_lines == [BROKEN_LINE]  # once, though every stage met it
    for stage in ("ingest:", "translate:", "i18n:", "build:", "check:"):
        assert any(line.startswith(stage) for line in result.out.splitlines()), stage
    draft = ui_site.read("content/en/2024-03-01-utvecklare.md")  # the engine upper-cases
    assert "VI SÖKER EN UTVECKLARE." in draft
    assert (ui_site.root / "public/en/news/utvecklare/index.html").is_file()
    assert (ui_site.root / "public/nyheter/bra/index.html").is_file()
    assert "trasig" not in "".join(ui_site.files("public"))
    # Mended, the next run takes it all the way too, and exits 0.
    ui_site.edit("content/sv/2024-03-02-trasig.md", "[Trasig", "Trasig")
    result = run(ui_site.root, "all")
    assert result.code == 0, result.err
    assert (ui_site.root / "public/nyheter/trasig/index.html").is_file()


def test_translation_left_pending_still_builds_and_exits_3(ui_site, run, libre) -> None:
    ui_site.write("pyproject.toml", engine_pyproject())
    ui_site.write("content/sv/2024-03-01-bra.md", GOOD)
    libre.always = "500"
    result = run(ui_site.root, "all")
    assert result.code == 3, result.err
    assert "translate: " in result.out and "1 pending: run again to finish" in result.out
    assert (ui_site.root / "public/nyheter/bra/index.html").is_file()
    # Errors in content outweigh what is pending: exit 1.
    ui_site.write("content/sv/2024-03-02-trasig.md", BROKEN)
    result = run(ui_site.root, "all")
    assert result.code == 1
    assert BROKEN_LINE in result.err_lines


def test_wrong_usage_stops_the_run_at_once(ui_site, run) -> None:
    ui_site.write("content/sv/2024-03-01-bra.md", GOOD)
    result = run(ui_site.root, "all", "--translator", "no-such-engine")
    assert result.code == 2
    assert "no-such-engine" in result.err
    assert not (ui_site.root / "content/en").exists()
    assert not (ui_site.root / "public").exists()

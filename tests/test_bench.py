"""The benchmark harness itself (``make bench`` is never part of the test suite).

The corpus is deterministic, valid and paired; the Hugo site is built when ``hugo`` is on
the PATH and reported absent when it is not; a missing stage is "not available yet", never a
number; the JSON has exactly the issue's keys.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import (
    LANGUAGES,
    SITE_URL,
    TIMEZONE,
    corpus_settings,
    edit_paragraph,
    generate,
    write_corpus,
)
from bench.hugo import find_hugo, hugo_command, write_hugo_site
from bench.measure import Timed, measure, measure_in_turn
from bench.results import KEYS, Results, as_json
from pipeline.content import document
from pipeline.content.tree import scan, source_hash
from tests.conftest import REPO

PAIRS = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("bench") / "corpus", PAIRS)


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_corpus_is_the_same_every_time(corpus, tmp_path) -> None:
    again = write_corpus(tmp_path / "again", PAIRS)
    assert files(again.root) == files(corpus.root)
    assert len(files(corpus.root)) == 1 + 3 * PAIRS  # pyproject.toml, sv, en, postings


def test_corpus_has_n_valid_pairs_that_check_accepts(corpus, run) -> None:
    content = scan(corpus_settings(corpus.site))
    assert content.problems == []
    versions = content.versions()
    assert len(versions) == PAIRS
    for ref, languages in versions.items():
        (original,) = languages["sv"]
        (draft,) = languages["en"]
        assert original.is_original and original.lang == "sv"
        assert draft.metadata["translationKey"] == original.metadata["translationKey"] == ref
        assert draft.translation == {
            "from": "sv",
            "source": f"sv/{original.path.name}",
            "source_hash": source_hash(original, content.settings),
            "status": "reviewed",
            "engine": "human",
        }
        assert draft.date == original.date and original.date.utcoffset() is not None
    result = run(corpus.site, "check")
    assert result.code == 0, result.err
    assert result.err == ""


def test_postings_are_news_posts_and_job_pages_of_400_to_800_words() -> None:
    postings = generate(50)
    pages = [p for p in postings if p.original.metadata.get("menu") == "lediga-tjanster"]
    assert len(pages) == 10
    for posting in postings:
        is_page = posting in pages
        for doc in (posting.original, posting.draft):
            assert 400 <= len(doc.body.split()) <= 800, doc.path
            assert (doc.path.name[:4].isdigit()) is not is_page, doc.path
            for mark in ("\n## ", "](https://", "\n- " if not is_page else "\n* "):
                assert mark in doc.body, (doc.path, mark)
    swedish = " ".join(p.original.body for p in postings)
    assert all(letter in swedish for letter in "åäöÅÖ")
    assert "\n> – " in swedish


def test_ingesting_the_postings_gives_the_originals(corpus, site, run) -> None:
    result = run(site.root, "ingest", str(corpus.postings))
    assert result.code == 0, result.err
    ingested = {p.name: document.read(p) for p in (site.root / "content" / "sv").iterdir()}
    generated = {p.name: document.read(p) for p in (corpus.site / "content" / "sv").iterdir()}
    assert ingested.keys() == generated.keys()
    for name, doc in ingested.items():
        assert doc.metadata == generated[name].metadata, name
        assert doc.body == generated[name].body, name


def test_an_edit_changes_one_paragraph_and_the_source_hash(corpus, tmp_path) -> None:
    path = tmp_path / "a.md"
    shutil.copy(next((corpus.site / "content" / "sv").glob("*.md")), path)
    before = document.read(path)
    edit_paragraph(path, 1)
    after = document.read(path)
    changed = [
        (a, b)
        for a, b in zip(before.body.split("\n\n"), after.body.split("\n\n"), strict=True)
        if a != b
    ]
    assert len(changed) == 1 and changed[0][1].endswith("(ändring 1).")
    assert after.metadata == before.metadata
    settings = corpus_settings(tmp_path)
    assert source_hash(after, settings) != source_hash(before, settings)


def test_hugo_builds_the_corpus_with_hreflang_or_is_reported_absent(corpus, tmp_path) -> None:
    assert find_hugo(path=str(tmp_path)) is None  # a PATH without hugo: absent, not an error
    hugo = find_hugo()
    if hugo is None:
        # This machine has no Hugo: the harness must say so rather than fail.
        result = run_bench(tmp_path, os.environ.get("PATH", ""))
        assert result["hugo_full_s"] is None
        return
    root = write_hugo_site(
        tmp_path / "hugo", corpus.site / "content", SITE_URL, list(LANGUAGES), "sv", TIMEZONE
    )
    out = tmp_path / "public"
    subprocess.run(hugo_command(hugo, root, out), check=True, capture_output=True)
    pages = sorted(
        p for p in out.rglob("index.html") if p.parent not in (out, out / "en", out / "sv")
    )
    assert len(pages) == 2 * PAIRS
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count('rel="alternate" hreflang=') == 3, page
        assert 'hreflang="x-default" href="https://bench.example.org/' in head, page
        assert '<link rel="canonical"' in head
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    sitemap = (out / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count('<xhtml:link rel="alternate" hreflang="x-default"') == PAIRS + 1


def run_bench(tmp_path: Path, path_variable: str) -> dict:
    """``python -m bench`` on a tiny corpus with one run per figure; its JSON."""
    output = tmp_path / "results.json"
    env = {**os.environ, "PATH": path_variable, "BENCH_JSON": str(output)}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--pairs", "2", "--runs", "1"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| figure | seconds | × Hugo full build |" in result.stdout
    return json.loads(output.read_text(encoding="utf-8"))


def test_bench_without_hugo_writes_exactly_the_keys(tmp_path) -> None:
    results = run_bench(tmp_path, str(tmp_path))  # a PATH that has no hugo
    assert list(results) == KEYS
    assert results["pairs"] == 2
    assert results["hugo_full_s"] is None
    for key in ("ingest_s", "check_s"):  # stages that exist on every branch
        assert results[key] > 0
    for key, value in results.items():
        assert value is None or (isinstance(value, (int, float)) and value > 0), key


def test_a_stage_the_cli_lacks_is_not_available_never_a_number(tmp_path) -> None:
    command = [sys.executable, "-m", "pipeline", "no-such-stage", "--root", str(tmp_path)]
    outcome = measure(command, runs=3, subcommand="no-such-stage")
    assert outcome.seconds is None and outcome.reason == "not available yet"
    assert not outcome.failed
    results = Results(1, {"full_build_s": outcome})
    assert as_json(results)["full_build_s"] is None
    assert as_json(results)["peak_rss_mb"] is None


def test_a_failing_command_has_no_figure(tmp_path) -> None:
    outcome = measure([sys.executable, "-c", "import sys; sys.exit('broken')"], runs=3)
    assert outcome.failed and outcome.seconds is None
    assert outcome.reason == "failed (exit 1)" and "broken" in outcome.errors


def test_a_figure_is_the_median_of_its_runs_with_the_peak_memory(tmp_path) -> None:
    # Measured from a fresh interpreter, as `make bench` runs the harness: on Linux a child's
    # ru_maxrss starts at the resident size of the process that starts it, and this test
    # process holds a whole suite (over 200 MB by now).
    allocate = "b = bytearray(64 * 2**20); b[::4096] = b'x' * len(b[::4096])"
    script = (
        "import json, sys; from bench.measure import measure; "
        f"o = measure([sys.executable, '-c', {allocate!r}], runs=3); "
        "print(json.dumps([o.times, o.seconds, o.peak_rss_mb]))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    times, seconds, peak_rss_mb = json.loads(done.stdout)
    assert len(times) == 3 and seconds == sorted(times)[1]
    assert 64 < peak_rss_mb < 200


def test_commands_timed_in_turn_alternate_and_a_failure_ends_only_its_own(tmp_path) -> None:
    log = tmp_path / "runs"

    def appending(name: str, code: int = 0) -> Timed:
        script = f"open({str(log)!r}, 'a').write('{name}'); raise SystemExit({code})"
        return Timed([sys.executable, "-c", script], prepare=lambda number: None)

    hugo, build, broken = measure_in_turn(
        [appending("h"), appending("b"), appending("x", code=3)], runs=2
    )
    assert log.read_text() == "hbx" + "hb" * 2  # a warm-up run each, then two in turn
    assert len(hugo.times) == len(build.times) == 2
    assert broken.failed and broken.reason == "failed (exit 3)"

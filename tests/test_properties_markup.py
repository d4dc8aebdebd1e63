"""Properties over Markdown made of any Unicode text (hypothesis), beyond the fixed words of
``test_segments.py``: segmenting and masking give back every byte with an identity engine,
and the ``pseudo`` engine keeps every placeholder; ingest gives any title a safe, stable name.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.slugs import MAX_LENGTH, is_slug
from pipeline.translate.engines import pseudo
from pipeline.translate.masking import PLACEHOLDER, mask, unmask
from pipeline.translate.segments import check, maskers_for, render, segment

# Words of any script, with the characters Markdown, HTML and Liquid give a meaning to.
WORD = st.one_of(
    st.text(st.characters(categories=("L", "N", "M")), min_size=1, max_size=8),
    st.sampled_from(["*", "_", "`", "&", "<", ">", "\\", "|", "#", "!", "~", "[", "]", "(", ")"]),
    st.sampled_from(["&amp;", "&#106;", "\\*", "**", "__", "5 * 3", "a_b", "1.", "-", "+"]),
)
INLINE = st.one_of(
    WORD,
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"[{w}](https://example.net/{w}?a=1)"),
    WORD.map(lambda w: f"![{w}](/bild.png)"),
    WORD.map(lambda w: f"`{w}`"),
    st.sampled_from(
        [
            "<https://example.net>",
            "hej@example.net",
            "{{ page.title }}",
            "{% include x.html %}",
            '<span class="x">',
            "</span>",
            "<!-- kommentar -->",
            "<br>",
        ]
    ),
)
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "h", "ul", "ol", "quote", "table", "code", "html"]))
    line = draw(LINE)
    if kind == "h":
        return f"{'#' * draw(st.integers(1, 6))} {line}"
    if kind == "ul":
        return "\n".join(f"- {item}" for item in draw(st.lists(LINE, min_size=1, max_size=3)))
    if kind == "ol":
        return "\n".join(f"{n}. {i}" for n, i in enumerate(draw(st.lists(LINE, min_size=1)), 1))
    if kind == "quote":
        return f"> {line}"
    if kind == "table":
        return f"| a | b |\n|---|---|\n| {line.replace('|', '')} | x |"
    if kind == "code":
        return f"```\n{line}\n```"
    if kind == "html":
        return f"<div>\n{line}\n</div>"
    return line


BODIES = st.lists(block(), min_size=1, max_size=5).map(lambda parts: "\n\n".join(parts) + "\n")


def engine_round(body: str, engine) -> tuple[str, list[str]]:
    """``body`` through segment, mask, ``engine``, unmask and render; and every problem."""
    segmented = segment(body)
    targets, problems = [], []
    for item in segmented.blocks:
        masked = mask(item.text, maskers_for(item, segmented), fold_lines=True)
        if not masked.needs_engine:
            targets.append(item.text)
            continue
        answer = engine(masked.text)
        sent = PLACEHOLDER.findall(masked.text)
        assert sorted(PLACEHOLDER.findall(answer)) == sorted(sent), (masked.text, answer)
        restored = unmask(masked, answer)
        problem = check(item, restored, segmented.references)
        if problem:
            problems.append(problem)
        targets.append(restored)
    return render(segmented, targets), problems


@settings(deadline=None)
@given(BODIES)
def test_any_markdown_comes_back_byte_for_byte_through_an_identity_engine(body: str) -> None:
    assert engine_round(body, lambda text: text) == (body, [])


@settings(deadline=None)
@given(BODIES)
def test_the_pseudo_engine_keeps_every_placeholder_of_any_markdown(body: str) -> None:
    result, _ = engine_round(body, pseudo)
    assert len(segment(result).blocks) == len(segment(body).blocks)


# ``run`` only captures output: sharing it between examples is safe.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip() and "\x00" not in t))
def test_ingest_names_a_posting_of_any_title_safely_and_stably(run, tmp_path_factory, title):
    root = tmp_path_factory.mktemp("site")
    (root / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    posting = tmp_path_factory.mktemp("in") / "posting.txt"  # a text file is named by its title
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    posting.write_text(f'---\ntitle: "{quoted}"\n---\nText.\n', encoding="utf-8")
    first = run(root, "ingest", str(posting))
    if first.code != 0:  # a title YAML cannot hold is refused, naming the file and line
        assert re.match(rf"{re.escape(str(posting))}:\d+: ", first.err), first.err
        return
    (stored,) = (root / "content" / "sv").iterdir()
    name = stored.name.removesuffix(".md")
    assert is_slug(name) and len(name) <= MAX_LENGTH
    again = run(root, "ingest", str(posting))
    assert again.code == 0 and [p.name for p in (root / "content" / "sv").iterdir()] == [
        stored.name
    ]

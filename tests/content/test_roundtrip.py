"""Files keep what people wrote: every command that writes a posting a person edits changes
only the keys it must, and every other byte of the file stays (issue 20, item 5).

Each test runs the real command on a real file and compares the whole text with what the
person wrote, the lines the command changes replaced: comments on their own lines and after
values, blank lines, quoting in both styles, flow and block lists, folded and literal text,
dates, anchors, YAML 1.1 booleans, a byte-order mark, CRLF line ends and the body.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from pipeline.content import document, edit
from pipeline.content.dates import normalized_date
from tests.conftest import translate_with

STYLED = """\
# Skrivet för hand: den här kommentaren stannar.
lang: sv   # språket
title: "Hej världen"   # dubbla citattecken
subtitle: 'Det är ''bra'''
date: 2024-03-01 10:00:00 +01:00
tags: [nyheter, 'föreningar']

categories:
  - ett    # första
  - två
summary: >
  En lång sammanfattning
  på två rader.
notes: |
  Rad ett.
  Rad två.
featured: yes   # YAML 1.1: sant
extra: &delad
  color: blå
again: *delad
"""
BODY = "Ett stycke med  två mellanslag.  \n\n    indraget är kod\n\nSista stycket.\n"
POSTING = f"---\n{STYLED}---\n{BODY}"
ORIGINAL = "content/sv/2024-03-01-hej.md"
NORMALIZED = POSTING.replace("lang: sv   # språket\n", "lang: sv   # språket\nref: hej\n").replace(
    "date: 2024-03-01 10:00:00 +01:00", "date: 2024-03-01T10:00:00+01:00"
)


def front(text: str) -> str:
    """The front matter lines of a posting's text."""
    return text.split("---\n", 2)[1]


def test_ingest_normalization_changes_only_ref_and_date(site, run) -> None:
    site.write(ORIGINAL, POSTING, dedent=False)
    result = run(site.root, "ingest")
    assert result.code == 0, result.err
    assert site.read(ORIGINAL) == NORMALIZED
    assert run(site.root, "ingest").out.endswith("0 normalized, 0 moved\n")  # a no-op now


def test_ingest_keeps_a_byte_order_mark_and_crlf_line_ends(site, run) -> None:
    crlf = ("\ufeff" + POSTING).replace("\n", "\r\n").encode("utf-8")
    path = site.write(ORIGINAL, crlf)
    assert run(site.root, "ingest").code == 0
    assert path.read_bytes() == ("\ufeff" + NORMALIZED).replace("\n", "\r\n").encode("utf-8")


def test_a_posting_ingested_from_elsewhere_keeps_its_front_matter(site, run) -> None:
    outside = site.write("inbox/2024-03-01-hej.md", POSTING, dedent=False)
    result = run(site.root, "ingest", str(outside))
    assert result.code == 0, result.err
    assert site.read(ORIGINAL) == NORMALIZED


def test_a_lang_toggle_moves_the_file_as_it_is(site, run) -> None:
    site.write(ORIGINAL, NORMALIZED, dedent=False)
    toggled = NORMALIZED.replace("lang: sv   # språket", "lang: en   # språket")
    site.write(ORIGINAL, toggled, dedent=False)
    result = run(site.root, "ingest")
    assert result.code == 0, result.err
    assert not (site.root / ORIGINAL).exists()
    assert site.read("content/en/2024-03-01-hej.md") == toggled


def restyled(draft: str) -> str:
    """A translator's edit of a draft as the pipeline wrote it: comments, quotes, a flow
    list, folded and literal text of their own, an anchor; the same values as before."""
    fm = front(draft)
    assert "tags:\n- nyheter\n- föreningar\n" in fm, fm
    fm = "# Granskas av Anna.\n" + fm.replace(
        "title: HEJ VÄRLDEN\n", 'title: "HEJ VÄRLDEN"   # översatt\n'
    ).replace(
        "tags:\n- nyheter\n- föreningar\n", "tags: [nyheter, 'föreningar']  # flow\n"
    ).replace(
        "translation:\n",
        "\nreviewer: >\n  Anna\n  A.\nplan: |\n  läs\n  igen\n"
        "checked: on   # YAML 1.1\ntranslation:   # pipelinens\n",
    )
    body = draft.split("---\n", 2)[2]
    return f"---\n{fm}---\n{body}"


def test_translate_and_approve_change_only_the_translation_block(site, run, libre) -> None:
    translate_with(site, "libre")
    site.write(ORIGINAL, NORMALIZED, dedent=False)
    assert run(site.root, "translate").code == 0
    (path,) = (site.root / "content" / "en").glob("*.md")
    before = document.read(path).metadata
    edited = restyled(path.read_text(encoding="utf-8"))
    path.write_text(edited, encoding="utf-8")
    after = document.read(path).metadata
    assert after["checked"] is True and after["reviewer"] == "Anna A.\n"
    assert {k: v for k, v in after.items() if k not in ("reviewer", "plan", "checked")} == before

    assert "nothing to do" in run(site.root, "translate").out
    assert path.read_text(encoding="utf-8") == edited  # the translator's styles are no change

    approved = run(site.root, "approve", "hej", "--force")
    assert approved.code == 0, approved.err
    reviewed = edited.replace("  status: machine\n", "  status: reviewed\n")
    assert reviewed != edited
    assert path.read_text(encoding="utf-8") == reviewed

    site.edit(ORIGINAL, "Sista stycket.", "Sista stycket, ändrat.")
    assert run(site.root, "translate").code == 0
    now = path.read_text(encoding="utf-8")
    old_hash = document.read(path).metadata["translation"]["source_hash"]
    new_hash = before["translation"]["source_hash"]
    assert old_hash != new_hash
    expected = (
        front(reviewed)
        .replace("  status: reviewed\n", "  status: outdated\n")
        .replace(f"  source_hash: {new_hash}\n", f"  source_hash: {old_hash}\n")
    )
    assert front(now) == expected
    assert "SISTA STYCKET, ÄNDRAT." in now


def test_update_as_import_uses_it_changes_only_its_keys() -> None:
    text = ("\ufeff" + POSTING).replace("\n", "\r\n")
    updated = edit.update(
        text, {"title": "Ny titel", "notes": "Rad ett.\nRad tre.\n", "answer": "yes"}, ["subtitle"]
    )
    expected = (
        ("\ufeff" + POSTING)
        .replace('title: "Hej världen"   # dubbla', 'title: "Ny titel"      # dubbla')
        .replace("subtitle: 'Det är ''bra'''\n", "")
        .replace("  Rad två.\n", "  Rad tre.\n")
        .replace("again: *delad\n", "again: *delad\nanswer: 'yes'\n")
        .replace("\n", "\r\n")
    )
    assert updated == expected
    data = yaml.safe_load(front(updated.replace("\r\n", "\n").lstrip("\ufeff")))
    assert data["answer"] == "yes" and data["featured"] is True  # YAML 1.1 meanings kept
    assert data["again"] == {"color": "blå"}


def test_update_keeps_the_style_inside_a_changed_value() -> None:
    text = (
        "---\nlinks:   # länkar\n  - title: 'Ett'   # första\n    url: /a\n"
        "  - {title: Två, url: /b}\n---\n"
    )
    updated = edit.update(
        text, {"links": [{"title": "Ett", "url": "/c"}, {"title": "Två", "url": "/b"}]}
    )
    assert updated == text.replace("url: /a", "url: /c")


def test_a_front_matter_yaml_cannot_keep_is_written_afresh_rather_than_wrong(
    tmp_path: Path,
) -> None:
    """Keys written twice: the edit cannot tell the pairs apart, so the front matter is
    written as a new file's is, with the values asked for."""
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: a  # x\ntitle: b\nlang: sv\n---\nText\n", encoding="utf-8")
    doc = document.read(path)
    doc.metadata["lang"] = "en"
    assert edit.dumps(doc) == "---\ntitle: b\nlang: en\n---\nText\n"


def test_a_plain_date_line_is_written_as_the_round_trip_writer_writes_it(monkeypatch) -> None:
    """A date alone on its line (what ingest normalizes most) skips ruamel.yaml's round trip
    (``edit._PLAIN_DATE``): the posting comes out byte for byte as through it; a date with a
    comment or quotes still goes through it (and keeps the comment)."""
    texts = [
        "---\ntitle: A\ndate: 2015-01-01 11:23:00\n---\nText.\n",
        "---\ndate: 2015-01-01\ntitle: A\n---\nText.\n",
        "---\ntitle: A\ndate: 2015-01-01T11:23:00.5Z\n---\nText.\n",
        "---\ntitle: A\ndate: 2015-01-01 11:23:00 # mine\n---\nText.\n",
        "---\ntitle: A\ndate: '2015-01-01 11:23'\n---\nText.\n",
    ]
    made = {}
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(edit, "_PLAIN_DATE", re.compile(r"(?!)"))
        for text in texts:
            doc = document.loads(text, Path("a.md"))
            doc.metadata["date"] = normalized_date(doc.metadata["date"], "Europe/Stockholm")
            made[fast, text] = edit.rewrite(text, doc.metadata, doc.body)
    for text in texts:
        assert made[True, text] == made[False, text]
    assert "T11:23:00+01:00 # mine\n" in made[True, texts[3]]

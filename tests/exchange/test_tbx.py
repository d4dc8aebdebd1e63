"""The glossary as TBX-Basic through ``pipeline export --format tbx`` and ``pipeline import``,
read by translate-toolkit (as Weblate reads it) and its ``tbx2po``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
from translate.storage import tbx

from pipeline.translate import glossary

GLOSSARY = """\
sv,en,note,keep
Digidem Lab,,our name,yes
medborgarbudget,participatory budget,"the process, not the money",
Göteborg,Gothenburg,,
"""
BIN = Path(sys.executable).parent


def test_export_holds_every_term_and_the_names_to_keep(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("locale/glossary.csv", GLOSSARY)

    result = run(site.root, "export", "--format", "tbx", "-o", "glossary.tbx")

    assert result.code == 0, result.err
    assert result.out == "export: 3 terms to glossary.tbx\n"
    text = site.read("glossary.tbx")
    assert '<martif type="TBX-Basic" xml:lang="sv">' in text
    store = tbx.tbxfile((site.root / "glossary.tbx").read_bytes())
    found = [(u.source, u.target, u.istranslatable(), u.getnotes()) for u in store.units]
    assert found == [
        ("Digidem Lab", "Digidem Lab", False, "our name"),
        ("medborgarbudget", "participatory budget", True, "the process, not the money"),
        ("Göteborg", "Gothenburg", True, ""),
    ]
    converted = site.root / "glossary.po"
    subprocess.run(
        [BIN / "tbx2po", "glossary.tbx", str(converted)], check=True, capture_output=True
    )
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(converted))] == [
        (u.source, u.target) for u in store.units
    ]


def test_import_adds_new_terms_and_keeps_the_csv_as_written(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("locale/glossary.csv", GLOSSARY)
    assert run(site.root, "export", "--format", "tbx", "-o", "glossary.tbx").code == 0
    unchanged = run(site.root, "import", "glossary.tbx")
    assert unchanged.out == "import: 0 terms added to locale/glossary.csv\n"
    assert site.read("locale/glossary.csv") == GLOSSARY

    store = tbx.tbxfile((site.root / "glossary.tbx").read_bytes(), "sv", "en")
    store.units[2].settarget("Goteborg", lang="en")  # a translator's other term
    added = store.addsourceunit("kommun")
    added.settarget("municipality", lang="en")
    (site.root / "theirs.tbx").write_bytes(bytes(store))
    lines = bytes(store).decode().split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "Göteborg" in text)
    line = max(n for n, text in enumerate(lines[:line], 1) if "<termEntry" in text)

    result = run(site.root, "import", "theirs.tbx")

    assert result.code == 0, result.err
    assert result.out == "import: 1 term added to locale/glossary.csv\n"
    assert result.err == (
        f"theirs.tbx:{line}: warning: 'Göteborg' differs from locale/glossary.csv:4; "
        "the CSV's row is kept\n"
    )
    assert site.read("locale/glossary.csv") == GLOSSARY + "kommun,municipality,,\n"


def test_import_into_a_site_without_a_glossary_gives_the_same_terms(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("locale/glossary.csv", GLOSSARY)
    assert run(site.root, "export", "--format", "tbx", "-o", "../glossary.tbx").code == 0
    (site.root / "locale/glossary.csv").unlink()

    assert run(site.root, "import", "../glossary.tbx").code == 0

    terms = glossary.loads(site.read("locale/glossary.csv"), ["sv", "en"]).terms
    original = glossary.loads(GLOSSARY, ["sv", "en"]).terms
    assert [(t.forms, t.note, t.keep) for t in terms] == [
        (t.forms, t.note, t.keep) for t in original
    ]


def test_a_broken_file_is_reported(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("broken.tbx", "<martif>\n<text>\n</martif>\n")
    result = run(site.root, "import", "broken.tbx")
    assert result.code == 1
    assert result.err.startswith("broken.tbx:3: not a readable TBX file: ")

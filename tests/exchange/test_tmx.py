"""The memory as TMX through ``pipeline export --format tmx`` and ``pipeline import``."""

from __future__ import annotations

from translate.storage import tmx

from pipeline.translate import memory
from tests.conftest import SMALL_POSTING

MEMORY = "locale/memory/sv-en.po"
UNITS = """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
        adminlang="en" srclang="sv" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="sv"><seg>Ett andra stycke.</seg></tuv>
    <tuv xml:lang="en"><seg>A second paragraph.</seg></tuv></tu>
<tu><tuv xml:lang="sv"><seg>Hej</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>
<tu><tuv xml:lang="sv"><seg>Se [a].</seg></tuv><tuv xml:lang="en"><seg>See [a].</seg></tuv>
    <note>context: references: [a]</note></tu>
</body>
</tmx>
"""


def test_import_adds_reviewed_entries_and_export_gives_them_back(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("content/sv/a.md", SMALL_POSTING)
    assert run(site.root, "translate").code == 0  # pseudo: machine entries only
    site.write("units.tmx", UNITS)

    result = run(site.root, "import", "units.tmx")

    assert result.code == 0, result.err
    assert result.err_lines == [
        "units.tmx:8: warning: unit skipped: languages ['sv', 'de'] are not the site's pair"
    ]
    known = memory.load(site.root / MEMORY, "sv", "en")
    assert known.get("Ett andra stycke.") == memory.Entry(
        "Ett andra stycke.", "A second paragraph.", True
    )
    assert known.get("Se [a].", "references: [a]").reviewed
    assert not known.get("Hej världen").reviewed  # (the engine's entries stay machine)
    again = run(site.root, "import", "units.tmx")
    assert again.out == "import: units.tmx: the memory already holds every entry\n"

    exported = run(site.root, "export", "--format", "tmx", "-o", "out/memory.tmx")

    assert exported.code == 0, exported.err
    assert exported.out == "export: 2 reviewed translations to out/memory.tmx\n"
    store = tmx.tmxfile((site.root / "out/memory.tmx").read_bytes())
    assert [(u.source, u.target, u.getnotes()) for u in store.units] == [
        ("Ett andra stycke.", "A second paragraph.", ""),
        ("Se [a].", "See [a].", "context: references: [a]"),
    ]
    assert store.sourcelanguage == "sv"


def test_export_to_standard_output_holds_only_the_file(site, run) -> None:
    site.write("content/sv/a.md", SMALL_POSTING)
    result = run(site.root, "export", "--format", "tmx")
    assert result.code == 0
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert tmx.tmxfile(result.out.encode()).units == []


def test_bad_files_and_usage(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("content/sv/a.md", SMALL_POSTING)
    site.write("broken.tmx", "<tmx version='1.4'>\n<body>\n<tu>\n</tmx>\n")
    broken = run(site.root, "import", "broken.tmx")
    assert broken.code == 1
    assert broken.err.startswith("broken.tmx:4: not a readable TMX file: ")
    assert run(site.root, "import", "units.doc").code == 2
    assert run(site.root, "import", "missing.tmx").err == "import: missing.tmx: no such file\n"
    assert run(site.root, "export", "--format", "tmx", "--lang", "de").code == 2

"""The exported XLIFF, TBX and TMX validate against their standards' schemas, as Debian packages
ship them (``make system`` installs both; see docs/exchange.md):

- XLIFF 1.2 **strict**: OASIS's ``xliff-core-1.2-strict.xsd`` and the W3C's ``xml.xsd`` it
  imports, as Symfony's translation component ships them (``php-symfony-translation``).
  Strict rather than transitional: it is the tighter of the two (a strict-valid file is
  transitional-valid too), and the one any package of the registries ships.
- TBX: the TBX core structure (ISO 30042:2008, ``TBXcoreStructV02.dtd``) as the XML schema
  that OmegaT ships in its jar (``omegat``: ``schemas/tbx.xsd``, with ``xml.xsd``). It checks
  the core structure, not TBX-Basic's data categories (its XCS file ships in no package).
- TMX (the issue does not ask; the same jar ships it): LISA's TMX 1.4 DTD (``tmx14.dtd``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import polib
from lxml import etree

from pipeline.translate import memory
from tests.conftest import SMALL_POSTING
from tests.exchange.test_drafts import drafted, export  # noqa: F401 (the fixture)
from tests.exchange.test_tbx import GLOSSARY
from tests.exchange.test_tmx import UNITS

SYMFONY = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
OMEGAT = Path("/usr/share/omegat/OmegaT.jar")
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


class Local(etree.Resolver):
    """Resolves a schema's imports by file name from ``files`` (never from the network)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        return self.resolve_string(self.files[name], context) if name in self.files else None


def schema(text: bytes, imports: dict[str, bytes]) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local(imports))
    return etree.XMLSchema(etree.fromstring(text, parser))


def xliff_schema() -> etree.XMLSchema:
    found = [SYMFONY / "xliff-core-1.2-strict.xsd", SYMFONY / "xml.xsd"]
    missing = [str(p) for p in found if not p.is_file()]
    assert not missing, f"{missing} missing: make system installs php-symfony-translation"
    return schema(found[0].read_bytes(), {"xml.xsd": found[1].read_bytes()})


def from_omegat(*names: str) -> list[bytes]:
    """Files of OmegaT's jar (``schemas/NAME``)."""
    assert OMEGAT.is_file(), f"{OMEGAT} missing: make system installs omegat"
    with zipfile.ZipFile(OMEGAT) as jar:
        return [jar.read(f"schemas/{name}") for name in names]


def tbx_schema() -> etree.XMLSchema:
    core, xml = from_omegat("tbx.xsd", "xml.xsd")
    return schema(core, {"xml.xsd": xml})


def valid(checker: etree.XMLSchema | etree.DTD, document: etree._ElementTree) -> bool:
    ok = checker.validate(document)
    print(checker.error_log)  # (shown by pytest when the test fails)
    return ok


def test_the_xliff_of_machine_reviewed_and_suggested_units_is_strict_xliff_1_2(
    drafted,  # noqa: F811 (the fixture)
    run,
) -> None:
    known = memory.load(drafted.root / "locale/memory/sv-en.po", "sv", "en")
    known.add_reviewed("Ansök senast 15 juni.", "Apply by 15 June.")
    known.save()
    po = export(run, drafted, "po", "drafts.po")
    catalog = polib.pofile(str(po))
    catalog[0].flags.remove("fuzzy")  # the title reviewed, as in Poedit
    catalog.save()
    assert run(drafted.root, "import", "drafts.po").code == 0
    document = etree.parse(str(export(run, drafted, "xliff", "drafts.xlf")))
    checker = xliff_schema()

    assert valid(checker, document)
    units = document.findall(f".//{XLIFF}trans-unit")
    assert [u.get("approved") for u in units] == ["yes", None, None, None, None]
    assert units[2].find(f"{XLIFF}source/{XLIFF}ph") is not None
    assert units[4].find(f"{XLIFF}alt-trans") is not None
    # The schema does check: a state XLIFF 1.2 does not have is refused.
    units[1].find(f"{XLIFF}target").set("state", "machine")
    assert not checker.validate(document)


def test_the_tbx_follows_the_tbx_core_structure(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("locale/glossary.csv", GLOSSARY)
    assert run(site.root, "export", "--format", "tbx", "-o", "glossary.tbx").code == 0
    document = etree.parse(str(site.root / "glossary.tbx"))
    checker = tbx_schema()

    assert valid(checker, document)
    entries = document.findall(".//termEntry")
    assert len(entries) == 3
    assert entries[0].find("descrip").get("type") == "Translation needed"
    # The schema does check: a term outside its tig is refused.
    tig = entries[1].find("langSet/tig")
    tig.getparent().append(tig.find("term"))
    assert not checker.validate(document)


def test_the_tmx_follows_the_tmx_1_4_dtd(site, run, monkeypatch) -> None:
    monkeypatch.chdir(site.root)
    site.write("content/sv/a.md", SMALL_POSTING)
    assert run(site.root, "translate").code == 0
    site.write("units.tmx", UNITS)
    assert run(site.root, "import", "units.tmx").code == 0
    assert run(site.root, "export", "--format", "tmx", "-o", "memory.tmx").code == 0
    document = etree.parse(str(site.root / "memory.tmx"))
    (text,) = from_omegat("tmx14.dtd")
    checker = etree.DTD(io.BytesIO(text))

    assert valid(checker, document)
    assert len(document.findall(".//tu")) == 2
    # The DTD does check: a translation unit without its variants is refused.
    for tuv in document.findall(".//tu")[0].findall("tuv"):
        tuv.getparent().remove(tuv)
    assert not checker.validate(document)

"""The glossary (``locale/glossary.csv``): its file, names kept from every engine, terms
checked per block, in the translate stage's report and across the site in ``check``."""

from __future__ import annotations

import shutil

import pytest

from pipeline import document, glossary
from pipeline.glossary import term_pattern
from pipeline.translate import quality, translate_strings
from pipeline.translate.quality import Pair, findings
from pipeline.translate.segments import segment

from .conftest import REPO

GLOSSARY = """\
sv,en,note,keep
Digidem Lab,,our name,yes
Decidim,,a platform,yes
Göteborg,Gothenburg,,
medborgarbudget,participatory budget,"the process, not the money",
medborgarjury,citizens' jury,,
bostadsbolag,housing company,,
kommun,municipality,,
"""

POSTING = """\
---
lang: sv
ref: medborgarbudget
title: Digidem Lab och medborgarbudgeten i Göteborg
date: 2026-11-23T10:00:00+01:00
---
Digidem Lab leder medborgarbudgeten i Göteborg.

Vi bygger den på [Decidim](https://decidim.org/).
"""

DRAFT = "content/en/2026-11-23-digidem-lab-och-medborgarbudgeten-i-goteborg.md"


def with_glossary(site, text: str = GLOSSARY):
    site.write("locale/glossary.csv", text, dedent=False)
    return site


# --- the file ------------------------------------------------------------------------------


def test_the_committed_glossary_is_sound_and_round_trips_byte_for_byte() -> None:
    text = (REPO / "locale" / "glossary.csv").read_text(encoding="utf-8")
    loaded = glossary.loads(text, ["sv", "en"])
    assert loaded.problems == []
    assert len(loaded.terms) >= 20
    assert glossary.dumps(loaded) == text


def test_a_spreadsheets_file_round_trips_byte_for_byte() -> None:
    # A byte order mark, CRLF, quotes where none are needed, a note over two lines, a blank
    # line, spaces, and no newline at the end: all written back as they were.
    text = (
        '\ufeffsv,en,note,keep\r\n"kommun",municipality,"two\r\nlines",\r\n\r\n'
        'stadsdel , district,"a, b",no\r\nDecidim,,,yes'
    )
    loaded = glossary.loads(text, ["sv", "en"])
    assert loaded.problems == []
    assert [t.forms for t in loaded.terms] == [
        {"sv": "kommun", "en": "municipality"},
        {"sv": "stadsdel", "en": "district"},
        {"sv": "Decidim", "en": ""},
    ]
    assert [t.line for t in loaded.terms] == [2, 5, 6]
    assert glossary.dumps(loaded) == text


def test_no_run_rewrites_the_glossary(seed_site, run) -> None:
    before = (REPO / "locale" / "glossary.csv").read_bytes()
    for command in ("translate", "i18n", "build", "check"):
        assert run(seed_site.root, command).code == 0
    assert (seed_site.root / "locale" / "glossary.csv").read_bytes() == before


def test_every_error_of_the_file_is_listed_with_its_line(site, run) -> None:
    with_glossary(
        site,
        "sv,en,note,keep\n"
        "kommun,municipality,,\n"
        "Kommun,local authority,,\n"  # the same term again (any case)
        "stadsdel,district\n"  # a missing column
        "medborgarjury,citizens' jury,,ja\n"  # keep is yes, no or empty
        "Digidem Lab,Digidem Laboratory,,yes\n"  # a name written otherwise
        "medborgarråd,,,\n"  # no translation
        ',"an open quote,,\n',
    )
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: A\n---\nText.\n")
    result = run(site.root, "check")
    assert result.code == 1
    assert [line for line in result.err_lines if "glossary" in line] == [
        "locale/glossary.csv:3: 'Kommun' is already on line 2",
        "locale/glossary.csv:4: 2 cells, but the header names 4 columns (sv, en, note, keep)",
        "locale/glossary.csv:5: keep must be 'yes', 'no' or empty, not 'ja'",
        "locale/glossary.csv:6: 'Digidem Lab' is a name to keep, but is written "
        "'Digidem Laboratory' in another language; leave the other languages empty, or write "
        "the name the same",
        "locale/glossary.csv:7: 'medborgarråd' has no translation; give one, or set keep to "
        "'yes' for a name",
        'locale/glossary.csv:8: a quoted cell starts here and is never closed (a missing ")',
    ]


def test_a_wrong_header_is_reported(site, run) -> None:
    with_glossary(site, "svenska,en,note\nkommun,municipality,\n")
    result = run(site.root, "check")
    assert result.code == 1
    assert result.err_lines[:2] == [
        "locale/glossary.csv:1: unknown column 'svenska' (columns: sv, en, then note and keep)",
        "locale/glossary.csv:1: the header lacks sv, keep",
    ]


def test_a_glossary_that_is_not_utf8_is_reported(site, run) -> None:
    site.write("locale/glossary.csv", "sv,en,note,keep\nGöteborg,Gothenburg,,\n".encode("latin-1"))
    result = run(site.root, "check")
    assert result.code == 1
    assert result.err_lines[0] == (
        "locale/glossary.csv:2: not UTF-8 (byte 0xf6 cannot be decoded); "
        "save the glossary as UTF-8 CSV"
    )


# --- matching inflections ------------------------------------------------------------------

# Real inflections (and words that only look like them). snowballstemmer 3.1.1's Swedish and
# English stemmers, compared on the same cases, got 40 of 47 right: they miss medborgarjuryn,
# demokratin, civilsamhället(s) and offentliga sektorn, and take "municipal" for
# "municipality" and "participatory budgeting" for "participatory budget".
MATCHES = [
    *[("medborgarbudget", "sv", w) for w in ("medborgarbudgeten", "medborgarbudgetarna")],
    *[("medborgarbudget", "sv", w) for w in ("medborgarbudgetar", "Medborgarbudgetens")],
    *[("medborgarjury", "sv", w) for w in ("medborgarjuryn", "medborgarjurys", "medborgarjuryer")],
    *[("medborgarråd", "sv", w) for w in ("medborgarrådet", "medborgarråden", "medborgarrådets")],
    ("deltagande demokrati", "sv", "den deltagande\ndemokratin"),
    ("bostadsbolag", "sv", "bostadsbolagets"),
    ("kommun", "sv", "Kommunerna"),
    ("stadsdel", "sv", "stadsdelarna"),
    ("Göteborg", "sv", "Göteborgs"),
    ("civilsamhälle", "sv", "civilsamhällets"),
    ("offentlig sektor", "sv", "offentliga sektorn"),
    ("participatory budget", "en", "Participatory budgets"),
    ("citizens' jury", "en", "citizens’ juries"),
    ("housing company", "en", "housing companies"),
    ("housing company", "en", "the housing company's"),
    ("municipality", "en", "municipalities"),
    ("Gothenburg", "en", "Gothenburg's"),
]
NOT_MATCHES = [
    ("kommun", "sv", "kommunal"),
    ("kommun", "sv", "kommunfullmäktige"),
    ("stad", "sv", "stadsdel"),
    ("municipality", "en", "municipal"),
    ("participatory budget", "en", "participatory budgeting"),
    ("participatory budget", "en", "citizen budget"),
]


@pytest.mark.parametrize(("term", "lang", "text"), MATCHES)
def test_inflected_forms_match(term: str, lang: str, text: str) -> None:
    assert term_pattern(term, lang).search(text)


@pytest.mark.parametrize(("term", "lang", "text"), NOT_MATCHES)
def test_other_words_do_not_match(term: str, lang: str, text: str) -> None:
    assert not term_pattern(term, lang).search(text)


# --- the quality check ---------------------------------------------------------------------


def pair(site, source: str, target: str) -> Pair:
    context = quality.context_for(site.settings)
    return Pair(segment(source).blocks[0], target, "sv", "en", context=context)


def test_an_inflected_term_with_the_wrong_english_is_flagged(site) -> None:
    with_glossary(site)
    found = findings(
        pair(
            site,
            "Medborgarbudgetarna i Göteborgs stadsdelar.\n",
            "The citizen budgets in Göteborg.",
        )
    )
    assert [str(f) for f in found] == [
        "glossary: 'Göteborgs' should be 'Gothenburg' (locale/glossary.csv:4); "
        "'Medborgarbudgetarna' should be 'participatory budget' (locale/glossary.csv:5)"
    ]


def test_an_inflected_term_with_the_right_english_passes(site) -> None:
    with_glossary(site)
    good = pair(
        site,
        "Medborgarbudgetarna i Göteborgs kommun och medborgarjuryn.\n",
        "Gothenburg Municipality's participatory budgets and the citizens' jury.",
    )
    assert findings(good) == []


def test_a_name_changed_in_the_translation_is_flagged(site) -> None:
    with_glossary(site)
    found = findings(pair(site, "Digidem Labs metoder.\n", "The methods of Digidem Laboratory."))
    assert [str(f) for f in found] == [
        "glossary: 'Digidem Lab' is a name to keep as it is (locale/glossary.csv:2)"
    ]


def test_terms_in_links_code_and_names_are_not_terms_of_the_text(site) -> None:
    with_glossary(site, GLOSSARY + "Bostadsbolaget,,a company,yes\n")
    source = "Se [sidan](https://goteborg.se/kommun) och `kommun` hos Bostadsbolaget.\n"
    assert (
        findings(
            pair(
                site,
                source,
                "See [the page](https://goteborg.se/kommun) and `kommun` at Bostadsbolaget.",
            )
        )
        == []
    )


def test_without_a_glossary_nothing_is_flagged(site) -> None:
    assert findings(pair(site, "Medborgarbudget i Göteborg.\n", "Citizen budget.")) == []


# --- names kept from the engines -----------------------------------------------------------


def test_names_survive_the_pseudo_engine_in_the_body_and_the_front_matter(site, run) -> None:
    with_glossary(site)
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    assert run(site.root, "translate").code == 0
    draft = document.read(site.root / DRAFT)
    assert draft.title.startswith("［Digidem Lab ")
    assert draft.body.startswith("［Digidem Lab ")
    assert "[Decidim](https://decidim.org/)" in draft.body


def test_names_survive_the_libretranslate_client_and_are_never_sent(site, run, libre) -> None:
    with_glossary(site)
    site.write("pyproject.toml", '[tool.pipeline]\ntranslator = "libre"\n')
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    assert run(site.root, "translate").code == 0
    (made,) = (site.root / "content" / "en").iterdir()
    draft = document.read(made)
    assert draft.title == "Digidem Lab OCH MEDBORGARBUDGETEN I GÖTEBORG"
    assert draft.body == (
        "Digidem Lab LEDER MEDBORGARBUDGETEN I GÖTEBORG.\n\n"
        "VI BYGGER DEN PÅ [Decidim](https://decidim.org/).\n"
    )
    assert not any("Digidem" in text or "Decidim" in text for text in libre.texts)


def test_names_survive_in_ui_strings_filled_by_an_engine(site, libre) -> None:
    with_glossary(site)
    site.write("pyproject.toml", '[tool.pipeline]\ntranslator = "libre"\n')
    (found,) = translate_strings(site.settings, ["%(name)s joins Digidem Lab"], "en", "sv")
    assert found.text == "%(name)s JOINS Digidem Lab"
    assert libre.texts == ["⟦1⟧ joins ⟦2⟧"]


# --- the done-when scenario: a new posting, its draft, and what the translator is told --------


def test_a_new_posting_gets_its_names_kept_and_its_deviations_flagged(site, run) -> None:
    with_glossary(site)
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert result.err_lines == [
        f"{DRAFT}:4: warning: 'title' breaks the glossary: 'Göteborg' should be 'Gothenburg' "
        "(locale/glossary.csv:4); 'medborgarbudgeten' should be 'participatory budget' "
        "(locale/glossary.csv:5)",
        f"{DRAFT}:13: warning: paragraph breaks the glossary: 'Göteborg' should be 'Gothenburg' "
        "(locale/glossary.csv:4); 'medborgarbudgeten' should be 'participatory budget' "
        "(locale/glossary.csv:5)",
    ]
    draft = site.read(DRAFT)
    assert draft.count("Digidem Lab") == 2


ANSWERS = {
    "⟦1⟧ och medborgarbudgeten i Göteborg": "⟦1⟧ and the participatory budget in Gothenburg",
    "⟦1⟧ leder medborgarbudgeten i Göteborg.": "⟦1⟧ leads Gothenburg's participatory budget.",
    "Vi bygger den på ⟦1⟧⟦2⟧⟦3⟧.": "We build it on ⟦1⟧⟦2⟧⟦3⟧.",
}


def test_an_engine_that_follows_the_glossary_is_not_flagged(site, run, libre) -> None:
    with_glossary(site)
    site.write("pyproject.toml", '[tool.pipeline]\ntranslator = "libre"\n')
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    libre.answers = ANSWERS
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    assert result.err == ""
    (made,) = (site.root / "content" / "en").iterdir()
    assert document.read(made).body == (
        "Digidem Lab leads Gothenburg's participatory budget.\n\n"
        "We build it on [Decidim](https://decidim.org/).\n"
    )


def test_an_engine_that_breaks_the_glossary_is_flagged(site, run, libre) -> None:
    with_glossary(site)
    site.write("pyproject.toml", '[tool.pipeline]\ntranslator = "libre"\n')
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    libre.answers = {
        **ANSWERS,
        "⟦1⟧ leder medborgarbudgeten i Göteborg.": "⟦1⟧ leads the citizen budget in Göteborg.",
    }
    result = run(site.root, "translate")
    assert result.code == 0, result.err
    (made,) = (site.root / "content" / "en").iterdir()
    shown = made.relative_to(site.root).as_posix()
    assert result.err_lines == [
        f"{shown}:13: warning: paragraph breaks the glossary: 'Göteborg' should be 'Gothenburg' "
        "(locale/glossary.csv:4); 'medborgarbudgeten' should be 'participatory budget' "
        "(locale/glossary.csv:5)"
    ]


# --- check: the site's reviewed drafts, compared --------------------------------------------


def review(site, run, name: str, body: str) -> str:
    """Draft ``content/sv/<name>.md`` with pseudo, then "review" it: ``body`` and status."""
    assert run(site.root, "translate").code == 0
    path = site.root / "content" / "en" / f"{name}.md"
    made = next(p for p in (site.root / "content" / "en").iterdir() if name in p.name)
    text = made.read_text(encoding="utf-8")
    head = text[: text.index("---\n", 4) + 4].replace("status: machine", "status: reviewed")
    made.rename(path)
    path.write_text(head + body, encoding="utf-8")
    assert run(site.root, "translate").code == 0  # the review is recorded
    return path.relative_to(site.root).as_posix()


def test_check_names_the_drafts_that_translate_a_term_otherwise(site, run) -> None:
    with_glossary(site)
    site.write("content/sv/a.md", "---\nlang: sv\nref: a\ntitle: A\n---\nOm medborgarbudget.\n")
    a = review(site, run, "a", "About participatory budgets.\n")
    site.write(
        "content/sv/b.md", "---\nlang: sv\nref: b\ntitle: B\n---\nIntro.\n\nEn medborgarbudget.\n"
    )
    b = review(site, run, "b", "Intro.\n\nA citizen budget.\n")
    result = run(site.root, "check")
    assert result.code == 0, result.err  # warnings: a term may be rephrased in context
    assert [line for line in result.err_lines if "glossary" in line] == [
        "locale/glossary.csv:5: warning: the reviewed drafts translate 'medborgarbudget' in "
        f"more than one way: as 'participatory budget' in {a}; otherwise in {b}:14"
    ]
    shutil.move(site.root / a, site.root / "a.md.moved")  # only the deviating draft is left
    result = run(site.root, "check")
    assert [line for line in result.err_lines if "glossary" in line] == [
        "locale/glossary.csv:5: warning: the reviewed drafts do not translate 'medborgarbudget' "
        f"as 'participatory budget': {b}:14"
    ]


def test_the_seed_drafts_agree_with_the_glossary(seed_site, run) -> None:
    result = run(seed_site.root, "check")
    assert result.code == 0, result.err
    assert not [line for line in result.err_lines if "glossary" in line]

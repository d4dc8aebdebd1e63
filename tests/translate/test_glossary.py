"""The glossary (``locale/glossary.csv``): its file, names kept from every engine, terms
checked per block, in the translate stage's report and across the site in ``check``."""

from __future__ import annotations

import json
import re
import shutil
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import polib
import pytest

from pipeline.content import document
from pipeline.translate import deep, glossary, quality, terminology
from pipeline.translate.inflections import term_pattern
from pipeline.translate.quality import Pair, findings
from pipeline.translate.segments import segment
from pipeline.translate.strings import translate_strings
from tests.conftest import REPO

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

DRAFT = "content/en/2026-11-23-medborgarbudget.md"  # pseudo: named after its original


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


def test_translate_reports_a_broken_glossary_and_uses_its_sound_rows(site, run) -> None:
    with_glossary(site, GLOSSARY + "Göteborg,Gothenburg,,\n")
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    result = run(site.root, "translate")
    assert result.code == 1
    assert result.err_lines[0] == "locale/glossary.csv:9: 'Göteborg' is already on line 4"
    assert "Digidem Lab" in site.read(DRAFT)  # names kept all the same


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


def test_ui_suggestions_that_break_the_glossary_say_so_to_the_translator(ui_site, run) -> None:
    with_glossary(ui_site)
    ui_site.edit(
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n{{ _("Our participatory budget") }}\n'
        '{{ _("Digidem Lab in Gothenburg") }}',
    )
    result = run(ui_site.root, "i18n", "--fill", "--translator", "pseudo")
    assert result.code == 0, result.err
    sv = polib.pofile(ui_site.read("locale/sv/LC_MESSAGES/messages.po"))
    budget, city = sv.find("Our participatory budget"), sv.find("Digidem Lab in Gothenburg")
    assert budget.fuzzy and city.fuzzy
    assert "glossary: 'participatory budget' should be 'medborgarbudget'" in budget.tcomment
    assert city.msgstr.count("Digidem Lab") == 1  # the name is kept, and not flagged
    assert "glossary: 'Gothenburg' should be 'Göteborg'" in city.tcomment
    assert "Digidem" not in city.tcomment
    en = polib.pofile(ui_site.read("locale/en/LC_MESSAGES/messages.po"))
    assert "glossary" not in en.find("Our participatory budget").tcomment  # the msgid itself
    before = ui_site.files("locale")
    for again in (["i18n"], ["i18n", "--fill", "--translator", "pseudo"]):
        assert run(ui_site.root, *again).code == 0
        assert ui_site.files("locale") == before  # the notes stay as they are


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
    status = json.loads(run(site.root, "status", "--json").out)
    (version,) = [v for v in status["refs"][0]["versions"] if v["lang"] == "en"]
    problems = [(p["check"], p["block"], p["line"]) for p in version["problems"]]
    assert [p for p in problems if p[0] == "glossary"] == [
        ("glossary", "title", 4),
        ("glossary", "body.1", 13),
    ]
    assert {p[0] for p in problems} == {"glossary", "pseudo"}  # pseudo text: every block


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


def test_check_parses_only_the_drafts_its_warnings_name(site, run, monkeypatch) -> None:
    """Seven reviewed drafts break two terms; a warning names five places of each and counts
    the rest, so only the five drafts named are parsed for their lines, whether ``check``
    runs alone or after translate in ``all``, and with the same messages."""
    with_glossary(site)
    for n in range(7):
        site.write(
            f"content/sv/p{n}.md",
            f"---\nlang: sv\nref: p{n}\ntitle: Kommun {n}\n---\nIntro.\n\n"
            "- Om medborgarbudget.\n- Mer.\n\n> Varje kommun.\n",
        )
    assert run(site.root, "translate").code == 0
    body = "Intro.\n\n- About a citizen budget.\n- More.\n\n> Each town.\n"
    for made in (site.root / "content" / "en").iterdir():
        text = made.read_text(encoding="utf-8")
        head = text[: text.index("---\n", 4) + 4].replace("status: machine", "status: reviewed")
        made.write_text(head.replace("title: ", "title: Town ") + body, encoding="utf-8")
    parsed: list[str] = []
    blocks = terminology._blocks

    def counted(doc, settings):
        parsed.append(doc.shown)
        return blocks(doc, settings)

    monkeypatch.setattr(terminology, "_blocks", counted)
    together = run(site.root, "all")  # translate records the reviews, then check
    in_all, parsed[:] = sorted(parsed), []
    alone = site.root.parent / "alone"
    shutil.copytree(site.root, alone, ignore=shutil.ignore_patterns(".cache", "public"))
    by_itself = run(alone, "check")
    found = [line for line in together.err_lines if "glossary" in line]
    assert found == [line for line in by_itself.err_lines if "glossary" in line]
    drafts = sorted(p.relative_to(site.root).as_posix() for p in site.root.glob("content/en/*"))
    assert in_all == sorted(parsed) == drafts[:5]
    parsed.clear()  # the lines named are remembered: a draft unnamed edited parses nothing
    (alone / drafts[6]).write_text(
        (alone / drafts[6]).read_text(encoding="utf-8").replace("More.", "More, too."),
        encoding="utf-8",
    )
    again = run(alone, "check")
    assert [line for line in again.err_lines if "glossary" in line] == found
    assert parsed == []
    assert [re.sub(r"content/en/p(\d)\.md", r"\1", line) for line in found] == [
        "locale/glossary.csv:5: warning: the reviewed drafts do not translate 'medborgarbudget' "
        "as 'participatory budget': 0:14, 1:14, 2:14, 3:14, 4:14 and 2 more",
        "locale/glossary.csv:8: warning: the reviewed drafts do not translate 'kommun' as "
        "'municipality': 0:4, 0:17, 1:4, 1:17, 2:4 and 9 more",
    ]


def test_the_seed_drafts_agree_with_the_glossary(seed_site, run) -> None:
    result = run(seed_site.root, "check")
    assert result.code == 0, result.err
    assert not [line for line in result.err_lines if "glossary" in line]


# --- DeepL: the glossary given to the engine itself ----------------------------------------


class FakeDeepL(ThreadingHTTPServer):
    """DeepL's API on 127.0.0.1, as far as the adapter uses it: glossaries (list, create,
    delete) and translation, which here only writes each glossary entry's target term for
    its source term (and any ending), so that what DeepL was given shows in the draft."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _DeepLHandler)
        self.calls: list[tuple[str, str, dict[str, str]]] = []
        self.glossaries: dict[str, dict[str, str]] = {}
        self.entries: dict[str, list[tuple[str, str]]] = {}
        self.refuse_glossaries = False
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def made(self) -> list[dict[str, str]]:
        return [
            form
            for method, path, form in self.calls
            if (method, path) == ("POST", "/v2/glossaries")
        ]


class _DeepLHandler(BaseHTTPRequestHandler):
    server: FakeDeepL

    def log_message(self, format, *args) -> None:
        pass

    def _answer(self, status: int, data: object = None) -> None:
        body = json.dumps(data).encode() if data is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        server = self.server
        with server.lock:
            server.calls.append((method, self.path, form))
        if self.headers.get("Authorization") != "DeepL-Auth-Key test:fx":
            return self._answer(403)
        if (method, self.path) == ("GET", "/v2/glossaries"):
            return self._answer(200, {"glossaries": list(server.glossaries.values())})
        if (method, self.path) == ("POST", "/v2/glossaries"):
            if server.refuse_glossaries:
                return self._answer(400, {"message": "Unsupported glossary language pair"})
            with server.lock:
                number = f"g{len(server.entries) + 1}"
                server.glossaries[number] = {
                    "glossary_id": number,
                    "name": form["name"],
                    "ready": True,
                }
                server.entries[number] = [
                    tuple(line.split("\t")) for line in form["entries"].splitlines()
                ]
            return self._answer(201, server.glossaries[number])
        if method == "DELETE" and self.path.startswith("/v2/glossaries/"):
            server.glossaries.pop(self.path.rsplit("/", 1)[1], None)
            return self._answer(204)
        if (method, self.path) == ("POST", "/v2/translate"):
            text = form["text"]
            for source, target in server.entries.get(form.get("glossary_id", ""), []):
                text = re.sub(rf"(?i)\b{re.escape(source)}\w*", target, text)
            # Marked as translated: an answer identical to the text sent is a wrong-language one.
            return self._answer(200, {"translations": [{"text": text + " (en)"}]})
        return self._answer(404)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")


@pytest.fixture
def deepl(monkeypatch: pytest.MonkeyPatch):
    server = FakeDeepL()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    monkeypatch.setenv("DEEPL_API_KEY", "test:fx")
    monkeypatch.setattr(deep, "DEEPL_URLS", {"free": server.url, "pro": server.url})
    yield server
    server.shutdown()
    server.server_close()


def second_posting(site, name: str) -> None:
    body = f"Kommunen och stadsdel {name}.\n"
    site.write(f"content/sv/{name}.md", f"---\nlang: sv\nref: {name}\ntitle: {name}\n---\n{body}")


def test_deepl_gets_the_glossary_and_follows_it(site, run, deepl) -> None:
    with_glossary(site)
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    result = run(site.root, "translate", "--translator", "deepl")
    assert result.code == 0, result.err
    assert result.err == ""  # nothing breaks the glossary
    (made,) = deepl.made()
    assert made["name"].startswith("pipeline sv-en ")
    assert (made["source_lang"], made["target_lang"], made["entries_format"]) == ("sv", "en", "tsv")
    assert made["entries"] == (
        "Göteborg\tGothenburg\nmedborgarbudget\tparticipatory budget\n"
        "medborgarjury\tcitizens' jury\nbostadsbolag\thousing company\nkommun\tmunicipality\n"
    )
    sent = [form for method, path, form in deepl.calls if path == "/v2/translate"]
    assert len(sent) == 3 and all(form["glossary_id"] == "g1" for form in sent)
    assert not any("Digidem" in form["text"] for form in sent)  # names never reach DeepL
    (draft,) = (site.root / "content" / "en").iterdir()
    assert document.read(draft).body.startswith(
        "Digidem Lab leder participatory budget i Gothenburg."
    )


def test_deepl_reuses_its_glossary_until_the_file_changes(site, run, deepl) -> None:
    with_glossary(site)
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    assert run(site.root, "translate", "--translator", "deepl").code == 0
    second_posting(site, "b")
    assert run(site.root, "translate", "--translator", "deepl").code == 0
    assert len(deepl.made()) == 1  # found by its name, not made again
    with_glossary(site, GLOSSARY + "stadsdel,district,,\n")
    second_posting(site, "c")
    assert run(site.root, "translate", "--translator", "deepl").code == 0
    assert len(deepl.made()) == 2
    assert list(deepl.glossaries) == ["g2"]  # the older one is deleted
    assert ("DELETE", "/v2/glossaries/g1", {}) in deepl.calls


def test_without_a_deepl_glossary_the_blocks_are_checked_after(site, run, deepl) -> None:
    with_glossary(site)
    deepl.refuse_glossaries = True
    site.write("content/sv/2026-11-23-medborgarbudget.md", POSTING)
    result = run(site.root, "translate", "--translator", "deepl")
    assert result.code == 0, result.err
    assert not any(
        "glossary_id" in form for _, path, form in deepl.calls if path == "/v2/translate"
    )
    assert len(result.err_lines) == 2
    assert all("breaks the glossary" in line for line in result.err_lines)

"""``check`` reports text that is confidently in another language than its ``lang``."""

from __future__ import annotations

from pipeline.check.language import detect

SWEDISH = (
    "Digidem Lab jobbar med städer, skolor och bostadsbolag i Sverige och internationellt för "
    "att designa demokratiprocesser som medborgarbudget och deltagande stadsplanering.\n"
)
ENGLISH = (
    "Digidem Lab works with cities, schools and housing companies in Sweden and internationally "
    "to design democratic processes such as participatory budgets and urban planning.\n"
)


def test_swedish_text_tagged_english_is_reported(site, run) -> None:
    site.write("content/en/jobb.md", f"---\nlang: en\nref: jobb\ntitle: Jobb\n---\n{SWEDISH}")
    result = run(site.root, "check")
    assert result.code == 1
    [line] = result.err_lines
    assert line.startswith("content/en/jobb.md:2: the text reads as 'sv' (confidence ")
    assert line.endswith("but lang is 'en'; correct lang or the text")


def test_text_in_its_own_language_passes(site, run) -> None:
    site.write("content/sv/jobb.md", f"---\nlang: sv\nref: jobb\ntitle: Jobb\n---\n{SWEDISH}")
    site.write("content/en/job.md", f"---\nlang: en\nref: job\ntitle: Job\n---\n{ENGLISH}")
    assert run(site.root, "check").code == 0


def test_short_text_and_pseudo_drafts_are_not_judged(site, run) -> None:
    site.write(
        "content/en/short.md", "---\nlang: en\nref: s\ntitle: Hej\n---\nDigidem Lab i Göteborg.\n"
    )
    site.write(
        "content/en/pseudo.md",
        "---\nlang: en\nref: p\ntitle: Jobb\ntranslation:\n  from: sv\n  source: sv/p.md\n"
        f"  source_hash: x\n  status: machine\n  engine: pseudo\n---\n{SWEDISH}",
    )
    assert run(site.root, "check").code == 0


def test_a_text_the_detector_is_not_sure_of_is_not_reported(site, run) -> None:
    # Fourteen words, most of them names and loanwords: English is ahead, not by enough.
    names = (
        "Digidem Lab Decidim workshop open source civic tech hackathon Göteborg demo day "
        "meetup kick-off"
    )
    assert detect(names, ["sv", "en"]) is None
    site.write("content/sv/program.md", f"---\nlang: sv\nref: p\ntitle: Program\n---\n{names}\n")
    assert run(site.root, "check").code == 0


def draft(title: str, body: str, status: str = "reviewed") -> str:
    """An English draft of a Swedish original, as translate writes it (engine libre)."""
    return (
        f"---\nlang: en\nref: jobb\ntitle: {title}\ntranslation:\n  from: sv\n"
        f"  source: sv/jobb.md\n  source_hash: x\n  status: {status}\n  engine: libre\n---\n"
        f"{body}"
    )


def test_a_swedish_name_as_the_title_of_an_english_page_is_not_judged(site, run) -> None:
    # An organisation's name: title and body together read as Swedish, the body as English.
    title = (
        "Föreningen för Demokratisk Stadsutveckling i Göteborgs Stad och Västra Götalandsregionen"
    )
    body = "The association works with cities and schools to design democratic processes.\n"
    assert detect(f"{title}\n{body}", ["sv", "en"])[0] == "sv"
    site.write("content/sv/jobb.md", f"---\nlang: sv\nref: jobb\ntitle: {title}\n---\n{SWEDISH}")
    site.write("content/en/jobb.md", draft(title, body))
    site.write("content/en/org.md", f"---\nlang: en\nref: org\ntitle: {title}\n---\n{ENGLISH}")
    result = run(site.root, "check")
    assert result.code == 0, result.err


def test_a_draft_still_in_swedish_names_the_line_for_its_translator(site, run) -> None:
    site.write("content/sv/jobb.md", f"---\nlang: sv\nref: jobb\ntitle: Jobb\n---\n{SWEDISH}")
    # The first paragraph translated, the rest (most of the text) still Swedish.
    body = f"We are hiring.\n\n{SWEDISH}\n{SWEDISH}"
    path = site.write("content/en/job.md", draft("Job", body, status="machine"))
    line = path.read_text(encoding="utf-8").splitlines().index(SWEDISH.strip()) + 1
    result = run(site.root, "check")
    assert result.code == 1
    [said] = result.err_lines
    assert said.startswith(
        f"content/en/job.md:{line}: the draft still holds Swedish text at line {line} "
        "(it reads as 'sv', confidence "
    )
    assert said.endswith("); translate it")
    assert "correct lang" not in said  # the editor's advice, not the translator's

"""A deterministic bilingual corpus: N Swedish postings and their reviewed English versions.

``generate`` is pure (same ``pairs`` and ``seed``, same postings, byte for byte) and needs no
network. ``write_corpus`` lays a corpus out on disk as two things the benchmarks start from:

- ``site/``: a site root with ``pyproject.toml``, ``content/sv/`` (normalized originals, as
  ingest leaves them) and ``content/en/`` (drafts with ``translation:`` blocks, status
  ``reviewed``, whose ``source_hash`` matches their original);
- ``postings/``: the same Swedish postings as an editor writes them (no ``lang`` or ``ref``,
  dates without an offset), the input of the ingest benchmark.

Four postings in five are dated news posts (``YYYY-MM-DD-slug.md``), the fifth a job page
(``slug.md`` with ``menu: lediga-tjanster``). Every document carries ``translationKey: <ref>``,
which Hugo pairs translations by; the pipeline keeps it as an unknown key.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import phrases
from bench.phrases import Pair
from pipeline.config import Settings
from pipeline.content import document, edit
from pipeline.content.dates import WrittenDatetime, written_date
from pipeline.content.document import Document
from pipeline.content.tree import source_hash
from pipeline.slugs import slugify

SEED = 8
SITE_URL = "https://bench.example.org"
LANGUAGES = ("sv", "en")
TIMEZONE = "Europe/Stockholm"
FIRST_DATE = dt.date(2015, 1, 1)
SPAN_DAYS = 10 * 365  # postings are spread over ten years, oldest first
PAGE_EVERY = 5  # every fifth posting is a job page
MIN_WORDS, MAX_WORDS = 400, 800
# Each body grows until its shorter side reaches a target drawn from this range; it stays this
# far below MAX_WORDS because English runs about 13% longer and the last block overshoots.
TARGET_WORDS = (MIN_WORDS + 20, 600)
SLUG_CHARACTERS = 60  # of a title kept in its slug, before the posting's number

PYPROJECT = f"""\
[tool.pipeline]
site-url = "{SITE_URL}"
languages = {list(LANGUAGES)!r}
default-language = "sv"
timezone = "{TIMEZONE}"
output = "public"
translator = "pseudo"
""".replace("'", '"')


@dataclass(frozen=True)
class Posting:
    """One posting in both languages, plus the Swedish text as an editor first wrote it.

    Paths are relative: ``original`` and ``draft`` to ``content/``, ``raw`` to ``postings/``.
    """

    ref: str
    original: Document
    draft: Document
    raw: Document


@dataclass(frozen=True)
class Corpus:
    """A corpus written to disk by ``write_corpus``."""

    root: Path
    pairs: int

    @property
    def site(self) -> Path:
        """The site root: ``pyproject.toml``, ``content/sv/``, ``content/en/``."""
        return self.root / "site"

    @property
    def postings(self) -> Path:
        """The Swedish postings as editors write them (the input of ``pipeline ingest``)."""
        return self.root / "postings"


def corpus_settings(root: Path) -> Settings:
    """The settings ``PYPROJECT`` declares, for a site at ``root``."""
    return Settings(root=root, site_url=SITE_URL, languages=list(LANGUAGES), default_language="sv")


def generate(pairs: int, seed: int = SEED) -> list[Posting]:
    """``pairs`` postings, oldest first; the same arguments always give the same postings."""
    rng = random.Random(seed)
    settings = corpus_settings(Path("."))
    return [_posting(number, pairs, rng, settings) for number in range(1, pairs + 1)]


def write_corpus(root: Path, pairs: int, seed: int = SEED) -> Corpus:
    """Write a corpus of ``pairs`` postings under ``root`` (which must not hold one yet)."""
    corpus = Corpus(root, pairs)
    corpus.site.mkdir(parents=True)
    (corpus.site / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for lang in LANGUAGES:
        (corpus.site / "content" / lang).mkdir(parents=True)
    corpus.postings.mkdir()
    for posting in generate(pairs, seed):
        for doc, base in (
            (posting.original, corpus.site / "content"),
            (posting.draft, corpus.site / "content"),
            (posting.raw, corpus.postings),
        ):
            (base / doc.path).write_text(edit.dumps(doc), encoding="utf-8")
    return corpus


def edit_paragraph(path: Path, change: int) -> None:
    """Append a sentence to the first paragraph of the Swedish posting at ``path``: the
    one-paragraph edit of the edit benchmarks. Each ``change`` number gives other text."""
    doc = document.read(path)
    blocks = doc.body.split("\n\n")
    first = next(i for i, block in enumerate(blocks) if block[:1] not in "#-*>")
    blocks[first] += " " + phrases.EDIT_SENTENCE[0].format(n=change)
    doc.body = "\n\n".join(blocks)
    edit.save(doc)


class _Filler:
    """Fills the templates of one posting: the same city, topic, etc. throughout."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        role = rng.choice(phrases.JOB_ROLES)
        self.fixed: dict[str, Pair] = {
            "city": rng.choice(phrases.CITIES),
            "topic": rng.choice(phrases.TOPICS),
            "partner": rng.choice(phrases.PARTNERS),
            "funder": rng.choice(phrases.FUNDERS),
            "name": rng.choice(phrases.NAMES),
            "speaker": rng.choice(phrases.SPEAKER_ROLES),
            "skill": rng.choice(phrases.SKILLS),
            "month": rng.choice(phrases.MONTHS),
            "role": role,
            "Role": (_capital(role[0]), _capital(role[1])),
            "year": (str(year), str(year)),
        }

    def fill(self, template: Pair) -> Pair:
        """Both sides of ``template`` with the slots filled; numbers differ at each call."""
        number = str(self.rng.randint(12, 480))
        day = str(self.rng.randint(1, 28))
        values = {**self.fixed, "n": (number, number), "day": (day, day)}
        return _both(lambda i: template[i].format(**{k: v[i] for k, v in values.items()}))


class _Deck:
    """Templates dealt without repeating until all were used, then shuffled again."""

    def __init__(self, rng: random.Random, templates: list[Pair]) -> None:
        self.rng = rng
        self.templates = templates
        self.left: list[Pair] = []

    def deal(self) -> Pair:
        if not self.left:
            self.left = list(self.templates)
            self.rng.shuffle(self.left)
        return self.left.pop()


class _Body:
    """Blocks of a posting in both languages, and their word counts."""

    def __init__(self, filler: _Filler, sentences: list[Pair]) -> None:
        self.filler = filler
        self.sentences = _Deck(filler.rng, sentences)
        self.blocks: list[Pair] = []

    def words(self) -> int:
        """Words of the shorter language version (the longer stays under ``MAX_WORDS``)."""
        return min(sum(len(b[i].split()) for b in self.blocks) for i in (0, 1))

    def paragraph(self, low: int = 2, high: int = 4) -> Pair:
        parts = [
            self.filler.fill(self.sentences.deal())
            for _ in range(self.filler.rng.randint(low, high))
        ]
        return _both(lambda i: " ".join(p[i] for p in parts))

    def heading(self, pair: Pair, level: int = 2) -> Pair:
        return _both(lambda i: f"{'#' * level} {pair[i]}")

    def bullets(self, items: list[Pair], count: int, marker: str) -> Pair:
        chosen = [self.filler.fill(item) for item in self.filler.rng.sample(items, count)]
        return _both(lambda i: "\n".join(f"{marker} {c[i]}" for c in chosen))

    def quote(self) -> Pair:
        text = self.filler.fill(self.filler.rng.choice(phrases.QUOTES))
        return _both(lambda i: f"> {text[i]}")

    def text(self) -> Pair:
        return _both(lambda i: "\n\n".join(b[i] for b in self.blocks) + "\n")


def _news_body(filler: _Filler, target: int) -> _Body:
    body = _Body(filler, phrases.NEWS_SENTENCES + phrases.GENERAL_SENTENCES)
    rng = filler.rng
    body.blocks += [body.paragraph(2, 3), body.paragraph()]
    headings = _Deck(rng, phrases.NEWS_HEADINGS)
    closing = phrases.NEWS_CLOSING
    while body.words() + len(closing[0].split()) < target:
        body.blocks.append(body.heading(headings.deal()))
        body.blocks.append(body.paragraph())
        extra = rng.random()
        if extra < 0.45 or len(body.blocks) < 5:  # every post has a list
            body.blocks.append(body.bullets(phrases.NEWS_ITEMS, rng.randint(3, 5), "-"))
        elif extra < 0.75:
            body.blocks.append(body.quote())
        if body.words() < target and rng.random() < 0.5:
            body.blocks.append(body.paragraph(2, 3))
    body.blocks.append(closing)
    return body


def _job_body(filler: _Filler, target: int) -> _Body:
    body = _Body(filler, phrases.JOB_SENTENCES + phrases.GENERAL_SENTENCES)
    rng = filler.rng
    headings = phrases.JOB_HEADINGS
    body.blocks += [body.paragraph(2, 3), body.heading(headings["role"]), body.paragraph()]
    tail = [
        body.heading(headings["wanted"]),
        body.bullets(phrases.WANTED_ITEMS, rng.randint(3, 5), "*"),
        body.heading(headings["merits"]),
        body.bullets(phrases.MERIT_ITEMS, rng.randint(2, 4), "*"),
        body.heading(headings["offer"]),
        body.bullets(phrases.OFFER_ITEMS, rng.randint(2, 4), "*"),
        body.heading(headings["apply"]),
        body.paragraph(2, 3),
        body.heading(headings["about"], level=3),
    ]
    about = _Body(filler, phrases.GENERAL_SENTENCES).paragraph(2, 3)
    tail.append(_both(lambda i: f"{about[i]} {phrases.ABOUT_LINK[i]}"))
    body.blocks += tail
    while body.words() < target:
        # More about the position, where a longer posting says more.
        body.blocks.insert(3, body.paragraph())
    return body


def _posting(number: int, pairs: int, rng: random.Random, settings: Settings) -> Posting:
    when = _date(number, pairs, rng)
    filler = _Filler(rng, when.year)
    is_page = number % PAGE_EVERY == 0
    target = rng.randint(*TARGET_WORDS)
    if is_page:
        title = filler.fill(rng.choice(phrases.JOB_TITLES))
        excerpt = filler.fill(rng.choice(phrases.JOB_EXCERPTS))
        body = _job_body(filler, target)
    else:
        title = filler.fill(rng.choice(phrases.NEWS_TITLES))
        excerpt = filler.fill(rng.choice(phrases.NEWS_EXCERPTS))
        body = _news_body(filler, target)
    texts = body.text()
    slugs = [f"{_short_slug(title[i])}-{number}" for i in (0, 1)]
    names = [f"{when:%Y-%m-%d}-{slug}.md" if not is_page else f"{slug}.md" for slug in slugs]
    ref = slugs[0]
    shared = [_front_matter(i, title, excerpt, when, number, is_page) for i in (0, 1)]
    original = Document(
        Path("sv", names[0]),
        {"lang": "sv", "ref": ref, "translationKey": ref, **shared[0]},
        texts[0],
    )
    raw_meta = {
        **shared[0],
        "date": WrittenDatetime.of(when.replace(tzinfo=None), f"{when:%Y-%m-%d %H:%M:%S}"),
    }
    raw = Document(Path(names[0]), {**raw_meta, "translationKey": ref}, texts[0])
    translation = {
        "from": "sv",
        "source": f"sv/{names[0]}",
        "source_hash": source_hash(original, settings),
        "status": "reviewed",
        "engine": "human",
    }
    draft = Document(
        Path("en", names[1]),
        {"lang": "en", "ref": ref, "translationKey": ref, **shared[1], "translation": translation},
        texts[1],
    )
    return Posting(ref, original, draft, raw)


def _front_matter(
    side: int, title: Pair, excerpt: Pair, when: dt.datetime, number: int, is_page: bool
) -> dict[str, Any]:
    """The keys both language versions have, in language ``side`` (0: sv, 1: en)."""
    meta: dict[str, Any] = {
        "title": title[side],
        "date": written_date(when),
        "excerpt": excerpt[side],
    }
    if is_page:
        meta["ingress-text"] = excerpt[side]
        meta["menu"] = "lediga-tjanster"
    elif number % 3 == 0:  # some posts link to a report: a translatable links[].title
        title = ("Läs rapporten", "Read the report")[side]
        meta["links"] = [{"title": title, "url": "https://digidemlab.org/rapporter"}]
    return meta


def _date(number: int, pairs: int, rng: random.Random) -> dt.datetime:
    """An office-hours time on the posting's day; postings are evenly spread, oldest first."""
    day = FIRST_DATE + dt.timedelta(days=(number - 1) * SPAN_DAYS // max(pairs, 1))
    return dt.datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(8, 17),
        rng.randint(0, 59),
        tzinfo=zoneinfo.ZoneInfo(TIMEZONE),
    )


def _short_slug(title: str) -> str:
    """The slug of ``title``, cut at a hyphen to at most ``SLUG_CHARACTERS`` characters.

    >>> _short_slug("Medborgarpanel i Örebro om tryggheten i stadsdelen")
    'medborgarpanel-i-orebro-om-tryggheten-i-stadsdelen'
    """
    slug = slugify(title)
    if len(slug) > SLUG_CHARACTERS:
        slug = slug[:SLUG_CHARACTERS].rsplit("-", 1)[0]
    return slug


def _both(make: Callable[[int], str]) -> Pair:
    """The Swedish and the English side of a text, made by ``make(0)`` and ``make(1)``."""
    return (make(0), make(1))


def _capital(text: str) -> str:
    """``text`` with its first letter upper-case (``str.capitalize`` would lower the rest).

    >>> _capital("UX-designer"), _capital("utvecklare")
    ('UX-designer', 'Utvecklare')
    """
    return text[:1].upper() + text[1:]

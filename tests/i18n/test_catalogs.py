"""The i18n stage: extract, update, compile, coverage, and the catalog checks of ``check``."""

from __future__ import annotations

import subprocess

import polib
import pytest

from pipeline.build.templates import environment
from pipeline.i18n.catalogs import CatalogError, po_path, translations
from pipeline.i18n.stage import i18n
from tests.conftest import REPO

LANGUAGES = ("sv", "en")
# A site with catalogs but no build yet: check says the audit waits for one.
NOT_BUILT = (
    "public: warning: not built yet, so the site is not audited; run 'pipeline build' (make build)"
)


def po(site, lang: str) -> polib.POFile:
    return polib.pofile(site.read(f"locale/{lang}/LC_MESSAGES/messages.po"))


def edit(site, relative: str, old: str, new: str) -> None:
    text = site.read(relative)
    assert old in text, f"{old!r} is not in {relative}"
    site.write(relative, text.replace(old, new, 1), dedent=False)


def translate_entry(site, lang: str, msgid: str, msgstr: str) -> None:
    catalog = po(site, lang)
    entry = catalog.find(msgid)
    entry.msgstr = msgstr
    catalog.save(str(site.root / f"locale/{lang}/LC_MESSAGES/messages.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_catalogs_pass_msgfmt_check(lang: str) -> None:
    path = REPO / "locale" / lang / "LC_MESSAGES" / "messages.po"
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_i18n_on_a_fresh_copy_is_complete_and_changes_no_committed_file(ui_site, run) -> None:
    committed = ui_site.files("locale")
    result = run(ui_site.root, "i18n")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.splitlines()[:2] == [
        "sv: 100% translated (25 of 25), 0 fuzzy, 0 untranslated",
        "en: 100% translated (25 of 25), 0 fuzzy, 0 untranslated",
    ]
    after = ui_site.files("locale")
    assert {k: v for k, v in after.items() if not k.endswith(".mo")} == committed
    assert {"locale/sv/LC_MESSAGES/messages.mo", "locale/en/LC_MESSAGES/messages.mo"} < set(after)
    assert run(ui_site.root, "i18n").out.splitlines()[-1] == "i18n: 2 catalogs, 0 files written"
    assert ui_site.files("locale") == after


def test_a_new_string_is_extracted_untranslated_and_fails_check_until_translated(
    ui_site, run
) -> None:
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n<p>{{ _("New label") }}</p>',
    )
    assert run(ui_site.root, "check").code == 1  # the catalogs lag behind the templates
    result = run(ui_site.root, "i18n")
    assert result.code == 0, result.err  # below the threshold: a warning here
    assert "sv: 96.1% translated (25 of 26), 0 fuzzy, 1 untranslated" in result.out
    assert (
        'locale/sv/LC_MESSAGES/messages.po:22: warning: untranslated: "New label"'
        in result.err_lines
    )
    for lang in LANGUAGES:
        assert po(ui_site, lang).find("New label").msgstr == ""
    assert polib.pofile(ui_site.read("locale/messages.pot")).find("New label")

    check = run(ui_site.root, "check")
    assert check.code == 1
    assert check.err_lines == [
        "locale/sv/LC_MESSAGES/messages.po: sv: 96.1% translated (25 of 26), 0 fuzzy, "
        "1 untranslated; 'catalog-coverage' asks for 100%",
        'locale/sv/LC_MESSAGES/messages.po:22: untranslated: "New label"',
        "locale/en/LC_MESSAGES/messages.po: en: 96.1% translated (25 of 26), 0 fuzzy, "
        "1 untranslated; 'catalog-coverage' asks for 100%",
        'locale/en/LC_MESSAGES/messages.po:22: untranslated: "New label"',
        NOT_BUILT,
    ]

    translate_entry(ui_site, "sv", "New label", "Ny etikett")
    translate_entry(ui_site, "en", "New label", "New label")
    check = run(ui_site.root, "check")  # the compiled catalogs still lack the new label
    assert check.err_lines == [
        f"locale/{lang}/LC_MESSAGES/messages.mo: compiled from an older messages.po; "
        "run 'pipeline i18n' (make i18n)"
        for lang in LANGUAGES
    ] + [NOT_BUILT]
    assert run(ui_site.root, "i18n").out.startswith("sv: 100% translated (26 of 26)")
    assert run(ui_site.root, "check").code == 0


def test_the_coverage_threshold_is_a_setting(ui_site, run) -> None:
    ui_site.write(
        "pyproject.toml", ui_site.read("pyproject.toml") + "catalog-coverage = { en = 90 }\n"
    )
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n{{ _("New label") }}',
    )
    run(ui_site.root, "i18n")
    errors = run(ui_site.root, "check").err
    assert "locale/sv/LC_MESSAGES/messages.po: sv: 96.1%" in errors
    assert "locale/en/" not in errors  # 96.1% is enough where 90% is asked for


def test_a_changed_string_turns_fuzzy_keeps_its_old_translation_and_is_not_compiled(
    ui_site, run
) -> None:
    edit(ui_site, "pipeline/templates/listing.html", '_("Read more")', '_("Read more here")')
    assert run(ui_site.root, "i18n").code == 0
    entry = po(ui_site, "sv").find("Read more here")
    assert entry.fuzzy
    assert entry.previous_msgid == "Read more"
    assert entry.msgstr == "Läs mer"  # the old translation, shown to the translator
    assert po(ui_site, "sv").find("Read more") is None
    gettext = translations(ui_site.settings, "sv").gettext
    assert gettext("Read more here") == "Read more here"  # fuzzy: not compiled
    assert gettext("Open positions") == "Lediga tjänster"
    assert (
        "fuzzy (review it, then remove 'fuzzy'): \"Read more here\""
        in run(ui_site.root, "check").err
    )
    assert_msgfmt_accepts(ui_site)


def test_a_removed_string_turns_obsolete_and_comes_back_translated(ui_site, run) -> None:
    original = ui_site.read("pipeline/templates/404.html")
    edit(ui_site, "pipeline/templates/404.html", '{{ _("Go to the home page") }}', "")
    edit(ui_site, "pipeline/templates/redirect.html", '{{ _("Go to the home page") }}', "")
    run(ui_site.root, "i18n")
    assert '#~ msgid "Go to the home page"\n#~ msgstr "Gå till startsidan"' in ui_site.read(
        "locale/sv/LC_MESSAGES/messages.po"
    )
    assert_msgfmt_accepts(ui_site)
    ui_site.write("pipeline/templates/404.html", original, dedent=False)
    run(ui_site.root, "i18n")
    entry = po(ui_site, "sv").find("Go to the home page")
    assert entry.msgstr == "Gå till startsidan" and not entry.fuzzy and not entry.obsolete


def test_a_fuzzy_entry_is_stable_across_runs_and_keeps_its_previous_msgid(ui_site, run) -> None:
    edit(ui_site, "pipeline/templates/listing.html", '_("Read more")', '_("Read more here")')
    run(ui_site.root, "i18n")
    catalogs = ui_site.files("locale")
    assert run(ui_site.root, "i18n").out.splitlines()[-1] == "i18n: 2 catalogs, 0 files written"
    assert ui_site.files("locale") == catalogs
    text = ui_site.read("locale/sv/LC_MESSAGES/messages.po")
    assert '#, fuzzy\n#| msgid "Read more"\nmsgid "Read more here"' in text
    assert "# |" not in text  # not turned into a translator comment


def test_a_fuzzy_entry_removed_and_brought_back_is_still_fuzzy(ui_site, run) -> None:
    edit(ui_site, "pipeline/templates/listing.html", '_("Read more")', '_("Read more here")')
    run(ui_site.root, "i18n")  # fuzzy: "Läs mer" is a suggestion for "Read more here"
    changed = ui_site.read("pipeline/templates/listing.html")
    edit(ui_site, "pipeline/templates/listing.html", '{{ _("Read more here") }}', "")
    run(ui_site.root, "i18n")
    assert '#, fuzzy\n#~ msgid "Read more here"\n#~ msgstr "Läs mer"' in ui_site.read(
        "locale/sv/LC_MESSAGES/messages.po"
    )
    assert_msgfmt_accepts(ui_site)
    ui_site.write("pipeline/templates/listing.html", changed, dedent=False)
    run(ui_site.root, "i18n")
    entry = po(ui_site, "sv").find("Read more here")
    assert entry.msgstr == "Läs mer" and entry.fuzzy and not entry.obsolete
    gettext = translations(ui_site.settings, "sv").gettext
    assert gettext("Read more here") == "Read more here"  # still not compiled


def test_a_broken_placeholder_fails_check_and_is_left_out_of_the_mo(ui_site, run) -> None:
    path = "locale/sv/LC_MESSAGES/messages.po"
    edit(ui_site, path, '"Läs originalet på %(language)s"', '"Läs originalet på %(språk)s"')
    expected = (
        f'{path}:121: "Read the original in %(language)s": placeholders differ: the msgid has '
        "%(language)s, the translation has %(språk)s"
    )
    result = run(ui_site.root, "i18n")
    assert result.code == 1
    assert expected in result.err_lines
    check = run(ui_site.root, "check")
    assert check.code == 1
    assert check.err_lines == [expected, NOT_BUILT]
    gettext = translations(ui_site.settings, "sv").gettext
    assert gettext("Read the original in %(language)s") == "Read the original in %(language)s"


def test_a_template_syntax_error_stops_extraction_with_its_place(ui_site, run) -> None:
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        "{% block content %}\n{{ _('x' }}",
    )
    result = run(ui_site.root, "i18n")
    assert result.code == 1
    assert result.err.startswith("pipeline/templates/404.html:5: template syntax error: ")


def test_a_missing_mo_is_an_error_not_english(ui_site) -> None:
    with pytest.raises(CatalogError) as error:
        environment(ui_site.settings, "sv")
    assert str(error.value) == (
        "locale/sv/LC_MESSAGES/messages.mo: missing; run 'pipeline i18n' (make i18n) "
        "to compile the catalogs"
    )


def test_a_site_language_without_a_catalog_gets_one(ui_site, run) -> None:
    ui_site.write("pyproject.toml", ui_site.read("pyproject.toml").replace('"en"]', '"en", "de"]'))
    result = run(ui_site.root, "i18n")
    assert "de: 0.0% translated (0 of 25), 0 fuzzy, 25 untranslated" in result.out
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in ui_site.read(
        "locale/de/LC_MESSAGES/messages.po"
    )
    assert run(ui_site.root, "check").code == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", ["0 lediga tjänster", "1 ledig tjänst", "2 lediga tjänster"]),
        ("en", ["0 open positions", "1 open position", "2 open positions"]),
    ],
)
def test_plural_forms_follow_the_catalog(seed_site, lang: str, expected: list[str]) -> None:
    env = environment(seed_site.settings, lang)
    template = env.from_string(
        '{{ ngettext("%(num)d open position", "%(num)d open positions", n) }}'
    )
    assert [template.render(n=n) for n in (0, 1, 2)] == expected


def test_fill_suggests_fuzzy_machine_text_through_the_hook(ui_site, run) -> None:
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n{{ _("Hello %(name)s", name="x") }}\n'
        '{{ _("Broken %(name)s", name="x") }}',
    )

    def translate(texts, source, target):
        assert (source, target) == ("en", "sv")
        return [t.replace("Hello", "Hej") if "Hello" in t else "Trasig" for t in texts]

    report = i18n(ui_site.settings, translate=translate, engine="fake")
    assert report.filled == 3  # sv: one suggestion; en: both msgids copied
    sv = po(ui_site, "sv")
    assert sv.find("Hello %(name)s").msgstr == "Hej %(name)s"
    assert sv.find("Hello %(name)s").fuzzy
    assert sv.find("Broken %(name)s").msgstr == ""  # the suggestion lost its placeholder
    assert po(ui_site, "en").find("Broken %(name)s").msgstr == "Broken %(name)s"
    assert translations(ui_site.settings, "sv").gettext("Hello %(name)s") == "Hello %(name)s"
    assert_msgfmt_accepts(ui_site)


def test_fill_uses_the_translate_stages_engines_and_masking(ui_site, run) -> None:
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n{{ _("Hello %(name)s", name="x") }}',
    )
    result = run(ui_site.root, "i18n", "--fill", "--translator", "pseudo")
    assert result.code == 0, result.err
    entry = po(ui_site, "sv").find("Hello %(name)s")
    assert entry.fuzzy and entry.msgstr == "［Ḣḗĺĺȯ %(name)s ···］"
    assert_msgfmt_accepts(ui_site)


def test_fill_with_an_unreachable_engine_exits_3(ui_site, run, monkeypatch) -> None:
    ui_site.write("pyproject.toml", ui_site.read("pyproject.toml") + "translator-attempts = 1\n")
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:9/")
    edit(
        ui_site,
        "pipeline/templates/404.html",
        "{% block content %}",
        '{% block content %}\n{{ _("Hello") }}',
    )
    result = run(ui_site.root, "i18n", "--fill", "--translator", "libre")
    assert result.code == 3
    assert result.err_lines == [
        "libre: connection to 127.0.0.1:9 failed (ConnectionRefusedError) (gave up after 1 "
        "attempts)"
    ]


def assert_msgfmt_accepts(site) -> None:
    for lang in LANGUAGES:
        path = po_path(site.settings, lang)
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


def test_a_catalog_that_does_not_compile_fails_check(ui_site, run) -> None:
    path = "locale/sv/LC_MESSAGES/messages.po"
    edit(
        ui_site,
        path,
        'msgstr[1] "%(num)d lediga tjänster"\n',
        'msgstr[1] "%(num)d lediga tjänster"\nmsgstr[2] "%(num)d tjänster"\n',
    )
    result = run(ui_site.root, "i18n")
    assert result.code == 1
    assert result.err_lines == [
        f"{path}:91: cannot be compiled: msg has more translations than num_plurals of catalog"
    ]
    assert run(ui_site.root, "check").err_lines[0] == result.err_lines[0]

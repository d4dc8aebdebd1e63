"""A site's own templates (the ``templates`` setting, ``templates/`` by default): searched
before the package's, a whole template replaced or one block of the package's changed, and
the incremental build follows an override added, changed and removed."""

from __future__ import annotations

from tests.build.test_build import SV_NEWS

BLOCK_OVERRIDE = """\
{% extends "package:page.html" %}
{% block title %}Egen titel: {{ doc.title }}{% endblock %}
"""


def test_a_site_template_changes_one_block_and_the_default_comes_back(seed_site, run) -> None:
    site = seed_site
    assert run(site.root, "build").code == 0
    default = site.read(SV_NEWS)
    assert "<title>Ansökan stängd" in default

    site.write("templates/page.html", BLOCK_OVERRIDE)
    result = run(site.root, "build")
    assert result.code == 0, result.err
    changed = site.read(SV_NEWS)
    assert "<title>Egen titel: Ansökan stängd" in changed
    # The rest of the package's page is there, as it was.
    assert changed.split("</title>", 1)[1] == default.split("</title>", 1)[1]

    (site.root / "templates" / "page.html").unlink()
    result = run(site.root, "build")
    assert result.code == 0, result.err
    assert site.read(SV_NEWS) == default


def test_a_site_template_replaces_the_packages_and_its_mistake_names_its_file(
    seed_site, run
) -> None:
    site = seed_site
    site.write(
        "templates/404.html", '{% extends "base.html" %}{% block content %}Borta{% endblock %}\n'
    )
    assert run(site.root, "build").code == 0
    assert "Borta" in site.read("public/404.html")

    site.write("templates/404.html", "{% block content %}\n{% if %}\n{% endblock %}\n")
    result = run(site.root, "build")
    assert result.code == 1
    assert "templates/404.html:2: " in result.err
    assert "pipeline/templates" not in result.err


def test_the_templates_folder_is_a_setting(seed_site, run) -> None:
    site = seed_site
    site.write("pyproject.toml", site.read("pyproject.toml") + 'templates = "layouts"\n')
    site.write("layouts/page.html", BLOCK_OVERRIDE)
    assert run(site.root, "build").code == 0
    assert "<title>Egen titel: Ansökan stängd" in site.read(SV_NEWS)

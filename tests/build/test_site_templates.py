"""A site's own templates (the ``templates`` setting, ``templates/`` by default): searched
before the package's, a whole template replaced or one block of the package's changed, and
the incremental build follows an override added, changed and removed."""

from __future__ import annotations

import re
import shutil

from tests.build.test_build import EN_NEWS, SV_NEWS, SV_POST, write_doc
from tests.conftest import REPO

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


WHAT_A_PAGE_KNOWS = """\
{% extends "package:page.html" %}
{% block content %}
{% set p = doc.params %}
<p id="params">{{ p.get("image") }} {{ p.get("kategori", "-") }} {{ doc.image }}</p>
<p id="data">{{ data.contact.email }} {{ data.menu[0].title }} {{ data.org.links|length }}</p>
<ul id="team">
{% for person in collections.team %}
<li>{{ person.name }}: {{ person.role }}{{ person.content }}</li>
{% endfor %}
</ul>
<ul id="section">
{% for other in section_pages %}
<li><a href="{{ other.path }}">{{ other.title }}</a></li>
{% endfor %}
</ul>
<ul id="site">
{% for other in site_pages %}
<li>{{ other.title }} {{ other.status }}</li>
{% endfor %}
</ul>
{% endblock %}
"""


def test_a_page_knows_its_front_matter_the_sites_data_and_its_other_documents(
    seed_site, run
) -> None:
    site = seed_site
    site.write("templates/page.html", WHAT_A_PAGE_KNOWS)
    site.write("data/contact.yml", "email: info@example.org\n")
    site.write(
        "data/menu.yaml",
        "- title: {sv: Om oss, en: About us}\n  url: {sv: /om/, en: /en/about/}\n",
    )
    site.write("data/org/links.json", '[{"name": "Mastodon"}, {"name": "GitHub"}]')
    site.write("data/team/anna.md", "---\nrole: {sv: ordförande, en: chair}\n---\nHej *Anna*.\n")
    site.edit(SV_POST, "title:", "kategori: verkstad\ntitle:")
    write_doc(
        site, "content/sv/2021-01-01-en-nyhet.md", "Text.\n", lang="sv", ref="ny", title="En nyhet"
    )
    result = run(site.root, "build")
    assert result.code == 0, result.err
    sv, en = site.read(SV_NEWS), site.read(EN_NEWS)
    assert '<p id="params">/uploads/workshop.jpg verkstad /uploads/workshop.jpg</p>' in sv
    assert '<p id="data">info@example.org Om oss 2</p>' in sv
    assert '<p id="data">info@example.org About us 2</p>' in en
    assert "<li>anna: ordförande<p>Hej <em>Anna</em>.</p>\n</li>" in sv
    assert "<li>anna: chair<p>Hej <em>Anna</em>.</p>\n</li>" in en
    assert '<a href="/nyheter/en-nyhet/">En nyhet</a>' in sv
    assert "/en/news/" in en.split('id="section"')[1] and "En nyhet" not in en

    # Another document's title changes: this page shows it at the next incremental build,
    # as a full build into an empty folder does.
    site.edit("content/sv/2021-01-01-en-nyhet.md", "En nyhet", "Ny rubrik")
    assert run(site.root, "build").code == 0
    assert '<a href="/nyheter/en-nyhet/">Ny rubrik</a>' in site.read(SV_NEWS)
    incremental = site.files("public")
    shutil.rmtree(site.root / "public")
    assert run(site.root, "build").code == 0
    assert site.files("public") == incremental


def test_a_data_file_that_cannot_be_read_is_said_with_its_line(seed_site, run) -> None:
    site = seed_site
    site.write("data/contact.yml", "email: a\n  bad: [\n")
    result = run(site.root, "build")
    assert result.code == 1
    assert "data/contact.yml:2: not valid YAML" in result.err


def test_the_documented_example_overrides_the_header(seed_site, run) -> None:
    """docs/templates.md's complete example, as it is written there."""
    doc = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    template = re.search(r"```jinja\n(.*?)```", doc, re.S).group(1)
    banner = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
    site = seed_site
    site.write("templates/base.html", template)
    site.write("data/banner.yml", banner)
    site.write("static/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    result = run(site.root, "build")
    assert result.code == 0, result.err
    sv, en = site.read(SV_NEWS), site.read(EN_NEWS)
    assert '<div class="banner"><a href="/bli-medlem/">Bli medlem i kooperativet</a></div>' in sv
    assert '<div class="banner"><a href="/en/join/">Join the cooperative</a></div>' in en
    assert '<img src="/logo.svg" alt="" height="40">' in sv
    assert 'nav class="menu"' in sv and 'nav class="languages"' in sv  # the rest as it was
    assert site.read("public/logo.svg").startswith("<svg")

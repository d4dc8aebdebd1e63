"""The same corpus as a Hugo site, for the yardstick: Hugo's full build.

The Hugo site is generated here (configuration and a few small templates), reads its content
straight from the corpus's ``content/sv/`` and ``content/en/`` (one ``contentDir`` per
language) and does the work the pipeline's build does: a page per posting per language with
``<html lang>``, a canonical and hreflang alternates (itself, its counterpart, ``x-default``)
in ``<head>`` and a language switcher; a home page per language listing every posting, newest
first; a sitemap per language whose ``xhtml:link`` alternates are the same sets. Like the
pipeline's planned URLs, the default language is at the root and English under ``/en/``.
Translations are paired by ``translationKey`` (the corpus sets it to the ``ref``). Feeds, 404
pages and taxonomies are left out, so Hugo does no more than the issue asks of both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

CONFIG = """\
baseURL = {base_url}
title = "Digidem Lab"
defaultContentLanguage = {default}
defaultContentLanguageInSubdir = false
timeZone = {timezone}
disableKinds = ["taxonomy", "term", "RSS", "404", "robotsTXT"]
enableRobotsTXT = false

[markup.goldmark.renderer]
# Raw HTML passes through, as in CommonMark (the pipeline renders with markdown-it-py).
unsafe = true
"""

LANGUAGE = """
[languages.{lang}]
languageCode = {lang_json}
languageName = {lang_json}
contentDir = {content_dir}
weight = {weight}
"""

HEAD = """\
<meta charset="utf-8">
<title>{{{{ .Title }}}}</title>
<link rel="canonical" href="{{{{ .Permalink }}}}">
{{{{ range .AllTranslations -}}}}
<link rel="alternate" hreflang="{{{{ .Language.Lang }}}}" href="{{{{ .Permalink }}}}">
{{{{ end -}}}}
{{{{ range where .AllTranslations "Language.Lang" {default} -}}}}
<link rel="alternate" hreflang="x-default" href="{{{{ .Permalink }}}}">
{{{{ end -}}}}
"""

SWITCHER = """\
<nav>{{ range .Translations -}}
<a href="{{ .Permalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">\
{{ .Language.LanguageName }}</a>
{{- end }}</nav>
"""

BASE = """\
<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
{{ partial "head.html" . }}</head>
<body>
{{ partial "switcher.html" . }}
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">\
{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
</article>{{ end }}
"""

HOME = """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>
{{ range site.RegularPages.ByDate.Reverse -}}
<li><a href="{{ .Permalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Params.excerpt }}</p></li>
{{ end -}}
</ul>{{ end }}
"""

SITEMAP = """\
{{{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}}}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" \
xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{{{ range .Data.Pages -}}}}
<url><loc>{{{{ .Permalink }}}}</loc>
{{{{- range .AllTranslations }}}}
<xhtml:link rel="alternate" hreflang="{{{{ .Language.Lang }}}}" href="{{{{ .Permalink }}}}"/>
{{{{- end }}}}
{{{{- range where .AllTranslations "Language.Lang" {default} }}}}
<xhtml:link rel="alternate" hreflang="x-default" href="{{{{ .Permalink }}}}"/>
{{{{- end }}}}
</url>
{{{{ end -}}}}
</urlset>
"""


def find_hugo(path: str | None = None) -> str | None:
    """The ``hugo`` executable on ``path`` (default: the PATH), or None when there is none."""
    return shutil.which("hugo", path=path)


def hugo_version(hugo: str) -> str:
    """What ``hugo version`` says, first words only (``hugo v0.111.3+extended``)."""
    result = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    words = result.stdout.split()
    return " ".join(words[:2]) if result.returncode == 0 and words else "hugo (version unknown)"


def write_hugo_site(
    hugo_root: Path,
    content_dir: Path,
    site_url: str,
    languages: list[str],
    default_language: str,
    timezone: str,
) -> Path:
    """Write the configuration and templates of a Hugo site at ``hugo_root`` whose content
    is ``content_dir/<lang>/`` for each of ``languages``; return ``hugo_root``.

    Values go into TOML and templates as JSON strings, a subset of both quoting rules.
    """
    quote = json.dumps
    config = CONFIG.format(
        base_url=quote(site_url + "/"), default=quote(default_language), timezone=quote(timezone)
    )
    for weight, lang in enumerate(languages, start=1):
        config += LANGUAGE.format(
            lang=lang,
            lang_json=quote(lang),
            content_dir=quote(str((content_dir / lang).resolve())),
            weight=weight,
        )
    files = {
        "config.toml": config,
        "layouts/partials/head.html": HEAD.format(default=quote(default_language)),
        "layouts/partials/switcher.html": SWITCHER,
        "layouts/_default/baseof.html": BASE,
        "layouts/_default/single.html": SINGLE,
        "layouts/index.html": HOME,
        "layouts/_default/sitemap.xml": SITEMAP.format(default=quote(default_language)),
    }
    for relative, text in files.items():
        path = hugo_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return hugo_root


def hugo_command(hugo: str, hugo_root: Path, destination: Path) -> list[str]:
    """The command line of a full Hugo build of ``hugo_root`` into ``destination``.

    The cache goes beside the site, so that a run leaves nothing in the user's cache.
    """
    return [
        hugo,
        "--source",
        str(hugo_root),
        "--destination",
        str(destination),
        "--cacheDir",
        str(hugo_root / ".cache"),
        "--quiet",
    ]

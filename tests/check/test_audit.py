"""The auditor on broken sites: each case in tests/check/audit/ edits the built seed site and
lists the exact problems ``pipeline check`` must report."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = sorted((Path(__file__).parent / "audit").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_auditor_names_each_kind_of_breakage(case: Path, seed_site, run) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert run(seed_site.root, "build").code == 0
    assert run(seed_site.root, "check").code == 0
    for edit in spec["edits"]:
        path = seed_site.root / edit["file"]
        if edit.get("delete"):
            path.unlink()
        elif "write" in edit:
            path.write_text(edit["write"], encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert edit["old"] in text, f"{case.name}: {edit['old']!r} not in {edit['file']}"
            path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    result = run(seed_site.root, "check")
    assert result.code == 1
    assert result.err_lines == spec["expected"]


def test_a_site_not_built_yet_is_a_warning(seed_site, run) -> None:
    result = run(seed_site.root, "check")
    assert result.code == 0
    assert result.err_lines == [
        "public: warning: not built yet, so the site is not audited; run 'pipeline build' "
        "(make build)"
    ]

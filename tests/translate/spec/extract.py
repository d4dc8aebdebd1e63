"""Write the example files of this folder from their sources (run by hand, never by the tests).

    python tests/translate/spec/extract.py COMMONMARK_JSON CMARK_GFM_TEST_DIR

``COMMONMARK_JSON`` is ``tests/test_cmark_spec/commonmark.json`` of the markdown-it-py sdist
(``pip download --no-deps --no-binary :all: markdown-it-py``); ``CMARK_GFM_TEST_DIR`` is the
``test/`` folder of github/cmark-gfm. Only what the tests use is kept: each example's number,
section and Markdown (the expected HTML is left out: the tests compare a draft with its
original, not with a renderer's output).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FENCE = "`" * 32


def gfm_examples(path: Path) -> list[dict]:
    """The examples of a cmark-gfm spec file, numbered as its ``spec_tests.py`` numbers them."""
    examples: list[dict] = []
    section, lines, tags, state = "", [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(FENCE + " example"):
            state, lines, tags = 1, [], stripped[len(FENCE + " example") :].split()
        elif stripped == FENCE:
            markdown = "".join(lines).replace("→", "\t")
            number = len(examples) + 1
            examples.append(
                {"example": number, "section": section, "extensions": tags, "markdown": markdown}
            )
            state = 0
        elif stripped == "." and state == 1:
            state = 2
        elif state == 1:
            lines.append(line)
        elif state == 0 and re.match(r"#+ ", line):
            section = re.sub(r"#+ ", "", line).strip()
    return examples


def main(commonmark: Path, gfm_tests: Path) -> None:
    kept = [
        {"example": e["example"], "section": e["section"], "markdown": e["markdown"]}
        for e in json.loads(commonmark.read_text(encoding="utf-8"))
    ]
    (HERE / "commonmark.json").write_text(json.dumps(kept, ensure_ascii=False, indent=0) + "\n")
    # spec.txt holds the CommonMark examples too: only those of an extension are taken.
    spec = [e for e in gfm_examples(gfm_tests / "spec.txt") if e["extensions"]]
    extensions = gfm_examples(gfm_tests / "extensions.txt")
    gfm = [{"file": "spec.txt", **e} for e in spec]
    gfm += [{"file": "extensions.txt", **e} for e in extensions]
    (HERE / "gfm.json").write_text(json.dumps(gfm, ensure_ascii=False, indent=0) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

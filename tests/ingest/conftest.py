"""Fixtures of the Jekyll import's tests: the fixture site built once by real Jekyll."""

from __future__ import annotations

import pytest

from tests.jekyll_site import FIXTURE, JekyllSite, jekyll_build


@pytest.fixture(scope="session")
def jekyll_site(tmp_path_factory: pytest.TempPathFactory) -> JekyllSite:
    """``tests/fixtures/jekyll-site`` as real Jekyll builds it (once per test session)."""
    return jekyll_build(FIXTURE, tmp_path_factory.mktemp("jekyll"))

"""Shared fixtures: corpus locations and the golden-file helper (``--update-golden``)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
CITY = EXAMPLES / "tianjin" / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "tianjin" / "2019-binhai-certification-plan.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """``golden(relative_path, text)``: compare ``text`` with the golden file, or rewrite it."""
    update = request.config.getoption("--update-golden")

    def check(relative: str, text: str) -> None:
        path = GOLDEN / relative
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"output differs from {path}; review and run --update-golden"

    return check


def corpus_files() -> list[Path]:
    """Every corpus document the parser must handle (shared corpus when present, else examples)."""
    files = sorted((EXAMPLES / "tianjin").glob("*.txt"))
    if CORPUS.exists():
        files += sorted((CORPUS / "law-versions").glob("*.md"))
        files += sorted((CORPUS / "central-local").glob("*.txt"))
        files += sorted((CORPUS / "laws").glob("*/*.txt"))
    return files


needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")

"""Golden files of what policydiff hands on: the JSON report, the HTML report and the Word files
of two small cases, a plan (report-small) and a law (law-small: a new article of two paragraphs,
a removed article, renumbering, a raised fine).

Any change to these bytes must be intended: review ``git diff tests/golden`` after
``python -m pytest tests/test_golden.py --update-golden`` and say why in the commit.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from policydiff.comparison import Comparison, compare

CASES = Path(__file__).resolve().parent / "cases"
NAMES = ("report-small", "law-small")


@cache
def case(name: str) -> Comparison:
    return compare(CASES / name / "parent.txt", CASES / name / "derived.txt")


def _relative(comparison: Comparison) -> Comparison:
    """The sources as written in the case folder, so the bytes do not depend on the checkout."""
    from dataclasses import replace
    return replace(comparison,
                   parent=replace(comparison.parent, source="parent.txt"),
                   derived=replace(comparison.derived, source="derived.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_json_golden(golden, name: str) -> None:
    golden(f"report/{name}.json", _relative(case(name)).to_json())


@pytest.mark.parametrize("name", NAMES)
def test_html_golden(golden, name: str) -> None:
    golden(f"report/{name}.html", _relative(case(name)).to_html())


@pytest.mark.parametrize(("name", "layout"), [(n, layout) for n in NAMES
                                               for layout in ("table", "redline")])
def test_word_golden(golden, tmp_path: Path, name: str, layout: str) -> None:
    """The document part of each Word file, pretty-printed so a diff reads line by line."""
    path = _relative(case(name)).to_docx(tmp_path / "out.docx", layout=layout)  # type: ignore[arg-type]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    text = etree.tostring(etree.fromstring(xml), pretty_print=True, encoding="unicode")
    golden(f"report/{name}.{layout}.document.xml", text)

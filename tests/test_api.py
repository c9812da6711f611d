"""The public API is small and stays so: what ``policydiff`` exports is exactly this."""

from __future__ import annotations

import subprocess
import sys

import policydiff

PUBLIC = {"Clause", "Comparison", "Corpus", "Document", "InputError", "Metadata", "Pair",
          "ParseError", "PolicydiffError", "Skipped", "Summary", "TargetChange", "compare",
          "corpus", "load", "parse"}


def test_exported_names_are_the_public_api() -> None:
    assert set(policydiff.__all__) == PUBLIC
    assert all(hasattr(policydiff, name) for name in PUBLIC)


def test_errors_share_one_root() -> None:
    assert issubclass(policydiff.InputError, policydiff.PolicydiffError)
    assert issubclass(policydiff.ParseError, policydiff.PolicydiffError)


def test_import_is_quiet_and_does_not_load_jieba() -> None:
    code = "import sys, policydiff; print('jieba' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
    assert result.stderr == ""


def test_results_are_frozen() -> None:
    document = policydiff.load("一、总体要求\n（一）指导思想。以人为本。\n")
    clause = document.clauses[0]
    try:
        clause.text = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Clause is mutable")
    assert clause.text == "一、总体要求"

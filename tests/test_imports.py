"""Importing policydiff, and starting its command, loads only what the job at hand needs."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import BINHAI, ROOT

HEAVY = ("numpy", "pandas", "jinja2", "lxml", "rapidfuzz", "diff_match_patch", "jieba", "rjieba",
         "dask", "docx", "tqdm", "concurrent.futures.process")


def loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(set(sys.modules) & {set(HEAVY)!r})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_import_policydiff_loads_nothing_heavy() -> None:
    assert loaded_after("import policydiff") == []


def test_the_public_names_still_resolve_and_load_on_demand() -> None:
    code = ("import policydiff\n"
            "assert callable(policydiff.compare) and callable(policydiff.parsing.sentences)\n"
            "from policydiff import Comparison, Corpus, TargetChange, load, parse\n")
    assert "numpy" in loaded_after(code)


def test_parse_command_loads_no_comparison_machinery() -> None:
    code = ("import contextlib, io\n"
            "from policydiff.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['parse', {str(BINHAI)!r}])\n")
    assert loaded_after(code) == []


def test_unknown_attribute_is_an_attribute_error() -> None:
    code = ("import policydiff\n"
            "try:\n    policydiff.nonexistent\n"
            "except AttributeError as error:\n    assert 'nonexistent' in str(error)\n"
            "else:\n    raise SystemExit('no AttributeError')\n")
    assert loaded_after(code) == []

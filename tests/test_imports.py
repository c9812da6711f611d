"""Importing policydiff, and starting its command, loads only what the job at hand needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import BINHAI, CITY, ROOT

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


def _report_with_cache_home(cache_home: str) -> str:
    """The flagship report from a fresh process whose user cache is ``cache_home``."""
    code = ("import sys\nimport policydiff\n"
            f"sys.stdout.write(policydiff.compare({str(CITY)!r}, {str(BINHAI)!r}).to_html())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "",
                                 "XDG_CACHE_HOME": cache_home, "HOME": cache_home})
    return result.stdout


def test_compiled_templates_are_kept_and_change_no_byte(tmp_path: Path) -> None:
    """The first process compiles and stores the templates, the next loads them: same page."""
    cold = _report_with_cache_home(str(tmp_path))
    stored = sorted((tmp_path / "policydiff" / "templates").iterdir())
    assert stored, "no compiled template was kept"
    assert _report_with_cache_home(str(tmp_path)) == cold
    for path in stored:                       # damaged files are compiled afresh, not an error
        path.write_bytes(b"not a cache file")
    assert _report_with_cache_home(str(tmp_path)) == cold


def test_an_unusable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    """A cache home that is a file (no folder can be made there) still renders the page."""
    fresh = _report_with_cache_home(str(tmp_path / "fresh"))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    assert _report_with_cache_home(str(blocked)) == fresh
    open_to_all = tmp_path / "shared"
    (open_to_all / "policydiff" / "templates").mkdir(parents=True)
    (open_to_all / "policydiff" / "templates").chmod(0o777)
    assert _report_with_cache_home(str(open_to_all)) == fresh
    assert list((open_to_all / "policydiff" / "templates").iterdir()) == []


def test_version_is_looked_up_only_when_asked() -> None:
    code = ("import sys\nfrom policydiff.cli import _parser\n_parser()\n"
            "assert 'importlib.metadata' not in sys.modules\n")
    loaded_after(code)
    result = subprocess.run([sys.executable, "-m", "policydiff", "--version"],
                            capture_output=True, text=True, check=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.stdout.startswith("policydiff ") and result.stdout.strip() != "policydiff"

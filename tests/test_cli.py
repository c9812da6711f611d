"""The ``policydiff`` command, run as a real process (``python -m policydiff`` and the console
script), as users and CI run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BINHAI, CITY, ROOT

PYTHON = [sys.executable, "-m", "policydiff"]


def run(*args: str | os.PathLike[str], command: list[str] | None = None,
        env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(command or PYTHON), *map(os.fspath, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, cwd=cwd or ROOT,
                          env={**os.environ, **(env or {})}, check=False)


def assert_one_error_line(result: subprocess.CompletedProcess[str], *names: str) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("policydiff: error: ")
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    return lines[0]


# --- parse ------------------------------------------------------------------------------------

def test_parse_prints_the_clause_tree() -> None:
    result = run("parse", BINHAI)
    assert result.returncode == 0, result.stderr
    assert "doc_number: 津滨政发〔2019〕16号" in result.stdout
    assert "date:       2019-07-18" in result.stdout
    assert "<table_row>" in result.stdout


def test_parse_json() -> None:
    result = run("parse", CITY, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2018-12-02"
    assert data["clauses"] and all({"id", "path", "kind", "text"} <= c.keys()
                                   for c in data["clauses"])


# --- compare ----------------------------------------------------------------------------------

def test_compare_writes_json_to_stdout() -> None:
    result = run("compare", CITY, BINHAI)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["format"] == "policydiff.comparison/1"
    assert data["derived"]["doc_number"] == "津滨政发〔2019〕16号"
    assert data["pairs"]


def test_compare_json_is_the_same_bytes_whatever_the_hash_seed() -> None:
    first = run("compare", CITY, BINHAI, env={"PYTHONHASHSEED": "1"})
    second = run("compare", CITY, BINHAI, env={"PYTHONHASHSEED": "2"})
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_compare_output_json(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run("compare", CITY, BINHAI, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "policydiff.comparison/1"
    assert out.read_text(encoding="utf-8") == run("compare", CITY, BINHAI).stdout


def test_compare_output_html(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = run("compare", CITY, BINHAI, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "</html>" in html.lower()
    assert "滨海" in html


def test_compare_format_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("compare", CITY, BINHAI, "--format", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "<html" in out.read_text(encoding="utf-8").lower()


def test_compare_options(tmp_path: Path) -> None:
    plain = json.loads(run("compare", CITY, BINHAI).stdout)
    parent_id = plain["dropped"][0]["id"]
    derived_id = plain["added"][0]["id"]
    pins = tmp_path / "pins.json"
    pins.write_text(json.dumps([[parent_id, derived_id]]), encoding="utf-8")
    result = run("compare", CITY, BINHAI, "--pins", pins, "--cutoff", "0.6", "--no-localize")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any(pair["pinned"] and parent_id in [c["id"] for c in pair["parent"]]
               and derived_id in [c["id"] for c in pair["derived"]] for pair in data["pairs"])
    # without localisation, 本市→新区 is an ordinary change
    assert data["summary"]["localized"] == 0 < plain["summary"]["localized"]


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "binary", "pdf"])
@pytest.mark.parametrize("command", ["parse", "compare-parent", "compare-derived"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, kind: str, command: str) -> None:
    path = tmp_path / f"{kind}.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    elif kind == "pdf":
        path = tmp_path / "document.pdf"
        path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    if command == "parse":
        result = run("parse", path)
    elif command == "compare-parent":
        result = run("compare", path, BINHAI)
    else:
        result = run("compare", CITY, path)
    assert_one_error_line(result, str(path))


@pytest.mark.parametrize(("content", "problem"), [
    ("[[", "not valid JSON"), ('{"a": 1}', "pins must be"), ('[["nope", "nope"]]', "'nope'")])
def test_bad_pins_are_one_line_and_exit_2(tmp_path: Path, content: str, problem: str) -> None:
    pins = tmp_path / "pins.json"
    pins.write_text(content, encoding="utf-8")
    assert_one_error_line(run("compare", CITY, BINHAI, "--pins", pins), str(pins), problem)


def test_bad_cutoff_is_one_line_and_exit_2() -> None:
    assert_one_error_line(run("compare", CITY, BINHAI, "--cutoff", "2"), "--cutoff")


def test_unwritable_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "no-such-dir" / "x.json"
    assert_one_error_line(run("compare", CITY, BINHAI, "-o", out), str(out))


def test_usage_errors_exit_2() -> None:
    result = run("compare", CITY)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


# --- entry points -----------------------------------------------------------------------------

def test_python_dash_m_policydiff_shows_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "compare" in result.stdout and "parse" in result.stdout


def test_console_script_when_installed() -> None:
    script = shutil.which("policydiff", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the policydiff console script is not installed beside this Python")
    result = run("compare", CITY, BINHAI, command=[script])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["format"] == "policydiff.comparison/1"

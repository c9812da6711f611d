"""The command line's store of word tokens: a repeated run needs no segmenter and writes the
same bytes; a damaged store is a miss; library calls never use it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import BINHAI, CITY, ROOT

# A command run as from a shell (main() reading sys.argv), reporting whether it loaded a segmenter.
RUN = ("import sys\n"
       "from policydiff.cli import main\n"
       "sys.argv = ['policydiff', 'compare', {parent!r}, {derived!r}, '-o', {out!r}]\n"
       "code = main()\n"
       "print(code, 'rjieba' in sys.modules or 'jieba' in sys.modules)\n")


def _command(cache_home: Path, out: Path) -> tuple[bytes, str]:
    code = RUN.format(parent=str(CITY), derived=str(BINHAI), out=str(out))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PATH": "",
                                 "XDG_CACHE_HOME": str(cache_home), "HOME": str(cache_home)})
    return out.read_bytes(), result.stdout.strip()


def test_a_repeated_command_loads_no_segmenter_and_writes_the_same_bytes(tmp_path: Path) -> None:
    first, loaded_first = _command(tmp_path / "cache", tmp_path / "first.html")
    assert loaded_first == "0 True"
    store = tmp_path / "cache" / "policydiff" / "tokens" / "tokens.sqlite3"
    assert store.exists()
    again, loaded_again = _command(tmp_path / "cache", tmp_path / "again.html")
    assert loaded_again == "0 False"
    assert again == first
    # damaged entries (lengths that do not cover the text) are misses: the segmenter cuts again
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE tokens SET lengths = x'01000000'")
    damaged, loaded_damaged = _command(tmp_path / "cache", tmp_path / "damaged.html")
    assert loaded_damaged == "0 True"
    assert damaged == first
    # a file that is not a database at all: no store, same page
    store.write_bytes(b"not a database" * 100)
    broken, _ = _command(tmp_path / "cache", tmp_path / "broken.html")
    assert broken == first


def test_library_calls_leave_the_store_alone(tmp_path: Path) -> None:
    code = ("import policydiff\n"
            f"policydiff.compare({str(CITY)!r}, {str(BINHAI)!r}).to_html()\n"
            "from policydiff.cli import main\n"
            f"main(['compare', {str(CITY)!r}, {str(BINHAI)!r}, '-o', "
            f"{str(tmp_path / 'r.html')!r}])\n")
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": "", "XDG_CACHE_HOME": str(tmp_path),
                        "HOME": str(tmp_path)})
    assert not (tmp_path / "policydiff" / "tokens").exists()

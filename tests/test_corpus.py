"""policydiff.corpus: loading, skipping, outputs, determinism across workers and on Dask, the
index page and the ``corpus`` command."""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import BINHAI, CITY, CORPUS, EXAMPLES, needs_corpus

import policydiff
from policydiff.cli import main

TIANJIN = EXAMPLES / "tianjin"


@pytest.fixture(scope="module")
def tianjin() -> policydiff.Corpus:
    return policydiff.corpus([TIANJIN], workers=1, progress=False)


def test_tianjin_lineage(tianjin: policydiff.Corpus) -> None:
    binhai = str(TIANJIN / BINHAI.name)
    city = str(TIANJIN / CITY.name)
    assert [(p.source, p.cited) for p in tianjin.parents(binhai)] == [(city, True)]
    assert [(parent, derived) for parent, derived, _ in tianjin.comparisons] == [(city, binhai)]
    assert tianjin.comparison(city, binhai).summary.pairs > 40
    assert {(parent, derived) for parent, derived, _ in tianjin.targets} == {(city, binhai)}
    assert {change.direction for _, _, change in tianjin.targets} <= {
        "tightened", "loosened", "rescaled"}
    assert any(change.direction == "tightened" for _, _, change in tianjin.targets)  # 93% → 95%
    unresolved = {Path(r.source).name: r.unresolved_cites for r in tianjin.lineage}
    assert unresolved["2024-dongli-quality-plan.txt"] == ("《天津市质量强市建设纲要》",)
    assert all(unresolved[name] for name in unresolved)


def test_folder_notes_are_skipped_with_a_reason(tianjin: policydiff.Corpus) -> None:
    assert tianjin.skipped == ((str(TIANJIN / "README.md"), "a folder's README, not a document"),)
    assert [d.source for d in tianjin.documents] == sorted(str(p) for p in TIANJIN.glob("*.txt"))


def test_unreadable_files_are_skipped_and_never_abort(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(CITY, folder / "city.txt")
    shutil.copy(BINHAI, folder / "sub" / "binhai.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.docx").write_bytes(b"not a zip archive")
    (folder / "notes.csv").write_text("ignored: not a document type", encoding="utf-8")
    result = policydiff.corpus([folder, tmp_path / "missing.txt"], workers=1, progress=False)
    skipped = dict(result.skipped)
    assert sorted(Path(s).name for s in skipped) == [
        "binary.txt", "broken.docx", "empty.txt", "missing.txt"]
    assert all(reason for reason in skipped.values())
    assert "zip" in skipped[str(folder / "broken.docx")]
    assert skipped[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert [Path(d.source).name for d in result.documents] == ["city.txt", "binhai.txt"]
    assert [(Path(p).name, Path(d).name) for p, d, _ in result.comparisons] == [
        ("city.txt", "binhai.txt")]
    page = result.to_html()
    for name in ("binary.txt", "broken.docx", "empty.txt", "missing.txt"):
        assert name in page


def test_lineage_json_has_exactly_the_documented_shape(tianjin: policydiff.Corpus,
                                                        tmp_path: Path) -> None:
    index = tianjin.write(tmp_path / "out")
    out = tmp_path / "out"
    assert index == out / "index.html"
    records = json.loads((out / "lineage.json").read_text(encoding="utf-8"))
    assert isinstance(records, list)
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)
    assert len(records) == len(tianjin.documents)
    for record in records:
        assert list(record) == ["source", "title", "doc_number", "parents", "unresolved_cites",
                                "date", "level"]
        assert isinstance(record["unresolved_cites"], list)
        for parent in record["parents"]:
            assert list(parent) == ["source", "reuse", "cited", "basis", "cited_by",
                                    "title_score", "ambiguous", "alternatives", "parent_reuse",
                                    "date_order", "parent_level", "derived_level", "confidence"]
            assert isinstance(parent["reuse"], float) and isinstance(parent["cited"], bool)
            assert 0 < parent["confidence"] <= 1
    binhai = next(r for r in records if r["source"].endswith(BINHAI.name))
    assert binhai["doc_number"] == "津滨政发〔2019〕16号"
    assert [p["source"] for p in binhai["parents"]] == [str(TIANJIN / CITY.name)]
    evidence = binhai["parents"][0]
    assert (evidence["basis"], evidence["cited_by"], evidence["date_order"]) == (
        "cited", "title", "earlier")
    assert evidence["parent_reuse"] > 0.3 and evidence["confidence"] >= 0.9
    reuse = json.loads((out / "reuse.json").read_text(encoding="utf-8"))
    assert all(list(r) == ["document", "other", "share"] for r in reuse) and reuse
    stem = f"{CITY.stem}__{BINHAI.stem}"
    assert sorted(p.name for p in (out / "pairs").iterdir()) == [f"{stem}.html", f"{stem}.json"]
    report = json.loads((out / "pairs" / f"{stem}.json").read_text(encoding="utf-8"))
    assert report["format"] == "policydiff.comparison/1"
    page = index.read_text(encoding="utf-8")
    assert f'href="pairs/{stem}.html"' in page and f'href="pairs/{stem}.json"' in page
    assert "<svg" in page and "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    summary = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert summary["format"] == "policydiff.corpus/1"
    assert summary["comparisons"][0]["report"] == stem


def test_documents_are_accepted_and_the_index_escapes_their_text(tmp_path: Path) -> None:
    parent = policydiff.load(CITY)
    binhai = policydiff.load(BINHAI)
    hostile = replace(binhai, source="<img src=x onerror=alert(2)>.txt", metadata=replace(
        binhai.metadata, title=f"<script>alert(1)</script>{binhai.metadata.title}"))
    result = policydiff.corpus([parent, hostile], workers=1, progress=False)
    assert [p.source for p in result.parents(hostile.source)] == [parent.source]
    page = result.to_html()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    names = [p.name for p in (result.write(tmp_path / "out").parent / "pairs").iterdir()]
    assert all("<" not in name and "/" not in name for name in names)


def test_arguments_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        policydiff.corpus([TIANJIN], workers=0)
    with pytest.raises(ValueError, match="not both"):
        policydiff.corpus([TIANJIN], executor=ThreadPoolExecutor(1), scheduler="tcp://x:1")
    with pytest.raises(ValueError, match="cutoff"):
        policydiff.corpus([TIANJIN], cutoff=2)
    (tmp_path / "empty").mkdir()
    with pytest.raises(policydiff.InputError, match="no documents found"):
        policydiff.corpus([tmp_path / "empty"], workers=1)


def test_a_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(policydiff.PolicydiffError, match=r"policydiff\[dask\]"):
        policydiff.corpus([TIANJIN], scheduler="tcp://127.0.0.1:1", progress=False)


def test_progress_is_silent_when_stderr_is_not_a_terminal(
        capsys: pytest.CaptureFixture[str]) -> None:
    policydiff.corpus([CITY, BINHAI], workers=1, progress=True)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_frames(tianjin: policydiff.Corpus) -> None:
    pytest.importorskip("pandas")
    lineage = tianjin.lineage_frame()
    assert list(lineage.columns) == ["source", "title", "doc_number", "parent", "reuse", "cited",
                                     "unresolved_cites"]
    assert len(lineage) == len(tianjin.documents)        # one parent at most here
    assert lineage["cited"].sum() == 1
    reuse = tianjin.reuse_frame()
    assert list(reuse.columns) == ["document", "other", "share"] and len(reuse) == len(
        tianjin.reuse)
    targets = tianjin.targets_frame()
    assert list(targets.columns[:4]) == ["parent", "derived", "metric", "kind"]
    assert len(targets) == len(tianjin.targets)


# --- determinism across executors ----------------------------------------------------------------

def _small_corpus() -> list[Path]:
    sources = [TIANJIN]
    if CORPUS.exists():
        sources.append(CORPUS / "central-local")
    return sources


@pytest.fixture(scope="module")
def inline() -> policydiff.Corpus:
    return policydiff.corpus(_small_corpus(), workers=1, progress=False)


def _same(one: policydiff.Corpus, other: policydiff.Corpus, tmp_path: Path) -> None:
    assert one == other
    assert one.to_json() == other.to_json()
    one.write(tmp_path / "one")
    other.write(tmp_path / "other")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*"))
    assert files == sorted(p.relative_to(tmp_path / "other")
                           for p in (tmp_path / "other").rglob("*"))
    for name in files:
        if (tmp_path / "one" / name).is_file():
            assert ((tmp_path / "one" / name).read_bytes()
                    == (tmp_path / "other" / name).read_bytes()), name


def test_two_processes_give_the_same_bytes(inline: policydiff.Corpus, tmp_path: Path) -> None:
    _same(inline, policydiff.corpus(_small_corpus(), workers=2, progress=False), tmp_path)


def test_any_executor(inline: policydiff.Corpus, tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        _same(inline, policydiff.corpus(_small_corpus(), executor=pool, progress=False),
              tmp_path)


@needs_corpus
def test_central_local_lineage(inline: policydiff.Corpus) -> None:
    folder = CORPUS / "central-local"
    miit = str(folder / "miit-2021-97-icv-road-testing.txt")
    assert [p.source for p in inline.parents(str(folder / "qingdao-icv-road-testing-rules.txt"))
            ] == [miit]
    assert [p.source for p in inline.parents(str(folder / "jinan-icv-road-testing-measures.txt"))
            ] == [miit]
    assert [p.source for p in inline.parents(
        str(folder / "jinan-intelligent-construction-opinions.txt"))] == [
        str(folder / "mohurd-2020-60-intelligent-construction.txt")]
    assert len(inline.comparisons) == 4


def _dask() -> object:
    if os.environ.get("CI"):
        import distributed  # CI must have the dask extra installed
        return distributed
    return pytest.importorskip("distributed")


def test_a_dask_cluster_gives_the_same_results(inline: policydiff.Corpus,
                                               tmp_path: Path) -> None:
    distributed = _dask()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,  # type: ignore[attr-defined]
                                  dashboard_address=None) as cluster:
        by_address = policydiff.corpus(_small_corpus(), scheduler=cluster.scheduler_address,
                                       progress=False)
        with distributed.Client(cluster) as client:  # type: ignore[attr-defined]
            by_client = policydiff.corpus(_small_corpus(), scheduler=client, progress=False)
    _same(inline, by_address, tmp_path / "address")
    _same(inline, by_client, tmp_path / "client")


# --- the command ---------------------------------------------------------------------------------

def test_command_writes_the_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["corpus", str(TIANJIN), "-o", str(tmp_path / "out"), "--workers", "1",
                 "--quiet", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    assert captured.out.count("\n") == 1
    assert captured.out.startswith("5 documents, 1 skipped, 1 lineage edges")
    assert (tmp_path / "out" / "index.html").exists()
    assert (tmp_path / "out" / "lineage.json").exists()


def test_command_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["corpus", str(tmp_path / "empty"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policydiff: error: ") and err.count("\n") == 1
    assert main(["corpus", str(TIANJIN), "--workers", "0"]) == 2
    assert main(["corpus", str(TIANJIN), "--min-reuse", "1.5"]) == 2


def test_progress_bars_on_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from policydiff import corpora

    monkeypatch.setattr(corpora, "_is_terminal", lambda: True)
    policydiff.corpus([CITY, BINHAI], workers=1)
    err = capsys.readouterr().err
    assert "reading" in err and "comparing" in err
    policydiff.corpus([CITY, BINHAI], workers=1, progress=False)
    assert capsys.readouterr().err == ""


# --- odd folder entries, duplicates, file names that are not UTF-8 -----------------------------

def test_every_folder_entry_is_a_document_or_skipped_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CITY, folder / "city.txt")
    shutil.copy(BINHAI, folder / "binhai.txt")
    shutil.copy(BINHAI, folder / "binhai-copy.txt")              # identical: a duplicate
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "folder.txt").mkdir()
    gbk = os.fsdecode(b"\xcc\xec\xbd\xf2.txt")                    # 天津 in GBK bytes
    shutil.copy(CITY, os.path.join(os.fspath(folder), gbk))
    (folder / "city.txt").write_text(CITY.read_text(encoding="utf-8") + "\n附：说明。\n",
                                     encoding="utf-8")
    result = policydiff.corpus([folder], workers=1, progress=False)
    reasons = {Path(source).name: reason for source, reason in result.skipped}
    assert "fifo" in reasons["pipe.txt"]
    assert reasons["dangling.txt"] == "a broken symbolic link"
    assert reasons["loop.txt"] == "a symbolic link loop"
    assert reasons["folder.txt"] == "a directory, not a document"
    assert reasons["binhai.txt"].startswith("the same text as ")
    assert [Path(d).name for d, _ in result.duplicates] == ["binhai.txt"]
    assert [Path(o).name for _, o in result.duplicates] == ["binhai-copy.txt"]
    names = sorted(Path(d.source).name for d in result.documents)
    assert names == sorted(["binhai-copy.txt", "city.txt", gbk])
    out = result.write(tmp_path / "out").parent                      # never aborts on the name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "\ufffd" in page and "pipe.txt" in page
    json.loads((out / "lineage.json").read_text(encoding="utf-8"))
    assert all(p.stat().st_size > 0 for p in out.rglob("*") if p.is_file())


def test_an_encoding_for_every_file(tmp_path: Path) -> None:
    (tmp_path / "city.txt").write_bytes(CITY.read_text(encoding="utf-8").encode("gb18030"))
    (tmp_path / "binhai.txt").write_bytes(BINHAI.read_text(encoding="utf-8").encode("gb18030"))
    result = policydiff.corpus([tmp_path], workers=1, progress=False, encoding="gb18030")
    assert len(result.comparisons) == 1
    with pytest.raises(ValueError, match="encoding"):
        policydiff.corpus([tmp_path], workers=1, encoding="no-such-codec")


def test_the_workers_write_the_pair_reports(tmp_path: Path) -> None:
    result = policydiff.corpus([TIANJIN], workers=2, progress=False, output=tmp_path / "out")
    pairs = sorted(p.name for p in (tmp_path / "out" / "pairs").iterdir())
    assert len(pairs) == 2 * len(result.comparisons)
    result.write(tmp_path / "out", pairs=False)
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="chains"' in page and "置信度" in page


def test_chains_on_the_index_page() -> None:
    """national → city → district: the chain, and each target's value at every level."""
    from test_lineage import _family

    texts = _family(2, undated=False, keep_title=False)
    texts["city.md"] = texts["city.md"].replace(
        "第十条 安江市气象主管机构", "第十二条 到2020年，气象灾害预警覆盖率达到90%。\n\n第十条 安江市气象主管机构")
    for name in ("district-0.md", "district-1.md"):
        texts[name] = texts[name].replace("第十条 安江市气象主管机构",
                                          "第十二条 到2020年，气象灾害预警覆盖率达到95%。\n\n第十条 安江市气象主管机构")
    documents = [policydiff.parse(text, source=name) for name, text in sorted(texts.items())]
    result = policydiff.corpus(documents, workers=1, progress=False)
    assert result.chains == (("law.md", "city.md", "district-0.md"),
                             ("law.md", "city.md", "district-1.md"))
    assert json.loads(result.to_json())["chains"][0] == ["law.md", "city.md", "district-0.md"]
    rows = result.chain_targets(result.chains[0])
    assert any(row.values[1:] == ["90%", "95%"] and row.directions[1] == "tightened"
               for row in rows), rows
    page = result.to_html()
    assert 'id="chain-1"' in page and "95%" in page

"""Lineage and comparisons at scale: a synthetic corpus with known parents.

Real documents (national laws, the Tianjin plans, from ../shared/corpus, 5 000 to
17 000 characters, about the size of the flagship pair) are the originals. Each derived
document restates one of them, or one derived document before it (a chain), with known edits:
clauses dropped, reworded, localised (国务院 → 某市人民政府, 全国 → 全市), moved, targets changed
and local clauses inserted; half of them cite their parent (实施《…》办法, 根据《…》…制定本办法),
half
only copy it. Every run reads the files from disk and does the whole job: load, sketch,
lineage, a full comparison per lineage edge.

Each (size, workers) configuration runs in a fresh process, so its peak memory (RSS of the
main process and of the largest worker) and its caches are its own.

    python benchmarks/corpus_scale.py [--sizes 100 300 1000] [--workers 1 2] [--keep DIR]

Targets: lineage precision and recall >= 0.98; >= 10 full comparisons per second per core on
flagship-sized documents; cost close to linear in the number of documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import policydiff
except ModuleNotFoundError:                 # run from a checkout without `pip install .`
    sys.path.insert(0, str(ROOT))
    import policydiff
from policydiff import corpora  # noqa: E402  (after the sys.path fallback above)

CORPUS = ROOT.parent / "shared" / "corpus"
MIN_CHARS, MAX_CHARS = 5_000, 17_000
CHAIN_SHARE = 0.2          # derived documents whose parent is itself derived
CITE_SHARE = 0.5           # derived documents that cite their parent

_FRONT = {"title", "notice", "signature", "history", "toc", "table_header"}
_REWORDS = (("应当", "应"), ("加强", "强化"), ("推进", "推动"), ("建立", "建立健全"),
            ("有关部门", "相关部门"), ("组织", "组织实施"), ("支持", "大力支持"),
            ("鼓励", "积极鼓励"), ("管理", "监督管理"), ("提高", "不断提高"), ("完善", "健全"),
            ("保障", "保证"))
_NATIONAL_TERMS = (("国务院", "{place}人民政府"),
                   ("全国人民代表大会常务委员会", "{place}人民代表大会常务委员会"),
                   ("全国", "全{level}"), ("国家规定", "本{level}规定"),
                   ("县级以上地方人民政府", "{place}和所辖区人民政府"),
                   ("县级以上人民政府", "{place}和所辖区人民政府"), ("天津市", "{place}"),
                   ("全市", "全{level}"), ("本市", "本{level}"))
_LOCAL_CLAUSES = (
    "{place}{agency}应当于{year}年底前制定{task}配套措施，{metric}达到{n}%以上。",
    "{place}设立{task}专项资金，每年安排不少于{n}万元，用于{other_task}。",
    "{agency}应当建立{task}联席会议制度，每季度至少召开{k}次会议，研究解决{other_task}中的重大问题。",
    "到{year}年，{place}{metric}达到{n}%，新培育{task}示范单位{k}家。",
    "{place}鼓励社会力量参与{task}，对成绩显著的单位和个人给予表彰奖励。",
)
_AGENCIES = ("发展改革部门", "财政部门", "市场监管部门", "司法行政部门", "生态环境部门", "教育部门",
             "农业农村部门", "应急管理部门", "人力资源社会保障部门", "工业和信息化部门")
_TASKS = ("基层服务能力建设", "信息化平台建设", "人才队伍培养", "宣传教育培训", "标准体系建设",
          "监督检查", "应急处置演练", "示范创建", "跨区域协作", "诚信体系建设")
_METRICS = ("覆盖率", "达标率", "合格率", "满意度", "办结率", "到位率")
_FIRST = "安平永兴长宁新和清丰广嘉华泰福康盛德瑞祥"
_SECOND = "江川山海阳城原林湖泉州桥台岭溪源河坪峰湾"


def originals() -> list[Path]:
    """Real documents of flagship size that do not derive from one another."""
    found = []
    for path in sorted((CORPUS / "local-implementations" / "docs").glob("*.md")):
        if "实施" not in path.name:                       # national laws only
            found.append(path)
    found += [CORPUS / "tianjin" / name for name in (
        "2018-tianjin-city-certification-plan.txt", "2022-tianjin-certification-opinion.txt",
        "2023-tianjin-quality-action-plan.txt", "2024-dongli-quality-plan.txt")]
    # (not the MIIT rules: they cite 道路交通安全法, one of the laws, as their basis)
    found += [CORPUS / "law-versions" / "prc-administrative-review-law-2023.md"]
    return [p for p in found if p.exists()
            and MIN_CHARS <= len(policydiff.load(p).text) <= MAX_CHARS]


def places(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Distinct (place, level) names: 安江市/市, 平川区/区…"""
    names = [(f"{a}{b}{level}", level) for a in _FIRST for b in _SECOND for level in "市区县"]
    rng.shuffle(names)
    if count > len(names):                    # three-character names for larger corpora
        more = [(f"{a}{b}{c}{level}", level) for a in _FIRST for b in _SECOND for c in _SECOND
                for level in "市区县"]
        rng.shuffle(more)
        names += more
    if count > len(names):
        raise SystemExit(f"at most {len(names)} derived documents")
    return names[:count]


def loose(title: str, number: str | None, date: str | None, rng: random.Random) -> str:
    """``title`` as people cite it: a law without 中华人民共和国 or with its version
    （2018年修正）; another document without its issuer, in a 关于印发…的通知 wrapper with
    〈〉 or <> nesting, with its 文号 inside or a （试行） suffix."""
    if title.startswith("中华人民共和国"):
        forms = [title.removeprefix("中华人民共和国"), f"{title}（{(date or '2018')[:4]}年修正）"]
    else:
        forms = [f"关于印发〈{title}〉的通知", f"关于印发<{title}>的通知", f"{title}（试行）",
                 re.sub(r"^[\u4e00-\u9fff]{2,12}?(?:人民政府|委员会|办公厅)?(?=关于)", "", title)]
        if number:
            forms.append(f"{title}（{number}）")
    return rng.choice(forms)


def derive(parent: policydiff.Document, parent_title: str, place: str, level: str,
           date: str | None, cite: bool, chained: bool, rng: random.Random, *,
           keep_title: bool = False, cite_as: str | None = None) -> tuple[str, str]:
    """(title, markdown text) of a document restating ``parent`` for ``place``: undated when
    ``date`` is None, titled as its parent when ``keep_title``, citing ``cite_as`` (default the
    parent's title) when ``cite``."""
    cite_as = cite_as or parent_title
    topic = re.sub(r"[《》]|中华人民共和国|^[\u4e00-\u9fff]{1,6}?[省市区县](?=实施|关于)"
                   r"|关于|贯彻落实|实施|(?:的)?(?:若干规定|办法|细则|方案|意见|规定|规范|纲要)$",
                   "", parent_title) or "相关工作"
    if keep_title:
        title = parent_title
    elif cite:
        title = (f"{place}关于贯彻落实《{cite_as}》的实施细则" if chained
                 else f"{place}实施《{cite_as}》办法")
    else:
        title = f"{place}{topic}{'实施细则' if chained else '管理办法'}"
    year = int((date or "2020")[:4])
    lines = []
    if cite:
        lines.append(f"第一条 根据《{cite_as}》，结合本{level}实际，制定本办法。")
    for index, text in enumerate(_body_lines(parent)):
        roll = rng.random()
        if not text.strip():
            lines.append(text)
            continue
        if cite and index == 0:
            continue                                      # replaced by the citing first article
        if roll < 0.08:
            continue                                      # dropped
        for national, local in _NATIONAL_TERMS:           # localised
            text = text.replace(national, local.format(place=place, level=level))
        if roll > 0.85:                                   # reworded
            for old, new in rng.sample(_REWORDS, 4):
                text = text.replace(old, new, 1)
            if "，" in text and rng.random() < 0.5:
                text = text[:text.rindex("，")] + "。"
        if rng.random() < 0.15:                           # a target moves
            text = re.sub(r"(\d+)%", lambda m: f"{int(m.group(1)) + rng.randint(1, 5)}%", text,
                          count=1)
        lines.append(text)
        if rng.random() < 0.06:                           # a local clause added
            lines.append(rng.choice(_LOCAL_CLAUSES).format(
                place=place, agency=rng.choice(_AGENCIES), year=year + rng.randint(1, 5),
                metric=rng.choice(_METRICS), n=rng.randint(60, 99),
                k=rng.randint(2, 9), task=rng.choice(_TASKS), other_task=rng.choice(_TASKS)))
        if len(lines) > 3 and rng.random() < 0.03:        # two lines swap places
            lines[-1], lines[-2] = lines[-2], lines[-1]
    if date:
        when = dt.date.fromisoformat(date)
        header = (f"# {title}\n\n{when.year}年{when.month}月{when.day}日 {place}人民代表大会"
                  f"常务委员会第{rng.randint(2, 40)}次会议通过\n\n<!-- INFO END -->\n\n")
    else:
        header = f"# {title}\n\n<!-- INFO END -->\n\n"
    return title, header + "\n".join(lines).strip() + "\n"


def _body_lines(document: policydiff.Document) -> list[str]:
    """The lines of the document's text outside its front matter, signatures and page
    furniture, as written (tables keep their layout)."""
    hidden = [(c.start, c.end) for c in document.clauses if c.kind in _FRONT]
    hidden += [(s.start, s.end) for s in document.skipped if s.reason != "blank"]
    lines = []
    offset = 0
    for line in document.text.splitlines(keepends=True):
        if not any(start <= offset < end for start, end in hidden):
            lines.append(line.rstrip("\r\n"))
        offset += len(line)
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def generate(size: int, out: Path, seed: int = 7) -> dict[str, str | None]:
    """Write a corpus of ``size`` documents to ``out``; returns {file name: parent file name}."""
    rng = random.Random(seed)
    sources = originals()
    count = min(len(sources), max(8, size // 12))
    chosen = sorted(rng.sample(sources, count), key=lambda p: p.name)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, str | None] = {}
    pool = []                      # (file name, Document, title, date)
    for path in chosen:
        document = policydiff.load(path)
        name = path.name
        (out / name).write_text(document.text, encoding="utf-8")
        truth[name] = None
        title = document.metadata.title or document.metadata.notice_title or path.stem
        pool.append((name, document, title, document.metadata.date or "2020-01-01"))
    originals_count = len(pool)
    for number, (place, level) in enumerate(places(size - count, rng), 1):
        chained = len(pool) > originals_count and rng.random() < CHAIN_SHARE
        parent_name, parent, parent_title, parent_date = (
            rng.choice(pool[originals_count:]) if chained else rng.choice(pool[:originals_count]))
        date = (dt.date.fromisoformat(parent_date) + dt.timedelta(days=rng.randint(30, 900)))
        title, text = derive(parent, parent_title, place, level, date.isoformat(),
                             rng.random() < CITE_SHARE, chained, rng)
        name = f"derived-{number:04d}.md"
        (out / name).write_text(text, encoding="utf-8")
        truth[name] = parent_name
        pool.append((name, policydiff.load(out / name), title, date.isoformat()))
    return truth


KEEP_TITLE_SHARE = 0.25    # sibling mode: derived documents titled as their (local) parent
UNDATED_SHARE = 0.25       # sibling mode: derived documents without a date
LOOSE_SHARE = 0.7          # sibling mode: citing documents that cite a loose form of the title


def generate_siblings(size: int, out: Path, seed: int = 7) -> dict[str, str | None]:
    """A corpus in which every source has 2-5 derived documents (siblings), which in turn
    have 2-5 each (chains national → city → district…); some derived documents keep their
    parent's title, some are undated, some cite their parent by a loose title."""
    rng = random.Random(seed)
    sources = originals()
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, str | None] = {}
    pool: list[tuple[str, policydiff.Document, str, str, str | None, bool]] = []
    count = min(len(sources), max(4, size // 20))
    for path in sorted(rng.sample(sources, count), key=lambda p: p.name):
        document = policydiff.load(path)
        (out / path.name).write_text(document.text, encoding="utf-8")
        truth[path.name] = None
        title = document.metadata.title or document.metadata.notice_title or path.stem
        if re.search("[《》〈〉]", title):            # a title the parser took from a history line
            title = "中华人民共和国" + re.sub(r"\(.*\)$", "", path.stem)
        pool.append((path.name, document, title, document.metadata.date or "2000-01-01",
                     document.metadata.doc_number, False))
    names = iter(places(size - count, rng))
    queue = list(range(len(pool)))
    number = 0
    while len(truth) < size and queue:
        parent_index = queue.pop(0)
        parent_name, parent, parent_title, parent_date, parent_number, local = pool[parent_index]
        for _ in range(rng.randint(2, 5)):
            if len(truth) >= size:
                break
            place, level = next(names)
            number += 1
            date = (dt.date.fromisoformat(parent_date)
                    + dt.timedelta(days=rng.randint(30, 900))).isoformat()
            # a district reissuing a plan under its title; not an act whose title names the
            # law it implements (实施《…》办法): the law stays its parent too
            keep = local and "《" not in parent_title and rng.random() < KEEP_TITLE_SHARE
            cite = not keep and rng.random() < CITE_SHARE
            cite_as = (loose(parent_title, parent_number, parent_date, rng)
                       if rng.random() < LOOSE_SHARE else parent_title)
            undated = rng.random() < UNDATED_SHARE
            title, text = derive(parent, parent_title, place, level,
                                 None if undated else date, cite, local, rng,
                                 keep_title=keep, cite_as=cite_as)
            name = f"derived-{number:05d}.md"
            (out / name).write_text(text, encoding="utf-8")
            truth[name] = parent_name
            pool.append((name, policydiff.load(out / name), title, date, None, True))
            queue.append(len(pool) - 1)
    return truth


def run_lineage(directory: Path, workers: int, sample: int) -> dict[str, object]:
    """Load, sketch and lineage of the whole corpus, then full comparisons of ``sample``
    lineage edges (spread over the corpus) for comparisons per second: at 3,000 and 10,000
    documents comparing every edge would take an hour on this machine."""
    from policydiff import lineage as lineage_module

    start = time.perf_counter()
    paths, _, skipped = corpora._expand([directory])
    with ExitStack() as stack:
        scheduler = None
        if workers < 0:                            # the Dask path: a LocalCluster
            import distributed

            scheduler = stack.enter_context(distributed.LocalCluster(
                n_workers=-workers, threads_per_worker=1, processes=True,
                dashboard_address=None)).scheduler_address
        pool = stack.enter_context(corpora._executor(None, scheduler,
                                                     None if scheduler else workers))
        loaded = corpora._run(pool, corpora._load, [(p, None) for p in paths], "reading", False)
        read = time.perf_counter() - start
        sketched = [(d, s) for d, s, _ in loaded if d is not None]
        documents, sketches, _ = corpora._unique(sketched, skipped)  # type: ignore[arg-type]
        middle = time.perf_counter()
        records, reuse = lineage_module.infer(documents, sketches)
        lineage_s = time.perf_counter() - middle
        by_source = {d.source: d for d in documents}
        edges = sorted((p.source, r.source) for r in records for p in r.parents)
        chosen = edges[::max(1, len(edges) // sample)][:sample] if sample else []
        middle = time.perf_counter()
        corpora._run(pool, corpora._compare, [(by_source[p], by_source[d], 0.5)
                                              for p, d in chosen], "comparing", False)
        compare_s = time.perf_counter() - middle
    result = _score(directory, {(Path(p).name, Path(d).name) for p, d in edges})
    result["edges_digest"] = hashlib.sha256(json.dumps(edges).encode()).hexdigest()[:12]
    result.update({"documents": len(documents), "edges": len(edges), "read_s": round(read, 2),
                   "lineage_s": round(lineage_s, 2), "compared": len(chosen),
                   "compare_s": round(compare_s, 2), "reuse_records": len(reuse),
                   "chars_per_document": round(sum(len(d.text) for d in documents)
                                               / max(len(documents), 1)),
                   "wall_s": round(time.perf_counter() - start, 2),
                   "peak_main_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                          / 1024),
                   "peak_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN)
                                            .ru_maxrss / 1024)})
    return result


def _score(directory: Path, predicted: set[tuple[str, str]]) -> dict[str, object]:
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    expected = {(parent, child) for child, parent in truth.items() if parent}
    hits = len(predicted & expected)
    return {"precision": round(hits / len(predicted), 4) if predicted else 1.0,
            "recall": round(hits / len(expected), 4) if expected else 1.0,
            "missed": sorted(f"{c} <- {p}" for p, c in expected - predicted)[:5],
            "wrong": sorted(f"{c} <- {p}" for p, c in predicted - expected)[:5]}


def run_one(directory: Path, workers: int) -> dict[str, object]:
    """One timed run in this process; phases timed by wrapping the task runner."""
    phases: dict[str, float] = {}
    run = corpora._run

    def timed(pool, function, tasks, label, show):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return run(pool, function, tasks, label, show)
        finally:
            phases[label] = time.perf_counter() - start

    corpora._run = timed  # type: ignore[assignment]
    start = time.perf_counter()
    cpu = time.process_time()
    result = policydiff.corpus([directory], workers=workers, progress=False)
    wall = time.perf_counter() - start
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    predicted = {(Path(p.source).name, Path(r.source).name)
                 for r in result.lineage for p in r.parents}
    expected = {(parent, child) for child, parent in truth.items() if parent}
    hits = len(predicted & expected)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    chars = sum(len(d.text) for d in result.documents)
    return {"documents": len(result.documents), "skipped": len(result.skipped),
            "chars_per_document": round(chars / max(len(result.documents), 1)),
            "edges": len(result.comparisons), "wall_s": round(wall, 2),
            "main_cpu_s": round(time.process_time() - cpu, 2),
            "read_s": round(phases.get("reading", 0.0), 2),
            "compare_s": round(phases.get("comparing", 0.0), 2),
            "lineage_s": round(wall - phases.get("reading", 0.0) - phases.get("comparing", 0.0),
                               2),
            "precision": round(hits / len(predicted), 4) if predicted else 1.0,
            "recall": round(hits / len(expected), 4) if expected else 1.0,
            "peak_main_mib": round(self_rss), "peak_worker_mib": round(child_rss),
            "missed": sorted(f"{c} <- {p}" for p, c in expected - predicted)[:5],
            "wrong": sorted(f"{c} <- {p}" for p, c in predicted - expected)[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts; -N: a Dask LocalCluster of N workers "
                             "(with --lineage-only)")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    parser.add_argument("--mode", choices=("plain", "sibling"), default="plain",
                        help="sibling: 2-5 derived documents per source, some keeping its "
                             "title, some undated, some citing it loosely")
    parser.add_argument("--lineage-only", type=int, metavar="SAMPLE", default=None,
                        help="lineage of the whole corpus, full comparisons of SAMPLE edges")
    parser.add_argument("--one", nargs=3, metavar=("DIR", "WORKERS", "SAMPLE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sample = int(args.one[2])
        result = (run_lineage(Path(args.one[0]), int(args.one[1]), sample) if sample >= 0
                  else run_one(Path(args.one[0]), int(args.one[1])))
        print(json.dumps(result))
        return
    base = args.keep or Path(tempfile.mkdtemp(prefix="policydiff-corpus-"))
    print(f"{'docs':>5} {'workers':>7} {'edges':>5} {'wall s':>7} {'read s':>6} {'lineage s':>9} "
          f"{'compare s':>9} {'docs/s':>7} {'pairs/s':>7} {'precision':>9} {'recall':>6} "
          f"{'main MiB':>8} {'worker MiB':>10}")
    for size in args.sizes:
        directory = base / f"{args.mode}-{size}"
        if not (directory / "truth.json").exists():
            truth = (generate_siblings if args.mode == "sibling" else generate)(size, directory)
            (directory / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                  encoding="utf-8")
        for workers in args.workers:
            output = subprocess.run(
                [sys.executable, __file__, "--one", str(directory), str(workers),
                 str(-1 if args.lineage_only is None else args.lineage_only)],
                capture_output=True, text=True, check=True).stdout
            r = json.loads(output.strip().splitlines()[-1])
            print(f"{r['documents']:>5} {workers:>7} {r['edges']:>5} {r['wall_s']:>7.1f} "
                  f"{r['read_s']:>6.1f} {r['lineage_s']:>9.1f} {r['compare_s']:>9.1f} "
                  f"{r['documents'] / r['wall_s']:>7.1f} "
                  f"{r.get('compared', r['edges']) / max(r['compare_s'], 1e-9):>7.1f} "
                  f"{r['precision']:>9.3f} {r['recall']:>6.3f} {r['peak_main_mib']:>8} "
                  f"{r['peak_worker_mib']:>10}", flush=True)
            if "edges_digest" in r:
                print(f"      lineage edges digest {r['edges_digest']} (equal digests: the same "
                      "edges)", flush=True)
            if r["missed"] or r["wrong"]:
                print(f"      missed {r['missed']}  wrong {r['wrong']}", flush=True)
    print(f"(average document: {r['chars_per_document']} characters; corpora in {base})")


if __name__ == "__main__":
    main()

"""Derived documents with known edits, for measuring ``policydiff.compare``.

``derive(text, seed)`` takes a real document and applies clause-level edits a district or a
revision would make: drop clauses, insert clauses taken from an unrelated document, reword,
merge two adjacent clauses, split one at a sentence end, move one elsewhere, localise
(本市 -> 本区, 市X局 -> 区X局), change a target (a rate up or down, a count rescaled) or a
deadline year. It returns the derived text and a :class:`Truth` saying where every piece of the
derived text comes from (original clause ids, by offsets in the derived text), which clauses were
dropped and which target changes a reader should find.

``score(comparison, truth)`` counts what ``compare(text, derived)`` got right. Only the original's
clause boundaries come from policydiff (its parser); which derived text restates which clause is
known by construction, never taken from the aligner.

    >>> derived, truth = derive(text, seed=3)
    >>> counts = score(compare(truth.parent_text, derived), truth)
    >>> counts.link_recall, counts.link_precision

``derive(text, seed, perturb=True)`` also changes the layout the way a copy from a web page or a
PDF does, after the edits: tab indents dropped, blank lines added between some clauses, full-width
and half-width punctuation swapped (，↔, ：↔: ；↔; （）↔()) on some lines, and every table
written one cell per line with tabs re-laid out in one of :data:`LAYOUTS`. Nothing is added or
removed but whitespace and table separators, so the truth is the same kind of truth: a perfect
comparison reports no more adds and drops than without perturbation. The default
(``perturb=False``) gives exactly the documents it always gave. ``relayout(text, layout)``
re-lays out the tables of a text alone.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from policydiff import load

EDITS: Mapping[str, int] = {"drop": 2, "insert": 2, "reword": 2, "merge": 1, "split": 1,
                            "move": 1, "localize": 1, "target": 1, "deadline": 1}
"""Default edits per derived document (each applied when the document offers a clause for it)."""

EDITABLE_KINDS = frozenset({"body", "list_item", "preamble"})   # never boxes or tables
MIN_LENGTH = 15                 # shorter clauses (headings, items like 一、警告。) stay as they are
MIN_HAN = 10                    # …and so do lines of blanks and numbers (________ 年 月 日)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_documents() -> list[Path]:
    """The documents the generator is meant for: Tianjin 2022-2024, central-local, law versions
    (../shared/corpus), or the Tianjin examples when the shared corpus is missing."""
    if CORPUS.exists():
        tianjin = [CORPUS / "tianjin" / f for f in ("2022-tianjin-certification-opinion.txt",
                                                    "2023-tianjin-quality-action-plan.txt",
                                                    "2024-dongli-quality-plan.txt")]
        return (tianjin + sorted((CORPUS / "central-local").glob("*.txt"))
                + sorted((CORPUS / "law-versions").glob("*.md")))
    return sorted(p for p in (ROOT / "examples" / "tianjin").glob("202[234]-*.txt"))


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the derived text (offsets of its non-blank content) and where it came from."""

    start: int
    end: int
    sources: tuple[str, ...]    # original clause ids; () for inserted text
    op: str     # keep, reword, localize, target, deadline, move, merge, split or insert


@dataclass(frozen=True, slots=True)
class TargetEdit:
    source: str                 # original clause id
    kind: str                   # "target" | "deadline"
    before: float
    after: float
    unit: str
    direction: str              # what the contract says: tightened | loosened | rescaled
    before_text: str
    after_text: str


@dataclass(frozen=True, slots=True)
class Truth:
    parent_text: str            # the original as policydiff reads it (clause offsets refer to it)
    segments: tuple[Segment, ...]
    dropped: tuple[str, ...]
    moved: tuple[str, ...]
    targets: tuple[TargetEdit, ...]
    edits: tuple[tuple[str, tuple[str, ...]], ...]     # (op, original clause ids) in order applied

    def sources(self, start: int, end: int) -> frozenset[str]:
        """Original clause ids restated by derived text [start, end): those of every segment
        that overlaps it by at least half of the shorter of the two."""
        found: set[str] = set()
        for seg in self._overlapping(start, end):
            overlap = min(end, seg.end) - max(start, seg.start)
            if overlap * 2 >= min(end - start, seg.end - seg.start):
                found.update(seg.sources)
        return frozenset(found)

    def ops(self, start: int, end: int) -> frozenset[str]:
        return frozenset(seg.op for seg in self._overlapping(start, end))

    def _overlapping(self, start: int, end: int) -> list[Segment]:
        """Segments overlapping [start, end); segments are sorted and disjoint."""
        i = bisect_right([seg.start for seg in self.segments], end - 1)
        found = []
        while i > 0 and self.segments[i - 1].end > start:
            i -= 1
            if self.segments[i].start < end:
                found.append(self.segments[i])
        return found


@dataclass
class _Line:
    text: str
    segs: list[tuple[int, int, str]]        # (start, end) within text, clause id
    op: str = "keep"
    clause: str | None = None               # the one clause filling the whole line, if editable
    kind: str = ""
    used: bool = False


# --- vocabularies ----------------------------------------------------------------------------

REWORDINGS: Mapping[str, str] = {
    "加强": "强化", "推进": "推动", "完善": "健全", "提升": "提高", "积极": "大力", "鼓励": "支持",
    "建立": "构建", "深化": "深入推进", "进一步": "持续", "有效": "切实", "全面": "全方位",
    "促进": "助推", "应当": "须", "依照": "按照", "有关": "相关", "或者": "或", "以及": "及",
    "组织": "统筹", "开展": "实施", "培育": "扶持",
}
_REWORD_RE = re.compile("|".join(sorted(map(re.escape, REWORDINGS), key=len, reverse=True)))

_LOCAL_TERMS = {"本市": "本区", "全市": "全区", "我市": "我区"}
_LOCAL_RE = re.compile("|".join(map(re.escape, sorted(_LOCAL_TERMS, key=len, reverse=True))))
# The city's own bodies, named at the start of a phrase (after punctuation or at a line start):
# 市商务局 -> 区商务局, 市人民政府 -> 区人民政府; never 城市, 直辖市, 省、市级, 市场.
_BUREAU_RE = re.compile(r"(?<![\u4e00-\u9fff])(?<!省、)市(?![场民级县区])"
                        r"(?=[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办|人民政府|政府))")

_MIN_BEFORE = ("达到", "不低于", "不少于", "超过", "突破", "稳定在", "保持在", "提高到", "提升到",
               "提高至", "提升至", "增至", "至少", "累计")
_MAX_BEFORE = ("不超过", "不高于", "低于", "控制在", "降至", "降到")
_RATE_RE = re.compile(r"(?<![0-9.])(?P<num>[0-9]{1,3}(?:\.[0-9]+)?)%(?P<suffix>以上|以下|以内)?")
_COUNT_UNITS = ("家", "个", "件", "项", "所", "座", "条", "名", "户", "台", "套")
_COUNT_RE = re.compile(r"(?<![0-9.年])(?P<num>[1-9][0-9]{1,5})(?P<unit>"
                       + "|".join(_COUNT_UNITS) + r")(?P<suffix>以上)?")
# A deadline: 到2025年(底), or 2025年(底)前, in a sentence with no quantity; without 前 the
# sentence must also say what is to be done by then (a completion verb).
_DEADLINE_RE = re.compile(r"(?:(?<=到)|(?<=至))(?P<year>20[0-9]{2})年(?:年?底|年?末)?(?![0-9月—-])"
                          r"|(?<![0-9—-])(?P<year2>20[0-9]{2})年(?:年?底|年?末)?(?:以前|之前|前)")
_COMPLETION_RE = re.compile("完成|建成|实现|建立|出台|制定|形成|覆盖|启动|上线|投入使用")
_SENTENCE_END = "。；;！？!?"
_LEAD_MARK = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇]+[条條]\s*"
                        r"|[（(][一二三四五六七八九十0-9]+[)）]"
                        r"|[一二三四五六七八九十]+、|[0-9]+[.．、])")

# Paragraphs from public documents on other subjects (MIIT/MPS/MOT 2021 ICV road testing rules,
# MOHURD 2020 intelligent construction opinions, PRC Company Law 2018), marks removed. The pool
# sharing the fewest character bigrams with the document supplies its insertions.
DONORS: Mapping[str, tuple[str, ...]] = {
    "icv": (
        "本规范所称道路测试，是指在公路（包括高速公路）、城市道路、区域范围内等用于社会机动车通行的各类道路指定的路段进行的智能网联汽车自动驾驶功能测试活动。",
        "本规范所称测试区（场），是指在固定区域设置的具有封闭物理界限及智能网联汽车自动驾驶功能测试所需道路、网联等设施及环境条件的场地。",
        "工业和信息化部、公安部和交通运输部建立联合工作机制，推动和促进智能网联汽车道路测试与示范应用工作并发布相关信息。",
        "道路测试、示范应用驾驶人是指经道路测试、示范应用主体授权负责道路测试、示范应用安全运行，并在出现紧急情况时从车内采取应急措施的人员。",
    ),
    "construction": (
        "节能环保，绿色发展。在建筑工业化、数字化、智能化升级过程中，注重能源资源节约和生态环境保护，严格标准规范，提高能源资源利用效率。",
        "跨界融合，协同创新。建立健全跨领域跨行业协同创新体系，推动智能建造核心技术联合攻关与示范应用，促进科技成果转化应用。",
        "建立评估机制。各地要适时对智能建造与建筑工业化协同发展相关政策的实施情况进行评估，重点评估智能建造发展目标落实与完成情况、产业发展情况、政策出台情况、标准规范编制情况等，并通报结果。",
        "自主研发，开放合作。大力提升企业自主研发能力，掌握智能建造关键核心技术，完善产业链条，强化网络和信息安全管理，加强信息基础设施安全保障，促进国际交流合作。",
    ),
    "company": (
        "有限责任公司的股东以其认缴的出资额为限对公司承担责任；股份有限公司的股东以其认购的股份为限对公司承担责任。",
        "公司可以设立分公司。设立分公司，应当向公司登记机关申请登记，领取营业执照。分公司不具有法人资格，其民事责任由公司承担。",
        "公司法定代表人依照公司章程的规定，由董事长、执行董事或者经理担任，并依法登记。公司法定代表人变更，应当办理变更登记。",
        "有限责任公司变更为股份有限公司，应当符合本法规定的股份有限公司的条件。股份有限公司变更为有限责任公司，应当符合本法规定的有限责任公司的条件。",
    ),
}


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def donors_for(text: str) -> tuple[str, ...]:
    """The donor pool least related to ``text`` (fewest shared character bigrams)."""
    grams = _bigrams(text)
    return min(DONORS.values(),
               key=lambda pool: len(grams & _bigrams("".join(pool))) / len(_bigrams("".join(pool))))


# --- the generator ---------------------------------------------------------------------------


def derive(document_text: str, seed: int, *,
           edits: Mapping[str, int] | Iterable[str] = EDITS,
           donors: Sequence[str] | None = None, perturb: bool = False) -> tuple[str, Truth]:
    """Apply ``edits`` (op -> count, or a list of ops) chosen by ``seed`` to ``document_text``.

    Each clause is edited at most once; an edit the document offers no clause for is skipped
    (``truth.edits`` lists those applied). Returns the derived text and its :class:`Truth`.
    """
    document = load(document_text)
    text = document.text
    rng = random.Random(seed)
    lines = _lines(text, document.clauses)
    plan = list(edits.items()) if isinstance(edits, Mapping) else [(op, 1) for op in edits]
    pool = list(donors) if donors is not None else list(donors_for(text))
    rng.shuffle(pool)
    dropped: list[str] = []
    moved: list[str] = []
    targets: list[TargetEdit] = []
    applied: list[tuple[str, tuple[str, ...]]] = []
    for op, count in plan:
        for _ in range(count):
            done = _APPLY[op](lines, rng, pool=pool, dropped=dropped, moved=moved,
                              targets=targets)
            if done is not None:
                applied.append((op, done))
    if perturb:
        lines = _perturb(lines, random.Random(f"layout-{seed}"))

    out: list[str] = []
    segments: list[Segment] = []
    position = 0
    for line in lines:
        for start, end, clause in line.segs:
            sources = (clause,) if clause else ()
            segments.append(Segment(position + start, position + end, sources, line.op))
        if not line.segs and line.op == "insert":
            segments.append(Segment(position, position + len(line.text), (), "insert"))
        out.append(line.text)
        position += len(line.text) + 1
    derived = "\n".join(out)
    return derived, Truth(text, tuple(segments), tuple(dropped), tuple(moved), tuple(targets),
                          tuple(applied))


def _lines(text: str, clauses: Sequence[Any]) -> list[_Line]:
    """The text as lines, each with the clause pieces it holds; a line that one editable clause
    fills on its own is editable."""
    lines: list[_Line] = []
    position = 0
    ordered = sorted(clauses, key=lambda c: c.start)
    # A clause whose words recur elsewhere ((八)法律、行政法规规定的其他条件。 in three articles)
    # is left alone: which copy an edit touched would be a guess for any reader.
    seen = Counter(_words(c.text) for c in ordered)
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        segs = []
        for clause in ordered:
            if clause.end <= start:
                continue
            if clause.start >= end:
                break
            lo, hi = max(start, clause.start), min(end, clause.end)
            piece = text[lo:hi]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                segs.append((lo - start + lead, lo - start + len(piece.rstrip()), clause.id))
        line = _Line(raw, segs)
        if len(segs) == 1:
            clause = next(c for c in ordered if c.id == segs[0][2])
            if (clause.kind in EDITABLE_KINDS and len(clause.text) >= MIN_LENGTH
                    and len(_HAN.findall(clause.text)) >= MIN_HAN
                    and seen[_words(clause.text)] == 1
                    and raw.strip() == text[clause.start:clause.end].strip()):
                line.clause, line.kind = clause.id, clause.kind
        lines.append(line)
        position = end + 1
    return lines


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _words(text: str) -> str:
    """The text without its enumeration mark, punctuation and spaces."""
    return "".join(_HAN.findall(_LEAD_MARK.sub("", text))) + "".join(re.findall(r"[0-9A-Za-z]",
                                                                                text))


def _editable(lines: list[_Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.clause and not line.used]


def _set(line: _Line, text: str, op: str) -> None:
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    line.text = text
    line.segs = [(lead, lead + len(stripped), line.clause or "")]
    line.op = op
    line.used = True


def _drop(lines, rng, *, dropped, **_):
    candidates = _editable(lines)
    if not candidates:
        return None
    i = rng.choice(candidates)
    clause = lines[i].clause
    del lines[i]
    dropped.append(clause)
    return (clause,)


def _insert(lines, rng, *, pool, **_):
    candidates = _editable(lines)
    if not candidates or not pool:
        return None
    i = rng.choice(candidates)
    text = pool.pop()
    new = _Line(text, [], op="insert", used=True)
    lines.insert(i + 1, new)
    return ()


def _reword(lines, rng, **_):
    candidates = [i for i in _editable(lines) if len(_REWORD_RE.findall(lines[i].text)) >= 2]
    if not candidates:
        return None
    i = rng.choice(candidates)
    matches = list(_REWORD_RE.finditer(lines[i].text))
    chosen = set(rng.sample(range(len(matches)), min(len(matches), rng.choice((2, 3)))))
    counter = iter(range(len(matches)))

    def swap(match: re.Match[str]) -> str:
        return REWORDINGS[match.group(0)] if next(counter) in chosen else match.group(0)
    _set(lines[i], _REWORD_RE.sub(swap, lines[i].text), "reword")
    return (lines[i].clause,)


def localize(text: str) -> str:
    """本市 -> 本区, 全市 -> 全区, 市X局 -> 区X局 …"""
    text = _LOCAL_RE.sub(lambda m: _LOCAL_TERMS[m.group(0)], text)
    return _BUREAU_RE.sub("区", text)


def _localize(lines, rng, **_):
    candidates = [i for i in _editable(lines) if localize(lines[i].text) != lines[i].text]
    if not candidates:
        return None
    i = rng.choice(candidates)
    _set(lines[i], localize(lines[i].text), "localize")
    return (lines[i].clause,)


def _bound_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 8):start]
    if any(window.endswith(w) or w in window[-len(w) - 2:] for w in _MAX_BEFORE):
        return "max"
    if any(window.endswith(w) or w in window[-len(w) - 2:] for w in _MIN_BEFORE):
        return "min"
    return None


def _target_choices(text: str) -> list[tuple[int, int, str, float, str, str]]:
    """(start, end, new text, new value, unit, direction) for each quantity we can change
    unambiguously; one per quantity."""
    found = []
    for m in _RATE_RE.finditer(text):
        value = float(m.group("num"))
        bound = {"以上": "min", "以下": "max", "以内": "max"}.get(m.group("suffix") or "")
        bound = bound or _bound_before(text, m.start())
        if bound is None or not 0 < value <= 100:
            continue
        found.append((m.start(), m.end(), "%", value, bound, m.group("suffix") or ""))
    for m in _COUNT_RE.finditer(text):
        bound = "min" if m.group("suffix") else _bound_before(text, m.start())
        if bound != "min":
            continue
        found.append((m.start(), m.end(), m.group("unit"), float(m.group("num")), bound,
                      m.group("suffix") or ""))
    return found


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _target(lines, rng, *, targets, **_):
    candidates = [(i, q) for i in _editable(lines) for q in _target_choices(lines[i].text)]
    if not candidates:
        return None
    i, (start, end, unit, value, bound, suffix) = rng.choice(candidates)
    text = lines[i].text
    if unit == "%":
        step = rng.choice((1, 2, 3, 5))
        up = rng.random() < 0.5 if value + step <= 100 else False
        if not up and value - step <= 0:
            up = True
        new = round(value + step if up else value - step, 6)
        direction = "tightened" if up == (bound == "min") else "loosened"
    else:
        up = rng.random() < 0.3
        new = value * rng.choice((2, 3)) if up else max(1.0, float(round(value * rng.choice(
            (0.1, 0.2, 0.5)))))
        if new == value:
            new = value + 1
            up = True
        direction = "tightened" if up else "rescaled"
    new_text = f"{_number(new)}{unit}{suffix}"
    _set(lines[i], text[:start] + new_text + text[end:], "target")
    targets.append(TargetEdit(lines[i].clause, "target", value, new, unit, direction,
                              text[start:end], new_text))
    return (lines[i].clause,)


def _sentence(text: str, start: int) -> str:
    lo = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    his = [p for p in (text.find(ch, start) for ch in _SENTENCE_END) if p >= 0]
    return text[lo:min(his) if his else len(text)]


def _is_deadline(text: str, match: re.Match[str]) -> bool:
    sentence = _sentence(text, match.start())
    if _RATE_RE.search(sentence) or _COUNT_RE.search(sentence) or "《" in sentence:
        return False
    return bool(match.group("year2") or _COMPLETION_RE.search(sentence))


def _deadline(lines, rng, *, targets, **_):
    candidates = [(i, m) for i in _editable(lines) for m in _DEADLINE_RE.finditer(lines[i].text)
                  if _is_deadline(lines[i].text, m)]
    if not candidates:
        return None
    i, m = rng.choice(candidates)
    group = "year" if m.group("year") else "year2"
    year = int(m.group(group))
    new = year + rng.choice((-2, -1, 1, 2))
    text = lines[i].text
    _set(lines[i], text[:m.start(group)] + str(new) + text[m.end(group):], "deadline")
    targets.append(TargetEdit(lines[i].clause, "deadline", year, new, "年",
                              "tightened" if new < year else "loosened",
                              m.group(0), m.group(0).replace(str(year), str(new))))
    return (lines[i].clause,)


def _merge(lines, rng, **_):
    editable = _editable(lines)
    pairs = []
    for a, b in pairwise(editable):
        if lines[a].kind == lines[b].kind and all(not lines[k].text.strip()
                                                  for k in range(a + 1, b)):
            pairs.append((a, b))
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    first, second = lines[a], lines[b]
    tail = _LEAD_MARK.sub("", second.text).strip()
    joined = first.text.rstrip() + tail
    lead = len(first.text) - len(first.text.lstrip())
    first_end = len(first.text.rstrip())
    first.segs = [(lead, first_end, first.clause or ""),
                  (first_end, first_end + len(tail), second.clause or "")]
    first.text = joined
    first.op = "merge"
    first.used = True
    del lines[b]
    return (first.clause or "", second.clause or "")


def _split_points(text: str) -> list[int]:
    body = text.rstrip()
    return [m.end() for m in re.finditer(r"[。；;]", body)
            if 10 <= m.end() <= len(body) - 10 and not _LEAD_MARK.match(body[m.end():])]


def _split(lines, rng, **_):
    candidates = [i for i in _editable(lines) if _split_points(lines[i].text)]
    if not candidates:
        return None
    i = rng.choice(candidates)
    line = lines[i]
    points = _split_points(line.text)
    cut = min(points, key=lambda p: (abs(p - len(line.text) / 2), p))
    head, tail = line.text[:cut], line.text[cut:].strip()
    clause = line.clause or ""
    _set(line, head, "split")
    second = _Line(tail, [(0, len(tail), clause)], op="split", used=True)
    lines.insert(i + 1, second)
    return (clause,)


def _move(lines, rng, *, moved, **_):
    editable = _editable(lines)
    if len(editable) < 8:
        return None
    k = rng.randrange(len(editable))
    far = [j for j in range(len(editable)) if abs(j - k) >= max(3, len(editable) // 4)]
    if not far:
        return None
    source = editable[k]
    target = editable[rng.choice(far)]
    line = lines[source]
    line.op = "move"
    line.used = True
    del lines[source]
    lines.insert(target, line)
    moved.append(line.clause or "")
    return (line.clause or "",)


_APPLY = {"drop": _drop, "insert": _insert, "reword": _reword, "merge": _merge, "split": _split,
          "move": _move, "localize": _localize, "target": _target, "deadline": _deadline}


# --- layout perturbation ---------------------------------------------------------------------

LAYOUTS = ("tab", "lines", "lines-blank", "inline", "tabs", "markdown")
"""How a table written one cell per line with tab indents (``tab``, as in the city plan) can be
laid out: one cell per line without tabs (``lines``; ``lines-blank`` with blank lines between),
a whole row run together (``inline``), a row's cells separated by tabs (``tabs``) or by pipes
(``markdown``, with a ``|---|`` rule under the header)."""
PERTURB_LAYOUTS = ("lines", "lines-blank", "tabs", "markdown")   # layouts that keep the cells
_SWAPS = str.maketrans({"，": ",", ",": "，", "：": ":", ":": "：", "；": ";", ";": "；",
                        "（": "(", "(": "（", "）": ")", ")": "）"})
SWAP_SHARE = 0.3        # lines whose punctuation is swapped
BLANK_SHARE = 0.3       # lines followed by an added blank line


def relayout(text: str, layout: str) -> str:
    """``text`` with its tab-indented tables re-laid out in ``layout`` (one of LAYOUTS)."""
    lines = [_Line(raw, []) for raw in text.split("\n")]
    return "\n".join(line.text for line in _relay_tables(lines, layout))


def _join(parts: Sequence[_Line], sep: str, prefix: str = "", suffix: str = "") -> _Line:
    """One line from several, their clause pieces moved along."""
    text, segs = prefix, []
    for n, part in enumerate(parts):
        if n:
            text += sep
        cell = part.text.strip()
        lead = len(part.text) - len(part.text.lstrip())
        segs += [(len(text) + s - lead, len(text) + e - lead, c) for s, e, c in part.segs]
        text += cell
    return _Line(text + suffix, segs, op=parts[0].op if parts else "keep")


def _relay_tables(lines: list[_Line], layout: str) -> list[_Line]:
    if layout == "tab":
        return lines
    out: list[_Line] = []
    header_done = False
    i = 0
    while i < len(lines):
        if not lines[i].text.startswith("\t"):
            if lines[i].text.strip() and not lines[i].text.strip().startswith(("（", "(")):
                header_done = False          # a table ends at a line that is not a note
            out.append(lines[i])
            i += 1
            continue
        group = []
        while i < len(lines) and lines[i].text.startswith("\t"):
            group.append(lines[i])
            i += 1
        if layout in ("lines", "lines-blank"):
            cells = [_join([g], "") for g in group if g.text.strip()]
            for n, cell in enumerate(cells):
                out.append(cell)
                if layout == "lines-blank" and n + 1 < len(cells):
                    out.append(_Line("", []))
        elif layout == "inline":
            out.append(_join(group, ""))
        elif layout == "tabs":
            out.append(_join(group, "\t"))
        else:
            out.append(_join(group, " | ", "| ", " |"))
            if not header_done:
                out.append(_Line("|" + "---|" * len(group), []))
        header_done = True
    return out


def _perturb(lines: list[_Line], rng: random.Random) -> list[_Line]:
    """Tables re-laid out, punctuation swapped and blank lines added (see the module doc)."""
    lines = _relay_tables(lines, rng.choice(PERTURB_LAYOUTS))
    out: list[_Line] = []
    for n, line in enumerate(lines):
        if line.text.strip() and rng.random() < SWAP_SHARE:
            line.text = line.text.translate(_SWAPS)
        out.append(line)
        following = next((x for x in lines[n + 1:] if x.text.strip()), None)
        between = not line.segs or following is None or not following.segs \
            or following.segs[0][2] != line.segs[-1][2]
        if line.text.strip() and between and rng.random() < BLANK_SHARE:
            out.append(_Line("", []))      # between clauses, as a web page's paragraphs are
    return out


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Counts:
    """True and predicted items of each kind, summed over one or more comparisons."""

    links_true: int = 0
    links_predicted: int = 0
    links_right: int = 0
    edited_links_true: int = 0          # links of clauses touched by an edit (not op "keep")
    edited_links_right: int = 0
    added_true: int = 0
    added_predicted: int = 0
    added_right: int = 0
    dropped_true: int = 0
    dropped_predicted: int = 0
    dropped_right: int = 0
    targets_true: int = 0
    targets_found: int = 0
    targets_right: int = 0              # found with the right direction
    moved_true: int = 0
    moved_right: int = 0
    localized_true: int = 0
    localized_right: int = 0
    comparisons: int = 0
    op_links_true: Counter[str] = field(default_factory=Counter)     # edited links by edit op
    op_links_right: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def __iadd__(self, other: Counts) -> Counts:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def _ratio(right: int, total: int) -> float:
        return right / total if total else 1.0

    link_recall = property(lambda self: self._ratio(self.links_right, self.links_true))
    link_precision = property(lambda self: self._ratio(self.links_right, self.links_predicted))
    edited_link_recall = property(
        lambda self: self._ratio(self.edited_links_right, self.edited_links_true))
    added_recall = property(lambda self: self._ratio(self.added_right, self.added_true))
    added_precision = property(lambda self: self._ratio(self.added_right, self.added_predicted))
    dropped_recall = property(lambda self: self._ratio(self.dropped_right, self.dropped_true))
    dropped_precision = property(
        lambda self: self._ratio(self.dropped_right, self.dropped_predicted))
    target_recall = property(lambda self: self._ratio(self.targets_found, self.targets_true))
    target_direction = property(lambda self: self._ratio(self.targets_right, self.targets_found))
    moved_recall = property(lambda self: self._ratio(self.moved_right, self.moved_true))
    localized_accuracy = property(
        lambda self: self._ratio(self.localized_right, self.localized_true))

    def by_op(self) -> dict[str, tuple[int, int]]:
        """Edit op -> (links found, true links) for the clauses that op touched."""
        return {op: (self.op_links_right[op], self.op_links_true[op])
                for op in sorted(self.op_links_true)}

    def summary(self) -> dict[str, float]:
        names = ("link_recall", "link_precision", "edited_link_recall", "added_recall",
                 "added_precision", "dropped_recall", "dropped_precision", "target_recall",
                 "target_direction", "moved_recall", "localized_accuracy")
        return {name: round(getattr(self, name), 4) for name in names}


def _span(comparison: Any, clause_id: str) -> tuple[int, int]:
    clause = comparison.derived.clause(clause_id)
    return clause.start, clause.end


def score(comparison: Any, truth: Truth) -> Counts:
    """Compare ``comparison`` (of ``truth.parent_text`` with the derived text) with the truth."""
    counts = Counts(comparisons=1)
    predicted = {(p.id, d.id) for pair in comparison.pairs for p in pair.parent
                 for d in pair.derived}
    true_links: set[tuple[str, str]] = set()
    edited: set[tuple[str, str]] = set()
    true_added: set[str] = set()
    restated_by: dict[str, set[str]] = {}        # original clause -> derived clauses
    for clause in comparison.derived.clauses:
        sources = truth.sources(clause.start, clause.end)
        if not sources:
            if "insert" in truth.ops(clause.start, clause.end) or clause.text.strip():
                true_added.add(clause.id)
            continue
        ops = truth.ops(clause.start, clause.end) - {"keep"}
        for source in sources:
            restated_by.setdefault(source, set()).add(clause.id)
            true_links.add((source, clause.id))
            if ops:
                edited.add((source, clause.id))
                op = min(ops)
                counts.op_links_true[op] += 1
                counts.op_links_right[op] += (source, clause.id) in predicted
    counts.links_true, counts.links_predicted = len(true_links), len(predicted)
    counts.links_right = len(true_links & predicted)
    counts.edited_links_true, counts.edited_links_right = len(edited), len(edited & predicted)
    for source, derived in sorted(edited - predicted):
        counts.errors.append(f"missed link {source} -> {derived} "
                             f"({', '.join(sorted(truth.ops(*_span(comparison, derived))))})")

    added = {c.id for c in comparison.added}
    counts.added_true, counts.added_predicted = len(true_added), len(added)
    counts.added_right = len(true_added & added)
    counts.errors += [f"inserted {d} not added" for d in sorted(true_added - added)]

    dropped = {c.id for c in comparison.dropped}
    counts.dropped_true, counts.dropped_predicted = len(truth.dropped), len(dropped)
    counts.dropped_right = len(set(truth.dropped) & dropped)
    counts.errors += [f"dropped {p} not reported" for p in sorted(set(truth.dropped) - dropped)]

    for edit in truth.targets:
        counts.targets_true += 1
        found = [t for t in comparison.targets if t.kind == edit.kind
                 and t.before.value == edit.before and t.after.value == edit.after]
        if found:
            counts.targets_found += 1
            if any(t.direction == edit.direction for t in found):
                counts.targets_right += 1
            else:
                counts.errors.append(f"{edit.before_text}->{edit.after_text}: "
                                     f"{found[0].direction}, expected {edit.direction}")
        else:
            counts.errors.append(f"{edit.kind} {edit.before_text}->{edit.after_text} "
                                 f"in {edit.source} not reported")

    def right_pair(clause: str) -> Any:
        """The pair holding ``clause`` and a derived clause restating it, if any."""
        for pair in comparison.pairs:
            if (any(p.id == clause for p in pair.parent)
                    and restated_by.get(clause, set()) & {d.id for d in pair.derived}):
                return pair
        return None

    for clause in truth.moved:
        counts.moved_true += 1
        pair = right_pair(clause)
        counts.moved_right += bool(pair and pair.moved)
        if not (pair and pair.moved):
            counts.errors.append(f"moved {clause} " + ("not marked moved" if pair else
                                                       "not paired with its restatement"))
    for op, clauses in truth.edits:
        if op == "localize":
            counts.localized_true += 1
            pair = right_pair(clauses[0])
            counts.localized_right += bool(pair and pair.status == "localized")
            if not (pair and pair.status == "localized"):
                counts.errors.append(f"localized {clauses[0]}: "
                                     f"{pair.status if pair else 'not paired with it'}")
    return counts

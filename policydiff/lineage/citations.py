"""Citations as people write them, and the corpus documents they name.

A cite and a document's own title are both reduced to *forms*: keys under which they are the
same document, each with a score saying how loose the form is. 1.0: the title itself with
marks, width, spacing, 中华人民共和国, 的 and a version date folded; the title inside a
关于印发《X》的通知 wrapper (with 《》, 〈〉 or <> nesting); the title without an embedded 文号
(《新一代人工智能发展规划（国发〔2017〕35号）》). Looser: without the issuer before 关于
(工业和信息化部关于… cited as 《关于…》), without a （试行）（修订）（征求意见稿） or period suffix.
A cite matches a document when they share a form; the match scores the product of both forms'
scores, and the best-scoring documents are the candidates (several: ambiguous).

>>> dict(forms("《工业和信息化部关于加强智能网联汽车生产企业及产品准入管理的意见》"))[
...     title_key("关于加强智能网联汽车生产企业及产品准入管理的意见")]
0.9
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ..document import Document
from ..metadata import titles
from ..vocabulary import NOT_PROVISIONS

__all__ = ["ISSUER_SCORE", "SUFFIX_SCORE", "Match", "basis_cites", "forms", "is_number",
           "number_key", "own_forms", "title_key"]

ISSUER_SCORE = 0.9
"""A title without its issuer (工业和信息化部关于X → 关于X) still names one document in a
field, but two issuers' 关于X can collide: slightly below an exact title."""
SUFFIX_SCORE = 0.85
"""A title without （试行）, （修订）, （征求意见稿） or a period: the draft and the final text, or
two editions, share it, so it is looser than a missing issuer."""
MIN_LOOSE_KEY = 8
"""Least length of a loosened key (no issuer, no suffix): 关于加强管理的意见 (9) still names a
document; shorter ones (关于实施意见) would match dozens."""

_VERSION = re.compile(r"\s*[(（]\s*\d{4}[-.年]\d{1,2}[-.月]\d{1,2}日?\s*[)）]\s*$")
_TITLE_MARKS = re.compile(r"[\s《》〈〉<>「」『』“”\"]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_TAIL = re.compile(r"\[(\d{4})\](\d+)号$")
_NESTING = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》", "＜": "《", "＞": "》"})
_WRAPPER = re.compile(r"^(?P<issuer>.*?)关于(?:印发|转发|发布|下发|颁布)(?P<title>.+?)的通知$")
_EMBEDDED_NUMBER = re.compile(
    r"[(（](?P<number>[^()（）《》]{1,12}?[〔\[［【(（]\d{4}[〕\]］】)）]第?\d+号)[)）]")
_SUFFIX = re.compile(r"[(（](?:试行|暂行|修订|修正|修订稿|征求意见稿|送审稿|草案|修订草案"
                     r"|\d{4}年(?:修订|修正|版)|\d{4}\s*[—\-–~至]\s*\d{4}年?)[)）]$")
_ISSUER = re.compile(r"^[^《》关]{2,40}?(?=关于)")


def title_key(title: str) -> str:
    """The exact form in which two titles are the same document: width folded, no whitespace,
    no 《》〈〉 marks, no 中华人民共和国 (optional either way), no 的 (实施水法的若干规定 and
    实施水法若干规定 are one act), no (2018-12-29) version suffix.

    >>> title_key("《中华人民共和国气象法》") == title_key("气象法(2016-11-07)")
    True
    """
    text = _VERSION.sub("", unicodedata.normalize("NFKC", title))
    return _TITLE_MARKS.sub("", text).replace("中华人民共和国", "").replace("的", "").lower()


def number_key(doc_number: str) -> str:
    """文号 with brackets, width and spacing folded: 津政发〔2018〕29号 → 津政发[2018]29号."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", doc_number))
    text = re.sub(r"[〔［【(]", "[", text)
    text = re.sub(r"[〕］】)]", "]", text)
    return text.replace("]第", "]")


def is_number(cite: str) -> bool:
    return not cite.startswith("《") and _NUMBER_TAIL.search(number_key(cite)) is not None


def embedded_number(title: str) -> str | None:
    """The 文号 written inside a title: 《新一代人工智能发展规划（国发〔2017〕35号）》."""
    match = _EMBEDDED_NUMBER.search(_clean(title))
    return match.group("number") if match else None


def _clean(title: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", title)).translate(_NESTING)
    text = _VERSION.sub("", text)
    while text.startswith("《") and text.endswith("》") and _balanced(text[1:-1]):
        text = text[1:-1]
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "《") - (char == "》")
        if depth < 0:
            return False
    return depth == 0


def forms(title: str) -> list[tuple[str, float]]:
    """The keys ``title`` goes by, each with its score (1.0 exact, lower when loosened),
    best score per key, sorted by key. Keys too short to name one document are left out."""
    best: dict[str, float] = {}
    pending = [(_clean(title), 1.0, False)]
    seen: dict[str, float] = {}
    while pending:
        text, score, loosened = pending.pop()
        if not text or seen.get(text, -1.0) >= score:
            continue
        seen[text] = score
        key = title_key(text)
        if _specific(key) and (not loosened or len(key) >= MIN_LOOSE_KEY):
            best[key] = max(best.get(key, 0.0), score)
        wrapper = _WRAPPER.match(text)
        if wrapper:                                   # the attachment: the same document
            inner = wrapper.group("title")
            pending.append((_clean(inner), score, loosened))
            if wrapper.group("issuer"):               # 关于印发X的通知 without its issuer
                pending.append((text[wrapper.start("issuer") + len(wrapper.group("issuer")):],
                                score * ISSUER_SCORE, True))
        stripped = _EMBEDDED_NUMBER.sub("", text)
        if stripped != text:
            pending.append((stripped, score, loosened))
        issuer = _ISSUER.match(text)
        if issuer:
            pending.append((text[issuer.end():], score * ISSUER_SCORE, True))
        suffix = _SUFFIX.search(text)
        if suffix and suffix.start() > 0:
            pending.append((text[:suffix.start()], score * SUFFIX_SCORE, True))
    return sorted(best.items())


def _specific(key: str) -> bool:
    """Long enough to name one document: 《意见》 and 《办法》 do not, 《水法》 does."""
    return len(key) >= 3 or (len(key) == 2 and key.endswith("法") and key != "办法")


def own_names(document: Document) -> list[str]:
    """Every name the document goes by: its title, its notice's title, and a file name in
    Chinese (without its version suffix)."""
    meta = document.metadata
    names = [n for n in (meta.title, meta.notice_title) if n]
    stem = PurePath(document.source).stem
    if _CJK.search(stem):
        names.append(stem)
    return names


def own_forms(document: Document) -> dict[str, float]:
    """The forms of all the document's names, best score per key."""
    best: dict[str, float] = {}
    for name in own_names(document):
        for key, score in forms(name):
            best[key] = max(best.get(key, 0.0), score)
    return best


# --- where a document states its basis ----------------------------------------------------------

_HISTORY = frozenset({"history"})   # adoption history of an act (通过, 修正): not its basis
# between a title and its 文号: （ and the part of the issuer's code the 文号 scan left out
_NUMBER_AFTER_TITLE = re.compile(r"[(（]?[^《》()（）。，,]{0,8}")
_IMPLEMENTS = re.compile(r"实施《([^《》]+)》")


def _basis_text(document: Document) -> str:
    """Where a document names what it implements, without whitespace: its title, notice and
    preamble (not its adoption history: 《关于修改…的决定》 amends, it is not a basis), and the
    first sentence of its first provision (第一条 根据《…》，结合本市实际，制定本办法。)."""
    text = document.text
    parts = [document.metadata.title or ""]
    for clause in document.clauses:
        if clause.kind in _HISTORY:
            continue
        if clause.kind in NOT_PROVISIONS or clause.kind == "preamble":
            parts.append(clause.text)
            continue
        stop = text.find("。", clause.start, clause.start + 500)
        parts.append(text[clause.start:stop + 1 if stop >= 0 else clause.start + 500])
        break
    return re.sub(r"\s+", "", "\n".join(parts))


def basis_cites(document: Document) -> list[tuple[list[str], bool]]:
    """The document's cites found in its basis text, grouped (a 文号 right after a title,
    《…》（国发〔2018〕3号）, names the same document), each with whether the document's own title
    names it (上海市实施《中华人民共和国气象法》办法)."""
    basis = _basis_text(document)
    title = re.sub(r"\s+", "", document.metadata.title or "")
    named = set(titles(title))                 # outermost only: not Y of 《X实施《Y》办法》
    found = []
    for cite in document.metadata.cites:
        position = basis.find(cite, 0 if cite in named else len(title))
        if position >= 0:
            found.append((position, cite))
    # 实施《中华人民共和国X法》办法: the title names its parent even when no article does
    for match in _IMPLEMENTS.finditer(title):
        before = title[:match.start()]
        if before.count("《") > before.count("》"):
            continue                    # inside another title: 贯彻《X市实施《Y》办法》的意见
        cite = f"《{match.group(1)}》"
        if all(cite != c for _, c in found):
            found.append((-1, cite))
    found.sort()
    groups: list[tuple[list[str], bool]] = []
    previous_end = -10
    for position, cite in found:
        if (groups and is_number(cite) and position >= previous_end
                and _NUMBER_AFTER_TITLE.fullmatch(basis[previous_end:position])):
            groups[-1][0].append(cite)
        else:
            groups.append(([cite], position < len(title)))
        previous_end = position + len(cite)
    return groups


# --- the directory ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Match:
    """A corpus document a cite names: how (``"title"`` or ``"doc_number"``) and how well."""

    index: int
    by: str
    score: float


class Directory:
    """Finds the corpus documents a cite names, by 文号 or by title form."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        self.by_title: dict[str, list[tuple[int, float]]] = {}
        self.by_number: dict[str, list[tuple[str, int]]] = {}
        for index, document in enumerate(documents):
            for key, score in sorted(own_forms(document).items()):
                self.by_title.setdefault(key, []).append((index, score))
            if document.metadata.doc_number:
                key = number_key(document.metadata.doc_number)
                tail = _NUMBER_TAIL.search(key)
                if tail:
                    self.by_number.setdefault(tail.group(0), []).append((key, index))

    def find(self, cite: str, citing: int) -> list[Match]:
        """The best-scoring documents ``cite`` names (not ``citing`` itself), by source; a
        文号 (written alone or inside the title) beats a title."""
        number = cite if is_number(cite) else embedded_number(cite)
        if number:
            found = self._by_number(number, citing)
            if found or is_number(cite):
                return found
        scores: dict[int, float] = {}
        for key, score in forms(cite):
            for index, own in self.by_title.get(key, ()):
                if index != citing:
                    scores[index] = max(scores.get(index, 0.0), round(score * own, 4))
        if not scores:
            return []
        top = max(scores.values())
        return sorted((Match(i, "title", s) for i, s in scores.items() if s == top),
                      key=lambda m: self.documents[m.index].source)

    def _by_number(self, cite: str, citing: int) -> list[Match]:
        key = number_key(cite)
        tail = _NUMBER_TAIL.search(key)
        if not tail:
            return []
        found = set()
        for number, index in self.by_number.get(tail.group(0), []):
            # a cite may lose the start of the issuer's code (工信部联通装 → 通装) in a
            # line break; the rest must match
            shorter, longer = sorted((number, key), key=len)
            if longer.endswith(shorter) and len(shorter) - len(tail.group(0)) >= 2 \
                    and index != citing:
                found.add(index)
        return sorted((Match(i, "doc_number", 1.0) for i in found),
                      key=lambda m: self.documents[m.index].source)

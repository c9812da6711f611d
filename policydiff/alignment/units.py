"""What one row compares, and aligning those units segment by segment.

A law compares per article (``unit="article"``): the paragraphs and items of an article travel
together. Paragraphs are still what restate each other, so clauses are aligned and the links
lifted to their units. Clauses are aligned within their segment (front matter, body, annex
tables); units left over in one segment are then offered to those left over in the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Literal

from ..document import Clause, Document
from . import order, unique
from .marks import DIVISION, own_mark
from .matching import ORDER_FLOOR, How, Link, align, similarity
from .merges import join_neighbours
from .rarity import Rarity
from .scoring import content

Unit = Literal["auto", "article", "paragraph", "sentence"]
UNITS: tuple[Unit, ...] = ("auto", "article", "paragraph", "sentence")
# A document is articled (a law: 第一条…) when this many of its clauses open with an article
# mark; the shortest law in the corpus (tw-accounting-staff-rules-2012) has 36, no policy plan of
# the corpus has any at a line start.
ARTICLED = 3
# A unit pair lifted from paragraph links stands when the linked paragraphs make up this share of
# the smaller unit (both sides' linked characters over its length). Measured on the eleven law
# keys: 0.2, 0.3 and 0.4 all give 485/519 links; 0.3 is the middle of that plateau.
LIFT_SHARE = 0.3

# Clauses are aligned within their segment: a notice with a notice, body with body, annex rows
# with annex rows.
SEGMENTS = {"title": "front", "notice": "front", "signature": "front", "history": "front",
            "toc": "front", "table_row": "table", "table_header": "table"}


Units = tuple[Clause, ...]
"""The clauses of one unit compared (one clause, or the paragraphs of an article)."""


def align_segments(parent_by_segment: dict[str, list[Units]],
                   derived_by_segment: dict[str, list[Units]], pin_ids: list[tuple[str, str]],
                   cutoff: float, text: Callable[[Clause], str],
                   place: Callable[[Clause], frozenset[str]]) -> list[tuple[str, str, Link]]:
    """Links per segment as (parent segment, derived segment, link over unit indexes). The units
    left over in every segment are then offered to those left over in the others, so a clause
    parsed as a table row on one side and a paragraph on the other is not reported as added
    and dropped."""
    links: list[tuple[str, str, Link]] = []
    left: dict[str, list[tuple[str, int]]] = {"p": [], "d": []}
    for segment in ("front", "body", "table"):
        p_units = parent_by_segment.get(segment, [])
        d_units = derived_by_segment.get(segment, [])
        p_index = {c.id: i for i, u in enumerate(p_units) for c in u}
        d_index = {c.id: i for i, u in enumerate(d_units) for c in u}
        segment_pins = [(p_index[p], d_index[d]) for p, d in pin_ids
                        if p in p_index and d in d_index]
        found = align_units(p_units, d_units, segment_pins, cutoff, text, place,
                            find_contained=segment == "table")
        links.extend((segment, segment, link) for link in found)
        paired_p = {i for link in found for i in link.parent}
        paired_d = {i for link in found for i in link.derived}
        left["p"].extend((segment, i) for i in range(len(p_units)) if i not in paired_p)
        left["d"].extend((segment, i) for i in range(len(d_units)) if i not in paired_d)
    if len({s for s, _ in left["p"]} | {s for s, _ in left["d"]}) > 1:
        found = align([_unit_text(parent_by_segment[s][i], text) for s, i in left["p"]],
                      [_unit_text(derived_by_segment[s][i], text) for s, i in left["d"]],
                      cutoff=cutoff, cross=True)
        for link in found:
            p_segments = {left["p"][i][0] for i in link.parent}
            d_segments = {left["d"][i][0] for i in link.derived}
            if len(p_segments) == 1 and len(d_segments) == 1 and p_segments != d_segments:
                links.append((p_segments.pop(), d_segments.pop(),
                              replace(link, parent=tuple(left["p"][i][1] for i in link.parent),
                                      derived=tuple(left["d"][i][1] for i in link.derived))))
    return links


def align_units(p_units: list[Units], d_units: list[Units], pins: list[tuple[int, int]],
                cutoff: float, text: Callable[[Clause], str],
                place: Callable[[Clause], frozenset[str]], *, find_contained: bool
                ) -> list[Link]:
    """Links between units. Paragraphs are what restate each other (an article that gained
    two paragraphs is still its old article), so the clauses are aligned and the links lifted
    to their units: the units a link touches form one group, and two groups sharing a unit
    become one (a merge of two old articles into one new one, or a split). A lifted edge whose
    linked text is under ``LIFT_SHARE`` of both units is a passing resemblance and is dropped,
    so groups do not chain across a chapter."""
    p_clauses = [c for u in p_units for c in u]
    d_clauses = [c for u in d_units for c in u]
    p_unit = [i for i, u in enumerate(p_units) for _ in u]
    d_unit = [i for i, u in enumerate(d_units) for _ in u]
    p_first = [0, *accumulate(len(u) for u in p_units)]
    d_first = [0, *accumulate(len(u) for u in d_units)]
    found = align([text(c) for c in p_clauses], [text(c) for c in d_clauses], cutoff=cutoff,
                  pins=[(p_first[p], d_first[d]) for p, d in pins],
                  parent_anchors=[place(c) for c in p_clauses],
                  derived_anchors=[place(c) for c in d_clauses],
                  find_contained=find_contained,
                  divisions=(_divisions([(c,) for c in p_clauses]),
                             _divisions([(c,) for c in d_clauses])))
    if all(len(u) == 1 for u in p_units) and all(len(u) == 1 for u in d_units):
        return _free_units(found, p_units, d_units, cutoff, text)
    weight: dict[tuple[int, int], int] = {}
    how: dict[tuple[int, int], tuple[int, How, bool]] = {}
    for rank, link in enumerate(found):
        shared = (sum(len(p_clauses[i].text) for i in link.parent)
                  + sum(len(d_clauses[i].text) for i in link.derived))
        for p in {p_unit[i] for i in link.parent}:
            for d in {d_unit[i] for i in link.derived}:
                weight[(p, d)] = weight.get((p, d), 0) + shared
                how.setdefault((p, d), (rank, link.how, link.pinned))
    size_p = [sum(len(c.text) for c in u) for u in p_units]
    size_d = [sum(len(c.text) for c in u) for u in d_units]
    edges = _strongest([e for e, w in weight.items()
                        if w >= LIFT_SHARE * min(size_p[e[0]], size_d[e[1]])], weight)
    root: dict[tuple[str, int], tuple[str, int]] = {}
    sides: dict[tuple[str, int], tuple[int, int]] = {}     # a group's (parents, derived)

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while root.get(node, node) != node:
            node = root[node]
        return node
    # Heaviest edges first, and none that would give a group two or more units on both sides:
    # a merge (N:1) or a split (1:N) grows one unit at a time, but two pairs do not become one
    # N:M pair because a paragraph of one resembles a paragraph of the other (the company law's
    # 有限责任公司 and 股份有限公司 articles mirror each other, and chained they made 2:2 and
    # 3:3 pairs of articles 60 apart). Measured on the shared law keys: see the README table.
    kept = []
    for p, d in sorted(edges, key=lambda e: (-weight[e], e)):
        a, b = find(("p", p)), find(("d", d))
        if a != b:
            (pa, da), (pb, db) = sides.get(a, (1, 0)), sides.get(b, (0, 1))
            if pa + pb > 1 and da + db > 1:
                continue
            root[max(a, b)] = min(a, b)
            sides[min(a, b)] = (pa + pb, da + db)
        kept.append((p, d))
    edges = sorted(kept)
    groups: dict[tuple[str, int], tuple[set[int], set[int], list[tuple[int, How, bool]]]] = {}
    for p, d in edges:
        group = groups.setdefault(find(("p", p)), (set(), set(), []))
        group[0].add(p)
        group[1].add(d)
        group[2].append(how[(p, d)])
    links = []
    for parents, deriveds, hows in groups.values():
        _, first_how, pinned = min(hows)
        kind: How = first_how
        if len(parents) > 1 and first_how in ("best", "order", "anchor"):
            kind = "merge"
        elif len(deriveds) > 1 and first_how in ("best", "order", "anchor"):
            kind = "split"
        links.append(Link(tuple(sorted(parents)), tuple(sorted(deriveds)), pinned, kind))
    return _free_units(links, p_units, d_units, cutoff, text)


def _free_units(links: list[Link], p_units: list[Units], d_units: list[Units], cutoff: float,
                text: Callable[[Clause], str]) -> list[Link]:
    """The units the aligned links leave free: pairs of them sharing a unique phrase
    (:mod:`.unique`), then the rest offered to neighbouring groups (:mod:`.merges`)."""
    p_texts, d_texts = _contents(p_units, text), _contents(d_units, text)
    divisions = (_divisions(p_units), _divisions(d_units))
    floor = min(cutoff, ORDER_FLOOR)
    built: list[Rarity] = []

    def bigrams() -> Rarity:
        """The units' bigram weights, built once for the passes that ask (0.4 s a time on a
        long law of 490,000 distinct characters)."""
        if not built:
            built.append(Rarity(p_texts, d_texts))
        return built[0]
    links = _alone(links, p_texts, d_texts, floor, divisions, bigrams)
    links = unique.join(links, p_texts, d_texts, floor, divisions)
    return join_neighbours(links, p_texts, d_texts, divisions, bigrams)


def _alone(links: list[Link], p_texts: list[str], d_texts: list[str], floor: float,
           divisions: tuple[Sequence[bool], Sequence[bool]], bigrams: Callable[[], Rarity]
           ) -> list[Link]:
    """A unit left alone between two anchor pairs of units, facing a unit left alone between
    their partners, pairs with it at the order pass's floor and ``ALONE_SHARE`` of rare text:
    the clause-level order pass sees such a unit only among the free paragraphs of the
    neighbouring articles (教材 -> 教科用書 between two pairs of the senior high school act)."""
    taken_p = {i for link in links for i in link.parent}
    taken_d = {i for link in links for i in link.derived}
    one_to_one = [(link.parent[0], link.derived[0]) for link in links
                  if len(link.parent) == 1 and len(link.derived) == 1]
    out = list(links)
    for p_range, d_range in order.gaps(order.anchors(one_to_one), len(p_texts), len(d_texts)):
        free_p = [p for p in p_range if p not in taken_p]
        free_d = [d for d in d_range if d not in taken_d]
        if len(free_p) != 1 or len(free_d) != 1:
            continue
        p, d = free_p[0], free_d[0]
        if divisions[0][p] != divisions[1][d] or similarity(p_texts[p], d_texts[d]) < floor:
            continue
        if bigrams().enough(p, d, alone=True):
            out.append(Link((p,), (d,), False, "order"))
    return out


def _strongest(edges: list[tuple[int, int]], weight: dict[tuple[int, int], int]
               ) -> list[tuple[int, int]]:
    """The edges that are the heaviest of their parent unit or of their derived unit. A merge
    (each old article's heaviest edge goes to the one new article) and a split (the reverse)
    keep all their edges; an edge that is neither end's best only chains groups together (list
    items worded alike in five qualification articles made one 5:4 group of them)."""
    best_p: dict[int, int] = {}
    best_d: dict[int, int] = {}
    for (p, d) in edges:
        best_p[p] = max(best_p.get(p, 0), weight[(p, d)])
        best_d[d] = max(best_d.get(d, 0), weight[(p, d)])
    return [(p, d) for p, d in edges if weight[(p, d)] in (best_p[p], best_d[d])]


def articled(document: Document) -> bool:
    return sum(own_mark(c) is not None for c in document.clauses) >= ARTICLED


def segment(clause: Clause) -> str:
    return SEGMENTS.get(clause.kind, "body")


def segments(clauses: Sequence[Clause], unit: Unit = "paragraph") -> dict[str, list[Units]]:
    """Each segment's units in document order: with ``unit="article"`` the paragraphs and items
    that follow an article mark under its headings (items add their own) join that article."""
    out: dict[str, list[Units]] = {}
    current: list[Clause] = []
    for clause in clauses:
        part = segment(clause)
        units = out.setdefault(part, [])
        if (unit == "article" and current and part == "body" and clause.kind != "heading"
                and segment(current[0]) == "body"
                and clause.path[:len(current[0].path)] == current[0].path
                and own_mark(clause) is None):
            current.append(clause)
            units[-1] = tuple(current)
            continue
        current = [clause] if unit == "article" and own_mark(clause) else []
        units.append((clause,))
    return out


def _divisions(units: Sequence[Units]) -> list[bool]:
    """Whether each unit is a division title (第三章, 第二節, 第一編), not an article."""
    return [DIVISION.match(u[0].text) is not None for u in units]


def _contents(units: Sequence[Units], text: Callable[[Clause], str]) -> list[str]:
    """Each unit's comparable letters and digits, as alignment measures them."""
    return [content(_unit_text(u, text)) for u in units]


def _unit_text(unit: Units, text: Callable[[Clause], str]) -> str:
    return "\n".join(text(c) for c in unit)



"""The unique-phrase pass: two free units that share a phrase nothing else in either document has.

A moved and rewritten article can fall under every similarity floor (the public security law's
old 58, 违反关于社会生活噪声污染防治的法律规定，制造噪声…, became new 88, three times as long,
at a different place), and it is out of order, so the order pass never sees it. What still ties
the two is a phrase that occurs in this one unit (article, or paragraph) of the parent and this
one unit of the derived document and nowhere else (社会生活噪声污染防治的法律): stock wording,
however rare it looks, occurs in several units; a restated provision's own subject does not.

So after the units are aligned, a free parent unit and a free derived unit pair when they share
a run of at least ``RUN`` consecutive character bigrams each of which occurs in exactly one unit
of each document, these two, are as similar as the order pass requires (``ORDER_FLOOR``) and
are each other's most similar free unit: the unique phrase stands in for the place a pair in
order has. The longest run pairs first, each unit once. Units, not clauses: run on the
paragraphs of articles already paired, a paragraph's unique phrase made a second old article
join the pair (a teachers' act's 为人师表 item joined article 3 to article 8 of its local act).
Without the floor, long plan paragraphs on different subjects paired on a six-character name
they happen to share alone (the 2022 → 2023 Tianjin plans at 0.13 to 0.22). The mutual best
changed no pair measured at the unit level (the law keys, 14 corpus pairs, the 127 national
law → local act pairs of local-implementations, where the pass makes 12 pairs, each a local
article restating the national one: 被判处刑罚的，其职务自行终止 inside a local article on
misconduct); run per clause it kept a stock phrase, unique in a short act, from pairing
unrelated paragraphs, and it stays as that guard. Not across segments: a law's history line and
a local act's 施行 clause share a unique 全国人民代表大会常务委员会第.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from .matching import Link, similarity
from .rarity import grams

# Bigrams in the shared run (a run of n bigrams is n + 1 characters). Measured over every free
# parent × free derived clause pair left by the other passes in the eleven law keys, the company
# and administrative review laws, two central → local pairs and the flagship pair: the one
# true pair found has a run of 7; the longest run of any other pair is 3 (本法自, two closing
# articles of the administrative review law, 本法自1999年… and 本法自2024年…). 5 is the middle.
RUN = 5


def join(links: Sequence[Link], parent: Sequence[str], derived: Sequence[str], floor: float,
         divisions: tuple[Sequence[bool], Sequence[bool]]) -> list[Link]:
    """``links`` (over unit indexes) and the pairs of free units that share a unique phrase
    (:func:`pairs`), each other's most similar free unit at ``floor`` or more; ``parent`` and
    ``derived`` are the units' comparable texts, ``divisions`` whether each is a division title
    (which pairs with titles only)."""
    taken = {"p": {i for link in links for i in link.parent},
             "d": {i for link in links for i in link.derived}}
    free = {"p": [i for i in range(len(parent)) if i not in taken["p"]],
            "d": [i for i in range(len(derived)) if i not in taken["d"]]}
    texts = {"p": parent, "d": derived}
    choices = {side: [texts[side][i] for i in free[side]] for side in ("p", "d")}

    def best(side: str, index: int) -> float:
        found = process.extractOne(texts[side][index], choices["d" if side == "p" else "p"],
                                   scorer=fuzz.ratio)
        return float(found[1]) / 100.0 if found else 0.0

    def mutual(p: int, d: int) -> bool:
        if divisions[0] and divisions[1] and divisions[0][p] != divisions[1][d]:
            return False
        score = similarity(parent[p], derived[d])
        return score >= floor and score >= best("p", p) and score >= best("d", d)

    made = pairs(parent, derived, lambda side, i: i not in taken[side], mutual)
    return [*links, *(Link((p,), (d,), False, "unique") for p, d in made)]


def pairs(parent: Sequence[str], derived: Sequence[str], free: Callable[[str, int], bool],
          similar: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """(parent, derived) index pairs of free units sharing a unique run of ``RUN`` bigrams or
    more, longest first, each unit in at most one pair. ``parent`` and ``derived`` are the
    units' comparable texts (letters and digits); ``free(side, index)`` says whether a unit is
    still unpaired; ``similar(p, d)`` whether two units are similar enough (:func:`join`)."""
    free_p = [p for p in range(len(parent)) if free("p", p)]
    free_d = [d for d in range(len(derived)) if free("d", d)]
    # only bigrams a free unit of each side holds can tie two free units: count those alone
    shared = set().union(*(grams(parent[p]) for p in free_p)) & set().union(
        *(grams(derived[d]) for d in free_d))
    if not shared:
        return []
    counts = {"p": _document_frequency(parent, shared), "d": _document_frequency(derived, shared)}
    owner: dict[str, int] = {}
    for p in free_p:
        for gram in grams(parent[p]) & shared:
            if counts["p"][gram] == 1 and counts["d"][gram] == 1:
                owner[gram] = p
    found: list[tuple[int, int, int]] = []
    for d in free_d:
        text = derived[d]
        best: dict[int, int] = {}
        run, previous = 0, -1
        for gram in (text[i:i + 2] for i in range(len(text) - 1)):
            p = owner.get(gram, -1)
            run = run + 1 if p >= 0 and p == previous else (1 if p >= 0 else 0)
            previous = p
            if p >= 0:
                best[p] = max(best.get(p, 0), run)
        found.extend((run, p, d) for p, run in best.items() if run >= RUN and similar(p, d))
    out: list[tuple[int, int]] = []
    taken_p: set[int] = set()
    taken_d: set[int] = set()
    for _, p, d in sorted(found, key=lambda rpd: (-rpd[0], rpd[1], rpd[2])):
        if p not in taken_p and d not in taken_d:
            taken_p.add(p)
            taken_d.add(d)
            out.append((p, d))
    return out


def _document_frequency(texts: Sequence[str], among: set[str]) -> Counter[str]:
    """In how many of ``texts`` each bigram of ``among`` occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(grams(text) & among)
    return counts

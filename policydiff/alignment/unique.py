"""The unique-phrase pass: two free clauses that share a phrase nothing else in either document has.

A moved and rewritten article can fall under every similarity floor (the public security law's
old 58, 违反关于社会生活噪声污染防治的法律规定，制造噪声…, became new 88, three times as long,
at a different place), and it is out of order, so the order pass never sees it. What still ties
the two is a phrase that occurs in this one clause of the parent and this one clause of the
derived document and nowhere else (社会生活噪声污染防治的法律): stock wording, however rare
it looks, occurs in several clauses; a restated provision's own subject does not.

So after every other pass, a free parent clause and a free derived clause pair when they share a
run of at least ``RUN`` consecutive character bigrams each of which occurs in exactly one clause
of each document, these two, are as similar as the order pass requires (``ORDER_FLOOR``) and
are each other's most similar free clause: the unique phrase stands in for the place a pair in
order has. The longest run pairs first, each clause once. Without the floor, long plan
paragraphs on different subjects paired on a six-character name they happen to share alone
(the 2022 → 2023 Tianjin plans at 0.13 to 0.22). Without the mutual best, a short local act,
where stock wording such as 被判处刑罚的 occurs once, paired its article on misconduct with the
national law's article on members who lose office: over the 127 national law → local act pairs
of the local-implementations corpus the pass made 11 article pairs, 7 with it, the clearly
false one gone; the law keys, the flagship key and the synthetic figures are the same either
way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from .rarity import grams

# Bigrams in the shared run (a run of n bigrams is n + 1 characters). Measured over every free
# parent × free derived clause pair left by the other passes in the eleven law keys, the company
# and administrative review laws, two central → local pairs and the flagship pair: the one
# true pair found has a run of 7; the longest run of any other pair is 3 (本法自, two closing
# articles of the administrative review law, 本法自1999年… and 本法自2024年…). 5 is the middle.
RUN = 5


def pairs(parent: Sequence[str], derived: Sequence[str], free: Callable[[str, int], bool],
          similar: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """(parent, derived) index pairs of free clauses sharing a unique run of ``RUN`` bigrams or
    more, longest first, each clause in at most one pair. ``parent`` and ``derived`` are the
    clauses' comparable texts (letters and digits); ``free(side, index)`` says whether a clause
    is still unpaired; ``similar(p, d)`` whether two clauses are similar enough for any pair
    made without the confidence of the best-first pass (the order pass's floor)."""
    if not any(free("p", p) for p in range(len(parent))) or not any(
            free("d", d) for d in range(len(derived))):
        return []
    counts = {"p": _document_frequency(parent), "d": _document_frequency(derived)}
    owner: dict[str, int] = {}
    for p, text in enumerate(parent):
        if free("p", p):
            for gram in grams(text):
                if counts["p"][gram] == 1 and counts["d"][gram] == 1:
                    owner[gram] = p
    found: list[tuple[int, int, int]] = []
    for d, text in enumerate(derived):
        if not free("d", d):
            continue
        best: dict[int, int] = {}
        run, previous = 0, -1
        for gram in (text[i:i + 2] for i in range(len(text) - 1)):
            p = owner.get(gram, -1) if counts["d"][gram] == 1 else -1
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


def _document_frequency(texts: Sequence[str]) -> Counter[str]:
    """In how many of ``texts`` each bigram occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(grams(text))
    return counts

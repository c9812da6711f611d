"""Which document of a corpus derives from which: sketches, blocking, reuse and parent choice.

Pure functions over :class:`~policydiff.document.Document` values; :mod:`policydiff.corpora`
runs them (and the comparisons) over many documents.

* :mod:`.sketches`: a document's shingles, and the reuse shares found through an inverted
  index without looking at all N² pairs (bounded work per document).
* :mod:`.citations`: cites as people write them (issuer prefixes, 关于印发…的通知 wrappers,
  〈〉 nesting, embedded 文号, （试行） suffixes) and the documents they name.
* :mod:`.levels`: national or local.
* :mod:`.parents`: the choice of parents, with direction (dates, levels, asymmetric reuse),
  siblings and cycles, and the evidence of each edge.
* :func:`chains`: the paths from a root (national) document down its lineage.

>>> import policydiff
>>> city = policydiff.load("examples/tianjin/2018-tianjin-city-certification-plan.txt")
>>> len(sketch(city)) > 4000
True
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document
from .citations import number_key, title_key
from .levels import level
from .parents import DATE_ONLY_FACTOR, DEFAULT_MIN_REUSE
from .parents import infer as _infer
from .records import Lineage, Parent, Reuse
from .sketches import REUSE_FLOOR, SHINGLE_SIZE, Sketch, reuse_shares, share, sketch

__all__ = ["DATE_ONLY_FACTOR", "DEFAULT_MIN_REUSE", "MAX_CHAINS", "REUSE_FLOOR", "SHINGLE_SIZE",
           "Lineage", "Parent", "Reuse", "Sketch", "chains", "infer", "level", "number_key",
           "reuse_shares", "share", "sketch", "title_key"]

MAX_CHAINS = 1000
"""Most chains listed: a corpus whose documents have several parents each could have
exponentially many paths; the first thousand (by source) are enough to read."""


def infer(documents: Sequence[Document], sketches: Sequence[Sketch], *,
          min_reuse: float = DEFAULT_MIN_REUSE
          ) -> tuple[tuple[Lineage, ...], tuple[Reuse, ...]]:
    """Lineage records (one per document, in the given order) and the sparse reuse records
    (sorted by document, then other) of a corpus. ``documents`` must have distinct sources."""
    records, shares = _infer(documents, sketches, min_reuse=min_reuse)
    reuse = tuple(
        Reuse(documents[index].source, documents[other].source, value)
        for (index, other), value in sorted(
            shares.items(), key=lambda item: (documents[item[0][0]].source,
                                              documents[item[0][1]].source)))
    return records, reuse


def chains(records: Sequence[Lineage], *, length: int = 3) -> tuple[tuple[str, ...], ...]:
    """Every path of at least ``length`` documents from a document without parents down to
    one without children (national → province/city → district), as sources, sorted.

    >>> a = Lineage("a", None, None, (), ())
    >>> b = Lineage("b", None, None, (Parent("a", 0.9, True),), ())
    >>> c = Lineage("c", None, None, (Parent("b", 0.9, True),), ())
    >>> chains([a, b, c])
    (('a', 'b', 'c'),)
    """
    children: dict[str, list[str]] = {}
    for record in records:
        for parent in record.parents:
            children.setdefault(parent.source, []).append(record.source)
    found: list[tuple[str, ...]] = []
    roots = sorted(r.source for r in records if not r.parents and r.source in children)
    stack: list[tuple[str, ...]] = [(root,) for root in reversed(roots)]
    while stack and len(found) < MAX_CHAINS:
        path = stack.pop()
        below = sorted(c for c in children.get(path[-1], ()) if c not in path)
        if not below:
            if len(path) >= length:
                found.append(path)
            continue
        stack.extend((*path, child) for child in reversed(below))
    return tuple(sorted(found))

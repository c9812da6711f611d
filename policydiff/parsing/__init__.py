"""Turning a document's text into metadata and a clause tree, in two passes.

Pass 1 (:mod:`.lines`, then :mod:`.reflow`) looks at each line on its own: its shape, the
enumeration mark it starts with (:mod:`.marks`), and joins hard-wrapped lines into paragraphs.
Pass 2 (:mod:`.builder`) builds the tree with a stack of open headings, asking one grammar
module at a time: front matter (:mod:`.front`), tables in every layout (:mod:`.tables`,
:mod:`.cells`), boxes and annexes (:mod:`.boxes`); :mod:`.tree` turns its units into clauses and
skipped spans that cover the text exactly once, and :func:`policydiff.metadata.assemble` reads
the metadata from what the front matter said.

To change one grammar, change its module: each says in its opening docstring what it reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..metadata import assemble
from ..vocabulary import sentences
from .builder import Builder
from .lines import classify
from .reflow import reflow
from .tree import assemble as assemble_tree

__all__ = ["parse", "sentences"]


def parse(text: str, *, source: str = "<text>",
          fields: Iterable[tuple[str, str]] = (),
          furniture: Iterable[tuple[int, int]] = ()) -> Document:
    """Parse ``text`` into a :class:`Document`.

    ``fields`` are labelled page fields a reader found (索引号, 文号, 成文日期…), ``furniture``
    spans of ``text`` a reader knows to be page furniture; plain text needs neither.

    >>> parse("一、总则\\n（一）目的。为了……").clauses[1].path
    ('一、总则', '（一）目的')
    """
    lines = reflow(classify(text, furniture))
    units = Builder(lines).run()
    clauses, skipped = assemble_tree(text, lines, units)
    found = [(u.role, u.value) for u in units if u.role is not None]
    return Document(source, text, assemble(clauses, found, tuple(fields)), clauses, skipped)

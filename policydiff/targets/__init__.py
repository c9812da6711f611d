"""Quantitative targets, penalties, time limits and deadlines in clause texts, and how a derived
document changes them.

A district plan often copies a city plan's targets and restates them: a rate is raised
(93% -> 95%, "tightened"), a count shrinks because the district is smaller (12000家 -> 2600家,
"rescaled"), a deadline moves. A revised law raises a fine (五十万元以下 -> 二百万元以下 罚款,
"tightened": a heavier penalty), shortens a time limit (十日内 -> 五日内) or a ban window. The
package is pure: strings in, frozen records out, no state, no dependency on the rest of policydiff.

- :mod:`.model`: the records (:class:`Quantity`, :class:`TargetChange`, :class:`QuantityOnly`);
- :mod:`.vocabulary`: the word lists and patterns, defined once;
- :mod:`.extraction`: :func:`extract`, the quantities of one text (rules in its docstring);
- :mod:`.polarity`: what a bound means for whoever it binds, and who that is;
- :mod:`.pairing`: :func:`changes`, :func:`direction`, :func:`quantity_changes`;
- :mod:`.explanation`: each change in Chinese and English.
"""

from __future__ import annotations

from .extraction import extract
from .model import Bound, Direction, Kind, Polarity, Quantity, QuantityOnly, TargetChange
from .pairing import changes, direction, quantity_changes, without_rescaling

__all__ = ["Bound", "Direction", "Kind", "Polarity", "Quantity", "QuantityOnly", "TargetChange",
           "changes", "direction", "extract", "quantity_changes", "without_rescaling"]

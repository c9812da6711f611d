"""Metrics: the noun phrase that names what a quantity measures, and the key metrics are compared
on (without 全市/到2020年/达到, punctuation, width and case)."""

from __future__ import annotations

import re

from .vocabulary import (
    _ACTION_VERBS,
    _ADVERBS,
    _COMPARISON_RE,
    _EXAMPLES_RE,
    _FULLWIDTH,
    _JURISDICTION_RE,
    _JURISDICTIONS,
    _PLAN_END_RE,
    _PUNCT_RE,
    _QUOTE_PAIRS,
    _STRIP,
    _YEAR_RE,
)

__all__ = ["_clean_metric", "_metric_key"]

def _strip_leading(text: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        text = text.strip(_STRIP)
        for word in sorted(words, key=len, reverse=True):
            if text.startswith(word):
                text = text[len(word):]
                changed = True
                break
    return text


def _clean_metric(raw: str, *, drop_verbs: bool) -> str:
    """The noun phrase that names what is measured, without 全市/到2020年/达到 and friends."""
    text = _PLAN_END_RE.sub("", _YEAR_RE.sub("", raw)).strip(_STRIP)
    text = re.sub(r"^第[一二三四五六七八九十百零〇0-9]+条\s*", "", text)   # an article's heading
    text = re.sub(r"^在[^在]{1,20}?中", "", text)
    lead = ((*_JURISDICTIONS, *_ACTION_VERBS, "推动", "推进", "实现", "使", "其中", "的")
            if drop_verbs else (*_JURISDICTIONS, *_ADVERBS))
    text = _strip_leading(text, lead)
    if drop_verbs:
        changed = True
        while changed:
            changed = False
            for adverb in sorted(_ADVERBS, key=len, reverse=True):
                if text.endswith(adverb) and not (adverb == "均" and text[-2:-1] in "年人平日月"):
                    text = text[: -len(adverb)].strip(_STRIP)
                    changed = True
        cut = [m.start() for m in _COMPARISON_RE.finditer(text) if m.start() >= 2]
        if cut:
            text = text[: cut[-1]]
        parts = _EXAMPLES_RE.split(text)
        if len(parts) > 1 and len(parts[-1]) >= 2:
            text = parts[-1]
    text = text.strip(_STRIP)
    for left, right in _QUOTE_PAIRS:
        if text.startswith(left) and text.endswith(right) and text.count(left) == 1:
            text = text[1:-1]
    return text.strip(_STRIP)


def _metric_key(metric: str) -> str:
    """What metrics are compared on: no jurisdiction words, punctuation, width or case."""
    return _PUNCT_RE.sub("", _JURISDICTION_RE.sub("", metric.translate(_FULLWIDTH))).lower()

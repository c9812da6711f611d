"""The unique-phrase pass: free clauses sharing a phrase no other clause has pair up."""

from __future__ import annotations

from conftest import CORPUS, needs_corpus

import policydiff
from policydiff.alignment import unique
from policydiff.alignment.matching import Link


def _free(side: str, index: int) -> bool:
    return True


def _similar(p: int, d: int) -> bool:
    return True


def test_a_phrase_only_two_clauses_share_pairs_them() -> None:
    parent = ["违反社会生活噪声污染防治规定的处警告", "本法自公布之日起施行"]
    derived = ["本法自二〇二六年施行", "产生社会生活噪声污染防治问题经劝阻不改的处罚款"]
    assert unique.pairs(parent, derived, _free, _similar) == [(0, 1)]


def test_stock_wording_short_runs_and_dissimilar_clauses_do_not_pair() -> None:
    # 社会生活噪声 is in two derived clauses: not unique, however rare it looks
    parent = ["违反社会生活噪声规定的处警告"]
    derived = ["社会生活噪声扰民的处罚款", "制造社会生活噪声的处警告"]
    assert unique.pairs(parent, derived, _free, _similar) == []
    # a shared run of RUN - 1 bigrams is not enough
    short = "甲乙丙丁戊己"[:unique.RUN]
    assert unique.pairs([short + "一"], ["二" + short], _free, _similar) == []
    assert unique.pairs([short + "庚一"], ["二" + short + "庚"], _free, _similar) == [(0, 0)]
    # the order pass's similarity floor still applies
    assert unique.pairs([short + "庚一"], ["二" + short + "庚"], _free,
                        lambda p, d: False) == []
    # clauses already paired take no part
    assert unique.pairs([short + "庚一"], ["二" + short + "庚"],
                        lambda side, i: side == "d", _similar) == []


@needs_corpus
def test_a_moved_and_rewritten_article_is_paired_not_dropped_and_added() -> None:
    # public security penalties 2012 art. 58 became 2025 art. 88, three times as long (0.44)
    # and out of order; they alone share 社会生活噪声污染防治的法律
    law = CORPUS / "laws" / "prc-public-security-penalties-2012-2025"
    comparison = policydiff.compare(policydiff.load(law / "old.txt"),
                                    policydiff.load(law / "new.txt"))
    noise = next(p for p in comparison.pairs if p.parent[0].text.startswith("第五十八条"))
    assert noise.how == "unique"
    assert noise.derived[0].text.startswith("第八十八条")
    assert not any("社会生活噪声" in c.text for c in (*comparison.added, *comparison.dropped))


def test_a_unique_phrase_pairs_only_units_that_are_each_others_most_similar() -> None:
    run = "甲乙丙丁戊己庚"
    # X shares the unique run with Z, but Y resembles Z more (as a subsequence, no bigram in
    # common): Z is not X's partner
    parent = [run + "天地玄黄宇宙洪荒", "子一丑二寅三卯四辰五巳六午七未八申"]
    derived = [run + "子丑寅卯辰巳午未申"]
    assert unique.join([], parent, derived, 0.3, ((), ())) == []
    # without Y, X and Z pair; a division title pairs with no article
    assert unique.join([], parent[:1], derived, 0.3, ((), ())) == [
        Link((0,), (0,), False, "unique")]
    assert unique.join([], parent[:1], derived, 0.3, ([True], [False])) == []
    # units already linked take no part
    taken = [Link((0,), (1,))]
    assert unique.join(taken, parent[:1], [*derived, "其他"], 0.3, ((), ())) == taken

"""Replacements learned from a comparison's own confident pairs (policydiff.alignment.learned)."""

from __future__ import annotations

from policydiff.alignment import learned
from policydiff.alignment.matching import align


def test_a_renaming_recurring_in_two_pairs_is_learned() -> None:
    pairs = [("高級中學之設立標準由教育部定之", "高級中學之設立標準由中央主管教育行政機關定之"),
             ("同等學力之標準由教育部定之", "同等學力之標準由中央主管教育行政機關定之")]
    assert ("教育部", "中央主管教育行政機關") in learned.learn(pairs)


def test_a_replacement_seen_in_one_pair_only_is_not_learned() -> None:
    pairs = [("本法由財政部定之", "本法由主管機關定之"), ("保險人應即給付", "保險人應即給付")]
    assert learned.learn(pairs) == ()


def test_single_characters_are_not_learned() -> None:
    """Article numbers (第五條 -> 第六條) change by one character in many pairs."""
    pairs = [("第五條本法所稱汽車", "第六條本法所稱汽車"), ("第五條保險人應即給付", "第六條保險人應即給付")]
    assert learned.learn(pairs) == ()


def test_apply_makes_the_longest_replacement_first() -> None:
    replacements = (("財政部長", "主管機關首長"), ("財政部", "主管機關"))
    assert learned.apply("財政部長及財政部", replacements) == "主管機關首長及主管機關"


def test_a_moved_renamed_clause_pairs_once_the_renaming_is_learned() -> None:
    """A moved clause (no order pass reaches it) under the cutoff as written (0.71), identical
    once the renaming the three confident pairs show is undone: paired. Without the learned
    pass it is reported dropped and added."""
    parent = ["保險契約之訂立由財政部核定保險費率並公告之其費率之計算基礎每年檢討一次",
              "保險人之資格及其業務範圍由財政部核定並定期檢查其財務狀況",
              "財政部得派員檢查保險人之業務及帳冊並得令其提出報告",
              "財政部應會同財政部所屬機關訂定汽車理賠調查辦法"]
    derived = ["主管機關應會同主管機關所屬機關訂定汽車理賠調查辦法",
               "保險契約之訂立由主管機關核定保險費率並公告之其費率之計算基礎每年檢討一次",
               "保險人之資格及其業務範圍由主管機關核定並定期檢查其財務狀況",
               "主管機關得派員檢查保險人之業務及帳冊並得令其提出報告"]
    links = {(link.parent, link.derived) for link in align(parent, derived, cutoff=0.8)}
    assert links == {((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (0,))}


def test_a_stock_phrase_alone_is_no_evidence() -> None:
    """Two short clauses alike only through the renamed term (高級中學規程，由教育部定之 and
    學生成績考查辦法，由中央主管教育行政機關定之) stay apart: the learned replacement lifts the
    similarity, but the pair must share rare text as written."""
    parent = ["高級中學之設立標準由教育部定之並公告周知各校應遵行之",
              "同等學力之標準由教育部定之並公告周知各校應遵行之",
              "高級中學規程由教育部定之"]
    derived = ["高級中學學生成績考查辦法由中央主管教育行政機關定之",
               "高級中學之設立標準由中央主管教育行政機關定之並公告周知各校應遵行之",
               "同等學力之標準由中央主管教育行政機關定之並公告周知各校應遵行之"]
    links = {(link.parent, link.derived) for link in align(parent, derived, cutoff=0.5)}
    assert ((2,), (0,)) not in links

"""Word lists and patterns the targets package reads numbers with, defined once.

The lists come from reading the policy plans in ``examples/`` and the laws in the shared corpus
(company law, administrative review law, public security penalties law): each word was seen
governing a quantity there. They are vocabulary, not tuning: no list names a place or a phrase
of one document.
"""

from __future__ import annotations

import re
from typing import Any

from ..numerals import chinese_to_int
from ..vocabulary import LETTERS_AND_DIGITS_NOT, SELF_TERMS
from .model import Bound

# Full-width digits, letters and signs map one character to one, so offsets survive normalising.
# Traditional characters that carry numbers, bounds and penalties map the same way (萬 -> 万,
# 內 -> 内, 罰 -> 罚), so Taiwanese and Hong Kong texts read like Simplified ones.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．～－／"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
    "萬億兩內處對個項過達為於罰責應須違歸屬併輕較級縣區鎮條並無",
    "0123456789%.~-/"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "万亿两内处对个项过达为于罚责应须违归属并轻较级县区镇条并无",
)

# Things counted or measured in absolute amounts: a smaller jurisdiction restates them smaller.
_COUNT_UNITS = ("家", "件", "个", "项", "人", "名", "所", "台", "套", "户", "座", "条", "款", "种",
                "张", "份", "次", "处", "场", "支", "辆", "株", "棵", "篇", "例", "宗", "起", "批",
                "人次", "家次", "户次", "个次", "项次")
_MEASURE_UNITS = ("亩", "公顷", "吨", "公里", "千米", "米", "平方米", "平方公里", "立方米", "千瓦",
                  "兆瓦", "千瓦时", "元", "美元")
_EXTENSIVE = frozenset(_COUNT_UNITS + _MEASURE_UNITS)
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
# Rates and scores never rescale; time spans are limits (shorter is tighter).
_RATE_UNITS = ("%", "‰", "个百分点", "百分点", "倍", "分")
_TIME_UNITS = frozenset(("年", "个月", "周", "天", "日", "个工作日", "工作日", "小时", "分钟"))

_UNITS = sorted(
    {*_EXTENSIVE, *(m + u for m in _MAGNITUDES for u in _EXTENSIVE), *_RATE_UNITS, *_TIME_UNITS},
    key=lambda u: (-len(u), u),
)
_UNIT = "(?:" + "|".join(map(re.escape, _UNITS)) + ")"

_ARABIC = r"(?<![0-9A-Za-z.])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CHINESE = rf"(?<![{_CN_CHARS}])[一二两三四五六七八九十〇零][{_CN_CHARS}]*"
_NUM = f"(?:{_ARABIC}|{_CHINESE})"
_TAIL = (r"(?P<approx>多|余)?(?P<unit>" + _UNIT + r")"
         r"(?P<per>/(?:平方米|平方公里|立方米|千瓦时|[\u4e00-\u9fff]))?"
         r"(?P<suffix>及以上|以上|之上|及以下|以下|之下|以内|之内|内|左右)?")
_NUM_RE = re.compile(_NUM)
# 百分之五以上 is 5%以上 written out; the empty groups let it share the single-number code.
_PERCENT_RE = re.compile(f"百分之(?P<num>{_NUM})(?P<approx>)(?P<unit>)(?P<per>)?"
                         r"(?P<suffix>及以上|以上|之上|及以下|以下|之下|以内|之内|左右)?")
# A sentence without a digit or a numeral has no quantity: skipped before any other pattern.
_HAS_NUMBER_RE = re.compile("[0-9一二两三四五六七八九十〇零百千万亿]")
_SINGLE_RE = re.compile(f"(?P<num>{_NUM}){_TAIL}")
_RANGE_RE = re.compile(f"(?P<num>{_NUM})(?P<u1>{_UNIT})?(?:至|到|—|–|-|~)(?P<num2>{_NUM}){_TAIL}")

_SUFFIX_BOUND: dict[str, Bound] = {
    "以上": "min", "及以上": "min", "之上": "min",
    "以下": "max", "及以下": "max", "之下": "max", "以内": "max", "之内": "max", "内": "max",
    "左右": "exact",
}
# Comparators are part of the quantity as written ("不少于100个"); verbs are not ("突破12000家").
_COMPARATORS: dict[str, Bound] = {
    "不少于": "min", "不低于": "min", "不小于": "min", "至少": "min", "高于": "min",
    "超过": "min", "大于": "min", "多于": "min",
    "不超过": "max", "不高于": "max", "不大于": "max", "低于": "max", "少于": "max",
    "小于": "max", "不足": "max", "未逾": "max",
    # 不得超过 is 不超过 in a law's words
    "不得超过": "max", "不得高于": "max", "不得多于": "max", "不得大于": "max",
    "不得少于": "min", "不得低于": "min", "不得小于": "min",
}
_BOUND_VERBS: dict[str, Bound] = {
    "达到": "min", "达": "min", "突破": "min",
    **{v + p: "min" for v in ("提高", "提升", "增长", "增加", "扩大", "上升")
       for p in ("到", "至")},
    "增至": "min", "提高": "min", "提升": "min", "增长": "min", "增加": "min", "扩大": "min",
    "上升": "min",
    "稳定在": "exact", "保持在": "exact", "维持在": "exact", "稳定": "exact", "保持": "exact",
    "为": "exact",
    "控制在": "max", "降到": "max", "降至": "max", "减至": "max",
    **{v + p: "max" for v in ("压缩", "缩短", "降低", "下降", "减少", "缩减")
       for p in ("到", "至")},
    # A reduction *by* an amount: the bigger the cut, the tighter.
    "压缩": "min", "缩短": "min", "降低": "min", "下降": "min", "减少": "min", "缩减": "min",
}
# Verbs that make a number a target without saying which way it is bounded.
_ACTION_VERBS = ("累计建成", "累计培育", "累计新增", "累计", "建成", "新增", "新建", "培育", "建设",
                 "创建", "打造", "建立", "实施", "完成", "引进", "认定", "扶持", "支持", "推广",
                 "组建", "设立", "开展", "举办", "培训", "帮扶", "覆盖")
_ADVERBS = ("均", "都", "分别", "要", "应", "将", "力争", "争取", "确保", "逐步", "稳步", "持续",
            "基本", "全部", "总体")
_VERBS: dict[str, Bound | None] = {**_BOUND_VERBS, **dict.fromkeys(_ACTION_VERBS)}


def _alternation(words: Any) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


# 均 is an adverb in 均达, part of the metric in 年均/人均/平均.
_ADVERB = _alternation(_ADVERBS).replace("均", "(?<![年人平日月])均")
_LEAD_RE = re.compile(
    f"(?:{_ADVERB})*(?P<verb>{_alternation(_VERBS)})?"
    f"(?P<cmp>{_alternation(_COMPARATORS)})?$"
)
_TARGET_VERB_RE = re.compile(_alternation(_VERBS.keys() - {"为", "达", "稳定", "保持"}))

# How a document names its own jurisdiction (the shared list), and the wider or plural forms a
# metric name can open with (全国, 各区): never part of the metric.
_JURISDICTIONS = (*SELF_TERMS, "各区县", "全旗", "各区", "全国")
_JURISDICTION_RE = re.compile(_alternation(_JURISDICTIONS))

_YEAR_RE = re.compile(
    r"(?P<pre>(?:力争|争取|计划)?(?:截止到|截至|截止|到|至|于|在)?)"
    r"(?P<body>(?<![0-9])(?P<year>(?:19|20)[0-9]{2})年"
    r"(?:(?P<month>[0-9]{1,2})月(?:[0-9]{1,2}日)?)?(?:年?底|年?末|上半年|下半年)?"
    r"(?P<before>以前|之前|前)?)"
)
_PLAN_END_RE = re.compile(r"(?:到|至)“?十[一二三四五六七八九]五”?(?:时期)?(?:期末|末)")
_COMPLETION_RE = re.compile(
    "完成|建成|实现|建立|出台|制定|印发|形成|覆盖|启动|取消|淘汰|整合|上线|投入使用|投用|竣工|验收|部署"
)
_SENTENCE_RE = re.compile(r"[^。；;！？!?\n|]+")
_CLAUSE_DELIMS = "，,、:："
_PHRASE_DELIMS = "，,:："  # 、 lists nouns inside a clause
_CLAUSE_DELIM_RE = re.compile(f"[{_CLAUSE_DELIMS}]")
_DIGIT_RE = re.compile("[0-9%‰]")
_QUOTE_CHAR_RE = re.compile("[\"“”《》「」『』‘’]")
_MAX_METRIC = 80  # characters of context a metric is taken from
_QUOTE_PAIRS = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"), ("‘", "’"))
_STRIP = " \t\u3000—-–·.。，,、:：；;()（）[]【】"
_PUNCT_RE = LETTERS_AND_DIGITS_NOT
_COMPARISON_RE = re.compile(r"(?:比|较)(?![重例率])")
_EXAMPLES_RE = re.compile(r"等(?![级次同效])")


# --- numbers ----------------------------------------------------------------------------------

def _number(token: str) -> float | None:
    if token[0].isascii():
        return float(token.replace(",", ""))
    value = chinese_to_int(token)
    return None if value is None else float(value)


def _base_unit(unit: str) -> tuple[str, float]:
    """万家 -> (家, 1e4); units without a magnitude prefix are their own base."""
    for prefix, factor in _MAGNITUDES.items():
        if unit.startswith(prefix) and unit[len(prefix):] in _EXTENSIVE:
            return unit[len(prefix):], factor
    return unit, 1.0




# --- penalties, subjects, windows ----------------------------------------------------------------

# Penalty nouns after (or, for 拘留十日, right before) a quantity, and the canonical type they are
# paired by. 罰鍰 is the Taiwanese administrative fine (罚 is already simplified by _FULLWIDTH).
_PENALTIES = {"罚款": "罚款", "罚鍰": "罚款", "罚金": "罚金", "拘留": "拘留", "拘役": "拘役",
              "有期徒刑": "有期徒刑", "停业整顿": "停业整顿", "暂扣": "暂扣",
              "停止执业": "停止执业"}
_PENALTY_RE = re.compile(_alternation(_PENALTIES))
# A fine is counted in money or as a share or multiple of a base; custody and bans in time.
_MONEY_UNITS = frozenset(("元", "万元", "亿元", "美元", "%", "倍", "‰"))

# Who a penalty or duty binds, matched at the end of the 对… phrase before it, longest first.
_SUBJECTS = ("直接负责的主管人员和其他直接责任人员", "直接负责的主管人员", "其他直接责任人员",
             "直接责任人员", "负有责任的领导人员", "主管人员", "法定代表人", "控股股东",
             "实际控制人", "高级管理人员", "董事", "监事", "清算组成员", "首要分子", "单位",
             "公司", "企业", "机构", "组织", "个人", "自然人", "法人", "经营者", "当事人",
             "行为人", "驾驶人", "申请人", "被申请人", "发起人", "股东", "组织者", "负责人",
             "管理人", "所有人", "承运人", "责任人")
_SUBJECT_RE = re.compile(
    r"对(?:其)?(?P<who>[^，,。；;：:对]{1,40}?)(?:依法|依照|分别|可以|并|处|给予|予以|，|,)")
# A window that looks back or bans: 三年内无…, 五年内不得…, 未逾五年, 一年以内曾受过.
_WINDOW_AFTER_RE = re.compile(r"(?:，|,)?(?:无|不得|未|没有|禁止|不再|不予|曾|再次|二次|两次|连续)")
_WINDOW_BEFORE = ("未逾", "未满", "不满", "最近", "近")
# A condition that opens a penalty's sentence (情节较重的，…) tells tiers of one article apart.
_TIER_RE = re.compile("特别严重|严重|较重|较轻|轻微|显著轻微")
_CONDITION_RE = re.compile(r"(?:第[^条]{1,8}条)?\s*(?P<cond>[^，,]{1,40}的)[，,]")

"""Targets and deadlines: real Tianjin texts first, then one test per pattern and rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff import targets
from policydiff.targets import Quantity, TargetChange, changes, direction, extract

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"


def line_with(path: Path, needle: str) -> str:
    """The first line (one clause or paragraph) of an example that contains ``needle``."""
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if needle in line)


def one(text: str) -> Quantity:
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


def summary(text: str) -> list[tuple[str, float, str, str | None, int | None, str]]:
    return [(q.text, q.value, q.unit, q.bound, q.year, q.metric) for q in extract(text)]


def target(value: float, unit: str, bound: targets.Bound | None, text: str = "") -> Quantity:
    return Quantity(text=text or f"{value:g}{unit}", value=value, unit=unit, bound=bound,
                    year=None, metric="m", kind="target", start=0, end=0)


# --- the flagship pair: Tianjin city 2018 -> Binhai 2019 ----------------------------------------


def test_equipment_quality_rate_tightened() -> None:
    parent = line_with(CITY, "装备制造业产品质量合格率稳定在93%以上")
    derived = line_with(BINHAI, "装备制造业产品质量合格率稳定在95%以上")
    (change,) = changes(parent, derived)
    assert "装备制造业产品质量合格率" in change.metric
    assert (change.before.value, change.before.bound, change.before.year) == (93, "min", 2020)
    assert (change.after.value, change.after.text) == (95, "95%以上")
    assert change.direction == "tightened"


def test_main_targets_paragraphs() -> None:
    parent = line_with(CITY, "管理体系认证获证企业突破12000家")
    derived = line_with(BINHAI, "2600家")
    got = [(c.metric, c.before.text, c.after.text, c.direction) for c in changes(parent, derived)]
    assert got == [
        ("科技领军企业拥有自主商标品牌", "100%", "100%", "unchanged"),
        ("地理标志证明商标和地理标志保护产品", "50件", "5件", "rescaled"),
        ("管理体系认证获证企业", "12000家", "2600家", "rescaled"),
        ("食品农产品认证获证企业", "1000家", "100家", "rescaled"),
        ("服务认证获证企业", "150家", "20家", "rescaled"),
    ]


def test_city_main_targets_share_the_year() -> None:
    paragraph = line_with(CITY, "管理体系认证获证企业突破12000家")
    # 通过3至5年努力 is a time frame, not a target; the five targets all fall due in 2020.
    assert summary(paragraph) == [
        ("100%", 100, "%", "min", 2020, "科技领军企业拥有自主商标品牌"),
        ("50件", 50, "件", "min", 2020, "地理标志证明商标和地理标志保护产品"),
        ("12000家", 12000, "家", "min", 2020, "管理体系认证获证企业"),
        ("1000家", 1000, "家", "min", 2020, "食品农产品认证获证企业"),
        ("150家", 150, "家", "min", 2020, "服务认证获证企业"),
    ]


def test_whole_documents() -> None:
    parent = CITY.read_text(encoding="utf-8")
    derived = BINHAI.read_text(encoding="utf-8")
    assert all(q.kind == "target" and q.year == 2020 for q in extract(parent) + extract(derived))
    found = changes(parent, derived)
    assert [c.direction for c in found] == [
        "unchanged", "rescaled", "rescaled", "rescaled", "rescaled", "tightened", "tightened",
    ]
    assert [c.after.start for c in found] == sorted(c.after.start for c in found)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_examples_offsets_and_no_stray_numbers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for q in extract(text):
        assert text[q.start:q.end] == q.text
        assert q.unit != "年" or q.value < 1000 or q.kind == "deadline"
        assert q.metric or q.text.startswith("不")


def test_table_with_year_columns_yields_nothing() -> None:
    # 2020年 and 2025年 are column labels; the cells are bare numbers.
    assert extract((EXAMPLES / "2022-tianjin-certification-opinion.txt").read_text("utf-8")) == ()


def test_dongli_targets() -> None:
    text = (EXAMPLES / "2024-dongli-quality-plan.txt").read_text(encoding="utf-8")
    got = {q.text: (q.bound, q.metric) for q in extract(text)}
    assert got["超过3.8%"] == ("min", "全社会研发支出占GDP比重")
    assert got["不少于100个"] == ("min", "“智改数转”项目")
    assert got["98.5%以上"] == ("min", "食品评价性抽检合格率")
    assert got["10项"] == (None, "制修订国际标准、国家标准及行业标准")
    assert got["100%"] == ("min", "各级监督抽查不合格整改完成率")
    assert got["4.4万亩"] == (None, "高标准农田")
    assert got["9个"] == (None, "津农精品")


# --- patterns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("装备制造业产品质量合格率稳定在93%以上",
     ("93%以上", 93, "%", "min", "装备制造业产品质量合格率")),
    ("食品评价性抽检合格率达到98.5%以上", ("98.5%以上", 98.5, "%", "min", "食品评价性抽检合格率")),
    ("全市科技领军企业拥有自主商标品牌达到100%",
     ("100%", 100, "%", "min", "科技领军企业拥有自主商标品牌")),
    ("实施“智改数转”项目不少于100个", ("不少于100个", 100, "个", "min", "“智改数转”项目")),
    ("管理体系认证获证企业突破12000家", ("12000家", 12000, "家", "min", "管理体系认证获证企业")),
    ("全社会研发支出占GDP比重超过3.8%", ("超过3.8%", 3.8, "%", "min", "全社会研发支出占GDP比重")),
    ("全区办理时限控制在10天以内", ("10天以内", 10, "天", "max", "办理时限")),
    ("万元GDP能耗不超过0.5吨", ("不超过0.5吨", 0.5, "吨", "max", "万元GDP能耗")),
    ("抽检不合格率低于2%", ("低于2%", 2, "%", "max", "抽检不合格率")),
    ("本市研发投入强度提高到3.5%", ("3.5%", 3.5, "%", "min", "研发投入强度")),
    ("新区检测机构营业收入增长到110亿元", ("110亿元", 110, "亿元", "min", "检测机构营业收入")),
    ("累计建成4.4万亩高标准农田", ("4.4万亩", 4.4, "万亩", None, "高标准农田")),
    ("我区获证企业1000家以上", ("1000家以上", 1000, "家", "min", "获证企业")),
    ("审批时限压缩至15个工作日", ("15个工作日", 15, "个工作日", "max", "审批时限")),
    ("综合服务平台均达100%", ("100%", 100, "%", "min", "综合服务平台")),
    ("获证企业达到100余家", ("100余家", 100, "家", "min", "获证企业")),
    ("在天津市品牌指数测评中品牌得分达到80分以上", ("80分以上", 80, "分", "min", "品牌得分")),
    ("推土机和非公路自卸车等平均失效间隔时间比现行国家标准提高60%以上",
     ("60%以上", 60, "%", "min", "平均失效间隔时间")),
    ("GDP年均增长6.5%左右", ("6.5%左右", 6.5, "%", "exact", "GDP年均")),
])
def test_patterns(text: str, expected: tuple[object, ...]) -> None:
    q = one(text)
    assert (q.text, q.value, q.unit, q.bound, q.metric) == expected
    assert text[q.start:q.end] == q.text
    assert q.kind == "target"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("到2020年，培育示范企业一百家。", 100, "家"),
    ("到2022年，新增认证企业两千家。", 2000, "家"),
    ("到2022年，建成示范区十个。", 10, "个"),
    ("到2022年，新增获证企业三万家。", 30000, "家"),
    ("到2022年，新增获证企业一万二千家。", 12000, "家"),
    ("到2022年，新增获证企业二十五家。", 25, "家"),
    ("到2022年，新增获证企业一百零五家。", 105, "家"),
])
def test_chinese_numerals(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.year) == (value, unit, int(text[1:5]))


def test_commas_and_full_width_digits() -> None:
    assert one("获证企业达到12,000家以上。").value == 12000
    text = "到２０２０年，获证企业突破１２０００家，合格率达到９３．５％以上。"
    assert [(q.text, q.value, q.unit, q.year) for q in extract(text)] == [
        ("１２０００家", 12000, "家", 2020), ("９３．５％以上", 93.5, "%", 2020)]
    # A comma between clauses is not a thousands separator.
    assert [q.value for q in extract("达到5件,突破2600家")] == [5, 2600]


@pytest.mark.parametrize(("text", "value", "unit", "bound", "written"), [
    ("到2020年，培育3—5个示范区。", 3, "个", "min", "3—5个"),
    ("到2020年，建成三至五个示范区。", 3, "个", "min", "三至五个"),
    ("到2020年，培育3-5家龙头企业。", 3, "家", "min", "3-5家"),
    ("整合工作在3至5年内完成。", 5, "年", "max", "3至5年内"),
    ("在三至五年内完成整合。", 5, "年", "max", "三至五年内"),
    ("不合格率控制在3%—5%以下。", 5, "%", "max", "3%—5%以下"),
])
def test_ranges(text: str, value: float, unit: str, bound: str, written: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.bound, q.text) == (value, unit, bound, written)


def test_absurd_numbers_are_skipped() -> None:
    assert extract("达到" + "9" * 400 + "家") == ()
    assert extract("达到" + "〇" * 5000 + "家") == ()
    assert extract("十四五期间达到三五家") == ()


def test_time_frame_is_not_a_target() -> None:
    assert extract("通过3至5年努力，基本实现主要工作目标。") == ()
    assert extract("培育24小时便利店、书店、影院。") == ()


def test_year_governs_its_sentence_only() -> None:
    text = ("到2020年，全市科技领军企业拥有自主商标品牌达到100%，地理标志证明商标和地理标志保护产品"
            "达到50件，管理体系认证获证企业突破12000家。服务认证获证企业突破150家；"
            "到“十四五”末，获证企业达到15000家。合格率2025年前达到95%。")
    assert [(q.text, q.year) for q in extract(text)] == [
        ("100%", 2020), ("50件", 2020), ("12000家", 2020), ("150家", None), ("15000家", None),
        ("95%", 2025)]


def test_nearest_preceding_year_wins() -> None:
    text = "到2020年，合格率达到90%，到2025年，合格率达到95%。"
    assert [(q.value, q.year) for q in extract(text)] == [(90, 2020), (95, 2025)]


# --- deadlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "written", "year", "metric"), [
    ("2019年底前完成检验检测机构整合工作。", "2019年底前", 2019, "完成检验检测机构整合工作"),
    ("到2021年，全市建成智慧监管平台。", "2021年", 2021, "建成智慧监管平台"),
    ("检验检测机构整合工作于2020年6月底前完成。", "2020年6月底前", 2020,
     "检验检测机构整合工作完成"),
    ("各区要在2020年底前，完成质量提升行动。", "2020年底前", 2020, "完成质量提升行动"),
    ("至2022年，全区实现认证监管全覆盖。", "2022年", 2022, "实现认证监管全覆盖"),
])
def test_deadlines(text: str, written: str, year: int, metric: str) -> None:
    q = one(text)
    assert (q.kind, q.text, q.value, q.unit, q.bound, q.year, q.metric) == (
        "deadline", written, year, "年", "max", year, metric)
    assert text[q.start:q.end] == written


def test_vision_statements_and_dated_statistics_are_not_deadlines() -> None:
    assert extract("到2025年，质量强区建设取得更大进展，人民群众质量获得感明显提升。") == ()
    assert extract("到2035年，我区产品、工程、服务质量显著提升。") == ()
    assert extract("2018年全市认证工作成效明显。") == ()


def test_a_sentence_with_targets_yields_no_deadline() -> None:
    (q,) = extract("到2021年，全市建成示范区10个。")
    assert (q.kind, q.value, q.year) == ("target", 10, 2021)


@pytest.mark.parametrize(("parent", "derived", "expected"), [
    ("2020年底前完成机构整合。", "2019年底前完成机构整合。", "tightened"),
    ("2020年底前完成机构整合。", "2021年底前完成机构整合。", "loosened"),
    ("2020年底前完成机构整合。", "2020年6月底前完成机构整合。", "tightened"),
    ("到2020年，全市完成机构整合。", "到2020年，全区完成机构整合。", "unchanged"),
])
def test_deadline_directions(parent: str, derived: str, expected: str) -> None:
    (change,) = changes(parent, derived)
    assert change.kind == "deadline"
    assert change.direction == expected


# --- things that are not targets ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "根据《国务院关于加强质量认证体系建设促进全面质量管理的意见》（国发〔2018〕3号）。",
    "津滨政发〔2019〕16号",
    "2018年12月2日",
    "成文日期: 2019-07-18",
    "全面贯彻党的十九大和十九届二中、三中全会精神。",
    "运用新版ISO9001质量管理体系等国际先进标准。",
    "推动“三品一标”优质农产品发展，全面推行“双随机、一公开”监管模式。",
    "以习近平总书记对天津工作提出的“三个着力”重要要求为元为纲。",
    "专栏1:“十四五”主要发展指标 | 指标名称 | 2020年 | 2025年 |",
    "天津市进一步提高产品、工程和服务质量行动实施方案（2023—2025年）",
    "瞄准市第十二次党代会上提出的目标，市场监管总局等十八部门印发。",
    "1．创新质量管理工具。（1）打造5G应用场景。",
    "开展万家企业贯彻应用新版质量管理体系标准活动，打造一批示范标杆。",
    "落实“一件事一次办”，持续做好12345政务服务便民热线。",
    "到2020年，推动6条主导产业链成龙配套。",
])
def test_not_targets(text: str) -> None:
    assert extract(text) == ()


# --- direction ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after", "expected"), [
    (target(93, "%", "min"), target(95, "%", "min"), "tightened"),
    (target(95, "%", "min"), target(93, "%", "min"), "loosened"),
    (target(95, "%", None), target(93, "%", "exact"), "loosened"),  # rates never rescale
    (target(5, "%", "max"), target(3, "%", "max"), "tightened"),
    (target(10, "天", "max"), target(15, "天", "max"), "loosened"),
    (target(15, "个工作日", None), target(10, "个工作日", None), "tightened"),  # spans are limits
    (target(12000, "家", "min"), target(2600, "家", "min"), "rescaled"),
    (target(50, "件", "min"), target(5, "件", None), "rescaled"),
    (target(4.4, "万亩", None), target(1000, "亩", None), "rescaled"),
    (target(100, "个", "min"), target(120, "个", "min"), "tightened"),
    (target(3, "起", "max"), target(5, "起", "max"), "loosened"),
    (target(1.2, "万家", "min"), target(12000, "家", "min"), "unchanged"),
    (target(100, "%", "min"), target(100, "%", "min"), "unchanged"),
])
def test_direction(before: Quantity, after: Quantity, expected: str) -> None:
    assert direction(before, after) == expected


def test_max_bounds_from_text() -> None:
    (change,) = changes("事故率不超过5%。", "事故率不超过3%。")
    assert (change.before.bound, change.direction) == ("max", "tightened")
    (change,) = changes("办理时限控制在10天以内。", "办理时限控制在15天以内。")
    assert (change.before.bound, change.direction) == ("max", "loosened")


def test_direction_refuses_what_cannot_compare() -> None:
    deadline = one("2019年底前完成机构整合。")
    with pytest.raises(ValueError, match="deadline"):
        direction(target(5, "%", "min"), deadline)
    with pytest.raises(ValueError, match="家"):
        direction(target(5, "%", "min"), target(5, "家", "min"))


# --- changes ------------------------------------------------------------------------------------


def test_changes_pairs_by_metric_not_position() -> None:
    parent = "到2020年，管理体系认证获证企业突破12000家，服务认证获证企业突破150家。"
    derived = "到2020年，新区服务认证获证企业突破20家，管理体系认证获证企业突破2600家。"
    got = [(c.before.text, c.after.text) for c in changes(parent, derived)]
    assert got == [("150家", "20家"), ("12000家", "2600家")]


def test_changes_needs_same_unit_family_and_similar_metric() -> None:
    assert changes("获证企业突破100家。", "获证企业达到100%。") == ()
    assert changes("获证企业突破100家。", "检测报告达到100份。") == ()
    (change,) = changes("获证企业突破1.2万家。", "获证企业突破2600家。")
    assert change.direction == "rescaled"


def test_changes_tie_break_is_order_of_appearance() -> None:
    parent = "合格率达到90%；合格率达到91%。"
    derived = "合格率达到92%；合格率达到93%。"
    got = [(c.before.value, c.after.value) for c in changes(parent, derived)]
    assert got == [(90, 92), (91, 93)]
    assert changes(parent, derived) == changes(parent, derived)


def test_changes_cutoff() -> None:
    parent, derived = "质量认证获证企业达到100家。", "国家高新技术企业达到80家。"
    assert changes(parent, derived) == ()
    assert len(changes(parent, derived, cutoff=0.2)) == 1
    with pytest.raises(ValueError, match=r"1\.5"):
        changes(parent, derived, cutoff=1.5)


def test_extract_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="bytes"):
        extract(b"93%")  # type: ignore[arg-type]


# --- records ------------------------------------------------------------------------------------


def test_to_dict_follows_the_contract() -> None:
    parent = line_with(CITY, "装备制造业产品质量合格率稳定在93%以上")
    derived = line_with(BINHAI, "装备制造业产品质量合格率稳定在95%以上")
    (change,) = changes(parent, derived)
    record = change.to_dict()
    assert list(record) == ["metric", "kind", "before", "after", "direction", "parent_clause",
                            "derived_clause", "polarity", "subject", "penalty", "explanation"]
    assert record["explanation"] == {
        "zh": "装备制造业产品质量合格率由93%提高到95%（目标提高）",
        "en": "装备制造业产品质量合格率 raised from 93% to 95% (higher target)"}
    assert record["parent_clause"] is None      # compare() fills the clause ids in
    assert list(record["before"]) == ["text", "value", "unit", "bound", "year"]
    assert json.dumps(record["after"], ensure_ascii=False) == (
        '{"text": "95%以上", "value": 95, "unit": "%", "bound": "min", "year": 2020}')
    assert one("合格率达到98.5%以上").to_dict()["value"] == 98.5
    assert isinstance(change, TargetChange)


def test_public_names() -> None:
    assert set(targets.__all__) == {
        "Bound", "Direction", "Kind", "Polarity", "Quantity", "QuantityOnly", "TargetChange",
        "changes", "direction", "extract", "quantity_changes", "without_rescaling"}


# --- invariants ---------------------------------------------------------------------------------

_POLICY_CHARS = list("0123456789０１２３,.．%％到至于前底月日年内以上下全市区新达突破不少超过控制在"
                     "一二两三十百千万亿家个件项天“”《》〔〕（）—-第，。、；|率企业合格ISO")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(_POLICY_CHARS))))
def test_extract_never_raises_and_offsets_hold(text: str) -> None:
    for q in extract(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert direction(q, q) == "unchanged"
        assert q.to_dict()["text"] == q.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_POLICY_CHARS)))
def test_a_text_compared_with_itself_is_unchanged(text: str) -> None:
    assert all(c.direction == "unchanged" for c in changes(text, text))


# --- polarity: which way is stricter, per kind, in Simplified and Traditional characters ----------

POLARITY_TABLE = [
    # (parent, derived, polarity, direction, explanation_zh)
    ("合格率稳定在93%以上。", "合格率稳定在95%以上。", "target", "tightened", "目标提高"),
    ("合格率達到93%以上。", "合格率達到90%以上。", "target", "loosened", "目标降低"),
    ("事故率不超过5%。", "事故率不超过3%。", "limit", "tightened", "限值收紧"),
    ("事故率不超過5%。", "事故率不超過8%。", "limit", "loosened", "限值放宽"),
    ("处五万元以上五十万元以下的罚款。", "处五万元以上二百万元以下的罚款。", "penalty", "tightened",
     "罚款上限由五十万元提高到二百万元（处罚加重）"),
    ("處新臺幣三萬元以上十五萬元以下罰鍰。", "處新臺幣一萬元以上十五萬元以下罰鍰。", "penalty",
     "loosened", "罚款下限由三萬元降低为一萬元（处罚减轻）"),
    ("处五日以上十日以下拘留。", "处五日以上十五日以下拘留。", "penalty", "tightened",
     "拘留上限由十日提高到十五日（处罚加重）"),
    ("并处违法所得一倍以上五倍以下的罚款。", "并处违法所得一倍以上十倍以下的罚款。", "penalty",
     "tightened", "罚款上限由五倍提高到十倍（处罚加重）"),
    ("处以虚报注册资本金额百分之五以上百分之十五以下的罚款。",
     "处以虚报注册资本金额百分之五以上百分之十以下的罚款。", "penalty", "loosened", "处罚减轻"),
    ("行政机关应当在十日内作出决定。", "行政机关应当在五日内作出决定。", "time_limit", "tightened",
     "作出决定期限由十日缩短为五日（时限收紧）"),
    ("主管機關應於十日內作出決定。", "主管機關應於三十日內作出決定。", "time_limit", "loosened",
     "时限放宽"),
    ("最近3年内无超速违法记录。", "最近1年内无超速违法记录。", "window", "loosened", "要求放宽"),
    ("最近3年內無超速違法紀錄。", "最近8年內無超速違法紀錄。", "window", "tightened", "要求更严"),
    ("被吊销许可证的，三年内不得重新申请。", "被吊销许可证的，五年内不得重新申请。", "window",
     "tightened", "限制期延长"),
    ("到2025年底前完成改造。", "到2024年底前完成改造。", "deadline", "tightened",
     "由2025年底前提前到2024年底前（期限提前）"),
    ("於2025年底前完成改造。", "於2026年底前完成改造。", "deadline", "loosened", "期限推迟"),
    ("全市新增企业12000家以上。", "全区新增企业2600家以上。", "target", "rescaled", "按规模调整"),
]


@pytest.mark.parametrize(("parent", "derived", "polarity", "expected", "words"), POLARITY_TABLE)
def test_polarity_table(parent: str, derived: str, polarity: str, expected: str,
                        words: str) -> None:
    moved = [c for c in changes(parent, derived) if c.direction != "unchanged"]
    assert len(moved) == 1, moved
    (change,) = moved
    assert (change.polarity, change.direction) == (polarity, expected)
    assert change.before.polarity == change.after.polarity == polarity
    assert words in change.explanation_zh
    assert change.explanation_en and "(" in change.explanation_en


def test_polarity_table_covers_every_kind_in_both_scripts() -> None:
    kinds = {row[2] for row in POLARITY_TABLE}
    assert kinds == {"target", "limit", "penalty", "time_limit", "window", "deadline"}
    traditional = {row[2] for row in POLARITY_TABLE if any(ch in row[0] for ch in "達過處罰內無於")}
    assert traditional == kinds


def test_subjects_never_pair_across() -> None:
    parent = "对公司处以五万元以上五十万元以下的罚款。"
    derived = ("对公司处以五万元以上五十万元以下的罚款；对直接负责的主管人员和其他直接责任人员"
               "处以三万元以上三十万元以下的罚款。")
    paired, only = targets.quantity_changes(parent, derived)
    assert all(c.direction == "unchanged" and c.subject == "公司" for c in paired)
    assert [(o.change, o.quantity.text) for o in only] == [("new", "三万元以上"),
                                                          ("new", "三十万元以下")]
    assert only[0].explanation_zh == "新增对直接负责的主管人员和其他直接责任人员的罚款下限：三万元以上"


def test_severity_tiers_never_pair_across() -> None:
    parent = "处五日以下拘留或者五百元以下罚款；情节较重的，处五日以上十日以下拘留。"
    derived = "处五日以下拘留或者一千元以下罚款；情节较轻的，处五日以上十日以下拘留。"
    moved = [(c.before.text, c.after.text) for c in changes(parent, derived)
             if c.direction != "unchanged"]
    assert moved == [("五百元以下", "一千元以下")]


_LAW_CHARS = list("对公司直接负责的主管人员处以五十万元以上二百以下罚款拘留日内年无不得情节较重轻，。；"
                  "到2025年底前完成达合格率%")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LAW_CHARS)), st.text(alphabet=st.sampled_from(_LAW_CHARS)))
def test_pairs_never_cross_groups_and_account_for_every_quantity(parent: str, derived: str) -> None:
    paired, only = targets.quantity_changes(parent, derived)
    for change in paired:
        assert (change.before.subject, change.before.polarity, change.before.penalty) == (
            change.after.subject, change.after.polarity, change.after.penalty)
        assert change.explanation_zh and change.explanation_en
    vision_starts = {q.start for q in targets.extraction.vision_years(derived)}
    derived_starts = [c.after.start for c in paired if c.after.start not in vision_starts]
    derived_starts += [o.quantity.start for o in only if o.change == "new"]
    assert len(derived_starts) == len(set(derived_starts))
    assert set(derived_starts) <= {q.start for q in extract(derived)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LAW_CHARS + _POLICY_CHARS)))
def test_fast_path_for_unchanged_quantities_is_what_the_scoring_gives(text: str) -> None:
    from policydiff.targets import pairing
    from policydiff.targets.metrics import _metric_key
    parent, derived = extract(text), extract("前言。" + text)
    keys = [_metric_key(q.metric) for q in parent]
    matched, _ = pairing._best_pairs(parent, derived, keys, keys, 0.6)
    assert matched == {i: i for i, key in enumerate(keys) if key}

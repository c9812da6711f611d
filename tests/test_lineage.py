"""Lineage: sketches, reuse, citations and parent choice (policydiff.lineage), without
comparisons: on a synthetic corpus built here, the Tianjin examples, central-local and a
subset of the local implementations of national laws."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CORPUS, EXAMPLES, needs_corpus

import policydiff
from policydiff import lineage
from policydiff.lineage import Lineage, citations

# --- a synthetic corpus --------------------------------------------------------------------------

ARTICLES = [
    "第{n}条 县级以上人民政府应当加强对{w}工作的领导，将{w}事业纳入国民经济和社会发展规划，"
    "所需经费列入财政预算。",
    "第{n}条 {w}主管机构负责本行政区域内的{w}监督管理工作，"
    "其他有关部门在各自职责范围内做好相关工作。",
    "第{n}条 任何组织和个人不得侵占、损毁或者擅自移动{w}设施，"
    "发现危害{w}设施行为的，有权向主管机构举报。",
    "第{n}条 从事{w}活动的单位应当具备与其业务相适应的专业技术人员、"
    "设备和管理制度，并接受主管机构的监督检查。",
    "第{n}条 主管机构应当建立健全{w}信息共享机制，定期向社会公布{w}工作情况，"
    "接受社会监督，提高服务水平。",
    "第{n}条 违反本法规定，擅自从事{w}活动的，由主管机构责令停止违法行为，"
    "没收违法所得，并处一万元以上五万元以下的罚款。",
    "第{n}条 国家鼓励和支持{w}科学技术研究，推广先进技术，"
    "培养专业人才，提高{w}工作的现代化水平和服务能力。",
    "第{n}条 {w}工作人员玩忽职守、滥用职权、徇私舞弊的，依法给予处分；"
    "构成犯罪的，依法追究刑事责任。",
]


OTHER_ARTICLES = [
    "第{n}条 为了保护和合理利用{w}资源，促进{w}生产发展，适应社会主义建设和人民生活的需要，"
    "制定本法。",
    "第{n}条 在中华人民共和国的内水、滩涂、领海以及其他海域从事{w}养殖和捕捞活动，都必须遵守本法。",
    "第{n}条 {w}生产实行以养殖为主，养殖、捕捞、加工并举，因地制宜，各有侧重的方针。",
    "第{n}条 对在开发、利用和保护{w}资源方面作出显著成绩的单位和个人，"
    "由各级人民政府给予精神的或者物质的奖励。",
    "第{n}条 国务院{w}行政主管部门主管全国的{w}工作，"
    "县级以上地方人民政府{w}行政主管部门主管本行政区域内的{w}工作。",
    "第{n}条 违反本法规定，擅自从事{w}活动的，由主管机构责令停止违法行为，"
    "没收违法所得，并处一万元以上五万元以下的罚款。",
    "第{n}条 {w}捕捞许可证不得买卖、出租和以其他形式转让，不得涂改、伪造、变造。",
    "第{n}条 本法自公布之日起施行。",
]


def law(word: str, date: str) -> str:
    articles = ARTICLES if word == "气象" else OTHER_ARTICLES
    body = "\n\n".join(a.format(n=_cn(i + 1), w=word) for i, a in enumerate(articles))
    return (f"# 中华人民共和国{word}法\n\n{_cn_date(date)} 全国人民代表大会常务委员会通过\n\n"
            f"<!-- INFO END -->\n\n{body}\n")


def local_act(place: str, word: str, date: str, *, cite: bool, drop: int = 2,
              extra: str = "", base: str | None = None) -> str:
    """A local act restating ``base`` (default: the national law on ``word``)."""
    text = base or law(word, "2000-01-01")
    body = text.split("<!-- INFO END -->")[1].strip().split("\n\n")
    body = [line.replace("县级以上人民政府", f"{place}人民政府").replace("国家", "本市")
            for i, line in enumerate(body) if i != drop]
    title = f"{place}实施《中华人民共和国{word}法》办法" if cite else f"{place}{word}管理规定"
    if extra:
        body.append(extra)
    return (f"# {title}\n\n{_cn_date(date)} {place}人民代表大会常务委员会通过\n\n"
            f"<!-- INFO END -->\n\n" + "\n\n".join(body) + "\n")


def _cn(number: int) -> str:
    return "一二三四五六七八九十"[number - 1]


def _cn_date(date: str) -> str:
    year, month, day = date.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def infer(texts: dict[str, str]) -> dict[str, Lineage]:
    documents = [policydiff.parse(text, source=name) for name, text in sorted(texts.items())]
    records, _ = lineage.infer(documents, [lineage.sketch(d) for d in documents])
    return {record.source: record for record in records}


def parent_sources(record: Lineage) -> list[str]:
    return [parent.source for parent in record.parents]


# --- keys and sketches ---------------------------------------------------------------------------

def test_title_keys_ignore_marks_prefix_versions_and_width() -> None:
    key = lineage.title_key
    assert key("《中华人民共和国气象法》") == key("气象法(2016-11-07)") == key("气象法")
    assert key("青岛市实施水法的若干规定") == key("青岛市实施水法若干规定")
    rules = "智能网联汽车道路测试与示范应用管理规范"
    assert key(f"{rules}（试行）") == key(f"{rules}(试行)")
    assert key("天津市 质量 方案") == key("天津市质量方案")


def test_doc_numbers_fold_brackets() -> None:
    assert (lineage.number_key("津政发〔2018〕29号") == lineage.number_key("津政发[2018]29号")
            == lineage.number_key("津政发（2018）第29号") == "津政发[2018]29号")


def test_sketch_is_stable_and_ignores_punctuation_and_self_names() -> None:
    city = policydiff.parse("一、总体要求\n"
                            "（一）本市加强质量认证体系建设，全面提高产品、工程和服务质量。\n")
    district = policydiff.parse("一、总体要求\n"
                                "1. 本区加强质量认证体系建设,全面提高产品工程和服务质量\n")
    assert list(lineage.sketch(city)) == list(lineage.sketch(city))
    assert list(lineage.sketch(city)) == list(lineage.sketch(district))
    assert len(lineage.sketch(city)) > 10
    assert len(lineage.sketch(policydiff.parse("短句。\n"))) == 0


def test_reuse_is_containment_and_sparse() -> None:
    weather = law("气象", "2016-11-07")
    documents = [policydiff.parse(weather, source="law"),
                 policydiff.parse(local_act("安江市", "气象", "2018-01-01", cite=False),
                                  source="act"),
                 policydiff.parse(law("渔业", "2013-12-28"), source="fish")]
    shares = lineage.reuse_shares([lineage.sketch(d) for d in documents])
    assert shares[(1, 0)] > 0.7                      # the act is mostly the law's text
    assert shares[(1, 0)] > shares[(0, 1)]            # the law is longer than the act
    assert 0 < shares.get((1, 2), 0) < 0.2            # a law on another subject: stock phrases
    assert all(0 < share <= 1 for share in shares.values())


def test_levels() -> None:
    assert lineage.level(policydiff.parse(law("气象", "2016-11-07"))) == "national"
    act = local_act("安江市", "气象", "2018-01-01", cite=True)
    assert lineage.level(policydiff.parse(act)) == "local"
    scope = ("第一条 为了规范测试，制定本规则。\n"
             "第二条 本规则适用于在青岛市行政区域内进行的道路测试。\n")
    assert lineage.level(policydiff.parse(scope)) == "local"
    residents = "城市居民委员会组织法\n第一条 为了加强城市居民委员会建设。\n"
    assert lineage.level(policydiff.parse(residents)) is None


# --- parent choice -------------------------------------------------------------------------------

def test_cited_parent_copied_parent_and_unrelated_documents() -> None:
    found = infer({
        "law.md": law("气象", "2016-11-07"),
        "fish.md": law("渔业", "2013-12-28"),
        "cites.md": local_act("安江市", "气象", "2018-01-01", cite=True, drop=3),
        "copies.md": local_act("平川区", "气象", "2019-05-01", cite=False, drop=5),
        "other.md": ("# 康城市促进旅游业发展若干规定\n\n"
                     "2019年3月1日 康城市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n"
                     "第一条 根据《中华人民共和国旅游法》，结合本市实际，制定本规定。\n\n"
                     "第二条 本市行政区域内的旅游资源开发和旅游经营活动适用本规定。\n"),
    })
    reuse = found["cites.md"].parents[0].reuse
    assert [(p.source, p.reuse, p.cited) for p in found["cites.md"].parents] == [
        ("law.md", reuse, True)]
    assert found["cites.md"].parents[0].basis == "cited"
    assert found["cites.md"].parents[0].date_order == "earlier"
    assert found["cites.md"].unresolved_cites == ()
    assert parent_sources(found["copies.md"]) == ["law.md"]
    assert found["copies.md"].parents[0].cited is False
    assert found["copies.md"].parents[0].reuse >= 0.7
    assert found["law.md"].parents == found["fish.md"].parents == ()
    assert found["other.md"].parents == ()
    assert found["other.md"].unresolved_cites == ("《中华人民共和国旅游法》",)


def test_a_copy_of_a_copy_derives_from_the_copy() -> None:
    """The county keeps the city's 根据《…气象法》 sentence but copies the city's text."""
    city = local_act("安江市", "气象", "2018-01-01", cite=True, drop=3,
                     extra="第十条 安江市气象主管机构应当于每年三月底前发布上一年度气候公报，"
                           "并报市人民政府备案。")
    city_body = city.split("<!-- INFO END -->")[1]
    county = ("# 平川县气象工作实施细则\n\n2019年6月1日 平川县人民代表大会常务委员会通过\n\n"
              "<!-- INFO END -->\n\n"
              "第一条 根据《中华人民共和国气象法》，结合本县实际，制定本细则。\n\n"
              + city_body.split("\n\n", 1)[1])
    found = infer({"law.md": law("气象", "2016-11-07"), "city.md": city, "county.md": county,
                   "sibling.md": local_act("康城市", "气象", "2018-06-01", cite=True, drop=6)})
    assert parent_sources(found["city.md"]) == ["law.md"]
    assert parent_sources(found["sibling.md"]) == ["law.md"]
    assert parent_sources(found["county.md"]) == ["city.md"]


def test_a_later_version_names_the_earlier_one_and_keeps_its_law() -> None:
    old = local_act("安江市", "气象", "2012-01-01", cite=True, drop=3)
    new = local_act("安江市", "气象", "2020-01-01", cite=True, drop=4)
    found = infer({"law.md": law("气象", "2016-11-07"), "act-2012.md": old, "act-2020.md": new})
    assert parent_sources(found["act-2020.md"]) == ["act-2012.md", "law.md"]
    assert [p.cited for p in found["act-2020.md"].parents] == [False, True]
    assert parent_sources(found["act-2012.md"]) == ["law.md"]  # the law's version is later


def test_a_document_never_names_itself() -> None:
    notice = ("关于印发《安江市气象服务管理办法》的通知\n各区人民政府：\n"
              "现将《安江市气象服务管理办法》印发给你们，请遵照执行。\n"
              "安江市人民政府\n2020年1月1日\n第一条 为规范气象服务，制定本办法。\n")
    found = infer({"notice.txt": notice})
    assert found["notice.txt"].unresolved_cites == ()


def test_text_alone_needs_more_reuse_between_peers() -> None:
    """Two national laws of one field share stock phrases; without a citation, an earlier law
    of the same level must be reused at least DATE_ONLY_FACTOR * min_reuse."""
    documents = [policydiff.parse(law("渔业", "2016-11-07"), source="a"),
                 policydiff.parse(law("气象", "2019-11-07"), source="b")]
    sketches = [lineage.sketch(d) for d in documents]
    share = lineage.reuse_shares(sketches).get((1, 0), 0.0)
    records, _ = lineage.infer(documents, sketches, min_reuse=share / lineage.DATE_ONLY_FACTOR
                               + 0.01)
    assert records[1].parents == ()
    records, _ = lineage.infer(documents, sketches, min_reuse=share / lineage.DATE_ONLY_FACTOR
                               - 0.01)
    assert parent_sources(records[1]) == ["a"]


# --- real corpora --------------------------------------------------------------------------------

def _real(paths: list[Path]) -> dict[str, Lineage]:
    documents = [policydiff.load(path) for path in sorted(paths)]
    records, _ = lineage.infer(documents, [lineage.sketch(d) for d in documents])
    return {Path(record.source).name: record for record in records}


def test_tianjin() -> None:
    found = _real(sorted((EXAMPLES / "tianjin").glob("*.txt")))
    binhai = found["2019-binhai-certification-plan.txt"]
    assert [Path(p.source).name for p in binhai.parents] == [
        "2018-tianjin-city-certification-plan.txt"]
    assert binhai.parents[0].cited and binhai.parents[0].reuse > 0.4
    assert "津政发〔2018〕29号" not in binhai.unresolved_cites    # bound to the cited title
    assert binhai.unresolved_cites == (
        "《国务院关于加强质量认证体系建设促进全面质量管理的意见》", "国发〔2018〕3号")
    assert found["2024-dongli-quality-plan.txt"].unresolved_cites == ("《天津市质量强市建设纲要》",)
    assert found["2022-tianjin-certification-opinion.txt"].unresolved_cites == (
        "《认证认可检验检测“十四五”发展规划》",)
    action_plan = found["2023-tianjin-quality-action-plan.txt"]
    assert action_plan.unresolved_cites[0] == "《质量强国建设纲要》"
    for name, record in found.items():
        if name != "2019-binhai-certification-plan.txt":
            assert record.parents == (), name
            assert record.unresolved_cites, name


@needs_corpus
def test_central_local() -> None:
    found = _real(sorted((CORPUS / "central-local").glob("*.txt")))
    for name in ("qingdao-icv-road-testing-rules.txt", "jinan-icv-road-testing-measures.txt"):
        assert [(Path(p.source).name, p.cited) for p in found[name].parents] == [
            ("miit-2021-97-icv-road-testing.txt", True)], name
    opinions = found["jinan-intelligent-construction-opinions.txt"]
    assert [(Path(p.source).name, p.cited) for p in opinions.parents] == [
        ("mohurd-2020-60-intelligent-construction.txt", False)]
    assert opinions.parents[0].reuse >= lineage.DEFAULT_MIN_REUSE
    assert found["jinan-icv-road-testing-measures.txt"].unresolved_cites == ()
    assert found["qingdao-icv-road-testing-rules.txt"].unresolved_cites == (
        "《中华人民共和国道路交通安全法》", "《中华人民共和国公路法》")
    for name in ("miit-2021-97-icv-road-testing.txt",
                 "mohurd-2020-60-intelligent-construction.txt"):
        assert found[name].parents == ()


LOCAL = CORPUS / "local-implementations" / "docs"
SUBSET = ["水法", "气象法", "教师法", "集会游行示威法", "农产品质量安全法", "食品安全法", "献血法"]


def national_law(name: str) -> str | None:
    """Ground truth from file names: 上海市实施气象法办法(2018-11-22) → 气象法."""
    match = re.match(r"^.+?(?:省|市)实施(.+?)(?:的)?(?:办法|若干规定|规定)(?:\(.*\))?$", name)
    return match.group(1) if match else None


@needs_corpus
def test_local_implementations_subset() -> None:
    """Every local act of seven laws has its national law as a parent; the national laws have
    none; the 2022 Beijing water act also names its 2019 version, Qingdao's 2017 act its
    2011 one."""
    paths = [p for p in LOCAL.glob("*.md")
             if (national_law(p.stem) or re.sub(r"\(.*\)$", "", p.stem)) in SUBSET]
    assert len(paths) >= 25
    found = _real(paths)
    stems = {Path(name).stem: record for name, record in found.items()}
    for stem, record in stems.items():
        parents = [Path(p.source).stem for p in record.parents]
        implemented = national_law(stem)
        if implemented is None:
            assert parents == [], stem
            continue
        laws = [p for p in parents if re.sub(r"\(.*\)$", "", p) == implemented]
        assert len(laws) == 1, (stem, parents)
        others = [p for p in parents if p not in laws]
        assert all(national_law(p) == implemented for p in others), (stem, parents)
    assert "北京市实施水法办法(2019-07-26)" in [
        Path(p.source).stem for p in stems["北京市实施水法办法(2022-11-25)"].parents]
    assert "青岛市实施水法若干规定" in [
        Path(p.source).stem for p in stems["青岛市实施水法的若干规定(2017-12-01)"].parents]


# --- citations as written (real titles from ../shared/corpus) ------------------------------------

def _matches(cite: str, titles: dict[str, str]) -> list[tuple[str, str, float]]:
    documents = [policydiff.parse(f"{title}\n第一条 为了规范工作，制定本办法。\n", source=name)
                 for name, title in sorted(titles.items())]
    found = citations.Directory(documents).find(cite, -1)
    return [(documents[m.index].source, m.by, m.score) for m in found]


def test_a_cite_without_the_issuer_finds_the_document_with_it() -> None:
    """《关于加强质量认证体系建设促进全面质量管理的意见》 names 国务院关于加强… (the Tianjin plans
    cite it with its issuer; the central-local MOHURD opinion is cited without)."""
    title = "国务院关于加强质量认证体系建设促进全面质量管理的意见"
    assert _matches("《关于加强质量认证体系建设促进全面质量管理的意见》", {"a": title}) == [
        ("a", "title", citations.ISSUER_SCORE)]
    assert _matches(f"《{title}》", {"a": "关于加强质量认证体系建设促进全面质量管理的意见"}) == [
        ("a", "title", citations.ISSUER_SCORE)]
    assert _matches(f"《{title}》", {"a": title})[0][2] == 1.0


def test_a_notice_wrapper_with_any_nesting_finds_the_attachment() -> None:
    title = "天津市进一步提高产品工程和服务质量行动实施方案（2023—2025年）"   # tianjin/2023
    for cite in (f"《关于印发〈{title}〉的通知》", f"《关于印发<{title}>的通知》",
                 f"《天津市质量强市建设协调推进领导小组关于印发《{title}》的通知》",
                 f"《天津市人民政府关于印发{title}的通知》"):
        assert _matches(cite, {"plan": title}) == [("plan", "title", 1.0)], cite


def test_an_embedded_doc_number_matches_by_number() -> None:
    document = policydiff.parse("国务院关于加强质量认证体系建设促进全面质量管理的意见\n"
                                "国发〔2018〕3号\n第一条 为了规范工作，制定本意见。\n",
                                source="state")
    assert document.metadata.doc_number == "国发〔2018〕3号"
    found = citations.Directory([document]).find(
        "《关于加强质量认证体系建设促进全面质量管理的意见（国发〔2018〕3号）》", -1)
    assert [(m.index, m.by, m.score) for m in found] == [(0, "doc_number", 1.0)]
    assert citations.embedded_number("《新一代人工智能发展规划（国发〔2017〕35号）》") == \
        "国发〔2017〕35号"
    # without the document's 文号 in the corpus, the title without the number still matches
    assert _matches("《新一代人工智能发展规划（国发〔2017〕35号）》",
                    {"plan": "新一代人工智能发展规划"}) == [("plan", "title", 1.0)]


def test_suffixes_and_version_dates_are_loose_forms() -> None:
    rules = "智能网联汽车道路测试与示范应用管理规范"          # central-local/miit-2021-97
    assert _matches(f"《{rules}》", {"miit": f"{rules}（试行）"}) == [
        ("miit", "title", citations.SUFFIX_SCORE)]
    for suffix in ("（修订）", "（征求意见稿）", "（2018年修正）"):
        assert _matches(f"《{rules}{suffix}》", {"miit": rules})[0][:2] == ("miit", "title")
    assert _matches("《中华人民共和国水法》", {"law": "水法(2016-07-02)"})[0][2] == 1.0
    assert _matches("《山东省实施〈中华人民共和国渔业法〉办法》",
                    {"act": "山东省实施渔业法办法"})[0][2] == 1.0


def test_the_exact_title_beats_a_loose_one() -> None:
    """A title kept by a derived document: both fit; a closer form wins outright."""
    assert _matches("《智能网联汽车道路测试与示范应用管理规范（试行）》",
                    {"a": "智能网联汽车道路测试与示范应用管理规范（试行）",
                     "b": "智能网联汽车道路测试与示范应用管理规范"}) == [("a", "title", 1.0)]


def test_several_fitting_documents_are_recorded_as_ambiguous() -> None:
    city = local_act("安江市", "气象", "2018-01-01", cite=False, drop=3)
    keeper = city.replace("2018年1月1日 安江市", "2018年6月1日 平川区")   # kept the title
    citing = local_act("康城县", "气象", "2019-01-01", cite=False, drop=5, base=city).replace(
        "<!-- INFO END -->\n\n", "<!-- INFO END -->\n\n第一条 根据《安江市气象管理规定》，"
        "结合本县实际，制定本规定。\n\n")
    found = infer({"city.md": city, "keeper.md": keeper, "citing.md": citing})
    (parent,) = found["citing.md"].parents
    assert (parent.source, parent.cited, parent.ambiguous, parent.alternatives) == (
        "city.md", True, True, ("keeper.md",))


# --- siblings, direction, chains ---------------------------------------------------------------

def _family(siblings: int, *, undated: bool, keep_title: bool) -> dict[str, str]:
    """A city plan restating the national law, and ``siblings`` district documents restating
    the city plan, each dropping another article; the first keeps the city's title, the last
    is undated, the middle ones cite the city plan by a loose title."""
    city = local_act("安江市", "气象", "2018-01-01", cite=False, drop=3,
                     extra="第十条 安江市气象主管机构应当于每年三月底前发布上一年度气候公报，"
                           "并报市人民政府备案。")
    texts = {"law.md": law("气象", "2016-11-07"), "city.md": city}
    places = ["平川区", "康城区", "宁江区", "和山区", "福溪区"]
    for number in range(siblings):
        place = places[number]
        text = local_act(place, "气象", f"2019-0{number + 1}-01", cite=False,
                         drop=number % 3 + 4, base=city,
                         extra=f"第十一条 {place}气象主管机构每年组织{number + 2}次气象灾害应急演练。")
        if keep_title and number == 0:
            text = text.replace(f"# {place}气象管理规定", "# 安江市气象管理规定")
        elif 0 < number < siblings - 1:
            text = text.replace("<!-- INFO END -->\n\n", "<!-- INFO END -->\n\n第一条 根据"
                                "《安江市气象管理规定（试行）》，结合本区实际，制定本规定。\n\n")
        if undated and number == siblings - 1:
            text = re.sub(r"\d{4}年\d+月\d+日 ", "", text)
        texts[f"district-{number}.md"] = text
    return texts


def test_siblings_are_never_parents_when_their_source_is_in_the_corpus() -> None:
    for siblings in (2, 3, 4, 5):
        found = infer(_family(siblings, undated=True, keep_title=True))
        assert parent_sources(found["city.md"]) == ["law.md"], siblings
        for number in range(siblings):
            assert parent_sources(found[f"district-{number}.md"]) == ["city.md"], (
                siblings, number, found[f"district-{number}.md"].parents)
        assert found["law.md"].parents == ()


def test_a_parent_never_postdates_its_child_nor_descends_from_it() -> None:
    found = infer(_family(4, undated=True, keep_title=False))
    dates = {name: record.date for name, record in found.items()}
    for name, record in found.items():
        for parent in record.parents:
            if parent.basis != "cited" and dates[name] and dates[parent.source]:
                assert dates[parent.source] < dates[name], (name, parent.source)
            assert name not in parent_sources(found[parent.source]), (name, parent.source)


def test_evidence_per_edge() -> None:
    found = infer(_family(3, undated=True, keep_title=False))
    (loose,) = found["district-1.md"].parents
    assert (loose.basis, loose.cited_by, loose.date_order) == ("cited", "title", "earlier")
    assert loose.title_score is not None and loose.title_score < 1.0
    (text,) = found["district-2.md"].parents                        # undated, uncited
    assert (text.basis, text.cited, text.date_order) == ("text", False, "unknown")
    assert text.reuse > text.parent_reuse > 0 and 0 < text.confidence < loose.confidence
    (law_edge,) = found["city.md"].parents
    assert (law_edge.parent_level, law_edge.derived_level) == ("national", "local")


def test_chains_follow_the_lineage_down() -> None:
    found = infer(_family(2, undated=False, keep_title=False))
    assert lineage.chains(list(found.values())) == (
        ("law.md", "city.md", "district-0.md"), ("law.md", "city.md", "district-1.md"))


@needs_corpus
def test_local_implementations_precision_and_recall() -> None:
    """All 193 documents: every local act's national law is among its parents, and every
    parent is its law or an earlier version of the act (precision and recall >= 0.99)."""
    paths = sorted(LOCAL.glob("*.md"))
    found = {Path(name).stem: record for name, record in _real(paths).items()}
    laws = {re.sub(r"\(.*\)$", "", stem): stem for stem in found if national_law(stem) is None}
    expected = {(laws[national_law(stem)], stem) for stem in found
                if national_law(stem) in laws}
    predicted = {(Path(p.source).stem, stem) for stem, r in found.items() for p in r.parents}
    versions = {(p, c) for p, c in predicted
                if national_law(p) and national_law(p) == national_law(c)}
    hits = len(predicted & expected)
    assert len(expected) >= 125
    assert (hits + len(versions)) / len(predicted) >= 0.99
    assert hits / len(expected) >= 0.99

"""Chinese numerals, 文号, dates and citations: the small recognisers the parser relies on."""

from __future__ import annotations

import pytest

from policydiff import metadata
from policydiff.numerals import chinese_to_int


@pytest.mark.parametrize(("numeral", "value"), [
    ("一", 1), ("十", 10), ("十一", 11), ("二十一", 21), ("一百零五", 105), ("两千", 2000),
    ("一万二千", 12000), ("二〇二五", 2025), ("12", 12), ("十四五", None), ("三五", None),
    ("abc", None), ("", None),
])
def test_chinese_numerals(numeral: str, value: int | None) -> None:
    assert chinese_to_int(numeral) == value


def test_doc_numbers_as_written_without_leading_verbs() -> None:
    text = "根据《意见》（国发〔2018〕3号）和津滨政发〔2019〕16号，工信部联通装〔2021〕97号 济政办发（2020）29号"
    assert metadata.doc_numbers(text) == [
        "国发〔2018〕3号", "津滨政发〔2019〕16号", "工信部联通装〔2021〕97号", "济政办发（2020）29号"]
    assert metadata.doc_numbers("国发[2018]3号") == ["国发[2018]3号"]
    assert metadata.doc_numbers("领导小组文件\n\n津质量发〔2023〕3号") == ["津质量发〔2023〕3号"]


@pytest.mark.parametrize(("text", "iso"), [
    ("2018年12月2日", "2018-12-02"), ("二〇一八年十二月二日", "2018-12-02"),
    ("成文日期: 2019-07-18", "2019-07-18"), ("中華民國93年5月5日公布", "2004-05-05"),
    ("2018年13月2日", None), ("没有日期", None),
])
def test_dates(text: str, iso: str | None) -> None:
    assert metadata.iso_date(text) == iso


def test_cites_in_order_without_duplicates_abbreviations_or_self() -> None:
    text = ("根据《国务院关于加强质量认证体系建设促进全面质量管理的意见》（国发〔2018〕3号，以下简称《意见》），"
            "落实《意见》和《本方案》，再次落实国发〔2018〕3号。")
    assert metadata.cites(text, exclude=("本方案",)) == (
        "《国务院关于加强质量认证体系建设促进全面质量管理的意见》", "国发〔2018〕3号")


def test_nested_titles_stay_whole() -> None:
    text = "贯彻《天津市人民政府关于印发〈天津市质量发展纲要〉的通知》精神"
    assert metadata.titles(text) == ["《天津市人民政府关于印发〈天津市质量发展纲要〉的通知》"]


def test_title_from_notice() -> None:
    assert metadata.title_from_notice(
        "天津市人民政府关于印发天津市加强质量认证体系建设促进全面质量管理实施方案的通知") == (
        "天津市人民政府", "天津市加强质量认证体系建设促进全面质量管理实施方案")
    assert metadata.title_from_notice("关于印发《东丽区质量强区建设实施方案》的通知") == (
        None, "东丽区质量强区建设实施方案")
    assert metadata.title_from_notice("没有通知") == (None, None)

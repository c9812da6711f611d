"""Task-division rows compared as tables (#12)."""

from __future__ import annotations

from pathlib import Path

from policydiff.alignment.localization import Localizer, localizer_for
from policydiff.comparison import Pair, compare
from policydiff.document import Clause
from policydiff.responsibilities import row_changes, split_units

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"

HEADER = "附件：重点任务分工\n\n重点任务分工\n\n\t序号\n\t任务\n\t重点工作\n\t牵头单位和参加单位\n\n"


def _plan(title: str, units: str) -> str:
    return (f"{title}\n\n一、重点任务\n\n（一）推进质量提升。加强质量管理。\n\n" + HEADER
            + "\t1\n\t加强质量管理\n\t推广先进质量管理方法，开展质量管理体系认证，提升质量水平。\n\t"
            + units + "\n\n\t2\n\t提升服务水平\n\t建设检验检测公共服务平台，服务中小企业。\n\t"
            + units + "\n")


def test_split_units() -> None:
    assert split_units("市市场监管委、天津海关，市教委（牵头） 市教委") == (
        "市市场监管委", "天津海关", "市教委")
    assert split_units("") == ()


def test_flagship_units_added_and_removed_as_roles() -> None:
    comparison = compare(CITY, BINHAI)
    changes = comparison.responsibilities
    assert len(changes) >= 10
    # 市市场监管委 → 区市场监管局 is the same role restated: not a lead change, not a unit change
    assert all(c.parent_lead == "市市场监管委" and c.derived_lead == "区市场监管局"
               and not c.lead_changed for c in changes)
    assert all("区市场监管局" not in c.units_added and "市市场监管委" not in c.units_removed
               for c in changes)
    first = next(c for c in changes if c.parent_numbers == ("32",))
    assert first.derived_numbers == ("4",)
    assert "天津海关" in first.units_removed and "区科技局" in first.units_added
    # merged rows: the units of all parent rows count
    merged = next(c for c in changes if len(c.parent) > 1)
    assert merged.units_kept > 0
    data = comparison.to_dict()["responsibilities"]
    assert data[0]["parent"] == list(changes[0].parent)
    assert set(data[0]) >= {"lead_changed", "units_added", "units_removed", "deadline_changed"}


def test_lead_unit_changes() -> None:
    comparison = compare(_plan("天津市质量提升方案", "市市场监管委、市教委、市商务局"),
                         _plan("滨海新区质量提升方案", "区教体局、区市场监管局、区科技局"))
    change = comparison.responsibilities[0]
    assert len(comparison.responsibilities) == 2
    assert change.lead_changed and change.parent_lead == "市市场监管委"
    assert change.derived_lead == "区教体局"
    assert change.units_added == ("区教体局", "区科技局")
    assert change.units_removed == ("市教委", "市商务局")
    assert change.units_kept == 1 and not change.deadline_changed
    page = comparison.to_html()
    assert "lead-changed" in page and "牵头单位变化" in page


def test_deadline_column_changes() -> None:
    """The parser does not yet give a deadline cell for the layouts in the corpus; the row
    comparison is checked on rows built by hand."""
    def row(id_: str, units: str, deadline: str) -> Clause:
        cells = (("number", "1"), ("task", "加强质量管理"), ("work", "推广先进质量管理方法。"),
                 ("units", units), ("deadline", deadline))
        return Clause(id_, ("附件",), "table_row", "".join(v for _, v in cells), 0, 1,
                      cells=cells)
    parent, derived = row("r1", "市市场监管委", "2020年底"), row("r1", "区市场监管局", "2021年底")
    pair = Pair((parent,), (derived,), "modified", 0.9, False, (("equal", parent.text),))
    (change,) = row_changes([pair], Localizer(("本市",), (("市场监管委", "市场监管局"),)))
    assert change.deadline_changed and (change.parent_deadline, change.derived_deadline) == (
        "2020年底", "2021年底")
    assert not change.lead_changed and change.changed


def test_localizer_folds_agency_levels() -> None:
    comparison = compare(CITY, BINHAI)
    localizer = localizer_for(comparison.parent, comparison.derived)
    assert localizer.neutralize("市市场监管委") == localizer.neutralize("区市场监管局")

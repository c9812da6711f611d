"""The clause-cells filter writes exactly what the ``cell`` template macro it replaced wrote."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from policydiff.renderers.diffmarkup import clause_cells, diff_runs
from policydiff.renderers.html import MARKERS

# The macro as it stood in templates/macros.html before the filter replaced it.
MACRO = (
    '{% macro cell(sides) -%}\n'
    '{% for side in sides %}\n'
    '<div class="clause">\n'
    '{% if side.crumbs %}<div class="path">{{ side.crumbs|join(" › ") }}</div>\n'
    '{% endif %}\n'
    '{% if side.cells %}\n'
    '<div class="cells">{% for name, runs in side.cells %}<div class="cell cell-{{ name }}">'
    '{{ runs|diff_runs(markers) }}</div>{% endfor %}</div>\n'
    '{% else %}\n'
    '<div class="text">{{ side.runs|diff_runs(markers) }}</div>\n'
    '{% endif %}\n'
    '</div>\n'
    '{% endfor %}\n'
    '{%- endmacro %}'
    '{{ cell(sides) }}'
)
ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                  keep_trailing_newline=True)
ENV.globals["markers"] = MARKERS
ENV.filters["diff_runs"] = diff_runs
REFERENCE = ENV.from_string(MACRO)

TEXT = st.text(alphabet=st.sampled_from(list("全市<>&\"'，, \n\t›")), max_size=10)
RUNS = st.lists(st.tuples(st.sampled_from(["", "del", "ins", "punct", "local"]), TEXT),
                max_size=4).map(tuple)
SIDE = st.builds(
    lambda crumbs, runs, cells: SimpleNamespace(crumbs=tuple(crumbs), runs=runs,
                                                cells=tuple(cells)),
    st.lists(TEXT, max_size=3), RUNS,
    st.one_of(st.just([]), st.lists(st.tuples(st.sampled_from(["task", "work", "a<b"]), RUNS),
                                    max_size=3)))


@settings(max_examples=300, deadline=None)
@given(st.lists(SIDE, max_size=3))
def test_filter_matches_the_macro_byte_for_byte(sides: list[SimpleNamespace]) -> None:
    assert str(clause_cells(sides, MARKERS)) == REFERENCE.render(sides=sides)  # type: ignore[arg-type]


def test_no_sides_is_no_markup() -> None:
    assert str(clause_cells((), MARKERS)) == "" == REFERENCE.render(sides=())

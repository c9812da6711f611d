"""The diff-run filter writes exactly what the per-run template macro it replaced wrote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from policydiff.renderers.diffmarkup import diff_runs
from policydiff.renderers.html import MARKERS
from policydiff.renderers.review import breakable

# The macro as it stood in templates/macros.html before the filter replaced it, and as it
# stood last (localisation marks and <wbr> in long runs) before the filter took those over too.
MACRO = (
    '{% macro run(mark, text) -%}\n'
    '{% if mark == "del" %}<span class="mk">{{ markers.del[0] }}</span><del>{{ text }}</del>'
    '<span class="mk">{{ markers.del[1] }}</span>{% elif mark == "ins" %}<span class="mk">'
    '{{ markers.ins[0] }}</span><ins>{{ text }}</ins><span class="mk">{{ markers.ins[1] }}</span>'
    '{% elif mark == "punct" %}<span class="pw">{{ text }}</span>{% else %}{{ text }}{% endif %}\n'
    '{%- endmacro %}\n'
    '{% for mark, text in runs %}{{ run(mark, text) }}{% endfor %}'
)
LAST_MACRO = (
    '{% macro run(mark, text) -%}\n'
    '{% if mark == "del" %}<span class="mk">{{ markers.del[0] }}</span><del>{{ text|wbr }}</del>'
    '<span class="mk">{{ markers.del[1] }}</span>{% elif mark == "ins" %}<span class="mk">'
    '{{ markers.ins[0] }}</span><ins>{{ text|wbr }}</ins><span class="mk">{{ markers.ins[1] }}'
    '</span>{% elif mark == "punct" %}<span class="pw">{{ text|wbr }}</span>'
    '{% elif mark == "local" %}<span class="lc">{{ text|wbr }}</span>'
    '{% else %}{{ text|wbr }}{% endif %}\n'
    '{%- endmacro %}\n'
    '{% for mark, text in runs %}{{ run(mark, text) }}{% endfor %}'
)
ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                  keep_trailing_newline=True)
ENV.globals["markers"] = MARKERS
ENV.filters["wbr"] = breakable
REFERENCE = ENV.from_string(MACRO)
LAST_REFERENCE = ENV.from_string(LAST_MACRO)

RUNS = st.lists(st.tuples(st.sampled_from(["", "del", "ins", "punct", "other"]),
                          st.text(alphabet=st.sampled_from(list("全市<>&\"'，, \n\t{+-]")),
                                  max_size=12)),
                max_size=8)
# with localisation marks and runs long enough to be broken (30 characters without a break)
LONG_RUNS = st.lists(st.tuples(st.sampled_from(["", "del", "ins", "punct", "local", "other"]),
                               st.text(alphabet=st.sampled_from(list("ab1<&全市， ")),
                                       max_size=80)),
                     max_size=6)


@settings(max_examples=300, deadline=None)
@given(RUNS)
def test_filter_matches_the_macro_byte_for_byte(runs: list[tuple[str, str]]) -> None:
    assert str(diff_runs(runs, MARKERS)) == REFERENCE.render(runs=runs)


@settings(max_examples=300, deadline=None)
@given(LONG_RUNS)
def test_filter_matches_the_last_macro_byte_for_byte(runs: list[tuple[str, str]]) -> None:
    assert str(diff_runs(runs, MARKERS)) == LAST_REFERENCE.render(runs=runs)


def test_text_is_escaped_and_marked() -> None:
    html = str(diff_runs([("del", "<93%>"), ("ins", "95%&"), ("", "以上")], MARKERS))
    assert html == ('<span class="mk">[-</span><del>&lt;93%&gt;</del><span class="mk">-]</span>'
                    '<span class="mk">{+</span><ins>95%&amp;</ins><span class="mk">+}</span>以上')

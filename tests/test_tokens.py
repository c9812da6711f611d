"""Tokens: the segmenter loaded once, lazily and quietly; rjieba and jieba agree; numbers whole;
text always rebuilt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.alignment import tokens as tokens_module
from policydiff.alignment.tokens import normalize, tokenize

TIANJIN = sorted((EXAMPLES / "tianjin").glob("*.txt"))
CJK_TEXT = st.text(
    alphabet=st.sampled_from(
        list("全市区本新科技领军企业质量认证体系建设的在以上年家件个")
        + list("0123456789０１２３４５６７８９")
        + list("%％.．,，、。；：（）()“”《》 \u3000\t\n\r")
        + list("ISOabcＩＳＯ①㈠第条一二三十")
    ),
    max_size=60,
)


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with an empty temp dir, so jieba has no cache yet."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("path", TIANJIN, ids=lambda path: path.name)
def test_every_line_of_the_examples_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert TIANJIN, "no example documents found"
    for line in text.splitlines(keepends=True):
        assert "".join(tokenize(line)) == line
    assert "".join(tokenize(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.one_of(CJK_TEXT, st.text()))
def test_any_text_round_trips(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens), "no empty tokens"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("装备制造业产品质量合格率稳定在93%以上", "93%"),
        ("优等品率达到98.5%", "98.5%"),
        ("新增市场主体12000家", "12000"),
        ("研发投入增长3.8%，", "3.8%"),
        ("到2025年，全市", "2025"),
        ("新增１２０００件", "１２０００"),
        ("合格率９８．５％以上", "９８．５％"),
        ("认证企业达到1,200家", "1,200"),
        ("比重达到3．8%", "3．8%"),
        ("获得ISO9001认证", "ISO9001"),
        ("推动5G应用", "5G"),
    ],
)
def test_numbers_and_latin_words_stay_whole(text: str, number: str) -> None:
    assert number in tokenize(text)


def test_enumeration_number_is_not_glued_to_the_text() -> None:
    assert tokenize("1．大力推行高端品质认证")[:2] == ("1", "．")


def test_policy_words_stay_whole() -> None:
    assert tokenize("全市科技领军企业") == ("全市", "科技", "领军", "企业")
    assert "放管服" in tokenize("深化“放管服”改革")


def test_tokenize_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="bytes"):
        tokenize(b"\xe5\x85\xa8")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parent", "derived"),
    [
        ("（一）指导思想，以", "(一)指导思想,以"),
        ("一、总体要求", "二、总体要求"),
        ("1．大力推行高端品质认证", "2.大力推行高端品质认证"),
        ("1、大力推行", "（3）大力推行"),
        ("①加强服务", "⑴加强服务"),
        ("第三条　本办法适用于", "第四条 本办法适用于"),
        ("达到１２０００家；合格率９３％！", "达到12000家;合格率93%!"),
        ("质量 认证\u3000体系\n建设\t", "质量认证体系建设"),
        ("坚持“放管服”改革：", '坚持"放管服"改革:'),
        ("（十二）强化法纪？", "12.强化法纪?"),
    ],
)
def test_normalize_ignores_width_whitespace_and_enumeration(parent: str, derived: str) -> None:
    assert normalize(parent) == normalize(derived)


@pytest.mark.parametrize(
    ("parent", "derived"),
    [
        ("合格率稳定在93%以上", "合格率稳定在95%以上"),
        ("全市科技领军企业", "全区科技领军企业"),
        ("1.5%以上", "5%以上"),  # a decimal is not an enumeration mark
        ("2025年全市", "全市"),
        ("第三方认证", "认证"),
    ],
)
def test_normalize_keeps_real_differences(parent: str, derived: str) -> None:
    assert normalize(parent) != normalize(derived)


def test_normalize_examples() -> None:
    assert normalize("（一）指导思想，以") == "指导思想,以"
    assert normalize("　　一、（一）总体要求：") == "总体要求:"
    assert normalize("") == ""


def test_the_segmenter_is_imported_only_on_first_tokenize(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import policydiff.alignment.tokens as tokens\n"
        "assert 'rjieba' not in sys.modules and 'jieba' not in sys.modules, 'imported too early'\n"
        "tokens.tokenize('全市科技领军企业')\n"
        "assert 'rjieba' in sys.modules\n"
        "assert 'jieba' not in sys.modules, 'jieba loaded although rjieba is there'\n"
        "print('ok')\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_without_rjieba_jieba_gives_the_same_tokens(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['rjieba'] = None  # import rjieba now raises ImportError\n"
        "import policydiff.alignment.tokens as tokens\n"
        "print('|'.join(tokens.tokenize('装备制造业产品质量合格率稳定在93%以上')))\n"
        "assert 'jieba' in sys.modules\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == "装备|制造业|产品质量|合格率|稳定|在|93%|以上\n"


def _corpus_lines() -> list[str]:
    """Every distinct line of the examples and, when present, the shared corpus."""
    roots = [EXAMPLES] + ([CORPUS] if CORPUS.exists() else [])
    files = sorted(path for root in roots for path in root.rglob("*")
                   if path.suffix in (".txt", ".md"))
    lines = {line for path in files
             for line in path.read_text(encoding="utf-8").splitlines(keepends=True)}
    return sorted(lines)


@pytest.fixture(scope="module")
def both_cuts() -> tuple[tokens_module.Cut, tokens_module.Cut]:
    fast = tokens_module._rjieba_cut()
    assert fast is not None, "rjieba is a dependency of policydiff"
    return fast, tokens_module._jieba_cut()


def test_rjieba_and_jieba_agree_on_every_corpus_line(
    both_cuts: tuple[tokens_module.Cut, tokens_module.Cut],
) -> None:
    fast, reference = both_cuts
    lines = _corpus_lines()
    assert len(lines) > (20000 if CORPUS.exists() else 300), "corpus not found"
    differ = [line for line in lines
              if tokens_module._tokens(line, fast) != tokens_module._tokens(line, reference)]
    assert differ == []


# One code point at each end of the six ranges jieba-rs counts as Han and jieba does not, next to
# ordinary Han, whitespace and the symbols jieba keeps inside words.
EXTENSION_TEXT = st.text(
    alphabet=st.sampled_from(
        list("\u3400\u4dbf\u9fd6\u9fff\uf900\ufaff\U00020000\U0002a6df\U0002a700\U0002ebef"
             "\U0002f800\U0002fa1f\u9fd5\u4e00\U0002a6e0")
        + list("鍾鐘裡裏說话中国人民企业质量认证体系+#&._%-，。 \t\r\n\u3000")
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(EXTENSION_TEXT)
def test_rjieba_and_jieba_agree_beyond_the_basic_han_block(
    both_cuts: tuple[tokens_module.Cut, tokens_module.Cut], text: str,
) -> None:
    fast, reference = both_cuts
    assert tokens_module._tokens(text, fast) == tokens_module._tokens(text, reference)


def test_first_tokenize_prints_nothing_even_from_threads(tmp_path: Path) -> None:
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import policydiff.alignment.tokens as tokens\n"
        "texts = ['装备制造业产品质量合格率稳定在93%以上'] * 8\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    results = set(pool.map(tokens.tokenize, texts))\n"
        "assert len(results) == 1, results\n"
        "print('|'.join(results.pop()))\n"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == "装备|制造业|产品质量|合格率|稳定|在|93%|以上\n"

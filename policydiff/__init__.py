"""policydiff: compare a parent policy document with the documents derived from it.

>>> import policydiff
>>> doc = policydiff.load("examples/tianjin/2019-binhai-certification-plan.txt")
>>> doc.metadata.doc_number
'津滨政发〔2019〕16号'

The names below are imported on first use (PEP 562): ``import policydiff`` loads only the data
classes and errors, not numpy, rapidfuzz or jinja2, so the command line starts at once and a
program that only parses never pays for the comparison machinery.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from .document import Clause, Document, Metadata, Skipped
from .errors import InputError, ParseError, PolicydiffError

if TYPE_CHECKING:  # pragma: no cover - the lazy names, for type checkers and IDEs
    from .comparison import Comparison, Pair, Summary, compare
    from .corpora import Corpus, corpus
    from .loading import load
    from .parsing import parse
    from .targets import TargetChange

__all__ = [
    "Clause",
    "Comparison",
    "Corpus",
    "Document",
    "InputError",
    "Metadata",
    "Pair",
    "ParseError",
    "PolicydiffError",
    "Skipped",
    "Summary",
    "TargetChange",
    "compare",
    "corpus",
    "load",
    "parse",
]
__version__ = "0.1.0"

# Public name -> the module that defines it.
_LAZY = {
    "Comparison": "comparison",
    "Pair": "comparison",
    "Summary": "comparison",
    "compare": "comparison",
    "Corpus": "corpora",
    "corpus": "corpora",
    "load": "loading",
    "parse": "parsing",
    "TargetChange": "targets",
}
def __getattr__(name: str) -> Any:
    """Import a public name's module on first access and keep the name as a module global.

    Submodules resolve too (``policydiff.parsing.sentences`` without importing
    ``policydiff.parsing`` first), as they did when this file imported them all."""
    module_name = _LAZY.get(name)
    if module_name is not None:
        value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    elif not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

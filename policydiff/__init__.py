"""policydiff: compare a parent policy document with the documents derived from it.

>>> import policydiff
>>> doc = policydiff.load("examples/tianjin/2019-binhai-certification-plan.txt")
>>> doc.metadata.doc_number
'津滨政发〔2019〕16号'
"""

from .comparison import Comparison, Pair, Summary, compare
from .corpora import Corpus, corpus
from .document import Clause, Document, Metadata, Skipped
from .errors import InputError, ParseError, PolicydiffError
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

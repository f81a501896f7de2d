"""Which posts ask something: a '?' outside URLs, or an interrogative opening.

Kept separate from the analyses because the per-text regex is the one Python loop: the
Django side stores the flag at ingest, and the dashboard analyses only read the column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_URL = re.compile(r"https?://\S+|www\.\S+")
# Leading mentions, 'RT', '.' and hashtags are skipped before the opening word is read.
_LEAD = re.compile(r"^(?:\s*(?:RT\b|[.@#][\w.@]*:?|\W))*", re.UNICODE)
_WH = r"(?:who|what|when|where|which|why|how)"
_AUX = r"(?:is|are|was|were|do|does|did|can|could|should|would|will|shall|may|might|has|have)"
_SUBJECT = (
    r"(?:you|u|anyone|anybody|someone|somebody|we|i|they|he|she|it|there|this|that|these|"
    r"those|the|any|your|my|our)"
)
# 'Do not miss…' and 'What a talk' are not questions: an auxiliary must be followed by a
# subject, and a wh-word by an auxiliary or 'to'.
_INTERROGATIVE = re.compile(
    rf"(?:{_WH}(?:'s|\s+(?:{_AUX}|to))|{_AUX}\s+{_SUBJECT})\b", re.IGNORECASE
)
_ASKING = re.compile(
    r"\b(?:any (?:idea|ideas|tips|thoughts|suggestions|recommendations)|"
    r"(?:wonder|wondering) (?:if|whether|why|how|what)|"
    r"(?:can|could) (?:any|some)(?:one|body)|does anyone know|"
    r"(?:please )?(?:let me|lmk) know)\b",
    re.IGNORECASE,
)

_ASKING_WORDS = ("any", "wonder", "some", "know")


def is_question(text: str) -> bool:
    """True when the post asks something.

    >>> is_question("Where are the slides for the #ISMB keynote")
    True
    >>> is_question("Do not miss the poster session")
    False
    >>> is_question("Slides at http://x.org/?id=3 -- great talk!")
    False
    >>> is_question("@ana any ideas for lunch near the venue.")
    True
    """
    # Cheap substring tests first: the regexes run only where they can match.
    bare = _URL.sub(" ", text) if ("http" in text or "www." in text) else text
    if "?" in bare:
        return True
    opening = bare[_LEAD.match(bare).end() :] if bare else ""  # type: ignore[union-attr]
    if _INTERROGATIVE.match(opening):
        return True
    lower = bare.lower()
    return any(word in lower for word in _ASKING_WORDS) and bool(_ASKING.search(bare))


def question_mask(texts: Sequence[str]) -> npt.NDArray[np.bool_]:
    """``is_question`` for each text, as a boolean array."""
    return np.fromiter((is_question(t) for t in texts), dtype=bool, count=len(texts))

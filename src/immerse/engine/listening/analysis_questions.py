"""Questions left hanging, and how fast the organisers answer.

A question is an original post (not a repost) flagged ``is_question``. It counts as
answered when another author replies to it (``reply_to`` points at it) within the
threshold; the asker's own follow-ups do not answer it.

>>> from immerse.engine.listening.columns import columns_from_rows
>>> c = columns_from_rows(ids=["q1", "q2", "a"], authors=["ana", "bob", "org"],
...     created=[0, 10, 600], texts=["Slides?", "Wifi password?", "@ana here"],
...     reply_to_ids=[None, None, "q1"])
>>> unanswered_questions(c, within_seconds=3600).rows.tolist()
[1]
>>> organizer_response(c, organizers=["org"]).answered
1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from immerse.engine.listening.columns import PostColumns

Int64 = npt.NDArray[np.int64]
_NEVER = np.iinfo(np.int64).max


def first_reply_delay(
    columns: PostColumns, *, responders: npt.NDArray[np.bool_] | None = None
) -> Int64:
    """Per post: seconds until its first reply by someone else, ``_NEVER`` if none.

    ``responders`` (a per-handle mask) restricts which authors' replies count.
    """
    child = np.flatnonzero(columns.reply_to >= 0)
    parent = columns.reply_to[child]
    ok = columns.author[child] != columns.author[parent]
    if responders is not None:
        ok &= responders[columns.author[child]]
    child, parent = child[ok], parent[ok]
    first = np.full(len(columns), _NEVER, dtype=np.int64)
    np.minimum.at(first, parent, columns.created[child])
    delay = np.full(len(columns), _NEVER, dtype=np.int64)
    has = first != _NEVER
    # A reply stamped before its parent (clock skew in exports) is answered at once.
    delay[has] = np.maximum(first[has] - columns.created[has], 0)
    return delay


@dataclass(frozen=True, slots=True)
class Unanswered:
    """Rows of questions without a reply within the threshold, oldest first."""

    rows: Int64
    questions: int  # questions whose window has closed
    pending: int  # questions younger than the threshold at ``now`` (not yet judged)


def unanswered_questions(
    columns: PostColumns, *, within_seconds: int = 3600, now: int | None = None,
    organizers: Iterable[str] = (),
) -> Unanswered:
    """Questions with no reply from another author within ``within_seconds``.

    With ``now`` (epoch seconds), questions asked less than ``within_seconds`` before it
    and still unanswered are ``pending``, not unanswered. Posts by ``organizers`` (handles)
    are left out: "Questions? Ask here" in their welcome is not a question waiting for them.
    """
    by_organizer = _handle_mask(columns, organizers)[columns.author]
    asked = columns.is_question & ~columns.is_repost & ~by_organizer
    delay = first_reply_delay(columns)
    judged = asked.copy()
    if now is not None:
        open_window = columns.created > now - within_seconds
        judged &= ~(open_window & (delay > within_seconds))
    rows = np.flatnonzero(judged & (delay > within_seconds))
    rows = rows[np.argsort(columns.created[rows], kind="stable")]
    return Unanswered(rows.astype(np.int64), int(judged.sum()), int(asked.sum() - judged.sum()))


@dataclass(frozen=True, slots=True)
class OrganizerResponse:
    """How organisers answer other people's questions."""

    questions: int
    answered: int
    median_seconds: float | None  # over answered questions
    #: Each answered question's wait in seconds (to pool with other sources' waits).
    delays: tuple[float, ...] = ()

    @property
    def rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


def organizer_response(
    columns: PostColumns, *, organizers: Iterable[str], within_seconds: int | None = None
) -> OrganizerResponse:
    """Share of non-organiser questions an organiser replied to (optionally within a
    threshold) and the median time to that first organiser reply."""
    is_organizer = _handle_mask(columns, organizers)
    asked = columns.is_question & ~columns.is_repost & ~is_organizer[columns.author]
    delay = first_reply_delay(columns, responders=is_organizer)[asked]
    limit = _NEVER - 1 if within_seconds is None else within_seconds
    answered = delay[delay <= limit]
    median = float(np.median(answered)) if len(answered) else None
    return OrganizerResponse(int(asked.sum()), len(answered), median,
                             tuple(float(d) for d in answered))


def _handle_mask(columns: PostColumns, handles: Iterable[str]) -> npt.NDArray[np.bool_]:
    """Per author code: one of ``handles``."""
    mask = np.zeros(len(columns.handles), dtype=bool)
    mask[columns.handle_codes(handles)] = True
    return mask

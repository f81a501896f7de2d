"""Numba ports of the byte-level text steps of sentiment scoring (ASCII input only).

Each function reproduces one Python step exactly for ASCII text: the steps of
``normalise_text`` (``html.unescape`` for the common entities only), ``str.split`` with
VADER's punctuation stripping, the ``_TOKEN`` regex of the n-gram hasher, and scikit-learn's
``murmurhash3_32(seed=0)`` bucket. Whitespace is Python's for ASCII: ``\\t\\n\\v\\f\\r``,
``\\x1c``-``\\x1f`` and space, which is also what ``re``'s ``\\s`` matches.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

F = TypeVar("F", bound=Callable[..., Any])


def jit(function: F) -> F:
    """``numba.njit(cache=True, nogil=True)``; compile in memory without a writable cache."""
    try:
        return cast(F, numba.njit(cache=True, nogil=True)(function))
    except RuntimeError:
        return cast(F, numba.njit(nogil=True)(function))


def inline_jit(function: F) -> F:
    """``jit`` inlined into its callers at Numba level.

    For helpers that take many arrays (or tuples of them) and run once per word or text:
    a real call increments and decrements every array's reference count, which cost more
    than the work itself (inlining the per-text steps saved 0.7 µs of 5 per post).
    """
    try:
        return cast(F, numba.njit(cache=True, nogil=True, inline="always")(function))
    except RuntimeError:
        return cast(F, numba.njit(nogil=True, inline="always")(function))


SPACE, WORD, PUNCTUATION, EMOTICON_BODY = 1, 2, 4, 8


def _byte_classes() -> npt.NDArray[np.uint8]:
    """One byte of class bits per ASCII byte: a table load instead of range tests."""
    classes = np.zeros(256, dtype=np.uint8)
    for b in range(128):
        c = chr(b)
        classes[b] |= SPACE if c.isspace() else 0
        classes[b] |= WORD if re.match(r"\w", c) else 0
        classes[b] |= PUNCTUATION if c in string.punctuation else 0
        classes[b] |= EMOTICON_BODY if c in "()[]dDpP/\\|*" else 0
    return classes


BYTE_CLASSES = _byte_classes()  # a global array: Numba freezes it into the code


@jit
def is_space(b: Any) -> Any:
    return BYTE_CLASSES[b] & SPACE != 0


@jit
def is_word(b: Any) -> Any:
    return BYTE_CLASSES[b] & WORD != 0


@jit
def is_punctuation(b: Any) -> Any:
    """Membership in ``string.punctuation``."""
    return BYTE_CLASSES[b] & PUNCTUATION != 0


@jit
def lower(b: Any) -> Any:
    return b + 32 if 65 <= b <= 90 else b


@jit
def _starts_with(src: Any, i: Any, n: Any, word: Any) -> Any:
    if i + len(word) > n:
        return False
    for k in range(len(word)):  # noqa: SIM110 (Numba compiles no generator in all())
        if src[i + k] != word[k]:
            return False
    return True


@jit
def unescape_common(src: Any, n: Any, dst: Any) -> Any:
    """``html.unescape`` for texts whose every '&' is simple; returns the length or -1.

    Handles "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;" and a bare '&' before
    whitespace or the end. Any other '&' may start one of HTML5's 2,000 entity names
    (some valid without ';'), so the caller sends that text to the reference path.
    """
    i = m = 0
    while i < n:
        b = src[i]
        i += 1
        if b == 38:
            if i == n or src[i] == 32 or src[i] == 9 or src[i] == 10 or src[i] == 12:
                pass
            elif _starts_with(src, i, n, b"amp;"):
                i += 4
            elif _starts_with(src, i, n, b"lt;"):
                b, i = 60, i + 3
            elif _starts_with(src, i, n, b"gt;"):
                b, i = 62, i + 3
            elif _starts_with(src, i, n, b"quot;"):
                b, i = 34, i + 5
            elif _starts_with(src, i, n, b"apos;"):
                b, i = 39, i + 5
            elif _starts_with(src, i, n, b"#39;"):
                b, i = 39, i + 4
            else:
                return -1
        dst[m] = b
        m += 1
    return m


@jit
def _url_end(src: Any, i: Any, n: Any) -> Any:
    """End of a match of ``https?://\\S+|www\\.\\S+`` at ``i``, or -1."""
    k = -1
    if _starts_with(src, i, n, b"https://"):
        k = i + 8
    elif _starts_with(src, i, n, b"http://"):
        k = i + 7
    elif _starts_with(src, i, n, b"www."):
        k = i + 4
    if k < 0 or k >= n or is_space(src[k]):
        return -1
    while k < n and not is_space(src[k]):
        k += 1
    return k


@jit
def mask_urls(src: Any, n: Any, dst: Any) -> Any:
    """``_URL.sub("http", ...)``; returns the output length."""
    i = m = 0
    while i < n:
        end = _url_end(src, i, n)
        if end < 0:
            dst[m] = src[i]
            m += 1
            i += 1
            continue
        for b in b"http":
            dst[m] = b
            m += 1
        i = end
    return m


@jit
def mask_mentions(src: Any, n: Any, dst: Any) -> Any:
    """``_MENTION.sub("@user", ...)``: '@' + word chars, not after a word char or '@'."""
    i = m = 0
    while i < n:
        if (
            src[i] == 64
            and i + 1 < n
            and is_word(src[i + 1])
            and (i == 0 or not (is_word(src[i - 1]) or src[i - 1] == 64))
        ):
            i += 1
            while i < n and is_word(src[i]):
                i += 1
            for b in b"@user":
                dst[m] = b
                m += 1
            continue
        dst[m] = src[i]
        m += 1
        i += 1
    return m


@jit
def shorten_elongations(src: Any, n: Any, dst: Any) -> Any:
    """``_ELONGATED.sub(r"\\1\\1", ...)``: a word char repeated 3+ times becomes two."""
    i = m = 0
    while i < n:
        b = src[i]
        if is_word(b) and i + 2 < n and src[i + 1] == b and src[i + 2] == b:
            while i < n and src[i] == b:
                i += 1
            dst[m] = b
            dst[m + 1] = b
            m += 2
            continue
        dst[m] = b
        m += 1
        i += 1
    return m


@jit
def vader_words(text: Any, n: Any, starts: Any, ends: Any) -> tuple[Any, Any]:
    """``SentiText``'s words: split on whitespace, strip punctuation unless <= 2 remain.

    Returns the number of words and, for the surface cues, how many of the unstripped
    ones are longer than two characters and ALL CAPS.
    """
    count = caps = 0
    i = 0
    while i < n:
        while i < n and is_space(text[i]):
            i += 1
        if i >= n:
            break
        s = i
        while i < n and not is_space(text[i]):
            i += 1
        if i - s > 2 and is_upper(text, s, i):
            caps += 1
        a, b = s, i
        while a < b and is_punctuation(text[a]):
            a += 1
        while b > a and is_punctuation(text[b - 1]):
            b -= 1
        if b - a <= 2:
            a, b = s, i
        starts[count] = a
        ends[count] = b
        count += 1
    return count, caps


@jit
def is_upper(text: Any, a: Any, b: Any) -> Any:
    """``str.isupper`` on ASCII: some cased letter and no lower-case one."""
    cased = False
    for k in range(a, b):
        c = text[k]
        if 97 <= c <= 122:
            return False
        if 65 <= c <= 90:
            cased = True
    return cased


@inline_jit
def _in_emoticon_body(b: Any) -> Any:
    return BYTE_CLASSES[b] & EMOTICON_BODY != 0


@inline_jit
def _token_end(t: Any, i: Any, n: Any) -> Any:
    """End of the ``_TOKEN`` match at ``i`` (alternatives tried in order), or -1."""
    b = t[i]
    # [#@]?\w+
    k = i + 1 if (b == 35 or b == 64) and i + 1 < n and is_word(t[i + 1]) else i
    if is_word(t[k]):
        while k < n and is_word(t[k]):
            k += 1
        return k
    # [:;=8xX][-']?[()\[\]dDpP/\\|*]+   (8, x and X are word chars: handled above)
    if b == 58 or b == 59 or b == 61:
        k = i + 1
        if k + 1 < n and (t[k] == 45 or t[k] == 39) and _in_emoticon_body(t[k + 1]):
            k += 1
        if k < n and _in_emoticon_body(t[k]):
            while k < n and _in_emoticon_body(t[k]):
                k += 1
            return k
    # [()\[\]dDpP/\\|*]+[-']?[:;=]
    if _in_emoticon_body(b):
        k = i
        while k < n and _in_emoticon_body(t[k]):
            k += 1
        if k < n and (t[k] == 58 or t[k] == 59 or t[k] == 61):
            return k + 1
        if k + 1 < n and (t[k] == 45 or t[k] == 39) and (t[k + 1] in (58, 59, 61)):
            return k + 2
    if b == 33 or b == 63:
        return i + 1
    return -1


@jit
def regex_tokens(lowered: Any, n: Any, starts: Any, ends: Any) -> Any:
    """``re.findall(_TOKEN, lowered)`` as (start, end) pairs; returns the count."""
    count = 0
    i = 0
    while i < n:
        end = _token_end(lowered, i, n)
        if end < 0:
            i += 1
            continue
        starts[count] = i
        ends[count] = end
        count += 1
        i = end
    return count


@jit
def _rotl(x: Any, r: Any) -> Any:
    return ((x << np.uint64(r)) | (x >> np.uint64(32 - r))) & np.uint64(0xFFFFFFFF)


@inline_jit
def murmur_bucket(data: Any, first: Any, n: Any, n_buckets: Any) -> Any:
    """``abs(murmurhash3_32(data[first:first + n], seed=0)) % n_buckets`` as in scikit-learn."""
    mask = np.uint64(0xFFFFFFFF)
    c1, c2 = np.uint64(0xCC9E2D51), np.uint64(0x1B873593)
    h = np.uint64(0)
    n_blocks = n // 4
    for block in range(n_blocks):
        j = first + 4 * block
        k = (
            np.uint64(data[j]) | (np.uint64(data[j + 1]) << np.uint64(8))
            | (np.uint64(data[j + 2]) << np.uint64(16)) | (np.uint64(data[j + 3]) << np.uint64(24))
        )  # fmt: skip
        k = _rotl((k * c1) & mask, 15)
        h ^= (k * c2) & mask
        h = _rotl(h, 13)
        h = (h * np.uint64(5) + np.uint64(0xE6546B64)) & mask
    tail = first + 4 * n_blocks
    rest = n & 3
    k = np.uint64(0)
    if rest == 3:
        k ^= np.uint64(data[tail + 2]) << np.uint64(16)
    if rest >= 2:
        k ^= np.uint64(data[tail + 1]) << np.uint64(8)
    if rest >= 1:
        k ^= np.uint64(data[tail])
        k = _rotl((k * c1) & mask, 15)
        h ^= (k * c2) & mask
    h ^= np.uint64(n)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & mask
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & mask
    h ^= h >> np.uint64(16)
    signed = np.int64(h) - (np.int64(1) << 32 if h >= np.uint64(1 << 31) else 0)
    if signed == -2147483648:
        return (2147483647 - (n_buckets - 1)) % n_buckets
    return abs(signed) % n_buckets

"""A typed `njit` that caches compiled code when it can and compiles in memory when it cannot.

Caching matters: the CLI must not recompile the kernels on every run. Numba writes its cache
next to the source (``__pycache__``) or in the user cache dir (``NUMBA_CACHE_DIR`` overrides);
when neither is writable the decorator raises, and we fall back to an uncached compile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

F = TypeVar("F", bound=Callable[..., Any])


def jit(function: F) -> F:
    """`numba.njit(cache=True)`, or `numba.njit` when no cache location is writable."""
    try:
        return cast(F, numba.njit(cache=True)(function))
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return cast(F, numba.njit(function))

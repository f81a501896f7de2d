"""Hostile bytes for the importer tests: small valid inputs, then mutated the way files break.

A mutation truncates, flips a byte, deletes a slice, repeats a slice or inserts one of the
tokens that break parsers (quotes, delimiters, byte-order marks, NULs, huge numbers, deep
nesting, bytes of another encoding).
"""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Deterministic in CI: the same examples on every run, nothing stored between runs.
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

TOKENS: tuple[bytes, ...] = (
    b'"', b"'", b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\x00", b"9" * 400, b"-1e999", b"NaN", b"[" * 600, b"{" * 600, b"<", b"&", b"&amp;",
    b"]]>", "é€ü".encode("cp1252"), "é".encode("utf-16"), b"\xc3\x28", b"\xed\xa0\x80",
    b"\x1f\x8b", b"PK\x03\x04", b"<!ENTITY x SYSTEM 'file:///etc/passwd'>", b"=cmd|' /C calc'!A0",
)


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """One of ``seeds`` after one to four mutations."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(("truncate", "flip", "insert", "delete", "repeat")))
        if op == "truncate":
            del data[at:]
        elif op == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif op == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 40))] * draw(st.integers(2, 50))
    return bytes(data)


def hostile(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """Mostly mutated seeds, sometimes plain random bytes."""
    return st.one_of(mutated(seeds), mutated(seeds), st.binary(max_size=200))


def zip_with(archive: bytes, member: str, content: bytes) -> bytes:
    """``archive`` with ``member`` replaced: damage inside a well-formed zip (an XLSX part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else
                            source.read(info.filename))
    return out.getvalue()


def zip_member(archive: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return source.read(member)

"""Reading MDGPLIB files: the happy path, gzip, and errors that name file and line."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from immerse.engine.formats.mdgplib import MdgplibError, parse_mdgplib, read_mdgplib

SMALL = "4 2 ds 1 3 2 2\n0 1 1.5\n0 2 2\n0 3 3\n1 2 4\n1 3 5\n2 3 6.25\n"


def test_parse_reads_header_and_symmetric_distances() -> None:
    instance = parse_mdgplib(SMALL, source="small.txt", name="small")

    assert instance.n == 4
    assert instance.kind == "ds"
    assert instance.bounds == ((1, 3), (2, 2))
    assert instance.distances[2, 3] == instance.distances[3, 2] == 6.25
    assert np.all(np.diag(instance.distances) == 0.0)


def test_read_plain_and_gzip_give_the_same_instance(tmp_path: Path) -> None:
    plain, packed = tmp_path / "a.txt", tmp_path / "a.txt.gz"
    plain.write_text(SMALL)
    packed.write_bytes(gzip.compress(SMALL.encode()))

    first, second = read_mdgplib(plain), read_mdgplib(packed)

    assert first.name == second.name == "a"
    assert np.array_equal(first.distances, second.distances)


def test_read_real_instance(mdgp_data: Path) -> None:
    instance = read_mdgplib(mdgp_data / "instances" / "RanInt" / "RanInt_n012_ss_01.txt.gz")

    assert instance.n == 12
    assert instance.bounds == ((3, 3),) * 4
    assert np.array_equal(instance.distances, instance.distances.T)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("4 2 xx 1 3 2 2\n", "bad.txt:1: type must be 'ss' or 'ds'"),
        ("4 2 ds 1 3 2\n", "bad.txt:1: header has 3 bound values, expected 2*m = 4"),
        ("four 2 ds 1 3 2 2\n", "bad.txt:1: field n must be an integer, got 'four'"),
        ("4 2 ds 1 1 1 1\n", "bad.txt:1: no grouping of n=4 items fits the group bounds"),
        ("4 2 ds 3 1 2 2\n", "bad.txt:1: group 0 has bounds [3, 1]"),
        (SMALL.replace("1 2 4\n", "1 2\n"), "bad.txt:5: expected 'i j d_ij', got 2 fields"),
        (SMALL.replace("1 2 4\n", "1 2 x\n"), "bad.txt:5: distance must be a number, got 'x'"),
        (SMALL.replace("1 2 4\n", "1 2 nan\n"), "bad.txt:5: distance must be finite"),
        (SMALL.replace("1 2 4\n", "1 7 4\n"), "bad.txt:5: pair (1, 7) is not two distinct"),
        (SMALL.replace("1 2 4\n", "2 1 4\n0 1 1\n"), "bad.txt:6: pair (0, 1) given twice"),
        (SMALL.replace("1 2 4\n", ""), "bad.txt: 1 pair(s) missing after line 6, e.g. (1, 2)"),
    ],
)
def test_parse_errors_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(MdgplibError) as raised:
        parse_mdgplib(text, source="bad.txt")

    assert message in str(raised.value)


def test_read_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(MdgplibError, match=r"nope\.txt: cannot read file"):
        read_mdgplib(tmp_path / "nope.txt")


def test_read_corrupt_gzip_names_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(SMALL.encode())[:20])

    with pytest.raises(MdgplibError, match=r"broken\.txt\.gz: corrupt gzip data"):
        read_mdgplib(broken)

"""Hand-made hostile files that are small on disk and huge inside, and a memory probe.

Shared by the size-limit tests (at sizes a test can afford) and ``bench/hostile_memory.py``
(at the sizes the outside test used: a 1 MB XLSX inflating to 1 GiB, a 1 MB gzip bomb,
a 200 MB schedule).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl

MIB = 2**20
_SHEET = "xl/worksheets/sheet1.xml"
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1"><c t="inlineStr"><is><t>Name</t></is></c>'
               b'<c t="inlineStr"><is><t>E-mail</t></is></c></row>')
_SHEET_TAIL = b"</sheetData></worksheet>"


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Name", "E-mail"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_with_sheet(write_sheet, *, declare: int | None = None) -> bytes:
    """A real workbook whose first worksheet is what ``write_sheet(stream)`` writes.

    ``declare``: the uncompressed size its central directory then claims (a lie), to check
    that a reader counts what it actually inflates.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == _SHEET:
                with target.open(_SHEET, "w") as stream:
                    write_sheet(stream)
            else:
                target.writestr(info, source.read(info.filename))
    data = out.getvalue()
    return data if declare is None else _declare(data, _SHEET, declare)


def xlsx_bomb(inflated: int) -> bytes:
    """A workbook whose worksheet inflates to about ``inflated`` bytes of rows (~1,000:1)."""
    row = b"<row><c><v>1</v></c></row>"
    chunk = row * (MIB // len(row))

    def write(stream) -> None:
        stream.write(_SHEET_HEAD)
        for _ in range(inflated // len(chunk)):
            stream.write(chunk)
        stream.write(_SHEET_TAIL)

    return xlsx_with_sheet(write)


def _declare(archive: bytes, member: str, size: int) -> bytes:
    """``archive`` with ``member``'s uncompressed size in the central directory set to
    ``size`` (the local header's copy is in the data descriptor, which readers ignore)."""
    data = bytearray(archive)
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_length] == name:
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise ValueError(f"{member} not in the archive")


def gzip_bomb(inflated: int) -> bytes:
    """gzip of ``inflated`` zero bytes (~1,000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\x00" * MIB
    parts = [packer.compress(block) for _ in range(inflated // MIB)]
    return b"".join([*parts, packer.flush()])


def deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def huge_schedule_json(events: int, *, title_length: int = 40,
                       abstract_length: int = 0) -> bytes:
    """A schedule.json with ``events`` talks in one room on one day."""
    talks = [{"id": n, "guid": f"00000000-0000-4000-8000-{n:012d}", "title": "T" * title_length,
              "date": "2024-02-03T10:00:00+01:00", "duration": "00:30", "room": "Main",
              "type": "lecture", "abstract": "a" * abstract_length, "persons": []}
             for n in range(1, events + 1)]
    return json.dumps({"schedule": {"version": "1", "conference": {
        "acronym": "huge", "title": "Huge", "start": "2024-02-03", "end": "2024-02-03",
        "time_zone_name": "Europe/Brussels",
        "days": [{"index": 1, "date": "2024-02-03", "rooms": {"Main": talks}}]}}}).encode()


PROBE = """
import resource, sys, traceback
{setup}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
{action}
    outcome = "accepted"
except BaseException as exc:  # what the caller is told, whatever it is
    outcome = type(exc).__name__ + ": " + str(exc)[:500]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("PEAK-GROWTH-KIB", after - before)
print("OUTCOME", outcome)
"""


def memory_probe(setup: str, action: str, *, cap_mib: int = 2048,
                 timeout: float = 300) -> tuple[str, float]:
    """Run ``action`` in a fresh Python after ``setup``; its outcome and its peak memory
    growth in MiB (peak RSS after minus peak RSS before ``action``).

    The child's address space is capped at ``cap_mib``, so a regression that inflates a
    bomb fails with MemoryError instead of taking the machine down.
    """
    code = PROBE.format(setup=setup, action="\n".join(
        "    " + line for line in action.strip().splitlines()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).resolve().parents[2] / "src"), str(Path(__file__).resolve()
                                                                .parents[2])])}

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mib * MIB, cap_mib * MIB))

    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=timeout, preexec_fn=cap)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines()
                 if line.startswith(("PEAK-GROWTH-KIB ", "OUTCOME ")))
    if "OUTCOME" not in lines:
        return f"crashed ({result.returncode}): {result.stderr[-500:]}", float("nan")
    return lines["OUTCOME"], int(lines["PEAK-GROWTH-KIB"]) / 1024

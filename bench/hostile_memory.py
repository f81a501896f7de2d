"""Hostile files at full size through the real `immerse` commands: outcome and peak memory.

Each case runs `python -m immerse.cli …` in a child process on a fresh SQLite folder and
reads the child's peak RSS from ``os.wait4`` (the whole process: interpreter, Django and
imports included; the first row, a tiny valid import, is that baseline). The files are the
outside test's: an XLSX of ~1 MB inflating to 1 GiB, a 200 MB schedule, a 1 MB MDGP gzip
inflating to 1 GiB, gzip magic plus garbage, JSON nested 100,000 deep, and a few at the
limits, which are accepted.

    .venv/bin/python bench/hostile_memory.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402

from tests.security.bombs import (  # noqa: E402  (after the path set-up above)
    MIB,
    deep_json,
    gzip_bomb,
    huge_schedule_json,
    xlsx_bomb,
    xlsx_with_sheet,
)

TINY_SCHEDULE = huge_schedule_json(3)


def _peak(args: list[str], data_dir: Path) -> tuple[int, str, float, float]:
    # RUSAGE_CHILDREN keeps the largest child so far: run each case in its own wrapper
    # process, which then reports its one child's peak.
    wrapper = (
        "import json, os, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "m = (r.stderr or r.stdout).decode(errors='replace').strip().splitlines()\n"
        "print(json.dumps([r.returncode, ' '.join(x.strip() for x in m[:3])[:160],"
        " u.ru_maxrss / 1024, time.perf_counter() - t]))\n")
    env = {**os.environ, "IMMERSE_DATA_DIR": str(data_dir), "COLUMNS": "200",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m",
                             "immerse.cli", *args], cwd=data_dir, env=env,
                            capture_output=True, text=True, check=True)
    code, message, peak, seconds = json.loads(result.stdout)
    return code, message, peak, seconds


def _cases(folder: Path) -> list[tuple[str, Path, list[str]]]:
    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    row = b"<row><c><v>1</v></c></row>" * 40_000

    def lying_sheet(stream) -> None:
        stream.write(b"<worksheet><sheetData>")
        for _ in range(64):
            stream.write(row)
        stream.write(b"</sheetData></worksheet>")

    at_limit = huge_schedule_json(10_000, title_length=250, abstract_length=1200)
    assert len(at_limit) < 20 * MIB, len(at_limit)
    cases = [
        ("baseline: a valid 3-event schedule", write("tiny.json", TINY_SCHEDULE),
         ["import", "schedule", "{path}", "--event", "base"]),
        ("sign-up XLSX at the row limit (49,999 people), --dry-run", write(
            "people.xlsx", _people_xlsx(49_999)),
         ["import", "attendees", "{path}", "--event", "base", "--dry-run"]),
        ("MDGP at the item limit (n = 3,000, 4.5 M pairs)", write(
            "n3000.txt", _mdgp_text(3000)), ["solve", "groups", "{path}", "--time-limit", "1"]),
        ("XLSX inflating to 1 GiB", write("bomb.xlsx", xlsx_bomb(1024 * MIB)),
         ["import", "attendees", "{path}", "--event", "base"]),
        ("XLSX declaring 1 KiB, inflating to 64 MiB", write(
            "liar.xlsx", xlsx_with_sheet(lying_sheet, declare=1024)),
         ["import", "attendees", "{path}", "--event", "base"]),
        ("schedule of 200 MB", write("huge.json", b" " * (200 * MIB) + TINY_SCHEDULE),
         ["import", "schedule", "{path}", "--event", "huge"]),
        ("schedule at the limits (10,000 events)", write("limit.json", at_limit),
         ["import", "schedule", "{path}", "--event", "limit"]),
        ("MDGP gzip inflating to 1 GiB", write("bomb.txt.gz", gzip_bomb(1024 * MIB)),
         ["solve", "groups", "{path}", "--time-limit", "1"]),
        ("MDGP gzip magic + garbage", write(
            "garbage.txt.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + os.urandom(MIB)),
         ["solve", "groups", "{path}", "--time-limit", "1"]),
        ("backup JSON nested 100,000 deep", write("deep.json", deep_json(100_000)),
         ["import", "event", "{path}"]),
        ("backup of 300 MB (over 256 MiB)", write("big-backup.json", b" " * (300 * MIB)),
         ["import", "event", "{path}"]),
        ("posts: 200 MB without a line end", write("one-line.csv", b"id,author,text,created_at\n"
                                                   + b"x" * (200 * MIB)),
         ["listen", "ingest", "{path}", "--event", "base", "--format", "csv"]),
        ("posts: JSON document of 150 MB", write("doc.json", b"[" + b" " * (150 * MIB) + b"]"),
         ["listen", "ingest", "{path}", "--event", "base", "--format", "json"]),
    ]
    return cases


def _people_xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Name", "E-mail", "Organization", "Discipline", "Microblogging"])
    for n in range(rows):
        sheet.append([f"Person {n}", f"p{n}@example.org", f"Org {n % 50}", "pr", "weekly 3"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mdgp_text(n: int) -> bytes:
    rng = np.random.default_rng(0)
    header = f"{n} 10 ss " + " ".join(f"{n // 10} {n // 10}" for _ in range(10)) + "\n"
    i, j = np.triu_indices(n, k=1)
    body = "".join(f"{a} {b} {d:.2f}\n" for a, b, d in zip(
        i.tolist(), j.tolist(), rng.random(len(i)).round(2).tolist(), strict=True))
    return (header + body).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        data_dir = folder / "data"
        data_dir.mkdir(exist_ok=True)
        _peak(["migrate"], data_dir)
        print("| case | file | exit | answer | peak RSS MiB | s |")
        print("|---|---|---|---|---|---|")
        for label, path, args in _cases(folder):
            code, message, peak, seconds = _peak(
                [arg.replace("{path}", str(path)) for arg in args], data_dir)
            message = message.replace(str(folder) + "/", "")
            size = path.stat().st_size
            shown = f"{size / MIB:,.1f} MiB" if size >= MIB else f"{size / 1024:,.0f} KiB"
            print(f"| {label} | {shown} | {code} | {message} | {peak:,.0f} | {seconds:.1f} |",
                  flush=True)


if __name__ == "__main__":
    main()

"""The schema-driven API tests at length: schemathesis as every role, valid and invalid
inputs for every operation, then stateful sequences, with many more examples than `make test`.

Prints one line per run (requests, statuses, failures) and pytest's verdict:

    .venv/bin/python bench/api_fuzz.py [--examples 60] [--sequences 60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60,
                        help="examples per operation and mode (make test: 4)")
    parser.add_argument("--sequences", type=int, default=60,
                        help="stateful sequences per role (make test: 8)")
    options = parser.parse_args()
    env = {**os.environ, "IMMERSE_FUZZ_EXAMPLES": str(options.examples),
           "IMMERSE_FUZZ_SEQUENCES": str(options.sequences)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
         "tests/api/test_schema.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if "schemathesis " in line:  # pytest -q puts its progress dots before the prints
            print(line[line.index("schemathesis "):])
        elif " passed" in line or " failed" in line:
            print(line)
    if result.returncode:
        print(result.stdout[-6000:])
    print(f"{options.examples} examples per operation and mode, {options.sequences} "
          f"sequences per role: {time.perf_counter() - started:.0f} s")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()

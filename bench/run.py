"""`make bench`: every benchmark script in turn, each printing its figures (QUALITY.md).

.venv/bin/python bench/run.py            # full size, as QUALITY.md measures (P7 seeds 1M)
.venv/bin/python bench/run.py --quick    # small sizes, a minute or so
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments at full size, arguments with --quick)
BENCHMARKS = [
    ("p1_p2_card_read.py", [], ["--reads", "100"]),
    ("p3_roundtrip.py", [], ["--plain-apdus", "0"]),
    ("p6_vouchers.py", [], []),
    ("p7_records.py", [], ["--cardholders", "20000"]),
    ("ui_figures.py", [], ["--sessions", "100", "--starts", "5", "--inserts", "20"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a quick look")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHMARKS:
        print(f"\n== {script}", flush=True)
        result = subprocess.run(
            [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        )
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""P7: records look-up on a large back end (QUALITY.md).

Seeds 1,000,000 synthetic cardholders with ten years of monthly contributions into a fresh SQLite
file, prints how long the seed took and how large the file is, then the median time to look up a
cardholder by social security number (target <= 2 ms) and a year of their contributions
(target <= 5 ms), through the store's repositories, one short read session per look-up as the
kiosk does it.

    .venv/bin/python bench/p7_records.py                    # the real figure: 1,000,000
    .venv/bin/python bench/p7_records.py --cardholders 20000 # a quick run
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from kiosk.store.db import create_engine, read_session, sqlite_checkpoint
from kiosk.store.migrate import upgrade
from kiosk.store.models import Cardholder
from kiosk.store.repositories import CardholderRepository, RecordsRepository
from kiosk.store.synthetic import seed_synthetic

TARGET_HOLDER_MS = 2.0
TARGET_YEAR_MS = 5.0


def _ms(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e3, ordered[int(len(ordered) * 0.95)] * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cardholders", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--dir", type=Path, help="where to put the file (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    parser.add_argument(
        "--db", type=Path, help="measure look-ups on this already seeded file; no seeding"
    )
    args = parser.parse_args(argv)

    reuse = args.db is not None and args.db.exists()
    workdir = args.db.parent if reuse else Path(tempfile.mkdtemp(prefix="p7-", dir=args.dir))
    path = args.db if reuse else workdir / "p7.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        if not reuse:
            upgrade(engine)
            print(f"P7: seeding {args.cardholders:,} x {args.months} months into {path}")
            report = seed_synthetic(
                engine,
                args.cardholders,
                months=args.months,
                progress=lambda line: print(f"  {line}", flush=True),
            )
            sqlite_checkpoint(engine)
            size = path.stat().st_size
            print(
                f"seed: {report.cardholders:,} cardholders, {report.contributions:,} "
                f"contributions in {report.seconds:.1f} s "
                f"({report.contributions / report.seconds:,.0f} rows/s); file "
                f"{size / 2**30:.2f} GiB ({size / max(report.contributions, 1):.1f} B/row)"
            )

        rng = random.Random(7)
        with read_session(engine) as session:
            last_id = session.scalar(sa.select(sa.func.max(Cardholder.id))) or 0
            ids = [rng.randint(1, last_id) for _ in range(args.lookups)]
            ssns = list(session.scalars(sa.select(Cardholder.ssn).where(Cardholder.id.in_(ids))))
        rng.shuffle(ssns)
        this_year = time.localtime().tm_year
        years = range(this_year - args.months // 12 + 1, this_year)  # whole years only

        holder_s: list[float] = []
        year_s: list[float] = []
        rows = 0
        for ssn in ssns:
            started = time.perf_counter()
            with read_session(engine) as session:
                holder = CardholderRepository(session).get_by_ssn(ssn)
            holder_s.append(time.perf_counter() - started)
            assert holder is not None
            started = time.perf_counter()
            with read_session(engine) as session:
                rows += len(RecordsRepository(session).contributions(ssn, rng.choice(years)))
            year_s.append(time.perf_counter() - started)

        print(f"look-ups: {len(ssns):,} random cardholders, {rows / len(ssns):.1f} rows a year")
        ok = True
        for what, samples, target in (
            ("cardholder by SSN", holder_s, TARGET_HOLDER_MS),
            ("a year of contributions", year_s, TARGET_YEAR_MS),
        ):
            median, p95 = _ms(samples)
            met = median <= target
            ok = ok and met
            print(
                f"{what}: median {median:.3f} ms, p95 {p95:.3f} ms "
                f"(target <= {target} ms: {'met' if met else 'MISSED'})"
            )
    finally:
        engine.dispose()
        if args.keep or reuse:
            print(f"kept {path}")
        else:
            for file in workdir.iterdir():
                file.unlink()
            workdir.rmdir()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

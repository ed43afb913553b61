"""P4, P5 and R8 of QUALITY.md, on the demo kiosk headless (offscreen Qt, mock reader).

P4  card inserted → card summary on screen, beyond the card read itself (median of 50)
P5  cold start → attract screen shown, a fresh process each time (median of 10)
R8  a soak of 1,000 citizen sessions (insert, summary, PIN, records, remove): RSS growth and
    the count of live QObjects under the window, before and after

    .venv/bin/python bench/ui_figures.py [--sessions 1000] [--starts 10] [--inserts 50]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.app import build_kiosk
from kiosk.config import load_settings
from kiosk.demo.seed import seed_demo
from kiosk.demo.tour import Tour

COLD_START = """
import os, sys, time
t0 = float(os.environ["BENCH_T0"])
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.config import load_settings
from kiosk.demo.kit import demo_kit
from kiosk.startup import Startup
data = Path(sys.argv[1])
app = QApplication([])
# As run_kiosk does: settings, log, window; the back end only once the attract screen is up.
startup = Startup(
    app, load=lambda: load_settings(demo=True, environ={}, data_dir=data, log_dir=data / "log"),
    demo=demo_kit(),
)
startup.show()
app.processEvents()  # the attract screen is laid out and painted
assert startup.window.current is startup.window.attract
print(f"{time.time() - t0:.4f}")
startup.start()
assert startup.kiosk is not None, startup.outage
startup.close()
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def live_qobjects(window: QObject) -> int:
    return len(window.findChildren(QObject)) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--inserts", type=int, default=50)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    settings = load_settings(demo=True, environ={}, data_dir=scratch, log_dir=scratch / "log")

    # P5 first, on a database already created and seeded (as on every start but the first).
    app = QApplication.instance() or QApplication([])
    kiosk = build_kiosk(settings, app, seed=seed_demo)
    kiosk.close()
    starts = []
    for _ in range(args.starts):
        env = {**os.environ, "BENCH_T0": repr(time.time())}
        out = subprocess.run(
            [sys.executable, "-c", COLD_START, str(scratch)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        starts.append(float(out.stdout.strip().splitlines()[-1]))
    print(
        f"P5  cold start (process start) → attract shown, median of {len(starts)}: "
        f"{statistics.median(starts) * 1000:.0f} ms (target <= 1500 ms)"
    )

    kiosk = build_kiosk(settings, app, seed=seed_demo)
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    tour = Tour(kiosk, scratch / "shots")
    tour.settle(tour.at("attract"))
    beyond = []
    for _ in range(args.inserts):
        tour.insert("normal", "summary")
        total = kiosk.controller.last_insert_to_summary or 0.0
        beyond.append(total - kiosk.controller.session.last_read_seconds)
        tour.remove()
    print(
        f"P4  card inserted → summary shown beyond the card read, median of {len(beyond)}: "
        f"{statistics.median(beyond) * 1000:.1f} ms (target <= 150 ms)"
    )

    def one_session() -> None:
        tour.insert("normal", "summary")
        kiosk.window.summary.view_records_clicked.emit()
        tour.settle(tour.at("pin"))
        tour.enter_pin("123456")
        tour.settle(tour.at("records"))
        tour.remove()

    for _ in range(20):  # warm caches, fonts and pools before the baseline
        one_session()
    gc.collect()
    rss_before, objects_before = rss_mb(), live_qobjects(kiosk.window)
    started = time.perf_counter()
    for _ in range(args.sessions):
        one_session()
    gc.collect()
    app.processEvents()
    rss_after, objects_after = rss_mb(), live_qobjects(kiosk.window)
    print(
        f"R8  {args.sessions} sessions in {time.perf_counter() - started:.0f} s: RSS "
        f"{rss_before:.1f} → {rss_after:.1f} MB (growth {rss_after - rss_before:+.1f} MB, "
        f"target <= 20 MB); QObjects under the window {objects_before} → {objects_after}"
    )
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`kiosk` without a command (or `kiosk --demo`): the kiosk itself."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """The kiosk. A fault it can show (a bad setting, a damaged or unreachable database, an
    unsafe key...) does not end it: it shows "out of service" with a reason code, logs why,
    and tries again (kiosk.startup); only a request to quit ends it, with exit code 0."""
    from kiosk.app import run_kiosk
    from kiosk.config import load_settings

    demo = None
    if args.demo:
        from kiosk.demo.kit import demo_kit

        demo = demo_kit()
    return run_kiosk(lambda: load_settings(config_file=args.config, demo=args.demo), demo=demo)

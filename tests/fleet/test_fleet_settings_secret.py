"""A settings attack: a fleet kiosk.toml whose central_url holds the kiosk role's password. No
command's output, bundle or log file may show it (the commands run as the real entry point)."""

from __future__ import annotations

import tarfile
from pathlib import Path

from cli_helpers import kiosk, private_env

PASSWORD = "Zq9SecretPw77"
URL = f"postgresql+psycopg://sscard_k_attk01:{PASSWORD}@127.0.0.1:1/sscard"


def test_no_output_bundle_or_log_shows_the_central_password(tmp_path: Path) -> None:
    # About 10 s: seven runs of the real command, each a process of its own (the point).
    env = private_env(tmp_path / "home")
    data, logs, out = tmp_path / "data", tmp_path / "log", tmp_path / "out"
    out.mkdir()
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'kiosk_id = "ATTK01"\ndeployment = "fleet"\ncentral_url = "{URL}"\n'
        f'data_dir = "{data}"\nlog_dir = "{logs}"\n'
    )
    said: list[str] = []
    for command in (
        ["db", "upgrade"],
        ["db", "check"],
        ["diag", "system"],
        ["diag", "bundle", "--out", str(out)],
    ):
        done = kiosk("--config", str(config), *command, env=env)
        assert "Traceback" not in done.stderr, done.stderr
        said.append(done.stdout + done.stderr)
    # A message waiting, so fleet send really tries the (unreachable) centre and says why not.
    from kiosk.config import load_settings
    from kiosk.store.db import create_engine
    from kiosk.store.unitofwork import UnitOfWork

    settings = load_settings(config_file=config, environ={})
    engine = create_engine(settings.resolved_database_url)
    try:
        import datetime as dt

        with UnitOfWork(engine) as uow:
            uow.outbox.add(
                "note", {"idempotency_key": "k"}, at=dt.datetime.now(dt.UTC), transaction_id=None
            )
            uow.commit()
    finally:
        engine.dispose()
    done = kiosk("--config", str(config), "fleet", "send", "--once", env=env)
    assert done.returncode == 3 and "1 waiting" in done.stderr, done.stderr
    said.append(done.stdout + done.stderr)
    # A central_url without the fleet deployment is refused, its URL shown redacted.
    config.write_text(config.read_text().replace('deployment = "fleet"\n', ""))
    done = kiosk("--config", str(config), "db", "check", env=env)
    assert done.returncode == 2 and "central_url" in done.stderr, done.stderr
    said.append(done.stdout + done.stderr)

    assert all(PASSWORD not in text for text in said), [t for t in said if PASSWORD in t]
    assert any("sscard_k_attk01:***@" in text for text in said)  # shown, redacted
    (bundle,) = out.glob("*.tar.gz")
    with tarfile.open(bundle) as tar:
        for member in tar.getmembers():
            read = tar.extractfile(member)
            if read is not None:
                assert PASSWORD.encode() not in read.read(), member.name
    for path in [p for p in (logs, data) if p.exists()]:
        for file in path.rglob("*"):
            if file.is_file() and file.suffix != ".db":
                assert PASSWORD.encode() not in file.read_bytes(), file

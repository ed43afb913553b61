"""The deployment settings (docs/fleet.md): standalone by default, fleet with the centre's URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import SettingsError, load_settings
from kiosk.domain.fleet import Deployment

CENTRE = "postgresql+psycopg://sscard_k_bjcy01:s3cretPassw0rd@centre.example:5432/sscard"


def refused(tmp_path: Path, **env: str) -> str:
    with pytest.raises(SettingsError) as refusal:
        load_settings(environ={f"KIOSK_{k.upper()}": v for k, v in env.items()}, data_dir=tmp_path)
    message = str(refusal.value)
    assert "\n" not in message
    assert "s3cretPassw0rd" not in message
    return message


def test_standalone_is_the_default_and_the_demo(tmp_path: Path) -> None:
    settings = load_settings(environ={}, data_dir=tmp_path)
    assert settings.deployment_kind is Deployment.STANDALONE
    assert not settings.fleet
    assert load_settings(environ={}, demo=True, data_dir=tmp_path).deployment == "standalone"


def test_fleet_takes_the_centres_url_and_keeps_the_local_sqlite(tmp_path: Path) -> None:
    env = {"KIOSK_DEPLOYMENT": "fleet", "KIOSK_CENTRAL_URL": CENTRE}
    settings = load_settings(environ=env, data_dir=tmp_path)
    assert settings.fleet and settings.deployment_kind is Deployment.FLEET
    assert settings.central_url == CENTRE
    assert settings.resolved_database_url.startswith("sqlite:///")


def test_fleet_without_the_centre_is_refused(tmp_path: Path) -> None:
    message = refused(tmp_path, deployment="fleet")
    assert message.startswith("central_url must be set")
    assert "kiosk central add-kiosk" in message


def test_an_unknown_deployment_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path, deployment="cloud").startswith(
        "deployment must be one of standalone, fleet, not 'cloud'"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sqlite:////var/lib/centre.db", "(it is sqlite)"),
        ("garbage", "not a database URL"),
        ("postgresql://k:s3cretPassw0rd@host:notaport/db", "central_url must be"),
    ],
)
def test_the_centre_must_be_a_postgresql_url(tmp_path: Path, url: str, words: str) -> None:
    message = refused(tmp_path, deployment="fleet", central_url=url)
    assert message.startswith("central_url must be ")
    assert words in message


def test_a_centre_url_without_fleet_mode_is_refused_with_its_password_hidden(
    tmp_path: Path,
) -> None:
    message = refused(tmp_path, central_url=CENTRE)
    assert message.startswith('central_url is used only with deployment = "fleet"')
    assert "sscard_k_bjcy01:***@centre.example" in message


def test_fleet_keeps_its_journal_in_sqlite_not_at_the_centre(tmp_path: Path) -> None:
    message = refused(
        tmp_path,
        deployment="fleet",
        central_url=CENTRE,
        database_url="postgresql://k:s3cretPassw0rd@centre.example/sscard",
    )
    assert message.startswith("database_url must be empty or a SQLite file")

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "test-deploy-check-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "ALLOWED_HOSTS": "styr.example.se",
}


def run_styr(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "styr", *args],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_database_follows_database_url():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    scheme = url.split(":", 1)[0]
    expected = {
        "sqlite": "styr.sqlite",
        "postgres": "django.db.backends.postgresql",
        "postgresql": "django.db.backends.postgresql",
    }[scheme]
    assert settings.DATABASES["default"]["ENGINE"] == expected


def test_deploy_check_passes_in_production():
    result = run_styr("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_secret_key_fails_clearly():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_styr("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

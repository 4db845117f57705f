"""The settings read the environment and are safe when it says nothing."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLEAN = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CLINICBOT_"))}


def read_settings(*names, **env):
    """Load the settings module in a fresh interpreter with `env` set; answer `names`."""
    code = (
        "import json; from clinicbot import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done


def test_without_a_secret_key_and_debug_the_app_refuses_to_start():
    done = read_settings("DEBUG")

    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in done.stderr


def test_debug_is_off_unless_asked():
    done = read_settings("DEBUG", "ALLOWED_HOSTS", DJANGO_SECRET_KEY="k" * 50)

    assert json.loads(done.stdout) == {"DEBUG": False, "ALLOWED_HOSTS": []}


def test_development_mode_runs_without_a_secret_key():
    done = read_settings("DEBUG", DJANGO_DEBUG="1")

    assert json.loads(done.stdout) == {"DEBUG": True}


def test_a_vague_debug_value_is_refused():
    done = read_settings("DEBUG", DJANGO_DEBUG="maybe")

    assert done.returncode != 0
    assert "DJANGO_DEBUG must be" in done.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"DJANGO_DEBUG": "1"}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"DJANGO_SECRET_KEY": "k" * 50}, "django.core.cache.backends.db.DatabaseCache"),
        (
            {"DJANGO_SECRET_KEY": "k" * 50, "CLINICBOT_REDIS_URL": "redis://127.0.0.1:6379/1"},
            "django.core.cache.backends.redis.RedisCache",
        ),
    ],
)
def test_the_throttle_cache_is_shared_by_workers_outside_development(env, backend):
    done = read_settings("CACHES", **env)

    assert json.loads(done.stdout)["CACHES"]["default"]["BACKEND"] == backend


def test_rates_proxies_and_origins_come_from_the_environment():
    done = read_settings(
        "REST_FRAMEWORK",
        "CORS_ALLOWED_ORIGINS",
        DJANGO_DEBUG="1",
        CLINICBOT_THROTTLE_ANON="5/min",
        CLINICBOT_THROTTLE_USER="50/min",
        CLINICBOT_NUM_PROXIES="1",
        CLINICBOT_CORS_ORIGINS="https://a.example, https://b.example",
    )

    values = json.loads(done.stdout)
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {"anon": "5/min", "user": "50/min"}
    assert values["REST_FRAMEWORK"]["NUM_PROXIES"] == 1
    assert values["CORS_ALLOWED_ORIGINS"] == ["https://a.example", "https://b.example"]


def test_database_url_selects_the_database():
    done = read_settings(
        "DATABASES", DJANGO_DEBUG="1", DATABASE_URL="postgres://u:p@db.example:5433/clinic"
    )

    database = json.loads(done.stdout)["DATABASES"]["default"]
    assert (database["ENGINE"], database["HOST"], database["PORT"], database["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        5433,
        "clinic",
    )


def production_env(**extra):
    return {
        **CLEAN,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "clinicbot.example.org",
        **extra,
    }


def test_the_deploy_checks_find_nothing_under_production_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_the_deploy_checks_catch_a_weak_secret_key():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(DJANGO_SECRET_KEY="short"),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode != 0
    assert "security.W009" in done.stderr


def test_production_redirects_to_https_but_not_the_health_checks():
    done = read_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "MIDDLEWARE",
        **production_env(),
    )

    values = json.loads(done.stdout)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_REDIRECT_EXEMPT"] == ["^healthz/?$", "^readyz/?$"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in values["MIDDLEWARE"]

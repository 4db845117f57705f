"""Settings for clinicbot, read from the environment and safe when nothing is set.

Every value a deployment may change comes from an environment variable named below. Without any,
the app runs with DEBUG off and refuses to start until `DJANGO_SECRET_KEY` is given; development
mode (`DJANGO_DEBUG=1`) is what the README's commands and the test configuration switch on.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no variable; anything but a clear yes or no is a configuration error."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}.")


def env_list(name, default=()):
    """Read a comma-separated variable into a list, dropping blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Give it a long random value in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    # Only ever used with DEBUG on, where nothing it signs needs to survive.
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [],
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "users",
    "chat",
    "responses",
    "interactions",
    "clinics",
    "referrals",
    "analytics",
    "access",
]

MIDDLEWARE = [
    "clinicbot.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Static files come from `collectstatic`'s folder; in development runserver serves them.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "clinicbot.urls"
WSGI_APPLICATION = "clinicbot.wsgi.application"

# API paths answer with or without a trailing slash themselves; never redirect to add one.
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The admin's own pages extended or added by the project (the dashboard, its index link).
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects the database (PostgreSQL in production); without it, an SQLite file
# beside the code. SQLite takes its write lock when a transaction begins (IMMEDIATE) and waits
# for it rather than failing, so that concurrent writers queue up as they would on PostgreSQL.

SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"]["OPTIONS"]}
    # A file, not memory, so that tests against a live server see the same data in every thread.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
else:
    # A database that does not answer must fail fast, so that /readyz can say so.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords, language, time --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
# The admin's and the API docs' files, served by WhiteNoise after `collectstatic`; in
# production with hashed names, so that browsers may cache them for good.

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- HTTPS and cookies ----------------------------------------------------------------------
# The app sits behind a TLS proxy that says `X-Forwarded-Proto: https`. Plain HTTP is
# redirected, except the health checks, which load balancers call on the inside.

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- The REST API ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["clinicbot.api.parsers.SafeJSONParser"],
    # Tokens first: an anonymous caller is then told 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["clinicbot.api.permissions.ModelPermissions"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("CLINICBOT_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("CLINICBOT_THROTTLE_USER", "1200/min"),
    },
    # How many X-Forwarded-For entries to trust when telling callers apart by address.
    "NUM_PROXIES": int(os.environ.get("CLINICBOT_NUM_PROXIES", "0")),
    "DEFAULT_PAGINATION_CLASS": "clinicbot.api.pagination.PageNumberLimitPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "clinicbot.api.ordering.StableOrderingFilter",
    ],
    "EXCEPTION_HANDLER": "clinicbot.api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "clinicbot API",
    "DESCRIPTION": (
        "The back end of a family-planning chatbot: its users, chat sessions, messages, "
        "answers, method discussions, partner clinics, referrals and analytics. "
        "Lists are paginated with `page` and `page_size` (or `limit`), at most 500 a page."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "clinicbot.api.schema.add_error_answers",
    ],
}

# --- Cache (the throttle counts live here) -------------------------------------------------
# Workers must share the counts: Redis when CLINICBOT_REDIS_URL is set, else the database in
# production and the process's memory in development. The database cache's table is made by
# the `access` app's migrations, so `migrate` is all a deployment needs.

CACHE_TABLE = "clinicbot_cache"
REDIS_URL = os.environ.get("CLINICBOT_REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }

# --- Browser front ends (CORS) --------------------------------------------------------------

CORS_ALLOWED_ORIGINS = env_list("CLINICBOT_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/(?!admin/).*$"

# --- Partner clinic import -----------------------------------------------------------------
# The CSV of states and LGAs that `import_clinics` matches against when no --gazetteer is given.

CLINICBOT_GAZETTEER = os.environ.get("CLINICBOT_GAZETTEER") or None

# --- Logging --------------------------------------------------------------------------------

# One JSON object a line in production (what log collectors read); plain text in development.
# Each line carries the id of the request it belongs to.

LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "clinicbot.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "clinicbot.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's own access line repeats ours (and shows the query string): keep it quiet.
        "django.server": {"level": "WARNING"},
        # Django's line for every 4xx names the path, ids included; ours names the route.
        # Errors (5xx) still come through, with their traceback.
        "django.request": {"level": "ERROR"},
    },
}

"""Configuration from the environment, one class per environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = f"sqlite:///{PROJECT_ROOT / 'var' / 'webform.db'}"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", DEFAULT_SQLITE)
    # Heroku-style URLs name the old driver; SQLAlchemy 2 wants psycopg (v3).
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def tracker_database_url() -> str:
    """Rasa's conversation store, read by the maintainer pages: the SQLite file `make run` names
    (TRACKER_DB_DIALECT=sqlite, TRACKER_DB), else TRACKER_DATABASE_URL (PostgreSQL, via psycopg 3), else
    the file `make run` would use."""
    if os.environ.get("TRACKER_DB_DIALECT") == "sqlite" and os.environ.get("TRACKER_DB"):
        return f"sqlite:///{os.environ['TRACKER_DB']}"
    url = os.environ.get("TRACKER_DATABASE_URL", "")
    if not url:
        return f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa-tracker.db'}"
    return "postgresql+psycopg://" + url.split("://", 1)[1] if url.startswith("postgres") else url


def _rasa_origin() -> str:
    """The origin the chat widget posts to, when it is not the page's own (embedded topology)."""
    url = urlsplit(os.environ.get("RASA_URL", "http://localhost:5005"))
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else ""


def content_security_policy(rasa_origin: str) -> dict[str, str]:
    """Only our own scripts, styles and images (no inline code, nothing from other sites); the chat may
    also talk to Rasa's origin; no page may be framed."""
    return {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "connect-src": " ".join(["'self'", *([rasa_origin] if rasa_origin else [])]),
        "form-action": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    FORM_API_TOKEN = os.environ.get("FORM_API_TOKEN", "")
    STAFF_API_TOKEN = os.environ.get("STAFF_API_TOKEN", "")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000")
    RASA_URL = os.environ.get("RASA_URL", "http://localhost:5005")
    # The maintainer pages: Rasa's conversation store (read only), the domain with the intents, and the
    # NLU data that labelled examples are exported into.
    TRACKER_DATABASE_URL = tracker_database_url()
    DOMAIN_DIR = str(PROJECT_ROOT / "domain")
    NLU_DATA_DIR = str(PROJECT_ROOT / "data" / "nlu")
    # The latest evaluation report (`make evaluate`), the baseline it is compared with, and the catalogue
    # whose facts' freshness the maintainer pages show (`make check-facts`).
    EVALUATION_REPORT_DIR = os.environ.get("EVALUATION_REPORT_DIR", str(PROJECT_ROOT / "results" / "report"))
    EVALUATION_BASELINE = str(PROJECT_ROOT / "tests" / "nlu" / "baseline.json")
    CATALOGUE_DIR = str(PROJECT_ROOT / "programmes" / "catalogue")
    LANGUAGES = ("de", "en")
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    WTF_CSRF_TIME_LIMIT = None
    # The date availability is computed against; tests and demos may pin it.
    TODAY = os.environ.get("KIEZLOTSE_TODAY") or None
    # A draft with a matching result is the largest request (the result is capped at 200 kB); nginx
    # allows less from outside (ops/nginx/kiezlotse.conf).
    MAX_CONTENT_LENGTH = 1024 * 1024
    # Behind nginx (production topology): trust its X-Forwarded-For/-Proto/-Host, one proxy deep.
    BEHIND_PROXY = os.environ.get("BEHIND_PROXY", "0") == "1"
    CONTENT_SECURITY_POLICY = content_security_policy(_rasa_origin())
    # HSTS is sent on HTTPS requests only, and only in production.
    STRICT_TRANSPORT_SECURITY = False
    # Flask-Limiter (limits per endpoint in webform/ratelimits.py). Production keeps the counters in
    # Redis, shared by all gunicorn workers; if Redis is away, each worker counts in memory meanwhile.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = "kiezlotse"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Seconds a client is asked to wait when the database is unavailable (503 Retry-After).
    DATABASE_RETRY_AFTER = 30


class DevelopmentConfig(Config):
    """`make run` on a laptop: plain HTTP, so the session cookie may not require TLS."""

    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    FORM_API_TOKEN = "test-form-token"
    TRACKER_DATABASE_URL = ""  # tests that read conversations pass their own store
    STAFF_API_TOKEN = "test-staff-token"
    SESSION_COOKIE_SECURE = False
    # Tests that are about limits switch them on (tests/unit/test_rate_limits.py).
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"


class ProductionConfig(Config):
    STRICT_TRANSPORT_SECURITY = True


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_from_env() -> type[Config]:
    return CONFIGS[os.environ.get("KIEZLOTSE_ENV", "production")]

"""Configuration from the environment, one class per environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

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


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    FORM_API_TOKEN = os.environ.get("FORM_API_TOKEN", "")
    STAFF_API_TOKEN = os.environ.get("STAFF_API_TOKEN", "")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000")
    RASA_URL = os.environ.get("RASA_URL", "http://localhost:5005")
    LANGUAGES = ("de", "en")
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    WTF_CSRF_TIME_LIMIT = None
    # The date availability is computed against; tests and demos may pin it.
    TODAY = os.environ.get("KIEZLOTSE_TODAY") or None


class DevelopmentConfig(Config):
    """`make run` on a laptop: plain HTTP, so the session cookie may not require TLS."""

    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    FORM_API_TOKEN = "test-form-token"
    STAFF_API_TOKEN = "test-staff-token"
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    pass


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_from_env() -> type[Config]:
    return CONFIGS[os.environ.get("KIEZLOTSE_ENV", "production")]

"""Kiezlotse form service: drafts, applicant pages, staff review and the JSON API."""

from __future__ import annotations

from typing import Any

from flask import Flask

from webform.config import Config, config_from_env


def create_app(config: type[Config] | None = None, **overrides: Any) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config or config_from_env())
    app.config.update(overrides)
    if not app.config["SECRET_KEY"] and not app.testing:
        raise RuntimeError("SECRET_KEY is not set; `make run` writes one to var/secrets.env")

    from webform import cli, draft_labels, errors, headers, i18n, ratelimits
    from webform.api import bp as api_bp
    from webform.applicant import bp as applicant_bp
    from webform.extensions import babel, csrf, db, migrate
    from webform.finder import bp as finder_bp
    from webform.site import bp as site_bp
    from webform.staff import bp as staff_bp

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", _migrations_dir())))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    headers.register(app)

    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(site_bp)
    app.register_blueprint(finder_bp)
    app.register_blueprint(applicant_bp)
    app.register_blueprint(staff_bp)
    ratelimits.register(app)
    errors.register(app)
    i18n.register(app)
    draft_labels.register(app)
    cli.register(app)
    return app


def _migrations_dir() -> str:
    from pathlib import Path

    return str(Path(__file__).parent / "migrations")

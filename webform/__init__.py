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

    from webform import access_log, cli, draft_labels, errors, headers, i18n, ratelimits
    from webform.api import routes as api
    from webform.applicant import routes as applicant
    from webform.extensions import babel, csrf, db, migrate
    from webform.finder import routes as finder
    from webform.maintainers import routes as maintainers
    from webform.site import routes as site
    from webform.staff import routes as staff

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", _migrations_dir())))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    headers.register(app)

    # The API authenticates with bearer tokens, the applicant pages with the private link (see there).
    csrf.exempt(api.bp)
    csrf.exempt(applicant.bp)
    for pages in (api, site, finder, applicant, staff, maintainers):
        app.register_blueprint(pages.bp)
    ratelimits.register(app)
    errors.register(app)
    i18n.register(app)
    draft_labels.register(app)
    cli.register(app)
    access_log.mask_logger(app.logger)  # an error report never writes out a private link
    return app


def _migrations_dir() -> str:
    from pathlib import Path

    return str(Path(__file__).parent / "migrations")

"""Shared fixtures: the form service built by its factory with the test configuration.

tests/rasa runs in the Rasa environment, which has no Flask (and must never import webform): there the
form-service fixtures are simply not defined.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

if importlib.util.find_spec("flask") is not None:
    from flask import Flask
    from flask.testing import FlaskClient

    from webform import create_app
    from webform.config import TestConfig
    from webform.extensions import db

    @pytest.fixture
    def app() -> Iterator[Flask]:
        app = create_app(TestConfig, TODAY="2026-11-22")
        with app.app_context():
            db.create_all()
            yield app
            db.session.remove()
            db.drop_all()

    @pytest.fixture
    def client(app: Flask) -> FlaskClient:
        return app.test_client()

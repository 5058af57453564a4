"""Flask extensions, created here and bound to the app in `create_app`."""

from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from webform.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
# Flask-Limiter and Flask-Talisman keep settings per instance, so each app gets its own:
# webform/ratelimits.py and webform/headers.py.

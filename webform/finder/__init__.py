"""The programme finder: the matching engine as a plain HTML form, for people who prefer forms to chat.

routes.py holds the view, forms.py reads the answers. This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("finder", __name__, url_prefix="/finder")

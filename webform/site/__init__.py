"""Public pages of the website: the start page with the chat, and the privacy notice.

routes.py holds the views. This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("site", __name__)

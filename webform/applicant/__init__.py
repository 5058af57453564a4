"""Applicant pages: /d/<token> opens a draft from the chat to finish, check, submit, withdraw or delete.

routes.py holds the views, forms.py turns a draft into form text and a posted form back into answers.
This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("applicant", __name__, url_prefix="/d")

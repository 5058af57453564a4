"""Maintainer pages of the staff area: the inbox of misunderstood chat messages, groups of similar ones,
the review of a conversation, labelling, and the export of labelled examples.

routes.py holds the views, forms.py reads their filters and forms; what they show comes from
webform.inbox. This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("maintainers", __name__, url_prefix="/staff/maintain")

"""Maintainer pages of the staff area: the inbox of misunderstood chat messages, groups of similar ones,
the review of a conversation, labelling a message with its intent and entities, the export of labelled
examples, the latest evaluation report and the programme facts' freshness.

routes.py holds the views, forms.py reads their filters and forms; what they show comes from
webform.inbox (chat messages), evaluation.py (the report `make evaluate` wrote) and facts.py (what
`make check-facts` reports). This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("maintainers", __name__, url_prefix="/staff/maintain")

"""Staff pages of the district alliance offices: sign-in, drafts list, detail and review, callbacks,
dashboard, CSV export.

routes.py holds the views, auth.py the sign-in check beside them, forms.py reads their forms, charts.py and
csv_export.py build the dashboard and the export. This module only creates the blueprint.
"""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

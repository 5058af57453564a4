"""The start page with the chat, and the privacy notice."""

from flask import current_app, render_template

from webform.site import bp


@bp.get("/")
def index() -> str:
    return render_template("site/index.html", rasa_url=current_app.config["RASA_URL"])


@bp.get("/privacy")
def privacy() -> str:
    return render_template("site/privacy.html")

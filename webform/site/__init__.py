"""Public pages of the website: the start page with the chat, and the privacy notice."""

from flask import Blueprint, current_app, render_template

bp = Blueprint("site", __name__)


@bp.get("/")
def index() -> str:
    return render_template("site/index.html", rasa_url=current_app.config["RASA_URL"])


@bp.get("/privacy")
def privacy() -> str:
    return render_template("site/privacy.html")

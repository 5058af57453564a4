"""Flask commands of the form service: staff accounts, retention, translations.

    flask --app webform create-staff NAME [--role reviewer|maintainer]   (asks for the password)
    flask --app webform purge-expired --days 180
    flask --app webform export-nlu --lang de     (labelled inbox messages → data/nlu/de/inbox_labelled.yml)
    flask --app webform translate update|compile
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask

from webform import repository
from webform.inbox import nlu_export
from webform.models.staff import StaffRole

WEBFORM = Path(__file__).resolve().parent
MIN_PASSWORD_LENGTH = 12


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run([str(pybabel), *args], cwd=WEBFORM.parent, check=True)


def register(app: Flask) -> None:
    @app.cli.command("create-staff")
    @click.argument("username")
    @click.password_option(help="At least 12 characters; asked for when not given.")
    @click.option("--role", type=click.Choice([r.value for r in StaffRole]), default=None,
                  help="reviewer (drafts and callbacks) or maintainer (also the inbox of misunderstood "
                       "messages); new accounts are reviewers, existing ones keep their role if not given.")
    def create_staff(username: str, password: str, role: str | None) -> None:
        """Create a staff account, or set a new password (and role) for an existing one."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise click.BadParameter(f"use at least {MIN_PASSWORD_LENGTH} characters", param_hint="password")
        if not 1 <= len(username) <= 80:
            raise click.BadParameter("use 1 to 80 characters", param_hint="username")
        user = repository.create_staff(username, password, StaffRole(role) if role else None)
        click.echo(f"staff account '{username}' ({user.role}) is ready; sign in at /staff/login")

    @app.cli.command("purge-expired")
    @click.option("--days", type=click.IntRange(min=1), required=True,
                  help="Delete drafts and callback requests without any change for this many days.")
    def purge_expired(days: int) -> None:
        """Delete inactive drafts (with their history) and old callback requests."""
        drafts, callbacks = repository.purge_inactive(days)
        click.echo(f"deleted {drafts} drafts and {callbacks} callback requests inactive for {days} days")

    @app.cli.command("export-nlu")
    @click.option("--lang", "language", type=click.Choice(["de", "en"]), required=True)
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Where to write; data/nlu/<lang>/inbox_labelled.yml if not given.")
    def export_nlu(language: str, out: Path | None) -> None:
        """Write the inbox messages labelled with an intent as Rasa NLU training data, without examples
        the NLU data already has; then `make validate` and `make train`."""
        nlu_dir = Path(app.config["NLU_DATA_DIR"])
        labelled = [nlu_export.Labelled(text, intent, entities)
                    for text, intent, entities in repository.labelled_examples(language)]
        made = nlu_export.export_for(nlu_dir, language, labelled)
        target = out or nlu_dir / language / nlu_export.EXPORT_FILE
        target.write_text(made.yaml, encoding="utf-8")
        click.echo(f"wrote {made.examples} examples to {target} "
                   f"({made.already_known} already in the NLU data)")
        for text in made.conflicts:
            click.echo(f"left out, labelled with different intents: {text}")
        for text in made.unwritable:
            click.echo(f"left out, its entities cannot be written as annotations: {text}")

    @app.cli.group("translate")
    def translate() -> None:
        """Extract, update and compile the German and English web texts."""

    @translate.command("update")
    def update() -> None:
        """Extract the texts into messages.pot and merge them into the catalogues."""
        pot = "webform/translations/messages.pot"
        _pybabel("extract", "-F", "webform/babel.cfg", "-k", "_l", "--no-location", "--omit-header",
                 "-o", pot, ".")
        _pybabel("update", "-i", pot, "-d", "webform/translations")

    @translate.command("compile")
    def compile_catalogues() -> None:
        """Compile the catalogues (.po → .mo); setup runs this."""
        _pybabel("compile", "-d", "webform/translations")

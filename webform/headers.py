"""Security headers (Flask-Talisman) and, behind nginx, the client's address and scheme (ProxyFix)."""

from __future__ import annotations

from flask import Flask, Response
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix


class _Talisman(Talisman):
    def _set_referrer_policy_headers(self, headers):  # type: ignore[no-untyped-def]
        # A blueprint's own, stricter policy stays: applicant pages send no referrer, their address is
        # the private link.
        headers.setdefault("Referrer-Policy", self.referrer_policy)


def register(app: Flask) -> None:
    """Content-Security-Policy without inline code (config CONTENT_SECURITY_POLICY), no framing,
    X-Content-Type-Options, a same-origin referrer policy, and HSTS on HTTPS requests in production."""
    if app.config["BEHIND_PROXY"]:
        # nginx is the one proxy in front: trust its X-Forwarded-For, -Proto and -Host, no deeper.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    _Talisman(
        app,
        # TLS ends in front of nginx, and that is where plain HTTP is redirected.
        force_https=False,
        strict_transport_security=app.config["STRICT_TRANSPORT_SECURITY"],
        content_security_policy=app.config["CONTENT_SECURITY_POLICY"],
        frame_options="DENY",
        # Referrers stay on this site (CSRF protection over HTTPS checks the referrer of every form).
        referrer_policy="same-origin",
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
    )


def no_store(response: Response) -> Response:
    """For pages with personal data (staff and maintainer pages): browsers and proxies keep no copy, and
    no address of them leaves the site."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response

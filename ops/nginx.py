"""The nginx configuration of the production topology, written from ops/nginx/kiezlotse.conf."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from ops.topology import ROOT, Ports, StackError

TEMPLATE = ROOT / "ops" / "nginx" / "kiezlotse.conf"
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def settings_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """What an operator may change: PUBLIC_HOST (0.0.0.0), CHAT_RATE_LIMIT (messages per second per
    client address, 10) and CHAT_BURST (40), MAX_BODY_SIZE (256k) and CHAT_MAX_BODY_SIZE (128k: a
    message of 10,000 characters of any kind, even JSON-escaped)."""
    env = os.environ if environ is None else environ
    values = {
        "public_host": env.get("PUBLIC_HOST", "0.0.0.0"),
        "chat_rate": env.get("CHAT_RATE_LIMIT", "10"),
        "chat_burst": env.get("CHAT_BURST", "40"),
        "body_limit": env.get("MAX_BODY_SIZE", "256k"),
        "chat_body_limit": env.get("CHAT_MAX_BODY_SIZE", "128k"),
    }
    for name in ("chat_rate", "chat_burst"):
        if not values[name].isdigit() or int(values[name]) < 1:
            raise StackError(f"{name.upper()}={values[name]!r} must be a whole number of at least 1")
    for name in ("body_limit", "chat_body_limit"):
        if not re.fullmatch(r"[0-9]+[km]?", values[name]):
            raise StackError(f"{name}={values[name]!r}: use a size like 64k or 1m")
    return values


def render(ports: Ports, var_dir: Path, settings: dict[str, str]) -> str:
    """The configuration text, with every {{ name }} of the template filled in."""
    if ports.public is None or ports.action_proxy is None:
        raise ValueError("nginx runs only in the production topology")
    values = {
        **settings,
        "var": str(var_dir / "nginx"),
        "log": str(var_dir / "log"),
        "static_dir": str(ROOT / "webform" / "static"),
        "errors_dir": str(ROOT / "ops" / "nginx" / "errors"),
        "public_port": str(ports.public),
        "action_proxy_port": str(ports.action_proxy),
        "webform_port": str(ports.webform),
        "rasa_servers": _servers(ports.rasa),
        "action_servers": _servers(ports.actions),
        "rasa_tries": str(len(ports.rasa)),
        "action_tries": str(len(ports.actions)),
    }

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\{\{ (\w+) \}\}", fill, TEMPLATE.read_text())


def _servers(ports: tuple[int, ...]) -> str:
    # A server that failed is left out for 2 s (the others take its requests), then tried again: a restarted
    # server is back in use within seconds.
    return "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in ports)


def write(ports: Ports, var_dir: Path, environ: Mapping[str, str] | None = None) -> Path:
    """Writes var/nginx/nginx.conf (and nginx's temporary directories) and returns its path."""
    home = var_dir / "nginx"
    for name in TEMP_DIRS:
        (home / name).mkdir(parents=True, exist_ok=True)

    conf = home / "nginx.conf"
    conf.touch(mode=0o600)
    conf.write_text(render(ports, var_dir, settings_from_env(environ)))
    return conf

"""Logs without private links: gunicorn's access and error log, and the app's own log, mask every
/d/<token> path (programmes.private_links), in every mode. `make run` uses the logger class:

    gunicorn --logger-class webform.access_log.MaskedLogger ...
"""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.glogging import Logger

from programmes.private_links import mask_private_links


class MaskPrivateLinks(logging.Filter):
    """Rewrites a record's message with its private links masked, before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_private_links(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:  # tracebacks may quote a request's path
            record.exc_text = mask_private_links(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask_private_links(record.exc_text)
        return True


def mask_logger(logger: logging.Logger) -> None:
    if not any(isinstance(f, MaskPrivateLinks) for f in logger.filters):
        logger.addFilter(MaskPrivateLinks())


class MaskedLogger(Logger):
    """Gunicorn's logger with every value of an access-log line and every error-log message masked."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        mask_logger(self.error_log)
        mask_logger(self.access_log)

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask_private_links(value) if isinstance(value, str) else value
                for key, value in atoms.items()}

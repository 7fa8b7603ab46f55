"""gunicorn's access log without secrets: a share link's token is the key to a patient's
report, so it is cut from the request line, the path, the query and the referrer before
the line is written (config/gunicorn.py names this class)."""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

SHARE_TOKEN = re.compile(r"(/share/)[^/?#\s\"]+")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return SHARE_TOKEN.sub(REDACTED, text)


class RedactingLogger(Logger):  # type: ignore[misc]
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }


class RedactShareTokens(logging.Filter):
    """The same cut for Django's own log lines ("Not Found: /share/…", runserver's
    request lines), which name the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True

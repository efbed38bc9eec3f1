"""Log lines: one line per event, human-readable by default, JSON for log collectors.

`CLUSTERFEEDS_LOG_FORMAT=json` writes one JSON object per line with `time`, `level`,
`logger` and `message`, plus every leading `key=value` of the message as its own field
(the runner writes `run=<id> source=<id> …`, so a collect run can be followed by its id).
A traceback stays inside the one line, in `exception`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_LEADING_FIELD = re.compile(r"([a-z_]+)=(\S+)\s*")
_RESERVED = {"time", "level", "logger", "message", "exception"}


class JSONFormatter(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
        }
        line.update(leading_fields(message))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class OneLineFormatter(logging.Formatter):
    """The human format, with tracebacks folded into the same line (one line per event)."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")


def leading_fields(message: str) -> dict[str, str]:
    """The `key=value` pairs a message starts with: "run=ab12 source=eccp ok" -> run, source."""
    fields: dict[str, str] = {}
    position = 0
    while match := _LEADING_FIELD.match(message, position):
        if match.group(1) not in _RESERVED:
            fields[match.group(1)] = match.group(2)
        position = match.end()
    return fields


def configure_logging(level: str, log_format: str) -> None:
    """Send every log record to stderr, one line each, in `log_format` ("text" or "json")."""
    if log_format not in FORMATS:
        raise ValueError(f"log format {log_format!r} is not one of {', '.join(FORMATS)}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if log_format == "json" else OneLineFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # APScheduler logs two lines per job run at INFO (every heartbeat), Alembic two lines per command
    # even when there is nothing to migrate, httpx a line per request (the runner logs each source's
    # outcome): only their problems unless debugging.
    for noisy in ("apscheduler", "alembic", "httpx"):
        logging.getLogger(noisy).setLevel(logging.NOTSET if root.level <= logging.DEBUG else
                                          max(root.level, logging.WARNING))

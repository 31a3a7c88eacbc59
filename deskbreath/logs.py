"""Logging: a rotated file in the user's log directory, optionally mirrored to stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 512 * 1024
BACKUPS = 3


def setup_logging(log_file: Path, *, verbose: bool) -> list[str]:
    """Send log records to ``log_file`` (rotated) and, with ``verbose``, to stderr.

    Returns problems met (e.g. an unwritable log directory); logging then goes to stderr only,
    so the app still runs.
    """
    problems: list[str] = []
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    formatter = logging.Formatter(FORMAT)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        problems.append(f"cannot write the log file {log_file}: {error.strerror or error}; "
                        "logging to the terminal instead")
        verbose = True
    else:
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        root.addHandler(stream)
    # APScheduler logs every job run at INFO; deskbreath logs the decisions itself.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    for problem in problems:
        logging.getLogger(__name__).warning(problem)
    return problems

"""Deadlines for network calls: a whole call (every read, every retry, every wait) ends by a set time.

HTTP clients time each read; a server that sends one byte a second never trips that. `run` gives a call
its own daemon thread and stops waiting at the deadline, calling `cancel` (close the client: its socket
goes, so the thread ends soon after). `Deadline` tells a retry loop how long it may still wait.

A reply's size has a limit too (`default_max_reply_mb`; enforced by assistant/replies.py on decoded bytes).
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MAX_RETRY_AFTER_S = 30.0  # a server's `retry-after` is obeyed up to this, and never past the deadline
ENV_MAX_REPLY_MB = "SHIPCARD_MAX_REPLY_MB"
DEFAULT_MAX_REPLY_MB = 8.0  # a chat completion or a Messages reply is a few KB: megabytes are already absurd


def default_max_reply_mb() -> float:
    """$SHIPCARD_MAX_REPLY_MB when it is a number in (0, 1024], else 8."""
    try:
        value = float(os.environ.get(ENV_MAX_REPLY_MB, ""))
    except ValueError:
        return DEFAULT_MAX_REPLY_MB
    return value if 0 < value <= 1024 else DEFAULT_MAX_REPLY_MB


class DeadlineExceeded(TimeoutError):
    """The whole call took longer than its deadline."""


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return self.left() <= 0

    def run(self, call: Callable[[], T], cancel: Callable[[], object] | None = None) -> T:
        """`call()` in a worker thread, or DeadlineExceeded once the deadline passes (after `cancel()`)."""
        box: dict[str, object] = {}

        def work() -> None:
            try:
                box["value"] = call()
            except BaseException as exc:
                box["error"] = exc

        worker = threading.Thread(target=work, name="shipcard-deadline", daemon=True)
        worker.start()
        worker.join(self.left())
        if worker.is_alive():
            if cancel is not None:
                with contextlib.suppress(Exception):  # cancelling is best effort; the deadline stands
                    cancel()
            raise DeadlineExceeded(f"no answer within {self.seconds:g} s")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]


def retry_wait(retry_after: str | None, attempt: int) -> float:
    """Seconds to wait before retry `attempt` (1, 2, ...): the server's `retry-after` (capped), else 1, 2, 4 s."""
    try:
        asked = float(retry_after) if retry_after is not None else None
    except ValueError:
        asked = None
    if asked is not None and math.isfinite(asked) and asked >= 0:
        return min(asked, MAX_RETRY_AFTER_S)
    return min(2.0 ** (attempt - 1), 8.0)

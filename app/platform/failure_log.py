"""A background loop's failures as an operator wants to read them.

A loop that retries every fraction of a second (the audit sealer, the webhook worker)
would otherwise log the same error at that rate for as long as the database is down:
thousands of lines that bury everything else. Instead: the whole error once, when the
failures start; then a reminder at most every `every` seconds while they last, with
their count; then one line when the loop works again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from app.platform.database_errors import is_database_unavailable

REMINDER_SECONDS = 60.0


class RepeatedFailureLog:
    def __init__(
        self,
        logger: logging.Logger,
        what: str,
        *,
        every: float = REMINDER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.what = what
        self.every = every
        self.clock = clock
        self.failures = 0
        self.since: float | None = None
        self.last_logged = 0.0

    @property
    def failing(self) -> bool:
        return self.since is not None

    def failed(self, error: BaseException) -> None:
        now = self.clock()
        self.failures += 1
        if self.since is None:
            self.since = self.last_logged = now
            reason = "the database is unavailable" if is_database_unavailable(error) else "error"
            # The whole error (its types and frames: the handler scrubs the messages).
            self.logger.error(
                "%s failed (%s); retrying, and logging again at most every %d s",
                self.what,
                reason,
                self.every,
                exc_info=error,
            )
            return
        if now - self.last_logged >= self.every:
            self.last_logged = now
            self.logger.warning(
                "%s still failing: %d failures in %d s, the last %s",
                self.what,
                self.failures,
                now - self.since,
                type(error).__name__,
            )

    def succeeded(self) -> None:
        if self.since is None:
            return
        self.logger.warning(
            "%s works again after %d failures in %.1f s",
            self.what,
            self.failures,
            self.clock() - self.since,
        )
        self.failures = 0
        self.since = None

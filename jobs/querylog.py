"""Counting the SQL statements a piece of work sends, from Tortoise's own debug log.

Tortoise's clients log every statement they execute at DEBUG on `tortoise.db_client`; counting
those records counts queries without wrapping any code. Raw statements run on a connection taken
with `acquire_connection()` (the advisory locks) are not logged, so not counted.
"""

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

_LOGGER = logging.getLogger("tortoise.db_client")
_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE")


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "%s: %s" and record.args:  # a statement and its values
            statement = str(record.args[0])
        elif not record.args:  # a script
            statement = str(record.msg)
        else:  # "Created connection pool ..." and such
            return
        statement = statement.lstrip().upper()
        verb = next((v for v in _VERBS if statement.startswith(v)), "OTHER")
        self.counts[verb] += 1


@contextmanager
def count_queries() -> Iterator[Counter[str]]:
    """Counts statements by verb (SELECT, INSERT, UPDATE, DELETE, OTHER) while in the block.

    Only the statements of this process; the records go to the counter and nowhere else.
    """
    counter = _Counter()
    with listening(counter):
        yield counter.counts


@contextmanager
def listening(handler: logging.Handler) -> Iterator[None]:
    """`handler` gets the records of every statement sent while in the block, and nothing else
    does (they are for counting or recording, not for the application's log)."""
    level, propagate = _LOGGER.level, _LOGGER.propagate
    _LOGGER.addHandler(handler)
    _LOGGER.setLevel(logging.DEBUG)
    _LOGGER.propagate = False
    try:
        yield
    finally:
        _LOGGER.removeHandler(handler)
        _LOGGER.setLevel(level)
        _LOGGER.propagate = propagate

"""User-written regular expressions (toolkit.toml, sidecars): compiled
on the `regex` engine and run with a time limit per line."""

from __future__ import annotations

import contextlib
import time
from contextvars import ContextVar

from toolkit.errors import ConfigError, SettingsError

#: How long a user's pattern may take on one line (``(a+)+$`` takes seconds
#: on 30 characters, doubling with each more).
PATTERN_TIMEOUT = 0.25


class PatternTimeout(Exception):
    """A user's pattern took longer than :data:`PATTERN_TIMEOUT` on a line."""

    def __init__(self, pattern: str, article: bool = False):
        super().__init__(pattern)
        self.pattern = pattern
        #: the article's budget ran out, rather than one line's limit
        self.article = article


def user_pattern(pattern: str):
    """A pattern a user wrote (toolkit.toml's ``boilerplate``, a sidecar's
    ``drop``), compiled by the ``regex`` engine, which can stop a match."""
    # lazy: regex (≈11 ms): only when a project has patterns of its own
    import regex

    return regex.compile(pattern, flags=regex.VERSION0)


#: How long all of a user's patterns may take on one article, together:
#: each line's limit alone lets a thousand slow lines run for minutes.
ARTICLE_BUDGET = 5.0
#: What is left of the budget of the article being read (None: no article).
_LEFT: ContextVar[list[float] | None] = ContextVar("toolkit_pattern_budget", default=None)


@contextlib.contextmanager
def article_budget(seconds: float | None = None):
    """Within the block, user patterns share ``seconds`` (one article's read;
    default :data:`ARTICLE_BUDGET`)."""
    token = _LEFT.set([ARTICLE_BUDGET if seconds is None else seconds])
    try:
        yield
    finally:
        _LEFT.reset(token)


def fullmatch(compiled, text: str) -> bool:
    """Whether a user's pattern matches all of ``text``, within the time
    limit of a line and what is left of the article's budget."""
    left = _LEFT.get()
    timeout = PATTERN_TIMEOUT if left is None else min(PATTERN_TIMEOUT, left[0])
    if timeout <= 0:
        raise PatternTimeout(compiled.pattern, article=True)
    started = time.monotonic()
    try:
        return compiled.fullmatch(text, timeout=timeout) is not None
    except TimeoutError:
        raise PatternTimeout(compiled.pattern, article=timeout < PATTERN_TIMEOUT) from None
    finally:
        if left is not None:
            left[0] -= time.monotonic() - started


def pattern_too_slow(slow: PatternTimeout, path: str, line: int) -> ConfigError:
    if slow.article:
        return SettingsError(f"boilerplate pattern {slow.pattern!r} (toolkit.toml): the "
                             f"project's patterns took over {ARTICLE_BUDGET:g} s on this "
                             "article: simplify them", path, line)
    return SettingsError(f"boilerplate pattern {slow.pattern!r} (toolkit.toml) takes over "
                       f"{PATTERN_TIMEOUT} s on this line: simplify it", path, line)


def pattern_problem(pattern) -> str:
    """What is wrong with a user's pattern, or ''. (They run on the ``regex``
    engine, with a time limit: see :func:`toolkit.patterns.user_pattern`.)"""

    if not isinstance(pattern, str):
        return "must be a string"
    try:
        user_pattern(pattern)
    except Exception as exc:  # regex.error
        return str(exc)
    return ""

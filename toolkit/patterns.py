"""User-written regular expressions (toolkit.toml, sidecars): compiled
on the `regex` engine and run with a time limit per line."""

from __future__ import annotations

import regex

from toolkit.errors import ConfigError, SettingsError

#: How long a user's pattern may take on one line (``(a+)+$`` takes seconds
#: on 30 characters, doubling with each more).
PATTERN_TIMEOUT = 0.25


class PatternTimeout(Exception):
    """A user's pattern took longer than :data:`PATTERN_TIMEOUT` on a line."""

    def __init__(self, pattern: str):
        super().__init__(pattern)
        self.pattern = pattern


def user_pattern(pattern: str):
    """A pattern a user wrote (toolkit.toml's ``boilerplate``, a sidecar's
    ``drop``), compiled by the ``regex`` engine, which can stop a match."""
    return regex.compile(pattern, flags=regex.VERSION0)


def fullmatch(compiled, text: str) -> bool:
    """Whether a user's pattern matches all of ``text``, within the time limit."""
    try:
        return compiled.fullmatch(text, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def pattern_too_slow(slow: PatternTimeout, path: str, line: int) -> ConfigError:
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

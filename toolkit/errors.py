"""The toolkit's own errors: each carries the place it is about.

Library code raises these; only the CLI prints them, as one line
``path:line: category: message`` (the form compilers use), and exits with
:attr:`ToolkitError.exit_status`. Any other exception is a bug and keeps its
traceback.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Bad input or environment: exit status 2."""

    category = "error"
    exit_status = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self):
        # Pickled across processes (a layout worker's error) with its place.
        return type(self), (self.message, self.path, self.line)

    def __str__(self) -> str:
        place = ""
        if self.path:
            place = str(self.path)
            if self.line is not None:
                place += f":{self.line}"
            place += ": "
        # one line, whatever a library's message held (lxml's carry a newline)
        message = " ".join(part.strip() for part in str(self.message).splitlines() if part.strip())
        return f"{place}{self.category}: {message}"


def one_line(error: BaseException) -> str:
    """An unexpected error (not a :class:`ToolkitError`) as the one line a
    report gives it: its type and the first line of what it says."""
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class SourceError(ToolkitError):
    """A source article cannot be read."""

    category = "source"


class ConfigError(ToolkitError):
    """``toolkit.toml`` or an article's metadata is wrong."""

    category = "config"


class SettingsError(ConfigError):
    """The project's own settings are wrong (not one article's files): no
    article can be built."""


class CatalogError(ToolkitError):
    """A message catalog cannot be read or written."""

    category = "catalog"


class ChangedOnDisk(CatalogError):
    """A file changed between reading it and writing it back."""


class OutputError(ToolkitError):
    """A file cannot be written (a full disk, a read-only folder): the
    message names the file meant, never the temporary one beside it."""

    category = "io"


class EnvironmentProblem(ToolkitError):
    """Something the system must provide is missing (a library, a font)."""

    category = "environment"

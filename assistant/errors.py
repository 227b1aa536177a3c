"""Errors written for the people who meet them.

Every error the library raises on purpose is an :class:`AssistantError`; its message says what went
wrong and, where possible, what to run. The CLI turns it into one ``Error: ...`` line and a non-zero
exit; the chat turns it into a plain French message (``french``).
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: ``str(err)`` is for the CLI (English), ``err.french`` for the chat."""

    exit_code = 1

    def __init__(self, message: str, french: str | None = None) -> None:
        super().__init__(message)
        self.french = french or message


class UsageError(AssistantError):
    """Bad input from the user: an empty question, an unknown territory code..."""

    exit_code = 2


class DocumentError(AssistantError):
    """One corpus document or record is invalid; the others still index."""

    def __init__(self, origin: str, line: int | None, field: str | None, problem: str) -> None:
        where = origin + (f":{line}" if line else "")
        what = f"field '{field}': " if field else ""
        super().__init__(f"{where}: {what}{problem}")
        self.origin, self.line, self.field, self.problem = origin, line, field, problem


class CorpusError(AssistantError):
    """The corpus or records file as a whole cannot be read."""


class IndexMissingError(AssistantError):
    def __init__(self, index_dir: str) -> None:
        super().__init__(
            f"No index in {index_dir}. Build it with: assistant index --index-dir {index_dir}",
            f"L'index de recherche est absent ({index_dir}). Un mainteneur doit lancer "
            f"« assistant index --index-dir {index_dir} ».",
        )


class IndexMismatchError(AssistantError):
    """The index was built with another model or other chunk settings."""


class IndexCorruptedError(AssistantError):
    """A file of the index is missing or unreadable."""


class ModelError(AssistantError):
    """The embedding model cannot be loaded or converted."""

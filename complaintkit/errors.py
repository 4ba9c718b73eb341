"""All exceptions raised by complaintkit, in one place.

Each subclasses ``ValueError`` or ``TypeError`` so that callers who already catch
those keep working, and each message names the argument, what was given and what
is allowed.
"""

from __future__ import annotations


class ComplaintkitError(Exception):
    """Base class of every complaintkit error."""


class TextTypeError(ComplaintkitError, TypeError):
    """A value that should be a text (or missing) is of another type."""

    def __init__(self, position: object, value: object) -> None:
        self.position = position
        self.value_type = type(value).__name__
        super().__init__(
            f"texts[{position!r}] is of type {self.value_type}; expected str "
            "(None, NaN and empty strings are allowed and labelled 'other')"
        )


class ModelLoadError(ComplaintkitError, ValueError):
    """A model file is missing, unreadable, untrusted or of an incompatible version."""


class UntrustedModelError(ModelLoadError):
    """Refusal to unpickle a model file that the user did not mark as trusted."""


class NotFittedError(ComplaintkitError, ValueError):
    """A classifier was used before ``fit``."""


class InputFileError(ComplaintkitError, ValueError):
    """An input export cannot be read: missing, empty, binary or badly encoded."""


class TextColumnError(ComplaintkitError, ValueError):
    """No text column could be found, or the requested one does not exist."""

    def __init__(self, requested: str | None, columns: list[str]) -> None:
        self.requested = requested
        self.columns = list(columns)
        shown = ", ".join(repr(c) for c in self.columns) or "(none)"
        if requested is None:
            msg = (
                f"no text column found; the file has columns: {shown}. "
                "Name it with --text-column (or text_column=...)"
            )
        else:
            msg = f"text_column={requested!r} is not in the file; its columns are: {shown}"
        super().__init__(msg)


class LabelError(ComplaintkitError, ValueError):
    """Training or evaluation data holds a label outside ``LABELS``."""


class MissingExtraError(ComplaintkitError, ImportError):
    """A feature needs an optional extra (e.g. ``complaintkit[dask]``) that is not installed."""

"""What can go wrong with a path given to `briefs add`: one-line messages for the user."""

from __future__ import annotations


class IngestError(Exception):
    """A path that cannot be added; the message is one line for the user. Nothing was written."""


class NotACapture(IngestError):
    """The bytes are not text (an image, a PDF, random data)."""


class EmptyCapture(IngestError):
    """The file holds no article text (empty, or nothing left once the furniture is gone)."""


class UnreadableDocument(IngestError):
    """A PDF or Word file whose text cannot be had: a scan, an encrypted or a damaged file.

    `briefs add` skips it with this one-line reason; the other files go on.
    """

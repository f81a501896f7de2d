"""Uploaded files are counted while they stream in: past ``IMMERSE_MAX_UPLOAD_BYTES`` the
rest of the file is skipped (read and dropped, never kept in memory or on disk), and the
request remembers its name so the form can say which limit it passed.

Checking the size once the file is whole had already spent it: a 400 MB upload was read
into memory before being refused (+390 MB).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

_REFUSED = "_immerse_uploads_too_large"


class UploadLimitHandler(FileUploadHandler):
    """First of the upload handlers: passes chunks on until the file is over the limit."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.IMMERSE_MAX_UPLOAD_BYTES:
            refused = getattr(self.request, _REFUSED, [])
            setattr(self.request, _REFUSED, [*refused, self.file_name or "upload"])
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file


def uploads_too_large(request: HttpRequest) -> list[str]:
    """Names of the files this request sent over the limit (skipped while streaming)."""
    request.FILES  # noqa: B018 -- reading the upload is what counts it
    return list(getattr(request, _REFUSED, []))

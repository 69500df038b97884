"""Uploaded files: recognised by their content, never by their name, and limited in size."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Files accepted as attachments, recognised by their first bytes.
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the original name, without any folder
    content_type: str
    size: int


def _sniff(head: bytes, upload: Any) -> str:
    for signature, content_type, _suffix in SIGNATURES:
        if head.startswith(signature):
            if content_type.endswith("document"):
                # A DOCX is a ZIP holding word/document.xml; any other ZIP is refused.
                upload.seek(0)
                try:
                    with zipfile.ZipFile(upload) as archive:
                        if "word/document.xml" not in archive.namelist():
                            break
                except zipfile.BadZipFile:
                    break
            return content_type
    raise ValidationError({"file": _("Only PDF, DOCX, PNG and JPEG files are accepted.")})


def upload_check(upload: Any) -> CheckedUpload:
    """Refuse a file that is too large or not a PDF, DOCX, PNG or JPEG by its content."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    upload.seek(0)
    content_type = _sniff(upload.read(8), upload)
    upload.seek(0)
    name = (upload.name or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    return CheckedUpload(name=name, content_type=content_type, size=upload.size)


class StoredFile(models.Model):
    """A file someone attached, stored under a random name (`token`); its original name is
    kept for the download and never used on disk. Subclasses add `file` and their owner."""

    token = models.CharField(max_length=40, unique=True)
    original_name = models.CharField(gettext_lazy("file name"), max_length=200)
    content_type = models.CharField(gettext_lazy("type"), max_length=100)
    size_bytes = models.PositiveIntegerField(gettext_lazy("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    file: models.FileField

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]
        verbose_name = gettext_lazy("attachment")
        verbose_name_plural = gettext_lazy("attachments")

    def __str__(self) -> str:
        return self.original_name


def stored_file_response(stored: StoredFile) -> FileResponse:
    """The file as a download that no browser will run or sniff into another type."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

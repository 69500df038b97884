"""The whole database as one file, and back: `sinergia export --all` writes a zip with every
row of Sinergia's own tables (people, roles, tokens, audit trail and versions included) and
the uploaded files; `sinergia restore` loads it into an empty database in one transaction.
Exporting again after a restore gives the same file."""

from __future__ import annotations

import datetime
import decimal
import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.db import transaction

from sinergia.data_version import data_version_bump

# What the backup holds: Sinergia's apps, the accounts, and the two-factor devices. Sessions,
# login-attempt logs and content types are rebuilt, not restored.
APPS = [
    "auth",
    "otp_totp",
    "accounts",
    "registry",
    "vocabulary",
    "practices",
    "statistics",
    "dialogue",
    "notifications",
]
FORMAT_VERSION = 1
# Derived tables, rebuilt after a restore (by migrate and the indexer) rather than copied.
DERIVED = {"auth.permission"}


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__}")


def _models() -> list[Any]:
    models = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            if model._meta.label_lower in DERIVED:
                continue
            models.append(model)
    return models


def _media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def export_all() -> bytes:
    """Every row, ordered by model and primary key, and every uploaded file, as a zip whose
    bytes depend only on the data (fixed timestamps inside the archive)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        entries: list[dict[str, Any]] = []
        manifest: dict[str, Any] = {"format": FORMAT_VERSION, "models": entries}
        for model in _models():
            rows = model._default_manager.order_by("pk")
            # Django's JSON encoder keeps milliseconds only; this keeps every microsecond, so
            # that a restored database exports the very same bytes.
            text = json.dumps(
                serializers.serialize("python", rows), default=_encode, ensure_ascii=False
            )
            name = f"data/{model._meta.label_lower}.json"
            write(name, text.encode("utf-8"))
            entries.append({"model": model._meta.label_lower, "rows": rows.count()})
        files = _media_files()
        for relative in files:
            write(f"media/{relative}", (Path(settings.MEDIA_ROOT) / relative).read_bytes())
        manifest["media"] = files
        write("manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
    return buffer.getvalue()


class RestoreError(Exception):
    pass


def restore_all(content: bytes) -> dict[str, int]:
    """Load a backup into an empty database (after `migrate`), all or nothing."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RestoreError(f"not a Sinergia backup: {error}") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise RestoreError(f"backup format {manifest.get('format')} is not {FORMAT_VERSION}")
    labels = [entry["model"] for entry in manifest["models"]]
    occupied = [label for label in labels if apps.get_model(label)._default_manager.exists()]
    if occupied:
        raise RestoreError(
            f"the database is not empty ({', '.join(occupied[:5])}): nothing was restored"
        )
    counts = {}
    with transaction.atomic():
        for label in labels:
            text = archive.read(f"data/{label}.json").decode("utf-8")
            objects = list(serializers.deserialize("python", json.loads(text)))
            for obj in objects:
                obj.save()
            counts[label] = len(objects)
        for relative in manifest.get("media", []):
            with archive.open(f"media/{relative}") as handle:
                default_storage.save(relative, handle)
        # Every row is new to the processes that served the empty database: a new version,
        # so that none of them keeps what it cached before.
        data_version_bump()
    _reset_sequences(labels)
    from sinergia.practices.search import rebuild_index

    rebuild_index()  # the full-text tables are derived, not backed up
    return counts


def _reset_sequences(labels: list[str]) -> None:
    """After rows are loaded with their own keys, PostgreSQL's sequences must move past them."""
    from django.core.management.color import no_style
    from django.db import connection

    models = [apps.get_model(label) for label in labels]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

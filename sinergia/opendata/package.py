"""The complete open-data package: a Frictionless Data Package (datapackage.json and one CSV
per resource, zipped) with the registry, memberships, vocabulary, published practices,
dialogue sessions and statistics, each with its sources and licence.

Only what the public may see goes in, by the same rules as the pages
(`sinergia.practices.permissions`, `sinergia.dialogue.permissions`, for `ANONYMOUS`).

The resources come from one module per domain (`registry_resources`, `vocabulary_resources`,
`content_resources`, `statistics_resources`); `resources` holds the format.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from sinergia.data_version import data_version
from sinergia.opendata.content_resources import (
    contributions_resource,
    practices_resource,
    sessions_resource,
)
from sinergia.opendata.registry_resources import (
    countries_resource,
    mechanisms_resource,
    meetings_resource,
    memberships_resource,
    sources_resource,
)
from sinergia.opendata.resources import REGISTRY_LICENCE, Resource, resource_csv
from sinergia.opendata.statistics_resources import statistics_resources
from sinergia.opendata.vocabulary_resources import (
    crosswalks_resource,
    framework_items_resource,
    themes_resource,
)


def resources() -> list[Resource]:
    return [
        countries_resource(),
        mechanisms_resource(),
        memberships_resource(),
        meetings_resource(),
        sources_resource(),
        themes_resource(),
        framework_items_resource(),
        crosswalks_resource(),
        practices_resource(),
        sessions_resource(),
        contributions_resource(),
        *statistics_resources(),
    ]


def datapackage_zip() -> bytes:
    """The whole package as a zip: datapackage.json and data/<resource>.csv."""
    buffer = io.BytesIO()
    items = resources()
    descriptor = {
        "profile": "tabular-data-package",
        "name": "sinergia",
        "title": "Sinergia: migration governance in the Americas",
        "description": (
            "The registry of mechanisms and memberships, the thematic vocabulary and its "
            "crosswalks, the published good practices, the annual dialogue and the migration "
            "statistics, each fact with its source."
        ),
        "homepage": settings.SINERGIA_URI_BASE,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [REGISTRY_LICENCE],
        "resources": [resource.descriptor() for resource in items],
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=1))
        for resource in items:
            archive.writestr(f"data/{resource.name}.csv", resource_csv(resource))
    return buffer.getvalue()


def _version() -> str:
    """Changes with every public write (each moves its domain's version), a statistics
    import among them: the token, not the time, which a long write may leave as it was
    (`sinergia.dialogue.report.store.report_version`)."""
    return f"{data_version().token:x}"


def datapackage_file() -> Path:
    """The package for the data as it is now, built once per change and kept in VAR_DIR."""
    folder = Path(settings.VAR_DIR) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"datapackage-{_version()}.zip"
    if not path.exists():
        # A temporary name of its own, renamed into place: two builds at once, or one killed
        # mid-way, never leave a half-written package under the final name.
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".part"
        )
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(datapackage_zip())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in folder.glob("datapackage-*.zip"):
            if old != path:
                old.unlink(missing_ok=True)
    return path

"""The open-data package, downloadable whole."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from ninja import Router

from sinergia.opendata.package import datapackage_file

router = Router(tags=["open data"])


@router.get(
    "/export/datapackage.zip",
    summary="Everything public, as a Frictionless Data Package",
    response={200: None},
    openapi_extra={
        "responses": {200: {"description": "A zip file", "content": {"application/zip": {}}}}
    },
)
def datapackage(request: HttpRequest) -> FileResponse:
    """The registry, memberships, meetings, sources, vocabulary and crosswalks, published
    practices, dialogue sessions and contributions, and the statistics: `datapackage.json`
    and one CSV per resource, each with its schema, sources and licence. Valid under
    `frictionless validate`."""
    path = datapackage_file()
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename="sinergia-datapackage.zip",
        content_type="application/zip",
    )

"""Server time and database queries of the main pages and API endpoints (in-process)."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from bench.timing import measure, percentile, summary

PAGES = [
    "/es/",
    "/es/mechanisms/",
    "/es/mechanisms/?subregion=caribbean&theme=trafficking-in-persons",
    "/en/mechanisms/OAS/",
    "/fr/countries/",
    "/pt/countries/COL/",
    "/es/themes/",
    "/es/themes/international-protection/",
    "/api/v1/mechanisms",
    "/api/v1/mechanisms/CRM",
    "/api/v1/countries",
    "/api/v1/themes",
]


def _count_queries(client: Client, path: str) -> int:
    executed: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    return len(executed)


def run(*, repeat: int = 30) -> dict[str, dict[str, float]]:
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    print(f"pages and API (server time in process, {repeat} requests each after one warm-up)")
    figures = {}
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        queries = _count_queries(client, path)
        seconds = measure(lambda path=path: client.get(path), repeat=repeat)
        size = len(response.content)
        print(f"  {path:<66} {summary(seconds)}, {queries} queries, {size / 1024:.0f} KiB")
        figures[path] = {
            "p50_ms": round(percentile(seconds, 0.5) * 1000, 2),
            "p95_ms": round(percentile(seconds, 0.95) * 1000, 2),
            "queries": queries,
        }
    return figures

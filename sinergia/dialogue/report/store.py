"""Reports built once per version of the data, kept in Django's default storage and served
from there.

A report is the file `reports/session-<id>/report.<language>.<version>.<format>`, where the
version is the data version's token (`sinergia.data_version`), which every public write
moves; a newer file replaces the older ones of the same session, language and format. Building is
bounded, so that asking for reports cannot exhaust the web workers:

- one build of a given report at a time, under a lock (`locks`); other requests wait for
  that build, at most `WAIT_SECONDS`, and no more of them than there are build slots;
- at most `SINERGIA_REPORT_BUILDS` builds at once on the machine (on all of them, when the
  cache is shared): one lock per slot; a request that finds no free slot does not wait;
- the slow part (writing the PDF or DOCX) runs in a thread of its own, which goes on after
  the request has stopped waiting for it and stores the file for the next request.

Meanwhile the older file, if there is one, is served; otherwise `ReportBusy`. The default
storage must be a file system (`FileSystemStorage`; shared between hosts, if several serve
the site): files are renamed into place there.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage

from sinergia.data_version import data_version
from sinergia.dialogue.models import Session
from sinergia.dialogue.report.build import report_build
from sinergia.dialogue.report.content import Report
from sinergia.dialogue.report.locks import POLL_SECONDS, Lock, lock_try
from sinergia.dialogue.report.render import report_render

logger = logging.getLogger(__name__)

FOLDER = "reports"
# Well inside the web workers' timeout; a longer wait would buy nothing, since the build
# goes on without the request.
WAIT_SECONDS = 10.0
RETRY_AFTER_SECONDS = 30


class ReportBusy(Exception):
    """No stored report to serve, and none can be built in time: ask again later."""

    retry_after_seconds = RETRY_AFTER_SECONDS


@dataclass
class StoredReport:
    """A stored report, open for reading (whoever serves it closes `file`)."""

    name: str  # in the default storage
    file: IO[bytes]
    size_bytes: int
    modified_at: datetime
    version: int
    current: bool  # False: built from older data, while a newer one cannot be built yet

    @property
    def etag(self) -> str:
        modified = int(self.modified_at.timestamp() * 1_000_000)
        return f'"{self.version:x}-{self.size_bytes:x}-{modified:x}"'


def report_version() -> int:
    """The version of the data a report is built from: the token of every domain's version.
    Not the time of the last change: a write is dated when its transaction began, so a long
    one in one domain may commit after a later one in another and leave that time as it was."""
    return data_version().token


def _root() -> Path:
    return Path(default_storage.path(FOLDER))


def _lock_try(path: Path, *, wait: bool = False) -> Lock | None:
    return lock_try(path, key=f"{FOLDER}/{path.relative_to(_root())}", wait=wait)


def _slot_try(kind: str, count: int, *, wait: bool) -> Lock | None:
    slots = [_root() / kind / f"slot-{index}.lock" for index in range(count)]
    while True:
        for slot in slots:
            lock = _lock_try(slot)
            if lock is not None:
                return lock
        if not wait:
            return None
        time.sleep(POLL_SECONDS)


def build_slot_try(*, wait: bool = False) -> Lock | None:
    """One of the machine's `SINERGIA_REPORT_BUILDS` build slots, or None when all are taken.
    A command (`wait`) always has at least one slot and waits for it."""
    count = max(settings.SINERGIA_REPORT_BUILDS, 1 if wait else 0)
    return _slot_try("builds", count, wait=wait)


def waiting_slot_try() -> Lock | None:
    """A place to wait for a build under way, as many as there are build slots: with the
    builds themselves, reports never keep more than twice that many web workers busy."""
    return _slot_try("waiting", settings.SINERGIA_REPORT_BUILDS, wait=False)


class _Place:
    """Where the reports of one session, language and format are kept."""

    def __init__(self, session: Session, language: str, fmt: str):
        self.folder = _root() / f"session-{session.pk}"
        self.language = language
        self.fmt = fmt
        self.pattern = re.compile(
            rf"report\.{re.escape(language)}\.(?P<version>\d+)\.{re.escape(fmt)}"
        )

    def path(self, version: int) -> Path:
        return self.folder / f"report.{self.language}.{version}.{self.fmt}"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"report.{self.language}.{self.fmt}.lock"

    def versions(self) -> list[int]:
        """The versions stored, the latest written first."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        found = [match for match in map(self.pattern.fullmatch, names) if match]

        def written(match: re.Match[str]) -> float:
            try:
                return os.stat(self.folder / match.string).st_mtime
            except FileNotFoundError:  # removed by a newer build meanwhile
                return 0.0

        return [int(match["version"]) for match in sorted(found, key=written, reverse=True)]

    def open(self, version: int, *, current: bool) -> StoredReport | None:
        path = self.path(version)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            return None
        status = os.fstat(handle.fileno())
        return StoredReport(
            name=f"{FOLDER}/{self.folder.name}/{path.name}",
            file=handle,
            size_bytes=status.st_size,
            modified_at=datetime.fromtimestamp(status.st_mtime, tz=UTC),
            version=version,
            current=current,
        )

    def older(self, version: int) -> StoredReport | None:
        """The newest file stored for other data than `version`, if any."""
        for stored in self.versions():
            if stored != version and (found := self.open(stored, current=False)):
                return found
        return None

    def write(self, version: int, content: bytes) -> None:
        """Store `content` under its final name at once (a temporary file, then a rename),
        then remove the other versions and anything a killed build left behind. Called
        with the lock of this place held."""
        path = self.path(version)
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=self.folder, prefix=f".{path.name}.", suffix=".part"
        )
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        leftovers = re.compile(rf"\.{self.pattern.pattern}\..+\.part")
        for name in os.listdir(self.folder):
            match = self.pattern.fullmatch(name)
            if (match and int(match["version"]) != version) or leftovers.fullmatch(name):
                (self.folder / name).unlink(missing_ok=True)


class _Build(threading.Thread):
    """Write a built report in its format and store it; then release the locks it holds."""

    def __init__(self, *, place: _Place, version: int, report: Report, locks: list[Lock]) -> None:
        super().__init__(name=place.path(version).name, daemon=True)
        self.place = place
        self.version = version
        self.report = report
        self.locks = locks
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.place.write(self.version, report_render(self.report, self.place.fmt))
        except BaseException as error:
            logger.exception("The report %s could not be written", self.name)
            self.error = error
        finally:
            for lock in self.locks:
                lock.release()


def _build_start(session: Session, place: _Place, version: int, locks: list[Lock]) -> _Build:
    """Read the report's data here (the database connection belongs to this thread) and
    write it in a thread of its own, which releases `locks` when done."""
    try:
        # Sinergia's own draft: the secretariat's open draft stays in its preview until final.
        report = report_build(session, place.language)
    except BaseException:
        for lock in locks:
            lock.release()
        raise
    build = _Build(place=place, version=version, report=report, locks=locks)
    build.start()
    return build


def report_file(
    *, session: Session, language: str, fmt: str, wait_seconds: float | None = None
) -> StoredReport:
    """The report of `session` in `language` and `fmt`, built from the current data if it is
    not stored yet, or else the older stored one while the new one cannot be had within
    `wait_seconds` (`WAIT_SECONDS`). Raises `ReportBusy` when there is neither."""
    deadline = time.monotonic() + (WAIT_SECONDS if wait_seconds is None else wait_seconds)
    place = _Place(session, language, fmt)
    version = report_version()
    waiting: Lock | None = None
    try:
        while True:
            if found := place.open(version, current=True):
                return found
            lock = _lock_try(place.lock_path)
            if lock is not None:
                break
            # Another request is building this report: serve the older one, or wait for it.
            if found := place.older(version):
                return found
            waiting = waiting or waiting_slot_try()
            if waiting is None or time.monotonic() >= deadline:
                raise ReportBusy
            time.sleep(POLL_SECONDS)
    finally:
        if waiting is not None:
            waiting.release()
    version = report_version()  # the data may have changed while waiting
    if found := place.open(version, current=True):
        lock.release()
        return found
    slot = build_slot_try()
    if slot is None:
        lock.release()
        if found := place.older(version):
            return found
        raise ReportBusy
    build = _build_start(session, place, version, [lock, slot])
    build.join(timeout=max(deadline - time.monotonic(), 0))
    if build.error is not None:
        raise build.error
    if found := place.open(version, current=True):
        return found
    if found := place.older(version):
        return found
    raise ReportBusy


def report_store(*, session: Session, language: str, fmt: str) -> StoredReport:
    """Build and store the report for the current data unless it is stored already, waiting
    as long as it takes for a slot (for commands, which have no time limit)."""
    place = _Place(session, language, fmt)
    lock = _lock_try(place.lock_path, wait=True)
    if lock is None:  # waiting ends with the lock
        raise ReportBusy
    version = report_version()
    if found := place.open(version, current=True):
        lock.release()
        return found
    slot = build_slot_try(wait=True)
    if slot is None:
        lock.release()
        raise ReportBusy
    build = _build_start(session, place, version, [lock, slot])
    build.join()
    if build.error is not None:
        raise build.error
    # A build for newer data may have replaced this one in the meantime: then store that.
    return place.open(version, current=True) or report_store(
        session=session, language=language, fmt=fmt
    )


def report_stored(*, session: Session, language: str, fmt: str) -> StoredReport | None:
    """The report stored for the current data, or else the newest older one (`current`
    False), or None: nothing is built. For pages that leave building to a worker."""
    place = _Place(session, language, fmt)
    version = report_version()
    return place.open(version, current=True) or place.older(version)

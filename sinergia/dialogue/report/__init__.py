"""The consolidated report of a dialogue session: one content model (`content`), built from
the data (`build`), written as HTML, PDF or DOCX (`render`), and kept once built for each
version of the data (`store`)."""

from sinergia.dialogue.report.build import Edits, report_build
from sinergia.dialogue.report.render import FORMATS, REPORT_CSP, report_render
from sinergia.dialogue.report.store import (
    ReportBusy,
    StoredReport,
    report_file,
    report_store,
    report_stored,
)

__all__ = [
    "FORMATS",
    "REPORT_CSP",
    "Edits",
    "ReportBusy",
    "StoredReport",
    "report_build",
    "report_file",
    "report_render",
    "report_store",
    "report_stored",
]

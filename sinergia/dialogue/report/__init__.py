"""The consolidated report of a dialogue session: one content model (`content`), built from
the data (`build`), written as HTML and PDF (`html`) and as DOCX (`docx`)."""

from sinergia.dialogue.report.build import report_build
from sinergia.dialogue.report.render import FORMATS, report_render

__all__ = ["FORMATS", "report_build", "report_render"]

"""Stage 7: reporters turn findings into text, JSON, SARIF or GitHub annotations."""

from deadlint.report.base import Located, Report, locate
from deadlint.report.formats import FORMATS, render

__all__ = ["FORMATS", "Located", "Report", "locate", "render"]

"""Stage 6: what rules report."""

from deadlint.findings.model import SEVERITIES, Finding, severity_rank

__all__ = ["SEVERITIES", "Finding", "severity_rank"]

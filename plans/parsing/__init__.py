"""Reading plan documents: raw tables (docx, xlsx, pdf, text), the appendix hierarchy, and the
Vietnamese phrases in its cells (deadlines, agencies, references, targets, results)."""

from plans.parsing.importer import PlanImportError, parse_file
from plans.parsing.narrative import Indicator, NarrativeReport, parse_narrative

__all__ = ["Indicator", "NarrativeReport", "PlanImportError", "parse_file", "parse_narrative"]

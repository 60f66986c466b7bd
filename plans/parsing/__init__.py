"""Reading plan documents: raw tables (docx, xlsx, pdf, text), the appendix hierarchy, and the
Vietnamese phrases in its cells (deadlines, agencies, references, targets, results)."""

from plans.parsing.importer import PlanImportError, parse_file

__all__ = ["PlanImportError", "parse_file"]

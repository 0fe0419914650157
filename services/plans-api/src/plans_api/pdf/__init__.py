"""The plan as a PDF: the published versions for everyone, any version staff may read."""

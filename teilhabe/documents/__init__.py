"""Rendering infrastructure: documents (PDF, later DOCX, ODT, XLSX) from templates.

It knows nothing of the domain: an app hands it a template and a context.
"""

"""Public pages and downloads of the integration monitoring."""

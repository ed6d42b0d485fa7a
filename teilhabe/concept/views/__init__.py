"""Views of the concept app: `public` (the pages) and `exports` (CSV, Excel, JSON)."""

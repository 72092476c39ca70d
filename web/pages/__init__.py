"""Server-rendered pages (HTML, no JavaScript needed to read and search)."""

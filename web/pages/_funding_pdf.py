"""The report page as PDF, made on the server with WeasyPrint (HTML and CSS to PDF).

The printed template is self-contained (inline CSS, no images), so the fetcher refuses
every URL: a report never makes WeasyPrint load anything, from the network or the disk.
"""

from __future__ import annotations

from typing import Any, NoReturn


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the report loads nothing: {url[:100]}")


def render_pdf(page: str) -> bytes:
    """The HTML ``page`` as PDF bytes (A4, as its CSS says)."""
    import weasyprint  # noqa: PLC0415 - loads pango on first use, not at every app start

    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=_no_fetch).write_pdf()
    return pdf

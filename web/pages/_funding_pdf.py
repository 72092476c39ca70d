"""The report page as PDF, made on the server with WeasyPrint (HTML and CSS to PDF).

The printed template has no images and its CSS comes from ``static/funding-print.css``
(read here, handed over as a string), so the fetcher refuses every URL: a report never
makes WeasyPrint load anything, from the network or the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

#: The A4 layout, a file like every other stylesheet (templates carry no inline style).
PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "funding-print.css"


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"the report loads nothing: {url[:100]}")


def render_pdf(page: str) -> bytes:
    """The HTML ``page`` as PDF bytes (A4, as its CSS says)."""
    import weasyprint  # noqa: PLC0415 - loads pango on first use, not at every app start

    css = weasyprint.CSS(string=PRINT_CSS.read_text(encoding="utf-8"), url_fetcher=_no_fetch)
    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=_no_fetch).write_pdf(stylesheets=[css])
    return pdf

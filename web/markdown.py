"""``longDescription`` Markdown (the publiccode.yml standard allows it) as safe HTML.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 (the Ammonia sanitiser)
then keeps only an allow-list of tags, so nothing a publisher writes can run a script or
style the page. Links keep only http(s) targets and get ``rel="nofollow noopener"``; images
are dropped, because the registry never hot-links third-party files (GDPR). Headings move
below the page's own ``h3`` so the document outline stays intact (WCAG 1.3.1).
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

__all__ = ["render_markdown"]

#: What a description may use: text structure, lists, code, tables and links.
TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "th": {"scope"}, "ol": {"start"}}
#: Longest description rendered; longer text is cut (the standard caps it at 10,000).
MAX_CHARS = 20_000
_OUTLINE_OFFSET = 3  # the description sits under an h3


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _keep_link(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if value.lower().startswith(("https://", "http://")) else None
    return value


def render_markdown(text: str | None) -> Markup:
    """Sanitised HTML for ``text``; empty for no text."""
    if not text:
        return Markup("")
    parser = _parser()
    tokens = parser.parse(text[:MAX_CHARS])
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + _OUTLINE_OFFSET)}"
    html = parser.renderer.render(tokens, parser.options, {})
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_keep_link,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 with an allow-list above

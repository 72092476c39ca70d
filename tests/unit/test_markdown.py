"""``longDescription`` Markdown becomes safe HTML: structure kept, anything active dropped."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from web.markdown import ATTRIBUTES, TAGS, render_markdown


class _Markup(HTMLParser):
    """Every element and attribute in the output, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _markup(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Markup()
    parser.feed(html)
    return parser.found


def test_structure_is_rendered_and_headings_stay_below_the_page_outline() -> None:
    html = render_markdown("# Überblick\n\n- eins\n- zwei\n\n**fett** und `code`\n\n## Mehr")
    assert "<h4>Überblick</h4>" in html and "<h5>Mehr</h5>" in html
    assert "<ul>" in html and "<li>eins</li>" in html
    assert "<strong>fett</strong>" in html and "<code>code</code>" in html
    assert "<h1" not in html and "<h2" not in html and "<h3" not in html


def test_tables_render_for_feature_lists() -> None:
    html = render_markdown("| Modul | Zweck |\n|---|---|\n| A | Melden |")
    assert "<table>" in html and "<td>Melden</td>" in html
    assert "style=" not in html  # alignment styles are dropped with the attribute


def test_links_keep_only_http_targets_and_are_nofollow() -> None:
    html = render_markdown("[ok](https://example.org/a) [rel](/admin) [mail](mailto:x@y.z)")
    assert '<a href="https://example.org/a" rel="nofollow noopener">ok</a>' in html
    assert 'href="/admin"' not in html and "mailto:" not in html


def test_images_are_dropped_so_nothing_is_hot_linked() -> None:
    html = render_markdown("![logo](https://tracker.example/pixel.png) Text")
    assert "<img" not in html and "tracker.example" not in html and "Text" in html


def test_raw_html_is_text() -> None:
    html = render_markdown("<script>alert(1)</script> <img src=x onerror=alert(2)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_empty_and_huge_descriptions() -> None:
    assert render_markdown(None) == "" and render_markdown("") == ""
    html = render_markdown("a" * 100_000)
    assert 19_000 < len(html) < 21_000  # cut, not rendered whole


@given(
    st.text(alphabet=st.sampled_from(list("<>\"'=/:[]()!*#`\\ ajvscriptonlerhf&;\n")), max_size=300)
)
def test_no_input_yields_markup_outside_the_allow_list(text: str) -> None:
    for tag, attrs in _markup(str(render_markdown(text))):
        assert tag in TAGS
        for name, value in attrs:
            assert name in ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            if name == "href":
                assert (value or "").startswith(("http://", "https://"))

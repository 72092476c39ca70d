"""What every page template receives: language, translator, helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine
from markupsafe import Markup, escape

from registry.catalogue import REMIND_BEFORE
from registry.db import utcnow
from registry.entries import vocab
from registry.facts import EVIDENCE_KINDS
from web.i18n import (
    Formats,
    choose_language,
    field_named,
    has_message,
    one_language,
    pick,
    translator,
)
from web.markdown import render_markdown
from web.pages._sparkline import HEIGHT, WIDTH, sparkline_points

#: Controlled vocabularies by the name templates use; their labels are the catalogue's
#: ``vocab.<name>.<key>`` messages.
VOCABULARIES: dict[str, Mapping[str, tuple[str, str]]] = {
    "domain": vocab.DOMAINS,
    "organisation_kind": vocab.ORGANISATION_KINDS,
    "offer": vocab.OFFER_KINDS,
    "adoption_role": vocab.ADOPTION_ROLES,
    "governance": vocab.GOVERNANCE,
    "software_type": vocab.SOFTWARE_TYPE_LABELS,
    "development_status": vocab.DEVELOPMENT_STATUS_LABELS,
    "platform": vocab.PLATFORM_LABELS,
}


def _labeller(t: Callable[..., str], lang: str) -> Callable[[str, str | None], str]:
    def label(kind: str, key: str | None) -> str:
        """A vocabulary value in words; a value outside the vocabulary as written. A key
        the catalogue lacks (test_pages_i18n fails on it) shows vocab.py's label meanwhile."""
        if key is None:
            return "–"
        pair = VOCABULARIES[kind].get(key)
        if pair is None:
            return key
        message = f"vocab.{kind}.{key}"
        return t(message) if has_message(message) else pair[0 if lang == "de" else 1]

    return label


def page_context(request: Request[Any, Any, Any], **values: Any) -> dict[str, Any]:
    """The base context: ``lang``, ``t``, ``pick`` and ``label`` plus the page's own values."""
    languages = request.app.state.settings.languages
    lang = choose_language(request, languages)
    t = translator(lang)
    label = _labeller(t, lang)
    # The language links must not carry an explicit ?lang= that would override the choice.
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])
    return {
        "lang": lang,
        "languages": languages,
        "t": t,
        "fmt": Formats(lang),
        "in_lang": lambda message: field_named(one_language(str(message), lang), t),
        "pick": lambda texts: pick(texts, lang),
        "label": label,
        "has_message": has_message,
        "observed": _observer(t),
        "evidence_line": _evidencer(t),
        "domain_label": lambda key: label("domain", key),
        "sparkline": sparkline_points,
        "sparkline_size": (WIDTH, HEIGHT),
        "path": request.url.path,
        "public_url": request.app.state.settings.public_url,  # absolute links: never from Host
        "here": request.url.path + (f"?{query}" if query else ""),
        "now": utcnow(),
        "soon": utcnow() + REMIND_BEFORE,
        **values,
    }


def web_link(url: object) -> str:
    """An outside URL for ``href``: only http(s); anything else (``javascript:``, ``data:``)
    becomes ``#``. Stored URLs come from imports and members, so the page must not trust them.
    """
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else "#"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _observer(t: Callable[..., str]) -> Callable[[object], str]:
    def observed(value: object) -> str:
        """What a check saw, in words: yes/no and vocabulary values translated."""
        text = str(value)
        for key in (text, f"maintenance.{text}", f"evidence.{text}"):
            if key in ("yes", "no") or ("." in key and has_message(key)):
                return t(key)
        return text

    return observed


def _evidencer(t: Callable[..., str]) -> Callable[[str], Markup]:
    def evidence(line: str) -> Markup:
        """An evidence line ("declared: entry licence"): level and source in words, the
        path or address as code."""
        level, colon, rest = line.partition(": ")
        if not colon or not has_message(f"evidence.{level}"):
            level, rest = "", line
        source, _, where = rest.partition(" ")
        parts = [escape(t(f"evidence.{level}")) + Markup(":")] if level else []
        if has_message(f"evidence_source.{source}"):
            parts.append(escape(t(f"evidence_source.{source}")))
        elif source:
            where = f"{source} {where}".strip()
        if where:
            parts.append(Markup("<code>{}</code>").format(where))
        return Markup(" ").join(parts)

    return evidence


def install_template_globals(engine: JinjaTemplateEngine) -> None:
    """Let templates rendered outside a page handler (error pages) build the base context."""
    engine.engine.globals["page_defaults"] = page_context
    engine.engine.globals["http_phrase"] = _phrase
    engine.engine.globals["evidence_kinds"] = EVIDENCE_KINDS  # interface evidence, strongest first
    engine.engine.filters["weblink"] = web_link
    engine.engine.filters["markdown"] = render_markdown
